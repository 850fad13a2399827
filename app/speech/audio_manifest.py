"""The manifest of rendered customer lines: one WAV per (text, voice, prosody), keyed by a hash.

`assets/audio/manifest.json` (pre-rendered by `roleplay render-audio` during the installer build)
and the user cache (lines rendered live at run time) use the same layout: `<lang>/<key>.wav`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from app.private_files import written_whole
from app.speech.prosody import SpeechProsody

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


def line_key(text: str, voice_id: str, prosody: SpeechProsody, engine: str = "pyttsx3") -> str:
    """sha256 of everything that changes the sound: text, engine, voice and prosody."""
    identity = {"text": text, "engine": engine, "voice": voice_id, "prosody": prosody.to_dict()}
    return hashlib.sha256(json.dumps(identity, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def line_file(lang: str, key: str) -> str:
    return f"{lang}/{key}.wav"


@dataclass(frozen=True)
class ManifestEntry:
    file: str  # relative to the manifest's folder, always with "/"
    text: str
    lang: str
    voice: str
    engine: str
    prosody: dict[str, float]
    duration_s: float
    scenarios: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["scenarios"] = list(self.scenarios)
        return data


class AudioManifest:
    def __init__(self, folder: Path, entries: dict[str, ManifestEntry] | None = None) -> None:
        self.folder = Path(folder)
        self.entries: dict[str, ManifestEntry] = dict(entries or {})

    @classmethod
    def load(cls, folder: Path) -> AudioManifest:
        """An empty manifest when there is none or it is unreadable (then lines render live)."""
        path = Path(folder) / MANIFEST_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            entries = {
                key: ManifestEntry(**{**value, "scenarios": tuple(value.get("scenarios", ()))})
                for key, value in raw.get("entries", {}).items()
            }
        except (OSError, ValueError, TypeError, AttributeError):
            entries = {}
        return cls(folder, entries)

    def path_for(self, key: str) -> Path | None:
        """The WAV for `key` when the manifest lists it and the file is really there."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        path = self.folder / entry.file
        return path if path.is_file() and path.stat().st_size > 44 else None

    def save(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / MANIFEST_NAME
        payload = {
            "version": MANIFEST_VERSION,
            "entries": {key: self.entries[key].to_dict() for key in sorted(self.entries)},
        }
        with written_whole(path) as out:
            out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return path

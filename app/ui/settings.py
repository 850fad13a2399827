"""The desktop app's settings, kept as a small JSON file in the user's config folder.

`ROLEPLAY_DATA_DIR` (set by the tests) puts it there instead, so tests never touch a user's
settings. Unknown or broken values fall back to the defaults; a broken file never stops the app.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app import resources

log = logging.getLogger(__name__)

UI_LANGUAGES = ("en", "zh_CN")


def config_dir() -> Path:
    return resources.user_config_dir()


def data_dir() -> Path:
    return resources.user_data_dir()


def cache_dir() -> Path:
    return resources.user_cache_dir()


def default_ui_language() -> str:
    wanted = os.environ.get("ROLEPLAY_LANG") or os.environ.get("LANG", "")
    return "zh_CN" if wanted.lower().startswith("zh") else "en"


@dataclass
class UiSettings:
    ui_language: str = field(default_factory=default_ui_language)
    input_device: str | None = None
    output_device: str | None = None
    tts_voice: dict[str, str] = field(default_factory=dict)  # language -> voice id
    endpoint_silence_s: float = 0.8
    subtitles: bool = True
    exam_mode: bool = False
    breathing_prompt: bool = True
    last_trainee_id: str | None = None


class SettingsFile:
    """Loads and saves `UiSettings` as JSON."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"

    def load(self) -> UiSettings:
        settings = UiSettings()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return settings
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file %s: %s", self.path, exc)
            return settings
        if not isinstance(data, dict):
            return settings
        for f in fields(UiSettings):
            if f.name in data:
                value = data[f.name]
                default = getattr(settings, f.name)
                if default is None or value is None or isinstance(value, type(default)) or (
                    isinstance(default, float) and isinstance(value, int)
                ):
                    setattr(settings, f.name, value)
        if settings.ui_language not in UI_LANGUAGES:
            settings.ui_language = "en"
        settings.endpoint_silence_s = float(min(3.0, max(0.3, settings.endpoint_silence_s)))
        return settings

    def save(self, settings: UiSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(self.path)

"""Where Vosk models are found, in this order: an explicit path, the environment variable
(`ROLEPLAY_VOSK_MODEL_EN` / `ROLEPLAY_VOSK_MODEL_ZH`), the user data folder
(`<user data>/models/<lang>/<name>/`), then the bundled `assets/models/<lang>/`."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.resources import bundled_models_dir
from app.speech.errors import ModelNotFoundError
from app.speech.locations import user_models_dir

MODEL_MARKER = ".roleplay-model.json"  # written by `roleplay models import`


def env_var_for(lang: str) -> str:
    return f"ROLEPLAY_VOSK_MODEL_{lang.upper()}"


def looks_like_vosk_model(path: Path) -> bool:
    return (path / "am" / "final.mdl").is_file() or (path / "conf" / "model.conf").is_file()


@dataclass(frozen=True)
class ModelLocation:
    lang: str
    path: Path
    source: str  # "explicit", "env", "user" or "bundled"

    @property
    def name(self) -> str:
        return self.path.name

    def to_dict(self) -> dict[str, str]:
        return {"engine": "vosk", "lang": self.lang, "name": self.name, "path": str(self.path), "source": self.source}


def _imported_at(path: Path) -> float:
    try:
        return float(json.loads((path / MODEL_MARKER).read_text(encoding="utf-8"))["imported_at"])
    except (OSError, ValueError, KeyError, TypeError):
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0


def models_in(folder: Path) -> list[Path]:
    """The models in a language folder, newest first: the folder itself, or its sub-folders."""
    if not folder.is_dir():
        return []
    if looks_like_vosk_model(folder):
        return [folder]
    found = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and looks_like_vosk_model(p)]
    return sorted(found, key=lambda p: (-_imported_at(p), p.name))


def _checked(path: Path, lang: str, source: str, var: str | None = None) -> ModelLocation:
    if not path.is_dir() or not looks_like_vosk_model(path):
        found = models_in(path)
        if found:
            return ModelLocation(lang, found[0], source)
        if var is not None:
            raise ModelNotFoundError("speech.err.model_env_missing", var=var, path=str(path))
        key = "speech.err.model_missing" if not path.exists() else "speech.err.model_invalid"
        raise ModelNotFoundError(key, path=str(path))
    return ModelLocation(lang, path, source)


def find_vosk_model(lang: str, explicit: str | Path | None = None, *,
                    excluding: Path | None = None) -> ModelLocation | None:
    """The model to use for `lang`, or None when there is none (`excluding` one installed model: what
    would be used once it is removed). A path given explicitly or through the environment that is
    not a model is an error (ModelNotFoundError), never silently skipped."""
    if explicit is not None:
        return _checked(Path(explicit).expanduser(), lang, "explicit")
    var = env_var_for(lang)
    if os.environ.get(var):
        return _checked(Path(os.environ[var]).expanduser(), lang, "env", var)
    for root, source in ((user_models_dir(), "user"), (bundled_models_dir(), "bundled")):
        found = [path for path in models_in(root / lang) if path != excluding]
        if found:
            return ModelLocation(lang, found[0], source)
    return None


def installed_models() -> list[ModelLocation]:
    """Every Vosk model the app can see, for `roleplay models list`."""
    seen: list[ModelLocation] = []
    for root, source in ((user_models_dir(), "user"), (bundled_models_dir(), "bundled")):
        if not root.is_dir():
            continue
        for lang_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            seen.extend(ModelLocation(lang_dir.name, path, source) for path in models_in(lang_dir))
    for var_lang in ("en", "zh"):
        value = os.environ.get(env_var_for(var_lang))
        if value and looks_like_vosk_model(Path(value)):
            seen.insert(0, ModelLocation(var_lang, Path(value), "env"))
    return seen

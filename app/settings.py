"""The one owner of the user's `settings.json`: loaded and saved whole, for the desktop app, the
storage location (`database_url`, `trainee`), the scoring policy (`scoring`) and the command line.

- Keys this module does not know are kept as they are when the file is saved (a newer version's
  settings, or IT's additions), and so are the keys the app's Settings page does not show.
- A value of the wrong type, or a file that is not JSON, is a `SettingsProblem`: the app reports
  it, runs on the defaults, and never overwrites the file (saving is refused until it is fixed).
- Writes go to a temporary file that replaces the old one, so a crash never leaves half a file.

`ROLEPLAY_DATA_DIR` (set by the tests) puts the file there instead of the user config folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from app import resources

SETTINGS_FILE_NAME = "settings.json"
UI_LANGUAGES = ("en", "zh_CN")


def default_ui_language() -> str:
    wanted = os.environ.get("ROLEPLAY_LANG") or os.environ.get("LANG", "")
    return "zh_CN" if wanted.lower().startswith("zh") else "en"


@dataclass
class UiSettings:
    """What the desktop app's Settings page and windows change."""

    ui_language: str = field(default_factory=default_ui_language)
    input_device: str | None = None
    output_device: str | None = None
    tts_voice: dict[str, str] = field(default_factory=dict)  # language -> voice id
    endpoint_silence_s: float = 0.8
    subtitles: bool = True
    exam_mode: bool = False
    breathing_prompt: bool = True
    last_trainee_id: str | None = None
    library_filter: dict[str, object] = field(default_factory=dict)  # emotion, family, difficulty, language
    window_geometry: dict[str, dict[str, str]] = field(default_factory=dict)  # window -> screen -> geometry


# The type every known key must have (None allowed where the default is None). `database_url` and
# `trainee` are IT's and the storage location's; `scoring` is the call centre's scoring policy
# (checked in detail by `app.domain.scoring.policy`).
_TYPES: dict[str, tuple[type, ...]] = {
    "ui_language": (str,), "input_device": (str, type(None)), "output_device": (str, type(None)),
    "tts_voice": (dict,), "endpoint_silence_s": (int, float), "subtitles": (bool,), "exam_mode": (bool,),
    "breathing_prompt": (bool,), "last_trainee_id": (str, type(None)), "library_filter": (dict,),
    "window_geometry": (dict,),
    "database_url": (str, type(None)), "trainee": (str, type(None)), "scoring": (dict, type(None)),
}
_TYPE_NAMES = {str: "text", dict: "an object", bool: "true or false", int: "a number", float: "a number",
               type(None): "null"}


class SettingsProblem(Exception):
    """The settings file cannot be used as it is. `path` is the file; `detail` says what is wrong
    (in English, for the log; the app shows its own translated message with the path)."""

    def __init__(self, path: Path, detail: str, key: str | None = None) -> None:
        super().__init__(f"{path}: {detail}")
        self.path, self.detail, self.key = path, detail, key


def settings_path(env: Mapping[str, str] | None = None) -> Path:
    """The user's settings file (`env`: the environment to read `ROLEPLAY_DATA_DIR` from, when
    not this process's)."""
    return resources.user_config_dir(env) / SETTINGS_FILE_NAME


def _check(path: Path, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise SettingsProblem(path, "expected a JSON object of settings")
    for key, allowed in _TYPES.items():
        if key in data and (not isinstance(data[key], allowed) or (bool not in allowed and isinstance(data[key], bool))):
            wanted = " or ".join(dict.fromkeys(_TYPE_NAMES[t] for t in allowed))
            raise SettingsProblem(path, f"'{key}' must be {wanted}, not {json.dumps(data[key])[:40]}", key)
    return data


class SettingsFile:
    """The whole settings file. `load()` reads it (a missing file is empty settings); `problem`
    is set when it could not be used, and `save`/`update` then refuse to touch it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.problem: SettingsProblem | None = None

    def read(self) -> dict[str, Any]:
        """Every key of the file; raises `SettingsProblem` for a broken file."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise SettingsProblem(self.path, f"cannot be read ({error.strerror or error})") from error
        try:
            data = json.loads(text) if text.strip() else {}
        except ValueError as error:
            raise SettingsProblem(self.path, f"is not valid JSON ({error})") from error
        return _check(self.path, data)

    def values(self) -> dict[str, Any]:
        """Every key of the file, or {} (with `problem` set) when it is broken."""
        try:
            data = self.read()
        except SettingsProblem as problem:
            self.problem = problem
            return {}
        self.problem = None
        return data

    def load(self) -> UiSettings:
        """The app's settings from the file (defaults for what is missing or when it is broken)."""
        data = self.values()
        settings = UiSettings()
        for f in fields(UiSettings):
            if f.name in data:
                setattr(settings, f.name, data[f.name])
        if settings.ui_language not in UI_LANGUAGES:
            settings.ui_language = "en"
        settings.endpoint_silence_s = float(min(3.0, max(0.3, settings.endpoint_silence_s)))
        return settings

    def save(self, settings: UiSettings) -> None:
        """Write the app's settings, keeping every other key of the file."""
        self.update({f.name: getattr(settings, f.name) for f in fields(UiSettings)})

    def update(self, changes: Mapping[str, Any]) -> None:
        """Set some keys (a value of None removes an IT key such as `database_url`), keeping the
        others. Raises `SettingsProblem` rather than overwrite a file that could not be read, and
        OSError when the folder cannot be written."""
        data = dict(self.read())  # raises for a broken file: it is left as it was
        self.problem = None
        data.update(changes)
        _check(self.path, data)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        tmp.replace(self.path)


def load_settings(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The user's settings as a dict, for readers that need one key (a broken file reads as empty:
    the app reports it through `SettingsFile.problem`)."""
    return SettingsFile(settings_path(env)).values()


def load_site_settings() -> dict[str, Any]:
    """IT's read-only `site-settings.json` (see `app.resources.site_settings_path`), or {}."""
    path = resources.site_settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}

"""Where the speech layer keeps per-user files: imported models (data) and rendered audio (cache).

`ROLEPLAY_DATA_DIR` overrides the user data folder (tests set it); `ROLEPLAY_CACHE_DIR` overrides the
cache folder, which otherwise sits inside `ROLEPLAY_DATA_DIR` when that is set, so a test never
touches a real user's cache.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "RolePlayTrainer"


def user_data_dir() -> Path:
    override = os.environ.get("ROLEPLAY_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def user_cache_dir() -> Path:
    override = os.environ.get("ROLEPLAY_CACHE_DIR")
    if override:
        return Path(override)
    data_override = os.environ.get("ROLEPLAY_DATA_DIR")
    if data_override:
        return Path(data_override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False))


def user_models_dir() -> Path:
    """Imported Vosk models: `<user data>/models/<lang>/<model name>/`."""
    return user_data_dir() / "models"


def rendered_audio_cache_dir() -> Path:
    """Customer lines rendered live at run time (not pre-rendered into assets/audio/)."""
    return user_cache_dir() / "audio"

"""Where the speech layer keeps per-user files: imported models (data) and rendered audio (cache).

`ROLEPLAY_DATA_DIR` overrides the user data folder (tests set it); `ROLEPLAY_CACHE_DIR` overrides the
cache folder, which otherwise sits inside `ROLEPLAY_DATA_DIR` when that is set, so a test never
touches a real user's cache.
"""

from __future__ import annotations

from pathlib import Path

from app import resources


def user_models_dir() -> Path:
    """Imported Vosk models: `<user data>/models/<lang>/<model name>/`."""
    return resources.user_data_dir() / "models"


def rendered_audio_cache_dir() -> Path:
    """Customer lines rendered live at run time (not pre-rendered into assets/audio/)."""
    return resources.user_cache_dir() / "audio"

"""Where the app finds its bundled, read-only resources (scenarios, audio, models, migrations).

From a source checkout they sit at the repository root; in a PyInstaller build they sit in the
bundle directory (`sys._MEIPASS`). Environment variables override both.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def scenarios_dir() -> Path:
    override = os.environ.get("ROLEPLAY_SCENARIOS")
    return Path(override) if override else resource_root() / "scenarios"


def audio_dir() -> Path:
    override = os.environ.get("ROLEPLAY_AUDIO_DIR")
    return Path(override) if override else resource_root() / "assets" / "audio"


def bundled_models_dir() -> Path:
    return resource_root() / "assets" / "models"


def migrations_dir() -> Path:
    return resource_root() / "db"


PORTABLE_DATA_FOLDER = "data"


def portable_data_dir() -> Path | None:
    """A `data/` folder next to the frozen executable (USB-stick use), when it exists."""
    if not getattr(sys, "frozen", False):
        return None
    candidate = Path(sys.executable).resolve().parent / PORTABLE_DATA_FOLDER
    return candidate if candidate.is_dir() else None


def user_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the user's data lives: `ROLEPLAY_DATA_DIR`, else a portable `data/` folder next to the
    frozen executable, else the platform's user data folder. Never inside the install folder.
    `env`: the environment to read (another process's), when not this one's."""
    override = (os.environ if env is None else env).get("ROLEPLAY_DATA_DIR")
    if override:
        return Path(override).expanduser()
    portable = portable_data_dir()
    if portable is not None:
        return portable
    import platformdirs

    from app import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the user's settings live: the data folder when it is overridden or portable, else the
    platform's user config folder."""
    if (os.environ if env is None else env).get("ROLEPLAY_DATA_DIR") or portable_data_dir() is not None:
        return user_data_dir(env)
    import platformdirs

    from app import APP_NAME

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


SITE_SETTINGS_FILE = "site-settings.json"


def site_settings_path() -> Path | None:
    """IT's silent configuration: `site-settings.json` next to the executable (frozen app) or in the
    repository root (from source), or the file `ROLEPLAY_SITE_SETTINGS` names. Read only, never written."""
    override = os.environ.get("ROLEPLAY_SITE_SETTINGS")
    if override:
        return Path(override)
    base = Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else resource_root()
    return base / SITE_SETTINGS_FILE


def user_cache_dir() -> Path:
    """Re-creatable files (rendered speech, compiled translations): `ROLEPLAY_CACHE_DIR`, else under
    the data folder when it is overridden or portable, else the platform's cache folder."""
    override = os.environ.get("ROLEPLAY_CACHE_DIR")
    if override:
        return Path(override)
    if os.environ.get("ROLEPLAY_DATA_DIR") or portable_data_dir() is not None:
        return user_data_dir() / "cache"
    import platformdirs

    from app import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))

"""Where the app finds its bundled, read-only resources (scenarios, audio, models, migrations).

From a source checkout they sit at the repository root; in a PyInstaller build they sit in the
bundle directory (`sys._MEIPASS`). Environment variables override both.
"""

from __future__ import annotations

import os
import sys
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

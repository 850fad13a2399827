"""Where the data lives: the user data folder, the settings file and the database URL.

Order of precedence for the database: an explicit URL, then `ROLEPLAY_DATABASE_URL`, then
`database_url` in the settings file (`settings.json` in the user config folder), then `database_url`
in IT's `site-settings.json` next to the executable, then SQLite in the data folder.
The settings file is read through `app.settings`, its one owner, and the folders come from
`app.resources` (`ROLEPLAY_DATA_DIR`, a portable `data/` folder next to a frozen app, or the
platform's user data and config folders).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app import resources
from app.settings import SettingsFile, SettingsProblem, load_settings, load_site_settings, settings_path
from app.storage.errors import SettingsUnreadableError

DATABASE_FILE_NAME = "roleplay.sqlite3"


def default_sqlite_path(env: Mapping[str, str] | None = None) -> Path:
    return resources.user_data_dir(env) / DATABASE_FILE_NAME


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{Path(path).resolve()}"


def resolve_database_url(explicit: str | None = None, env: Mapping[str, str] | None = None) -> URL:
    variables = os.environ if env is None else env
    raw = explicit or variables.get("ROLEPLAY_DATABASE_URL")
    if not raw:
        try:  # a settings file that cannot be read may name another database: never guess
            raw = SettingsFile(settings_path(env)).read().get("database_url")
        except SettingsProblem as problem:
            raise SettingsUnreadableError(problem.detail, path=str(problem.path)) from problem
    raw = raw or load_site_settings().get("database_url")
    if not raw:
        return make_url(sqlite_url(default_sqlite_path(env)))
    url = make_url(str(raw))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")  # the driver the app ships
    if url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    return url


def describe_url(url: URL) -> str:
    """The URL for people to read: never shows a password."""
    return url.render_as_string(hide_password=True)


def default_trainee_name(env: Mapping[str, str] | None = None) -> str:
    """The trainee to record sessions for when none is given: the settings, then the OS user."""
    env = os.environ if env is None else env
    name = env.get("ROLEPLAY_TRAINEE") or load_settings(env).get("trainee")
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        return getpass.getuser() or "trainee"
    except (KeyError, OSError):  # no user name in a bare container or service account
        return "trainee"

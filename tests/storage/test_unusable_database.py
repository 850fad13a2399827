"""A database the app cannot use as it is (issue 17, items 15 and 17): a damaged schema page, two
rows in `alembic_version`, a version that does not match the tables, a full disk at start, a
read-only folder or file, another program holding the write lock. Each says what is wrong and
what IT can do, in both languages, as one line with no traceback, and changes nothing; what can
be read is still read. Real SQLite files (PostgreSQL where it behaves differently), the command
line in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.storage import Database, SessionRepository
from app.storage.errors import SchemaVersionConflictError, UpgradeReadOnlyError
from app.storage.migrations import backup_sqlite, downgrade_schema
from tests.conftest import REPO_ROOT
from tests.storage.conftest import (
    STEADY_REPLIES,
    TRAINER_PASSWORD,
    cli_env,
    pg_admin_url,
    python_cli,
    record_call,
    trainer_cli,
)
from tests.storage.test_faults import run_in_read_only_dir

pytestmark = pytest.mark.slow


def run(env: dict[str, str], *args: str, lang: str = "en") -> subprocess.CompletedProcess:
    return subprocess.run(python_cli(*args), capture_output=True, text=True, timeout=180,
                          env={**env, "ROLEPLAY_LANG": lang})


def one_clean_line(proc: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backups(path: Path) -> list[Path]:
    folder = path.parent / "backups"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def stored(db_url, library) -> str:
    """The database under test, at the current schema, holding one session of trainee Ro."""
    with Database.open(db_url) as database:
        record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"], STEADY_REPLIES[:1],
                    trainee="Ro")
    return db_url


def sqlite_file(db_url: str) -> Path:
    return Path(db_url.split("///", 1)[1])


def schema_pages(path: Path) -> list[int]:
    """The pages holding table definitions (sqlite_schema's leaves)."""
    with sqlite3.connect(path) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = path.read_bytes()
    return [n for n in range(len(data) // size) if b"CREATE TABLE" in data[n * size:(n + 1) * size]], size


# -- item 15: a damaged file, two versions, a stale version, a full disk ---------------------------
def test_a_damaged_schema_page_names_the_backup_to_restore(tmp_path, library):
    db_url = f"sqlite+pysqlite:///{tmp_path / 'data' / 'roleplay.sqlite3'}"
    with Database.open(db_url) as database:
        record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"], STEADY_REPLIES[:1])
    path = sqlite_file(db_url)
    backup = backup_sqlite(path, "before-0005")
    pages, size = schema_pages(path)
    with path.open("r+b") as handle:  # a page of table definitions overwritten
        handle.seek(pages[-1] * size + 8)
        handle.write(b"\xff" * (size - 8))
    before = digest(path)
    env = cli_env(db_url, tmp_path / "data")

    listed = run(env, "sessions", "list", "--trainee", "Alice")
    line = one_clean_line(listed)
    assert listed.returncode == 3 and "is damaged" in line and f"copy {backup} over {path}" in line
    zh = one_clean_line(run(env, "sessions", "list", "--trainee", "Alice", lang="zh"))
    assert "已损坏" in zh and str(backup) in zh

    check = run(env, "db", "check")
    assert check.returncode == 1 and "1 problem(s) found." in check.stdout
    assert "unreadable: " in check.stderr and str(backup) in check.stderr and "Traceback" not in check.stderr
    assert "发现 1 个问题" in run(env, "db", "check", lang="zh").stdout

    backup.unlink()  # no backup: the message says where else to look
    assert "There is no backup beside it" in one_clean_line(run(env, "sessions", "list", "--trainee", "Alice"))
    assert digest(path) == before and not (tmp_path / "data" / "crash.log").exists()


def test_two_schema_versions_are_named_and_nothing_changes(stored, engine_name, tmp_path):
    engine = create_engine(stored)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0004')"))
    with pytest.raises(SchemaVersionConflictError):
        Database.open(stored)
    env = cli_env(stored, tmp_path / "data")
    listed = run(env, "sessions", "list", "--trainee", "Ro")
    line = one_clean_line(listed)
    assert listed.returncode == 3 and "more than one schema version (0004, 0005)" in line
    assert "alembic_version" in line
    assert "多个结构版本（0004, 0005）" in one_clean_line(run(env, "sessions", "list", "--trainee", "Ro", lang="zh"))
    check = run(env, "db", "check")
    assert check.returncode == 1 and "more than one schema version" in check.stderr
    with engine.connect() as connection:
        assert sorted(connection.execute(text("SELECT version_num FROM alembic_version")).scalars()) == ["0004", "0005"]
    engine.dispose()


def test_a_version_that_does_not_match_the_tables_is_not_copied_at_every_start(stored, engine_name, tmp_path):
    """The tables are at 0005 but the version says 0004: the upgrade cannot work. It is rolled
    back, and its copy removed again, at every start; the message names the earlier backup."""
    earlier = backup_sqlite(sqlite_file(stored), "before-0005") if engine_name == "sqlite" else None
    engine = create_engine(stored)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    env = cli_env(stored, tmp_path / "data")
    for _ in range(3):
        listed = run(env, "sessions", "list", "--trainee", "Ro")
        line = one_clean_line(listed)
        assert listed.returncode == 3 and "could not be upgraded from schema 0004 to 0005" in line
        assert "left exactly as it was" in line
    if earlier is not None:
        assert backups(sqlite_file(stored)) == [earlier] and str(earlier) in line  # no new copy
    assert "无法从结构版本 0004 升级到 0005" in one_clean_line(run(env, "sessions", "list", "--trainee", "Ro",
                                                                   lang="zh"))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0004"
    engine.dispose()


FULL_DISK_DRIVER = r"""
import json, os, shutil, subprocess, sys
mount, data, source, env = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % sys.argv[5], "tmpfs", mount], check=True)
os.makedirs(data)
shutil.copy(source, os.path.join(data, "roleplay.sqlite3"))
with open(os.path.join(mount, "filler"), "wb", buffering=0) as filler:  # the rest of the disk, taken
    try:
        while True:
            filler.write(b"\0" * 4096)
    except OSError:
        pass
results = {}
for lang in ("en", "zh"):
    proc = subprocess.run([sys.executable, "-m", "app", "sessions", "list", "--trainee", "Ro"], capture_output=True,
                          text=True, env={**env, "ROLEPLAY_LANG": lang}, timeout=120)
    results[lang] = [proc.returncode, proc.stderr]
copies = os.path.join(data, "backups")
results["backups"] = sorted(os.listdir(copies)) if os.path.isdir(copies) else None
results["same"] = open(source, "rb").read() == open(os.path.join(data, "roleplay.sqlite3"), "rb").read()
print(json.dumps(results))
"""


def run_on_a_full_disk(tmp_path: Path, source: Path, disk_size: str) -> dict:
    """Copy `source` to a small disk of its own (a tmpfs in a private mount namespace), fill the disk
    and start `sessions list` on it."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is needed for a disk of the test's own")
    mount = Path(tempfile.mkdtemp(prefix="roleplay-full-"))
    data = mount / "data"
    prefix = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        prefix = ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]
    env = {**cli_env(f"sqlite+pysqlite:///{data / 'roleplay.sqlite3'}", data), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        proc = subprocess.run([*prefix, sys.executable, "-c", FULL_DISK_DRIVER, str(mount), str(data), str(source),
                               json.dumps(env), disk_size], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300)
    finally:
        shutil.rmtree(mount, ignore_errors=True)
    if proc.returncode != 0 and ("mount" in proc.stderr or "unshare" in proc.stderr):
        pytest.skip(f"cannot mount a small disk here: {proc.stderr.strip()[-200:]}")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_full_disk_at_start_says_so(tmp_path, library):
    source = tmp_path / "roleplay.sqlite3"
    with Database.open(f"sqlite+pysqlite:///{source}") as database:
        record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"], STEADY_REPLIES[:1],
                    trainee="Ro")
    results = run_on_a_full_disk(tmp_path, source, "1m")
    for lang, words in (("en", "is full, so the app cannot open it"), ("zh", "已满")):
        code, stderr = results[lang]
        assert code == 3 and words in stderr and "disk I/O error" not in stderr and "Traceback" not in stderr, stderr
    assert results["same"] and results["backups"] is None  # not even an empty folder


def test_a_full_disk_before_an_upgrade_leaves_no_half_copy(tmp_path, library):
    source = tmp_path / "roleplay.sqlite3"
    with Database.open(f"sqlite+pysqlite:///{source}") as database:
        record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"], STEADY_REPLIES[:1],
                    trainee="Ro")
        downgrade_schema(database.engine, "0004")  # an upgrade is due, and its copy does not fit
    results = run_on_a_full_disk(tmp_path, source, "1m")
    code, stderr = results["en"]
    assert code == 3 and "is full" in stderr and "Traceback" not in stderr, stderr
    assert results["same"] and results["backups"] is None  # not even an empty folder


# -- item 17: read-only, and another program writing ---------------------------------------------
def test_a_read_only_folder_still_reads_and_refuses_writes_clearly(tmp_path, library):
    folder = Path(tempfile.mkdtemp(prefix="roleplay-ro-"))
    try:
        data = folder / "data"
        db_url = f"sqlite+pysqlite:///{data / 'roleplay.sqlite3'}"
        with Database.open(db_url) as database:
            recorder = record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"],
                                   STEADY_REPLIES[:1], trainee="Ro")
        trainer = trainer_cli(db_url)
        env = {**cli_env(db_url, data), "PYTHONDONTWRITEBYTECODE": "1"}
        before = digest(data / "roleplay.sqlite3")
        out = tmp_path / "sessions.csv"
        session_id = str(recorder.session_uuid)
        reads = {
            "list": (python_cli("sessions", "list", "--trainee", "Ro"), session_id),
            "list as a trainer": (python_cli("sessions", "list", *trainer, "--json"), session_id),
            "show": (python_cli("sessions", "show", "--trainee", "Ro", session_id), STEADY_REPLIES[0]),
            "export": (python_cli("sessions", "export", *trainer, "--format", "csv", "--out", str(out)), "exported"),
            "check": (python_cli("db", "check"), "No problems found."),
        }
        for name, (args, expected) in reads.items():
            proc = run_in_read_only_dir(data, args, env)
            assert proc.returncode == 0 and expected in proc.stdout + proc.stderr, (name, proc.stderr)
        assert session_id in out.read_text(encoding="utf-8")

        exported = tmp_path / "sessions.json"
        assert subprocess.run(python_cli("sessions", "export", *trainer, "--format", "json", "--out", str(exported)),
                              env=env, capture_output=True, timeout=120).returncode == 0
        writes = {"import": python_cli("sessions", "import", *trainer, str(exported)),
                  "trainers add": python_cli("trainers", "add", "Bea"),
                  "play": python_cli("play", "en-complaint-late-parcel", "--text", "--trainee", "Ro")}
        for name, args in writes.items():
            proc = run_in_read_only_dir(data, args, env, stdin=STEADY_REPLIES[0] + "\n")
            assert proc.returncode == 3, (name, proc.stderr)
            assert f"Cannot save sessions: {data} is read-only" in proc.stderr and "Traceback" not in proc.stderr
        zh = run_in_read_only_dir(data, python_cli("trainers", "add", "Bea"), {**env, "ROLEPLAY_LANG": "zh"})
        assert "只读" in zh.stderr
        assert digest(data / "roleplay.sqlite3") == before

        with Database.open(db_url) as database:  # a database that needs an upgrade cannot get one here
            downgrade_schema(database.engine, "0004")
        before = digest(data / "roleplay.sqlite3")
        proc = run_in_read_only_dir(data, python_cli("sessions", "list", "--trainee", "Ro"), env)
        line = one_clean_line(proc)
        assert proc.returncode == 3 and "needs an upgrade to schema 0005 (it has 0004), but it is read-only" in line
        assert digest(data / "roleplay.sqlite3") == before and backups(data / "roleplay.sqlite3") == []
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a file whatever its permission bits say")
def test_a_read_only_file_still_reads(tmp_path, library):
    db_url = f"sqlite+pysqlite:///{tmp_path / 'data' / 'roleplay.sqlite3'}"
    with Database.open(db_url) as database:
        record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"], STEADY_REPLIES[:1],
                    trainee="Ro")
    path = sqlite_file(db_url)
    path.chmod(0o400)
    try:
        env = cli_env(db_url, tmp_path / "data")
        listed = run(env, "sessions", "list", "--trainee", "Ro", "--json")
        assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1, listed.stderr
        added = run(env, "trainers", "add", "Bea")
        assert added.returncode == 3 and f"{path} is read-only" in one_clean_line(added)
    finally:
        path.chmod(0o600)


def test_a_read_only_server_database_that_needs_an_upgrade_says_so(stored, engine_name):
    if engine_name != "postgresql":
        pytest.skip("SQLite's read-only cases are the folder and the file above")
    with Database.open(stored) as database:
        downgrade_schema(database.engine, "0004")
    with create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT").connect() as admin:
        name = create_engine(stored).url.database
        admin.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    with pytest.raises(UpgradeReadOnlyError) as caught:
        Database.open(stored)
    assert caught.value.values["old"] == "0004" and caught.value.values["new"] == "0005"


def test_another_program_holding_the_write_lock(tmp_path, library):
    """Reading answers while another program holds the write lock; a command that must write says
    the database is locked, and changes nothing (a trainer's sign-in must count the attempt, so it
    waits for the lock like any write)."""
    db_url = f"sqlite+pysqlite:///{tmp_path / 'data' / 'roleplay.sqlite3'}"
    with Database.open(db_url) as database:
        recorder = record_call(SessionRepository(database), library.scenarios["en-complaint-late-parcel"],
                               STEADY_REPLIES[:1], trainee="Ro")
        out = tmp_path / "sessions.json"
        SessionRepository(database).export_json(out.open("w", encoding="utf-8"))
    trainer = trainer_cli(db_url)
    env = {**cli_env(db_url, tmp_path / "data"), "ROLEPLAY_TRAINER_PASSWORD": TRAINER_PASSWORD}
    session_id = str(recorder.session_uuid)
    holder = sqlite3.connect(sqlite_file(db_url), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert session_id in run(env, "sessions", "list", "--trainee", "Ro").stdout
        assert STEADY_REPLIES[0] in run(env, "sessions", "show", "--trainee", "Ro", session_id).stdout
        check = run(env, "db", "check")
        assert check.returncode == 0 and "No problems found." in check.stdout, check.stderr
        for args in (("sessions", "import", *trainer, str(out)), ("trainers", "add", "Bea")):
            proc = run(env, *args)
            assert proc.returncode == 3 and "locked by another program" in one_clean_line(proc), proc.stderr
    finally:
        holder.rollback()
        holder.close()
    with Database.open(db_url) as database:
        assert [a.name for a in SessionRepository(database).trainer_accounts()] == ["Coach"]
        assert SessionRepository(database).check() == []

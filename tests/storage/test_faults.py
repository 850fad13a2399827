"""Fault tests: a locked database, a read-only folder or database, and a database that goes away
mid-session (PostgreSQL stopped; SQLite's disk full). Each gives the promised bilingual message,
keeps the turn in memory, retries it, and leaves no lost or half-written rows.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from app.cli.storage_support import storage_message
from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer
from app.storage import (
    CallRecorder,
    ConnectionLostError,
    Database,
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyError,
    SessionRepository,
)
from app.texts import msg
from tests.storage.conftest import STEADY_REPLIES, LiveProcess, cli_env, pg_admin_url, python_cli

pytestmark = pytest.mark.slow


@contextmanager
def locked(engine_name: str, database: Database, db_url: str):
    """Another program holding the database: an exclusive SQLite lock, or a PostgreSQL table lock."""
    if engine_name == "sqlite":
        holder = sqlite3.connect(database.sqlite_path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            holder.rollback()
            holder.close()
    else:
        engine = create_engine(db_url)
        with engine.connect() as holder:
            holder.execute(text("LOCK TABLE turns IN ACCESS EXCLUSIVE MODE"))
            try:
                yield
            finally:
                holder.rollback()
        engine.dispose()


def play_turns(recorder: CallRecorder, call: CallSession, replies) -> None:
    for reply in replies:
        recorder.record_turn(call.reply(reply))


def assert_exact_turns(repository: SessionRepository, session_uuid, replies) -> None:
    detail = repository.load_session(session_uuid)
    assert [t.reply_text for t in detail.turns] == list(replies)
    assert [t.index for t in detail.turns] == list(range(len(replies)))
    assert all(set(t.dimensions) == {"empathy", "forbidden", "structure"} for t in detail.turns)
    assert repository.check() == []


def assert_bilingual(error, *english_and_chinese: str) -> None:
    english, chinese = storage_message(error, "en"), storage_message(error, "zh")
    assert english != chinese
    assert english_and_chinese[0] in english and english_and_chinese[1] in chinese


# -- locked -------------------------------------------------------------------------------------
def test_a_locked_database_keeps_the_turn_and_retries(db_url, engine_name, parcel):
    database = Database.open(db_url, busy_timeout_s=0.3)
    repository = SessionRepository(database)
    recorder = CallRecorder(repository, "Alice", parcel)
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    play_turns(recorder, call, STEADY_REPLIES[:1])

    with locked(engine_name, database, db_url), pytest.raises(DatabaseLockedError) as caught:
        recorder.record_turn(call.reply(STEADY_REPLIES[1]))
    assert recorder.pending_turns == 1
    assert_bilingual(caught.value, "locked", "锁定")
    assert_exact_turns(repository, recorder.session_uuid, STEADY_REPLIES[:1])  # nothing half-written

    play_turns(recorder, call, STEADY_REPLIES[2:3])  # the next turn saves the waiting one first
    recorder.finish(call.hang_up())
    assert recorder.pending_turns == 0
    assert_exact_turns(repository, recorder.session_uuid, STEADY_REPLIES[:3])
    assert repository.load_session(recorder.session_uuid).summary.status == "finished"
    database.close()


def test_the_play_command_rides_out_a_lock(db_url, engine_name, tmp_path):
    with Database.open(db_url) as database:
        pass  # create the schema first, so the lock can be taken on it
    play = LiveProcess(python_cli("play", "en-complaint-late-parcel", "--text", "--trainee", "Lee"),
                       cli_env(db_url, tmp_path / "data"))
    play.send(STEADY_REPLIES[0])
    play.wait_for("-> ", "out")
    with Database.open(db_url) as database, locked(engine_name, database, db_url):
        play.send(STEADY_REPLIES[1])
        play.wait_for(msg("storage.locked", "en")[:40], "err")  # after the 5 s busy timeout
        play.wait_for(msg("storage.turn_kept", "en", count=1), "err")
        play.wait_for("-> ", "out")  # the call goes on
    play.send(STEADY_REPLIES[2])
    play.wait_for("-> ", "out")
    play.send("/hangup")
    assert play.finish() == 0, play.output("err")
    assert "Stored as session" in play.output("out")
    with Database.open(db_url) as database:
        repository = SessionRepository(database)
        [summary] = repository.list_sessions()
        assert summary.status == "finished"
        assert_exact_turns(repository, summary.uuid, STEADY_REPLIES[:3])


# -- read-only ----------------------------------------------------------------------------------
def run_in_read_only_dir(folder: Path, args: list[str], env: dict[str, str],
                         stdin: str = "") -> subprocess.CompletedProcess:
    """Run `args` with `folder` read-only. Root ignores permission bits, so as root the folder is
    made read-only with a bind mount in a private mount namespace that only this command sees."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(args, input=stdin, capture_output=True, text=True, env=env, timeout=120)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: cannot make a read-only folder")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    proc = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, str(folder), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=120)
    if "mount:" in proc.stderr or "unshare:" in proc.stderr:
        pytest.skip(f"cannot make a read-only bind mount here: {proc.stderr.strip()}")
    return proc


def sessions_json(env: dict[str, str], trainee: str = "Ro") -> list[dict]:
    proc = subprocess.run(python_cli("sessions", "list", "--json", "--trainee", trainee), capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_read_only_data_folder(db_url, engine_name):
    folder = Path(tempfile.mkdtemp(prefix="roleplay-ro-"))
    try:
        data = folder / "data"
        data.mkdir()
        if engine_name == "sqlite":
            db_url = f"sqlite+pysqlite:///{data / 'roleplay.sqlite3'}"
        env = {**cli_env(db_url, data), "PYTHONDONTWRITEBYTECODE": "1"}
        play_en = python_cli("play", "en-complaint-late-parcel", "--text", "--trainee", "Ro")
        play_zh = python_cli("play", "zh-complaint-lost-baggage", "--text", "--trainee", "Ro")

        # A first run in a read-only folder (a Chinese scenario: the message is in Chinese), with a
        # reply (a call hung up before its first reply keeps nothing anyway).
        proc = run_in_read_only_dir(data, play_zh, env, stdin="非常抱歉让您久等了。\n")
        if engine_name == "sqlite":
            assert proc.returncode == 3, proc.stderr
            assert "只读" in proc.stderr and str(data) in proc.stderr
            assert not (data / "roleplay.sqlite3").exists()
        else:  # the sessions live on the server: a read-only local folder does not matter
            assert proc.returncode == 0, proc.stderr
            assert [s["trainee"] for s in sessions_json(env)] == ["Ro"]

        # A folder that becomes read-only once it holds sessions: they stay exactly as they were.
        done = subprocess.run(play_en, input=STEADY_REPLIES[0] + "\n", capture_output=True, text=True, env=env,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        before = sessions_json(env)
        proc = run_in_read_only_dir(data, play_en, env, stdin=STEADY_REPLIES[0] + "\n")
        after = sessions_json(env)
        if engine_name == "sqlite":
            assert proc.returncode == 3 and "read-only" in proc.stderr, proc.stderr
            assert after == before
            with Database.open(db_url) as database:
                assert SessionRepository(database).check() == []
        else:
            assert proc.returncode == 0 and len(after) == len(before) + 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_read_only_database(db_url, engine_name, parcel, tmp_path):
    """SQLite: the file itself is read-only. PostgreSQL: the database only allows reading."""
    database = Database.open(db_url)
    repository = SessionRepository(database)
    recorder = CallRecorder(repository, "Alice", parcel)
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    play_turns(recorder, call, STEADY_REPLIES[:1])
    if engine_name == "sqlite":
        database.close()
        read_only = Database(database.url, create_engine(
            f"sqlite:///file:{database.sqlite_path}?mode=ro&uri=true"), None)
        repository = SessionRepository(read_only)
        recorder.repository = repository
    else:
        with create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT").connect() as admin:
            admin.exec_driver_sql(f'ALTER DATABASE "{database.url.database}" SET default_transaction_read_only = on')
        database.engine.dispose()  # new sessions pick the setting up

    with pytest.raises(ReadOnlyError) as caught:
        recorder.record_turn(call.reply(STEADY_REPLIES[1]))
    assert recorder.pending_turns == 1
    assert_bilingual(caught.value, "read-only", "只读")
    assert [t.reply_text for t in repository.load_session(recorder.session_uuid).turns] == [STEADY_REPLIES[0]]
    repository.database.close()


# -- the database goes away mid-session ---------------------------------------------------------
class PrivatePostgres:
    """A PostgreSQL server of the test's own (initdb in a temporary folder, a free loopback port),
    so stopping it cannot disturb anything else using the shared test server."""

    def __init__(self) -> None:
        bindir = os.environ.get("ROLEPLAY_PG_BINDIR") or next(
            iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
        if bindir is None or not Path(bindir, "initdb").exists():
            pg_admin_url()
            pytest.skip("PostgreSQL server binaries not found")
        self.bindir = Path(bindir)
        self.root = Path(tempfile.mkdtemp(prefix="roleplay-pg-private-"))
        self.root.chmod(0o755)
        self.pgdata = self.root / "data"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.pgdata), "-U", "roleplay", "--auth=trust", "-E", "UTF8")
        self.start()
        self.url = f"postgresql+psycopg://roleplay@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.pgdata), "-l", str(self.root / "server.log"), "-w", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.pgdata), "-w", "-m", "fast", "stop")

    def remove(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def database_gone(engine_name: str, database: Database, server: PrivatePostgres | None):
    """PostgreSQL: the server is stopped. SQLite: the disk fills up (no page may be added)."""
    if server is not None:
        server.stop()
        try:
            yield ConnectionLostError, ("database server", "数据库服务器")
        finally:
            server.start()
        return

    def no_more_pages(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(database.engine, "connect", no_more_pages)
    database.engine.dispose()
    try:
        yield DiskFullError, ("disk is full", "磁盘已满")
    finally:
        event.remove(database.engine, "connect", no_more_pages)
        database.engine.dispose()


def test_the_database_going_away_mid_session(db_url, engine_name, parcel):
    server = PrivatePostgres() if engine_name == "postgresql" else None
    try:
        database_gone_mid_session(server.url if server else db_url, engine_name, parcel, server)
    finally:
        if server is not None:
            server.remove()


def database_gone_mid_session(db_url, engine_name, parcel, server):
    database = Database.open(db_url)
    repository = SessionRepository(database)
    recorder = CallRecorder(repository, "Alice", parcel)
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    play_turns(recorder, call, STEADY_REPLIES[:1])
    writer = recorder.open_trainee_audio(1, 16000)

    with database_gone(engine_name, database, server) as (expected, words):
        with pytest.raises(expected) as caught:
            recorder.record_turn(call.reply(STEADY_REPLIES[1] * 40))  # long enough to need new pages
        assert_bilingual(caught.value, *words)
        with pytest.raises(expected):
            recorder.record_turn(call.reply(STEADY_REPLIES[2]))
        assert recorder.pending_turns == 2  # both kept, in order
        with pytest.raises(expected):
            writer.write(os.urandom(64000))  # two seconds of audio
        assert writer.unsaved_chunks == 4  # four half-second chunks
        with pytest.raises(expected):
            recorder.finish(call.hang_up())

    recorder.flush()  # back again: everything waiting lands once
    writer.close()
    assert recorder.pending_turns == 0 and writer.unsaved_chunks == 0 and recorder.finished
    assert_exact_turns(repository, recorder.session_uuid, [STEADY_REPLIES[0], STEADY_REPLIES[1] * 40,
                                                           STEADY_REPLIES[2]])
    detail = repository.load_session(recorder.session_uuid)
    assert detail.summary.status == "finished" and detail.audio_track(1, "trainee").duration_s == 2.0
    database.close()


def test_reading_while_another_program_writes(tmp_path, library):
    """SQLite: another program holds the write lock. Listing sessions answers at once when there
    is nothing to close (a command that only reads takes no write lock); with a session left open
    by a dead process it still answers (after the lock timeout), and the next run closes it."""
    import time

    from sqlalchemy import update

    from app.storage.models import SessionRow
    from tests.storage.conftest import record_call

    db_url = f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}"
    database = Database.open(db_url)
    repository = SessionRepository(database)
    parcel = library.scenarios["en-complaint-late-parcel"]
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Ro")
    env = cli_env(db_url, tmp_path / "data")
    holder = sqlite3.connect(database.sqlite_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        start = time.monotonic()
        assert len(sessions_json(env)) == 1
        assert time.monotonic() - start < 4.5  # no wait for the 5 s lock timeout
    finally:
        holder.rollback()
    left_open = record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Ro", hang_up=False)
    with database.write() as db:  # as if its process had died
        db.execute(update(SessionRow).where(SessionRow.uuid == left_open.session_uuid).values(owner_pid=999999))
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert [s["status"] for s in sessions_json(env)].count("in_progress") == 1  # read, not refused
    finally:
        holder.rollback()
        holder.close()
    assert [s["status"] for s in sessions_json(env)].count("interrupted") == 1  # the next run closes it
    database.close()

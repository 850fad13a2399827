"""Storage fixtures: every database test runs on SQLite and on PostgreSQL, each on a fresh database.

PostgreSQL comes from `ROLEPLAY_TEST_PG_URL` (scripts/services.sh starts a server on loopback and
exports it). Without it the PostgreSQL cases are skipped, unless `ROLEPLAY_REQUIRE_PG=1` (as in
scripts/test.sh and CI), where they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from app.domain.dialogue import CallSession, ManualClock
from app.domain.scenarios import Scenario
from app.domain.scoring import ReplyScorer
from app.storage import CallRecorder, Database, SessionRepository
from tests.conftest import REPO_ROOT

ENGINES = ("sqlite", "postgresql")

# Replies that keep an angry customer on the line for several turns without resolving the call.
STEADY_REPLIES = (
    "I understand. Let me look into that for you.",
    "So the parcel you ordered still hasn't arrived, is that right?",
    "It is held at the depot because of a backlog.",
    "I can hear this has been stressful, I'm sorry.",
)


def pg_admin_url() -> str | None:
    url = os.environ.get("ROLEPLAY_TEST_PG_URL")
    if not url:
        if os.environ.get("ROLEPLAY_REQUIRE_PG") == "1":
            pytest.fail("ROLEPLAY_REQUIRE_PG=1 but ROLEPLAY_TEST_PG_URL is not set (source scripts/services.sh)")
        pytest.skip("PostgreSQL not available (ROLEPLAY_TEST_PG_URL unset)")
    return url


class PostgresScratch:
    """Creates and drops throw-away databases on the test server."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")

    def create(self) -> str:
        name = f"roleplay_test_{uuid.uuid4().hex[:12]}"
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        for _ in range(50):  # the server may still be starting after a stop/start test
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except Exception:
                time.sleep(0.2)


@pytest.fixture(scope="session")
def pg_scratch() -> Iterator[PostgresScratch | None]:
    url = os.environ.get("ROLEPLAY_TEST_PG_URL")
    scratch = PostgresScratch(url) if url else None
    yield scratch
    if scratch is not None:
        scratch.engine.dispose()


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    return request.param


@pytest.fixture
def db_url(engine_name, tmp_path, pg_scratch) -> Iterator[str]:
    """A URL to a fresh, empty database on the parametrised engine."""
    if engine_name == "sqlite":
        yield f"sqlite+pysqlite:///{tmp_path / 'data' / 'roleplay.sqlite3'}"
        return
    pg_admin_url()
    assert pg_scratch is not None
    url = pg_scratch.create()
    try:
        yield url
    finally:
        pg_scratch.drop(url)


@pytest.fixture
def database(db_url) -> Iterator[Database]:
    db = Database.open(db_url)
    yield db
    db.close()


@pytest.fixture
def repository(database) -> SessionRepository:
    return SessionRepository(database)


@pytest.fixture
def parcel(library) -> Scenario:
    return library.scenarios["en-complaint-late-parcel"]


def record_call(repository: SessionRepository, scenario: Scenario, replies, trainee: str = "Alice",
                hang_up: bool = True) -> CallRecorder:
    """Play `replies` through the real engine and record every turn; hang up at the end."""
    recorder = CallRecorder(repository, trainee, scenario)
    call = CallSession(scenario, ReplyScorer(), ManualClock())
    call.start()
    recorder.start()
    for reply in replies:
        if call.finished:
            break
        recorder.record_turn(call.reply(reply))
    if hang_up:
        call.hang_up()
    if call.result is not None:
        recorder.finish(call.result)
    return recorder


def pcm_tone(seconds: float, sample_rate: int = 16000, frequency: float = 220.0) -> bytes:
    import numpy as np

    t = np.arange(int(seconds * sample_rate)) / sample_rate
    wave = 8000 * np.sin(2 * np.pi * frequency * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 3 * t))
    return wave.astype("<i2").tobytes()


# -- subprocesses -------------------------------------------------------------------------------
class LiveProcess:
    """A subprocess whose stdout and stderr lines can be awaited, each stream in its own order."""

    def __init__(self, args: list[str], env: dict[str, str], **popen) -> None:
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, encoding="utf-8", cwd=REPO_ROOT, env=env, bufsize=1, **popen)
        self.lines: dict[str, list[str]] = {"out": [], "err": []}
        self.read_up_to = {"out": 0, "err": 0}
        self.changed = threading.Condition()
        for name, stream in (("out", self.proc.stdout), ("err", self.proc.stderr)):
            threading.Thread(target=self._pump, args=(name, stream), daemon=True).start()

    def _pump(self, name: str, stream) -> None:
        for line in stream:
            with self.changed:
                self.lines[name].append(line.rstrip("\n"))
                self.changed.notify_all()

    def wait_for(self, text: str, stream: str = "out", timeout: float = 60) -> str:
        """The next line of `stream` containing `text` (lines before it are passed over)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                lines = self.lines[stream]
                for number in range(self.read_up_to[stream], len(lines)):
                    if text in lines[number]:
                        self.read_up_to[stream] = number + 1
                        return lines[number]
                self.read_up_to[stream] = len(lines)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out waiting for {text!r} on std{stream}; "
                                         f"stdout: {self.lines['out'][-8:]}; stderr: {self.lines['err'][-8:]}")
                self.changed.wait(min(remaining, 0.5))

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=30)

    def finish(self, timeout: float = 60) -> int:
        if self.proc.stdin:
            self.proc.stdin.close()
        return self.proc.wait(timeout=timeout)

    def output(self, stream: str) -> str:
        time.sleep(0.1)  # let the reader threads drain the pipes
        with self.changed:
            return "\n".join(self.lines[stream])


TRAINER_NAME, TRAINER_PASSWORD = "Coach", "correct horse 42"


def trainer_cli(db_url: str) -> list[str]:
    """`--trainer Coach` for the `roleplay sessions` commands that need a trainer, creating the
    account on first use; `cli_env` passes the password the way a script would."""
    with Database.open(db_url) as database:
        repository = SessionRepository(database)
        if not any(account.has_password for account in repository.trainer_accounts()):
            repository.create_first_trainer(TRAINER_NAME, TRAINER_PASSWORD)
    return ["--trainer", TRAINER_NAME]


def cli_env(db_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "ROLEPLAY_DATABASE_URL": db_url, "ROLEPLAY_DATA_DIR": str(data_dir),
           "PYTHONUNBUFFERED": "1", "ROLEPLAY_TRAINER_PASSWORD": TRAINER_PASSWORD, **extra}
    env.pop("ROLEPLAY_LANG", None)
    env.update(extra)
    return env


def python_cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]

"""Kill tests: a real process recording a call is SIGKILLed between turns and in the middle of a
turn's audio. After a restart every finished turn is there with its audio, the session reads
"interrupted", and the database passes its integrity check. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest

from app.storage import Database, SessionRepository
from tests.storage.conftest import STEADY_REPLIES, LiveProcess, cli_env, python_cli, trainer_cli

pytestmark = pytest.mark.slow


def start_helper(db_url: str, tmp_path) -> LiveProcess:
    process = LiveProcess([sys.executable, "-m", "tests.storage.record_call_helper", db_url],
                          cli_env(db_url, tmp_path / "helper-data"))
    process.wait_for("session ", "out")
    return process


def restart_and_list(db_url: str, tmp_path) -> list[dict]:
    """What a fresh run of the app sees (it marks sessions of dead processes interrupted)."""
    from subprocess import run

    proc = run(python_cli("sessions", "list", "--json", *trainer_cli(db_url)), capture_output=True, text=True,
               env=cli_env(db_url, tmp_path / "restart-data"), timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def assert_healthy(db_url: str, engine_name: str) -> SessionRepository:
    repository = SessionRepository(Database.open(db_url))
    assert repository.check() == []
    if engine_name == "sqlite":
        path = repository.database.sqlite_path
        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    return repository


def test_killed_between_turns(db_url, engine_name, tmp_path):
    helper = start_helper(db_url, tmp_path)
    helper.send("audio 1.5")
    helper.wait_for("audio-written")
    helper.send(f"reply {STEADY_REPLIES[0]}")
    helper.wait_for("turn-saved 0")
    helper.send("audio 2.2")
    helper.wait_for("audio-written")
    helper.send(f"reply {STEADY_REPLIES[1]}")
    helper.wait_for("turn-saved 1")
    helper.kill()

    listed = restart_and_list(db_url, tmp_path)
    assert [(s["trainee"], s["status"], s["turns"]) for s in listed] == [("Kim", "interrupted", 2)]
    repository = assert_healthy(db_url, engine_name)
    detail = repository.load_session(listed[0]["id"])
    assert [t.reply_text for t in detail.turns] == list(STEADY_REPLIES[:2])
    assert all(len(t.dimensions) == 3 for t in detail.turns)
    tracks = {(a.turn_index, a.side): a for a in detail.audio}
    assert tracks[(0, "trainee")].complete and tracks[(0, "trainee")].duration_s == pytest.approx(1.5)
    assert tracks[(1, "trainee")].complete and tracks[(1, "trainee")].duration_s == pytest.approx(2.2)
    assert tracks[(0, "customer")].complete and tracks[(1, "customer")].complete
    clip = repository.load_audio(detail.uuid, 1, "trainee")
    assert clip.duration_s == pytest.approx(2.2) and clip.to_wav()[:4] == b"RIFF"  # replayable
    repository.database.close()


def test_killed_in_the_middle_of_a_turns_audio(db_url, engine_name, tmp_path):
    helper = start_helper(db_url, tmp_path)
    helper.send("audio 1.0")
    helper.wait_for("audio-written")
    helper.send(f"reply {STEADY_REPLIES[0]}")
    helper.wait_for("turn-saved 0")
    helper.send("audio 8")  # the trainee is talking...
    helper.wait_for("committed 6")  # six half-second chunks
    helper.kill()  # ...mid-sentence, mid-stream

    listed = restart_and_list(db_url, tmp_path)
    assert [(s["status"], s["turns"]) for s in listed] == [("interrupted", 1)]
    repository = assert_healthy(db_url, engine_name)
    detail = repository.load_session(listed[0]["id"])
    assert len(detail.turns) == 1 and detail.turns[0].reply_text == STEADY_REPLIES[0]
    first = detail.audio_track(0, "trainee")
    assert first.complete and first.duration_s == pytest.approx(1.0)
    partial = detail.audio_track(1, "trainee")
    # Every chunk reported committed is there; at most the half second being recorded was lost.
    assert partial is not None and not partial.complete
    assert 3.0 <= partial.duration_s < 8.0 and partial.duration_s * 2 == int(partial.duration_s * 2)
    clip = repository.load_audio(detail.uuid, 1, "trainee")
    assert clip.duration_s == partial.duration_s
    repository.database.close()


def test_the_play_command_killed_between_turns(db_url, engine_name, tmp_path):
    play = LiveProcess(python_cli("play", "en-complaint-late-parcel", "--text", "--trainee", "Lee"),
                       cli_env(db_url, tmp_path / "play-data"))
    play.wait_for("Customer [", "out")
    for n, reply in enumerate(STEADY_REPLIES[:2]):
        play.send(reply)  # typed slowly, one line at a time
        play.wait_for("-> ", "out")
        if n == 0:
            play.wait_for("Customer [", "out")
    play.kill()

    listed = restart_and_list(db_url, tmp_path)
    assert [(s["trainee"], s["status"], s["turns"]) for s in listed] == [("Lee", "interrupted", 2)]
    repository = assert_healthy(db_url, engine_name)
    assert [t.reply_text for t in repository.load_session(listed[0]["id"]).turns] == list(STEADY_REPLIES[:2])
    repository.database.close()

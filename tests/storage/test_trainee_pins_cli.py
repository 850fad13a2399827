"""Trainee PINs on the command line, as real subprocesses on SQLite and PostgreSQL: with the site
setting on, `--trainee NAME` acts only with the trainee's PIN (ROLEPLAY_TRAINEE_PIN or a prompt
without echo) and a wrong one is one line; a profile without a PIN chooses one; a trainer or IT
clears a PIN with `roleplay trainees reset-pin`; parallel wrong PINs share one stored count. With
the setting off, a name is enough, as before."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest

from app.auth import LoginThrottle
from app.storage import Database, SessionRepository
from tests.conftest import REPO_ROOT
from tests.storage.conftest import STEADY_REPLIES, TRAINER_NAME, cli_env, python_cli, record_call, trainer_cli

SCENARIO = "en-complaint-late-parcel"


def run(env, *args: str, stdin: str | None = None, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(python_cli(*args), input=stdin, capture_output=True, text=True, env={**env, **extra},
                          timeout=120)


def refused(proc: subprocess.CompletedProcess, text: str) -> None:
    """One clear line on stderr, nothing on stdout, a failing exit status."""
    assert proc.returncode != 0 and proc.stdout == "", (proc.stdout, proc.stderr)
    assert proc.stderr.strip().splitlines() == [f"roleplay: {text}"], proc.stderr


def play(env, trainee: str, **extra: str) -> subprocess.CompletedProcess:
    return run(env, "play", SCENARIO, "--text", "--trainee", trainee, "--json",
               stdin="".join(r + "\n" for r in STEADY_REPLIES[:1]), **extra)


def sessions_of(env, trainee: str, pin: str) -> list[dict]:
    proc = run(env, "sessions", "list", "--trainee", trainee, "--json", ROLEPLAY_TRAINEE_PIN=pin)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "site-settings.json"
    path.write_text(json.dumps({"trainees": {"pins": True}}), encoding="utf-8")
    return path


def pins_env(db_url: str, data_dir, site) -> dict[str, str]:
    env = cli_env(db_url, data_dir, ROLEPLAY_SITE_SETTINGS=str(site))
    env.pop("ROLEPLAY_TRAINEE_PIN", None)
    return env


@pytest.fixture
def env(db_url, tmp_path, site):
    """On SQLite and on PostgreSQL: for what the database's locking decides."""
    return pins_env(db_url, tmp_path / "data", site)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite+pysqlite:///{tmp_path / 'data' / 'roleplay.sqlite3'}"


@pytest.fixture
def local_env(sqlite_url, tmp_path, site):
    """On SQLite only: what the command line says does not depend on the database."""
    return pins_env(sqlite_url, tmp_path / "data", site)


def test_with_pins_on_a_trainee_acts_only_with_their_pin(local_env, sqlite_url, library):
    env = local_env
    with Database.open(sqlite_url) as database:  # a trainee from before the site asked for PINs
        record_call(SessionRepository(database), library.scenarios[SCENARIO], STEADY_REPLIES[:1], trainee="Alice")

    first = play(env, "Bo", ROLEPLAY_TRAINEE_PIN="2468")  # a new profile chooses its PIN
    assert first.returncode == 0 and "Trainee Bo's PIN is set: give it from now on." in first.stderr, first.stderr
    session_id = json.loads(first.stdout)["session_id"]

    refused(run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="1357"),
            "Wrong PIN for trainee Bo.")
    refused(run(env, "sessions", "show", session_id, "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="1357"),
            "Wrong PIN for trainee Bo.")
    refused(play(env, "Bo", ROLEPLAY_TRAINEE_PIN="1357"), "Wrong PIN for trainee Bo.")  # nothing recorded
    # three wrong PINs in a row: the next try waits the throttle's first delay (2 s), however fast
    # the machine ran the three commands; then the right PIN is let in and clears the count
    time.sleep(LoginThrottle().base_delay + 0.2)
    assert [s["id"] for s in sessions_of(env, "Bo", "2468")] == [session_id]
    refused(run(env, "sessions", "list", "--trainee", "Bo"),  # no variable, no terminal to ask in
            "Trainee Bo has a PIN: set ROLEPLAY_TRAINEE_PIN, or run the command in a terminal to be asked for it.")
    refused(run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="not a pin"),
            "Wrong PIN for trainee Bo.")
    refused(run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="1357", ROLEPLAY_LANG="zh"),
            "学员 Bo 的 PIN 码错误。")
    shown = run(env, "sessions", "show", session_id, "--trainee", "Bo", "--json", ROLEPLAY_TRAINEE_PIN="2468")
    assert shown.returncode == 0 and json.loads(shown.stdout)["trainee"] == "Bo", shown.stderr

    refused(run(env, "sessions", "list", "--trainee", "Alice"),  # her profile has no PIN yet: she chooses one
            "Trainee Alice first chooses a PIN (4 to 8 digits): set ROLEPLAY_TRAINEE_PIN, or run the command in "
            "a terminal to be asked for one.")
    refused(run(env, "sessions", "list", "--trainee", "Alice", ROLEPLAY_TRAINEE_PIN="12"),
            "A PIN is 4 to 8 digits; nothing was changed.")
    assert len(sessions_of(env, "Alice", "９７５３")) == 1  # full-width digits: the same PIN
    refused(run(env, "sessions", "list", "--trainee", "Alice", ROLEPLAY_TRAINEE_PIN="2468"),
            "Wrong PIN for trainee Alice.")
    assert len(sessions_of(env, "Alice", "9753")) == 1
    assert sessions_of(env, "Nobody", "") == []  # no profile: nothing to see, nothing to protect


def test_a_profile_with_a_pin_is_asked_for_it_without_the_setting_and_without_pins_a_name_is_enough(
        local_env, tmp_path):
    env = local_env
    assert play(env, "Bo", ROLEPLAY_TRAINEE_PIN="2468").returncode == 0
    off = {**env, "ROLEPLAY_SITE_SETTINGS": str(tmp_path / "elsewhere.json")}  # another computer, no setting
    refused(run(off, "sessions", "list", "--trainee", "Bo"),
            "Trainee Bo has a PIN: set ROLEPLAY_TRAINEE_PIN, or run the command in a terminal to be asked for it.")
    assert len(sessions_of(off, "Bo", "2468")) == 1
    carla = play(off, "Carla")  # as before PINs: no PIN asked, none set
    assert carla.returncode == 0 and "PIN" not in carla.stderr, carla.stderr
    listed = run(off, "sessions", "list", "--trainee", "Carla", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 1, listed.stderr


def test_a_trainer_or_it_clears_a_pin_and_its_lock_out(local_env, sqlite_url):
    env = local_env
    assert play(env, "Bo", ROLEPLAY_TRAINEE_PIN="2468").returncode == 0
    wrong = 0
    for _ in range(12):  # someone guesses, each run a new process: the profile locks
        answer = run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="0000")
        assert answer.returncode != 0 and answer.stdout == ""
        if "Wrong PIN for trainee Bo." in answer.stderr:
            wrong += 1
            if wrong == LoginThrottle().lock_after:
                break
        else:  # the growing wait after the 3rd and 4th wrong PIN, as for a trainer
            wait = int(re.search(r"locked for (\d+) s", answer.stderr).group(1))
            assert wait <= 4, answer.stderr
            time.sleep(wait + 0.2)
    locked = run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="2468")
    seconds = int(re.search(r"Too many wrong PINs: trainee Bo is locked for (\d+) s", locked.stderr).group(1))
    assert seconds > 250 and "roleplay trainees reset-pin Bo" in locked.stderr and locked.stdout == ""

    trainer = trainer_cli(sqlite_url)
    refused(run(env, "trainees", "reset-pin", "Bo", *trainer, ROLEPLAY_TRAINER_PASSWORD="a wrong password"),
            f"Wrong trainer name or password ({TRAINER_NAME}).")
    assert run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="2468").returncode != 0  # still
    by_trainer = run(env, "trainees", "reset-pin", "Bo", *trainer)
    assert by_trainer.returncode == 0 and by_trainer.stdout.strip() == (
        "Trainee Bo's PIN is cleared, with any lock-out: they choose a new one when they next pick their profile.")
    assert len(sessions_of(env, "Bo", "1122")) == 1  # the new PIN, chosen now
    refused(run(env, "sessions", "list", "--trainee", "Bo", ROLEPLAY_TRAINEE_PIN="2468"), "Wrong PIN for trainee Bo.")

    by_it = run(env, "trainees", "reset-pin", "Bo", ROLEPLAY_LANG="zh")  # IT: like `trainers reset`
    assert by_it.returncode == 0 and "学员 Bo 的 PIN 码已清除" in by_it.stdout, by_it.stderr
    assert len(sessions_of(env, "Bo", "3344")) == 1
    refused(run(env, "trainees", "reset-pin", "Nobody"), "There is no trainee Nobody.")
    refused(run(env, "trainees", "reset-pin", "  "), "Give the trainee's name.")


def test_parallel_wrong_pins_cannot_share_one_count(env):
    """Ten guesses at once (ten processes): each is counted before its PIN is checked, so no more
    than the throttle allows before its lock-out get a verdict; the others find the profile locked."""
    assert play(env, "Bo", ROLEPLAY_TRAINEE_PIN="2468").returncode == 0
    guesses = [subprocess.Popen(python_cli("sessions", "list", "--trainee", "Bo"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                env={**env, "ROLEPLAY_TRAINEE_PIN": f"{1000 + n}"}) for n in range(10)]
    outputs = [g.communicate(timeout=120)[1] for g in guesses]
    checked = sum("Wrong PIN for trainee Bo." in out for out in outputs)
    locked = sum("Too many wrong PINs" in out for out in outputs)
    assert checked + locked == 10 and checked <= LoginThrottle().lock_after, outputs
    assert all("Traceback" not in out for out in outputs)


def test_the_pin_prompt_does_not_echo(local_env, sqlite_url):
    """At a terminal the PIN is typed at a prompt (twice for a new one), never shown."""
    env = local_env
    with Database.open(sqlite_url) as database:
        SessionRepository(database).ensure_person("Bo")  # a profile without a PIN yet
    pins = {k: v for k, v in env.items() if k != "ROLEPLAY_TRAINEE_PIN"}

    def at_a_terminal(*args: str, typed: list[str]) -> tuple[int, str, str]:
        controller, terminal = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "app", *args], stdin=terminal, stdout=subprocess.PIPE,
                                stderr=terminal, cwd=REPO_ROOT, env=pins, start_new_session=True)
        os.close(terminal)
        screen, answered, deadline = b"", 0, time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if not ready:
                continue
            try:
                screen += os.read(controller, 4096)
            except OSError:
                break
            prompts = sum(screen.count(end) for end in (b"digits): ", b"again: ", b"Bo: "))
            if prompts > answered and typed:
                os.write(controller, (typed.pop(0) + "\n").encode())
                answered += 1
        out = proc.communicate(timeout=60)[0].decode()
        os.close(controller)
        return proc.returncode, out, screen.decode(errors="replace")

    code, out, screen = at_a_terminal("sessions", "list", "--trainee", "Bo", typed=["4826", "4826"])
    assert code == 0 and "Choose a PIN for trainee Bo (4 to 8 digits):" in screen and "4826" not in screen, screen
    assert "The same PIN again:" in screen
    code, out, screen = at_a_terminal("sessions", "list", "--trainee", "Bo", typed=["4826"])
    assert code == 0 and "PIN for trainee Bo:" in screen and "4826" not in screen, screen
    code, out, screen = at_a_terminal("sessions", "list", "--trainee", "Bo", typed=["1111"])
    assert code != 0 and "Wrong PIN for trainee Bo." in screen and "1111" not in screen, screen

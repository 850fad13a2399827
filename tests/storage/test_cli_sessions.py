"""`roleplay play --text` stores its session; `roleplay sessions ...` and `roleplay db ...`, as real
subprocesses, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import time

import pytest

from app.storage import Database, SessionRepository
from app.storage.migrations import downgrade_schema
from tests.storage.conftest import STEADY_REPLIES, TRAINER_NAME, cli_env, python_cli, trainer_cli


def run(env, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(python_cli(*args), input=stdin, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def env(db_url, tmp_path):
    return cli_env(db_url, tmp_path / "data")


@pytest.fixture
def trainer(db_url) -> list[str]:
    return trainer_cli(db_url)


def play(env, scenario: str, trainee: str | None, replies, *extra: str) -> subprocess.CompletedProcess:
    args = ["play", scenario, "--text", *extra] + (["--trainee", trainee] if trainee else [])
    proc = run(env, *args, stdin="".join(r + "\n" for r in replies))
    assert proc.returncode == 0, proc.stderr
    return proc


def test_play_stores_the_session_and_prints_its_id(env, trainer):
    proc = play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:2], "--json")
    report = json.loads(proc.stdout)  # with --json, stdout is the one JSON object; the call is on stderr
    stored = [line for line in proc.stderr.splitlines() if line.startswith("Stored as session: ")]
    assert stored == [f"Stored as session: {report['session_id']}"]

    listed = json.loads(run(env, "sessions", "list", *trainer, "--json").stdout)
    assert len(listed) == 1
    s = listed[0]
    assert (s["id"], s["trainee"], s["scenario"], s["status"], s["turns"]) == (
        report["session_id"], "Alice", "en-complaint-late-parcel", "finished", 2)
    assert s["outcome"] == report["outcome"] and s["average_score"] == report["average_score"]

    shown = json.loads(run(env, "sessions", "show", *trainer, s["id"], "--json").stdout)
    assert [t["reply"] for t in shown["turns"]] == list(STEADY_REPLIES[:2])
    assert [t["overall"] for t in shown["turns"]] == [t["overall"] for t in report["turns"]]
    assert shown["emotion_curve"] == report["emotion_curve"]
    empathy = next(d for d in shown["turns"][0]["dimensions"] if d["name"] == "empathy")
    assert empathy["score"] == report["turns"][0]["scores"]["empathy"]
    assert shown["scenario"]["id"] == "en-complaint-late-parcel" and "audio" not in shown  # the export's shape
    text = run(env, "sessions", "show", *trainer, s["id"]).stdout
    assert "Alice" in text and STEADY_REPLIES[1] in text


def test_the_trainee_defaults_to_the_settings_then_the_os_user(env, tmp_path, trainer):
    play(env, "en-complaint-late-parcel", None, STEADY_REPLIES[:1])
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "settings.json").write_text(json.dumps({"trainee": "张伟"}), encoding="utf-8")
    play(env, "zh-complaint-lost-baggage", None, ["非常抱歉让您久等了。"])
    trainees = [s["trainee"] for s in json.loads(run(env, "sessions", "list", *trainer, "--json").stdout)]
    import getpass

    assert trainees == ["张伟", getpass.getuser()]


def test_list_filters_and_pages(env, trainer):
    for trainee in ("Alice", "Bob", "Alice"):
        play(env, "en-complaint-late-parcel", trainee, STEADY_REPLIES[:1])
    play(env, "zh-complaint-lost-baggage", "Bob", ["非常抱歉让您久等了。"])
    alice = run(env, "sessions", "list", "--trainee", "Alice")
    assert alice.returncode == 0 and len(alice.stdout.splitlines()) == 2
    assert all(line.split("\t")[2] == "Alice" for line in alice.stdout.splitlines())
    zh = json.loads(run(env, "sessions", "list", *trainer, "--json", "--language", "zh").stdout)
    assert [(s["trainee"], s["scenario"]) for s in zh] == [("Bob", "zh-complaint-lost-baggage")]
    page = run(env, "sessions", "list", *trainer, "--limit", "3")
    assert len(page.stdout.splitlines()) == 3 and "--offset 3" in page.stderr
    assert len(run(env, "sessions", "list", *trainer, "--limit", "3", "--offset", "3").stdout.splitlines()) == 1
    assert run(env, "sessions", "list", "--trainee", "Nobody").stdout.strip() == "No sessions match."
    assert json.loads(run(env, "sessions", "list", *trainer, "--since", "2000-01-01", "--json").stdout)
    assert json.loads(run(env, "sessions", "list", *trainer, "--until", "2000-01-01", "--json").stdout) == []
    bad = run(env, "sessions", "list", "--since", "yesterday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_export_csv_and_json_then_import_elsewhere_without_duplicates(env, tmp_path, trainer):
    play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:3])
    play(env, "zh-complaint-lost-baggage", "Bob", ["非常抱歉让您久等了。"])

    out_csv = tmp_path / "turns.csv"
    proc = run(env, "sessions", "export", *trainer, "--format", "csv", "--out", str(out_csv))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 3 + len([r for r in rows if r["trainee"] == "Bob"])
    assert {"empathy", "forbidden", "structure", "pace", "overall"} <= set(rows[0])
    assert all(r["empathy"] != "" and r["structure"] != "" and r["forbidden"] != "" for r in rows)
    bob = [r for r in rows if r["trainee"] == "Bob"]
    assert bob and bob[0]["scenario"] != "zh-complaint-lost-baggage" and bob[0]["scenario_id"] == "zh-complaint-lost-baggage"
    assert all(r["recogniser"] == "typed" for r in rows)
    alice_only = run(env, "sessions", "export", *trainer, "--format", "csv", "--trainee", "Alice").stdout
    assert len(list(csv.DictReader(alice_only.splitlines()))) == 3

    out_json = tmp_path / "sessions.json"
    assert run(env, "sessions", "export", *trainer, "--format", "json", "--out", str(out_json)).returncode == 0
    laptop_url = f"sqlite:///{tmp_path / 'laptop' / 'roleplay.sqlite3'}"
    laptop, laptop_trainer = cli_env(laptop_url, tmp_path / "laptop"), trainer_cli(laptop_url)
    first = run(laptop, "sessions", "import", *laptop_trainer, str(out_json))
    assert first.returncode == 0 and "Imported 2 session(s); 0 already there" in first.stdout
    second = run(laptop, "sessions", "import", *laptop_trainer, str(out_json))
    assert "Imported 0 session(s); 2 already there" in second.stdout
    assert len(json.loads(run(laptop, "sessions", "list", *laptop_trainer, "--json").stdout)) == 2

    # And back the other way: the laptop's export adds nothing new here.
    back = tmp_path / "back.json"
    run(laptop, "sessions", "export", *laptop_trainer, "--format", "json", "--out", str(back))
    assert "Imported 0 session(s); 2 already there" in run(env, "sessions", "import", *trainer, str(back)).stdout

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    proc = run(env, "sessions", "import", *trainer, str(broken))
    assert proc.returncode == 2 and "Nothing was imported: the file is not valid JSON" in proc.stderr
    missing = run(env, "sessions", "import", *trainer, str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "Cannot read" in missing.stderr


def test_db_check_and_upgrade(env, db_url, engine_name, tmp_path):
    play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:1])
    check = run(env, "db", "check")
    assert check.returncode == 0 and "No problems found." in check.stdout and "0005" in check.stdout
    assert "password" not in check.stdout
    zh = run({**env, "ROLEPLAY_LANG": "zh"}, "db", "check")
    assert "未发现问题" in zh.stdout

    with Database.open(db_url) as database:
        downgrade_schema(database.engine, "0001")
    upgraded = run(env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Upgraded the schema from 0001 to 0005." in upgraded.stdout
    assert ("Backup made first:" in upgraded.stdout) == (engine_name == "sqlite")
    again = run(env, "db", "upgrade").stdout
    assert "The schema is up to date (0005)." in again
    assert "1 stored sessions have no call score from this version yet" in again  # the downgrade dropped it
    refused = run(env, "sessions", "rescore", "--jobs", "0")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    rescored = run(env, "sessions", "rescore", "--jobs", "2")  # scored in two worker processes
    assert rescored.returncode == 0 and "Rescored 1 sessions" in rescored.stdout
    assert "no call score" not in run(env, "db", "upgrade").stdout
    with Database.open(db_url) as database:
        repository = SessionRepository(database)
        assert repository.count_sessions() == 1
        assert repository.list_sessions()[0].call_score is not None


def test_unknown_session_and_unreachable_server(env, engine_name, tmp_path, trainer):
    proc = run(env, "sessions", "show", *trainer, "00000000-0000-0000-0000-000000000000")
    assert proc.returncode == 3 and "No session with id" in proc.stderr
    assert run(env, "sessions", "show", *trainer, "not-an-id").returncode == 2
    if engine_name == "postgresql":  # nothing listens on port 1: a clear message, not a traceback
        gone = run({**env, "ROLEPLAY_DATABASE_URL": "postgresql://roleplay@127.0.0.1:1/nothing"}, "sessions", "list")
        assert gone.returncode == 3 and "Cannot reach the session database server" in gone.stderr
        assert "Traceback" not in gone.stderr


def stored_id(proc: subprocess.CompletedProcess) -> str:
    return next(line.split(": ")[1] for line in (proc.stdout + proc.stderr).splitlines()
                if line.startswith("Stored as session: "))


def test_sessions_need_a_signed_in_trainer_and_a_trainee_sees_only_their_own(env, db_url):
    alice = stored_id(play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:1]))
    play(env, "zh-complaint-lost-baggage", "Bob", ["非常抱歉让您久等了。"])

    everyone = run(env, "sessions", "list")
    assert everyone.returncode != 0 and "needs a trainer" in everyone.stderr and not everyone.stdout
    own = run(env, "sessions", "show", alice, "--trainee", "Alice")
    assert own.returncode == 0 and STEADY_REPLIES[0] in own.stdout
    other = run(env, "sessions", "show", alice, "--trainee", "Bob")
    assert other.returncode != 0 and "belongs to another trainee" in other.stderr and not other.stdout
    for action in (("export", "--format", "csv", "--trainee", "Alice"), ("import", "whatever.json")):
        refused = run(env, "sessions", *action)
        assert refused.returncode != 0 and "needs a trainer" in refused.stderr and not refused.stdout
    zh = run({**env, "ROLEPLAY_LANG": "zh"}, "sessions", "list")
    assert "需要培训师" in zh.stderr

    no_account = run(env, "sessions", "list", "--trainer", TRAINER_NAME)
    assert no_account.returncode != 0 and "no trainer account yet" in no_account.stderr
    trainer = trainer_cli(db_url)
    without_password = {k: v for k, v in env.items() if k != "ROLEPLAY_TRAINER_PASSWORD"}
    asked = run(without_password, "sessions", "list", *trainer, stdin="")  # no terminal to ask on
    assert asked.returncode != 0 and "ROLEPLAY_TRAINER_PASSWORD" in asked.stderr
    assert len(run(env, "sessions", "list", *trainer).stdout.splitlines()) == 2

    wrong = {**env, "ROLEPLAY_TRAINER_PASSWORD": "not the password"}
    failures, waits = 0, []
    for _ in range(12):  # each run is a new process: the count lives in the database
        answer = run(wrong, "sessions", "list", *trainer)
        assert answer.returncode != 0 and not answer.stdout
        if "Wrong trainer name or password" in answer.stderr:
            failures += 1
            if failures == 5:
                break
        else:  # the growing wait after the 3rd and 4th failures
            waits.append(int(re.search(r"locked for (\d+) s", answer.stderr).group(1)))
            time.sleep(waits[-1] + 0.2)
    assert failures == 5 and all(w <= 4 for w in waits), (failures, waits)
    locked = run(env, "sessions", "list", *trainer)  # now even the right password waits 5 minutes
    assert locked.returncode != 0 and not locked.stdout
    assert int(re.search(r"locked for (\d+) s", locked.stderr).group(1)) > 250, locked.stderr


def test_an_export_that_cannot_be_written_whole_leaves_the_previous_file(env, tmp_path, trainer, monkeypatch, capsys):
    import errno

    from app.cli.main import main
    from app.storage.session_service import SessionService

    play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:3])
    target = tmp_path / "sessions.json"
    target.write_text("the previous, good export\n", encoding="utf-8")

    def fills_the_disk(self, viewer, out, kind, filters, **kwargs):  # type: ignore[no-untyped-def]
        out.write('{"sessions": [')  # half-way through, the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SessionService, "export", fills_the_disk)
    monkeypatch.setattr("app.private_files.keep_files_private", lambda: None)  # this test process keeps its umask
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = main(["sessions", "export", *trainer, "--format", "json", "--out", str(target)])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "Cannot write" in err and "No space left on device" in err and "Nothing was changed there" in err
    assert target.read_text(encoding="utf-8") == "the previous, good export\n"
    assert not list(tmp_path.glob(".*.partial"))


def test_parallel_guesses_cannot_share_one_count(env, trainer):
    """Ten guesses at once (ten processes): each is counted before its password is checked, so no
    more than the throttle allows before its lock-out get a verdict (its free attempts at once, one
    more after each delay on a slow machine); the others find the account locked."""
    guesses = [subprocess.Popen(python_cli("sessions", "list", *trainer), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True,
                                env={**env, "ROLEPLAY_TRAINER_PASSWORD": f"wrong guess {n}"}) for n in range(10)]
    outputs = [g.communicate(timeout=120)[1] for g in guesses]
    locked = sum("locked" in out.lower() or "try again in" in out.lower() for out in outputs)
    checked = len(outputs) - locked
    from app.auth import LoginThrottle

    assert checked <= LoginThrottle().lock_after, outputs  # all 10 got a verdict before (35 in 10 x 5 on SQLite)
    assert all("Traceback" not in out for out in outputs)

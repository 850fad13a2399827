"""`roleplay play --text` stores its session; `roleplay sessions ...` and `roleplay db ...`, as real
subprocesses, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import json
import subprocess

import pytest

from app.storage import Database, SessionRepository
from app.storage.migrations import downgrade_schema
from tests.storage.conftest import STEADY_REPLIES, cli_env, python_cli


def run(env, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(python_cli(*args), input=stdin, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def env(db_url, tmp_path):
    return cli_env(db_url, tmp_path / "data")


def play(env, scenario: str, trainee: str | None, replies, *extra: str) -> subprocess.CompletedProcess:
    args = ["play", scenario, "--text", *extra] + (["--trainee", trainee] if trainee else [])
    proc = run(env, *args, stdin="".join(r + "\n" for r in replies))
    assert proc.returncode == 0, proc.stderr
    return proc


def test_play_stores_the_session_and_prints_its_id(env):
    proc = play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:2], "--json")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    stored = [line for line in proc.stdout.splitlines() if line.startswith("Stored as session: ")]
    assert stored == [f"Stored as session: {report['session_id']}"]

    listed = json.loads(run(env, "sessions", "list", "--json").stdout)
    assert len(listed) == 1
    s = listed[0]
    assert (s["id"], s["trainee"], s["scenario"], s["status"], s["turns"]) == (
        report["session_id"], "Alice", "en-complaint-late-parcel", "finished", 2)
    assert s["outcome"] == report["outcome"] and s["average_score"] == report["average_score"]

    shown = json.loads(run(env, "sessions", "show", s["id"], "--json").stdout)
    assert [t["reply"] for t in shown["turns"]] == list(STEADY_REPLIES[:2])
    assert [t["overall"] for t in shown["turns"]] == [t["overall"] for t in report["turns"]]
    assert shown["emotion_curve"] == report["emotion_curve"]
    assert shown["turns"][0]["dimensions"]["empathy"]["score"] == report["turns"][0]["scores"]["empathy"]
    text = run(env, "sessions", "show", s["id"]).stdout
    assert "Alice" in text and STEADY_REPLIES[1] in text


def test_the_trainee_defaults_to_the_settings_then_the_os_user(env, tmp_path):
    play(env, "en-complaint-late-parcel", None, STEADY_REPLIES[:1])
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "settings.json").write_text(json.dumps({"trainee": "张伟"}), encoding="utf-8")
    play(env, "zh-complaint-lost-baggage", None, ["非常抱歉让您久等了。"])
    trainees = [s["trainee"] for s in json.loads(run(env, "sessions", "list", "--json").stdout)]
    import getpass

    assert trainees == ["张伟", getpass.getuser()]


def test_list_filters_and_pages(env):
    for trainee in ("Alice", "Bob", "Alice"):
        play(env, "en-complaint-late-parcel", trainee, STEADY_REPLIES[:1])
    play(env, "zh-complaint-lost-baggage", "Bob", ["非常抱歉让您久等了。"])
    alice = run(env, "sessions", "list", "--trainee", "Alice")
    assert alice.returncode == 0 and len(alice.stdout.splitlines()) == 2
    assert all(line.split("\t")[2] == "Alice" for line in alice.stdout.splitlines())
    zh = json.loads(run(env, "sessions", "list", "--json", "--language", "zh").stdout)
    assert [(s["trainee"], s["scenario"]) for s in zh] == [("Bob", "zh-complaint-lost-baggage")]
    page = run(env, "sessions", "list", "--limit", "3")
    assert len(page.stdout.splitlines()) == 3 and "--offset 3" in page.stderr
    assert len(run(env, "sessions", "list", "--limit", "3", "--offset", "3").stdout.splitlines()) == 1
    assert run(env, "sessions", "list", "--trainee", "Nobody").stdout.strip() == "No sessions match."
    assert json.loads(run(env, "sessions", "list", "--since", "2000-01-01", "--json").stdout)
    assert json.loads(run(env, "sessions", "list", "--until", "2000-01-01", "--json").stdout) == []
    bad = run(env, "sessions", "list", "--since", "yesterday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_export_csv_and_json_then_import_elsewhere_without_duplicates(env, tmp_path):
    play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:3])
    play(env, "zh-complaint-lost-baggage", "Bob", ["非常抱歉让您久等了。"])

    out_csv = tmp_path / "turns.csv"
    proc = run(env, "sessions", "export", "--format", "csv", "--out", str(out_csv))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    assert len(rows) == 3 + len([r for r in rows if r["trainee"] == "Bob"])
    assert {"empathy", "forbidden", "structure", "pace", "overall"} <= set(rows[0])
    assert all(r["empathy"] != "" and r["structure"] != "" and r["forbidden"] != "" for r in rows)
    alice_only = run(env, "sessions", "export", "--format", "csv", "--trainee", "Alice").stdout
    assert len(list(csv.DictReader(alice_only.splitlines()))) == 3

    out_json = tmp_path / "sessions.json"
    assert run(env, "sessions", "export", "--format", "json", "--out", str(out_json)).returncode == 0
    laptop = cli_env(f"sqlite:///{tmp_path / 'laptop' / 'roleplay.sqlite3'}", tmp_path / "laptop")
    first = run(laptop, "sessions", "import", str(out_json))
    assert first.returncode == 0 and "Imported 2 session(s); 0 already there" in first.stdout
    second = run(laptop, "sessions", "import", str(out_json))
    assert "Imported 0 session(s); 2 already there" in second.stdout
    assert len(json.loads(run(laptop, "sessions", "list", "--json").stdout)) == 2

    # And back the other way: the laptop's export adds nothing new here.
    back = tmp_path / "back.json"
    run(laptop, "sessions", "export", "--format", "json", "--out", str(back))
    assert "Imported 0 session(s); 2 already there" in run(env, "sessions", "import", str(back)).stdout

    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    proc = run(env, "sessions", "import", str(broken))
    assert proc.returncode == 3 and "Not a valid session export" in proc.stderr
    missing = run(env, "sessions", "import", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "Cannot read" in missing.stderr


def test_db_check_and_upgrade(env, db_url, engine_name, tmp_path):
    play(env, "en-complaint-late-parcel", "Alice", STEADY_REPLIES[:1])
    check = run(env, "db", "check")
    assert check.returncode == 0 and "No problems found." in check.stdout and "0004" in check.stdout
    assert "password" not in check.stdout
    zh = run({**env, "ROLEPLAY_LANG": "zh"}, "db", "check")
    assert "未发现问题" in zh.stdout

    with Database.open(db_url) as database:
        downgrade_schema(database.engine, "0001")
    upgraded = run(env, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Upgraded the schema from 0001 to 0004." in upgraded.stdout
    assert ("Backup made first:" in upgraded.stdout) == (engine_name == "sqlite")
    assert "The schema is up to date (0004)." in run(env, "db", "upgrade").stdout
    with Database.open(db_url) as database:
        assert SessionRepository(database).count_sessions() == 1


def test_unknown_session_and_unreachable_server(env, engine_name, tmp_path):
    proc = run(env, "sessions", "show", "00000000-0000-0000-0000-000000000000")
    assert proc.returncode == 3 and "No session with id" in proc.stderr
    assert run(env, "sessions", "show", "not-an-id").returncode == 2
    if engine_name == "postgresql":  # nothing listens on port 1: a clear message, not a traceback
        gone = run({**env, "ROLEPLAY_DATABASE_URL": "postgresql://roleplay@127.0.0.1:1/nothing"}, "sessions", "list")
        assert gone.returncode == 3 and "Cannot reach the session database server" in gone.stderr
        assert "Traceback" not in gone.stderr

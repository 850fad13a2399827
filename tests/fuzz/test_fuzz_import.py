"""Fuzz: `roleplay sessions import`, on mutations of a real export (`sessions export --format json`
of a database with two recorded calls, one with a comment, an override, a good-example mark and
recordings): values of the wrong type, out-of-range scores and intensities, bogus statuses and
codes, impossible dates, broken ids and audio, sessions doubled, the file cut or its bytes
flipped. Some cases import the good file first, so the mutant lands on sessions that exist.

Rules: exit 0 (imported) or 2/3 (refused in one line; 3 is the storage commands' status); a refused
file changes nothing; an import never changes a stored turn's original scores, and an override's
"original" is the scorer's; whatever was imported then lists, shows and exports without a fault."""

from __future__ import annotations

import copy
import json
import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

from tests.fuzz.harness import (
    NASTY_STRINGS,
    Cli,
    Findings,
    cases,
    mutate_bytes,
    nasty_value,
    save,
    value_paths,
)

SEED = 17
CASES = 36
FOLLOWED = 2  # accepted imports also listed, shown and exported (five commands each)
TEST_FILE = "tests/fuzz/test_fuzz_import.py"
PASSWORD = "correct horse 42"
TRAINER = ["--trainer", "Coach"]

BOGUS = {
    "status": ("done", "FINISHED", "in_progress", "deleted", ""),
    "outcome": ("won", "RESOLVED", "", "escalated "),
    "end_reason": ("because", "hung_up", ""),
    "language": ("fr", "EN", "zh-CN", ""),
    "emotion": ("happy", "ANGRY", ""),
    "stage": ("middle", "OPENING", ""),
    "mood_band": ("furious", "", "Calm"),
    "side": ("both", "CUSTOMER", ""),
    "codec": ("mp3", "", "pcm_s16le", "flac "),
    "name": ("kindness", "overall", "", "empathy "),
    "dimension": ("kindness", "", "EMPATHY"),
    "mark": ("great", "", "GOOD"),
}
DATES = ("0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59.999999+00:00", "not a date", "2021-02-30T00:00:00",
         "2021-01-01T00:00:00+25:00", "", "2021-01-01", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00+00:00",
         "2021-01-01T10:00:00", 0, 1e12)
NUMBERS = (-1, 101, 357, 999, -(2**63) - 1, 2**63, 2**64, 10**30, 1e308, 0.5, 99.9, float("nan"), float("inf"), True)
IDS = ("not-a-uuid", "", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "{}", 5)


# -- the real export ------------------------------------------------------------------------------
def recorded_export(cli: Cli, folder: Path) -> str:
    """Two calls played through the real CLI, reviewed through the repository, exported by the CLI."""
    from app.storage import Database, SessionRepository

    assert cli.run("trainers", "add", "Coach").code == 0
    replies = "I'm so sorry this is the third call.\nIt is stuck at the depot.\nI'll refund the express fee today.\n"
    assert cli.run("play", "en-complaint-late-parcel", "--text", "--trainee", "Kim", stdin=replies).code == 0
    assert cli.run("play", "zh-complaint-lost-baggage", "--text", "--trainee", "李娜", stdin="非常抱歉让您久等了。\n").code == 0
    url = f"sqlite+pysqlite:///{cli.data_dir / 'roleplay.sqlite3'}"
    with Database.open(url) as database:
        repository = SessionRepository(database)
        first = repository.list_sessions()[-1].uuid
        repository.add_comment(first, "Good apology.", "Coach", turn_index=0, offset_s=1.5)
        repository.add_override(first, 0, "empathy", 80, "heard the feeling", "Coach")
        repository.mark_example(first, "good", "Coach", "for the team")
        tone = (6000 * np.sin(np.arange(8000) / 16000 * 2 * np.pi * 220)).astype("<i2").tobytes()
        repository.store_audio(first, 0, "trainee", tone, 16000)
        repository.store_audio(first, 0, "customer", tone, 16000)
    out = folder / "export.json"
    assert cli.run("sessions", "export", *TRAINER, "--format", "json", "--out", out).code == 0
    return out.read_text(encoding="utf-8")


# -- mutations ---------------------------------------------------------------------------------------
def _value_for(rng: random.Random, key: Any, current: Any) -> Any:
    if key in BOGUS and rng.random() < 0.6:
        return rng.choice(BOGUS[key])
    if isinstance(key, str) and (key.endswith("_at") or key == "created_at") and rng.random() < 0.7:
        return rng.choice(DATES)
    if (key == "id" or key == "turn") and rng.random() < 0.6:
        return rng.choice(IDS)
    if isinstance(current, (int, float)) and not isinstance(current, bool) and rng.random() < 0.7:
        return rng.choice(NUMBERS + (current + 1, current - 1))
    if key == "data" and rng.random() < 0.7:
        return rng.choice(("!!!not base64", "AAA", "", "A" * 4001, "UklGRg=="))
    if isinstance(current, str) and rng.random() < 0.5:
        return rng.choice(NASTY_STRINGS)
    return nasty_value(rng)


def mutate_document(rng: random.Random, document: dict[str, Any]) -> tuple[dict[str, Any] | Any, str]:
    doc = copy.deepcopy(document)
    sessions = doc["sessions"]
    op = rng.random()
    if op < 0.06:
        key = rng.choice(("format", "version", "sessions"))
        doc[key] = rng.choice((None, "x", 2, -1, 1e400, [], {}, "roleplay-sessions", 10**30))
        return doc, f"document {key} = {str(doc[key])[:20]}"
    if op < 0.1:
        sessions.append(copy.deepcopy(sessions[0]))
        return doc, "the first session twice"
    what = []
    for _ in range(rng.randint(1, 3)):
        session = rng.choice(sessions)
        paths = [p for p in value_paths(session) if not (p[0] == "scenario" and len(p) > 2)]
        if rng.random() < 0.1:
            paths = [p for p in value_paths(session) if p[:2] == ("scenario", "content")][1:]
        path = rng.choice(paths)
        parent = session
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        label = f"session {sessions.index(session) + 1}: " + ".".join(map(str, path))
        if rng.random() < 0.15:
            del parent[key]
            what.append(f"remove {label}")
        else:
            parent[key] = _value_for(rng, key, parent[key])
            what.append(f"{label} = {json.dumps(parent[key])[:40]}")
    return doc, "; ".join(what)


def file_bytes(rng: random.Random, document: Any, text: str) -> tuple[bytes, str]:
    choice = rng.random()
    if choice < 0.08:
        data, done = mutate_bytes(rng, text.encode("utf-8"), rounds=rng.randint(1, 4))
        return data, "bytes: " + ", ".join(done)
    if choice < 0.11:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "a byte-order mark"
    if choice < 0.13:
        return text.encode("utf-8")[:rng.randrange(len(text))], "cut short"
    if choice < 0.15:
        return text.encode("utf-16"), "UTF-16"
    if choice < 0.17:
        return b"[" * 100_000 + b"]" * 100_000, "nested 100,000 deep"
    return json.dumps(document, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass"), ""


# -- the database, read directly -------------------------------------------------------------------
def snapshot(data_dir: Path) -> dict[str, Any]:
    with sqlite3.connect(data_dir / "roleplay.sqlite3") as db:
        counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - our table names
                  for table in ("sessions", "turns", "trainer_comments", "score_overrides", "audio_tracks")}
        originals = {str(uuid): overall for uuid, overall in db.execute("SELECT uuid, overall FROM turns")}
        dims = {(str(uuid), name): score for uuid, name, score in db.execute(
            "SELECT t.uuid, d.name, d.score FROM dimension_scores d JOIN turns t ON t.id = d.turn_id")}
        overrides = db.execute(
            "SELECT o.dimension, o.original_score, t.overall, d.score FROM score_overrides o JOIN turns t "
            "ON t.id = o.turn_id LEFT JOIN dimension_scores d ON d.turn_id = t.id AND d.name = o.dimension").fetchall()
    return {"counts": counts, "overall": originals, "dims": dims, "overrides": overrides}


def _integrity(before: dict[str, Any], after: dict[str, Any], refused: bool) -> list[str]:
    found = []
    if refused and after["counts"] != before["counts"]:
        found.append(f"a refused file changed the database: {before['counts']} -> {after['counts']}")
    changed = [uuid for uuid, overall in before["overall"].items() if after["overall"].get(uuid) != overall]
    changed += [f"{uuid} {name}" for (uuid, name), score in before["dims"].items()
                if after["dims"].get((uuid, name)) != score]
    if changed:
        found.append(f"a stored turn's original score changed: {changed[:2]}")
    wrong = [row for row in after["overrides"] if row[1] != (row[2] if row[0] == "overall" else row[3])]
    if wrong:
        found.append(f"an override whose 'original' is not the scorer's score: {wrong[:2]}")
    return found


def test_mutated_session_imports(tmp_path):
    env = {"ROLEPLAY_TRAINER_PASSWORD": PASSWORD}
    source = Cli(tmp_path / "source", env)
    text = recorded_export(source, tmp_path)
    document = json.loads(text)
    template = Cli(tmp_path / "template", env)
    assert template.run("trainers", "add", "Coach").code == 0
    good_file = save(tmp_path, "good.json", text)
    findings = Findings("import", TEST_FILE)
    followed = 0
    for index, rng in cases("import", SEED, CASES):
        data_dir = tmp_path / f"data-{index}"
        shutil.copytree(template.data_dir, data_dir)
        cli = Cli(data_dir, env)
        what = []
        if rng.random() < 0.25:
            first = cli.run("sessions", "import", *TRAINER, good_file)
            findings.check(index, "the good file first", first, [0])
            what.append("(onto the good file's sessions)")
        mutated, how = mutate_document(rng, document)
        data, how_file = file_bytes(rng, mutated, text)
        what = [how] + ([how_file] if how_file else []) + what
        path = save(tmp_path / "import", f"case-{index}.json", data)
        before = snapshot(data_dir)
        outcome = cli.run("sessions", "import", *TRAINER, path, env={"ROLEPLAY_LANG": rng.choice(("en", "zh"))})
        extra = _integrity(before, snapshot(data_dir), refused=outcome.code != 0)
        label = "; ".join(what)
        if findings.check(index, label, outcome, [0, 2, 3], extra) and outcome.code == 0 and followed < FOLLOWED:
            followed += 1
            _follow_up(cli, findings, index, label, tmp_path / f"out-{index}")
    findings.assert_clean()


def _follow_up(cli: Cli, findings: Findings, index: int, what: str, folder: Path) -> None:
    listed = cli.run("sessions", "list", *TRAINER, "--json")
    findings.check(index, what + " -> list", listed, [0], data_out=True)  # --json: data for a program
    try:
        ids = [row["id"] for row in json.loads(listed.stdout)]
    except (ValueError, KeyError, TypeError):
        ids = []
    findings.check(index, what + " -> list (text)", cli.run("sessions", "list", *TRAINER), [0])
    for session_id in ids[:2]:
        findings.check(index, what + " -> show", cli.run("sessions", "show", session_id, *TRAINER), [0])
        findings.check(index, what + " -> show --json", cli.run("sessions", "show", session_id, *TRAINER, "--json"), [0],
                       data_out=True)
    folder.mkdir(parents=True, exist_ok=True)
    for kind in ("csv", "json"):
        findings.check(index, what + f" -> export {kind}", cli.run(
            "sessions", "export", *TRAINER, "--format", kind, "--out", folder / f"again.{kind}"), [0])
    shutil.rmtree(folder, ignore_errors=True)

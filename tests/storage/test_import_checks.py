"""`sessions import` checks the whole file before it writes anything (issue 17, item 7): scores,
codes, dates, names and recordings out of range are refused with the session and the field named
in both languages; a bad session anywhere writes nothing; an existing turn's original scores are
never taken from the file. On SQLite and PostgreSQL; the command line in a subprocess."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import zlib

import pytest

from app.cli.storage_support import storage_message
from app.storage import Database, ImportFormatError, SessionRepository
from tests.storage.conftest import STEADY_REPLIES, cli_env, pcm_tone, python_cli, record_call, trainer_cli

OTHER_ID = "00000000-0000-4000-8000-0000000000{:02x}"


@pytest.fixture
def laptop(tmp_path):
    database = Database.open(f"sqlite:///{tmp_path / 'laptop' / 'roleplay.sqlite3'}")
    yield SessionRepository(database)
    database.close()


@pytest.fixture
def document(laptop, parcel) -> dict:
    """One exported session with a recording, a comment and an override, as a dict to tamper with."""
    recorder = record_call(laptop, parcel, STEADY_REPLIES[:2])
    laptop.store_audio(recorder.session_uuid, 0, "trainee", pcm_tone(1.2), 16000)
    laptop.add_comment(recorder.session_uuid, "Good start", "Coach", turn_index=0, offset_s=1.0)
    laptop.add_override(recorder.session_uuid, 0, "structure", 70, "restated well", "Coach")
    out = io.StringIO()
    laptop.export_json(out)
    return json.loads(out.getvalue())


def load(repository: SessionRepository, document: dict) -> object:
    return repository.import_json(io.StringIO(json.dumps(document)))


def refused(repository: SessionRepository, document: dict) -> tuple[str, str]:
    with pytest.raises(ImportFormatError) as caught:
        load(repository, document)
    english, chinese = storage_message(caught.value, "en"), storage_message(caught.value, "zh")
    assert english.startswith("Nothing was imported") and chinese.startswith("未导入任何内容")
    for text in (english, chinese):
        assert "{" not in text and "Error" not in text and "\\x" not in text  # no template, class or repr
    return english, chinese


def turn(doc: dict, number: int = 0) -> dict:
    return doc["sessions"][0]["turns"][number]


def dimension(doc: dict, name: str, number: int = 0) -> dict:
    return next(d for d in turn(doc, number)["dimensions"] if d["name"] == name)


def set_chunk(doc: dict, **changes) -> None:
    doc["sessions"][0]["audio"][0]["chunks"][0].update(changes)


def zlib_chunk(doc: dict, frames: int, pcm_bytes: int) -> None:
    import base64

    doc["sessions"][0]["audio"][0]["codec"] = "zlib"
    doc["sessions"][0]["audio"][0]["chunks"] = [
        {"frames": frames, "data": base64.b64encode(zlib.compress(b"\0" * pcm_bytes)).decode()}]


# Each: how the file is tampered with, the field the message must name, and words it must hold.
BAD_FILES = {
    "override of 999": (lambda d: d["sessions"][0]["overrides"][0].update(new_score=999),
                        "overrides[0].new_score", "from 0 to 100"),
    "a turn scored 357": (lambda d: turn(d).update(overall=357), "turns[0].overall", "from 0 to 100"),
    "an average of 357": (lambda d: d["sessions"][0].update(average_score=357), "average_score", "from 0 to 100"),
    "a dimension of -1": (lambda d: dimension(d, "empathy").update(score=-1), "turns[0].dimensions[0].score",
                          "from 0 to 100"),
    "a score given as true": (lambda d: turn(d).update(overall=True), "turns[0].overall", "whole number"),
    "a score given as 57.5": (lambda d: turn(d).update(overall=57.5), "turns[0].overall", "whole number"),
    "a bogus status": (lambda d: d["sessions"][0].update(status="hacked"), "status", "finished, interrupted"),
    "an unknown outcome": (lambda d: d["sessions"][0].update(outcome="won"), "outcome", "resolved"),
    "an unknown end reason": (lambda d: d["sessions"][0].update(end_reason="bored"), "end_reason", "agreed"),
    "an unknown stage": (lambda d: turn(d).update(stage="hello"), "turns[0].stage", "opening"),
    "a year-1 start": (lambda d: d["sessions"][0].update(started_at="0001-01-01T00:00:00"), "started_at", "1970"),
    "a year-9999 turn": (lambda d: turn(d).update(ended_at="9999-12-31T23:59:59+00:00"), "turns[0].ended_at",
                         "1970"),
    "a date that is no date": (lambda d: d["sessions"][0]["comments"][0].update(created_at="yesterday"),
                               "comments[0].created_at", "ISO 8601"),
    "an audio rate of 1 Hz": (lambda d: d["sessions"][0]["audio"][0].update(sample_rate=1), "audio[0].sample_rate",
                              "from 4000 to 384000"),
    "audio claiming more frames": (lambda d: set_chunk(d, frames=99_999), "audio[0].chunks[0]", "frame count"),
    "audio claiming stereo": (lambda d: d["sessions"][0]["audio"][0].update(channels=2), "audio[0].chunks[0]",
                              "channels"),
    "audio that is not base64": (lambda d: set_chunk(d, data="!!not base64!!"), "audio[0].chunks[0]", "frame count"),
    "a zlib bomb": (lambda d: zlib_chunk(d, 16_000, 50_000_000), "audio[0].chunks[0]", "frame count"),
    "an unknown codec": (lambda d: d["sessions"][0]["audio"][0].update(codec="mp3"), "audio[0].codec", "flac, zlib"),
    "a NUL in the trainee's name": (lambda d: d["sessions"][0].update(trainee="Al\x00ice"), "trainee", "invisible"),
    "escape codes in an author": (lambda d: d["sessions"][0]["overrides"][0].update(author="\x1b[2Jmallory"),
                                  "overrides[0].author", "invisible"),
    "no turns at all": (lambda d: d["sessions"][0].pop("turns"), "turns", "is missing"),
    "a reply of 5,000 characters": (lambda d: turn(d).update(reply="sorry " * 1000), "turns[0].reply",
                                    "longer than 4000"),
    "turns out of order": (lambda d: turn(d, 1).update(index=5), "turns", "in order"),
    "a turn without its empathy score": (lambda d: turn(d)["dimensions"].pop(0), "turns[0].dimensions", "empathy"),
    "a comment on another session's turn": (lambda d: d["sessions"][0]["comments"][0].update(turn=OTHER_ID.format(1)),
                                            "comments[0].turn", "not in this session"),
    "an override of a score the turn lacks": (lambda d: d["sessions"][0]["overrides"][0].update(dimension="pace"),
                                              "overrides[0].dimension", "does not have"),
    "a scenario the app cannot read": (lambda d: d["sessions"][0]["scenario"]["content"].pop("persona"),
                                       "scenario.content", "scenario"),
    "a scenario id that is not the content's": (lambda d: d["sessions"][0]["scenario"].update(id="en-other"),
                                                "scenario.id", "match"),
    "an id that is no UUID": (lambda d: turn(d).update(id="turn-1"), "turns[0].id", "UUID"),
    "the same turn twice": (lambda d: turn(d, 1).update(id=turn(d)["id"]), "turns[1].id", "twice"),
    "a NUL deep in the details": (lambda d: dimension(d, "empathy")["details"].update(x="\x00"),
                                  "turns[0].dimensions[0].details", "NUL"),
    "a finished call without an end": (lambda d: d["sessions"][0].update(ended_at=None), "ended_at", "missing"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_field_is_refused_naming_the_session_and_field(repository, document, case):
    tamper, field, words = BAD_FILES[case]
    bad = copy.deepcopy(document)
    tamper(bad)
    english, chinese = refused(repository, bad)
    session_id = document["sessions"][0]["id"]
    assert f"session 1 of the file ({session_id}), {field} " in english and words in english, english
    assert f"第 1 个会话（{session_id}）的 {field}" in chinese
    assert repository.count_sessions() == 0 and repository.list_people("trainer") == []


@pytest.mark.parametrize(("content", "words"), [
    ('{"format": "roleplay-sessions", "version": 1, "sessions": [NaN]}', "NaN"),
    ('{"format": "roleplay-sessions", "version": 1, "sessions": [1e400]}', "number too large"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"format": "roleplay-sessions", "version": 1, "sessions": {}}', "sessions must be a list"),
    ('{"format": "roleplay-sessions", "version": "1", "sessions": []}', "version must be a whole number"),
    ('{"format": "roleplay-sessions", "version": 1, "sessions": [[]]}', "must be an object"),
    ('{"format": "roleplay-sessions", "version": 1,', "not valid JSON (line 1, column 46)"),
])
def test_a_file_that_is_not_plain_json_is_refused(repository, content, words):
    with pytest.raises(ImportFormatError) as caught:
        repository.import_json(io.StringIO(content))
    assert words in storage_message(caught.value, "en") and storage_message(caught.value, "zh") != ""
    assert repository.count_sessions() == 0


def test_a_bad_session_half_way_writes_nothing(repository, document):
    good, bad = copy.deepcopy(document["sessions"][0]), copy.deepcopy(document["sessions"][0])
    bad["id"] = OTHER_ID.format(2)
    for number, t in enumerate(bad["turns"]):
        t["id"] = OTHER_ID.format(16 + number)
    for number, item in enumerate(bad["comments"] + bad["overrides"] + bad["audio"]):
        item["id"] = OTHER_ID.format(32 + number)
    bad["status"] = "bogus"
    english, _ = refused(repository, {**document, "sessions": [good, bad]})
    assert f"session 2 of the file ({OTHER_ID.format(2)}), status" in english
    assert repository.count_sessions() == 0  # the good first session was not committed either


def test_an_existing_turns_original_score_never_changes(repository, document):
    load(repository, document)
    session_id = document["sessions"][0]["id"]
    before = repository.load_session(session_id)
    original = before.turns[0].dimensions["structure"].score

    forged = copy.deepcopy(document)  # the same session, its score rewritten, and a new override
    dimension(forged, "structure").update(score=1, override=1)
    turn(forged).update(overall=1)
    forged["sessions"][0]["overrides"].append({
        "id": OTHER_ID.format(3), "turn": turn(forged)["id"], "dimension": "structure", "original_score": 1,
        "new_score": 100, "reason": "because", "author": "mallory", "created_at": "2030-01-01T00:00:00+00:00"})
    report = load(repository, forged)
    assert (report.imported, report.skipped, report.overrides_added) == (0, 1, 1)  # the review is merged

    after = repository.load_session(session_id)
    assert after.turns[0].dimensions["structure"].score == original  # the scorer's score stays
    assert after.turns[0].overall == before.turns[0].overall
    assert [(o.original_score, o.new_score, o.author) for o in after.overrides] == [
        (original, 70, "Coach"), (original, 100, "mallory")]  # its "original" is this database's score
    assert repository.check() == []


def test_a_new_session_takes_its_overrides_from_the_review_records(repository, document):
    forged = copy.deepcopy(document)
    forged["sessions"][0]["overrides"][0]["original_score"] = 1  # a lie about the scorer's score
    dimension(forged, "empathy").update(override=99)  # an override with no record of who made it
    turn(forged).update(overall_override=99)
    load(repository, forged)
    detail = repository.load_session(document["sessions"][0]["id"])
    scored = dimension(document, "structure")["score"]
    assert [(o.original_score, o.new_score) for o in detail.overrides] == [(scored, 70)]
    assert detail.turns[0].dimensions["empathy"].override is None and detail.turns[0].overall_override is None
    assert detail.turns[0].dimensions["structure"].override == 70


def test_ids_another_session_holds_are_refused(repository, document):
    load(repository, document)
    copied = copy.deepcopy(document)
    copied["sessions"][0]["id"] = OTHER_ID.format(4)  # a new session reusing the turns' ids
    english, _ = refused(repository, copied)
    assert "turns[0].id is already used by another session" in english
    assert repository.count_sessions() == 1


def test_free_text_is_cleaned_as_a_reply_is(repository, document):
    cleaned = copy.deepcopy(document)
    turn(cleaned)["reply"] = "I under\u200bstand\u202e."
    cleaned["sessions"][0]["comments"][0]["text"] = "Good\x07 start"
    load(repository, cleaned)
    detail = repository.load_session(document["sessions"][0]["id"])
    assert detail.turns[0].reply_text == "I understand." and detail.comments[0].text == "Good start"


def test_the_command_refuses_a_bad_file_in_one_line_and_imports_nothing(db_url, tmp_path, document):
    trainer = trainer_cli(db_url)
    bad = copy.deepcopy(document)
    bad["sessions"][0]["status"] = "hacked"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    env = cli_env(db_url, tmp_path / "data")
    for lang, words in (("en", "Nothing was imported: in session 1 of the file"), ("zh", "未导入任何内容")):
        proc = subprocess.run(python_cli("sessions", "import", *trainer, str(path)), capture_output=True, text=True,
                              env={**env, "ROLEPLAY_LANG": lang}, timeout=120)
        assert proc.returncode == 2 and words in proc.stderr and "status" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    listed = subprocess.run(python_cli("sessions", "list", *trainer, "--json"), capture_output=True, text=True,
                            env=env, timeout=120)
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    fifo = tmp_path / "pipe.json"
    import os

    os.mkfifo(fifo)
    proc = subprocess.run(python_cli("sessions", "import", *trainer, str(fifo)), capture_output=True, text=True,
                          env=env, timeout=120)  # refused at once, never waited on
    assert proc.returncode == 2 and "not a regular file" in proc.stderr

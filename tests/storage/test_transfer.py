"""Export and import: sessions move between machines (and engines) with audio, never twice."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess

import pytest

from app.storage import Database, ImportFormatError, SessionFilter, SessionRepository
from app.storage.transfer import csv_header
from tests.storage.conftest import STEADY_REPLIES, pcm_tone, record_call


@pytest.fixture
def laptop(tmp_path):
    """Another machine's own SQLite database."""
    database = Database.open(f"sqlite:///{tmp_path / 'laptop' / 'roleplay.sqlite3'}")
    yield SessionRepository(database)
    database.close()


def _export(repository, **kwargs) -> str:
    out = io.StringIO()
    repository.export_json(out, **kwargs)
    return out.getvalue()


def test_json_round_trip_with_audio_and_review_without_duplicates(repository, laptop, parcel, library):
    # Recorded on the laptop, then moved to the database under test (SQLite or the shared PostgreSQL).
    first = record_call(laptop, parcel, STEADY_REPLIES[:3])
    second = record_call(laptop, library.scenarios["zh-complaint-lost-baggage"], ["非常抱歉让您久等了。"], trainee="王芳")
    sound = pcm_tone(2.3)
    laptop.store_audio(first.session_uuid, 1, "trainee", sound, 16000)
    laptop.add_comment(first.session_uuid, "Nice restatement", "Coach", turn_index=1, offset_s=3.0)
    laptop.add_override(first.session_uuid, 1, "structure", 70, "Cause was explained", "Coach")
    document = _export(laptop)

    report = repository.import_json(io.StringIO(document))
    assert (report.imported, report.skipped, report.comments_added, report.overrides_added) == (2, 0, 1, 1)
    again = repository.import_json(io.StringIO(document))
    assert (again.imported, again.skipped, again.comments_added, again.overrides_added) == (0, 2, 0, 0)
    assert repository.count_sessions() == 2

    moved, original = repository.load_session(first.session_uuid), laptop.load_session(first.session_uuid)
    assert moved.summary == original.summary
    assert moved.turns == original.turns and moved.comments == original.comments
    assert moved.overrides == original.overrides and moved.emotion_curve == original.emotion_curve
    assert moved.turns[1].dimensions["structure"].effective == 70
    assert repository.load_audio(first.session_uuid, 1, "trainee").pcm == sound
    assert repository.load_session(second.session_uuid).summary.trainee == "王芳"
    assert {p.name for p in repository.list_people("trainee")} == {"Alice", "王芳"}
    assert repository.check() == []

    # A trainer reviews on the laptop later; importing again brings only the new review.
    laptop.add_comment(first.session_uuid, "Follow up next week", "Coach")
    later = repository.import_json(io.StringIO(_export(laptop)))
    assert (later.imported, later.skipped, later.comments_added) == (0, 2, 1)
    assert len(repository.load_session(first.session_uuid).comments) == 2


def test_export_filters_and_without_audio(repository, parcel):
    alice = record_call(repository, parcel, STEADY_REPLIES[:1])
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob")
    repository.store_audio(alice.session_uuid, 0, "trainee", pcm_tone(1.0), 16000)
    document = json.loads(_export(repository, filters=SessionFilter(trainee="Alice"), with_audio=False))
    assert document["format"] == "roleplay-sessions" and document["version"] == 1
    assert [s["id"] for s in document["sessions"]] == [str(alice.session_uuid)]
    assert "audio" not in document["sessions"][0]
    with_audio = json.loads(_export(repository, filters=SessionFilter(trainee="Alice")))
    assert with_audio["sessions"][0]["audio"][0]["chunks"]


def test_an_interrupted_recording_from_elsewhere_arrives_interrupted(repository, laptop, parcel):
    unfinished = laptop.start_session("Alice", parcel)
    repository.import_json(io.StringIO(_export(laptop)))
    assert repository.load_session(unfinished).summary.status == "interrupted"


@pytest.mark.parametrize("content", ["not json", json.dumps({"format": "something-else"}),
                                     json.dumps({"format": "roleplay-sessions", "version": 99, "sessions": []}),
                                     json.dumps({"format": "roleplay-sessions", "version": 1,
                                                 "sessions": [{"id": "not-a-uuid"}]})])
def test_bad_import_files_are_refused_cleanly(repository, content):
    with pytest.raises(ImportFormatError):
        repository.import_json(io.StringIO(content))
    assert repository.count_sessions() == 0


def test_csv_has_one_row_per_turn_with_every_dimension(repository, parcel):
    from app.domain.dialogue import CallSession, ManualClock
    from app.domain.scoring import ReplyScorer, WordTiming
    from app.storage import TurnData

    recorder = record_call(repository, parcel, STEADY_REPLIES[:3])
    other = repository.start_session("Bob", parcel)
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    timed = call.reply("I'm sorry about that", words=[WordTiming("I'm", 0.5, 0.7), WordTiming("sorry", 0.7, 1.0),
                                                      WordTiming("about", 1.0, 1.2), WordTiming("that", 1.2, 1.4)])
    repository.append_turn(other, TurnData.from_domain(timed))
    repository.add_override(recorder.session_uuid, 2, "empathy", 95, "warm", "Coach")

    out = io.StringIO()
    assert repository.export_csv(out) == 4
    assert out.getvalue().startswith("\ufeff")  # a BOM: Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(out.getvalue()[1:])))
    assert list(rows[0]) == csv_header() and len(rows) == 4
    for name in ("empathy", "structure", "forbidden", "pace", "overall"):
        assert name in rows[0]
    alice_rows = [r for r in rows if r["trainee"] == "Alice"]
    assert [r["turn"] for r in alice_rows] == ["0", "1", "2"]
    detail = repository.load_session(recorder.session_uuid)
    for row, turn in zip(alice_rows, detail.turns, strict=True):
        assert row["reply"] == turn.reply_text and int(row["overall"]) == turn.overall
        for name, dim in turn.dimensions.items():
            assert int(row[name]) == dim.score
        assert row["pace"] == ""  # typed replies have no pace
        assert row["scenario"] == parcel.title and row["scenario_id"] == parcel.id
    assert alice_rows[2]["empathy_override"] == "95"
    assert alice_rows[0]["call_score"] == str(detail.summary.call_score)  # the call score and its items
    items = {i["name"]: i["score"] for i in detail.summary.call_items}
    assert alice_rows[0]["item_restated"] == str(items["restated"]) and alice_rows[0]["item_pace"] == ""
    bob = next(r for r in rows if r["trainee"] == "Bob")
    assert bob["pace"] != "" and bob["status"] == "in_progress"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-calc-nogui) not installed")
def test_the_csv_opens_in_a_spreadsheet_with_chinese_names_intact(repository, library, tmp_path):
    baggage = library.scenarios["zh-complaint-lost-baggage"]
    record_call(repository, baggage, ("非常抱歉让您久等了，我来帮您查。",), trainee="王芳")
    target = tmp_path / "sessions.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        repository.export_csv(out)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    profile = tmp_path / "lo-profile"
    # opened as a UTF-8 CSV (comma-separated, quoted), as Excel does on seeing the BOM
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--infilter=CSV:44,34,76",
                    "--convert-to", "html", "--outdir", str(tmp_path / "out"), str(target)],
                   check=True, capture_output=True, timeout=180)
    sheet = (tmp_path / "out" / "sessions.html").read_text(encoding="utf-8")
    cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", sheet, re.S)]
    assert cells[0] == "session_id"  # the BOM is taken as the encoding's mark, not as text in the first cell
    assert "王芳" in cells and baggage.title in cells and any("非常抱歉让您久等了" in c for c in cells)

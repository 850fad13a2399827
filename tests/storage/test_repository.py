"""The repository API on both engines: recording, listing with filters, loading, review, progress."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer
from app.storage import (
    NotFoundError,
    SessionFilter,
    SessionRepository,
    TurnData,
)
from app.storage.process import ProcessIdentity
from app.storage.rows import person_uuid
from tests.storage.conftest import STEADY_REPLIES, record_call

GOOD = ("I'm so sorry, I can hear how frustrating this is. So the parcel you ordered on the 15th still hasn't "
        "arrived, is that right? It's stuck because the depot has a backlog. I'll send a replacement by next day "
        "courier and email you the tracking number within the hour. Thank you for your patience.")


def test_a_recorded_call_reads_back_exactly(repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:3])
    detail = repository.load_session(recorder.session_uuid)
    s = detail.summary
    assert (s.trainee, s.scenario_id, s.status, s.outcome, s.end_reason) == (
        "Alice", parcel.id, "finished", "abandoned", "trainee_hung_up")
    assert s.turn_count == 3 and len(detail.turns) == 3
    assert [t.index for t in detail.turns] == [0, 1, 2]
    assert detail.emotion_curve[0] == parcel.persona.intensity and len(detail.emotion_curve) == 4
    assert s.hostname and s.app_version and s.started_at.tzinfo is not None and s.ended_at >= s.started_at
    assert detail.scenario() == parcel  # the snapshot is the scenario as played

    # The stored turn rebuilds the scorer's result exactly (scores, evidence, tips, details).
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    live = call.reply(STEADY_REPLIES[0])
    stored = detail.turns[0]
    assert stored.reply_text == STEADY_REPLIES[0] and stored.customer_text == live.customer.text
    assert stored.stage == "opening" and stored.mood_band == live.customer.band.value
    assert stored.to_reply_score("en").to_dict() == live.score.to_dict()
    assert set(stored.dimensions) == {"empathy", "forbidden", "structure"}
    assert s.average_score == round(sum(t.overall for t in detail.turns) / 3)


def test_append_turn_is_idempotent_and_one_transaction(repository, parcel):
    session_uuid = repository.start_session("Bob", parcel)
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    turn = TurnData.from_domain(call.reply(GOOD), recogniser="vosk:small-en")
    repository.append_turn(session_uuid, turn)
    repository.append_turn(session_uuid, turn)  # a retry after an unacknowledged commit
    detail = repository.load_session(session_uuid)
    assert len(detail.turns) == 1 and detail.turns[0].recogniser == "vosk:small-en"
    assert detail.turns[0].dimensions["empathy"].evidence  # evidence stored with its offsets
    ev = detail.turns[0].dimensions["empathy"].evidence[0]
    assert GOOD[ev["start"]:ev["end"]] == ev["text"]
    assert repository.check() == []


def test_word_timings_and_latency_are_kept(repository, parcel):
    from app.domain.scoring import WordTiming

    session_uuid = repository.start_session("Bob", parcel)
    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    words = [WordTiming("I'm", 0.8, 1.0), WordTiming("sorry", 1.0, 1.4, 0.9)]
    repository.append_turn(session_uuid, TurnData.from_domain(call.reply("I'm sorry", words=words)))
    turn = repository.load_session(session_uuid).turns[0]
    assert turn.words == [{"word": "I'm", "start": 0.8, "end": 1.0, "conf": 1.0},
                          {"word": "sorry", "start": 1.0, "end": 1.4, "conf": 0.9}]
    assert turn.latency_s == pytest.approx(0.8)
    assert "pace" in turn.dimensions


def test_identical_scenario_snapshots_are_stored_once(repository, parcel, database):
    from sqlalchemy import func, select

    from app.storage.models import ScenarioSnapshotRow

    record_call(repository, parcel, STEADY_REPLIES[:1])
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob")
    changed = parcel.model_copy(update={"version": 2})
    record_call(repository, changed, STEADY_REPLIES[:1])
    with database.read() as db:
        assert db.scalar(select(func.count(ScenarioSnapshotRow.id))) == 2
    versions = sorted(s.scenario_version for s in repository.list_sessions())
    assert versions == [1, 1, 2]


def test_people_have_the_same_uuid_everywhere(repository):
    alice = repository.ensure_person("Alice")
    assert alice.uuid == person_uuid("Alice", "trainee") == repository.ensure_person("Alice").uuid
    trainer = repository.ensure_person("Alice", "trainer")
    assert trainer.uuid != alice.uuid
    assert [(p.name, p.role) for p in repository.list_people()] == [("Alice", "trainee"), ("Alice", "trainer")]
    assert [p.name for p in repository.list_people("trainer")] == ["Alice"]


def _fill_for_filters(repository, library):
    zh = library.scenarios["zh-complaint-lost-baggage"]
    parcel = library.scenarios["en-complaint-late-parcel"]
    day = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    made = []
    for n in range(12):
        scenario = zh if n % 3 == 0 else parcel
        trainee = "Alice" if n % 2 == 0 else "Bob"
        session_uuid = repository.start_session(trainee, scenario, started_at=day + timedelta(days=n))
        call = CallSession(scenario, ReplyScorer(), ManualClock())
        call.start()
        reply = GOOD if n % 4 == 1 else STEADY_REPLIES[0]
        repository.append_turn(session_uuid, TurnData.from_domain(call.reply(reply)))
        result = call.hang_up()
        if n != 11:  # the last one stays in progress
            repository.finish_session(session_uuid, outcome=result.outcome.value, end_reason=result.reason.value,
                                      ended_at=day + timedelta(days=n, minutes=5))
        made.append(session_uuid)
    return made


def test_list_filters_sorting_and_paging(repository, library):
    made = _fill_for_filters(repository, library)
    everything = repository.list_sessions(limit=100)
    assert [s.uuid for s in everything] == list(reversed(made))  # newest first
    assert repository.count_sessions() == 12

    page1 = repository.list_sessions(limit=5)
    page2 = repository.list_sessions(limit=5, offset=5)
    page3 = repository.list_sessions(limit=5, offset=10)
    assert [s.uuid for s in page1 + page2 + page3] == [s.uuid for s in everything]
    assert len(page3) == 2

    alice = SessionFilter(trainee="Alice")
    assert {s.trainee for s in repository.list_sessions(alice)} == {"Alice"}
    assert repository.count_sessions(alice) == 6
    assert repository.count_sessions(SessionFilter(trainee="Nobody")) == 0
    assert repository.count_sessions(SessionFilter(scenario_id="zh-complaint-lost-baggage")) == 4
    assert repository.count_sessions(SessionFilter(language="zh")) == 4
    assert repository.count_sessions(SessionFilter(emotion="angry")) == 12
    assert repository.count_sessions(SessionFilter(emotion="anxious")) == 0
    assert repository.count_sessions(SessionFilter(status="in_progress")) == 1
    outcomes = {o: repository.count_sessions(SessionFilter(outcome=o)) for o in ("resolved", "escalated", "abandoned")}
    assert sum(outcomes.values()) == 11 and outcomes["abandoned"] >= 1
    window = SessionFilter(started_from=datetime(2025, 3, 3, tzinfo=UTC),
                           started_before=datetime(2025, 3, 6, tzinfo=UTC))
    assert [s.started_at.day for s in repository.list_sessions(window)] == [5, 4, 3]
    high = repository.list_sessions(SessionFilter(min_score=60))
    assert high and all(s.average_score >= 60 for s in high)
    low = repository.list_sessions(SessionFilter(max_score=59))
    assert len(high) + len(low) == 12
    combined = SessionFilter(trainee="Bob", min_score=60, language="en")
    assert all(s.trainee == "Bob" and s.average_score >= 60 for s in repository.list_sessions(combined))

    by_score = repository.list_sessions(order_by="average_score", descending=False, limit=100)
    assert [s.average_score for s in by_score] == sorted(s.average_score for s in by_score)
    by_trainee = repository.list_sessions(order_by="trainee", limit=100)
    assert [s.trainee for s in by_trainee] == ["Bob"] * 6 + ["Alice"] * 6
    with pytest.raises(ValueError):
        repository.list_sessions(order_by="password")


def test_comments_and_overrides_keep_the_original(repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:2])
    sid = recorder.session_uuid
    before = repository.load_session(sid)
    original_empathy = before.turns[1].dimensions["empathy"].score
    repository.add_comment(sid, "Good calm tone here.", "Coach Li", turn_index=1, offset_s=12.5)
    repository.add_comment(sid, "Overall: restate earlier.", "Coach Li")
    repository.add_override(sid, 1, "empathy", 85, "She did acknowledge the feeling", "Coach Li")
    repository.add_override(sid, 1, "empathy", 80, "On second listen, 80", "Coach Li")
    repository.add_override(sid, 0, "overall", 90, "Strong opening", "Coach Li")

    detail = repository.load_session(sid)
    empathy = detail.turns[1].dimensions["empathy"]
    assert (empathy.score, empathy.override, empathy.effective) == (original_empathy, 80, 80)
    assert detail.turns[0].overall == before.turns[0].overall and detail.turns[0].effective_overall == 90
    assert [(o.dimension, o.original_score, o.new_score) for o in detail.overrides] == [
        ("empathy", original_empathy, 85), ("empathy", original_empathy, 80), ("overall", before.turns[0].overall, 90)]
    assert all(o.author == "Coach Li" and o.reason for o in detail.overrides)
    assert [(c.turn_index, c.offset_s, c.text) for c in detail.comments] == [
        (1, 12.5, "Good calm tone here."), (None, None, "Overall: restate earlier.")]
    assert detail.summary.average_score == round((90 + detail.turns[1].overall) / 2)
    assert "Coach Li" in [p.name for p in repository.list_people("trainer")]

    with pytest.raises(ValueError):
        repository.add_override(sid, 0, "empathy", 50, "   ", "Coach Li")  # a reason is required
    with pytest.raises(ValueError):
        repository.add_override(sid, 0, "empathy", 101, "too high", "Coach Li")
    with pytest.raises(ValueError):
        repository.add_override(sid, 0, "charisma", 50, "no such dimension", "Coach Li")
    with pytest.raises(NotFoundError):
        repository.add_override(sid, 7, "empathy", 50, "no such turn", "Coach Li")
    with pytest.raises(ValueError):
        repository.add_comment(sid, "  ", "Coach Li")


def test_trainee_progress_and_best_scores(repository, library, parcel):
    record_call(repository, parcel, STEADY_REPLIES[:2])
    good = record_call(repository, parcel, [GOOD], hang_up=False)
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob")
    repository.start_session("Alice", parcel)  # no turn yet: counted, not on the timeline

    progress = repository.trainee_progress("Alice", recent=1)
    assert progress.sessions == 3
    assert progress.status_counts == {"finished": 2, "in_progress": 1}
    assert sum(progress.outcome_counts.values()) == 2
    assert len(progress.timeline) == 2 and progress.recent == progress.timeline[-1:]
    assert progress.timeline[0].started_at <= progress.timeline[1].started_at
    assert set(progress.average_by_dimension) == {"empathy", "forbidden", "structure"}
    assert progress.weakest_dimension in progress.average_by_dimension
    detail = repository.load_session(good.session_uuid)
    assert progress.timeline[1].overall == detail.turns[0].overall
    all_turns = [t for p in progress.timeline for t in repository.load_session(p.session_uuid).turns]
    assert progress.average_overall == pytest.approx(sum(t.overall for t in all_turns) / len(all_turns), abs=0.05)

    repository.add_override(good.session_uuid, 0, "empathy", 0, "Too scripted", "Coach")
    after = repository.trainee_progress("Alice")
    assert after.timeline[1].dimensions["empathy"] == 0  # progress counts the trainer's correction

    best = repository.best_scores("Alice")
    assert best == {parcel.id: max(s.score for s in repository.list_sessions(SessionFilter(
        trainee="Alice", status="finished")))}  # the session's score: its call score
    assert repository.trainee_progress("Nobody").sessions == 0


def test_sessions_of_dead_processes_are_marked_interrupted(database, parcel):
    dead = ProcessIdentity("this-host", 999_999_999, "1")
    alive = ProcessIdentity("this-host", os.getpid(), ProcessIdentity.current().started)
    recycled = ProcessIdentity("this-host", os.getpid(), "not-my-start-time")
    elsewhere = ProcessIdentity("other-laptop", 1234, "1")
    uuids = {}
    for name, identity in (("dead", dead), ("alive", alive), ("recycled", recycled), ("elsewhere", elsewhere)):
        uuids[name] = SessionRepository(database, identity).start_session("Alice", parcel)
    me = SessionRepository(database, ProcessIdentity("this-host", 1, "me"))
    assert sorted(me.mark_interrupted_sessions()) == sorted([uuids["dead"], uuids["recycled"]])
    status = {name: me.load_session(u).summary.status for name, u in uuids.items()}
    assert status == {"dead": "interrupted", "alive": "in_progress", "recycled": "interrupted",
                      "elsewhere": "in_progress"}
    assert me.load_session(uuids["dead"]).summary.ended_at is not None
    # Another laptop's session is closed only after a long silence.
    assert me.mark_interrupted_sessions(stale_after=timedelta(0)) == [uuids["elsewhere"]]


def test_delete_trainee_removes_everything_of_theirs(repository, parcel):
    keep = record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob")
    gone = record_call(repository, parcel, STEADY_REPLIES[:2])
    repository.store_audio(gone.session_uuid, 0, "trainee", b"\0\0" * 16000, 16000)
    repository.add_comment(gone.session_uuid, "note", "Coach")
    assert repository.delete_trainee("Alice") == 1
    assert [s.uuid for s in repository.list_sessions()] == [keep.session_uuid]
    with pytest.raises(NotFoundError):
        repository.load_session(gone.session_uuid)
    assert repository.check() == []
    assert "Alice" not in [p.name for p in repository.list_people("trainee")]


def test_unknown_session_is_not_found(repository):
    import uuid

    with pytest.raises(NotFoundError):
        repository.load_session(uuid.uuid4())
    with pytest.raises(NotFoundError):
        repository.finish_session(uuid.uuid4(), outcome=None, end_reason=None)


def test_the_check_finds_inconsistent_rows(repository, database, parcel):
    from sqlalchemy import update

    from app.storage.models import SessionRow, TurnRow

    recorder = record_call(repository, parcel, STEADY_REPLIES[:2])
    assert repository.check() == []
    with database.write() as db:
        db.execute(update(SessionRow).values(score_totals={"overall": [1.0, 1]}, turn_count=5))
        db.execute(update(TurnRow).where(TurnRow.index == 1).values(index=4))
    problems = "\n".join(repository.check())
    assert f"session {recorder.session_uuid}: turn indexes" in problems
    assert "turn_count 5 but 2 turns stored" in problems
    assert "stored score totals" in problems


def test_a_session_interrupted_mid_call_reads_window_closed_not_hung_up(repository, parcel):
    from app.domain.dialogue import EndReason
    from app.storage.domain_mapping import result_from_detail
    from tests.storage.conftest import STEADY_REPLIES, record_call

    session = record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob", hang_up=False).session_uuid
    repository.interrupt_session(session)
    result = result_from_detail(repository.load_session(session))
    assert result.reason == EndReason.WINDOW_CLOSED and result.outcome is None


def test_a_call_hung_up_before_the_first_reply_is_discarded_with_its_recordings(repository, parcel):
    from app.storage import SIDE_CUSTOMER
    from app.storage.recorder import CallRecorder

    recorder = CallRecorder(repository, "Bob", parcel)
    recorder.store_customer_audio(0, b"\x00\x01" * 1600, 16000)  # the opening line, as spoken
    session = recorder.session_uuid
    assert repository.load_audio(session, 0, SIDE_CUSTOMER) is not None
    from app.domain.dialogue import CallSession, ManualClock
    from app.domain.scoring import ReplyScorer

    call = CallSession(parcel, ReplyScorer(), ManualClock())
    call.start()
    recorder.finish(call.hang_up())  # hung up before the first reply
    assert repository.count_sessions() == 0 and repository.check() == []

"""Stored call scores, and scoring stored sessions again from their transcripts, on both engines."""

from __future__ import annotations

from sqlalchemy import update

from app.domain.scoring.call_score import SCORER_VERSION
from app.storage.models import DimensionScoreRow, SessionRow, TurnRow
from app.storage.rescore import rescore_sessions, sessions_without_call_score
from tests.storage.conftest import STEADY_REPLIES, record_call


def test_a_finished_call_stores_its_call_score_and_items(repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:3])
    detail = repository.load_session(recorder.session_uuid)
    summary = detail.summary
    assert summary.call_score is not None and summary.score == summary.call_score
    names = [item["name"] for item in summary.call_items]
    assert names[:3] == ["first_empathy", "hostile_acknowledged", "restated"]
    assert all("evidence" in item and "tip" in item for item in summary.call_items)
    first = detail.turns[0]
    assert first.moment is not None and first.moment["stage"] == "opening"
    assert set(first.moment["met"]) >= {"acknowledge"}
    assert sessions_without_call_score(repository.database) == 0


def test_rescore_restores_the_call_score_and_keeps_trainer_overrides(repository, parcel):
    recorder = record_call(repository, parcel, STEADY_REPLIES[:3])
    session_id = recorder.session_uuid
    repository.add_override(session_id, 0, "empathy", 5, "far too cold", "Coach")
    original = repository.load_session(session_id)
    # a session as an older scorer left it: no call score, no moments, different turn scores
    with repository.database.write() as db:
        row_id = db.query(SessionRow.id).filter(SessionRow.uuid == session_id).scalar()
        db.execute(update(SessionRow).where(SessionRow.id == row_id)
                   .values(call_score=None, call_items=None, scorer_version=None))
        db.execute(update(TurnRow).where(TurnRow.session_id == row_id).values(overall=1, moment=None))
    assert sessions_without_call_score(repository.database) == 1
    assert repository.list_sessions()[0].call_score is None

    report = rescore_sessions(repository.database)
    assert (report.rescored, report.skipped) == (1, 0)
    again = repository.load_session(session_id)
    assert again.summary.call_score == original.summary.call_score
    assert [t.overall for t in again.turns] == [t.overall for t in original.turns]
    assert again.turns[0].moment == original.turns[0].moment
    empathy = again.turns[0].dimensions["empathy"]
    assert empathy.override == 5 and empathy.score == original.turns[0].dimensions["empathy"].score
    assert [(o.dimension, o.new_score) for o in again.overrides] == [("empathy", 5)]
    assert sessions_without_call_score(repository.database) == 0
    assert rescore_sessions(repository.database).rescored == 0  # nothing outdated is left
    assert rescore_sessions(repository.database, only_outdated=False).rescored == 1
    with repository.database.read() as db:
        assert db.query(SessionRow.scorer_version).scalar() == SCORER_VERSION
        assert db.query(DimensionScoreRow).count() > 0


def test_team_view_counts_call_scores(repository, parcel):
    from datetime import UTC, datetime

    record_call(repository, parcel, STEADY_REPLIES[:3], trainee="Alice")
    rows = repository.team_rows(datetime.now(UTC))
    alice = next(r for r in rows if r.trainee_id == "Alice")
    stored = repository.list_sessions()[0]
    assert alice.average_overall == float(stored.call_score)
    assert alice.weakest_dimension in {item["name"] for item in stored.call_items}


def test_scorer_vs_trainer_counts_each_replys_latest_override(repository, parcel):
    first = record_call(repository, parcel, STEADY_REPLIES[:3], trainee="Alice").session_uuid
    record_call(repository, parcel, STEADY_REPLIES[:2], trainee="Bob")
    detail = repository.load_session(first)
    original = detail.turns[0].dimensions["empathy"].score
    repository.add_override(first, 0, "empathy", 10, "too generous", "Coach")
    repository.add_override(first, 0, "empathy", original - 20, "second thoughts", "Coach")  # the latest counts
    repository.add_override(first, 1, "overall", detail.turns[1].overall + 10, "better than scored", "Coach")
    stats = {s.dimension: s for s in repository.override_stats()}
    assert set(stats) == {"empathy", "overall"}
    assert stats["empathy"].overrides == 1 and stats["empathy"].mean_change == -20.0
    assert stats["overall"].mean_change == 10.0
    assert stats["empathy"].replies == 5 and abs(stats["empathy"].share - 0.2) < 1e-9


def test_sessions_with_nothing_to_score_are_not_outdated_for_ever(repository, parcel):
    # a call hung up before saying anything, as older versions kept it (the recorder now discards it)
    session = repository.start_session("Carl", parcel)
    repository.finish_session(session, outcome="abandoned", end_reason="trainee_hung_up")
    assert repository.list_sessions()[0].call_score is None
    assert sessions_without_call_score(repository.database) == 1
    assert rescore_sessions(repository.database).skipped == 1
    assert sessions_without_call_score(repository.database) == 0


def test_rescoring_in_worker_processes_gives_the_same_scores(repository, parcel):
    sessions = [record_call(repository, parcel, STEADY_REPLIES[:n]).session_uuid for n in (1, 2, 3)]
    before = {s: repository.load_session(s) for s in sessions}
    with repository.database.write() as db:
        db.execute(update(TurnRow).values(overall=1, moment=None))
        db.execute(update(SessionRow).values(call_score=None, call_items=None, scorer_version=None))
    report = rescore_sessions(repository.database, jobs=2, batch=2)  # two batches, each shared out
    assert (report.rescored, report.skipped) == (3, 0)
    for session_id, original in before.items():
        again = repository.load_session(session_id)
        assert again.summary.call_score == original.summary.call_score
        assert [t.overall for t in again.turns] == [t.overall for t in original.turns]
        assert [t.moment for t in again.turns] == [t.moment for t in original.turns]


def test_workers_that_cannot_start_are_said_as_such_before_any_batch(repository, parcel, monkeypatch):
    import app.storage.rescore as rescore_module

    record_call(repository, parcel, STEADY_REPLIES[:2])
    with repository.database.write() as db:
        db.execute(update(SessionRow).values(scorer_version=None))

    def cannot_spawn(*_args, **_kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(rescore_module, "ProcessPoolExecutor", cannot_spawn)
    import pytest

    with pytest.raises(rescore_module.RescoreWorkersError):
        rescore_sessions(repository.database, jobs=2)
    assert sessions_without_call_score(repository.database) == 1  # nothing half-written
    assert rescore_sessions(repository.database, jobs=1).rescored == 1

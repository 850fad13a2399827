"""Trainer workspace storage, on SQLite and PostgreSQL: trainer accounts (hash only, persisted
lock-out), the good/bad example mark, and the team reads (sessions, intervention rate)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from app.auth import LockedOut, LoginThrottle, PasswordPolicyError
from app.domain.progress import TeamPolicy, TurnFacts, intervention_rates, team_table
from app.storage import (
    EXAMPLE_BAD,
    EXAMPLE_GOOD,
    SessionFilter,
    SessionRepository,
    TrainerExistsError,
)
from app.storage.models import PersonRow
from tests.storage.conftest import STEADY_REPLIES, record_call

PASSWORD = "correct horse 42"


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_first_trainer_password_is_stored_only_as_a_slow_salted_hash(repository, database):
    assert repository.trainer_accounts() == []
    account = repository.create_first_trainer("Coach Wang", PASSWORD)
    assert account.name == "Coach Wang" and account.has_password and account.failed_logins == 0
    with database.read() as db:
        stored = db.scalar(select(PersonRow.password_hash).where(PersonRow.name == "Coach Wang"))
        dump = " ".join(str(v) for row in db.execute(text("SELECT * FROM people")) for v in row)
    assert stored.startswith("scrypt$") and PASSWORD not in dump
    with pytest.raises(TrainerExistsError):  # only the first trainer sets their own password
        repository.create_first_trainer("Someone Else", "another password")
    assert [a.name for a in repository.trainer_accounts()] == ["Coach Wang"]


def test_a_weak_first_password_is_refused_and_nothing_is_stored(repository):
    with pytest.raises(PasswordPolicyError):
        repository.create_first_trainer("Coach", "short")
    assert repository.trainer_accounts() == []


def test_sign_in_right_and_wrong_password_then_lock_out_that_survives_a_restart(repository, db_url):
    from app.storage import Database

    repository.create_first_trainer("Coach", PASSWORD)
    clock = Clock()
    throttle = LoginThrottle(clock=clock, free_attempts=3, lock_after=5, lock_seconds=300)
    assert repository.sign_in_trainer("Coach", PASSWORD, throttle) is True
    for _attempt in range(4):
        assert repository.sign_in_trainer("Coach", "wrong password", throttle) is False
        clock.now += 60  # past each growing delay
    assert repository.trainer_accounts()[0].failed_logins == 4
    assert repository.sign_in_trainer("Coach", "wrong password", throttle) is False  # the fifth: locked
    with pytest.raises(LockedOut):
        repository.sign_in_trainer("Coach", PASSWORD, throttle)  # even the right password waits

    # A restarted app (a fresh throttle, a new connection) still knows about the lock-out.
    with Database.open(db_url) as reopened:
        again = SessionRepository(reopened)
        fresh = LoginThrottle(clock=clock, lock_after=5, lock_seconds=300)
        with pytest.raises(LockedOut) as caught:
            again.sign_in_trainer("Coach", PASSWORD, fresh)
        assert 0 < caught.value.retry_after <= 300
        clock.now += 301
        assert again.sign_in_trainer("Coach", PASSWORD, fresh) is True
        account = again.trainer_accounts()[0]
        assert account.failed_logins == 0 and account.blocked_until is None


def test_an_unknown_trainer_never_signs_in_and_is_throttled_too(repository):
    repository.create_first_trainer("Coach", PASSWORD)
    clock = Clock()
    throttle = LoginThrottle(clock=clock, free_attempts=1, lock_after=2)
    assert repository.sign_in_trainer("Nobody", PASSWORD, throttle) is False
    with pytest.raises(LockedOut):
        repository.sign_in_trainer("Nobody", PASSWORD, throttle)
    assert [a.name for a in repository.trainer_accounts()] == ["Coach"]  # no account was created


def test_a_trainee_of_the_same_name_is_not_a_trainer(repository, parcel):
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Coach")
    repository.create_first_trainer("Coach", PASSWORD)
    assert [p.role for p in repository.list_people() if p.name == "Coach"] == ["trainee", "trainer"]


def test_example_mark_filter_detail_and_transfer(repository, parcel, db_url, tmp_path):
    good = record_call(repository, parcel, STEADY_REPLIES[:2]).session_uuid
    bad = record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob").session_uuid
    record_call(repository, parcel, STEADY_REPLIES[:1])
    repository.mark_example(good, EXAMPLE_GOOD, "Coach", note="  textbook empathy  ")
    repository.mark_example(bad, EXAMPLE_BAD, "Coach")
    with pytest.raises(ValueError):
        repository.mark_example(good, "great", "Coach")

    assert [s.uuid for s in repository.list_sessions(SessionFilter(example=EXAMPLE_GOOD))] == [good]
    assert repository.count_sessions(SessionFilter(example=EXAMPLE_BAD)) == 1
    detail = repository.load_session(good)
    assert (detail.summary.example_mark, detail.example_note, detail.example_marked_by) == \
        (EXAMPLE_GOOD, "textbook empathy", "Coach")
    assert detail.summary.to_dict()["example"] == EXAMPLE_GOOD

    exported = io.StringIO()
    repository.export_json(exported, with_audio=False)
    data = json.loads(exported.getvalue())
    from app.storage import Database

    other_url = f"sqlite+pysqlite:///{tmp_path / 'other.sqlite3'}"
    with Database.open(other_url) as other_db:
        other = SessionRepository(other_db)
        other.import_json(io.StringIO(json.dumps(data)))
        assert other.load_session(good).summary.example_mark == EXAMPLE_GOOD
        assert other.load_session(good).example_note == "textbook empathy"

    repository.mark_example(good, None, "Coach")
    cleared = repository.load_session(good)
    assert cleared.summary.example_mark is None and cleared.example_note is None
    assert repository.count_sessions(SessionFilter(example=EXAMPLE_GOOD)) == 0


def test_team_sessions_feed_the_team_table(repository, parcel):
    record_call(repository, parcel, STEADY_REPLIES[:2], trainee="Alice")
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob")
    repository.interrupt_session(record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob",
                                             hang_up=False).session_uuid)
    sessions = repository.team_sessions()
    assert sorted((s.trainee_id, s.status.value) for s in sessions) == [
        ("Alice", "completed"), ("Bob", "completed"), ("Bob", "interrupted")]
    assert all(s.difficulty == parcel.difficulty for s in sessions)
    alice = next(s for s in sessions if s.trainee_id == "Alice")
    assert set(alice.dimensions) >= {"empathy", "forbidden", "structure"} and alice.overall is not None
    rows = {r.trainee_id: r for r in team_table(sessions, datetime.now(UTC) + timedelta(seconds=1))}
    assert (rows["Bob"].sessions, rows["Bob"].finished, rows["Bob"].sessions_this_week) == (2, 1, 2)
    assert repository.team_sessions(since=datetime.now(UTC) + timedelta(days=1)) == []


def test_intervention_rate_in_sql_matches_the_domain_rule_and_counts_overrides(repository, parcel):
    replies = ("I'm so sorry, I understand how frustrating this is.", "It is held at the depot because of a backlog.",
               "So the parcel you ordered still hasn't arrived, is that right?")
    uuid = record_call(repository, parcel, replies).session_uuid
    detail = repository.load_session(uuid)
    policy = TeamPolicy(high_intensity=0)  # every turn counts as high: the rule is checked on real turns
    facts = [TurnFacts("Alice", t.intensity_before, t.dimensions["empathy"].effective) for t in detail.turns]
    expected = intervention_rates(facts, policy)["Alice"]
    stored = repository.intervention_rates(policy)["Alice"]
    assert (stored.high_turns, stored.answered) == (expected.high_turns, expected.answered) == \
        (len(detail.turns), sum(1 for f in facts if f.empathy >= policy.empathetic_score))
    assert 0 < stored.answered < stored.high_turns

    unanswered = next(t for t in detail.turns if t.dimensions["empathy"].score < policy.empathetic_score)
    repository.add_override(uuid, unanswered.index, "empathy", 90, "the tone was warm", "Coach")
    assert repository.intervention_rates(policy)["Alice"].answered == stored.answered + 1

    threshold = sorted(t.intensity_before for t in detail.turns)[-1]  # only the tensest turn(s) count
    high = sum(1 for t in detail.turns if t.intensity_before >= threshold)
    assert repository.intervention_rates(TeamPolicy(high_intensity=threshold))["Alice"].high_turns == high
    assert repository.intervention_rates(TeamPolicy(high_intensity=threshold + 1)) == {} or threshold == 100


def test_team_aggregates_in_the_database_follow_the_domain_rules(repository, parcel, library):
    from app.domain.progress import InterventionRate, scores_by_scenario

    baggage = library.scenarios["zh-complaint-lost-baggage"]
    record_call(repository, parcel, STEADY_REPLIES[:3], trainee="Alice")
    record_call(repository, parcel, ("I'm so sorry, I understand how frustrating this is.",), trainee="Alice")
    record_call(repository, baggage, ("非常抱歉让您久等了。",), trainee="Bob")
    repository.interrupt_session(record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob",
                                             hang_up=False).session_uuid)
    repository.ensure_person("Cy")  # a trainee with no session yet is not a row
    uuid = repository.list_sessions(SessionFilter(trainee="Alice"), limit=1)[0].uuid
    repository.add_override(uuid, 0, "overall", 95, "fine", "Coach")
    now = datetime.now(UTC) + timedelta(seconds=1)
    policy = TeamPolicy(high_intensity=50)
    sessions = repository.team_sessions()
    expected = team_table(sessions, now, interventions=repository.intervention_rates(policy), policy=policy)
    assert repository.team_rows(now, policy) == expected
    assert [r.trainee_id for r in expected] == ["Alice", "Bob"]
    assert expected[0].intervention != InterventionRate(0, 0)
    cells = repository.score_cells()
    assert [(c.scenario_id, c.difficulty, c.sessions) for c in cells] == \
        [(c.scenario_id, c.difficulty, c.sessions) for c in scores_by_scenario(sessions)]
    assert [c.average for c in cells] == pytest.approx([c.average for c in scores_by_scenario(sessions)], abs=0.05)
    latest = repository.recent_sessions("Alice", limit=1)
    assert len(latest) == 1 and latest[0].started_at == max(s.started_at for s in sessions if s.trainee_id == "Alice")
    assert [s.started_at for s in repository.recent_sessions("Alice")] == sorted(
        s.started_at for s in sessions if s.trainee_id == "Alice")

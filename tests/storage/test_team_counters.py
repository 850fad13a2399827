"""The intervention counts each session stores (customer turns at high intensity, and how many got
an empathetic reply), on SQLite and PostgreSQL: they must equal the domain's rule over the turns
after a call is recorded, a score is overridden, a trainee is deleted, an export is imported, and
after migration 0004 counted the sessions stored before it. The team view built from them must
equal the domain's team table."""

from __future__ import annotations

import importlib.util
import io
from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, select

from app.domain.progress import TeamPolicy, TurnFacts, intervention_rates, team_table
from app.storage import Database, SessionRepository
from app.storage.migrations import downgrade_schema, upgrade_schema
from app.storage.models import SessionRow
from app.storage.rows import COUNTED_EMPATHETIC_SCORE, COUNTED_HIGH_INTENSITY
from tests.conftest import REPO_ROOT
from tests.storage.conftest import STEADY_REPLIES, record_call

POLICY = TeamPolicy()  # the thresholds the sessions' counts are stored at
# The customer stays at high intensity for three turns: two of them get an empathetic reply.
HEATED = (STEADY_REPLIES[2], STEADY_REPLIES[0], "I'm so sorry, I understand how frustrating this is.",
          STEADY_REPLIES[1])


def stored_counts(repository: SessionRepository) -> dict[str, tuple[int, int]]:
    with repository.database.read() as db:
        return {str(uuid): (high, answered) for uuid, high, answered in db.execute(
            select(SessionRow.uuid, SessionRow.high_turns, SessionRow.high_turns_answered))}


def turn_facts(repository: SessionRepository) -> dict[str, list[TurnFacts]]:
    """Per session: what the domain's rule needs of each turn, read from the stored turns."""
    facts = {}
    for summary in repository.list_sessions(limit=1000):
        detail = repository.load_session(summary.uuid)
        facts[str(summary.uuid)] = [TurnFacts(detail.summary.trainee, t.intensity_before,
                                              t.dimensions["empathy"].effective) for t in detail.turns]
    return facts


def assert_counts_follow_the_domain(repository: SessionRepository) -> None:
    facts = turn_facts(repository)
    expected = {uuid: intervention_rates(turns, POLICY) for uuid, turns in facts.items()}
    assert stored_counts(repository) == {
        uuid: next(((r.high_turns, r.answered) for r in rates.values()), (0, 0)) for uuid, rates in expected.items()}
    by_trainee = intervention_rates([f for turns in facts.values() for f in turns], POLICY)
    assert repository.intervention_rates(POLICY) == {name: r for name, r in by_trainee.items() if r.high_turns}
    now = datetime.now(UTC) + timedelta(seconds=1)
    assert repository.team_rows(now, POLICY) == team_table(repository.team_sessions(), now, interventions={
        name: r for name, r in by_trainee.items() if r.high_turns}, policy=POLICY)
    assert repository.check() == []


def test_the_stored_thresholds_are_the_domain_defaults_and_the_migrations():
    assert (POLICY.high_intensity, POLICY.empathetic_score) == (COUNTED_HIGH_INTENSITY, COUNTED_EMPATHETIC_SCORE)
    path = REPO_ROOT / "db" / "versions" / "0004_session_intervention_counters.py"
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert (migration.HIGH_INTENSITY, migration.EMPATHETIC_SCORE) == (COUNTED_HIGH_INTENSITY, COUNTED_EMPATHETIC_SCORE)


def test_counts_follow_recording_overrides_and_deletion(repository, parcel, library):
    first = record_call(repository, parcel, HEATED, trainee="Alice").session_uuid
    record_call(repository, parcel, STEADY_REPLIES[:2], trainee="Alice")
    record_call(repository, library.scenarios["zh-complaint-lost-baggage"], ("非常抱歉让您久等了。",), trainee="Bob")
    record_call(repository, parcel, STEADY_REPLIES[:1], trainee="Bob", hang_up=False)  # still in progress
    assert_counts_follow_the_domain(repository)
    counts = stored_counts(repository)
    high, answered = counts[str(first)]
    assert high >= 2 and 0 < answered < high  # both kinds of high-intensity turn are there

    turns = repository.load_session(first).turns
    unanswered = next(t for t in turns if t.intensity_before >= COUNTED_HIGH_INTENSITY
                      and t.dimensions["empathy"].effective < COUNTED_EMPATHETIC_SCORE)
    repository.add_override(first, unanswered.index, "empathy", 90, "warm tone", "Coach")
    assert stored_counts(repository)[str(first)] == (high, answered + 1)
    answered_turn = next(t for t in turns if t.intensity_before >= COUNTED_HIGH_INTENSITY
                         and t.index != unanswered.index
                         and t.dimensions["empathy"].effective >= COUNTED_EMPATHETIC_SCORE)
    repository.add_override(first, answered_turn.index, "empathy", 10, "scripted, not sincere", "Coach")
    repository.add_override(first, answered_turn.index, "structure", 95, "clear steps", "Coach")  # not empathy
    assert stored_counts(repository)[str(first)] == (high, answered)
    assert_counts_follow_the_domain(repository)

    assert repository.delete_trainee("Bob") == 2
    assert "Bob" not in repository.intervention_rates(POLICY)
    assert [r.trainee_id for r in repository.team_rows(datetime.now(UTC), POLICY)] == ["Alice"]
    assert_counts_follow_the_domain(repository)


def test_other_thresholds_are_counted_from_the_turns(repository, parcel):
    record_call(repository, parcel, HEATED, trainee="Alice")
    facts = [f for turns in turn_facts(repository).values() for f in turns]
    for policy in (TeamPolicy(high_intensity=0), TeamPolicy(empathetic_score=80), TeamPolicy(high_intensity=100)):
        expected = {name: r for name, r in intervention_rates(facts, policy).items() if r.high_turns}
        assert repository.intervention_rates(policy) == expected
        now = datetime.now(UTC)
        assert repository.team_rows(now, policy) == team_table(repository.team_sessions(), now,
                                                               interventions=expected, policy=policy)


def test_an_imported_export_is_counted_and_a_later_override_too(repository, parcel, tmp_path):
    laptop_db = Database.open(f"sqlite:///{tmp_path / 'laptop' / 'roleplay.sqlite3'}")
    try:
        laptop = SessionRepository(laptop_db)
        session = record_call(laptop, parcel, HEATED, trainee="Alice").session_uuid
        record_call(laptop, parcel, STEADY_REPLIES[:2], trainee="Bob")
        turns = laptop.load_session(session).turns
        answered_turn = next(t for t in turns if t.intensity_before >= COUNTED_HIGH_INTENSITY
                             and t.dimensions["empathy"].effective >= COUNTED_EMPATHETIC_SCORE)
        laptop.add_override(session, answered_turn.index, "empathy", 5, "no acknowledgement", "Coach")
        out = io.StringIO()
        laptop.export_json(out)
        assert repository.import_json(io.StringIO(out.getvalue())).imported == 2
        assert stored_counts(repository) == stored_counts(laptop)
        assert_counts_follow_the_domain(repository)

        # Reviewed again on the laptop: importing brings the override, and the counts follow it.
        laptop.add_override(session, answered_turn.index, "empathy", 85, "on second listen, sincere", "Coach")
        out = io.StringIO()
        laptop.export_json(out)
        assert repository.import_json(io.StringIO(out.getvalue())).overrides_added == 1
        assert stored_counts(repository) == stored_counts(laptop)
        assert stored_counts(repository)[str(session)][1] == stored_counts(laptop)[str(session)][1] > 0
        assert_counts_follow_the_domain(repository)
    finally:
        laptop_db.close()


def test_migration_0004_counts_the_sessions_stored_before_it(database, repository, parcel, library):
    first = record_call(repository, parcel, HEATED, trainee="Alice").session_uuid
    record_call(repository, library.scenarios["zh-complaint-lost-baggage"], ("非常抱歉让您久等了。",), trainee="Bob")
    turn = next(t for t in repository.load_session(first).turns if t.intensity_before >= COUNTED_HIGH_INTENSITY)
    repository.add_override(first, turn.index, "empathy", 100 - turn.dimensions["empathy"].effective, "x", "Coach")
    before = stored_counts(repository)
    assert any(high for high, _ in before.values()) and any(answered for _, answered in before.values())

    downgrade_schema(database.engine, "0003")  # the sessions as an app without the counts left them
    assert "high_turns" not in {c["name"] for c in inspect(database.engine).get_columns("sessions")}
    upgrade_schema(database.engine, None)
    assert stored_counts(repository) == before
    assert_counts_follow_the_domain(repository)

"""Team-wide reads for the trainer's team view, as aggregates in the database: the team table
(`team_rows`, one grouped index-only scan of the sessions plus one query for every trainee's
latest scored sessions), scores by scenario and difficulty (`score_cells`), the negative-emotion
intervention counts (summed from the counts each session stores, or counted from the turns for a
team policy with other thresholds), and a trainee's recent sessions. `team_sessions` (every
session as a domain summary) is for small teams and for checking the aggregates against the
domain's rules.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select, true
from sqlalchemy.orm import Session, aliased

from app.domain.progress import (
    PASS_SCORE,
    InterventionRate,
    OverrideStat,
    ScoreCell,
    SessionStatus,
    SessionSummary,
    TeamPolicy,
    TraineeRow,
)
from app.domain.progress.recommend import weakest_dimension
from app.domain.progress.team import week_start
from app.domain.scenarios import Ending
from app.storage.models import PersonRow, ScoreOverrideRow, SessionRow
from app.storage.records import OVERALL, ROLE_TRAINEE, STATUS_FINISHED, STATUS_INTERRUPTED
from app.storage.rows import (
    COUNTED_EMPATHETIC_SCORE,
    COUNTED_HIGH_INTENSITY,
    SESSION_SCORE,
    intervention_counts,
)

STATUS_TO_DOMAIN = {STATUS_FINISHED: SessionStatus.COMPLETED, STATUS_INTERRUPTED: SessionStatus.INTERRUPTED}
SUMMARY_COLUMNS = (SessionRow.uuid, PersonRow.name, SessionRow.scenario_id, SessionRow.started_at, SessionRow.status,
                   SessionRow.outcome, SessionRow.average_score, SessionRow.score_totals, SessionRow.turn_count,
                   SessionRow.difficulty, SessionRow.call_score, SessionRow.call_items)


def _ending(value: str | None) -> Ending | None:
    try:
        return Ending(value) if value else None
    except ValueError:
        return None


def _summary(r: Any) -> SessionSummary:
    """A row of `SUMMARY_COLUMNS` as a domain summary: the session's score (its call score, else
    its replies' average), its call items' scores and per-dimension averages."""
    totals = r.score_totals or {}
    dims = {name: int(round(t / c)) for name, (t, c) in totals.items() if name != OVERALL and c}
    items = {i["name"]: int(i["score"]) for i in (r.call_items or ()) if i.get("score") is not None}
    return SessionSummary(str(r.uuid), r.name, r.scenario_id, r.started_at,
                         STATUS_TO_DOMAIN.get(r.status, SessionStatus.IN_PROGRESS), _ending(r.outcome),
                         r.call_score if r.call_score is not None else r.average_score, dims, r.turn_count,
                         r.difficulty, items)


def stored_counts_fit(policy: TeamPolicy) -> bool:
    """Whether the intervention counts stored on the sessions were counted at `policy`'s thresholds."""
    return (policy.high_intensity, policy.empathetic_score) == (COUNTED_HIGH_INTENSITY, COUNTED_EMPATHETIC_SCORE)


def team_sessions(db: Session, since: datetime | None = None) -> list[SessionSummary]:
    """Every trainee's sessions (since a date), as domain summaries with per-dimension averages."""
    query = (select(*SUMMARY_COLUMNS)
             .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
             .order_by(SessionRow.started_at, SessionRow.id))
    if since is not None:
        query = query.where(SessionRow.started_at >= since)
    return [_summary(r) for r in db.execute(query)]


def intervention_rates(db: Session, policy: TeamPolicy, since: datetime | None = None
                       ) -> dict[str, InterventionRate]:
    """Per trainee with any: customer turns at high intensity, and how many got an empathetic reply
    (empathy score with any override applied, at least `policy.empathetic_score`)."""
    if stored_counts_fit(policy):
        high = func.sum(SessionRow.high_turns)
        query = (select(PersonRow.name, high, func.sum(SessionRow.high_turns_answered))
                 .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
                 .group_by(PersonRow.name).having(high > 0))
    else:  # other thresholds: counted from the high-intensity turns, by the rule the stored counts use
        counts = intervention_counts(policy.high_intensity, policy.empathetic_score).subquery()
        query = (select(PersonRow.name, func.sum(counts.c.high), func.sum(counts.c.answered))
                 .select_from(counts)
                 .join(SessionRow, SessionRow.id == counts.c.session_id)
                 .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
                 .group_by(PersonRow.name))
    if since is not None:
        query = query.where(SessionRow.started_at >= since)
    return {name: InterventionRate(int(high), int(answered or 0), policy.intervention_target)
            for name, high, answered in db.execute(query)}


def team_rows(db: Session, now: datetime, policy: TeamPolicy) -> list[TraineeRow]:
    """The team table: the same rules as `app.domain.progress.team_table`, without reading every
    session into memory. The counts, sums and intervention counts come from one grouped scan of
    `ix_sessions_trainee_id_team` (it carries every column used), the weakest dimension from each
    trainee's last few scored sessions, all fetched by one query."""
    monday = week_start(now)
    finished = SessionRow.status == STATUS_FINISHED
    passed = and_(finished, SessionRow.outcome == "resolved", SESSION_SCORE >= PASS_SCORE)
    this_week = and_(SessionRow.started_at >= monday, SessionRow.started_at <= now)
    per_trainee = (
        select(SessionRow.trainee_id, func.count().label("sessions"),
               func.sum(case((this_week, 1), else_=0)).label("week"),
               func.sum(case((finished, 1), else_=0)).label("finished"),
               func.sum(case((passed, 1), else_=0)).label("passed"),
               func.avg(SESSION_SCORE).label("average"), func.max(SessionRow.started_at).label("last"),
               func.sum(SessionRow.high_turns).label("high"), func.sum(SessionRow.high_turns_answered).label("answered"))
        .group_by(SessionRow.trainee_id).subquery())
    aggregates = db.execute(select(PersonRow.name, per_trainee)
                            .join(per_trainee, per_trainee.c.trainee_id == PersonRow.id)).all()
    counted = stored_counts_fit(policy)
    rates = {} if counted else intervention_rates(db, policy)
    recent = latest_scored_sessions(db, policy.recent_sessions)
    rows = []
    for r in aggregates:
        intervention = (InterventionRate(int(r.high or 0), int(r.answered or 0), policy.intervention_target)
                        if counted else rates.get(r.name, InterventionRate(0, 0, policy.intervention_target)))
        rows.append(TraineeRow(
            trainee_id=r.name, sessions=int(r.sessions), sessions_this_week=int(r.week or 0),
            finished=int(r.finished or 0), passed=int(r.passed or 0),
            average_overall=None if r.average is None else round(float(r.average), 1),
            weakest_dimension=weakest_dimension(recent.get(r.name, []), policy.recent_sessions),
            last_session=r.last,
            intervention=intervention))
    return sorted(rows, key=lambda r: r.trainee_id)


def latest_scored_sessions(db: Session, limit: int) -> dict[str, list[SessionSummary]]:
    """Every trainee's latest `limit` scored sessions (oldest first), in one query: per trainee, a
    subquery reads the ids from the (trainee, started_at, id) index."""
    recent = aliased(SessionRow)
    latest = (select(recent.id)
              .where(recent.trainee_id == PersonRow.id,
                     func.coalesce(recent.call_score, recent.average_score).is_not(None))
              .order_by(recent.started_at.desc(), recent.id.desc()).limit(limit))
    query = select(*SUMMARY_COLUMNS).select_from(PersonRow).where(PersonRow.role == ROLE_TRAINEE)
    if db.get_bind().dialect.name == "postgresql":
        # A LATERAL join: PostgreSQL plans `id IN (correlated subquery)` as a filter on every session.
        picked = latest.lateral()
        query = query.join(picked, true()).join(SessionRow, SessionRow.id == picked.c.id)
    else:  # SQLite has no LATERAL, and runs the correlated subquery once per trainee
        query = query.join(SessionRow, SessionRow.id.in_(latest.correlate(PersonRow)))
    out: dict[str, list[SessionSummary]] = defaultdict(list)
    for r in db.execute(query):
        out[r.name].append(_summary(r))
    for items in out.values():
        items.sort(key=lambda s: s.started_at)
    return out


def recent_sessions(db: Session, trainee: str, limit: int, scored_only: bool = False) -> list[SessionSummary]:
    """A trainee's latest sessions (oldest first), as domain summaries: for the trend chart. Uses
    the (trainee, started_at, id) index."""
    query = (select(*SUMMARY_COLUMNS)
             .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
             .where(PersonRow.role == ROLE_TRAINEE, PersonRow.name == trainee)
             .order_by(SessionRow.started_at.desc(), SessionRow.id.desc()).limit(limit))
    if scored_only:
        query = query.where(SESSION_SCORE.is_not(None))
    return [_summary(r) for r in db.execute(query)][::-1]


def score_cells(db: Session) -> list[ScoreCell]:
    """The average score per (scenario, difficulty), as `scores_by_scenario` computes it, from the
    (scenario, difficulty, average score) index alone."""
    rows = db.execute(
        select(SessionRow.scenario_id, SessionRow.difficulty, func.count(SESSION_SCORE), func.avg(SESSION_SCORE))
        .where(SESSION_SCORE.is_not(None))
        .group_by(SessionRow.scenario_id, SessionRow.difficulty)).all()
    return [ScoreCell(scenario, int(level), int(n), round(float(avg), 1))
            for scenario, level, n, avg in sorted(rows, key=lambda r: (r[1], r[0]))]


def override_stats(db: Session) -> list[OverrideStat]:
    """Scorer vs trainer: per dimension, the trainers' corrections (each reply's latest one) and
    their mean change, over every stored reply."""
    replies = int(db.scalar(select(func.coalesce(func.sum(SessionRow.turn_count), 0))) or 0)
    latest = (select(func.max(ScoreOverrideRow.id)).group_by(ScoreOverrideRow.turn_id, ScoreOverrideRow.dimension)
              .scalar_subquery())
    rows = db.execute(
        select(ScoreOverrideRow.dimension, func.count(ScoreOverrideRow.id),
               func.avg(ScoreOverrideRow.new_score - ScoreOverrideRow.original_score))
        .where(ScoreOverrideRow.id.in_(latest)).group_by(ScoreOverrideRow.dimension)
        .order_by(ScoreOverrideRow.dimension))
    return [OverrideStat(name, int(count), replies, round(float(change or 0.0), 1)) for name, count, change in rows]

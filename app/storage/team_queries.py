"""Team-wide reads for the trainer's team view, as aggregates in the database: the team table
(`team_rows`), scores by scenario and difficulty (`score_cells`), the negative-emotion
intervention counts (one grouped query over the high-intensity turns, found by their index), and a
trainee's recent sessions. `team_sessions` (every session as a domain summary) is for small teams
and for checking the aggregates against the domain's rules.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.domain.progress import PASS_SCORE, InterventionRate, ScoreCell, SessionStatus, TeamPolicy, TraineeRow
from app.domain.progress import SessionSummary as DomainSummary
from app.domain.progress.recommend import weakest_dimension
from app.domain.progress.team import week_start
from app.domain.scenarios import Ending
from app.storage.models import DimensionScoreRow, PersonRow, SessionRow, TurnRow
from app.storage.records import OVERALL, STATUS_FINISHED, STATUS_INTERRUPTED

STATUS_TO_DOMAIN = {STATUS_FINISHED: SessionStatus.COMPLETED, STATUS_INTERRUPTED: SessionStatus.INTERRUPTED}


def _ending(value: str | None) -> Ending | None:
    try:
        return Ending(value) if value else None
    except ValueError:
        return None


def team_sessions(db: Session, since: datetime | None = None) -> list[DomainSummary]:
    """Every trainee's sessions (since a date), as domain summaries with per-dimension averages."""
    query = (select(SessionRow.uuid, PersonRow.name, SessionRow.scenario_id, SessionRow.started_at,
                    SessionRow.status, SessionRow.outcome, SessionRow.average_score, SessionRow.score_totals,
                    SessionRow.turn_count, SessionRow.difficulty)
             .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
             .order_by(SessionRow.started_at, SessionRow.id))
    if since is not None:
        query = query.where(SessionRow.started_at >= since)
    out = []
    for r in db.execute(query):
        totals = r.score_totals or {}
        dims = {name: int(round(t / c)) for name, (t, c) in totals.items() if name != OVERALL and c}
        out.append(DomainSummary(str(r.uuid), r.name, r.scenario_id, r.started_at,
                                 STATUS_TO_DOMAIN.get(r.status, SessionStatus.IN_PROGRESS), _ending(r.outcome),
                                 r.average_score, dims, r.turn_count, r.difficulty))
    return out


def intervention_rates(db: Session, policy: TeamPolicy, since: datetime | None = None
                       ) -> dict[str, InterventionRate]:
    """Per trainee: customer turns at high intensity, and how many got an empathetic reply
    (empathy score with any override applied, at least `policy.empathetic_score`)."""
    empathy = func.coalesce(DimensionScoreRow.score_override, DimensionScoreRow.score)
    query = (select(PersonRow.name, func.count(TurnRow.id),
                    func.sum(case((empathy >= policy.empathetic_score, 1), else_=0)))
             .select_from(TurnRow)
             .join(SessionRow, TurnRow.session_id == SessionRow.id)
             .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
             .outerjoin(DimensionScoreRow, and_(DimensionScoreRow.turn_id == TurnRow.id,
                                                DimensionScoreRow.name == "empathy"))
             .where(TurnRow.intensity_before >= policy.high_intensity)
             .group_by(PersonRow.name))
    if since is not None:
        query = query.where(SessionRow.started_at >= since)
    return {name: InterventionRate(int(high), int(answered or 0), policy.intervention_target)
            for name, high, answered in db.execute(query)}


def team_rows(db: Session, now: datetime, policy: TeamPolicy) -> list[TraineeRow]:
    """The team table from aggregates (one grouped scan of the sessions' index columns) plus each
    trainee's last few scored sessions for the weakest dimension: the same rules as
    `app.domain.progress.team_table`, without reading every session into memory."""
    monday = week_start(now)
    finished = SessionRow.status == STATUS_FINISHED
    passed = and_(finished, SessionRow.outcome == "resolved", SessionRow.average_score >= PASS_SCORE)
    this_week = and_(SessionRow.started_at >= monday, SessionRow.started_at <= now)
    aggregates = db.execute(
        select(PersonRow.name, func.count(SessionRow.id), func.sum(case((this_week, 1), else_=0)),
               func.sum(case((finished, 1), else_=0)), func.sum(case((passed, 1), else_=0)),
               func.avg(SessionRow.average_score), func.max(SessionRow.started_at))
        .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
        .group_by(PersonRow.name)).all()
    rates = intervention_rates(db, policy)
    rows = []
    for name, sessions, week, done, passes, average, last in aggregates:
        recent = recent_sessions(db, name, policy.recent_sessions, scored_only=True)
        rows.append(TraineeRow(
            trainee_id=name, sessions=int(sessions), sessions_this_week=int(week or 0), finished=int(done or 0),
            passed=int(passes or 0), average_overall=None if average is None else round(float(average), 1),
            weakest_dimension=weakest_dimension(recent, policy.recent_sessions),
            last_session=last,
            intervention=rates.get(name, InterventionRate(0, 0, policy.intervention_target))))
    return sorted(rows, key=lambda r: r.trainee_id)


def recent_sessions(db: Session, trainee: str, limit: int, scored_only: bool = False) -> list[DomainSummary]:
    """A trainee's latest sessions (oldest first), as domain summaries: for the weakest dimension
    and the trend chart. Uses the (trainee, started_at) index."""
    query = (select(SessionRow.uuid, PersonRow.name, SessionRow.scenario_id, SessionRow.started_at,
                    SessionRow.status, SessionRow.outcome, SessionRow.average_score, SessionRow.score_totals,
                    SessionRow.turn_count, SessionRow.difficulty)
             .join(PersonRow, SessionRow.trainee_id == PersonRow.id)
             .where(PersonRow.role == "trainee", PersonRow.name == trainee)
             .order_by(SessionRow.started_at.desc(), SessionRow.id.desc()).limit(limit))
    if scored_only:
        query = query.where(SessionRow.average_score.is_not(None))
    out = []
    for r in db.execute(query):
        totals = r.score_totals or {}
        dims = {name: int(round(t / c)) for name, (t, c) in totals.items() if name != OVERALL and c}
        out.append(DomainSummary(str(r.uuid), r.name, r.scenario_id, r.started_at,
                                 STATUS_TO_DOMAIN.get(r.status, SessionStatus.IN_PROGRESS), _ending(r.outcome),
                                 r.average_score, dims, r.turn_count, r.difficulty))
    return out[::-1]


def score_cells(db: Session) -> list[ScoreCell]:
    """The average score per (scenario, difficulty), as `scores_by_scenario` computes it."""
    rows = db.execute(
        select(SessionRow.scenario_id, SessionRow.difficulty, func.count(SessionRow.average_score),
               func.avg(SessionRow.average_score))
        .where(SessionRow.average_score.is_not(None))
        .group_by(SessionRow.scenario_id, SessionRow.difficulty)).all()
    return [ScoreCell(scenario, int(level), int(n), round(float(avg), 1))
            for scenario, level, n, avg in sorted(rows, key=lambda r: (r[1], r[0]))]

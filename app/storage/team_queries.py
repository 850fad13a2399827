"""Team-wide reads for the trainer's team view: every session as a light summary (from the stored
score totals, never the turns) and the negative-emotion intervention counts (one aggregate query).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.domain.progress import InterventionRate, SessionStatus, TeamPolicy
from app.domain.progress import SessionSummary as DomainSummary
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

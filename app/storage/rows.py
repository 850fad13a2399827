"""Row-level helpers shared by the repository and import: find-or-create people and scenario
snapshots (safe when two machines do it at once), look rows up by UUID, recompute averages and
the intervention counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, Protocol
from uuid import NAMESPACE_URL, UUID, uuid5

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.scenarios import Scenario
from app.domain.scoring.call_score import SCORER_VERSION, CallScore
from app.storage.errors import NotFoundError
from app.storage.models import DimensionScoreRow, PersonRow, ScenarioSnapshotRow, SessionRow, TurnRow, utc_now
from app.storage.records import OVERALL, plain_json

PEOPLE_NAMESPACE = uuid5(NAMESPACE_URL, "roleplay-trainer:people")
SessionId = UUID | str

# The thresholds of the intervention counts stored on each session (`high_turns`,
# `high_turns_answered`): the training brief's defaults (`app.domain.progress.TeamPolicy`).
# Migration 0004 counted the sessions already stored with these numbers, so changing them needs a
# migration that counts again; a team policy with other thresholds is counted from the turns.
COUNTED_HIGH_INTENSITY = 70
COUNTED_EMPATHETIC_SCORE = 40


def as_uuid(value: SessionId) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


def person_uuid(name: str, role: str) -> UUID:
    """The same person gets the same UUID on every machine, so imports merge instead of duplicating."""
    return uuid5(PEOPLE_NAMESPACE, f"{role}:{name}")


def snapshot_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def person_row(db: Session, name: str, role: str) -> PersonRow:
    name = name.strip()
    if not name:
        raise ValueError("a person needs a name")
    query = select(PersonRow).where(PersonRow.role == role, PersonRow.name == name)
    row = db.scalar(query)
    if row is not None:
        return row
    try:
        with db.begin_nested():
            row = PersonRow(uuid=person_uuid(name, role), name=name, role=role, created_at=utc_now())
            db.add(row)
    except IntegrityError:  # another machine added the same person just now
        row = db.scalar(query)
        assert row is not None
    return row


def snapshot_row(db: Session, scenario: Scenario | dict) -> ScenarioSnapshotRow:
    content = scenario.model_dump(mode="json") if isinstance(scenario, Scenario) else scenario
    digest = snapshot_hash(content)
    query = select(ScenarioSnapshotRow).where(ScenarioSnapshotRow.content_hash == digest)
    row = db.scalar(query)
    if row is not None:
        return row
    try:
        with db.begin_nested():
            row = ScenarioSnapshotRow(scenario_id=content["id"], version=int(content.get("version", 1)),
                                      language=content["language"], title=content["title"], content=content,
                                      content_hash=digest, created_at=utc_now())
            db.add(row)
    except IntegrityError:
        row = db.scalar(query)
        assert row is not None
    return row


def session_row(db: Session, session_uuid: SessionId) -> SessionRow:
    wanted = as_uuid(session_uuid)
    row = db.scalar(select(SessionRow).where(SessionRow.uuid == wanted))
    if row is None:
        raise NotFoundError(str(wanted), id=str(wanted))
    return row


def turn_row(db: Session, session_id: int, turn_index: int) -> TurnRow:
    row = db.scalar(select(TurnRow).where(TurnRow.session_id == session_id, TurnRow.index == turn_index))
    if row is None:
        raise NotFoundError(f"turn {turn_index}", id=f"turn {turn_index}")
    return row


class ScoredDimension(Protocol):
    """What the score totals read of a stored dimension score (a row, or rescoring's record)."""

    @property
    def name(self) -> str: ...
    @property
    def score(self) -> int: ...
    @property
    def score_override(self) -> int | None: ...


class ScoredTurn(Protocol):
    @property
    def overall(self) -> int: ...
    @property
    def overall_override(self) -> int | None: ...
    @property
    def intensity_before(self) -> int: ...
    @property
    def dimensions(self) -> Sequence[ScoredDimension]: ...


def session_score_totals(turns: Sequence[ScoredTurn]) -> dict[str, list[float]]:
    """{"overall" or a dimension: [sum, count]} over a session's turns, trainer overrides applied."""
    totals: dict[str, list[float]] = {}
    if turns:
        totals[OVERALL] = [float(sum(t.overall if t.overall_override is None else t.overall_override
                                     for t in turns)), len(turns)]
    by_name: dict[str, list[float]] = {}
    for turn in turns:
        for d in turn.dimensions:
            total = by_name.setdefault(d.name, [0.0, 0])
            total[0] += d.score if d.score_override is None else d.score_override
            total[1] += 1
    totals.update((name, by_name[name]) for name in sorted(by_name))
    return totals


def session_intervention_counts(turns: Sequence[ScoredTurn]) -> tuple[int, int]:
    """(customer turns at the counted high intensity, how many of them got an empathetic reply),
    overrides applied: the numbers `intervention_counts()` gives for one session."""
    high = [t for t in turns if t.intensity_before >= COUNTED_HIGH_INTENSITY]
    answered = sum(1 for t in high for d in t.dimensions if d.name == "empathy"
                   and (d.score if d.score_override is None else d.score_override) >= COUNTED_EMPATHETIC_SCORE)
    return len(high), answered


def intervention_counts(high_intensity: int = COUNTED_HIGH_INTENSITY,
                        empathetic_score: int = COUNTED_EMPATHETIC_SCORE) -> Select:
    """Per session id: its customer turns at `high_intensity` or above, and how many of them got
    a reply with an empathy score (overrides applied) of at least `empathetic_score`."""
    empathy = func.coalesce(DimensionScoreRow.score_override, DimensionScoreRow.score)
    return (select(TurnRow.session_id, func.count(TurnRow.id).label("high"),
                   func.coalesce(func.sum(case((empathy >= empathetic_score, 1), else_=0)), 0).label("answered"))
            .outerjoin(DimensionScoreRow, and_(DimensionScoreRow.turn_id == TurnRow.id,
                                               DimensionScoreRow.name == "empathy"))
            .where(TurnRow.intensity_before >= high_intensity)
            .group_by(TurnRow.session_id))


# The score a session is shown and counted with: its call score, or for a session scored before
# call scores (until `roleplay sessions rescore`) the average of its replies.
SESSION_SCORE = func.coalesce(SessionRow.call_score, SessionRow.average_score)


def call_score_values(call: CallScore | None) -> dict[str, Any]:
    """The session columns of a call score, with the scorer version that gave it (None: a call in
    which the trainee said nothing has no call score)."""
    return {"call_score": call.score if call is not None else None,
            "call_items": plain_json([item.to_dict() for item in call.items]) if call is not None else None,
            "scorer_version": SCORER_VERSION}


def store_call_score(session: SessionRow, call: CallScore | None) -> None:
    for name, value in call_score_values(call).items():
        setattr(session, name, value)


def refresh_session_scores(session: SessionRow) -> None:
    """Recompute the session's score totals and average (overrides included) and its intervention
    counts from its turns (`session.turns`, as loaded or just changed)."""
    turns = list(session.turns)
    totals = session_score_totals(turns)
    session.score_totals = totals
    overall = totals.get(OVERALL)
    session.average_score = int(round(overall[0] / overall[1])) if overall else None
    session.high_turns, session.high_turns_answered = session_intervention_counts(turns)

"""Scoring stored sessions again from their transcripts (`roleplay sessions rescore`).

Each session is scored with the scenario as it was played (its snapshot), reply by reply against
the moment it answered, then as a whole call. The scorer's numbers replace the old ones; trainer
overrides are kept beside them (an overridden turn or dimension keeps the trainer's number).
Sessions are rescored in batches, each batch in one transaction, so an interrupted run loses
nothing and the next run carries on where it stopped (`only_outdated`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.domain.dialogue.rescore import RecordedTurn, rescore_call
from app.domain.scenarios import Scenario
from app.domain.scoring import ReplyScorer, WordTiming
from app.domain.scoring.call_score import SCORER_VERSION
from app.storage.database import Database
from app.storage.models import ScenarioSnapshotRow, SessionRow, TurnRow
from app.storage.records import STATUS_IN_PROGRESS, DimensionData, unpack_words
from app.storage.rows import refresh_session_scores, store_call_score

BATCH = 200


@dataclass(frozen=True)
class RescoreReport:
    rescored: int
    skipped: int  # sessions whose scenario snapshot no longer validates, or with no turns


def _recorded(turn: TurnRow) -> RecordedTurn:
    words = tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"]), float(w.get("conf", 1.0)))
                  for w in unpack_words(turn.words))
    return RecordedTurn(turn.customer_text, turn.stage, turn.mood_band, turn.reply_text, words, turn.latency_s)


def rescore_session(db: Session, session: SessionRow, scenario: Scenario, scorer: ReplyScorer) -> None:
    turns = sorted(session.turns, key=lambda t: t.index)
    scores, call = rescore_call(scenario, scorer, [_recorded(t) for t in turns], session.outcome,
                                session.end_reason)
    for turn, score in zip(turns, scores, strict=True):
        turn.overall = score.overall
        turn.tips = list(score.tips)
        turn.moment = score.moment_dict()
        stored = {d.name: d for d in turn.dimensions}
        for dimension in score.dimensions.values():
            fresh = DimensionData.from_domain(dimension)
            row = stored.get(dimension.name)
            if row is None:
                continue  # a dimension the turn was not scored on when played (pace of a typed reply)
            row.score, row.tip, row.details, row.evidence = fresh.score, fresh.tip, fresh.details, fresh.evidence
    store_call_score(session, call)
    refresh_session_scores(db, session)


def rescore_sessions(database: Database, scorer: ReplyScorer | None = None, *, only_outdated: bool = True,
                     progress: Callable[[int, int], None] | None = None, batch: int = BATCH) -> RescoreReport:
    """Rescore every finished or interrupted session (only those scored by an older scorer, by
    default). `progress(done, total)` is called after each batch."""
    scorer = scorer or ReplyScorer()
    wanted = SessionRow.status != STATUS_IN_PROGRESS
    if only_outdated:
        wanted = wanted & or_(SessionRow.scorer_version.is_(None), SessionRow.scorer_version != SCORER_VERSION)
    with database.read() as db:
        ids = list(db.scalars(select(SessionRow.id).where(wanted).order_by(SessionRow.id)))
    scenarios: dict[int, Scenario | None] = {}
    rescored = skipped = 0
    for start in range(0, len(ids), batch):
        with database.write() as db:
            rows = db.scalars(select(SessionRow).where(SessionRow.id.in_(ids[start:start + batch]))
                              .options(selectinload(SessionRow.turns).selectinload(TurnRow.dimensions))).all()
            for row in rows:
                scenario = _scenario(db, row.scenario_snapshot_id, scenarios)
                if scenario is None or not row.turns:
                    # nothing to score (no turns, or a scenario snapshot that no longer loads):
                    # marked as seen by this scorer, so it is not counted as outdated again
                    row.scorer_version = SCORER_VERSION
                    skipped += 1
                    continue
                rescore_session(db, row, scenario, scorer)
                rescored += 1
        if progress is not None:
            progress(min(start + batch, len(ids)), len(ids))
    return RescoreReport(rescored, skipped)


def _scenario(db: Session, snapshot_id: int, cache: dict[int, Scenario | None]) -> Scenario | None:
    if snapshot_id not in cache:
        content = db.scalar(select(ScenarioSnapshotRow.content).where(ScenarioSnapshotRow.id == snapshot_id))
        try:
            cache[snapshot_id] = Scenario.model_validate(content) if content is not None else None
        except ValidationError:
            cache[snapshot_id] = None
    return cache[snapshot_id]


def sessions_without_call_score(database: Database) -> int:
    """How many finished or interrupted sessions lack a call score from this scorer."""
    with database.read() as db:
        return int(db.scalar(select(func.count(SessionRow.id)).where(
            SessionRow.status != STATUS_IN_PROGRESS,
            or_(SessionRow.scorer_version.is_(None), SessionRow.scorer_version != SCORER_VERSION))) or 0)

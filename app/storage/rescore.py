"""Scoring stored sessions again from their transcripts (`roleplay sessions rescore`).

Each session is scored with the scenario as it was played (its snapshot), reply by reply against
the moment it answered, then as a whole call. The scorer's numbers replace the old ones; trainer
overrides are kept beside them (an overridden turn or dimension keeps the trainer's number).
Sessions are rescored in batches, each batch in one transaction, so an interrupted run loses
nothing and the next run carries on where it stopped (`only_outdated`). With `jobs` above 1 the
scoring of a batch is shared out to that many worker processes (fresh interpreters: the scorer is
pure Python and CPU-bound); reading and writing stay in this process, in the batch's transaction.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.domain.dialogue.rescore import RecordedTurn, rescore_call
from app.domain.scenarios import Scenario
from app.domain.scoring import ReplyScorer, WordTiming
from app.domain.scoring.call_score import SCORER_VERSION
from app.storage.database import Database
from app.storage.models import DimensionScoreRow, ScenarioSnapshotRow, SessionRow, TurnRow
from app.storage.records import OVERALL, STATUS_IN_PROGRESS, DimensionData, unpack_words
from app.storage.rows import call_score_values, session_intervention_counts, session_score_totals

BATCH = 500


@dataclass(frozen=True)
class RescoreReport:
    rescored: int
    skipped: int  # sessions whose scenario snapshot no longer validates, or with no turns


@dataclass
class _Dimension:
    """A stored dimension score as rescoring reads it (the attributes the score totals use)."""

    id: int
    name: str
    score: int
    score_override: int | None


@dataclass
class _Turn:
    """A stored turn as rescoring reads it: the transcript to score, and its scores to replace."""

    id: int
    recorded: RecordedTurn
    intensity_before: int
    overall: int
    overall_override: int | None
    dimensions: list[_Dimension] = field(default_factory=list)


def _recorded(row: Any) -> RecordedTurn:
    words = tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"]), float(w.get("conf", 1.0)))
                  for w in unpack_words(row.words or []))
    return RecordedTurn(row.customer_text, row.stage, row.mood_band, row.reply_text, words, row.latency_s)


def _read_batch(db: Session, ids: list[int]) -> tuple[Sequence[Any], dict[int, list[_Turn]]]:
    sessions = db.execute(select(SessionRow.id, SessionRow.scenario_snapshot_id, SessionRow.outcome,
                                 SessionRow.end_reason).where(SessionRow.id.in_(ids))).all()
    turns: dict[int, list[_Turn]] = defaultdict(list)
    by_id: dict[int, _Turn] = {}
    for row in db.execute(select(TurnRow.id, TurnRow.session_id, TurnRow.customer_text, TurnRow.stage,
                                 TurnRow.mood_band, TurnRow.reply_text, TurnRow.words, TurnRow.latency_s,
                                 TurnRow.intensity_before, TurnRow.overall, TurnRow.overall_override)
                          .where(TurnRow.session_id.in_(ids)).order_by(TurnRow.session_id, TurnRow.index)):
        turn = _Turn(row.id, _recorded(row), row.intensity_before, row.overall, row.overall_override)
        turns[row.session_id].append(turn)
        by_id[row.id] = turn
    for row in db.execute(select(DimensionScoreRow.id, DimensionScoreRow.turn_id, DimensionScoreRow.name,
                                 DimensionScoreRow.score, DimensionScoreRow.score_override)
                          .join(TurnRow, DimensionScoreRow.turn_id == TurnRow.id)
                          .where(TurnRow.session_id.in_(ids)).order_by(DimensionScoreRow.id)):
        by_id[row.turn_id].dimensions.append(_Dimension(row.id, row.name, row.score, row.score_override))
    return sessions, turns


@dataclass
class _Updates:
    sessions: list[dict[str, Any]] = field(default_factory=list)
    turns: list[dict[str, Any]] = field(default_factory=list)
    dimensions: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: _Updates) -> None:
        self.sessions += other.sessions
        self.turns += other.turns
        self.dimensions += other.dimensions

    def write(self, db: Session) -> None:
        for model, rows in ((SessionRow, self.sessions), (TurnRow, self.turns), (DimensionScoreRow, self.dimensions)):
            if rows:
                db.execute(update(model), rows)  # an UPDATE by primary key, executed for all rows at once


def _rescore_one(session_id: int, turns: list[_Turn], scenario: Scenario, outcome: str | None,
                 end_reason: str | None, scorer: ReplyScorer, out: _Updates) -> None:
    """The new scores of one session's turns and dimensions (overrides kept), its call score and
    its totals, added to `out`."""
    scores, call = rescore_call(scenario, scorer, [t.recorded for t in turns], outcome, end_reason)
    for turn, score in zip(turns, scores, strict=True):
        turn.overall = score.overall
        out.turns.append({"id": turn.id, "overall": score.overall, "tips": list(score.tips),
                          "moment": score.moment_dict()})
        fresh = {d.name: d for d in score.dimensions.values()}
        for stored in turn.dimensions:
            dimension = fresh.get(stored.name)
            if dimension is None:
                continue  # a dimension the turn was scored on when played but not now
            data = DimensionData.from_domain(dimension)
            stored.score = data.score
            out.dimensions.append({"id": stored.id, "score": data.score, "tip": data.tip, "details": data.details,
                                   "evidence": data.evidence})
    totals = session_score_totals(turns)
    overall = totals.get(OVERALL)
    high, answered = session_intervention_counts(turns)
    out.sessions.append({"id": session_id, **call_score_values(call), "score_totals": totals,
                         "average_score": int(round(overall[0] / overall[1])) if overall else None,
                         "high_turns": high, "high_turns_answered": answered})


class RescoreWorkersError(Exception):
    """The worker processes could not be started, or one of them died; batches already written stay."""


def _ready(_index: int) -> bool:
    return _worker_scorer is not None


# One session's work for a scoring worker: (id, scenario, outcome, end reason, its stored turns).
_Job = tuple[int, Scenario, "str | None", "str | None", list[_Turn]]
_worker_scorer: ReplyScorer | None = None


def _start_worker(scorer: ReplyScorer) -> None:
    global _worker_scorer  # noqa: PLW0603 - the scorer of this worker process, set once at its start
    _worker_scorer = scorer


def _score_jobs(jobs: list[_Job], scorer: ReplyScorer | None = None) -> _Updates:
    """The updates of some sessions of a batch, with `scorer` (in a worker: the one it started with)."""
    scorer = scorer or _worker_scorer
    assert scorer is not None
    out = _Updates()
    for session_id, scenario, outcome, end_reason, turns in jobs:
        _rescore_one(session_id, turns, scenario, outcome, end_reason, scorer, out)
    return out


@contextmanager
def _workers(jobs: int, scorer: ReplyScorer) -> Iterator[Executor | None]:
    if jobs <= 1:
        yield None
        return
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no database handle is shared
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(scorer,))
        # start every worker now, before any transaction: a failure to start is then said as such
        list(pool.map(_ready, range(jobs)))
    except (OSError, BrokenProcessPool, ValueError) as error:
        raise RescoreWorkersError(str(error)) from error
    with pool:
        try:
            yield pool
        except BrokenProcessPool as error:  # a worker died (killed, out of memory): this batch is rolled back
            raise RescoreWorkersError(str(error)) from error


def rescore_sessions(database: Database, scorer: ReplyScorer | None = None, *, only_outdated: bool = True,
                     progress: Callable[[int, int], None] | None = None, batch: int = BATCH,
                     jobs: int = 1) -> RescoreReport:
    """Rescore every finished or interrupted session (only those scored by an older scorer, by
    default), scoring in `jobs` processes. `progress(done, total)` is called after each batch."""
    scorer = scorer or ReplyScorer()
    wanted = SessionRow.status != STATUS_IN_PROGRESS
    if only_outdated:
        wanted = wanted & or_(SessionRow.scorer_version.is_(None), SessionRow.scorer_version != SCORER_VERSION)
    with database.read() as db:
        ids = list(db.scalars(select(SessionRow.id).where(wanted).order_by(SessionRow.id)))
    scenarios: dict[int, Scenario | None] = {}
    rescored = skipped = 0
    with _workers(jobs, scorer) as pool:
        for start in range(0, len(ids), batch):
            with database.write() as db:
                sessions, turns = _read_batch(db, ids[start:start + batch])
                out = _Updates()
                work: list[_Job] = []
                for session_id, snapshot_id, outcome, end_reason in sessions:
                    scenario = _scenario(db, snapshot_id, scenarios)
                    if scenario is None or not turns.get(session_id):
                        # nothing to score (no turns, or a scenario snapshot that no longer loads):
                        # marked as seen by this scorer, so it is not counted as outdated again
                        out.sessions.append({"id": session_id, "scorer_version": SCORER_VERSION})
                        skipped += 1
                        continue
                    work.append((session_id, scenario, outcome, end_reason, turns[session_id]))
                rescored += len(work)
                if pool is None:
                    out.extend(_score_jobs(work, scorer))
                else:
                    share = -(-len(work) // jobs) or 1
                    for part in pool.map(_score_jobs, [work[i:i + share] for i in range(0, len(work), share)]):
                        out.extend(part)
                out.write(db)
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

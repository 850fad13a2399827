"""What the app remembers of a finished (or interrupted) call, and the figures derived from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from app.domain.dialogue import CallResult
from app.domain.scenarios.schema import Ending

DIMENSIONS = ("empathy", "forbidden", "structure", "pace")


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"  # the app was closed (or killed) mid-call


@dataclass(frozen=True)
class SessionSummary:
    """One session in a trainee's history. `overall` is the call score where the session has one
    (else the average over its replies); `items` its call items' scores; `dimensions` the averages
    of the reply dimensions."""

    session_id: str
    trainee_id: str
    scenario_id: str
    started_at: datetime
    status: SessionStatus
    outcome: Ending | None = None
    overall: int | None = None
    dimensions: Mapping[str, int] = field(default_factory=dict)
    turns: int = 0
    difficulty: int | None = None
    items: Mapping[str, int] = field(default_factory=dict)


def summarize_call(result: CallResult) -> tuple[int | None, dict[str, int]]:
    """(the call score, else the average over the replies; per-dimension averages over the
    replies); pace only where it was measured."""
    if not result.turns:
        return None, {}
    overall = result.call_score.score if result.call_score is not None else \
        int(round(sum(t.score.overall for t in result.turns) / len(result.turns)))
    dims: dict[str, int] = {}
    for name in DIMENSIONS:
        values = [t.score.dimensions[name].score for t in result.turns if name in t.score.dimensions]
        if values:
            dims[name] = int(round(sum(values) / len(values)))
    return overall, dims


def best_scores(history: Iterable[SessionSummary]) -> dict[str, int]:
    """The best overall score per scenario id, over sessions that have a score."""
    best: dict[str, int] = {}
    for item in history:
        if item.overall is not None:
            best[item.scenario_id] = max(best.get(item.scenario_id, 0), item.overall)
    return best

"""A stored session as a trainer reviews it: the call report with the scorer's original scores,
plus the trainer's comments, score overrides (the original is kept beside each) and example mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.progress.call_report import CallReport

OVERALL = "overall"


@dataclass(frozen=True)
class ReviewComment:
    turn_index: int | None  # None: about the whole call
    offset_s: float | None  # the moment in the replay the comment is about
    author: str | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ScoreCorrection:
    """A trainer's override of one dimension (or "overall") of one turn, with its reason."""

    turn_index: int
    dimension: str
    original: int
    new: int
    reason: str
    author: str | None
    created_at: datetime


@dataclass(frozen=True)
class ReviewedSession:
    session_id: str
    trainee: str
    scenario_title: str
    started_at: datetime
    status: str
    average_score: int | None  # with overrides applied
    report: CallReport  # scores as the scorer gave them
    comments: list[ReviewComment] = field(default_factory=list)
    overrides: list[ScoreCorrection] = field(default_factory=list)
    example_mark: str | None = None  # good | bad
    example_note: str | None = None
    words: dict[int, tuple[tuple[str, float, float], ...]] = field(default_factory=dict)  # per turn, (word, start, end)

    def corrections(self, turn_index: int) -> dict[str, ScoreCorrection]:
        """The latest override per dimension of one turn."""
        latest: dict[str, ScoreCorrection] = {}
        for item in sorted(self.overrides, key=lambda o: o.created_at):
            if item.turn_index == turn_index:
                latest[item.dimension] = item
        return latest

    def comments_for(self, turn_index: int | None) -> list[ReviewComment]:
        return [c for c in self.comments if c.turn_index == turn_index]

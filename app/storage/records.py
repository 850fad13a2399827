"""Plain data going into and coming out of the repository: no SQLAlchemy objects leave storage.

Inputs: `TurnData` (built from the dialogue engine's `Turn`), `SessionFilter`.
Outputs: `SessionRecord` (a list row), `SessionDetail` (one session with its turns, comments,
overrides and audio track list; the sound itself is loaded on demand), `TraineeProgress`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from app.domain.dialogue import Turn
from app.domain.scenarios import Scenario
from app.domain.scoring import DimensionScore, Evidence, ReplyScore
from app.domain.scoring.moments import moment_from_dict

STATUS_IN_PROGRESS = "in_progress"
STATUS_FINISHED = "finished"
STATUS_INTERRUPTED = "interrupted"
SIDE_CUSTOMER = "customer"
SIDE_TRAINEE = "trainee"
ROLE_TRAINEE = "trainee"
ROLE_TRAINER = "trainer"
OVERALL = "overall"
EXAMPLE_GOOD = "good"
EXAMPLE_BAD = "bad"
EXAMPLE_MARKS = (EXAMPLE_GOOD, EXAMPLE_BAD)


def plain_json(value: Any) -> Any:
    """`value` as JSON would give it back (tuples become lists), so stored and loaded data match."""
    return json.loads(json.dumps(value, ensure_ascii=False))


def pack_words(words: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """Word timings as stored: `[word, start, end, conf]` rows, less than half the size of dicts."""
    return [[w["word"], w["start"], w["end"], w.get("conf", 1.0)] for w in words]


def unpack_words(rows: Iterable[list[Any]]) -> list[dict[str, Any]]:
    return [{"word": word, "start": start, "end": end, "conf": conf} for word, start, end, conf in rows]


# -- inputs ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DimensionData:
    name: str
    score: int
    tip: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_domain(cls, dimension: DimensionScore) -> DimensionData:
        return cls(dimension.name, dimension.score, dimension.tip, plain_json(dimension.details),
                   [e.to_dict() for e in dimension.evidence])


@dataclass(frozen=True)
class TurnData:
    """One finished turn, ready to be stored. `uuid` makes a retried write land only once."""

    index: int
    customer_text: str
    stage: str | None
    mood_band: str
    reply_text: str
    latency_s: float | None
    intensity_before: int
    intensity_after: int
    overall: int
    dimensions: tuple[DimensionData, ...]
    tips: tuple[str, ...] = ()
    words: tuple[dict[str, Any], ...] = ()
    recogniser: str | None = None
    uuid: UUID = field(default_factory=uuid4)
    ended_at: datetime | None = None
    moment: dict[str, Any] | None = None  # ReplyScore.to_dict()["moment"]: what the moment needed and got

    @classmethod
    def from_domain(cls, turn: Turn, recogniser: str | None = None, uuid: UUID | None = None) -> TurnData:
        line = turn.customer
        return cls(
            index=turn.index,
            customer_text=line.text,
            stage=line.stage.value if line.stage else None,
            mood_band=line.band.value,
            reply_text=turn.reply_text,
            latency_s=turn.latency_s,
            intensity_before=turn.intensity_before,
            intensity_after=turn.intensity_after,
            overall=turn.score.overall,
            dimensions=tuple(DimensionData.from_domain(d) for d in turn.score.dimensions.values()),
            tips=tuple(turn.score.tips),
            words=tuple({"word": w.word, "start": w.start, "end": w.end, "conf": w.conf} for w in turn.words),
            recogniser=recogniser,
            uuid=uuid or uuid4(),
            moment=plain_json(turn.score.moment_dict()),
        )


@dataclass(frozen=True)
class SessionFilter:
    """Every field is optional; set ones are combined with AND. Dates compare with `started_at`."""

    trainee: str | None = None  # a trainee's name
    scenario_id: str | None = None
    emotion: str | None = None
    language: str | None = None
    outcome: str | None = None
    status: str | None = None
    started_from: datetime | None = None
    started_before: datetime | None = None
    min_score: int | None = None
    max_score: int | None = None
    difficulty: int | None = None
    example: str | None = None  # good | bad: sessions marked as an example for team training


# -- outputs -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SessionRecord:
    uuid: UUID
    trainee: str
    scenario_id: str
    scenario_version: int
    scenario_title: str
    language: str
    emotion: str
    difficulty: int
    started_at: datetime
    ended_at: datetime | None
    status: str
    outcome: str | None
    end_reason: str | None
    average_score: int | None
    turn_count: int
    hostname: str
    app_version: str
    example_mark: str | None = None  # good | bad, set by a trainer
    call_score: int | None = None  # the whole call over the rubric (None: scored before call scores)
    call_items: list[dict[str, Any]] = field(default_factory=list)  # CallItem.to_dict rows

    @property
    def score(self) -> int | None:
        """The session's score: its call score, else its replies' average."""
        return self.call_score if self.call_score is not None else self.average_score

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": str(self.uuid), "trainee": self.trainee, "scenario": self.scenario_id,
            "scenario_version": self.scenario_version, "title": self.scenario_title,
            "language": self.language, "emotion": self.emotion, "difficulty": self.difficulty,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "status": self.status, "outcome": self.outcome, "reason": self.end_reason,
            "average_score": self.average_score, "call_score": self.call_score,
            "call_items": [{k: item.get(k) for k in ("name", "score", "turn")} for item in self.call_items],
            "turns": self.turn_count,
            "hostname": self.hostname, "app_version": self.app_version, "example": self.example_mark,
        }


@dataclass(frozen=True)
class DimensionDetail:
    name: str
    score: int  # as the scorer gave it
    override: int | None  # the trainer's latest correction, if any
    tip: str
    details: dict[str, Any]
    evidence: list[dict[str, Any]]

    @property
    def effective(self) -> int:
        return self.score if self.override is None else self.override


@dataclass(frozen=True)
class TurnDetail:
    uuid: UUID
    index: int
    customer_text: str
    stage: str | None
    mood_band: str
    reply_text: str
    latency_s: float | None
    intensity_before: int
    intensity_after: int
    overall: int
    overall_override: int | None
    tips: list[str]
    recogniser: str | None
    words: list[dict[str, Any]]
    ended_at: datetime
    dimensions: dict[str, DimensionDetail]
    moment: dict[str, Any] | None = None

    @property
    def effective_overall(self) -> int:
        return self.overall if self.overall_override is None else self.overall_override

    def to_reply_score(self, lang: str) -> ReplyScore:
        """The scorer's original result, rebuilt, so a report renders a stored turn like a live one."""
        def dimension(name: str) -> DimensionScore | None:
            stored = self.dimensions.get(name)
            if stored is None:
                return None
            evidence = [Evidence(**e) for e in stored.evidence]
            return DimensionScore(name, stored.score, evidence, stored.tip, dict(stored.details))

        empathy, forbidden, structure = (dimension(n) for n in ("empathy", "forbidden", "structure"))
        assert empathy is not None and forbidden is not None and structure is not None
        assessment, items = moment_from_dict(self.moment) if self.moment is not None else (None, None)
        return ReplyScore(lang, self.reply_text, self.overall, empathy, forbidden, structure,
                          dimension("pace"), list(self.tips), items, assessment)


@dataclass(frozen=True)
class AudioTrackInfo:
    uuid: UUID
    turn_index: int
    side: str
    sample_rate: int
    channels: int
    frames: int
    complete: bool

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0


@dataclass(frozen=True)
class CommentDetail:
    uuid: UUID
    turn_index: int | None
    offset_s: float | None
    author: str | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class OverrideDetail:
    uuid: UUID
    turn_index: int
    dimension: str
    original_score: int
    new_score: int
    reason: str
    author: str | None
    created_at: datetime


@dataclass(frozen=True)
class SessionDetail:
    summary: SessionRecord
    emotion_curve: list[int]
    scenario_content: dict[str, Any]
    turns: list[TurnDetail]
    audio: list[AudioTrackInfo]
    comments: list[CommentDetail]
    overrides: list[OverrideDetail]
    example_note: str | None = None
    example_marked_by: str | None = None

    @property
    def uuid(self) -> UUID:
        return self.summary.uuid

    def scenario(self) -> Scenario:
        """The scenario as it was when this session was played."""
        return Scenario.model_validate(self.scenario_content)

    def audio_track(self, turn_index: int, side: str) -> AudioTrackInfo | None:
        return next((a for a in self.audio if a.turn_index == turn_index and a.side == side), None)


@dataclass(frozen=True)
class ProgressPoint:
    """One finished or interrupted session on a trainee's timeline (scores include overrides)."""

    session_uuid: UUID
    started_at: datetime
    scenario_id: str
    difficulty: int
    status: str
    outcome: str | None
    overall: float | None
    dimensions: dict[str, float]


@dataclass(frozen=True)
class TraineeProgress:
    trainee: str
    sessions: int
    status_counts: dict[str, int]
    outcome_counts: dict[str, int]
    average_overall: float | None
    average_by_dimension: dict[str, float]
    timeline: list[ProgressPoint]  # oldest first
    recent: list[ProgressPoint]  # the last N, oldest first

    @property
    def weakest_dimension(self) -> str | None:
        if not self.average_by_dimension:
            return None
        return min(self.average_by_dimension, key=lambda name: self.average_by_dimension[name])


@dataclass(frozen=True)
class PersonInfo:
    uuid: UUID
    name: str
    role: str


@dataclass(frozen=True)
class TrainerAccount:
    """A trainer as the sign-in screen sees it: never the hash itself."""

    name: str
    has_password: bool
    failed_logins: int
    blocked_until: datetime | None

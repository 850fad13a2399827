"""The typed schema of a scenario file (YAML under `scenarios/`).

A scenario is one practice call: who rings, why, what the trainee knows, what a good reply must
contain, and what the customer says at each stage of the call in each mood band.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Language(StrEnum):
    EN = "en"
    ZH = "zh"


class Family(StrEnum):
    COMPLAINT = "complaint"
    ENQUIRY = "enquiry"
    FOLLOW_UP = "follow_up"
    RETENTION = "retention"


class Emotion(StrEnum):
    ANGRY = "angry"
    ANXIOUS = "anxious"
    DISAPPOINTED = "disappointed"


class MoodBand(StrEnum):
    """Intensity bands: calm < tense_from <= tense < hostile_from <= hostile."""

    CALM = "calm"
    TENSE = "tense"
    HOSTILE = "hostile"


class Stage(StrEnum):
    """What the customer is doing in the call.

    opening  - first words: the problem, in the customer's emotion.
    push     - the customer does not feel heard or does not understand why it happened.
    solution - the customer wants to know what will be done about it.
    wrap     - a solution is on the table; the customer wants a commitment (who, by when).
    """

    OPENING = "opening"
    PUSH = "push"
    SOLUTION = "solution"
    WRAP = "wrap"


class Ending(StrEnum):
    RESOLVED = "resolved"
    ESCALATED = "escalated"
    ABANDONED = "abandoned"


NonEmptyText = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prosody(_Strict):
    """Hints for the customer's synthetic voice. 1.0 is the engine's neutral value."""

    rate: float = Field(default=1.0, ge=0.5, le=2.0, description="speaking-rate multiplier")
    pitch: float = Field(default=1.0, ge=0.5, le=2.0, description="pitch multiplier")
    volume: float = Field(default=1.0, ge=0.1, le=1.0, description="volume 0.1-1.0")


class Persona(_Strict):
    name: NonEmptyText
    emotion: Emotion
    intensity: int = Field(ge=0, le=100, description="starting intensity 0-100")
    voice: Prosody = Prosody()
    gender: str = Field(default="any", pattern="^(female|male|any)$")
    age_group: str = Field(default="adult", pattern="^(young|adult|elderly)$")


class Fact(_Strict):
    label: NonEmptyText
    value: NonEmptyText


class Briefing(_Strict):
    """The case file the trainee reads before the call, as an agent's CRM would show it."""

    caller: NonEmptyText
    facts: list[Fact] = Field(min_length=1)
    situation: NonEmptyText
    policy_allows: list[NonEmptyText] = Field(min_length=1)


class KeyPoint(_Strict):
    """Something a good reply mentions. `phrases` are alternatives; any one is enough."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: NonEmptyText
    phrases: list[NonEmptyText] = Field(min_length=1)


class BandLines(_Strict):
    """One customer line per mood band; the engine picks by current intensity."""

    calm: NonEmptyText
    tense: NonEmptyText
    hostile: NonEmptyText


class CustomerLines(_Strict):
    opening: BandLines
    push: BandLines
    solution: BandLines
    wrap: BandLines
    resolved: NonEmptyText
    escalated: NonEmptyText
    abandoned: NonEmptyText
    silence: NonEmptyText = Field(description="said when the trainee says nothing")


class Thresholds(_Strict):
    """Per-scenario tuning of the call; defaults follow the training brief."""

    tense_from: int = Field(default=40, ge=1, le=99)
    hostile_from: int = Field(default=70, ge=2, le=100)
    escalate_at: int = Field(default=95, ge=50, le=100)
    resolve_below: int = Field(default=45, ge=1, le=100)
    max_turns: int = Field(default=6, ge=2, le=20)
    first_response_limit_s: float = Field(default=30.0, gt=0, le=600, allow_inf_nan=False,
                                          description="phone: 30 s, online: 15 s")

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.tense_from < self.hostile_from <= self.escalate_at:
            raise ValueError("need tense_from < hostile_from <= escalate_at")
        return self


RUBRIC_ITEMS = ("acknowledge", "restate", "cause", "remedy", "ownership", "timeline", "closing", "holding")
MOMENT_STAGES = ("opening", "push", "solution", "wrap", "silence")


class ExpectedItems(_Strict):
    """Which rubric items a reply to one moment must show (`required`) or should (`welcome`)."""

    required: list[str] = Field(default_factory=list)
    welcome: list[str] = Field(default_factory=list)

    @field_validator("required", "welcome")
    @classmethod
    def _known(cls, items: list[str]) -> list[str]:
        unknown = [i for i in items if i not in RUBRIC_ITEMS]
        if unknown:
            raise ValueError(f"unknown rubric item {unknown[0]!r}; use {', '.join(RUBRIC_ITEMS)}")
        return items


class Scenario(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(default=1, ge=1, le=1_000_000)
    language: Language
    family: Family
    difficulty: int = Field(ge=1, le=3)
    title: NonEmptyText
    channel: str = Field(default="phone", pattern="^(phone|online)$")
    persona: Persona
    briefing: Briefing
    key_facts: list[KeyPoint] = Field(min_length=1)
    solutions: list[KeyPoint] = Field(min_length=1)
    forbidden: list[NonEmptyText] = Field(default_factory=list)
    lines: CustomerLines
    thresholds: Thresholds = Thresholds()
    tags: list[str] = Field(default_factory=list)
    model_answer: list[NonEmptyText] = Field(
        default_factory=list, description="the replies an excellent agent gives, one per customer line")
    expectations: dict[str, dict[str, ExpectedItems]] | None = Field(
        default=None, description="overrides of what each moment (stage, mood band) expects of a reply")

    @field_validator("expectations")
    @classmethod
    def _moments(cls, table: dict[str, dict[str, ExpectedItems]] | None) -> dict[str, dict[str, ExpectedItems]] | None:
        for stage, cells in (table or {}).items():
            if stage not in MOMENT_STAGES:
                raise ValueError(f"unknown stage {stage!r}; use {', '.join(MOMENT_STAGES)}")
            for band in cells:
                if band not in ("calm", "tense", "hostile"):
                    raise ValueError(f"unknown mood band {band!r}; use calm, tense, hostile")
        return table

    @model_validator(mode="after")
    def _model_answer_fits(self) -> Scenario:
        if len(self.model_answer) > self.thresholds.max_turns:
            raise ValueError(f"model_answer has {len(self.model_answer)} replies; the call allows "
                             f"{self.thresholds.max_turns} (thresholds.max_turns)")
        return self

    @field_validator("key_facts", "solutions")
    @classmethod
    def _unique_ids(cls, points: list[KeyPoint]) -> list[KeyPoint]:
        ids = [p.id for p in points]
        if len(ids) != len(set(ids)):
            raise ValueError("ids must be unique")
        return points

    @property
    def emotion(self) -> Emotion:
        return self.persona.emotion

"""Result and configuration types of the reply scorer. All plain data, JSON-friendly."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STAGE_NAMES = ("acknowledge", "restate", "cause", "solution", "next_step", "closing")


@dataclass(frozen=True)
class WordTiming:
    """One recognised word, times in seconds from the start of the trainee's recording."""

    word: str
    start: float
    end: float
    conf: float = 1.0


@dataclass(frozen=True)
class Evidence:
    """A matched span: `start`/`end` are character offsets into the transcript as given."""

    start: int
    end: int
    text: str
    kind: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        # by hand: dataclasses.asdict deep-copies, and evidence is converted by the thousand
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind, "label": self.label}


@dataclass
class DimensionScore:
    name: str
    score: int
    evidence: list[Evidence] = field(default_factory=list)
    tip: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "score": self.score,
            "evidence": [e.to_dict() for e in self.evidence],
            "tip": self.tip,
        }
        data.update(self.details)
        return data


@dataclass
class ReplyScore:
    lang: str
    transcript: str
    overall: int
    empathy: DimensionScore
    forbidden: DimensionScore
    structure: DimensionScore
    pace: DimensionScore | None
    tips: list[str]
    # the rubric items the reply shows (items.ReplyItems) and, when the moment of the call is known,
    # how well it met that moment (moments.TurnAssessment); `overall` is then the moment's score
    items: Any = None
    moment: Any = None

    @property
    def stages(self) -> dict[str, bool]:
        return dict(self.structure.details["stages"])

    @property
    def dimensions(self) -> dict[str, DimensionScore]:
        dims = {"empathy": self.empathy, "forbidden": self.forbidden, "structure": self.structure}
        if self.pace is not None:
            dims["pace"] = self.pace
        return dims

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "transcript": self.transcript,
            "overall": self.overall,
            "dimensions": {
                "empathy": self.empathy.to_dict(),
                "forbidden": self.forbidden.to_dict(),
                "structure": self.structure.to_dict(),
                "pace": self.pace.to_dict() if self.pace is not None else None,
            },
            "tips": list(self.tips),
            # with the moment as context (score --stage/--after, a call's turns): what it expected and met
            **({"moment": self.moment_dict()} if self.moment is not None else {}),
        }

    def moment_dict(self) -> dict[str, Any] | None:
        """What the moment needed and what the reply showed, with the items' evidence (as stored)."""
        if self.moment is None:
            return None
        return {**self.moment.to_dict(), **self.items.to_dict()}


# The one place where the dimensions are weighted into the overall score.
OVERALL_WEIGHTS: dict[str, float] = {"empathy": 0.30, "structure": 0.35, "forbidden": 0.20, "pace": 0.15}


@dataclass(frozen=True)
class PaceRules:
    """Pace figures from the training brief; all configurable per scenario or call centre."""

    band_en_wpm: tuple[float, float] = (140.0, 170.0)
    band_zh_cpm: tuple[float, float] = (180.0, 220.0)
    # Slow down for an agitated or elderly caller: the top of the band drops by this share.
    slow_caller_reduction: float = 0.10
    long_pause_s: float = 2.0
    first_response_limit_s: float = 30.0

    def band(self, lang: str, slow_caller: bool = False) -> tuple[float, float]:
        low, high = self.band_zh_cpm if lang == "zh" else self.band_en_wpm
        if slow_caller:
            high = max(low, high * (1.0 - self.slow_caller_reduction))
        return low, high

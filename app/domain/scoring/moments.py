"""What each moment of a call needs, and how well a reply met it.

A moment is the customer line the trainee answers: its stage (opening, push, solution, wrap, or
the silence prompt) and its mood band. `DEFAULT_EXPECTATIONS` says which rubric items a reply to
it is expected to show, required or welcome; a scenario (`expectations:` in its YAML) or a call
centre (`MomentRules(overrides=...)`) may change any cell. An item the trainee already showed earlier
in the call is not asked for again, except acknowledging the feeling while the customer is hostile.

The turn score is the share of what was expected that the reply showed (the required items make
up `REQUIRED_SHARE` of it, the welcome ones the rest); extras never lower it; faults always do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.domain.scoring.items import SEVERE_FAULTS, ItemHit, ReplyItems
from app.domain.scoring.model import Evidence

SILENCE = "silence"
MOMENT_STAGES = ("opening", "push", "solution", "wrap", SILENCE)
BANDS = ("calm", "tense", "hostile")
REQUIRED_SHARE = 0.85
# Points a fault costs a turn; a severe fault also caps it (blame cannot be a good reply).
FAULT_COST = {"blame": 40, "dismissive": 35, "argues": 35, "scenario": 40, "mechanical": 60, "jargon": 12,
              "canned": 12, "vague": 12, "hard_sell": 20}
SEVERE_CAP = 35
PACE_SHARE = 0.1


@dataclass(frozen=True)
class Expectation:
    required: tuple[str, ...] = ()
    welcome: tuple[str, ...] = ()


def _e(required: str = "", welcome: str = "") -> Expectation:
    return Expectation(tuple(required.split()), tuple(welcome.split()))


DEFAULT_EXPECTATIONS: dict[str, dict[str, Expectation]] = {
    "opening": {"calm": _e("restate", "acknowledge"), "tense": _e("acknowledge restate"),
                "hostile": _e("acknowledge restate")},
    "push": {"calm": _e("cause", "acknowledge"), "tense": _e("cause", "acknowledge"),
             "hostile": _e("acknowledge cause")},
    "solution": {"calm": _e("remedy ownership", "timeline"), "tense": _e("remedy ownership", "acknowledge timeline"),
                 "hostile": _e("acknowledge remedy ownership", "timeline")},
    "wrap": {"calm": _e("ownership timeline closing"), "tense": _e("ownership timeline", "closing acknowledge"),
             "hostile": _e("acknowledge ownership timeline", "closing")},
    SILENCE: {band: _e("holding", "acknowledge") for band in BANDS},
}
# Items that stay expected however often they were shown (while the customer is hostile).
REPEATABLE_WHEN_HOSTILE = ("acknowledge",)


@dataclass(frozen=True)
class Moment:
    stage: str
    band: str
    customer_line: str = ""


@dataclass(frozen=True)
class MomentRules:
    """The expectations table, with a call centre's or a scenario's overrides on top."""

    overrides: Mapping[str, Mapping[str, Expectation]] = field(default_factory=dict)

    def expected(self, moment: Moment, done_before: Iterable[str] = ()) -> Expectation:
        cell = self.overrides.get(moment.stage, {}).get(moment.band) \
            or DEFAULT_EXPECTATIONS.get(moment.stage, {}).get(moment.band) or Expectation()
        done = set(done_before)
        hostile = moment.band == "hostile"

        def still_needed(item: str) -> bool:
            return item not in done or (hostile and item in REPEATABLE_WHEN_HOSTILE)

        required = tuple(i for i in cell.required if still_needed(i))
        welcome = tuple(i for i in cell.welcome if still_needed(i) and i not in required)
        return Expectation(required, welcome)

    def with_overrides(self, extra: Mapping[str, Mapping[str, Expectation]]) -> MomentRules:
        merged: dict[str, dict[str, Expectation]] = {stage: dict(cells) for stage, cells in self.overrides.items()}
        for stage, cells in extra.items():
            merged.setdefault(stage, {}).update(cells)
        return MomentRules(merged)


@dataclass(frozen=True)
class TurnAssessment:
    """How a reply met its moment: the score, what was expected, met and missing, the faults."""

    moment: Moment
    score: int
    required: tuple[str, ...]
    welcome: tuple[str, ...]
    met: tuple[str, ...]
    missing: tuple[str, ...]
    faults: tuple[Evidence, ...]
    tips: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "stage": self.moment.stage, "band": self.moment.band, "score": self.score,
            "required": list(self.required), "welcome": list(self.welcome), "met": list(self.met),
            "missing": list(self.missing), "faults": [f.to_dict() for f in self.faults], "tips": list(self.tips),
        }


def assess_turn(items: ReplyItems, moment: Moment, expected: Expectation, pace_score: int | None,
                blank: bool) -> TurnAssessment:
    met = tuple(i for i in expected.required + expected.welcome if items.met(i))
    missing = tuple(i for i in expected.required + expected.welcome if not items.met(i))
    if blank:
        return TurnAssessment(moment, 0, expected.required, expected.welcome, (), missing, ())
    # required items carry REQUIRED_SHARE of the turn, welcome ones the rest (theirs in full when
    # nothing is welcome); with nothing left to ask for, a clean reply is all the moment needs
    required = [1.0 if items.met(i) else (0.5 if i == "remedy" and items.hits[i].partial else 0.0)
                for i in expected.required]  # a generic solution where policy has a remedy: half
    welcome = [1.0 if items.met(i) else 0.0 for i in expected.welcome]
    required_part = sum(required) / len(required) if required else 1.0
    welcome_part = sum(welcome) / len(welcome) if welcome else 1.0
    if required:
        content = 100.0 * (REQUIRED_SHARE * required_part + (1 - REQUIRED_SHARE) * welcome_part)
    else:
        content = 100.0 * (0.7 + 0.3 * welcome_part)
    if pace_score is not None:
        content = (1 - PACE_SHARE) * content + PACE_SHARE * pace_score
    faults = tuple(items.faults)
    score = content - sum(FAULT_COST.get(f.kind, 10) for f in faults)
    if any(f.kind in SEVERE_FAULTS for f in faults):
        score = min(score, SEVERE_CAP)
    return TurnAssessment(moment, int(round(max(0.0, min(100.0, score)))), expected.required, expected.welcome,
                          met, missing, faults)


def moment_from_dict(data: Mapping) -> tuple[TurnAssessment, ReplyItems]:
    """A stored turn's moment (`ReplyScore.to_dict()["moment"]`) rebuilt: the assessment and the items."""
    def evidence(rows: Iterable[Mapping]) -> tuple[Evidence, ...]:
        return tuple(Evidence(int(e["start"]), int(e["end"]), str(e["text"]), str(e["kind"]), str(e["label"]))
                     for e in rows)

    items = ReplyItems(
        {name: ItemHit(bool(hit["met"]), evidence(hit.get("evidence", ())), bool(hit.get("partial", False)))
         for name, hit in data.get("items", {}).items()},
        list(data.get("remedies", ())), list(evidence(data.get("faults", ()))))
    assessment = TurnAssessment(
        Moment(str(data["stage"]), str(data["band"])), int(data["score"]), tuple(data.get("required", ())),
        tuple(data.get("welcome", ())), tuple(data.get("met", ())), tuple(data.get("missing", ())),
        evidence(data.get("faults", ())), tuple(data.get("tips", ())))
    return assessment, items

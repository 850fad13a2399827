"""Which scenario a trainee should practise next.

The rule, from the training brief: practise the trainee's weakest dimension, at the next difficulty
once a level has been passed. A level is passed when a scenario of that difficulty ended resolved
with an average score of at least `PASS_SCORE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.domain.progress.history import DIMENSIONS, SessionStatus, SessionSummary
from app.domain.scenarios.schema import Emotion, Ending, Family, Scenario
from app.domain.scoring.call_score import CALL_ITEMS, ITEM_DIMENSION

PASS_SCORE = 70
RECENT_SESSIONS = 10  # the weakest dimension is judged on this many recent scored sessions


class RecommendationReason(StrEnum):
    FIRST_CALL = "first_call"  # no history yet: start with the easiest call
    LEVEL_UP = "level_up"  # a level was passed: one difficulty up, aimed at the weakest dimension
    PRACTISE_WEAKEST = "practise_weakest"  # same level, aimed at the weakest dimension


@dataclass(frozen=True)
class Recommendation:
    scenario_id: str
    reason: RecommendationReason
    weakest_dimension: str | None
    difficulty: int
    passed_level: int  # the highest difficulty passed so far, 0 for none


def is_pass(item: SessionSummary) -> bool:
    return (
        item.status == SessionStatus.COMPLETED
        and item.outcome == Ending.RESOLVED
        and item.overall is not None
        and item.overall >= PASS_SCORE
    )


def weakest_dimension(history: Sequence[SessionSummary], recent: int = RECENT_SESSIONS) -> str | None:
    """What to work on: the call item with the lowest average over the most recent sessions with
    call scores (the outcome aside: it follows from the rest); for older sessions without them,
    the reply dimension with the lowest average."""
    with_items = [h for h in sorted(history, key=lambda h: h.started_at) if h.items][-recent:]
    if with_items:
        item_averages: dict[str, float] = {}
        for name in CALL_ITEMS:
            values = [h.items[name] for h in with_items if name in h.items]
            if values and name != "outcome":
                item_averages[name] = sum(values) / len(values)
        if item_averages:
            return min(item_averages, key=lambda name: (item_averages[name], CALL_ITEMS.index(name)))
    scored = [h for h in sorted(history, key=lambda h: h.started_at) if h.dimensions][-recent:]
    averages: dict[str, float] = {}
    for name in DIMENSIONS:
        values = [h.dimensions[name] for h in scored if name in h.dimensions]
        if values:
            averages[name] = sum(values) / len(values)
    if not averages:
        return None
    return min(averages, key=lambda name: (averages[name], DIMENSIONS.index(name)))


def dimension_fit(scenario: Scenario, dimension: str | None) -> int:
    """How much a scenario exercises a dimension (or a call item's dimension): 0 (not specially)
    to 3 (squarely)."""
    dimension = ITEM_DIMENSION.get(dimension or "", dimension)
    emotion, family = scenario.persona.emotion, scenario.family
    elderly = scenario.persona.age_group == "elderly"
    if dimension == "empathy":
        return (2 if emotion in (Emotion.ANGRY, Emotion.DISAPPOINTED) else 0) + (1 if family == Family.COMPLAINT else 0)
    if dimension == "forbidden":
        return (2 if emotion == Emotion.ANGRY else 0) + (1 if family in (Family.COMPLAINT, Family.RETENTION) else 0)
    if dimension == "structure":
        return {Family.COMPLAINT: 2, Family.FOLLOW_UP: 2, Family.RETENTION: 1}.get(family, 0) + (
            1 if len(scenario.solutions) > 2 else 0
        )
    if dimension == "pace":
        return (2 if emotion == Emotion.ANXIOUS or elderly else 0) + (1 if emotion == Emotion.ANGRY else 0)
    return 0


def _language_of_latest(scenarios: dict[str, Scenario], history: Sequence[SessionSummary]) -> str | None:
    for item in sorted(history, key=lambda h: h.started_at, reverse=True):
        if item.scenario_id in scenarios:
            return scenarios[item.scenario_id].language.value
    return None


def recommend_next(
    scenarios: Sequence[Scenario], history: Sequence[SessionSummary], language: str | None = None
) -> Recommendation | None:
    """The next scenario to practise, or None when the library has none in the language.

    `language` limits the choice ("en" / "zh"); by default it is the language of the trainee's
    latest session, and any language for a trainee with no history.
    """
    by_id = {s.id: s for s in scenarios}
    language = language or _language_of_latest(by_id, history)
    pool = [s for s in scenarios if language is None or s.language.value == language]
    if not pool:
        return None
    mine = [h for h in history if h.scenario_id in {s.id for s in pool}]
    levels = sorted({s.difficulty for s in pool})
    passed_level = max((by_id[h.scenario_id].difficulty for h in mine if is_pass(h)), default=0)
    wanted = min(passed_level + 1, levels[-1])
    target = min(levels, key=lambda d: (abs(d - wanted), -d))
    weakest = weakest_dimension(mine)
    if not mine:
        reason = RecommendationReason.FIRST_CALL
    elif passed_level and target > passed_level:
        reason = RecommendationReason.LEVEL_UP
    else:
        reason = RecommendationReason.PRACTISE_WEAKEST

    plays: dict[str, int] = {}
    best: dict[str, int] = {}
    passed_ids = {h.scenario_id for h in mine if is_pass(h)}
    for h in mine:
        plays[h.scenario_id] = plays.get(h.scenario_id, 0) + 1
        if h.overall is not None:
            best[h.scenario_id] = max(best.get(h.scenario_id, 0), h.overall)

    def rank(s: Scenario) -> tuple:
        # Not yet passed first; then the best fit for the weakest dimension; then the least played.
        return (s.id in passed_ids, -dimension_fit(s, weakest), plays.get(s.id, 0), best.get(s.id, -1), s.id)

    choice = min((s for s in pool if s.difficulty == target), key=rank)
    return Recommendation(choice.id, reason, weakest, target, passed_level)

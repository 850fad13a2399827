"""The reply scorer: deterministic, explainable, English and Chinese."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.domain.scenarios.schema import Scenario
from app.domain.scoring.dimensions import ScenarioRubric, score_empathy, score_forbidden, score_structure
from app.domain.scoring.matching import lexicon_for
from app.domain.scoring.model import OVERALL_WEIGHTS, DimensionScore, PaceRules, ReplyScore, WordTiming
from app.domain.scoring.pace import score_pace
from app.domain.scoring.text import normalize

SUPPORTED_LANGUAGES = ("en", "zh")


class ReplyScorer:
    """Scores one trainee reply. Holds compiled scenario rubrics, so reuse one instance."""

    def __init__(self, pace_rules: PaceRules | None = None) -> None:
        self.pace_rules = pace_rules or PaceRules()
        self._rubrics: dict[tuple[str, int], ScenarioRubric] = {}

    def rubric_for(self, scenario: Scenario) -> ScenarioRubric:
        key = (scenario.id, scenario.version)
        if key not in self._rubrics:
            self._rubrics[key] = ScenarioRubric.from_scenario(scenario)
        return self._rubrics[key]

    def score(
        self,
        text: str,
        lang: str,
        scenario: Scenario | None = None,
        words: Sequence[WordTiming] | None = None,
        latency_s: float | None = None,
    ) -> ReplyScore:
        if lang not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}")
        if scenario is not None and scenario.language.value != lang:
            raise ValueError(f"scenario {scenario.id} is in {scenario.language.value!r}, reply is in {lang!r}")
        lex = lexicon_for(lang)
        norm = normalize(text, lang)
        rubric = self.rubric_for(scenario) if scenario is not None else None
        empathy = score_empathy(norm, lex, lang)
        forbidden = score_forbidden(norm, lex, lang, rubric)
        structure = score_structure(norm, lex, lang, empathy, rubric)
        rules = self.pace_rules
        if rubric is not None and rubric.first_response_limit_s is not None:
            rules = replace(rules, first_response_limit_s=rubric.first_response_limit_s)
        pace = score_pace(
            norm, lex, lang, words, latency_s, rules, slow_caller=bool(rubric and rubric.slow_caller)
        )
        dims: dict[str, DimensionScore] = {"empathy": empathy, "forbidden": forbidden, "structure": structure}
        if pace is not None:
            dims["pace"] = pace
        return ReplyScore(
            lang=lang,
            transcript=text,
            overall=overall_score(dims),
            empathy=empathy,
            forbidden=forbidden,
            structure=structure,
            pace=pace,
            tips=top_tips(dims),
        )


def overall_score(dims: dict[str, DimensionScore]) -> int:
    total_weight = sum(OVERALL_WEIGHTS[name] for name in dims)
    weighted = sum(OVERALL_WEIGHTS[name] * dim.score for name, dim in dims.items())
    overall = weighted / total_weight if total_weight else 0.0
    # A reply that blames or dismisses cannot be a good reply, however well structured.
    if dims["forbidden"].score < 100:
        overall = min(overall, 40 + 0.5 * dims["forbidden"].score)
    return int(round(overall))


def top_tips(dims: dict[str, DimensionScore], limit: int = 3) -> list[str]:
    """Tips of the weakest dimensions first; a dimension at 100 gives no tip unless all are."""
    ranked = sorted(dims.values(), key=lambda d: (d.score, -OVERALL_WEIGHTS[d.name]))
    tips = [d.tip for d in ranked if d.score < 100 and d.tip]
    if not tips:
        tips = [ranked[0].tip]
    return tips[:limit]

"""The reply scorer: deterministic, explainable, English and Chinese."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from app.domain.scenarios.schema import Scenario
from app.domain.scoring.dimensions import (
    ScenarioRubric,
    empathy_matches,
    score_empathy,
    score_forbidden,
    score_structure,
)
from app.domain.scoring.items import SEVERE_FAULTS, CaseTerms, detect_items
from app.domain.scoring.matching import lexicon_for
from app.domain.scoring.model import OVERALL_WEIGHTS, DimensionScore, PaceRules, ReplyScore, WordTiming
from app.domain.scoring.moments import Expectation, Moment, MomentRules, assess_turn
from app.domain.scoring.pace import score_pace
from app.domain.scoring.policy import ScoringPolicy
from app.domain.scoring.scenario_tips import fault_tip, item_tip
from app.domain.scoring.text import normalize
from app.domain.text_hygiene import MAX_REPLY_CHARS, clean_text

SUPPORTED_LANGUAGES = ("en", "zh")


class ReplyScorer:
    """Scores one trainee reply. Holds compiled scenario rubrics, so reuse one instance.

    With a `moment` (the customer line being answered: stage and mood band) the reply is judged by
    what that moment needed (`moments.py`), minus what the trainee already did earlier in the call
    (`done_before`); `overall` is then that turn score. Without one, by the general dimensions."""

    def __init__(self, pace_rules: PaceRules | None = None, policy: ScoringPolicy | None = None,
                 max_reply_chars: int = MAX_REPLY_CHARS) -> None:
        self.pace_rules = pace_rules or PaceRules()
        self.max_reply_chars = max_reply_chars  # a longer reply is cut here (the bench lifts it)
        self.policy = policy or ScoringPolicy()
        self.moment_rules = self.policy.moment_rules
        self.call_weights = self.policy.call_weights
        self._rubrics: dict[tuple[str, int], tuple[ScenarioRubric, CaseTerms, MomentRules]] = {}

    def _compiled(self, scenario: Scenario) -> tuple[ScenarioRubric, CaseTerms, MomentRules]:
        key = (scenario.id, scenario.version)
        if key not in self._rubrics:
            rules = self.moment_rules.with_overrides(scenario_expectations(scenario))
            self._rubrics[key] = (ScenarioRubric.from_scenario(scenario), CaseTerms.from_scenario(scenario), rules)
        return self._rubrics[key]

    def rubric_for(self, scenario: Scenario) -> ScenarioRubric:
        return self._compiled(scenario)[0]

    def score(
        self,
        text: str,
        lang: str,
        scenario: Scenario | None = None,
        words: Sequence[WordTiming] | None = None,
        latency_s: float | None = None,
        moment: Moment | None = None,
        done_before: Iterable[str] = (),
        customer_lines: Sequence[str] = (),
    ) -> ReplyScore:
        if lang not in SUPPORTED_LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}")
        if scenario is not None and scenario.language.value != lang:
            raise ValueError(f"scenario {scenario.id} is in {scenario.language.value!r}, reply is in {lang!r}")
        lex = lexicon_for(lang)
        text = clean_text(text, self.max_reply_chars)
        norm = normalize(text, lang)
        compiled = self._compiled(scenario) if scenario is not None else None
        rubric = compiled[0] if compiled else None
        matches = empathy_matches(norm, lex)
        empathy = score_empathy(norm, lex, lang, matches)
        forbidden = score_forbidden(norm, lex, lang, rubric)
        structure = score_structure(norm, lex, lang, empathy, rubric, sincere=matches[0])
        rules = self.pace_rules
        if rubric is not None and rubric.first_response_limit_s is not None:
            rules = replace(rules, first_response_limit_s=rubric.first_response_limit_s)
        pace = score_pace(
            norm, lex, lang, words, latency_s, rules, slow_caller=bool(rubric and rubric.slow_caller)
        )
        dims: dict[str, DimensionScore] = {"empathy": empathy, "forbidden": forbidden, "structure": structure}
        if pace is not None:
            dims["pace"] = pace
        lines = tuple(customer_lines) + ((moment.customer_line,) if moment and moment.customer_line else ())
        items = detect_items(norm, lex, lang, empathy, forbidden, structure, scenario,
                             compiled[1] if compiled else None, lines, moment.stage if moment else None)
        overall, tips, assessment = overall_score(dims), top_tips(dims), None
        if not norm.text:
            overall = 0  # nothing said (or nothing but punctuation): nothing earned, however clean
        if moment is not None:
            moment_rules = compiled[2] if compiled else self.moment_rules
            assessment = assess_turn(items, moment, moment_rules.expected(moment, done_before),
                                     pace.score if pace is not None else None, blank=not text.strip())
            moment_tips = [item_tip(i, lang, scenario) for i in assessment.missing]
            severe = [f for f in assessment.faults if f.kind in SEVERE_FAULTS]
            fault_tips = [fault_tip(f.kind, lang) for f in (severe or list(assessment.faults))[:1]]
            if pace is not None and pace.score < 70 and pace.tip:
                moment_tips.append(pace.tip)
            tips = (fault_tips + moment_tips)[:3] if severe else (moment_tips + fault_tips)[:3]
            assessment = replace(assessment, tips=tuple(tips))
            overall = assessment.score
        return ReplyScore(
            lang=lang,
            transcript=text,
            overall=overall,
            empathy=empathy,
            forbidden=forbidden,
            structure=structure,
            pace=pace,
            tips=tips,
            items=items,
            moment=assessment,
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


def scenario_expectations(scenario: Scenario) -> dict[str, dict[str, Expectation]]:
    """A scenario's own overrides of the moment table (`expectations:` in its YAML)."""
    table: dict[str, dict[str, Expectation]] = {}
    for stage, cells in (scenario.expectations or {}).items():
        for band, cell in cells.items():
            table.setdefault(stage, {})[band] = Expectation(tuple(cell.required), tuple(cell.welcome))
    return table

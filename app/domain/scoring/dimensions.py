"""The text dimensions of a reply: empathy, forbidden wording and structure."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from app.domain.scenarios.schema import Emotion, Scenario
from app.domain.scoring.matching import CompiledLexicon, Match, compile_phrases, drop_overlaps, find_all
from app.domain.scoring.model import STAGE_NAMES, DimensionScore
from app.domain.scoring.text import NormalizedText
from app.domain.scoring.tips import tip

EMPATHY_POINTS = {"acknowledge": 40, "apology": 30, "thanks": 15, "reassurance": 25}
EMPATHY_EARLY_BONUS = 10
INSINCERE_PENALTY = 35

FORBIDDEN_PENALTY = {"blame": 40, "dismissive": 35, "argues": 35, "scenario": 40, "mechanical": 60, "jargon": 15}

STAGE_POINTS = {"acknowledge": 15, "restate": 20, "cause": 15, "solution": 25, "next_step": 20, "closing": 5}
NEXT_STEP_PARTIAL = 12
ORDER_PENALTY, ORDER_PENALTY_MAX = 5, 15


@dataclass(frozen=True)
class KeyPointPattern:
    id: str
    label: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class ScenarioRubric:
    """A scenario's own phrases, compiled once."""

    key_facts: list[KeyPointPattern] = field(default_factory=list)
    solutions: list[KeyPointPattern] = field(default_factory=list)
    forbidden: re.Pattern[str] | None = None
    slow_caller: bool = False
    first_response_limit_s: float | None = None

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> ScenarioRubric:
        lang = scenario.language.value

        def points(items):
            compiled = [(p, compile_phrases(p.phrases, lang)) for p in items]
            return [KeyPointPattern(p.id, p.label, rx) for p, rx in compiled if rx is not None]

        return cls(
            key_facts=points(scenario.key_facts),
            solutions=points(scenario.solutions),
            forbidden=compile_phrases(scenario.forbidden, lang),
            slow_caller=scenario.persona.emotion == Emotion.ANGRY or scenario.persona.age_group == "elderly",
            first_response_limit_s=scenario.thresholds.first_response_limit_s,
        )


def _point_matches(points: list[KeyPointPattern], text: str, kind: str) -> list[Match]:
    found = []
    for point in points:
        m = point.regex.search(text)
        if m:
            found.append(Match(m.start(), m.end(), kind, f"{point.id}: {point.label}"))
    return found


def empathy_matches(norm: NormalizedText, lex: CompiledLexicon) -> tuple[list[Match], list[Match], list[Match]]:
    """(sincere, insincere, negated) empathy matches in normalised coordinates."""
    text = norm.text
    insincere = drop_overlaps(find_all(lex.insincere, text), across_kinds=True)
    sincere: list[Match] = []
    negated: list[Match] = []
    previous_end = 0
    for m in sorted(drop_overlaps(find_all(lex.empathy, text), across_kinds=True), key=lambda m: m.start):
        if any(m.overlaps(i) for i in insincere):
            continue  # already counted as insincere
        # A negator inside an earlier empathy phrase ("don't worry, it's not your fault")
        # belongs to that phrase, so the look-behind starts where the previous phrase ended.
        negated_here = lex.is_negated(text, m, not_before=previous_end)
        previous_end = m.end
        if negated_here or lex.is_undercut(text, m):
            negated.append(Match(m.start, m.end, "negated", f"{m.label} (negated or undercut)"))
        else:
            sincere.append(m)
    return sincere, insincere, negated


EmpathyMatches = tuple[list[Match], list[Match], list[Match]]


def score_empathy(norm: NormalizedText, lex: CompiledLexicon, lang: str,
                  matches: EmpathyMatches | None = None) -> DimensionScore:
    text = norm.text
    sincere, insincere, negated = matches if matches is not None else empathy_matches(norm, lex)
    categories = {cat: any(m.kind == cat for m in sincere) for cat in EMPATHY_POINTS}
    score = sum(points for cat, points in EMPATHY_POINTS.items() if categories[cat])
    first_sincere = min((m.start for m in sincere), default=None)
    early = first_sincere is not None and first_sincere <= max(12, len(text) // 3)
    if early:
        score += EMPATHY_EARLY_BONUS
    score -= INSINCERE_PENALTY * (len(insincere) + len(negated))
    score = max(0, min(100, score))

    if insincere or negated:
        advice = "empathy.insincere"
    elif not sincere:
        advice = "empathy.none"
    elif not early:
        advice = "empathy.late"
    elif not categories["apology"]:
        advice = "empathy.no_apology"
    elif not categories["reassurance"]:
        advice = "empathy.no_reassurance"
    else:
        advice = "empathy.good"
    evidence = [m.evidence(norm) for m in sorted(sincere + insincere + negated, key=lambda m: m.start)]
    return DimensionScore(
        "empathy", score, evidence, tip(advice, lang),
        {"categories": categories, "negated": len(insincere) + len(negated)},
    )


def score_forbidden(
    norm: NormalizedText, lex: CompiledLexicon, lang: str, rubric: ScenarioRubric | None
) -> DimensionScore:
    text = norm.text
    hits = [m for m in find_all(lex.forbidden, text) if not lex.is_negated(text, m) or m.kind == "mechanical"]
    # blame-like words where the agent takes the fault on themselves ("if you had received our
    # reminder you'd have known; it went to the old address, our mistake") are not blame
    hits = [m for m in hits if m.kind != "blame" or not lex.owns_fault.search(text, *_sentence_of(norm, m))]
    if rubric is not None and rubric.forbidden is not None:
        hits += [Match(m.start(), m.end(), "scenario", "scenario-specific forbidden phrase")
                 for m in rubric.forbidden.finditer(text)
                 if not lex.is_negated(text, Match(m.start(), m.end(), "scenario", "")) and not _quoted(norm, m)]
    # One overlapping match per place: a scenario phrase and a general one count once.
    unique = drop_overlaps(drop_overlaps(hits), across_kinds=True)
    score = max(0, 100 - sum(FORBIDDEN_PENALTY[m.kind] for m in unique))
    if unique:
        worst = max(unique, key=lambda m: FORBIDDEN_PENALTY[m.kind])
        advice = f"forbidden.{worst.kind}"
    else:
        advice = "forbidden.clean"
    kinds = sorted({m.kind for m in unique})
    return DimensionScore(
        "forbidden", score, [m.evidence(norm) for m in unique], tip(advice, lang),
        {"count": len(unique), "kinds": kinds},
    )


_SENTENCE_END = re.compile(r"[.?!;。？！；]")


def _sentence_of(norm: NormalizedText, match: Match) -> tuple[int, int]:
    """The normalised span of the sentence (in the original punctuation) that holds `match`."""
    start, end = norm.original_span(match.start, match.end)
    ends = [m.end() for m in _SENTENCE_END.finditer(norm.original, 0, start)]
    first = ends[-1] if ends else 0
    after = _SENTENCE_END.search(norm.original, end)
    last = after.start() if after else len(norm.original)
    return bisect.bisect_left(norm.origin, first), bisect.bisect_left(norm.origin, last)


_QUOTES = "'\"‘’“”「」『』"


def _quoted(norm: NormalizedText, match: re.Match[str]) -> bool:
    """The phrase is quoted, not said ("I won't hide behind 'everyone's prices are going up'")."""
    start, end = norm.original_span(match.start(), match.end())
    before = norm.original[:start].rstrip()[-1:]
    after = norm.original[end:].lstrip()[:1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def score_structure(
    norm: NormalizedText,
    lex: CompiledLexicon,
    lang: str,
    empathy: DimensionScore,
    rubric: ScenarioRubric | None,
    sincere: list[Match] | None = None,
) -> DimensionScore:
    """`sincere`: the reply's sincere empathy matches, when the caller already has them."""
    text = norm.text
    found: dict[str, list[Match]] = {name: drop_overlaps(find_all(lex.stages.get(name, []), text))
                                     for name in STAGE_NAMES if name not in ("acknowledge", "next_step")}
    # who and when are told apart by their labels: "you'll get an email by 5 pm" is both
    next_step = find_all(lex.stages.get("next_step", []), text)
    found["next_step"] = [m for label in dict.fromkeys(m.label for m in next_step)
                          for m in drop_overlaps([n for n in next_step if n.label == label])]
    found["acknowledge"] = []
    # The empathy opening (feeling, apology, thanks for patience, reassurance) is the acknowledgement.
    if sincere is None:
        sincere = empathy_matches(norm, lex)[0]
    found["acknowledge"] = [Match(m.start, m.end, "acknowledge", m.label) for m in sincere]
    # Thanking the customer at the end of the reply closes the loop.
    tail_start = len(text) * 2 // 3
    found["closing"] += [Match(m.start, m.end, "closing", m.label) for m in sincere
                         if m.kind == "thanks" and m.start >= tail_start]
    key_facts: list[Match] = []
    solutions: list[Match] = []
    if rubric is not None:
        key_facts = _point_matches(rubric.key_facts, text, "restate")
        solutions = _point_matches(rubric.solutions, text, "solution")
        if len(key_facts) >= 2 or (key_facts and found["restate"]):
            found["restate"] = drop_overlaps(found["restate"] + key_facts)
        found["solution"] = drop_overlaps(found["solution"] + solutions)
    owner = any(m.label in ("names the owner", "明确负责人") for m in found["next_step"])
    timeline = any(m.label in ("gives a timeline", "给出时限") for m in found["next_step"])

    positions = {name: min(m.start for m in found[name]) for name in STAGE_NAMES if found[name]}
    stage_order = [name for name in STAGE_NAMES if name in positions]
    inversions = [
        (a, b) for i, a in enumerate(stage_order) for b in stage_order[i + 1 :]
        if positions[b] < positions[a] and (a, b) != ("next_step", "closing")
    ]
    stages = {name: name in positions for name in STAGE_NAMES}
    score = sum(STAGE_POINTS[n] for n in STAGE_NAMES if stages[n] and n != "next_step")
    if stages["next_step"]:
        score += STAGE_POINTS["next_step"] if (owner and timeline) else NEXT_STEP_PARTIAL
    score -= min(ORDER_PENALTY_MAX, ORDER_PENALTY * len(inversions))
    score = max(0, min(100, score))

    missing = [n for n in ("restate", "solution", "next_step", "cause", "closing") if not stages[n]]
    if missing:
        advice = f"structure.{missing[0]}"
    elif inversions:
        advice = "structure.order"
    else:
        advice = "structure.good"
    evidence = [m.evidence(norm) for name in STAGE_NAMES if name != "acknowledge" for m in found[name]]
    evidence.sort(key=lambda e: e.start)
    return DimensionScore(
        "structure", score, evidence, tip(advice, lang),
        {
            "stages": stages,
            "order_ok": not inversions,
            "out_of_order": [f"{b} before {a}" for a, b in inversions],
            "next_step_owner": owner,
            "next_step_timeline": timeline,
            "key_facts_covered": sorted({m.label.split(":")[0] for m in key_facts}),
            "solutions_offered": sorted({m.label.split(":")[0] for m in solutions}),
        },
    )

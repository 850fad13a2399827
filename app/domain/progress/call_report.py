"""The end-of-call report as plain data: figures per turn, top tips and transcript highlights.

Highlights are character spans into each reply's transcript as given (the scorer's evidence
offsets), classified for display: empathy (green), forbidden wording (red, including insincere or
negated empathy), fillers (grey) and the structure stages (labelled).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.dialogue import CallResult, EndReason, Turn
from app.domain.progress.history import summarize_call
from app.domain.scenarios.schema import Ending, MoodBand, Stage
from app.domain.scoring.call_score import CallScore
from app.domain.scoring.matching import lexicon_for
from app.domain.scoring.model import Evidence, ReplyScore
from app.domain.scoring.pace import find_fillers
from app.domain.scoring.text import normalize

EMPATHY, FORBIDDEN, FILLER, STAGE = "empathy", "forbidden", "filler", "stage"
NEGATIVE_EMPATHY_KINDS = ("insincere", "negated")


@dataclass(frozen=True)
class HighlightSpan:
    start: int
    end: int
    category: str  # EMPATHY, FORBIDDEN, FILLER or STAGE
    label: str  # a stage name for STAGE, otherwise the evidence label
    text: str


@dataclass(frozen=True)
class TranscriptSegment:
    """A run of transcript text with the same highlights."""

    start: int
    end: int
    text: str
    categories: frozenset[str]  # of EMPATHY, FORBIDDEN, FILLER
    stages: frozenset[str]  # the stages whose evidence covers this run
    stages_ending: tuple[str, ...]  # stages whose evidence ends with this run (where a label goes)


@dataclass(frozen=True)
class TurnReport:
    index: int
    customer_text: str
    customer_stage: Stage | None
    customer_band: MoodBand
    reply_text: str
    overall: int
    dimensions: dict[str, int]
    stages: dict[str, bool]
    highlights: list[HighlightSpan]
    latency_s: float | None
    pace_rate: float | None
    pace_unit: str | None
    intensity_before: int
    intensity_after: int
    tip: str


@dataclass(frozen=True)
class CallReport:
    scenario_id: str
    language: str
    outcome: Ending | None
    reason: EndReason
    overall: int | None
    dimensions: dict[str, int]
    emotion_curve: list[int]
    turns: list[TurnReport] = field(default_factory=list)
    top_tips: list[str] = field(default_factory=list)
    final_line: str | None = None
    call: CallScore | None = None  # the call score and its items (None: a session scored before them)


def _span(ev: Evidence, category: str, label: str) -> HighlightSpan:
    return HighlightSpan(ev.start, ev.end, category, label, ev.text)


def reply_highlights(score: ReplyScore) -> list[HighlightSpan]:
    """Every highlight of one reply, sorted by position. Fillers are found even in typed replies."""
    spans = [
        _span(ev, FORBIDDEN if ev.kind in NEGATIVE_EMPATHY_KINDS else EMPATHY, ev.label)
        for ev in score.empathy.evidence
    ]
    spans += [_span(ev, FORBIDDEN, ev.label) for ev in score.forbidden.evidence]
    if score.pace is not None:
        fillers = score.pace.evidence
    else:
        fillers = find_fillers(normalize(score.transcript, score.lang), lexicon_for(score.lang))
    spans += [_span(ev, FILLER, ev.label) for ev in fillers]
    spans += [_span(ev, STAGE, ev.kind) for ev in score.structure.evidence]
    return sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, s.end, s.category))


def split_into_segments(text: str, spans: list[HighlightSpan]) -> list[TranscriptSegment]:
    """Cut the text at every span boundary, so that each segment has one set of highlights."""
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    segments: list[TranscriptSegment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a:
            continue
        covering = [s for s in spans if s.start <= a and b <= s.end]
        segments.append(
            TranscriptSegment(
                a, b, text[a:b],
                frozenset(s.category for s in covering if s.category != STAGE),
                frozenset(s.label for s in covering if s.category == STAGE),
                tuple(dict.fromkeys(s.label for s in covering if s.category == STAGE and s.end == b)),
            )
        )
    return segments


def _turn_report(turn: Turn) -> TurnReport:
    score = turn.score
    pace = score.pace
    return TurnReport(
        index=turn.index,
        customer_text=turn.customer.text,
        customer_stage=turn.customer.stage,
        customer_band=turn.customer.band,
        reply_text=turn.reply_text,
        overall=score.overall,
        dimensions={name: dim.score for name, dim in score.dimensions.items()},
        stages=score.stages,
        highlights=reply_highlights(score),
        latency_s=turn.latency_s,
        pace_rate=pace.details.get("rate") if pace is not None else None,
        pace_unit=pace.details.get("unit") if pace is not None else None,
        intensity_before=turn.intensity_before,
        intensity_after=turn.intensity_after,
        tip=score.tips[0] if score.tips else "",
    )


def call_top_tips(result: CallResult, limit: int = 3) -> list[str]:
    """The call's tips (its weakest items first), else the tips of the weakest replies first;
    without repeats."""
    if result.call_score is not None and result.call_score.tips:
        return list(dict.fromkeys(result.call_score.tips))[:limit]
    tips: list[str] = []
    for turn in sorted(result.turns, key=lambda t: t.score.overall):
        for tip in turn.score.tips:
            if tip not in tips:
                tips.append(tip)
    return tips[:limit]


def build_call_report(result: CallResult, language: str) -> CallReport:
    overall, dims = summarize_call(result)
    return CallReport(
        scenario_id=result.scenario_id,
        language=language,
        outcome=result.outcome,
        reason=result.reason,
        overall=overall,
        dimensions=dims,
        emotion_curve=list(result.emotion_curve),
        turns=[_turn_report(t) for t in result.turns],
        top_tips=call_top_tips(result),
        final_line=result.final_line.text if result.final_line is not None else None,
        call=result.call_score,
    )

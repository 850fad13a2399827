"""The one mapping between stored sessions (`app.storage.records`) and the domain's objects:
a stored call read back as the `CallResult` the report shows for a call that has just ended, a
listing as the domain's `SessionSummary`, and a session under review as `ReviewedSession` (the
scorer's original scores in the report, every override beside it). The other direction (a
domain `Turn` to the stored row) is `TurnData.from_domain`."""

from __future__ import annotations

from app.domain.dialogue import CallResult, CustomerLine, EndReason, Turn
from app.domain.progress import (
    ReviewComment,
    ReviewedSession,
    ScoreCorrection,
    SessionStatus,
    SessionSummary,
    build_call_report,
)
from app.domain.scenarios.schema import Ending, MoodBand, Stage
from app.domain.scoring import WordTiming
from app.domain.scoring.call_score import CallScore
from app.domain.scoring.model import DimensionScore, Evidence, ReplyScore
from app.storage.records import (
    STATUS_FINISHED,
    STATUS_INTERRUPTED,
    DimensionDetail,
    SessionDetail,
    SessionRecord,
    TurnDetail,
)

STATUS_FROM_STORAGE = {STATUS_FINISHED: SessionStatus.COMPLETED, STATUS_INTERRUPTED: SessionStatus.INTERRUPTED}


def _dimension(detail: DimensionDetail) -> DimensionScore:
    evidence = [Evidence(int(e["start"]), int(e["end"]), str(e["text"]), str(e["kind"]), str(e.get("label", "")))
                for e in detail.evidence]
    return DimensionScore(detail.name, detail.score, evidence, detail.tip, dict(detail.details))


def turn_from_detail(detail: TurnDetail, lang: str) -> Turn:
    dims = {name: _dimension(d) for name, d in detail.dimensions.items()}
    score = ReplyScore(lang, detail.reply_text, detail.overall, dims["empathy"], dims["forbidden"], dims["structure"],
                       dims.get("pace"), list(detail.tips))
    line = CustomerLine(Stage(detail.stage) if detail.stage else None, MoodBand(detail.mood_band),
                        detail.customer_text, detail.intensity_before)
    words = tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"]), float(w.get("conf", 1.0)))
                  for w in detail.words)
    return Turn(detail.index, line, detail.reply_text, score, detail.intensity_before, detail.intensity_after,
                detail.latency_s, words)


def summary_from_storage(s: SessionRecord) -> SessionSummary:
    status = STATUS_FROM_STORAGE.get(s.status, SessionStatus.IN_PROGRESS)
    return SessionSummary(
        session_id=str(s.uuid), trainee_id=s.trainee, scenario_id=s.scenario_id, started_at=s.started_at,
        status=status, outcome=Ending(s.outcome) if s.outcome else None, overall=s.score,
        dimensions=dict(getattr(s, "dimension_averages", {}) or {}), turns=s.turn_count,
        items={i["name"]: int(i["score"]) for i in s.call_items if i.get("score") is not None},
    )


def result_from_detail(detail: SessionDetail) -> CallResult:
    lang = detail.summary.language
    turns = [turn_from_detail(t, lang) for t in sorted(detail.turns, key=lambda t: t.index)]
    if detail.summary.end_reason:
        reason = EndReason(detail.summary.end_reason)
    else:  # an interrupted session (the window closed, the app stopped) has no end reason of its own
        reason = EndReason.WINDOW_CLOSED if detail.summary.status == STATUS_INTERRUPTED else EndReason.TRAINEE_HUNG_UP
    outcome = Ending(detail.summary.outcome) if detail.summary.outcome else None
    final = None
    lines = detail.scenario_content.get("lines", {})
    already_said = bool(turns) and outcome is not None and turns[-1].customer.text == lines.get(outcome.value)
    if outcome is not None and lines.get(outcome.value) and not already_said:
        # (a customer who agreed before the trainee closed said it as the last turn's line)
        final = CustomerLine(None, MoodBand.CALM, lines[outcome.value], detail.emotion_curve[-1], outcome)
    call = (CallScore.from_stored(detail.summary.call_score, detail.summary.call_items, outcome.value if outcome else None)
            if detail.summary.call_score is not None else None)
    return CallResult(detail.summary.scenario_id, outcome, reason, turns, list(detail.emotion_curve), final, call)


def reviewed_from_detail(detail: SessionDetail) -> ReviewedSession:
    summary = detail.summary
    report = build_call_report(result_from_detail(detail), summary.language)
    return ReviewedSession(
        session_id=str(summary.uuid), trainee=summary.trainee, scenario_title=summary.scenario_title,
        started_at=summary.started_at, status=summary.status, average_score=summary.average_score, report=report,
        comments=[ReviewComment(c.turn_index, c.offset_s, c.author, c.text, c.created_at) for c in detail.comments],
        overrides=[ScoreCorrection(o.turn_index, o.dimension, o.original_score, o.new_score, o.reason, o.author,
                                   o.created_at) for o in detail.overrides],
        example_mark=summary.example_mark, example_note=detail.example_note,
        words={t.index: tuple((str(w["word"]), float(w["start"]), float(w["end"])) for w in t.words)
               for t in detail.turns if t.words},
    )

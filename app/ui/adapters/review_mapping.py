"""Stored sessions as the trainer workspace sees them: `SessionDetail` (storage) to the domain's
`ReviewedSession`, with the scorer's original scores in the report and every override beside it.
"""

from __future__ import annotations

from app.domain.progress import ReviewComment, ReviewedSession, ScoreCorrection, build_call_report
from app.storage import SessionDetail
from app.ui.adapters.storage_adapter import result_from_detail


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

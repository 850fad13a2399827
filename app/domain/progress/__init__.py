"""Trainee progress: session summaries, the next recommended scenario, and call reports."""

from app.domain.progress.call_report import (
    CallReport,
    HighlightSpan,
    TranscriptSegment,
    build_call_report,
    reply_highlights,
    split_into_segments,
)
from app.domain.progress.history import (
    DIMENSIONS,
    SessionStatus,
    SessionSummary,
    best_scores,
    summarize_call,
)
from app.domain.progress.recommend import PASS_SCORE, Recommendation, RecommendationReason, recommend_next
from app.domain.progress.review import ReviewComment, ReviewedSession, ScoreCorrection
from app.domain.progress.team import (
    InterventionRate,
    OverrideStat,
    ScoreCell,
    TeamPolicy,
    TraineeRow,
    TurnFacts,
    intervention_rates,
    scores_by_difficulty,
    scores_by_scenario,
    team_intervention_rate,
    team_table,
)

__all__ = [
    "DIMENSIONS", "PASS_SCORE", "CallReport", "HighlightSpan", "Recommendation", "RecommendationReason",
    "SessionStatus", "SessionSummary", "TranscriptSegment", "best_scores", "build_call_report",
    "recommend_next", "reply_highlights", "split_into_segments", "summarize_call",
    "ReviewComment", "ReviewedSession", "ScoreCorrection",
    "InterventionRate", "OverrideStat", "ScoreCell", "TeamPolicy", "TraineeRow", "TurnFacts", "intervention_rates",
    "scores_by_difficulty", "scores_by_scenario", "team_intervention_rate", "team_table",
]

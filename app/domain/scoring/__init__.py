"""The reply scorer: empathy, forbidden wording, structure and pace, with evidence and tips."""

from app.domain.scoring.model import (
    OVERALL_WEIGHTS,
    DimensionScore,
    Evidence,
    PaceRules,
    ReplyScore,
    WordTiming,
)
from app.domain.scoring.scorer import SUPPORTED_LANGUAGES, ReplyScorer

__all__ = [
    "OVERALL_WEIGHTS", "SUPPORTED_LANGUAGES", "DimensionScore", "Evidence", "PaceRules", "ReplyScore",
    "ReplyScorer", "WordTiming",
]

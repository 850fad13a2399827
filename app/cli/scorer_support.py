"""The scorer the command line scores with: the call centre's policy from the settings."""

from __future__ import annotations

import sys

from app.domain.scoring import ReplyScorer
from app.scoring_settings import configured_scorer
from app.texts import msg


def configured_cli_scorer(lang: str | None = None) -> ReplyScorer:
    """The call centre's scorer (settings' `scoring` section); a broken section is said on stderr."""
    scorer, problem = configured_scorer()
    if problem:
        print(msg("scoring.bad_settings", lang, error=problem), file=sys.stderr)
    return scorer

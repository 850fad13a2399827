"""The scorer the command line scores with: the call centre's policy from the settings."""

from __future__ import annotations

import sys

from app.domain.scoring import ReplyScorer
from app.domain.text_hygiene import MAX_REPLY_CHARS, kept_length
from app.scoring_settings import configured_scorer
from app.texts import msg


def configured_cli_scorer(lang: str | None = None) -> ReplyScorer:
    """The call centre's scorer (settings' `scoring` section); a broken section is said on stderr."""
    scorer, problem = configured_scorer()
    if problem:
        print(msg("scoring.bad_settings", lang, error=problem), file=sys.stderr)
    return scorer


def say_if_cut(text: str, lang: str | None, limit: int = MAX_REPLY_CHARS) -> None:
    """One line on stderr when a reply is longer than the scorer reads (it scores the first `limit`)."""
    length = kept_length(text)
    if length > limit:
        print(msg("reply.cut", lang, limit=f"{limit:,}", length=f"{length:,}"), file=sys.stderr)

"""The call centre's scoring policy from the settings: the `scoring` section of IT's read-only
`site-settings.json`, with the user's `settings.json` on top (item by item). Shared by the
command line and the desktop app; a broken section is reported, and the defaults are used."""

from __future__ import annotations

from typing import Any

from app.domain.scoring import ReplyScorer
from app.domain.scoring.policy import ScoringPolicy, ScoringPolicyError
from app.settings import load_settings, load_site_settings


def scoring_section() -> dict[str, Any] | None:
    site = load_site_settings().get("scoring")
    user = load_settings().get("scoring")
    if site is None and user is None:
        return None
    merged: dict[str, Any] = {}
    for source in (site, user):
        if not isinstance(source, dict):
            if source is not None:
                raise ScoringPolicyError("scoring: expected an object with 'weights' and/or 'expectations'")
            continue
        if isinstance(source.get("weights"), dict):
            merged.setdefault("weights", {}).update(source["weights"])
        if isinstance(source.get("expectations"), dict):  # cell by cell: a user's wrap.tense keeps IT's wrap.calm
            table = merged.setdefault("expectations", {})
            for stage, cells in source["expectations"].items():
                if isinstance(cells, dict) and isinstance(table.get(stage), dict):
                    table[stage] = {**table[stage], **cells}
                else:
                    table[stage] = cells
    return merged


def configured_scorer() -> tuple[ReplyScorer, str | None]:
    """A scorer with the configured policy, and the problem with the settings if they are broken
    (the defaults are used then)."""
    try:
        return ReplyScorer(policy=ScoringPolicy.from_settings(scoring_section())), None
    except ScoringPolicyError as error:
        return ReplyScorer(), str(error)

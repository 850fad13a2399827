"""A call centre's scoring policy: which rubric items each moment expects, and the call score's
weights. Plain data, read from the `scoring` section of the settings (see `app/scoring_settings.py`):

    "scoring": {
      "weights": {"remedy": 20, "pace": 0},
      "expectations": {"wrap": {"calm": {"required": ["timeline", "closing"], "welcome": ["ownership"]}}}
    }

Anything left out keeps the default (`call_score.CALL_WEIGHTS`, `moments.DEFAULT_EXPECTATIONS`); a
scenario's own `expectations:` apply on top of the call centre's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.scoring.call_score import CALL_ITEMS, CALL_WEIGHTS
from app.domain.scoring.items import ITEM_NAMES
from app.domain.scoring.moments import BANDS, MOMENT_STAGES, Expectation, MomentRules


class ScoringPolicyError(ValueError):
    """A scoring section that cannot be used; the message names the setting."""


@dataclass(frozen=True)
class ScoringPolicy:
    moment_rules: MomentRules = field(default_factory=MomentRules)
    call_weights: Mapping[str, float] = field(default_factory=lambda: dict(CALL_WEIGHTS))

    @classmethod
    def from_settings(cls, data: Any) -> ScoringPolicy:
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ScoringPolicyError("scoring: expected an object with 'weights' and/or 'expectations'")
        weights = dict(CALL_WEIGHTS)
        for name, value in (data.get("weights") or {}).items():
            if name not in CALL_ITEMS:
                raise ScoringPolicyError(f"scoring.weights.{name}: unknown item; use {', '.join(CALL_ITEMS)}")
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
                raise ScoringPolicyError(f"scoring.weights.{name}: a number from 0 to 100")
            weights[name] = float(value)
        if not any(weights.values()):
            raise ScoringPolicyError("scoring.weights: at least one item needs a weight")
        table: dict[str, dict[str, Expectation]] = {}
        for stage, cells in (data.get("expectations") or {}).items():
            if stage not in MOMENT_STAGES or not isinstance(cells, Mapping):
                raise ScoringPolicyError(f"scoring.expectations.{stage}: unknown stage; use {', '.join(MOMENT_STAGES)}")
            for band, cell in cells.items():
                where = f"scoring.expectations.{stage}.{band}"
                if band not in BANDS or not isinstance(cell, Mapping):
                    raise ScoringPolicyError(f"{where}: unknown mood band; use {', '.join(BANDS)}")
                lists = {key: cell.get(key, []) for key in ("required", "welcome")}
                for key, items in lists.items():
                    if not isinstance(items, list) or any(i not in ITEM_NAMES for i in items):
                        raise ScoringPolicyError(f"{where}.{key}: a list of {', '.join(ITEM_NAMES)}")
                table.setdefault(stage, {})[band] = Expectation(tuple(lists["required"]), tuple(lists["welcome"]))
        return cls(MomentRules(table), weights)

"""Filtering the scenario library by emotion, family, difficulty and language (pure Python)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.scenarios import Scenario


@dataclass(frozen=True)
class LibraryFilter:
    """None means "any"."""

    emotion: str | None = None
    family: str | None = None
    difficulty: int | None = None
    language: str | None = None

    def accepts(self, scenario: Scenario) -> bool:
        return (
            (self.emotion is None or scenario.persona.emotion.value == self.emotion)
            and (self.family is None or scenario.family.value == self.family)
            and (self.difficulty is None or scenario.difficulty == self.difficulty)
            and (self.language is None or scenario.language.value == self.language)
        )

    def apply(self, scenarios: Iterable[Scenario]) -> list[Scenario]:
        return [s for s in scenarios if self.accepts(s)]

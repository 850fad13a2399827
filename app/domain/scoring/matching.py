"""Compiled phrase patterns and the matching of them against a normalised transcript."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from app.domain.scoring import lexicon_en, lexicon_zh
from app.domain.scoring.model import Evidence
from app.domain.scoring.text import NormalizedText, normalize


@dataclass(frozen=True)
class Pattern:
    kind: str
    label: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Match:
    """A match in normalised coordinates, with its evidence in original coordinates."""

    start: int
    end: int
    kind: str
    label: str

    def evidence(self, text: NormalizedText) -> Evidence:
        start, end = self.start, self.end
        while end > start and text.text[end - 1] == " ":  # a pattern's trailing space is not evidence
            end -= 1
        while start < end and text.text[start] == " ":
            start += 1
        a, b = text.original_span(start, end)
        return Evidence(a, b, text.original[a:b], self.kind, self.label)

    def overlaps(self, other: Match) -> bool:
        return self.start < other.end and other.start < self.end


class PatternList(list[Pattern]):
    """Compiled patterns, with one regex of them all that screens a text first: most lists match
    nothing in most replies, and one search of the alternation says so without running each."""

    def __init__(self, patterns: list[Pattern]) -> None:
        super().__init__(patterns)
        try:
            self.screen: re.Pattern[str] | None = re.compile(
                "|".join(f"(?:{p.regex.pattern})" for p in patterns)) if patterns else None
        except re.error:  # a pattern that cannot be combined (group names, back references)
            self.screen = None


def compile_patterns(kind: str, entries: list[tuple[str, str]]) -> PatternList:
    return PatternList([Pattern(kind, label, re.compile(rx)) for label, rx in entries])


@dataclass(frozen=True)
class CompiledLexicon:
    lang: str
    empathy: PatternList
    insincere: PatternList
    forbidden: PatternList
    stages: dict[str, PatternList]
    fillers: PatternList
    negation_before: re.Pattern[str]
    undercut_after: re.Pattern[str]
    negation_window: int

    @classmethod
    def from_module(cls, lang: str, module: ModuleType) -> CompiledLexicon:
        empathy = PatternList([p for cat, items in module.EMPATHY.items() for p in compile_patterns(cat, items)])
        forbidden = PatternList([p for kind, items in module.FORBIDDEN.items() for p in compile_patterns(kind, items)])
        stages = {name: compile_patterns(name, items) for name, items in module.STAGES.items()}
        return cls(
            lang=lang,
            empathy=empathy,
            insincere=compile_patterns("insincere", module.INSINCERE),
            forbidden=forbidden,
            stages=stages,
            fillers=compile_patterns("filler", module.FILLERS),
            negation_before=re.compile(module.NEGATION_BEFORE),
            undercut_after=re.compile(module.UNDERCUT_AFTER),
            negation_window=18 if lang == "en" else 6,
        )

    def is_negated(self, text: str, match: Match, not_before: int = 0) -> bool:
        before = text[max(0, not_before, match.start - self.negation_window) : match.start].rstrip()
        return bool(self.negation_before.search(before))

    def is_undercut(self, text: str, match: Match) -> bool:
        after = text[match.end : match.end + (70 if self.lang == "en" else 24)]
        return bool(self.undercut_after.search(after))


def lexicon_for(lang: str) -> CompiledLexicon:
    return _LEXICONS["zh" if lang == "zh" else "en"]


_LEXICONS = {
    "en": CompiledLexicon.from_module("en", lexicon_en),
    "zh": CompiledLexicon.from_module("zh", lexicon_zh),
}


def find_all(patterns: list[Pattern], text: str) -> list[Match]:
    found: list[Match] = []
    screen = getattr(patterns, "screen", None)
    if screen is not None and screen.search(text) is None:
        return found
    for pattern in patterns:
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), pattern.kind, pattern.label))
    return found


def drop_overlaps(matches: list[Match], across_kinds: bool = False) -> list[Match]:
    """Keep the earliest, then longest, of overlapping matches (of the same kind, or of any kind)."""
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not any((across_kinds or k.kind == m.kind) and k.overlaps(m) for k in kept):
            kept.append(m)
    return kept


def compile_phrases(phrases: list[str], lang: str) -> re.Pattern[str] | None:
    """A scenario's own phrases, normalised the way transcripts are, as one regex."""
    parts = []
    for phrase in phrases:
        norm = normalize(phrase, lang).text
        if not norm:
            continue
        escaped = re.escape(norm)
        parts.append(rf"\b{escaped}\b" if lang != "zh" else escaped)
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(parts))

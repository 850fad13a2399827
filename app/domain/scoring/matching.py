"""Compiled phrase patterns and the matching of them against a normalised transcript."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from types import ModuleType

from app.domain.scoring import lexicon_en, lexicon_zh
from app.domain.scoring.model import Evidence
from app.domain.scoring.needles import needles
from app.domain.scoring.text import NormalizedText, normalize


@dataclass(frozen=True)
class Pattern:
    kind: str
    label: str
    regex: re.Pattern[str]
    # words any match contains at least one of (None: unknown, always run the regex)
    needles: tuple[str, ...] | None = None

    @classmethod
    def compiled(cls, kind: str, label: str, rx: str) -> Pattern:
        regex = re.compile(bounded(rx))
        return cls(kind, label, regex, needles(regex))

    def may_match(self, text: str) -> bool:
        return self.needles is None or any(word in text for word in self.needles)


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
    """Compiled patterns of one lexicon family, with an index of their needles (the words any match
    contains): each distinct needle is looked for once per text, and only the patterns one of whose
    needles is there run their regex (`candidates`), so `find_all` runs few regexes on a reply."""

    def __init__(self, patterns: list[Pattern]) -> None:
        super().__init__(patterns)
        masks: dict[str, int] = {}
        self._always = 0  # patterns without needles
        for bit, pattern in enumerate(patterns):
            if pattern.needles is None:
                self._always |= 1 << bit
            else:
                for word in pattern.needles:
                    masks[word] = masks.get(word, 0) | 1 << bit
        self._words = tuple(masks)
        self._masks = tuple(masks.values())

    def candidates(self, text: str) -> list[Pattern]:
        present = self._always
        # the needle tests run in C (`map` of `str.__contains__`); the loop body only for those found
        for mask in compress(self._masks, map(text.__contains__, self._words)):
            present |= mask
        out = []
        while present:
            low = present & -present
            out.append(self[low.bit_length() - 1])
            present ^= low
        return out


# The most times a lexicon pattern repeats anything ("very very very sorry", "嗯嗯嗯"): a bound keeps
# matching linear in the reply's length (an unbounded `(?:非常)*理解` re-reads a run of 非常 from each
# of its characters, quadratic in a reply made of them). It must stay above the longest word a
# `[\w']+` has to match ("disproportionately" is 18 letters).
MAX_REPEAT = 30


def bounded(pattern: str, limit: int = MAX_REPEAT) -> str:
    """The pattern with every unbounded repeat (`*`, `+`, `{n,}`) bounded at `limit`; lazy (`*?`)
    and possessive (`*+`) forms keep their suffix."""
    out: list[str] = []
    i, in_class, after_repeat = 0, False, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i, after_repeat = i + 2, False
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            first = 2 if pattern.startswith("[^", i) else 1
            if pattern[i + first : i + first + 1] == "]":  # a "]" first in a class is a literal
                out.append(pattern[i : i + first + 1])
                i += first + 1
                continue
        elif char in "*+" and not after_repeat:
            out.append(f"{{{0 if char == '*' else 1},{limit}}}")
            i, after_repeat = i + 1, True
            continue
        elif char == "{" and (m := re.match(r"\{(\d+),\}", pattern[i:])):
            out.append(f"{{{m.group(1)},{max(limit, int(m.group(1)))}}}")
            i, after_repeat = i + m.end(), True
            continue
        elif char == "{" and (m := re.match(r"\{\d+(?:,\d+)?\}", pattern[i:])):
            out.append(m.group())  # already bounded; a "+" after it makes it possessive
            i, after_repeat = i + m.end(), True
            continue
        elif char == "?" and out and out[-1] != "(":
            out.append(char)  # optional, or lazy after a repeat; a "+" after it makes it possessive
            i, after_repeat = i + 1, True
            continue
        after_repeat = False
        out.append(char)
        i += 1
    return "".join(out)


def compile_patterns(kind: str, entries: list[tuple[str, str]]) -> PatternList:
    return PatternList([Pattern.compiled(kind, label, rx) for label, rx in entries])


@dataclass(frozen=True)
class CompiledLexicon:
    lang: str
    empathy: PatternList
    insincere: PatternList
    forbidden: PatternList
    stages: dict[str, PatternList]
    fillers: PatternList
    negation_before: re.Pattern[str]
    disavowal_before: re.Pattern[str]
    undercut_after: re.Pattern[str]
    owns_fault: re.Pattern[str]
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
            negation_before=re.compile(bounded(module.NEGATION_BEFORE)),
            disavowal_before=re.compile(bounded(module.DISAVOWAL_BEFORE)),
            undercut_after=re.compile(bounded(module.UNDERCUT_AFTER)),
            owns_fault=re.compile(bounded(module.OWNS_FAULT)),
            negation_window=18 if lang == "en" else 6,
        )

    def is_negated(self, text: str, match: Match, not_before: int = 0) -> bool:
        before = text[max(0, not_before, match.start - self.negation_window) : match.start].rstrip()
        if self.negation_before.search(before):
            return True
        wider = text[max(0, not_before, match.start - 3 * self.negation_window) : match.start]
        return bool(self.disavowal_before.search(wider))

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
    if isinstance(patterns, PatternList):
        candidates = patterns.candidates(text)
    else:
        candidates = [pattern for pattern in patterns if pattern.may_match(text)]
    for pattern in candidates:
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), pattern.kind, pattern.label))
    return found


def drop_overlaps(matches: list[Match], across_kinds: bool = False) -> list[Match]:
    """Keep the earliest, then longest, of overlapping matches (of the same kind, or of any kind)."""
    kept: list[Match] = []
    # taken in order of start, a match overlaps a kept one exactly when it starts before the
    # furthest end kept so far (of its kind): one comparison each, linear after the sort
    reach: dict[str, int] = {}
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        kind = "" if across_kinds else m.kind
        if m.start >= reach.get(kind, -1):
            kept.append(m)
            reach[kind] = max(reach.get(kind, -1), m.end)
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

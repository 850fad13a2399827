"""The needle prefilter skips a lexicon pattern only when it cannot match: on every labelled reply
and call in tests/data, and on texts built to tempt it, `find_all` finds exactly what running
every regex finds."""

from __future__ import annotations

import json
import random
import re

import pytest

from app.domain.scoring.matching import Match, PatternList, find_all, lexicon_for
from app.domain.scoring.needles import needles
from app.domain.scoring.text import normalize
from tests.conftest import REPO_ROOT


def every_regex(patterns: PatternList, text: str) -> list[Match]:
    return [Match(m.start(), m.end(), p.kind, p.label) for p in patterns for m in p.regex.finditer(text)
            if m.end() > m.start()]


def pattern_lists(lang: str) -> list[PatternList]:
    lexicon = lexicon_for(lang)
    return [lexicon.empathy, lexicon.insincere, lexicon.forbidden, lexicon.fillers, *lexicon.stages.values()]


def texts(lang: str) -> list[str]:
    out: list[str] = []
    for path in sorted((REPO_ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("lang") == lang:
                out += [row["text"]] if "text" in row else list(row.get("replies", []))
    return [normalize(text, lang).text for text in out]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_prefilter_finds_what_every_regex_finds_on_the_labelled_data(lang):
    corpus = texts(lang)
    assert len(corpus) > 300
    for patterns in pattern_lists(lang):
        for text in corpus:
            assert find_all(patterns, text) == every_regex(patterns, text), text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_prefilter_finds_what_every_regex_finds_on_needle_soup(lang):
    """Texts made of the needles themselves, cut and glued at random: the cases a wrong needle
    (a word a match does not in fact need) would get wrong."""
    rng = random.Random(11)
    for patterns in pattern_lists(lang):
        words = sorted({word for pattern in patterns for word in (pattern.needles or ())})
        joiner = " " if lang == "en" else ""
        for _ in range(400):
            parts = [rng.choice(words) for _ in range(rng.randint(1, 8))]
            parts = [part[: rng.randint(1, len(part))] if rng.random() < 0.2 else part for part in parts]
            text = normalize(joiner.join(parts), lang).text
            assert find_all(patterns, text) == every_regex(patterns, text), text


def test_every_shipped_pattern_has_needles():
    for lang in ("en", "zh"):
        for patterns in pattern_lists(lang):
            assert all(pattern.needles for pattern in patterns)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bi (?:really )?(?:understand|appreciate)\b", ("appreciate", "understand")),
    (r"\bso (?:you|your)\b", ("so you",)),  # the parser moves a common prefix out of the branches
    (r"(?:very )?sorry", ("sorry",)),
    (r"(?:a|b)?c", ("c",)),
    (r"(?:sorry|)x", ("x",)),  # an empty branch needs nothing; the literal after it is needed
    (r"(?:sorry|)", None),
    (r"(?:ab){1,3}c", ("ab",)),
    (r"(?:ab)*", None),
    (r"(?i)sorry", None),  # case-insensitive: a lowercase needle would be wrong
    (r"[abc]+", None),
    (r"(?!sorry)\w+", None),
    (r"抱歉|对不起", ("对不起", "抱歉")),
])
def test_needles_of_a_pattern(pattern, expected):
    assert needles(re.compile(pattern)) == expected

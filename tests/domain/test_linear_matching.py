"""The lexicon matching is linear in the reply's length (hardening issue, item 9): no pattern
repeats anything without a bound, overlapping matches are dropped in one pass, and a restatement's
question mark is looked up, not searched for from every match. Times are in bench/score_bench.py."""

from __future__ import annotations

import random
import re

import pytest

from app.domain.scoring.items import _ITEM_PATTERNS, _questioned
from app.domain.scoring.matching import MAX_REPEAT, Match, bounded, drop_overlaps, lexicon_for
from app.domain.scoring.text import normalize

try:  # Python 3.11+
    import re._constants as sre_constants  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


def _unbounded(parsed) -> bool:
    for op, av in parsed:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
            low, high, sub = av
            if high == sre_constants.MAXREPEAT or _unbounded(sub):
                return True
        elif op == sre_constants.SUBPATTERN and _unbounded(av[-1]) or op == sre_constants.BRANCH and any(_unbounded(branch) for branch in av[1]) or op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _unbounded(av[1]):
            return True
    return False


def _all_patterns(lang: str) -> list[re.Pattern[str]]:
    lex = lexicon_for(lang)
    lists = [lex.empathy, lex.insincere, lex.forbidden, lex.fillers, *lex.stages.values(),
             *_ITEM_PATTERNS[lang].lists.values()]
    return [p.regex for pattern_list in lists for p in pattern_list] + [lex.negation_before, lex.disavowal_before,
                                                                        lex.undercut_after]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_lexicon_pattern_repeats_without_a_bound(lang):
    patterns = _all_patterns(lang)
    assert len(patterns) > 100
    loose = [p.pattern[:80] for p in patterns if _unbounded(sre_parse.parse(p.pattern))]
    assert loose == []


def test_bounding_keeps_what_a_pattern_means():
    n = MAX_REPEAT
    assert bounded(r"(?:非常|很)*理解") == f"(?:非常|很){{0,{n}}}理解"
    assert bounded(r"a+b*?c{2,}") == f"a{{1,{n}}}b{{0,{n}}}?c{{2,{n}}}"
    assert bounded(r"[*+]x\+\*") == r"[*+]x\+\*"  # in a class, or escaped: literal characters
    assert bounded(r"[]*]a{2,5}") == r"[]*]a{2,5}"
    # possessive forms of bounded repeats stay as they are (and compile)
    for pattern in (r"a?+b", r"a{3}+b", r"a{2,5}+b", r"(?:ab)?+c", r"a*?b", r"(?P<x>a)?+"):
        re.compile(bounded(pattern))
    assert bounded(r"a?+b") == r"a?+b" and bounded(r"a{2,5}+b") == r"a{2,5}+b"
    assert re.fullmatch(bounded(r"[\w']+"), "incomprehensibilities")  # a long word still matches as a word
    for pattern in (r"\bi (?:really |truly )*understand\b", r"(?:特别|非常)+理解", r"um+\b"):
        loose, tight = re.compile(pattern), re.compile(bounded(pattern))
        for text in ("i really truly really understand", "我特别非常理解", "umm", "no match here"):
            assert bool(loose.search(text)) == bool(tight.search(text))


def _drop_overlaps_one_by_one(matches: list[Match], across_kinds: bool) -> list[Match]:
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if not any((across_kinds or k.kind == m.kind) and k.overlaps(m) for k in kept):
            kept.append(m)
    return kept


@pytest.mark.parametrize("across_kinds", [False, True])
def test_overlaps_are_dropped_in_one_pass_with_the_same_result(across_kinds):
    rng = random.Random(11)
    for _ in range(300):
        matches = []
        for _ in range(rng.randint(0, 25)):
            start = rng.randint(0, 60)
            matches.append(Match(start, start + rng.randint(1, 12), rng.choice("abc"), "x"))
        assert drop_overlaps(matches, across_kinds) == _drop_overlaps_one_by_one(matches, across_kinds)


def test_a_question_mark_in_the_matched_sentence_confirms_and_one_in_another_does_not():
    text = normalize("So the parcel never arrived? I'll check.", "en")
    assert _questioned(text, [0])
    text = normalize("So the parcel never arrived. Can you hold?", "en")
    assert not _questioned(text, [0])
    assert _questioned(text, [text.text.index("can")])
    assert not _questioned(normalize("So it never arrived", "en"), [0])

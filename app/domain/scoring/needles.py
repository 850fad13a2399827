"""Literal words a pattern cannot match without: a cheap test before the regex runs.

Most lexicon patterns match nothing in most replies, yet each regex search walks the whole reply
trying its optional prefixes at every position. Every pattern, though, contains words that any
match must include ("understand" or "appreciate" in `i (?:really )?(?:understand|appreciate)`), and
`word in text` is a plain substring search, many times cheaper. A pattern whose needles are all
absent is skipped; a pattern whose needles cannot be worked out (no literal word it must contain,
a case-insensitive part, a construct not understood) is always run. Skipping is exact: a needle is
only ever a necessary condition of a match, never a guess.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the regex parser of the standard library (sre_parse before Python 3.11)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older interpreters
    import sre_constants as _sre
    import sre_parse as _sre_parse

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_IGNORECASE = re.IGNORECASE


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words of which every match of `pattern` contains at least one, or None when unknown."""
    if pattern.flags & _IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unfamiliar pattern simply gets no needles
        return None
    found = _sequence(list(parsed))
    return tuple(sorted(found)) if found else None


def _strength(words: frozenset[str]) -> tuple[int, int]:
    return (min(len(w) for w in words), -len(words))


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The strongest requirement among the parts every match of this sequence must contain."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, arg in items:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        if op is _sre.AT:  # a zero-width boundary keeps the literal run going on both sides
            continue
        flush()
        inner = _part(op, arg)
        if inner:
            candidates.append(inner)
    flush()
    return max(candidates, key=_strength) if candidates else None


def _part(op: Any, arg: Any) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, body = arg
        if add_flags & _IGNORECASE:
            return None
        return _sequence(list(body))
    if op is _sre.BRANCH:
        _none, branches = arg
        alternatives = [_sequence(list(branch)) for branch in branches]
        if not alternatives or any(not alt for alt in alternatives):
            return None  # one branch needs no word: the whole alternation needs none
        return frozenset().union(*(alt for alt in alternatives if alt))
    if op in _REPEATS:
        low, _high, body = arg
        return _sequence(list(body)) if low >= 1 else None
    return None  # classes, lookarounds, back references, any character: no word required

"""Characters text never keeps where it enters the domain: NUL and the other control characters (a
line break and a tab stay), bidirectional overrides and zero-width characters. They hide words from
the scorer, reorder text on a terminal, and PostgreSQL refuses NUL. Replies are cleaned of them
(`clean_text`); a scenario file that holds any is refused (`app.domain.scenarios.loader`)."""

from __future__ import annotations

import re

INVISIBLE_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MAX_REPLY_CHARS = 4000  # a reply longer than a few minutes of speech is cut here, at the boundary


def clean_text(text: str, limit: int = MAX_REPLY_CHARS) -> str:
    """A reply as the app keeps it: without invisible and control characters, at most `limit`
    characters (a spoken reply of several minutes fits easily)."""
    return INVISIBLE_CHARACTERS.sub("", text)[:limit]


def kept_length(text: str) -> int:
    """How many characters of a reply the app keeps before its cut (`clean_text`): a reply longer
    than `MAX_REPLY_CHARS` by this count is said to be cut."""
    return len(INVISIBLE_CHARACTERS.sub("", text.strip()))

"""Normalising a transcript for matching while keeping a map back to the original characters.

Both languages are matched on a punctuation-free form, because speech recognisers print no
punctuation: a typed reply and the same reply recognised from audio must score the same.

- English: lower case, one apostrophe form, every other non-alphanumeric run becomes one space.
- Chinese: lower case, and every space and punctuation mark is removed, so text with spaces
  between words (as Vosk prints it) and text without spaces normalise to the same string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Cyrillic and Greek letters that look Latin: in an English reply "nоt my problem" with a Cyrillic
# "о" is matched as what it looks like, so a lookalike cannot hide a fault (or fake a phrase).
_LATIN_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁɡһԛԝАВЕКМНОРСТХІЈЅαεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdghqwABEKMHOPCTXIJSaeikvoptuxABEHIKMNOPTYX")
_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\uff07": "'"}


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def _is_word_char(char: str) -> bool:
    return char.isalnum() or is_cjk(char)


@dataclass(frozen=True)
class NormalizedText:
    """`text` is the normalised form; `origin[i]` is the original index of `text[i]`."""

    original: str
    text: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original transcript."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1



@lru_cache(maxsize=4096)
def _fold(raw: str) -> str:
    """One original character as it is matched: one apostrophe form, NFKC, lower case."""
    return unicodedata.normalize("NFKC", _APOSTROPHES.get(raw, raw)).lower()


@lru_cache(maxsize=8192)
def normalize(text: str, lang: str) -> NormalizedText:
    """The matching form of a transcript (cached: the same customer lines and facts are normalised
    for every reply of a call; the result is immutable)."""
    chars: list[str] = []
    origin: list[int] = []
    if lang == "zh":
        for index, raw in enumerate(text):
            for c in _fold(raw):
                if _is_word_char(c):
                    chars.append(c)
                    origin.append(index)
    else:
        pending_space = False
        for index, raw in enumerate(text.translate(_LATIN_LOOKALIKES)):
            for c in _fold(raw):
                keep = c.isalnum() or (c == "'" and chars and chars[-1].isalnum()) or c == "%"
                if not keep:
                    pending_space = True
                    continue
                if pending_space and chars:
                    chars.append(" ")
                    origin.append(index)
                pending_space = False
                chars.append(c)
                origin.append(index)
    return NormalizedText(text, "".join(chars), tuple(origin))


@lru_cache(maxsize=16384)
def count_speech_units(text: str, lang: str) -> int:
    """Words for English; Chinese characters (plus any Latin words) for Chinese."""
    if lang == "zh":
        cjk = sum(1 for c in text if is_cjk(c))
        latin = len(re.findall(r"[A-Za-z0-9]+", text))
        return cjk + latin
    return len(re.findall(r"[A-Za-z0-9']+", text))

"""The case-bearing words of a text (content terms), and a scenario's own: what a restatement may
repeat from the customer's words and the case's key facts, and the words specific to each remedy
of its policy (how "I'll get a new pair out to you" is recognised as the replacement)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from app.domain.scenarios.schema import Scenario
from app.domain.scoring import lexicon_en, lexicon_zh
from app.domain.scoring.text import normalize

_STOPWORDS = {"en": frozenset(lexicon_en.STOPWORDS), "zh": frozenset(getattr(lexicon_zh, "STOP_BIGRAMS", frozenset()))}
# Runs of Chinese characters (the ranges of `text.is_cjk`)
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]{2,}")
# Verbs and nouns every remedy shares: a remedy is recognised by what is specific to it.
_GENERIC_REMEDY_WORDS = frozenset(
    ["send", "sent", "give", "offer", "arrange", "get", "put", "make", "free", "full", "new", "your", "you", "our", "the", "and", "for", "with", "from", "able", "help", "support", "assist"])
_EN_WORD = re.compile(r"[a-z0-9][a-z0-9']*")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """The case-bearing terms of a normalised text with their spans: English words (stemmed, no
    stopwords), or Chinese character pairs and numbers."""
    found: dict[str, list[tuple[int, int]]] = {}
    stop = _STOPWORDS[lang]
    if lang == "zh":
        for m in re.finditer(r"\d+", text):
            found.setdefault(m.group(), []).append((m.start(), m.end()))
        for run in _CJK_RUN.finditer(text):  # pairs of Chinese characters, run by run
            chars, at = run.group(), run.start()
            for i in range(len(chars) - 1):
                pair = chars[i : i + 2]
                if pair not in stop:
                    found.setdefault(pair, []).append((at + i, at + i + 2))
        return found
    for m in _EN_WORD.finditer(text):
        word = m.group()
        if word.endswith("'s") or word.endswith("'"):  # "the engineer's visit": the engineer
            word = word[: -2] if word.endswith("'s") else word[:-1]
        if word in stop or (len(word) < 3 and not word.isdigit()):
            continue
        found.setdefault(_stem(word), []).append((m.start(), m.end()))
    return found


@functools.lru_cache(maxsize=4096)
def _terms_of_text(text: str, lang: str) -> frozenset[str]:
    """The content terms of one text (a customer line is seen again on every later turn)."""
    return frozenset(content_terms(normalize(text, lang).text, lang))


def terms_of(texts: list[str], lang: str) -> set[str]:
    terms: set[str] = set()
    for text in texts:
        terms |= _terms_of_text(text, lang)
    return terms


@dataclass(frozen=True)
class CaseTerms:
    """A scenario's words, compiled once: what a restatement may repeat, and each remedy's own words."""

    facts: frozenset[str]
    remedies: tuple[tuple[str, str, frozenset[str]], ...]  # (id, label, distinctive terms)

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> CaseTerms:
        lang = scenario.language.value
        fact_texts = [f.value for f in scenario.briefing.facts] + [scenario.briefing.situation]
        fact_texts += [phrase for point in scenario.key_facts for phrase in [point.label, *point.phrases]]
        facts = terms_of(fact_texts, lang)
        remedies = []
        for point in scenario.solutions:
            # a word of the case itself ("express" in "refund the express fee") does not make an offer
            terms = terms_of([point.label, *point.phrases], lang) - _GENERIC_REMEDY_WORDS - facts
            remedies.append((point.id, point.label, frozenset(terms)))
        # a term that names every remedy says nothing about which one it is
        if len(remedies) > 1:
            shared = frozenset.intersection(*(terms for _id, _label, terms in remedies))
            remedies = [(rid, label, terms - shared) for rid, label, terms in remedies]
        return cls(frozenset(facts), tuple(remedies))

"""The rubric items a reply shows, each with the words that show it.

The items are the handbooks' rubric, one at a time, so that a reply can be judged by what its
moment of the call needed (`moments.py`) and the call as a whole item by item (`call_score.py`):

    acknowledge  the customer's feeling acknowledged, or a sincere apology
    restate      the customer's problem said back, from their own words or the case's key facts
    cause        why it happened, in plain words
    remedy       a remedy the scenario's policy allows (matched by its content words)
    ownership    the agent says what they will do ("I'll ...", "我来 ...")
    timeline     by when, as a time ("by 5 pm", "24 小时内"); "as soon as possible" is not one
    closing      the loop closed: a summary, thanks, anything else
    holding      a holding phrase instead of silence ("one moment, I'm checking")

and the faults that cost points anywhere: forbidden wording (blame, dismissal, arguing, the
scenario's own phrases), jargon, canned phrases, vague promises, a hard sell in a retention call.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType

from app.domain.scenarios.schema import Family, Scenario
from app.domain.scoring import lexicon_en, lexicon_zh
from app.domain.scoring.case_terms import CaseTerms, content_terms, terms_of
from app.domain.scoring.matching import (
    CompiledLexicon,
    Match,
    PatternList,
    compile_patterns,
    drop_overlaps,
    find_all,
)
from app.domain.scoring.model import DimensionScore, Evidence
from app.domain.scoring.text import NormalizedText, normalize

ITEM_NAMES = ("acknowledge", "restate", "cause", "remedy", "ownership", "timeline", "closing", "holding")
SEVERE_FAULTS = ("blame", "dismissive", "argues", "scenario")

_OFFER_WINDOW = {"en": 70, "zh": 14}
_REFUSED_AFTER = 12  # characters after a Chinese remedy's words in which a refusal takes it back
_RESTATE_OVERLAP = {"en": 2, "zh": 3}
_SHORT_REPLY = {"en": 80, "zh": 25}  # characters of normalised text
_ON_DEMAND = ("offer", "refusal", "hedge")
_HEDGE_WINDOW = {"en": 60, "zh": 16}  # a remedy hedged in its own sentence ("may be considered") is not offered
# A generic apology with no one in it ("sorry about that", "不好意思"): alone, half an acknowledgement.
_TOKEN_APOLOGY = {"en": re.compile(r"(?:so |very )?sorry(?: about| for)?(?: that| this| the trouble)?"),
                  "zh": re.compile(r"(?:不好意思|抱歉|对不起)")}
@dataclass(frozen=True)
class ItemHit:
    met: bool
    evidence: tuple[Evidence, ...] = ()
    partial: bool = False  # e.g. a generic solution where the policy has specific remedies


@dataclass
class ReplyItems:
    """Which items a reply shows, the remedies it offers and the faults in it."""

    hits: dict[str, ItemHit]
    remedies: list[str] = field(default_factory=list)
    faults: list[Evidence] = field(default_factory=list)

    def met(self, name: str) -> bool:
        return self.hits[name].met

    def to_dict(self) -> dict:
        return {
            "items": {name: {"met": hit.met, "partial": hit.partial, "evidence": [e.to_dict() for e in hit.evidence]}
                      for name, hit in self.hits.items()},
            "remedies": list(self.remedies),
            "faults": [f.to_dict() for f in self.faults],
        }


@dataclass(frozen=True)
class _ItemPatterns:
    lists: dict[str, PatternList]
    stopwords: frozenset[str]


def _patterns(module: ModuleType) -> _ItemPatterns:
    lists = {kind: compile_patterns(kind, entries) for kind, entries in module.ITEMS.items()}
    stop: frozenset[str] = getattr(module, "STOPWORDS", frozenset()) or getattr(module, "STOP_BIGRAMS", frozenset())
    return _ItemPatterns(lists, frozenset(stop))


_ITEM_PATTERNS = {"en": _patterns(lexicon_en), "zh": _patterns(lexicon_zh)}


# -- detection -------------------------------------------------------------------------------------
def _spans(norm: NormalizedText, matches: list[Match]) -> tuple[Evidence, ...]:
    return tuple(m.evidence(norm) for m in sorted(matches, key=lambda m: m.start))


def _questioned(norm: NormalizedText, match_starts: list[int]) -> bool:
    """A typed restatement often confirms with a question mark alone ("So it never arrived?"): is
    there one in the sentence of any of these matches (at or after the match, before the sentence
    ends)? Sentence ends and question marks are found once, each match placed among them by bisection."""
    if not norm.origin or not match_starts:
        return False
    ends = [m.start() for m in re.finditer(r"[.!。！]", norm.original)]
    questions = [m.start() for m in re.finditer(r"[?？]", norm.original)]
    if not questions:
        return False
    for match_start in match_starts:
        begin = norm.origin[min(match_start, len(norm.origin) - 1)]
        end_at = bisect.bisect_left(ends, begin)
        end = ends[end_at] if end_at < len(ends) else len(norm.original)
        first_question = bisect.bisect_left(questions, begin)
        if first_question < len(questions) and questions[first_question] < end:
            return True
    return False


def detect_items(
    norm: NormalizedText,
    lex: CompiledLexicon,
    lang: str,
    empathy: DimensionScore,
    forbidden: DimensionScore,
    structure: DimensionScore,
    scenario: Scenario | None,
    case: CaseTerms | None,
    customer_lines: tuple[str, ...] = (),
    stage: str | None = None,
) -> ReplyItems:
    text = norm.text
    pats = _ITEM_PATTERNS[lang].lists
    retention = scenario is not None and scenario.family == Family.RETENTION
    # offers and refusals matter only around a remedy's words: matched there, on demand (_remedies)
    by_kind = {kind: drop_overlaps(find_all(patterns, text)) for kind, patterns in pats.items()
               if (kind != "hard_sell" or retention) and kind not in _ON_DEMAND}
    canned = by_kind.get("canned", [])

    canned_spans = _Spans([(c.start, c.end) for c in (m.evidence(norm) for m in canned)])

    def outside_canned(evidence: list[Evidence]) -> list[Evidence]:
        return [e for e in evidence if not canned_spans.touches(e.start, e.end)]

    hits: dict[str, ItemHit] = {}
    # the feeling named or validated, an apology, or soothing ("don't worry", "您别着急": a sense of safety)
    feeling = [e for e in empathy.evidence if e.kind in ("acknowledge", "apology")
               or (e.kind == "reassurance" and e.label in ("reassures", "安抚客户"))]
    feeling = outside_canned(feeling)
    # a bare "sorry about that" with nothing about the customer's feeling is half an acknowledgement
    token = bool(feeling) and all(e.kind == "apology" and _TOKEN_APOLOGY[lang].fullmatch(normalize(e.text, lang).text)
                                  for e in feeling)
    # said in the same sentence as a stock phrase ("I completely understand your frustration and I do
    # apologise for any inconvenience caused"): the formula, not this customer's feeling, half too
    stock = any(_same_sentence(norm, _norm_span(norm, e), (c.start, c.end)) for e in feeling for c in canned)
    hits["acknowledge"] = ItemHit(bool(feeling), tuple(feeling), partial=token or stock)

    stage_evidence: dict[str, list[Evidence]] = {}
    for e in structure.evidence:
        stage_evidence.setdefault(e.kind, []).append(e)
    terms = content_terms(text, lang)
    phrase_remedies = [e for e in stage_evidence.get("solution", []) if ":" in e.label]
    # a sentence that checks the problem back ("let me check I've got it: ... right?") repeats
    # what the customer asked for; a remedy named there is not offered
    checking = _checked_back(norm, lang, by_kind.get("confirm", []), by_kind.get("check_back", []))
    # nor is one named while blaming the customer ("您父母签收的时候应该当面检查的")
    checking += [_clause_around(norm, lang, Match(*_norm_span(norm, e), e.kind, e.label))
                 for e in forbidden.evidence if e.kind in SEVERE_FAULTS]
    heard = " ".join(normalize(line, lang).text for line in customer_lines)
    remedies, remedy_spans = _remedies(norm, lang, terms, by_kind, case, phrase_remedies, checking, heard)
    hits["restate"] = _restatement(norm, lang, terms, by_kind, structure, stage_evidence, case, customer_lines, stage)
    # a cause put on the customer is blame, one told in jargon or a canned phrase ("showing as open
    # on the system") is not in plain words, and one left for later ("the reason is being looked
    # into") explains nothing: none of those sentences explains the cause
    not_causes = [e for e in forbidden.evidence if e.kind in SEVERE_FAULTS or e.kind == "jargon"]
    not_causes += [m.evidence(norm) for m in canned]
    not_causes += [m.evidence(norm) for m in by_kind.get("cause_unknown", [])]
    cause = _apart_from(norm, lang, list(stage_evidence.get("cause", ())), not_causes)
    if not cause and stage == "push":  # asked why: what happened, told in the case's own terms
        cause = _told_what_happened(norm, lang, case, customer_lines, list(forbidden.evidence) + not_causes)
    hits["cause"] = ItemHit(bool(cause), tuple(cause))

    generic = stage_evidence.get("solution", [])
    if remedies:
        hits["remedy"] = ItemHit(True, remedy_spans)
    else:
        hits["remedy"] = ItemHit(False, tuple(generic), partial=bool(generic))

    owner = [m.evidence(norm) for m in by_kind.get("ownership", [])]
    owner += [e for e in stage_evidence.get("next_step", []) if e.label in ("names the owner", "明确负责人")]
    hits["ownership"] = ItemHit(bool(owner), tuple(sorted(owner, key=lambda e: e.start)))

    vague = by_kind.get("vague", [])
    vague_spans = [m.evidence(norm) for m in vague]
    vague_found = _Spans([(v.start, v.end) for v in vague_spans])
    times = [e for e in stage_evidence.get("next_step", []) if e.label in ("gives a timeline", "给出时限")
             and not vague_found.touches(e.start, e.end)
             and not re.search(r"as soon as|right away|straight away|immediately", e.text.lower())]
    hits["timeline"] = ItemHit(bool(times), tuple(times))

    closing = list(stage_evidence.get("closing", []))
    if len(text) <= _SHORT_REPLY[lang]:  # a short reply that only thanks the customer closes the call
        closing += [e for e in empathy.evidence if e.kind == "thanks" and e not in closing]
    hits["closing"] = ItemHit(bool(closing), tuple(sorted(closing, key=lambda e: e.start)))
    holding = by_kind.get("holding", [])
    hits["holding"] = ItemHit(bool(holding), _spans(norm, holding))

    faults = [e for e in forbidden.evidence]
    faults += [m.evidence(norm) for m in canned]
    faults += [Evidence(e.start, e.end, e.text, "vague", e.label) for e in vague_spans]
    faults += [m.evidence(norm) for m in by_kind.get("hard_sell", [])]
    found = _Spans([(f.start, f.end) for f in faults])
    faults += [Evidence(e.start, e.end, e.text, "hard_sell", e.label)
               for e in (m.evidence(norm) for m in by_kind.get("upsell", [])) if not found.touches(e.start, e.end)]
    faults.sort(key=lambda e: e.start)
    return ReplyItems(hits, remedies, faults)


def _restatement(norm, lang, terms, by_kind, structure, stage_evidence, case, customer_lines,
                 stage: str | None = None) -> ItemHit:
    heard = terms_of(list(customer_lines), lang) | (set(case.facts) if case else set())
    shared = {t: spans for t, spans in terms.items() if t in heard}
    frames = by_kind.get("restate_frame", []) + [
        Match(*_norm_span(norm, e), "restate", e.label) for e in stage_evidence.get("restate", [])]
    confirms = by_kind.get("confirm", [])
    questioned = _questioned(norm, [m.start for m in frames])
    key_facts = structure.details.get("key_facts_covered", [])
    overlap = len(shared)
    checked = bool(confirms) or questioned
    met = (
        # the case's facts named: a restatement at the opening, or wherever it is framed or checked
        (len(key_facts) >= 2 and (bool(frames) or checked or stage in (None, "opening")))
        or (bool(frames) and (bool(confirms) or questioned) and overlap >= 1)
        or (bool(frames) and overlap >= _RESTATE_OVERLAP[lang])
        or ((bool(confirms) or questioned) and overlap >= _RESTATE_OVERLAP[lang] + 1)
        or (bool(stage_evidence.get("restate")) and (bool(key_facts) or overlap >= 1))
    )
    if not met:
        return ItemHit(False)
    confirmed = bool(confirms) or questioned
    evidence = [m.evidence(norm) for m in frames + confirms]
    for spans in sorted(shared.values(), key=lambda places: places[0])[:6]:
        a, b = norm.original_span(*spans[0])
        evidence.append(Evidence(a, b, norm.original[a:b], "restate", "the customer's own words"))
    unique = {(e.start, e.end): e for e in evidence}
    # partial: restated without checking it with the customer
    return ItemHit(True, tuple(sorted(unique.values(), key=lambda e: e.start)), partial=not confirmed)


_SENTENCE = re.compile(r"[^.?!;。？！；]+[.?!;。？！；]*")


@functools.lru_cache(maxsize=64)
def _sentences(original: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """The sentences of a reply (original offsets), by their punctuation, and where each starts
    (found once per reply: the rules below place many matches among them)."""
    spans = tuple((m.start(), m.end()) for m in _SENTENCE.finditer(original))
    return spans, tuple(a for a, _b in spans)



# How far a sentence reaches around a match when there is no punctuation to end it (a recogniser
# prints none): about a spoken sentence, so a reply heard is judged as the same reply typed.
_REACH = {"en": 80, "zh": 24}


def _clause_around(norm: NormalizedText, lang: str, match: Match, before: bool = True,
                   after: bool = True) -> tuple[int, int]:
    """The part of the match's sentence (original offsets) it belongs to: the sentence, cut to a
    spoken sentence's reach on each side, and to the match's own end or start when asked."""
    spans, starts = _sentences(norm.original)
    first = norm.origin[min(match.start, len(norm.origin) - 1)]
    last = norm.origin[min(max(match.start, match.end - 1), len(norm.origin) - 1)] + 1
    index = max(0, bisect.bisect_right(starts, first) - 1)
    sentence_start, sentence_end = spans[index] if spans else (0, len(norm.original))
    reach = _REACH["zh" if lang == "zh" else "en"]
    start = max(sentence_start, first - reach) if before else first
    end = min(sentence_end, last + reach) if after else last
    return start, end


# A sentence that promises or offers rather than tells: not an account of what happened.
# A sentence about what the customer did is theirs to hear, not the cause explained to them.
_NOT_AN_ACCOUNT = {"en": re.compile(r"\b(?:i|we|you)(?:'ll| will| can| could|'d| would)\b|\bif you\b|\bplease\b|\blet me\b|"
                                    r"\byou(?:'ve|'re|'d)?\b"),
                   "zh": re.compile(r"(?:我会|我们会|我来|我给|可以|马上|请您|您可以|帮您|给您|你|您自己|是您|您没|您当时|您操作|您填|您选)")}
_ACCOUNT_OVERLAP = {"en": 2, "zh": 3}
_ACCOUNT_LABEL = {"en": "tells what happened, in the case's terms", "zh": "用案情说明了原因"}


def _told_what_happened(norm: NormalizedText, lang: str, case: CaseTerms | None, customer_lines: tuple[str, ...],
                        unplain: list[Evidence]) -> list[Evidence]:
    """Asked why, a plain account of what happened counts as the cause: a sentence that tells
    (no offer, promise or question, nothing the customer did), in plain words (no jargon, canned or forbidden wording), and
    shares at least two of the case's own terms (three character pairs in Chinese) with the
    customer's words and the case's facts."""
    if case is None:
        return []
    heard = terms_of(list(customer_lines), lang) | set(case.facts)
    for begin, finish in _sentences(norm.original)[0]:
        raw = norm.original[begin:finish]
        sentence = raw.strip()
        if not sentence or sentence.endswith(("?", "？")) or _NOT_AN_ACCOUNT[lang].search(sentence.lower()):
            continue
        start = begin + (len(raw) - len(raw.lstrip()))
        if any(e.start < start + len(sentence) and start < e.end for e in unplain):
            continue
        shared = set(content_terms(normalize(sentence, lang).text, lang)) & heard
        if len(shared) >= _ACCOUNT_OVERLAP[lang]:
            return [Evidence(start, start + len(sentence), sentence, "cause", _ACCOUNT_LABEL[lang])]
    return []


def _apart_from(norm: NormalizedText, lang: str, evidence: list[Evidence], others: list[Evidence]) -> list[Evidence]:
    """The evidence that shares no clause (see `_clause_around`) with any of the others."""
    if not others or not evidence:
        return list(evidence)
    taken = _Spans([_clause_around(norm, lang, Match(*_norm_span(norm, o), o.kind, o.label)) for o in others])
    return [e for e in evidence if not taken.touches(e.start, e.end)]


def _norm_span(norm: NormalizedText, evidence: Evidence) -> tuple[int, int]:
    """An evidence span (original offsets) back in normalised offsets."""
    start = bisect.bisect_left(norm.origin, evidence.start)
    end = bisect.bisect_left(norm.origin, evidence.end)
    return start, max(start, end)


def _same_sentence(norm: NormalizedText, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Two normalised spans with no full stop, question mark or semicolon between them."""
    first, second = sorted((one, other))
    return second[0] <= first[1] or not _sentence_break(norm, first[1], second[0])


def _sentence_break(norm: NormalizedText, start: int, end: int) -> bool:
    """A full stop, question mark or semicolon in the original text between two normalised offsets."""
    if start > end:
        return False  # overlapping: nothing between them
    if start < len(norm.origin):
        a, b = norm.original_span(start, max(start + 1, end))
    else:  # at the very end of the reply
        a = b = len(norm.original)
    if 0 < start <= len(norm.origin):  # from just after the character before: the "." normalising dropped
        a = min(a, norm.origin[start - 1] + 1)
    return bool(re.search(r"[.?!;。？！；]", norm.original[a:b]))


def _checked_back(norm: NormalizedText, lang: str, confirms: list[Match], check_backs: list[Match]) -> list[tuple[int, int]]:
    """What a reply checks back with the customer (original offsets): from a "let me check I've got
    it" on, and up to an "is that right?"; a sentence that is only the question ("Have I got that
    right?", "对吧？") checks the sentence before it."""
    spans, starts = _sentences(norm.original)
    out = [_clause_around(norm, lang, m, before=False) for m in check_backs]
    for m in confirms:
        start, end = _clause_around(norm, lang, m, after=False)
        index = bisect.bisect_right(starts, start) - 1
        if index > 0 and _is_bare(norm.original[spans[index][0]:spans[index][1]], lang):
            start = max(spans[index - 1][0], start - _REACH["zh" if lang == "zh" else "en"] * 2)
        out.append((start, end))
    return out


def _is_bare(sentence: str, lang: str) -> bool:
    """A sentence of a few words only (a check question on its own)."""
    text = normalize(sentence, lang).text
    return len(text) <= 10 if lang == "zh" else len(text.split()) <= 6


def _one_word(phrase: str, lang: str) -> bool:
    text = normalize(phrase, lang).text
    return len(text) <= 2 if lang == "zh" else " " not in text


def _said_by(word: str, heard: str, lang: str) -> bool:
    """Did the customer's lines (normalised) use this word (whole, in English)?"""
    return word in heard if lang == "zh" else f" {word} " in f" {heard} "


class _Spans:
    """Spans of a text, merged and sorted: whether a position or a span falls in any of them is one
    bisection (a reply of many matches stays linear)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _b in merged]
        self.ends = [b for _a, b in merged]

    def touches(self, start: int, end: int | None = None) -> bool:
        """Does [start, end) (or the position `start`) meet any span?"""
        end = start + 1 if end is None else max(end, start + 1)
        index = bisect.bisect_right(self.starts, end - 1) - 1
        return index >= 0 and self.ends[index] > start


def _remedies(norm, lang, terms, by_kind, case, phrase_hits, checking: Sequence[tuple[int, int]] = (),
              heard: str = "") -> tuple[list[str], tuple[Evidence, ...]]:
    if case is None:
        return [], ()
    if not phrase_hits and not any(term in terms for _id, _label, remedy_terms in case.remedies
                                   for term in remedy_terms):
        return [], ()  # no remedy named at all
    pats = _ITEM_PATTERNS[lang].lists
    offers = drop_overlaps(find_all(pats["offer"], norm.text))
    refusals = drop_overlaps(find_all(pats["refusal"], norm.text))
    hedges = drop_overlaps(find_all(pats["hedge"], norm.text))
    window = _OFFER_WINDOW[lang]
    found: list[str] = []
    evidence: list[Evidence] = []
    offer_starts = [o.start for o in offers]  # sorted: drop_overlaps returns matches by start
    refusal_starts = [r.start for r in refusals]

    def between(matches: list[Match], starts: list[int], low: int, high: int) -> list[Match]:
        """The matches starting in [low, high], found by bisection."""
        return matches[bisect.bisect_left(starts, low):bisect.bisect_right(starts, high)]

    def offered_before(start: int) -> list[Match]:
        return [o for o in between(offers, offer_starts, start - window, start)
                if not _sentence_break(norm, o.start, start)]

    def refused(start: int, end: int, offer: Match | None) -> bool:
        """Refused before it ("we can't refund ..."), or, in Chinese, after it ("退差价这个我这边确实做不了")."""
        since = offer.start if offer is not None else start - window
        before = any(since <= r.start or r.end >= since - 3 for r in between(refusals, refusal_starts, start - window, start - 1))
        after = lang == "zh" and any(not _sentence_break(norm, end, r.start)
                                     for r in between(refusals, refusal_starts, end, end + _REFUSED_AFTER))
        return before or after or hedged(start, end)

    hedge_starts = [h.start for h in hedges]

    def hedged(start: int, end: int) -> bool:
        """Put in noncommittal words in its own sentence, before or after it ("a claim may be
        considered", "priority slots may be available depending on capacity", "可以帮您申请看看")."""
        reach = _HEDGE_WINDOW[lang]
        for h in between(hedges, hedge_starts, start - reach, end + reach):
            if h.start < end and h.end > start:  # the remedy is named inside the noncommittal words
                return True
            if not (_sentence_break(norm, h.end, start) if h.end <= start else _sentence_break(norm, end, h.start)):
                return True
        return False

    checked = _Spans(checking)
    for hit in phrase_hits:  # the scenario's own remedy phrases, unless refused or only checked back
        start, end = _norm_span(norm, hit)
        if refused(start, end, None) or checked.touches(hit.start):
            continue
        # a one-word phrase the customer used ("an engineer who never came") is only echoed unless
        # offered, as content words are
        if _one_word(hit.text, lang) and _said_by(normalize(hit.text, lang).text, heard, lang) and not offered_before(start):
            continue
        remedy_id = hit.label.split(":")[0]
        evidence.append(Evidence(hit.start, hit.end, hit.text, "remedy", hit.label.split(":", 1)[1].strip()))
        if remedy_id not in found:
            found.append(remedy_id)
    for remedy_id, label, remedy_terms in case.remedies:
        if remedy_id in found:
            continue
        # the earliest place the reply names this remedy in an offer of the same sentence, not refused
        places = sorted(span for term in remedy_terms for span in terms.get(term, []))
        for start, end in places:
            if checked.touches(norm.origin[start]):
                continue
            offer = offered_before(start)
            if not offer or refused(start, end, max(offer, key=lambda o: o.start)):
                continue
            a, b = norm.original_span(start, end)
            evidence.append(Evidence(a, b, norm.original[a:b], "remedy", label))
            found.append(remedy_id)
            break
    return found, tuple(sorted(evidence, key=lambda e: e.start))

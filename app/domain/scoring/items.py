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
from app.domain.scoring.matching import (
    CompiledLexicon,
    Match,
    PatternList,
    compile_patterns,
    drop_overlaps,
    find_all,
)
from app.domain.scoring.model import DimensionScore, Evidence
from app.domain.scoring.text import NormalizedText, is_cjk, normalize

ITEM_NAMES = ("acknowledge", "restate", "cause", "remedy", "ownership", "timeline", "closing", "holding")
SEVERE_FAULTS = ("blame", "dismissive", "argues", "scenario")

_OFFER_WINDOW = {"en": 70, "zh": 14}
_REFUSED_AFTER = 12  # characters after a Chinese remedy's words in which a refusal takes it back
_RESTATE_OVERLAP = {"en": 2, "zh": 3}
_SHORT_REPLY = {"en": 80, "zh": 25}  # characters of normalised text
_ON_DEMAND = ("offer", "refusal")
# A generic apology with no one in it ("sorry about that", "不好意思"): alone, half an acknowledgement.
_TOKEN_APOLOGY = {"en": re.compile(r"(?:so |very )?sorry(?: about| for)?(?: that| this| the trouble)?"),
                  "zh": re.compile(r"(?:不好意思|抱歉|对不起)")}
# Verbs and nouns every remedy shares: a remedy is recognised by what is specific to it.
_GENERIC_REMEDY_WORDS = frozenset(
    ["send", "sent", "give", "offer", "arrange", "get", "put", "make", "free", "full", "new", "your", "you", "our", "the", "and", "for", "with", "from", "able"])


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


# -- content words -----------------------------------------------------------------------------------
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
    stop = _ITEM_PATTERNS[lang].stopwords
    if lang == "zh":
        for m in re.finditer(r"\d+", text):
            found.setdefault(m.group(), []).append((m.start(), m.end()))
        for i in range(len(text) - 1):
            pair = text[i : i + 2]
            if is_cjk(pair[0]) and is_cjk(pair[1]) and pair not in stop:
                found.setdefault(pair, []).append((i, i + 2))
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


def _terms_of(texts: list[str], lang: str) -> set[str]:
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
        facts = _terms_of(fact_texts, lang)
        remedies = []
        for point in scenario.solutions:
            # a word of the case itself ("express" in "refund the express fee") does not make an offer
            terms = _terms_of([point.label, *point.phrases], lang) - _GENERIC_REMEDY_WORDS - facts
            remedies.append((point.id, point.label, frozenset(terms)))
        # a term that names every remedy says nothing about which one it is
        if len(remedies) > 1:
            shared = frozenset.intersection(*(terms for _id, _label, terms in remedies))
            remedies = [(rid, label, terms - shared) for rid, label, terms in remedies]
        return cls(frozenset(facts), tuple(remedies))


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

    def outside_canned(evidence: list[Evidence]) -> list[Evidence]:
        spans = [m.evidence(norm) for m in canned]
        return [e for e in evidence if not any(e.start < c.end and c.start < e.end for c in spans)]

    hits: dict[str, ItemHit] = {}
    # the feeling named or validated, an apology, or soothing ("don't worry", "您别着急": a sense of safety)
    feeling = [e for e in empathy.evidence if e.kind in ("acknowledge", "apology")
               or (e.kind == "reassurance" and e.label in ("reassures", "安抚客户"))]
    feeling = outside_canned(feeling)
    # a bare "sorry about that" with nothing about the customer's feeling is half an acknowledgement
    token = bool(feeling) and all(e.kind == "apology" and _TOKEN_APOLOGY[lang].fullmatch(normalize(e.text, lang).text)
                                  for e in feeling)
    hits["acknowledge"] = ItemHit(bool(feeling), tuple(feeling), partial=token)

    stage_evidence: dict[str, list[Evidence]] = {}
    for e in structure.evidence:
        stage_evidence.setdefault(e.kind, []).append(e)
    terms = content_terms(text, lang)
    phrase_remedies = [e for e in stage_evidence.get("solution", []) if ":" in e.label]
    # a sentence that checks the problem back ("let me check I've got it: ... right?") repeats
    # what the customer asked for; a remedy named there is not offered
    checking = _sentences_with(norm, by_kind.get("confirm", []) + by_kind.get("check_back", []))
    # nor is one named while blaming the customer ("您父母签收的时候应该当面检查的")
    checking += _sentences_with(norm, [Match(*_norm_span(norm, e), e.kind, e.label)
                                       for e in forbidden.evidence if e.kind in SEVERE_FAULTS])
    heard = " ".join(normalize(line, lang).text for line in customer_lines)
    remedies, remedy_spans = _remedies(norm, lang, terms, by_kind, case, phrase_remedies, checking, heard)
    hits["restate"] = _restatement(norm, lang, terms, by_kind, structure, stage_evidence, case, customer_lines, stage)
    # a cause put on the customer is blame, one told in jargon or a canned phrase ("showing as open
    # on the system") is not in plain words, and one left for later ("the reason is being looked
    # into") explains nothing: none of those sentences explains the cause
    not_causes = [e for e in forbidden.evidence if e.kind in SEVERE_FAULTS or e.kind == "jargon"]
    not_causes += [m.evidence(norm) for m in canned]
    not_causes += [m.evidence(norm) for m in by_kind.get("cause_unknown", [])]
    cause = _apart_from(norm.original, list(stage_evidence.get("cause", ())), not_causes)
    if not cause and stage == "push":  # asked why: what happened, told in the case's own terms
        unplain = list(forbidden.evidence) + [m.evidence(norm) for m in canned] + not_causes
        cause = _told_what_happened(norm, lang, case, customer_lines, unplain)
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
    times = [e for e in stage_evidence.get("next_step", []) if e.label in ("gives a timeline", "给出时限")
             and not any(e.start < v.end and v.start < e.end for v in vague_spans)
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
    faults += [Evidence(e.start, e.end, e.text, "hard_sell", e.label)
               for e in (m.evidence(norm) for m in by_kind.get("upsell", []))
               if not any(e.start < f.end and f.start < e.end for f in faults)]
    faults.sort(key=lambda e: e.start)
    return ReplyItems(hits, remedies, faults)


def _restatement(norm, lang, terms, by_kind, structure, stage_evidence, case, customer_lines,
                 stage: str | None = None) -> ItemHit:
    heard = _terms_of(list(customer_lines), lang) | (set(case.facts) if case else set())
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
    heard = _terms_of(list(customer_lines), lang) | set(case.facts)
    for m in _SENTENCE.finditer(norm.original):
        sentence = m.group().strip()
        if not sentence or sentence.endswith(("?", "？")) or _NOT_AN_ACCOUNT[lang].search(sentence.lower()):
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if any(e.start < start + len(sentence) and start < e.end for e in unplain):
            continue
        shared = set(content_terms(normalize(sentence, lang).text, lang)) & heard
        if len(shared) >= _ACCOUNT_OVERLAP[lang]:
            return [Evidence(start, start + len(sentence), sentence, "cause", _ACCOUNT_LABEL[lang])]
    return []


def _apart_from(original: str, evidence: list[Evidence], others: list[Evidence]) -> list[Evidence]:
    """The evidence that shares no sentence (of the original text) with any of the others."""
    if not others or not evidence:
        return list(evidence)
    starts = [m.start() for m in _SENTENCE.finditer(original)]

    def sentence(position: int) -> int:
        return bisect.bisect_right(starts, position) - 1

    taken = {i for o in others for i in range(sentence(o.start), sentence(max(o.start, o.end - 1)) + 1)}
    return [e for e in evidence if sentence(e.start) not in taken]


def _norm_span(norm: NormalizedText, evidence: Evidence) -> tuple[int, int]:
    """An evidence span (original offsets) back in normalised offsets."""
    start = next((i for i, o in enumerate(norm.origin) if o >= evidence.start), len(norm.text))
    end = next((i for i, o in enumerate(norm.origin) if o >= evidence.end), len(norm.text))
    return start, max(start, end)


def _sentence_break(norm: NormalizedText, start: int, end: int) -> bool:
    """A full stop, question mark or semicolon in the original text between two normalised offsets."""
    a, b = norm.original_span(start, max(start + 1, end))
    return bool(re.search(r"[.?!;。？！；]", norm.original[a:b]))


def _sentences_with(norm: NormalizedText, matches: list[Match]) -> list[tuple[int, int]]:
    """The sentences (original offsets) holding any of these matches."""
    if not matches or not norm.origin:
        return []
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(norm.original)]
    starts = [a for a, _b in spans]
    held = {bisect.bisect_right(starts, norm.origin[min(m.start, len(norm.origin) - 1)]) - 1 for m in matches}
    # a sentence that is only the check ("Have I got that right?", "对吧？") checks the one before it
    held |= {i - 1 for i in held if i > 0 and len(normalize(norm.original[spans[i][0]:spans[i][1]], "zh").text) <= 24}
    return [spans[i] for i in sorted(held) if i >= 0]


def _one_word(phrase: str, lang: str) -> bool:
    text = normalize(phrase, lang).text
    return len(text) <= 2 if lang == "zh" else " " not in text


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


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
    window = _OFFER_WINDOW[lang]
    found: list[str] = []
    evidence: list[Evidence] = []
    for hit in phrase_hits:  # the scenario's own remedy phrases, unless refused ("we can't refund ...")
        start = _norm_span(norm, hit)[0]
        if any(start - window <= r.start < start for r in refusals) or _inside(hit.start, checking):
            continue
        # a one-word phrase the customer used ("an engineer who never came") is only echoed unless
        # offered, as content words are
        if _one_word(hit.text, lang) and normalize(hit.text, lang).text in heard and not any(start - window <= o.start <= start and not _sentence_break(norm, o.start, start)
                                                 for o in offers):
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
            if _inside(norm.origin[start], checking):
                continue
            offer = [o for o in offers if start - window <= o.start <= start
                     and not _sentence_break(norm, o.start, start)]
            if not offer:
                continue
            nearest = max(offer, key=lambda o: o.start)
            refused = any(nearest.start <= r.start < start or (start - window <= r.start < nearest.start
                          and r.end >= nearest.start - 3) for r in refusals)
            # Chinese names the thing first and refuses after it ("退差价这个我这边确实做不了")
            refused = refused or (lang == "zh" and any(end <= r.start <= end + _REFUSED_AFTER
                                                       and not _sentence_break(norm, end, r.start) for r in refusals))
            if refused:
                continue
            a, b = norm.original_span(start, end)
            evidence.append(Evidence(a, b, norm.original[a:b], "remedy", label))
            found.append(remedy_id)
            break
    return found, tuple(sorted(evidence, key=lambda e: e.start))

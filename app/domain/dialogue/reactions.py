"""What the customer reacts to in a reply, and how each emotion's mood moves (one place to tune).

A scored reply (its rubric items, faults and moment) decides the customer's next line: the most
important thing the reply did or missed gets the answer (`react`), else the customer moves on to
the next stage (`Reaction.STAGE`). A reply nobody could make sense of (`is_unclear`) gets "you're
breaking up" and costs neither score nor mood. The lines are the scenario's own
(`lines.reactions`) or the defaults for the customer's emotion and language.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.domain.dialogue import reaction_lines_en, reaction_lines_zh
from app.domain.scenarios.schema import Scenario
from app.domain.scoring import lexicon_en
from app.domain.scoring.case_terms import content_terms, terms_of
from app.domain.scoring.items import SEVERE_FAULTS
from app.domain.scoring.model import ReplyScore
from app.domain.scoring.text import normalize


class Reaction(StrEnum):
    """What the customer's next line answers. A stable code (`play --json` turns' `reaction`)."""

    STAGE = "stage"  # nothing to react to: the customer moves on
    UNCLEAR = "unclear"
    BLAMED = "blamed"
    CALM_DOWN = "calm_down"
    JARGON = "jargon"
    VAGUE_PROMISE = "vague_promise"
    ALREADY_TOLD = "already_told"
    IGNORED_FEELINGS = "ignored_feelings"
    HARD_SELL = "hard_sell"
    HOLDING = "holding"
    ASK_TIME = "ask_time"
    ASK_OWNER = "ask_owner"
    ASK_WHY = "ask_why"
    TOO_LONG = "too_long"
    WITHDRAWN = "withdrawn"
    REPEATED = "repeated"
    ENDED = "ended"  # the reply after which the call ended


# Reactions after which the customer asks for the stage's own thing again (the moment stays);
# a follow-up (ask_time, ask_owner) asks who and when (the wrap moment).
FOLLOW_UPS = (Reaction.ASK_TIME, Reaction.ASK_OWNER)
_DEFAULT_LINES = {"en": reaction_lines_en.LINES, "zh": reaction_lines_zh.LINES}
_DEFAULT_UNRESOLVED = {
    "en": "I still don't know what happens next. I'll have to ring again.",
    "zh": "我还是不知道接下来怎么办，只能再打过来了。",
}
_CALM_DOWN_LABELS = ("tells the customer to calm down", "让客户冷静")
# A reply that asks for a detail ("can I take the order number?", "请问您的订单号是多少"): with a
# word of the case file in it, a detail the customer gave or the agent has on screen.
_ASKS_FOR = {
    "en": re.compile(r"\b(?:can|could|may) (?:i|you) (?:please )?(?:take|have|get|give me|tell me|confirm|read me)\b|"
                     r"\bwhat(?:'s| is| was) (?:your|the)\b|\bdo you have (?:your|the)\b|\b(?:your|the) [\w']+ (?:number|reference) please\b"),
    "zh": re.compile(r"(?:请问|麻烦)?(?:您|你)(?:的)?\w{0,8}?(?:是多少|是什么|多少|报一下|提供一下|说一下)|(?:提供|报|告诉我)一下(?:您|你)?的"),
}


@dataclass(frozen=True)
class EmotionTuning:
    """How one emotion's customer reacts beyond the common `MoodTuning` (intensity points, minus calms)."""

    ack_and_action: float = 0.0  # acknowledgement with a remedy or ownership in the same reply
    steps_and_reassurance: float = 0.0  # a time or next step together with reassurance or a remedy
    apology_and_follow_up: float = 0.0  # a sincere apology with a personal follow-up (ownership)
    blame: float = 0.0  # per blaming, dismissive or arguing phrase, on top of the common cost
    canned: float = 0.0  # per stock phrase
    long_or_technical: float = 0.0  # a long reply or one with jargon


# Angry customers calm with acknowledgement plus action and flare at blame; anxious ones calm with
# clear steps and reassurance and are unsettled by long or technical answers; disappointed ones calm
# with a sincere apology and a personal follow-up and withdraw at canned phrases.
EMOTION_TUNING = {
    "angry": EmotionTuning(ack_and_action=-6.0, blame=6.0),
    "anxious": EmotionTuning(steps_and_reassurance=-6.0, long_or_technical=3.0),
    "disappointed": EmotionTuning(apology_and_follow_up=-6.0, canned=6.0),
}
LONG_REPLY = {"en": 110, "zh": 200}  # words (English) or characters (Chinese) that make a reply long


def is_long(text: str, lang: str) -> bool:
    return (len(text.split()) if lang == "en" else len(normalize(text, lang).text)) > LONG_REPLY[lang]


def emotion_delta(score: ReplyScore, emotion: str, lang: str) -> float:
    """The emotion's own share of the mood change for a reply."""
    tuning = EMOTION_TUNING.get(emotion)
    items = score.items
    if tuning is None or items is None or not score.transcript.strip():
        return 0.0
    kinds = [f.kind for f in items.faults]
    categories = score.empathy.details.get("categories", {}) or {}
    delta = tuning.blame * sum(k in SEVERE_FAULTS for k in kinds) + tuning.canned * kinds.count("canned")
    if items.met("acknowledge") and (items.met("remedy") or items.met("ownership")):
        delta += tuning.ack_and_action
    if (items.met("timeline") or items.met("remedy")) and categories.get("reassurance"):
        delta += tuning.steps_and_reassurance
    if categories.get("apology") and "canned" not in kinds and items.met("ownership"):
        delta += tuning.apology_and_follow_up
    if is_long(score.transcript, lang) or "jargon" in kinds:
        delta += tuning.long_or_technical
    return delta


UNSURE_CONFIDENCE = 0.55  # a recognised reply whose words average less than this was not made out
# The small words any sentence of the language has: a reply without one is not language.
_FUNCTION_CHARS = frozenset("的了是我您你他她们这那在有不没就吗呢吧好会要能可以也都还和给把被让说对哪什么怎谁几多")


def is_unclear(score: ReplyScore, scenario: Scenario, confidences: Sequence[float] = ()) -> bool:
    """Words nobody could make sense of (a garbled recognition, keys hit at random): nothing of the
    rubric or the lexicons matched, and either (spoken) words the recogniser was unsure of, or not
    one of the small words every sentence has ("the", "you", "to"; "的", "您", "是"). A clear reply
    that only says little ("okay, bye", "不客气") is a reply, if an empty one."""
    text = score.transcript
    items = score.items
    if not text.strip() or items is None:
        return False
    if score.empathy.evidence or score.forbidden.evidence or items.faults or items.remedies:
        return False
    if any(hit.met or hit.partial for hit in items.hits.values()) or any(score.stages.values()):
        return False
    if confidences and sum(confidences) / len(confidences) < UNSURE_CONFIDENCE:
        return True
    lang = scenario.language.value
    norm = normalize(text, lang).text
    if lang == "zh":
        language = any(char in _FUNCTION_CHARS for char in norm)
    else:
        language = any(word in lexicon_en.STOPWORDS for word in norm.split())
    return not language and not set(content_terms(norm, lang)) & _case_words(scenario)


def _case_words(scenario: Scenario) -> frozenset[str]:
    """The case's own words: its briefing, key facts, remedies and every line of its customer."""
    lines = scenario.lines
    texts = [scenario.title, scenario.persona.name, scenario.briefing.caller, scenario.briefing.situation,
             *(f"{f.label} {f.value}" for f in scenario.briefing.facts), *scenario.briefing.policy_allows,
             *(phrase for point in (*scenario.key_facts, *scenario.solutions) for phrase in (point.label, *point.phrases)),
             *(line for stage in (lines.opening, lines.push, lines.solution, lines.wrap)
               for band in ("calm", "tense", "hostile") for line in stage.variants(band))]
    return frozenset(terms_of(texts, scenario.language.value))


@dataclass(frozen=True)
class ReplyContext:
    """What a reaction is judged with besides the reply: the moment and the call so far."""

    emotion: str
    band: str
    previous_replies: Sequence[str]  # the trainee's earlier (clear) replies
    asked: frozenset[str]  # the follow-ups the customer has asked already
    timeline_given: bool  # a time was said in this or an earlier reply
    owner_given: bool  # an owner was named in this or an earlier reply


def react(score: ReplyScore, scenario: Scenario, context: ReplyContext) -> tuple[Reaction, str]:
    """The most important thing the reply did or missed, and the words it used (for `{term}`)."""
    items = score.items
    if items is None or not score.transcript.strip():
        return Reaction.STAGE, ""
    lang = scenario.language.value
    faults = items.faults
    kinds = {f.kind for f in faults}
    if any(f.kind == "dismissive" and f.label in _CALM_DOWN_LABELS for f in faults):
        return Reaction.CALM_DOWN, ""
    if kinds & (set(SEVERE_FAULTS) | {"scenario"}):
        return Reaction.BLAMED, ""
    if kinds & {"hard_sell", "upsell"}:
        return Reaction.HARD_SELL, ""
    if context.emotion == "anxious" and (is_long(score.transcript, lang) or "jargon" in kinds):
        return Reaction.TOO_LONG, ""
    if "jargon" in kinds:
        return Reaction.JARGON, _first(faults, "jargon")
    missing = set(getattr(score.moment, "missing", ()) or ())
    if context.band == "hostile" and "acknowledge" in missing:
        return Reaction.IGNORED_FEELINGS, ""
    said = normalize(score.transcript, lang).text
    if any(normalize(before, lang).text == said for before in context.previous_replies):
        return Reaction.REPEATED, ""
    if context.emotion == "disappointed" and "canned" in kinds:
        return Reaction.WITHDRAWN, ""
    if "vague" in kinds and not items.met("timeline"):
        return Reaction.VAGUE_PROMISE, _first(faults, "vague")
    if _asks_for_case_detail(score.transcript, scenario):
        return Reaction.ALREADY_TOLD, ""
    if items.met("holding") and not (items.met("remedy") or items.met("cause")):
        return Reaction.HOLDING, ""
    if items.met("remedy") and not context.timeline_given and Reaction.ASK_TIME not in context.asked:
        return Reaction.ASK_TIME, ""
    if items.met("remedy") and not context.owner_given and Reaction.ASK_OWNER not in context.asked:
        return Reaction.ASK_OWNER, ""
    return Reaction.STAGE, ""


def _first(faults: Iterable, kind: str) -> str:
    return next((f.text for f in faults if f.kind == kind), "")


def _asks_for_case_detail(text: str, scenario: Scenario) -> bool:
    lang = scenario.language.value
    norm = normalize(text, lang).text
    match = _ASKS_FOR[lang].search(norm)
    if match is None:
        return False
    asked = set(content_terms(norm[match.start():match.end() + 30], lang))
    return bool(asked & terms_of([f.label for f in scenario.briefing.facts], lang))


def reaction_lines(scenario: Scenario, code: str) -> tuple[str, ...]:
    """The scenario's own lines for a reaction, else the defaults for its emotion and language."""
    own = scenario.lines.reactions.get(code)
    if own:
        return tuple(own)
    lang = scenario.language.value
    return _DEFAULT_LINES[lang][scenario.persona.emotion.value].get(code, ())


def unresolved_line(scenario: Scenario) -> str:
    return scenario.lines.unresolved or _DEFAULT_UNRESOLVED[scenario.language.value]


def pick_line(options: Sequence[str], said: set[str], seed: str, term: str = "") -> str | None:
    """A line not said yet in this call, chosen from the call itself (`seed`: what was just said
    and when), so a replay of the same replies hears the same lines. None when all were said."""
    fresh = [line for line in options if _filled(line, term) not in said and ("{term}" not in line or term)]
    if not fresh:
        return None
    return _filled(fresh[zlib.crc32(seed.encode("utf-8")) % len(fresh)], term)


def _filled(line: str, term: str) -> str:
    return line.replace("{term}", term) if term else line

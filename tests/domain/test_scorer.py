"""Focused behaviour of the scorer: dimensions, negation, evidence, pace and tips."""

from __future__ import annotations

import pytest

from app.domain.scoring import WordTiming
from app.domain.scoring.text import is_cjk

GOOD_EN = (
    "I'm really sorry, I can hear how frustrating this is. So just to confirm, the headphones you ordered on "
    "the 15th with express delivery still haven't arrived, is that right? The reason is the parcel got stuck at "
    "the regional depot. I'll send a replacement by next day courier today and refund the express fee, and "
    "I'll email you the tracking number within 24 hours. Is there anything else I can help with?"
)
CURT_EN = "Calm down. It's the courier's fault, nothing I can do. You should have ordered earlier."
GOOD_ZH = (
    "非常抱歉让您久等了，我特别理解您的着急。我跟您确认一下，您是15号下的订单，到现在还没收到，对吗？"
    "这是因为包裹在中转站滞留了。我马上为您补发，今天下午5点前给您回电话告诉您新的单号。还有其他可以帮您的吗？"
)
CURT_ZH = "你冷静一点，这不归我管，是你自己地址填错了。"


@pytest.mark.parametrize(("lang", "good", "curt", "scenario_id"), [
    ("en", GOOD_EN, CURT_EN, "en-complaint-late-parcel"),
    ("zh", GOOD_ZH, CURT_ZH, "zh-complaint-lost-passport-parcel"),
])
def test_full_reply_beats_curt_reply_on_every_dimension(scorer, library, lang, good, curt, scenario_id):
    scenario = library.get(scenario_id)
    words_good = _timed(good, lang, rate=150 if lang == "en" else 200)
    words_curt = _timed(curt, lang, rate=260 if lang == "en" else 330)
    g = scorer.score(good, lang, scenario, words_good, latency_s=1.0)
    c = scorer.score(curt, lang, scenario, words_curt, latency_s=1.0)
    for name in ("empathy", "forbidden", "structure", "pace"):
        assert g.dimensions[name].score > c.dimensions[name].score, name
    assert g.overall >= 80 and c.overall <= 25
    assert all(g.stages.values()), g.stages


def test_json_contract(scorer):
    data = scorer.score(GOOD_EN, "en").to_dict()
    assert set(data) == {"lang", "transcript", "overall", "dimensions", "tips"}
    assert data["dimensions"]["pace"] is None
    assert set(data["dimensions"]["structure"]["stages"]) == {
        "acknowledge", "restate", "cause", "solution", "next_step", "closing"}
    assert all(isinstance(v, bool) for v in data["dimensions"]["structure"]["stages"].values())
    for ev in data["dimensions"]["empathy"]["evidence"]:
        assert set(ev) >= {"start", "end", "text"}


@pytest.mark.parametrize(("text", "lang"), [
    ("I don't understand why you're upset.", "en"),
    ("I'm sorry you feel that way.", "en"),
    ("I understand, but that's the policy and there's nothing I can do.", "en"),
    ("I do not appreciate how you are talking to me.", "en"),
    ("我不理解您为什么这么生气。", "zh"),
    ("没什么好抱歉的，规定就是这样。", "zh"),
    ("我理解，但是规定就是规定。", "zh"),
    ("如果让您觉得不舒服，那我也没办法。", "zh"),
])
def test_negated_or_insincere_empathy_is_not_empathy(scorer, text, lang):
    result = scorer.score(text, lang)
    assert result.empathy.score == 0, result.empathy.evidence
    assert result.empathy.details["negated"] >= 1
    assert not result.stages["acknowledge"]


@pytest.mark.parametrize(("text", "lang"), [
    ("I can't imagine how stressful this has been.", "en"),
    ("Don't worry, it's not your fault at all.", "en"),
    ("Oh no, that must be really disappointing.", "en"),
    ("您不用道歉，这不是您的问题。", "zh"),
    ("您先别着急，我们一起来处理。", "zh"),
])
def test_sincere_empathy_with_negative_words_still_counts(scorer, text, lang):
    result = scorer.score(text, lang)
    assert result.empathy.score > 0 and result.empathy.details["negated"] == 0, result.empathy.evidence


def test_evidence_offsets_point_at_matched_text(scorer):
    text = "Hello.  I’m SO sorry — really. Calm down though."
    result = scorer.score(text, "en")
    [apology] = [e for e in result.empathy.evidence if e.kind == "apology"]
    assert text[apology.start:apology.end] == "I’m SO sorry"
    [calm] = result.forbidden.evidence
    assert text[calm.start:calm.end] == "Calm down"


def test_chinese_offsets_survive_spaces(scorer):
    text = "非常 抱歉 ， 让 您 久等 了"
    result = scorer.score(text, "zh")
    apology = next(e for e in result.empathy.evidence if e.kind == "apology")
    assert text[apology.start:apology.end] == "非常 抱歉"


def test_scenario_forbidden_phrase_counts(scorer, library):
    scenario = library.get("en-complaint-late-parcel")
    plain = scorer.score("You should have ordered earlier.", "en")
    with_scenario = scorer.score("You should have ordered earlier.", "en", scenario)
    assert with_scenario.forbidden.score <= plain.forbidden.score
    assert any(e.kind in ("scenario", "blame") for e in with_scenario.forbidden.evidence)


def test_key_facts_count_towards_restating(scorer, library):
    scenario = library.get("en-complaint-late-parcel")
    text = "Your birthday present from the 15th is late."
    assert not scorer.score(text, "en").stages["restate"]
    result = scorer.score(text, "en", scenario)
    assert result.stages["restate"]
    assert set(result.structure.details["key_facts_covered"]) >= {"order_date", "birthday"}


def test_stage_order_is_reported(scorer):
    result = scorer.score("I'll send a replacement today. I'm so sorry about this.", "en")
    assert result.stages["solution"] and result.stages["acknowledge"]
    assert result.structure.details["order_ok"] is False


def _timed(text: str, lang: str, rate: float, gap: float = 0.0) -> list[WordTiming]:
    """Recogniser-shaped word timings: evenly spread at `rate` units per minute, with an
    optional silence of `gap` seconds before the second half of the reply."""
    units = [c for c in text if is_cjk(c)] if lang == "zh" else [w.strip(".,?!") for w in text.split()]
    step = 60.0 / rate
    half = len(units) // 2
    return [
        WordTiming(u, 0.5 + i * step + (gap if i >= half else 0), 0.5 + (i + 0.9) * step + (gap if i >= half else 0))
        for i, u in enumerate(units)
    ]


def test_pace_in_band_scores_higher_than_too_fast_or_slow(scorer):
    scores = {rate: scorer.score(GOOD_EN, "en", words=_timed(GOOD_EN, "en", rate)).pace for rate in (100, 155, 240)}
    assert scores[155].score == 100
    assert scores[100].score < 100 and scores[240].score < 100
    assert abs(scores[155].details["rate"] - 155) < 8
    assert scores[240].details["unit"] == "wpm"
    assert "Slow down" in scores[240].tip


def test_chinese_pace_is_characters_per_minute(scorer):
    pace = scorer.score(GOOD_ZH, "zh", words=_timed(GOOD_ZH, "zh", 200)).pace
    assert pace.details["unit"] == "cpm" and 185 <= pace.details["rate"] <= 215 and pace.score == 100


def test_long_pauses_fillers_and_latency_are_reported(scorer):
    text = "Um, I'm sorry, uh, you know, I'll send a replacement today."
    words = _timed(text, "en", 150, gap=3.0)
    pace = scorer.score(text, "en", words=words, latency_s=45.0).pace
    assert len(pace.details["long_pauses"]) == 1 and pace.details["long_pauses"][0]["duration"] >= 2.9
    assert pace.details["fillers"] == 3
    assert pace.details["latency_over_limit"] is True
    assert pace.score < 60
    assert [e.text for e in pace.evidence] == ["Um", "uh", "you know"]


def test_agitated_caller_lowers_the_top_of_the_band(scorer, library):
    angry = library.get("en-complaint-late-parcel")
    words = _timed(GOOD_EN, "en", 165)
    assert scorer.score(GOOD_EN, "en", words=words).pace.score == 100
    assert scorer.score(GOOD_EN, "en", angry, words=words).pace.score < 100


def test_tips_are_in_the_reply_language(scorer):
    zh = scorer.score("收到。", "zh")
    en = scorer.score("Noted.", "en")
    assert zh.tips and all(any(is_cjk(c) for c in t) for t in zh.tips)
    assert en.tips and not any(is_cjk(c) for t in en.tips for c in t)
    assert len(zh.tips) <= 3


def test_unsupported_language_is_a_clear_error(scorer):
    with pytest.raises(ValueError, match="unsupported language"):
        scorer.score("bonjour", "fr")


def test_an_empty_reply_earns_nothing():
    from app.domain.scoring import ReplyScorer

    scorer = ReplyScorer()
    for text, lang in (("", "en"), ("   ...  ", "en"), ("", "zh"), ("。。。", "zh")):
        assert scorer.score(text, lang).overall == 0, (text, lang)


def test_invisible_and_control_characters_never_hide_words_or_reach_storage():
    from app.domain.dialogue import CallSession, ManualClock
    from app.domain.scoring import ReplyScorer
    from tests.conftest import REPO_ROOT

    scorer = ReplyScorer()
    hidden = "That's not my pro\u200bblem\x00, calm\u202e down."
    plain = "That's not my problem, calm down."
    assert scorer.score(hidden, "en").overall == scorer.score(plain, "en").overall
    assert scorer.score(hidden, "en").forbidden.score < 100  # the blame is found, zero-width space or not
    from app.domain.scenarios import load_library

    scenario = load_library([REPO_ROOT / "scenarios"]).get("en-complaint-late-parcel")
    call = CallSession(scenario, scorer, ManualClock())
    call.start()
    turn = call.reply("I'm sorry\x00 about the wait\u200b.")
    assert turn.reply_text == "I'm sorry about the wait."  # what is stored (PostgreSQL refuses NUL)
    long_turn = CallSession(scenario, scorer, ManualClock())
    long_turn.start()
    assert len(long_turn.reply("非常" * 20000).reply_text) == 4000  # bounded: scoring stays quick


def test_a_cyrillic_or_greek_lookalike_letter_does_not_hide_a_fault():
    """Hardening: "nоt my problem" with a Cyrillic "о" (or a Greek "ο") reads as what it looks like."""
    from app.domain.scoring import ReplyScorer

    scorer = ReplyScorer()
    plain = scorer.score("That's not my problem, calm down.", "en")
    for disguised in ("That's n\u043et my problem, calm d\u043ewn.", "Th\u0430t's not my pr\u03bfblem, c\u0430lm down."):
        score = scorer.score(disguised, "en")
        assert score.forbidden.score == plain.forbidden.score < 100
        assert score.overall == plain.overall
        assert score.transcript == disguised  # the evidence is shown as it was written

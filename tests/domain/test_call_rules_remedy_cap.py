"""Rules from the ninth tuning round (calls_tune_i: courteous, fluent mechanical calls), each on the
real scorer and engine: a call in which no remedy the policy allows was firmly offered cannot pass
and says why (in both languages), and the wording that was missed or misread."""

from __future__ import annotations

import pytest

from app.cli.report import format_call_result
from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer
from app.domain.scoring.call_score import NO_REMEDY_CALL_CAP
from app.domain.scoring.moments import Moment


@pytest.fixture(scope="module")
def scorer():
    return ReplyScorer()


def _play(library, scorer, scenario_id: str, replies: list[str]):
    call = CallSession(library.get(scenario_id), scorer, ManualClock())
    call.start()
    for reply in replies:
        if not call.finished:
            call.reply(reply, latency_s=2.0)
    if call.awaiting_goodbye:
        call.hang_up()
    return call.result or call.hang_up()


# Warm, restated, explained and owned, but the remedy is only "I'll sort it": no refund, no
# replacement, no voucher. The same call with the policy's remedies is the control.
WITHOUT_REMEDY = [
    "Daniel, I'm so sorry. Three calls about your daughter's birthday present is really frustrating. So the order "
    "from the 15th, with express delivery, still hasn't arrived, is that right?",
    "It's stuck because the regional depot never released it onto a van, and nobody told you that. That's on us.",
    "I'll sort it out for you, I promise, and I'll look after it personally.",
    "I'll call you back by 3 pm today myself with an update.",
    "Thanks, Daniel. So I'm on it and I'll call you by 3 pm. Anything else?",
]
WITH_REMEDY = WITHOUT_REMEDY[:2] + [
    "I'll refund the £6.50 express fee right now, and I'll send a replacement by next-day courier today, so it "
    "arrives before Saturday. I'm adding a £10 voucher for the calls.",
] + WITHOUT_REMEDY[3:]


def test_a_call_without_a_firm_remedy_is_capped_and_says_why(library, scorer):
    without = _play(library, scorer, "en-complaint-late-parcel", WITHOUT_REMEDY)
    call = without.call_score
    assert call.item("remedy").score is not None and call.item("remedy").score < 100
    assert call.capped_for == "no_remedy" and call.capped_by == NO_REMEDY_CALL_CAP
    assert call.score <= NO_REMEDY_CALL_CAP
    assert "no remedy the policy allows was firmly offered" in format_call_result(without, "en")
    assert "没有明确提出政策允许的解决办法" in format_call_result(without, "zh")
    control = _play(library, scorer, "en-complaint-late-parcel", WITH_REMEDY).call_score
    assert control.item("remedy").score == 100 and control.capped_for is None and control.score > 70


def test_a_remedy_named_inside_noncommittal_words_is_not_offered_and_does_not_break_the_scorer(library, scorer):
    """A remedy at the very end of a reply, inside the hedge ("...自行关闭"), once raised an
    IndexError; it is now simply not an offer."""
    video = library.get("zh-retention-video-membership")
    moment = Moment("solution", "tense", video.lines.solution.tense)
    for text in ("自动续费您可以在App里自行关闭", "您可以在App里自行关闭自动续费"):
        assert not scorer.score(text, "zh", video, moment=moment).items.met("remedy"), text
    assert scorer.score("我现在就帮您关闭自动续费", "zh", video, moment=moment).items.remedies == ["cancel_autorenew"]


@pytest.mark.parametrize(("scenario_id", "text", "kind"), [
    ("en-retention-loyalty-points", "Members are responsible for keeping their contact details up to date.", "blame"),
    ("en-enquiry-roaming-charges", "We do advise customers to check the roaming page before travelling.", "blame"),
    ("en-followup-appointment-rebooking", "I can't rush it just because you're worried, everyone's urgent.", "dismissive"),
    ("en-followup-appointment-rebooking", "Try not to get yourself so worked up about it.", "dismissive"),
    ("en-enquiry-roaming-charges", "I'd also highly recommend our Travel Unlimited add-on.", "sell"),
    ("en-retention-gym-membership", "It's only £24.99 a month.", "hard_sell"),
    ("en-retention-loyalty-points", "I'd love to run through the benefits you'd be giving up.", "hard_sell"),
    ("en-followup-refund-missing", "Please don't hesitate to contact us again.", "canned"),
    ("en-followup-refund-missing", "The team aim to respond within their usual timescales.", "vague"),
    ("zh-followup-phone-warranty", "多半是使用方式的问题，您心里得有数。", "blame"),
    ("zh-retention-kids-english-course", "这个您当时是签了字的，当初就不该一口气买这么多课。", "blame"),
    ("zh-complaint-lost-baggage", "现在是地勤在找，不是我们客服能控制的，您就先等着吧。", "dismissive"),
    ("zh-complaint-lost-baggage", "您的感受我们非常重视，还请您耐心等候。", "canned"),
    ("zh-retention-video-membership", "另外也向您推荐一下，我们有专属挽留价。", "sell"),
])
def test_wording_of_the_ninth_round(library, scorer, scenario_id, text, kind):
    scenario = library.get(scenario_id)
    lang = scenario.language.value
    moment = Moment("push", "tense", scenario.lines.push.tense)
    kinds = {f.kind for f in scorer.score(text, lang, scenario, moment=moment).items.faults}
    wanted = {"upsell", "hard_sell"} if kind == "sell" else {kind}  # a pitch in a retention call is a hard sell
    assert wanted & kinds, (text, kinds)


def test_a_sales_price_is_no_dismissal_and_a_span_of_days_is_a_time(library, scorer):
    gym = library.get("en-retention-gym-membership")
    moment = Moment("solution", "tense", gym.lines.solution.tense)
    kinds = {f.kind for f in scorer.score("It's only £24.99 a month.", "en", gym, moment=moment).items.faults}
    assert "dismissive" not in kinds
    fridge = library.get("zh-complaint-damaged-fridge")
    moment = Moment("solution", "calm", fridge.lines.solution.calm)
    score = scorer.score("可以免费换新，上门取旧送新，3到5天。", "zh", fridge, moment=moment)
    assert score.items.met("timeline")

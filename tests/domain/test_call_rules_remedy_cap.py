"""Rules from the ninth and tenth tuning rounds (calls_tune_i: courteous, fluent mechanical calls;
calls_tune_j: blame and brush-offs in ordinary words), each on the
real scorer and engine: a call in which no remedy the policy allows was firmly offered cannot pass
and says why (in both languages), and the wording that was missed or misread."""

from __future__ import annotations

import pytest

from app.cli.report import format_call_result
from app.domain.scoring import ReplyScorer
from app.domain.scoring.call_score import NO_REMEDY_CALL_CAP
from app.domain.scoring.moments import Moment
from tests.domain.test_call_rules_wording import _play


@pytest.fixture(scope="module")
def scorer():
    return ReplyScorer()


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
    # the tenth round (calls_tune_j): blame and brush-offs in ordinary, case-specific words
    ("en-complaint-late-parcel", "For a party on Saturday, ordering on the 15th was cutting it a bit fine.", "blame"),
    ("en-enquiry-banking-app-elderly", "Your grandson really should have shown you how it works.", "blame"),
    ("en-enquiry-estimated-bill", "You could have sent a reading in yourself at any time. Most customers spot it.", "blame"),
    ("en-complaint-missed-repair", "They don't put that for no reason. Was the bell working?", "blame"),
    ("en-complaint-late-parcel", "It's at the depot, it'll move when it moves.", "dismissive"),
    ("en-complaint-late-parcel", "There's not much I can do from here.", "dismissive"),
    ("en-complaint-card-blocked-abroad", "I can't just switch it back on because you're in a hurry.", "dismissive"),
    ("en-retention-gym-membership", "Before we look at cancelling, I'd really encourage you to consider our Off-Peak membership.", "sell"),
    ("en-complaint-missed-repair", "The engineer will be in touch nearer the time.", "vague"),
    ("zh-enquiry-mortgage-prepayment", "说明里都写着呢，是您选的日子不对。", "blame"),
    ("zh-retention-video-membership", "旧的那个要自己去解约，您没解，两边就都扣了。", "blame"),
    ("zh-enquiry-gas-card-elderly", "您回头问问她，我这边一条一条给您讲也讲不了那么细。", "dismissive"),
    ("zh-followup-phone-warranty", "温馨提示，我们目前推出碎屏保加延保服务包。", "sell"),
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


@pytest.mark.parametrize(("scenario_id", "text"), [
    ("zh-followup-value-added-charges", "是我们同事没把事办完，跟您没有关系。"),  # "您没有关" inside "没有关系"
    ("zh-followup-value-added-charges", "您没关系的，我来帮您关掉。"),
    ("en-complaint-card-blocked-abroad", "Our checks stopped it without looking at the travel notice, which they should have done."),
    ("zh-enquiry-price-protection", "页面写着30天价保，结果申请还被驳回了，换谁心里都不舒服。"),
    ("zh-retention-kids-english-course", "能退的，合同里写着，我用大白话给您讲。"),
    ("en-complaint-missed-repair", "If you'd been given the right information, you wouldn't be ringing a third time."),
    ("en-complaint-missed-repair", "If you had received our reminder you'd have known; it went to the old address, our mistake."),
    ("en-complaint-missed-repair", "Anyone would be upset, and you're not the only one I'd want to make this right for."),
    ("zh-retention-video-membership", "您没关自动续费也没关系，我现在就帮您关掉。"),
    ("zh-complaint-lost-baggage", "我们这边办不了的部分，我帮您转给理赔组，并且今天下午三点前给您回电。"),
    ("zh-enquiry-gas-card-elderly", "您没看到短信很正常，那条短信确实容易被忽略。"),
])
def test_owning_the_fault_or_quoting_the_page_is_no_blame(library, scorer, scenario_id, text):
    scenario = library.get(scenario_id)
    moment = Moment("push", "tense", scenario.lines.push.tense)
    kinds = {f.kind for f in scorer.score(text, scenario.language.value, scenario, moment=moment).items.faults}
    assert not kinds & {"blame", "dismissive", "argues"}, (text, kinds)


@pytest.mark.parametrize(("scenario_id", "owned", "blamed"), [
    ("en-retention-loyalty-points",
     "If you had checked the club profile you'd have seen it, but the reminders went to an old address: our mistake.",
     "The reminders went to an old address, our mistake. If you had checked the club profile you'd have seen it."),
    ("zh-enquiry-gas-card-elderly", "您没看清楚也难怪，是我们的问题，提示写得太小。", "提示写得太小，是我们的问题。您自己没看清楚。"),
])
def test_blame_words_in_a_sentence_where_the_agent_owns_the_fault_are_no_blame(library, scorer, scenario_id, owned, blamed):
    """Only the sentence that owns the fault is spared: blame in the next sentence still counts."""
    scenario = library.get(scenario_id)
    lang = scenario.language.value
    moment = Moment("push", "tense", scenario.lines.push.tense)
    kinds = {f.kind for f in scorer.score(owned, lang, scenario, moment=moment).items.faults}
    assert "blame" not in kinds, kinds
    kinds = {f.kind for f in scorer.score(blamed, lang, scenario, moment=moment).items.faults}
    assert "blame" in kinds, kinds

"""Rules from the seventh and eighth tuning rounds (calls_tune_g: polished mechanical calls,
soft-spoken blame; calls_tune_h: noncommittal remedies, polite blame),
each on the real scorer and engine: a call answered in stock phrases is capped and says why, an
acknowledgement inside stock phrases counts half, and the wording that was missed or misread."""

from __future__ import annotations

import pytest

from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer
from app.domain.scoring.call_score import MECHANICAL_CALL_CAP, CallTurn, score_call
from app.domain.scoring.moments import Moment


@pytest.fixture(scope="module")
def scorer():
    return ReplyScorer()


def _play(library, scorer, scenario_id: str, replies: list[str]):
    scenario = library.get(scenario_id)
    call = CallSession(scenario, scorer, ManualClock())
    call.start()
    for reply in replies:
        if not call.finished:
            call.reply(reply, latency_s=2.0)
    if call.awaiting_goodbye:
        call.hang_up()
    return call.result or call.hang_up()


STOCK_CALL = [
    "I do apologise for any inconvenience caused. So your order 48213 from the 15th still hasn't arrived, is that right?",
    "As per our delivery terms, the parcel was held at the regional depot because it was never released onto a van.",
    "In line with our policy, I can refund the express delivery fee and send a replacement by next-day courier.",
    "Rest assured, we take this very seriously. Someone from the courier team will be in touch.",
    "Thank you for being a valued customer. So that's the refund and the replacement. Anything else?",
]


def test_a_call_answered_in_stock_phrases_is_capped_and_says_why(library, scorer):
    """Scored as a call that the customer accepted (the engine's customer would rather escalate):
    the items alone would pass it; the stock phrases in every reply cap it."""
    parcel = library.get("en-complaint-late-parcel")
    stages = ("opening", "push", "solution", "wrap", "wrap")
    turns = []
    for index, (stage, reply) in enumerate(zip(stages, STOCK_CALL, strict=True)):
        moment = Moment(stage, "tense", getattr(parcel.lines, stage).tense)
        turns.append(CallTurn(index, moment, scorer.score(reply, "en", parcel, moment=moment).items, latency_s=2.0))
    call = score_call(turns, "en", parcel, outcome="resolved", end_reason="agreed")
    assert call.capped_for == "mechanical" and call.capped_by in MECHANICAL_CALL_CAP.values()
    assert call.score == call.capped_by <= 45


def test_a_reply_that_commits_an_owner_and_a_time_is_not_counted_as_mechanical(library, scorer):
    committed = [STOCK_CALL[0], "The parcel was held at the regional depot because it was never released onto a van.",
                 "In line with our policy, I'll refund the express fee today and I'll call you myself by 3 pm.",
                 "As per our process, I'll email you the tracking number within the hour.",
                 "Thanks, Daniel: the refund today and my call by 3 pm. Anything else?"]
    call = _play(library, scorer, "en-complaint-late-parcel", committed).call_score
    assert call.capped_for is None and call.score > 45


def test_an_acknowledgement_inside_stock_phrases_counts_half(library, scorer):
    stock = _play(library, scorer, "en-complaint-late-parcel", [
        "Thank you for calling. I completely understand your frustration and I do apologise for any inconvenience caused."]).call_score
    own = _play(library, scorer, "en-complaint-late-parcel",
                ["I'm so sorry, Daniel. Three calls about your daughter's birthday present is really frustrating."]).call_score
    apart = _play(library, scorer, "en-complaint-late-parcel", [
        "I'm so sorry, Daniel. Three calls about your daughter's birthday present is really frustrating. "
        "In line with our policy, I'll refund the express fee today."]).call_score  # the stock phrase is another sentence
    assert stock.item("first_empathy").score == 50 and own.item("first_empathy").score == 100
    assert apart.item("first_empathy").score == 100


def test_a_hedge_in_the_next_or_previous_sentence_leaves_a_firm_offer_alone(library, scorer):
    repair = library.get("en-complaint-missed-repair")
    moment = Moment("solution", "tense", repair.lines.solution.tense)
    before = scorer.score("Compensation may be considered. I'll book you a priority slot for tomorrow morning.", "en",
                          repair, moment=moment)
    after = scorer.score("I'm adding £30 compensation. A priority slot may be available.", "en", repair, moment=moment)
    assert "priority_rebook" in before.items.remedies and "compensation" not in before.items.remedies
    assert "compensation" in after.items.remedies and "priority_rebook" not in after.items.remedies
    price = library.get("zh-enquiry-price-protection")
    zh = scorer.score("这个可以帮您申请看看。我现在就给您提交人工复核，今天下班前给您回电话。", "zh", price,
                      moment=Moment("solution", "tense", price.lines.solution.tense))
    assert "manual_review" in zh.items.remedies


@pytest.mark.parametrize("lang, scenario_id, reply, kinds", [
    ("en", "en-followup-refund-missing", "The refund was never sent. You shouldn't have been told it was on its way. I'm sorry.", set()),
    ("en", "en-followup-refund-missing", "You shouldn't have to chase us for your own money.", set()),
    ("en", "en-enquiry-estimated-bill", "If you'd looked, you'd have seen it stopped.", {"blame"}),
    ("en", "en-complaint-late-parcel", "It's stuck at the depot. That's the courier, not us.", {"blame"}),
    ("en", "en-complaint-late-parcel", "Look, you ordered it less than a week before the party. That's cutting it fine.", {"blame"}),
    ("en", "en-enquiry-estimated-bill", "I can't give you dates. It's not really down to me.", {"dismissive"}),
    ("en", "en-enquiry-estimated-bill", "If you're not happy, you're free to switch.", {"dismissive"}),
    ("en", "en-complaint-late-parcel", "Ringing every day isn't going to make it come any faster.", {"dismissive"}),
    ("en", "en-complaint-late-parcel", "I'm not going to argue with you about it.", {"argues"}),
    ("en", "en-enquiry-roaming-charges", "I'd strongly recommend upgrading to our Unlimited Max plan.", {"hard_sell"}),
    ("en", "en-enquiry-estimated-bill", "The bill was worked out from what your home used at this time last year.", set()),
    ("zh", "zh-followup-phone-warranty", "才用三天又坏，您是不是用了非原装的充电线？", {"blame"}),
    ("zh", "zh-followup-phone-warranty", "这不是我们维修的问题，您自己寄过来检测吧。", {"dismissive"}),
    ("zh", "zh-followup-phone-warranty", "您爱修不修。", {"dismissive"}),
    ("zh", "zh-followup-phone-warranty", "没别的事我挂了啊。", {"dismissive"}),
    ("zh", "zh-followup-phone-warranty", "我叫刘佳，工号我挂了电话马上短信发您。", set()),
    ("zh", "zh-enquiry-price-protection", "亲，现在开通PLUS会员可以享受更多专属价保权益哦，首年只要99元。", {"hard_sell"}),
    # calls_tune_h: blame and brush-offs in polite words; "I'll deal with it" is ownership
    ("en", "en-retention-gym-membership", "If a letter turns up, forward it to me and I'll deal with it.", set()),
    ("en", "en-retention-loyalty-points", "With respect, it's the member's responsibility to keep the profile up to date.",
     {"argues"}),  # one span: the argument and the blame overlap
    ("en", "en-retention-loyalty-points", "It's the member's responsibility to keep the profile up to date.", {"blame"}),
    ("en", "en-retention-gym-membership", "It's always worth reading a contract carefully before you commit.", {"blame"}),
    ("en", "en-retention-loyalty-points", "A supervisor would tell you the same thing.", {"dismissive"}),
    ("zh", "zh-enquiry-price-protection", "您自己买之前不看清楚，现在说这些也没用。", {"blame", "dismissive"}),
    ("zh", "zh-enquiry-mortgage-prepayment", "可能您没太注意看，一般客户看一下都能明白。", {"blame"}),
    ("zh", "zh-complaint-damaged-fridge", "找负责人也是一样的结果哈，我们这边也没办法。", {"dismissive"}),
])
def test_wording_found_and_wording_not_misread(library, scorer, lang, scenario_id, reply, kinds):
    scenario = library.get(scenario_id)
    score = scorer.score(reply, lang, scenario, moment=Moment("push", "tense", scenario.lines.push.tense))
    found = {f.kind for f in score.items.faults}
    assert kinds <= found, found
    if not kinds:
        assert not found & {"blame", "dismissive", "argues", "hard_sell", "canned"}, found


def test_a_day_thanked_for_is_no_timeline_and_a_remedy_said_not_to_exist_is_not_offered(library, scorer):
    broadband = library.get("en-followup-broadband-outage")
    moment = Moment("solution", "tense", broadband.lines.solution.tense)
    thanks = scorer.score("Thank you for your call today.", "en", broadband, moment=moment)
    booked = scorer.score("I've booked an engineer for tomorrow morning.", "en", broadband, moment=moment)
    missing = scorer.score("There's no engineer appointment on the system.", "en", broadband, moment=moment)
    assert not thanks.items.met("timeline") and booked.items.met("timeline")
    assert "engineer" not in missing.items.remedies and "engineer" in booked.items.remedies


@pytest.mark.parametrize("lang, scenario_id, hedged, offered, remedy", [
    ("en", "en-complaint-missed-repair", "Priority slots may be available depending on engineer capacity.",
     "I'll book you a priority slot for tomorrow morning.", "priority_rebook"),
    ("en", "en-complaint-missed-repair", "With regard to compensation, a claim may be considered in line with the policy.",
     "I'm adding £30 compensation to your account today.", "compensation"),
    ("zh", "zh-enquiry-price-protection", "人工复核可以帮您申请看看，以审核结果为准。",
     "我现在就给您提交人工复核，今天下班前给您回电话。", "manual_review"),
])
def test_a_remedy_in_noncommittal_words_is_not_offered(library, scorer, lang, scenario_id, hedged, offered, remedy):
    scenario = library.get(scenario_id)
    moment = Moment("solution", "tense", scenario.lines.solution.tense)
    assert remedy not in scorer.score(hedged, lang, scenario, moment=moment).items.remedies
    assert remedy in scorer.score(offered, lang, scenario, moment=moment).items.remedies

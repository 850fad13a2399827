"""The rules of this scoring round, each on the real scorer and engine: the customer's agreement
answered by the trainee's closing, the civil-call floor, the closing with what was agreed, and the
wording rules (a disowned phrase, upselling, a Chinese refusal after the remedy, a customer's word
echoed, causes that explain nothing, a remedy named while checking back)."""

from __future__ import annotations

import re

import pytest

from app.domain.dialogue import CallSession, ManualClock
from app.domain.scoring import ReplyScorer
from app.domain.scoring.moments import Moment

NO_CLOSING = ("I'll call you myself by 3 pm today with the depot's answer.",
              "And you'll have an email with the tracking number within the hour.")


@pytest.fixture(scope="module")
def scorer():
    return ReplyScorer()


def _agreed_call(library, scorer) -> CallSession:
    """The model answer's first three replies, then two answers to "who and when" with no closing:
    the customer agrees."""
    parcel = library.get("en-complaint-late-parcel")
    call = CallSession(parcel, scorer, ManualClock())
    call.start()
    for reply in [*parcel.model_answer[:3], *NO_CLOSING]:
        call.reply(reply, latency_s=2.0)
    return call


def test_the_customer_agrees_and_the_trainee_closes_before_the_call_ends(library, scorer):
    call = _agreed_call(library, scorer)
    assert call.awaiting_goodbye and not call.finished
    assert call.current_line.text == library.get("en-complaint-late-parcel").lines.resolved
    call.reply("Thank you, Daniel. So: the express fee back today, and my call by 3 pm. Anything else I can do?")
    result = call.result
    assert result.outcome.value == "resolved" and result.final_line is None  # nothing more said after it
    assert result.call_score.item("closed_loop").score == 100


def test_hanging_up_after_the_customer_agreed_is_resolved_and_keeps_their_last_line(library, scorer):
    call = _agreed_call(library, scorer)
    result = call.hang_up()
    assert result.outcome.value == "resolved" and result.reason.value == "agreed"
    assert result.final_line.text == library.get("en-complaint-late-parcel").lines.resolved
    assert result.call_score.item("closed_loop").score == 0  # the loop was never closed


def test_a_blaming_goodbye_does_not_end_the_call_resolved(library, scorer):
    parcel = library.get("en-complaint-late-parcel")
    roomy = parcel.model_copy(update={"thresholds": parcel.thresholds.model_copy(update={"max_turns": 10})})
    call = CallSession(roomy, scorer, ManualClock())
    call.start()
    for reply in [*parcel.model_answer[:3], *NO_CLOSING]:
        call.reply(reply, latency_s=2.0)
    assert call.awaiting_goodbye
    call.reply("You should have ordered earlier, calm down.")
    assert not call.finished  # the customer does not just hang up happy: the call goes on
    assert call.current_line.text != parcel.lines.resolved or call.awaiting_goodbye


def test_an_agreement_on_the_last_allowed_reply_ends_the_call_at_once(library, scorer):
    parcel = library.get("en-complaint-late-parcel")
    short = parcel.model_copy(update={"thresholds": parcel.thresholds.model_copy(update={"max_turns": 5})})
    call = CallSession(short, scorer, ManualClock())
    call.start()
    for reply in [*parcel.model_answer[:3], *NO_CLOSING]:
        call.reply(reply, latency_s=2.0)
    assert call.finished and len(call.turns) == 5 and call.result.outcome.value == "resolved"


def test_a_hollow_but_civil_call_ranks_above_a_blaming_one_and_says_so(library, scorer):
    parcel = library.get("en-complaint-late-parcel")

    def play(replies):
        call = CallSession(parcel, scorer, ManualClock())
        call.start()
        for reply in replies:
            if not call.finished:
                call.reply(reply, latency_s=2.0)
        return call.result or call.hang_up()

    hollow = play(["Okay.", "Noted.", "Okay."]).call_score
    blaming = play(["It's the courier's fault.", "You should have ordered earlier.", "Calm down."]).call_score
    assert hollow.raised_to == 21 and hollow.score == 21 and hollow.capped_by is None
    assert blaming.score <= 20 < hollow.score and blaming.raised_to is None


def test_a_closing_without_what_was_agreed_counts_half(library, scorer):
    with_summary = _agreed_call(library, scorer)
    with_summary.reply("Thanks, Daniel: the refund today and my call by 3 pm. Anything else?")
    thanks_only = _agreed_call(library, scorer)
    thanks_only.reply("Thanks for calling, have a good day.")
    assert with_summary.result.call_score.item("closed_loop").score == 100
    assert thanks_only.result.call_score.item("closed_loop").score == 50


@pytest.mark.parametrize("reply, kinds", [
    ("I'm not going to tell you it's the courier's fault: the depot held it.", set()),
    ("It's the courier's fault.", {"blame"}),
    ("While I have you, you might be interested in our Premium Delivery membership.", {"hard_sell"}),
    ("While I have you, can I confirm your address?", set()),
])
def test_disowned_phrases_and_upselling(library, scorer, reply, kinds):
    parcel = library.get("en-complaint-late-parcel")
    score = scorer.score(reply, "en", parcel, moment=Moment("push", "tense", parcel.lines.push.tense))
    found = {f.kind for f in score.items.faults}
    assert kinds <= found and (kinds or not found & {"scenario", "hard_sell", "blame", "dismissive"})


def test_a_chinese_remedy_refused_after_it_is_not_offered(library, scorer):
    price = library.get("zh-enquiry-price-protection")
    moment = Moment("solution", "tense", price.lines.solution.tense)
    assert not scorer.score("退差价这个我这边确实做不了。", "zh", price, moment=moment).items.remedies
    assert scorer.score("我现在就给您提交人工复核，通过了就把差价退给您。", "zh", price, moment=moment).items.remedies


def test_a_word_the_customer_used_is_echoed_not_offered(library, scorer):
    broadband = library.get("en-followup-broadband-outage")
    opening = Moment("opening", "hostile", broadband.lines.opening.hostile)
    echo = scorer.score("Four calls, an engineer who never got booked, and you lost a client call.", "en",
                        broadband, moment=opening, customer_lines=("The engineer never came.",))
    offer = scorer.score("I'll book an engineer for tomorrow between eight and twelve.", "en", broadband,
                         moment=opening, customer_lines=("The engineer never came.",))
    assert "engineer" not in echo.items.remedies and "engineer" in offer.items.remedies


@pytest.mark.parametrize("reply", [
    "The consignment is showing a depot hold exception in our carrier management system.",
    "The reason is still being looked into, I'm afraid.",
    "It's stuck because you didn't put the right postcode in.",
])
def test_causes_that_explain_nothing(library, scorer, reply):
    parcel = library.get("en-complaint-late-parcel")
    score = scorer.score(reply, "en", parcel, moment=Moment("push", "tense", parcel.lines.push.tense))
    assert not score.items.met("cause")


@pytest.mark.parametrize("spoken", [False, True])
def test_a_remedy_named_while_checking_back_is_not_offered_typed_or_spoken(library, scorer, spoken):
    parcel = library.get("en-complaint-late-parcel")
    reply = ("Let me check I've got it: you want the express fee refunded and a replacement sent, is that right? "
             "I'll send a replacement by next-day courier today.")
    checked_only = "Let me check I've got it: you want the express fee refunded, is that right?"
    if spoken:
        reply, checked_only = (re.sub(r"[^\w' ]+", "", t).lower() for t in (reply, checked_only))
    moment = Moment("opening", "tense", parcel.lines.opening.tense)
    assert not scorer.score(checked_only, "en", parcel, moment=moment).items.remedies
    assert scorer.score(reply, "en", parcel, moment=moment).items.remedies == ["replacement"]

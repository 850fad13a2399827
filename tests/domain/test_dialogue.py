"""The dialogue engine: scripted calls through every scenario end the way a trainer would expect."""

from __future__ import annotations

import pytest

from app.domain.dialogue import CallSession, EndReason, ManualClock
from app.domain.scenarios import Scenario
from app.domain.scenarios.schema import Emotion, Ending, MoodBand, Stage
from tests.conftest import REPO_ROOT

SCENARIO_IDS = sorted(p.stem for p in (REPO_ROOT / "scenarios").glob("*.yaml"))


def empathetic_script(s: Scenario) -> list[str]:
    """A good trainee's call, built from the scenario's own briefing (facts and allowed remedies)."""
    facts = [kf.phrases[0] for kf in s.key_facts[:2]]
    remedy = s.solutions[0].phrases[0]
    name = s.persona.name
    if s.language.value == "zh":
        return [
            f"{name}，真的非常抱歉，让您这么着急，换作是我也会很难受。我跟您确认一下，是{facts[0]}，还有{facts[1]}，对吗？",
            "出现这个情况，是因为我们这边的系统处理出了问题，给您添麻烦了。",
            f"我现在马上为您办理：{remedy}。今天下午五点前我会亲自给您回电确认结果。",
            "感谢您的耐心和理解，请问还有其他需要我帮您的吗？",
        ]
    return [
        f"I'm really sorry, {name}, I can hear how stressful this has been. "
        f"Just to confirm, this is about the {facts[0]} and the {facts[1]}, is that right?",
        "This happened because of a processing error on our side, and I apologise for that.",
        f"Here is what I'm doing right now: {remedy}. I'll call you back by 5 pm today to confirm it's done.",
        "Thank you for your patience. Is there anything else I can help you with?",
    ]


def hostile_script(s: Scenario) -> list[str]:
    if s.language.value == "zh":
        return ["你先冷静一点，这不归我管，是你自己没看清楚。"] * 6
    return ["Calm down. That's not my department, and it's your own fault for not reading the terms."] * 6


def play(scenario: Scenario, scorer, replies: list[str]) -> CallSession:
    clock = ManualClock()
    session = CallSession(scenario, scorer, clock)
    session.start()
    for reply in replies:
        if session.finished:
            break
        clock.advance(2.0)
        session.reply(reply)
    if not session.finished:
        session.hang_up()
    return session


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_empathetic_call_ends_resolved(library, scorer, scenario_id):
    scenario = library.scenarios[scenario_id]
    session = play(scenario, scorer, empathetic_script(scenario))
    result = session.result
    assert result.outcome is Ending.RESOLVED, (scenario_id, result.reason, result.emotion_curve)
    assert result.reason is EndReason.AGREED
    assert result.emotion_curve[-1] < scenario.persona.intensity
    assert result.final_line.text == scenario.lines.resolved


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_hostile_call_ends_escalated(library, scorer, scenario_id):
    scenario = library.scenarios[scenario_id]
    session = play(scenario, scorer, hostile_script(scenario))
    result = session.result
    assert result.outcome is Ending.ESCALATED, (scenario_id, result.reason, result.emotion_curve)
    assert result.final_line.text == scenario.lines.escalated
    assert result.emotion_curve == sorted(result.emotion_curve), "a hostile script never calms the customer"


def test_every_emotion_is_covered_in_both_languages(library):
    covered = {(s.language.value, s.persona.emotion) for s in library.scenarios.values()}
    assert covered == {(lang, e) for lang in ("en", "zh") for e in Emotion}


def test_same_replies_give_the_same_call(library, scorer):
    scenario = library.scenarios["en-complaint-late-parcel"]
    replies = ["Sorry about that.", "It's the courier's fault.", "I'll send a replacement tomorrow."]
    first, second = (play(scenario, scorer, replies).result for _ in range(2))
    assert first.emotion_curve == second.emotion_curve
    assert [t.customer.text for t in first.turns] == [t.customer.text for t in second.turns]
    assert first.outcome == second.outcome


def test_customer_line_follows_stage_and_mood(library, scorer):
    scenario = library.scenarios["en-complaint-late-parcel"]
    session = CallSession(scenario, scorer, ManualClock())
    opening = session.start()
    assert opening.stage is Stage.OPENING and opening.text == getattr(scenario.lines.opening, opening.band.value)
    # Empathy without restating or a cause: the customer pushes for an explanation, calmer than before.
    turn = session.reply("I'm so sorry, I can hear how frustrating this is.")
    assert turn.intensity_after < turn.intensity_before
    assert session.current_line.stage is Stage.PUSH
    # A cause moves the call on to the solution stage.
    session.reply("It's stuck because the depot has a sorting backlog after the storm.")
    assert session.current_line.stage is Stage.SOLUTION
    assert session.current_line.text == getattr(scenario.lines.solution, session.band().value)


def test_forbidden_wording_and_silence_inflame(library, scorer):
    scenario = library.scenarios["en-complaint-late-parcel"]
    session = CallSession(scenario, scorer, ManualClock())
    session.start()
    blamed = session.reply("You should have ordered earlier.")
    assert blamed.intensity_after > blamed.intensity_before
    session = CallSession(scenario, scorer, ManualClock())
    session.start()
    silent = session.reply("")
    assert silent.intensity_after > silent.intensity_before
    assert session.current_line.text == scenario.lines.silence


def test_repeated_silence_abandons_the_call(library, scorer):
    scenario = library.scenarios["zh-enquiry-refund-progress"] if "zh-enquiry-refund-progress" in library.scenarios \
        else next(s for s in library.scenarios.values() if s.language.value == "zh")
    session = play(scenario, scorer, ["", ""])
    assert session.result.outcome is Ending.ABANDONED
    assert session.result.reason is EndReason.REPEATED_SILENCE


def test_latency_is_measured_from_the_end_of_the_customer_line(library, scorer):
    scenario = library.scenarios["en-complaint-late-parcel"]
    clock = ManualClock()
    session = CallSession(scenario, scorer, clock)
    session.start()
    clock.advance(30.0)  # the customer's line is played through the speaker
    session.customer_finished_speaking()
    clock.advance(4.5)
    turn = session.reply("I'm sorry, let me look into it.")
    assert turn.latency_s == pytest.approx(4.5)


def test_mood_bands_follow_the_scenario_thresholds(library, scorer):
    scenario = library.scenarios["en-complaint-late-parcel"]
    session = CallSession(scenario, scorer, ManualClock())
    th = scenario.thresholds
    assert session.band(th.hostile_from) is MoodBand.HOSTILE
    assert session.band(th.hostile_from - 1) is MoodBand.TENSE
    assert session.band(th.tense_from - 1) is MoodBand.CALM


def test_a_finished_call_refuses_more_replies(library, scorer):
    scenario = library.scenarios["en-complaint-late-parcel"]
    session = play(scenario, scorer, hostile_script(scenario))
    with pytest.raises(RuntimeError):
        session.reply("hello?")

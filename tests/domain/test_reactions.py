"""The customer reacts to what the trainee said (issue 16), on the real scorer and engine: for each
reaction kind and each emotion, in both languages, a reply that triggers it gets the matching line
and mood change; a stage line is never said twice; gibberish gets "you're breaking up" and no
score; the endings follow the mood; the scripted calls of known quality still resolve and escalate."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from app.domain.dialogue import CallSession, EndReason, ManualClock
from app.domain.dialogue.reactions import EMOTION_TUNING, Reaction, reaction_lines
from app.domain.scenarios.schema import Ending, Scenario
from app.domain.scoring import ReplyScorer
from tests.conftest import REPO_ROOT

EMOTIONS = ("angry", "anxious", "disappointed")
# A reply that triggers each reaction, said to a customer who is tense (not yet hostile).
TRIGGERS = {
    "en": {
        "calm_down": "Please calm down, sir.",
        "blamed": "It's your own fault, you should have checked the terms.",
        "jargon": "The risk engine flagged the ticket.",
        "vague_promise": "We'll look into it and get back to you as soon as possible.",
        "hard_sell": "While I have you, would you be interested in our premium plan? It's excellent value.",
        "holding": "Let me check that for you, one moment please.",
    },
    "zh": {
        "calm_down": "您先冷静一下。",
        "blamed": "这是您自己的问题，您没有看清楚。",
        "jargon": "系统显示工单状态为处理中。",
        "vague_promise": "这个我们尽量吧，您再等等。",
        "hard_sell": "顺便给您推荐一下我们新出的信用卡，限时办理送礼品。",
        "holding": "我帮您查一下，请稍等。",
    },
}
RAISES = {"calm_down", "blamed", "jargon", "vague_promise", "hard_sell", "already_told", "repeated", "too_long",
          "withdrawn", "ignored_feelings"}


@pytest.fixture(scope="module")
def scorer():
    return ReplyScorer()


def scenarios_of(library, lang: str, emotion: str) -> list[Scenario]:
    return [s for s in library.scenarios.values() if s.language.value == lang and s.persona.emotion.value == emotion]


def tense_call(scenario: Scenario, scorer) -> CallSession:
    call = CallSession(scenario, scorer, ManualClock())
    call.intensity = scenario.thresholds.tense_from + 5
    call.start()
    return call


def said_after(call: CallSession) -> str:
    if call.result is not None:
        return call.result.final_line.text if call.result.final_line else ""
    return call.current_line.text


def assert_reacts(call: CallSession, reply: str, code: str) -> None:
    turn = call.reply(reply)
    scenario = call.scenario
    assert turn.reaction == code, (scenario.id, reply, turn.reaction)
    line = said_after(call)
    answers = [option.split("{term}")[0] for option in reaction_lines(scenario, code)]
    assert any(line.startswith(answer) for answer in answers), (scenario.id, code, line)
    if code in RAISES:
        assert turn.intensity_after > turn.intensity_before, (scenario.id, code)
    else:
        assert turn.intensity_after <= turn.intensity_before, (scenario.id, code)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("emotion", EMOTIONS)
@pytest.mark.parametrize("code", sorted(TRIGGERS["en"]))
def test_each_reaction_gets_its_line_and_mood_change(library, scorer, lang, emotion, code):
    # an anxious customer asks for jargon to be said simply: long or technical
    code_expected = "too_long" if code == "jargon" and emotion == "anxious" else code
    for scenario in scenarios_of(library, lang, emotion)[:2]:
        assert_reacts(tense_call(scenario, scorer), TRIGGERS[lang][code], code_expected)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("emotion", EMOTIONS)
def test_already_told_repeated_and_ignored_feelings(library, scorer, lang, emotion):
    for scenario in scenarios_of(library, lang, emotion)[:2]:
        label = scenario.briefing.facts[0].label
        ask = f"Could you tell me the {label.lower()}, please?" if lang == "en" else f"请问您的{label}是多少？"
        assert_reacts(tense_call(scenario, scorer), ask, "already_told")
        call = tense_call(scenario, scorer)
        plain = "Okay, noted." if lang == "en" else "好，记下了。"
        call.reply(plain)
        if not call.finished:
            assert_reacts(call, plain, "repeated")
        call = CallSession(scenario, scorer, ManualClock())
        call.intensity = scenario.thresholds.hostile_from + 3
        call.start()
        facts = "The order shows on the account." if lang == "en" else "账户上能看到这笔记录。"
        assert_reacts(call, facts, "ignored_feelings")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_emotions_have_their_own_dynamics(library, scorer, lang):
    """Disappointed customers withdraw at canned phrases (the others do not); anxious ones ask for a
    long answer simply; angry ones calm most with acknowledgement plus action."""
    canned = "We apologise for any inconvenience caused." if lang == "en" else "给您带来的不便深表歉意。"
    for emotion in EMOTIONS:
        for scenario in scenarios_of(library, lang, emotion)[:2]:
            turn = tense_call(scenario, scorer).reply(canned)
            assert (turn.reaction == "withdrawn") == (emotion == "disappointed"), (scenario.id, turn.reaction)
    long_reply = " ".join(["The order went to the depot on the 17th and it is still there."] * 9)
    if lang == "zh":
        long_reply = "您的订单十七号到了仓库，现在还在那里。" * 12
    for scenario in scenarios_of(library, lang, "anxious")[:2]:
        assert_reacts(tense_call(scenario, scorer), long_reply, "too_long")
    assert EMOTION_TUNING["angry"].ack_and_action < 0 and EMOTION_TUNING["angry"].blame > 0
    assert EMOTION_TUNING["anxious"].steps_and_reassurance < 0 and EMOTION_TUNING["disappointed"].canned > 0


@pytest.mark.parametrize(("scenario_id", "remedy", "owned"), [
    ("en-complaint-late-parcel", "We can send a replacement by next-day courier.",
     "I'll send the replacement by next-day courier myself."),
    ("zh-complaint-lost-baggage", "可以把行李送到您的酒店。", "我会亲自盯着，把行李送到您的酒店。"),
])
def test_a_solution_without_a_time_or_an_owner_gets_a_follow_up(library, scorer, scenario_id, remedy, owned):
    scenario = library.get(scenario_id)
    call = tense_call(scenario, scorer)
    assert_reacts(call, remedy, "ask_time")
    call = tense_call(scenario, scorer)
    timed = ("We'll send a replacement by next-day courier tomorrow." if scenario.language.value == "en"
             else "明天下午可以把行李送到您的酒店。")
    assert call.reply(timed).reaction in {"ask_owner", "stage", "ask_why"}
    assert tense_call(scenario, scorer).reply(owned).reaction != "ask_owner"


@pytest.mark.parametrize("scenario_id", ["en-complaint-late-parcel", "zh-complaint-lost-baggage"])
def test_gibberish_gets_the_breaking_up_line_with_no_score_and_no_mood(library, scorer, scenario_id):
    scenario = library.get(scenario_id)
    call = CallSession(scenario, scorer, ManualClock())
    opening = call.start()
    turn = call.reply("asdf qwer zxcv" if scenario.language.value == "en" else "asdf")
    assert turn.unclear and turn.reaction == "unclear" and call.turns == []
    assert call.intensity == scenario.persona.intensity
    assert any(call.current_line.text == line for line in reaction_lines(scenario, "unclear"))
    assert call.current_line.stage == opening.stage  # what it asked still stands
    call.reply("zxcv asdf" if scenario.language.value == "en" else "qwer")
    result = call.result
    assert result is not None and result.outcome == Ending.ABANDONED and result.reason == EndReason.UNCLEAR_LINE
    assert result.call_score is None and result.turns == [] and len(result.exchanges) == 2


def test_no_line_is_said_twice_in_any_shipped_scenario(library, scorer):
    """The same reply five times, in every shipped scenario: the customer never repeats a line."""
    for scenario in library.scenarios.values():
        lang = scenario.language.value
        for reply in (scenario.model_answer[0], "I understand." if lang == "en" else "我理解。",
                      "Okay." if lang == "en" else "好的。", "It's your own fault." if lang == "en" else "这是您自己的问题。",
                      "asdf qwer" if lang == "en" else "asdf"):
            call = CallSession(scenario, scorer, ManualClock())
            said = [call.start().text]
            for _ in range(5):
                if call.finished:
                    break
                call.reply(reply)
                said.append(said_after(call))
            repeats = [line for line, n in Counter(line for line in said if line).items() if n > 1]
            assert not repeats, (scenario.id, reply, repeats)


def test_a_replay_hears_the_same_lines(library, scorer):
    scenario = library.get("en-complaint-late-parcel")
    runs = []
    for _ in range(2):
        call = CallSession(scenario, scorer, ManualClock())
        lines = [call.start().text]
        for reply in scenario.model_answer:
            if call.finished:
                break
            call.reply(reply)
            lines.append(said_after(call))
        runs.append(lines)
    assert runs[0] == runs[1]


def test_every_shipped_scenario_says_each_line_at_least_two_ways(library):
    for scenario in library.scenarios.values():
        for stage in ("opening", "push", "solution", "wrap"):
            for band in ("calm", "tense", "hostile"):
                variants = getattr(scenario.lines, stage).variants(band)
                assert len(variants) >= 2 and len(set(variants)) == len(variants), (scenario.id, stage, band)
        assert scenario.lines.unresolved, scenario.id


def test_running_out_of_turns_while_calm_without_a_next_step_is_unresolved(library, scorer):
    scenario = library.get("en-complaint-late-parcel")
    call = CallSession(scenario, scorer, ManualClock())
    call.intensity = 10
    call.start()
    while not call.finished:
        call.reply("I'm so sorry, Daniel, that sounds really frustrating.")
    assert call.result.outcome == Ending.UNRESOLVED and call.result.reason == EndReason.NO_NEXT_STEP
    assert call.result.final_line.text == scenario.lines.unresolved


def _calls(name: str) -> list[dict]:
    path = REPO_ROOT / "tests" / "data" / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_model_calls_resolve_and_blaming_calls_escalate(library, scorer):
    """The hidden-quality checks of the scoring issue, on the held-out calls: model calls resolve,
    blaming calls end escalated or abandoned, never resolved."""
    outcomes: dict[str, Counter] = {"model": Counter(), "blaming": Counter()}
    for row in _calls("calls_final.jsonl") + _calls("calls_final_b.jsonl"):
        if row["level"] not in outcomes:
            continue
        call = CallSession(library.get(row["scenario"]), scorer, ManualClock())
        call.start()
        for reply in row["replies"]:
            if not call.finished:
                call.reply(reply, latency_s=2.0)
        if call.awaiting_goodbye:
            call.hang_up()
        outcomes[row["level"]][call.result.outcome.value if call.result else "open"] += 1
    model, blaming = outcomes["model"], outcomes["blaming"]
    assert model["resolved"] >= 0.9 * sum(model.values()), model
    assert blaming["resolved"] == 0 and blaming["escalated"] > 0.5 * sum(blaming.values()), blaming


@pytest.mark.parametrize(("code", "line", "problem"), [
    ("shouting", "Stop!", "unknown reaction"),
    ("blamed", "What does {term} mean?", "has no {term}"),
    ("jargon", "What does {word} mean?", "only placeholder"),
])
def test_a_scenarios_own_reactions_are_checked(library, code, line, problem):
    data = library.get("en-complaint-late-parcel").model_dump(mode="json")
    data["lines"]["reactions"] = {code: [line]}
    with pytest.raises(ValueError, match=problem):
        Scenario.model_validate(data)
    data["lines"]["reactions"] = {}
    data["lines"]["opening"]["more"] = {"calm": [data["lines"]["opening"]["calm"]]}
    with pytest.raises(ValueError, match="given twice"):
        Scenario.model_validate(data)


def test_a_scenarios_own_reaction_lines_are_used(library, scorer):
    data = library.get("en-complaint-late-parcel").model_dump(mode="json")
    data["lines"]["reactions"] = {"calm_down": ["Calm down? I am calm, Daniel Price is always calm."]}
    scenario = Scenario.model_validate(data)
    call = tense_call(scenario, scorer)
    call.reply(TRIGGERS["en"]["calm_down"])
    assert said_after(call).startswith("Calm down? I am calm")
    assert Reaction.CALM_DOWN.value == "calm_down"

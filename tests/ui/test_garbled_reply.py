"""A spoken call in which the recogniser garbles one reply (issue 16): nonsense syllables spoken
into the PulseAudio virtual microphone, heard by the real recogniser. The customer asks to
repeat, the garbled words cost no score and no mood and are not kept as a turn, and the call goes
on with the next, clear reply."""

from __future__ import annotations

from app.domain.dialogue.reactions import reaction_lines
from app.storage import open_storage
from tests.ui.conftest import choose_trainee, start_scenario
from tests.ui.test_spoken_call import (  # noqa: F401 - fixtures used by the test below
    SCENARIO,
    SPOKEN_REPLIES,
    real_window,
    speakers,
    wait_listening,
)
from tests.voice_fixtures import render, speak_into_mic, synthesizer, virtual_mic  # noqa: F401

GARBLED = "blorf snizzle wop gronk fribble dap"


def test_a_garbled_reply_makes_the_customer_ask_again_and_the_call_goes_on(qtbot, real_window, render):  # noqa: F811
    window = real_window
    call = window.call
    choose_trainee(qtbot, window, "Kim Garble")
    start_scenario(qtbot, window, SCENARIO, wait=False)
    wait_listening(qtbot, window)
    assert call.input_mode == "voice", window.call_page.mode_label.text()
    intensity = call.session.intensity

    player = speak_into_mic(render(GARBLED))
    try:
        qtbot.waitUntil(lambda: len(call.session.exchanges) >= 1 and not call.processing, timeout=90000)
    finally:
        player.wait(30)
    garbled = call.session.exchanges[0]
    print(f"the recogniser heard {garbled.reply_text!r} for {GARBLED!r}")
    assert garbled.unclear and garbled.reaction == "unclear", garbled.reply_text
    assert call.session.turns == [] and call.session.intensity == intensity  # no score, no mood
    scenario = call.scenario
    assert call.active and call.session.current_line.text in reaction_lines(scenario, "unclear")
    assert "Not made out" in window.call_page.feedback_score.text()

    wait_listening(qtbot, window)
    player = speak_into_mic(render(SPOKEN_REPLIES[0]))
    try:
        qtbot.waitUntil(lambda: len(call.session.turns) == 1 and not call.processing, timeout=90000)
    finally:
        player.wait(30)
    turn = call.session.turns[0]
    assert not turn.unclear and turn.score.empathy.score > 0  # the call went on, and this reply counts
    assert turn.customer.text in reaction_lines(scenario, "unclear")  # it answered the request to repeat
    if call.active:
        window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=30000)
    assert window.runner.wait_for_lane("store", 15000)
    repository = open_storage()
    try:
        detail = repository.load_session(call.session_id)
        assert [t.reply_text for t in detail.turns] == [turn.reply_text]  # the garbled words are not a turn
        assert detail.turns[0].reaction == call.result.turns[0].reaction
    finally:
        repository.database.close()

# ruff: noqa: F811 - the fixtures imported below are used as test arguments
"""The customer's last line of a call is heard to its end (the app holds the clip's handle until it
has played), recorded back from the PulseAudio output the app plays on."""

from __future__ import annotations

from tests.ui.conftest import choose_trainee, start_scenario, type_reply
from tests.ui.test_spoken_call import SPEAKERS, open_real_window, real_window, speakers  # noqa: F401
from tests.voice_fixtures import recording_of_output, sox_speech_seconds, virtual_mic  # noqa: F401

SCENARIO = "zh-complaint-lost-baggage"  # no Chinese recogniser here: the trainee types, the customer speaks


def test_the_customers_last_line_is_heard(qtbot, real_window, tmp_path):
    window = real_window
    call = window.call
    replies = list(window.library.scenarios[SCENARIO].model_answer)
    choose_trainee(qtbot, window, "王芳")
    start_scenario(qtbot, window, SCENARIO, wait=False)
    for reply in replies[:-1]:
        qtbot.waitUntil(lambda: call.awaiting, timeout=120000)
        type_reply(qtbot, window, reply)
    qtbot.waitUntil(lambda: call.awaiting, timeout=120000)
    with recording_of_output(SPEAKERS, tmp_path / "last_line.wav") as heard:
        type_reply(qtbot, window, replies[-1])  # the customer agrees: the call ends on their last line
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=30000)
        assert call.result.outcome.value == "resolved" and call.result.final_line is not None
        qtbot.wait(15000)  # synthesised (~1 s) and spoken (~5 s), with room to spare
    assert call._last_line_playback is None  # played to its end, and let go
    assert sox_speech_seconds(heard) > 1.5, "the customer's last line was silent"

# ruff: noqa: F811 - the fixtures imported below are used as test arguments
""""Hear a model answer" from the report, on the real services: the model call is scored (every
scenario's model answer reaches 85 and resolves, see tests/domain calibration), shown with the
rubric items each reply shows, and spoken by espeak-ng clip by clip on a PulseAudio output whose
sound is recorded back with `parecord` (customer and agent both heard, not silence)."""

from __future__ import annotations

from app.ui.controllers.model_answer import AGENT, CUSTOMER, FINAL_LINE
from tests.ui.conftest import choose_trainee
from tests.ui.test_spoken_call import SPEAKERS, open_real_window, real_window, speakers  # noqa: F401
from tests.voice_fixtures import recording_of_output, sox_speech_seconds, virtual_mic  # noqa: F401

SCENARIO = "en-enquiry-banking-app-elderly"


def test_hear_a_model_answer_from_the_report(qtbot, real_window, tmp_path):
    window = real_window
    choose_trainee(qtbot, window, "Ada")
    # the report of a call the trainee hung up at once: the model answer is one click away
    scenario = window.library.scenarios[SCENARIO]
    window.report_page.show_report(_empty_report(scenario), scenario)
    window.show_page(window.report_page)
    assert window.report_page.model_button.isEnabled()
    window.report_page.model_button.click()
    qtbot.waitUntil(lambda: window.model_answer_dialog is not None, timeout=15000)
    dialog = window.model_answer_dialog
    assert dialog.call.call_score.score >= 85 and dialog.call.outcome.value == "resolved"
    text = dialog.text.toPlainText()
    assert scenario.model_answer[0][:40] in text and "✓ acknowledge the feeling" in text
    assert "Call score" in dialog.heading.text()

    started: list[tuple[int, str]] = []
    dialog.player.clip_started.connect(lambda index, side: started.append((index, side)))
    with recording_of_output(SPEAKERS, tmp_path / "model.wav") as heard:
        dialog.play_button.click()
        qtbot.waitUntil(lambda: not dialog.player.playing and bool(started), timeout=240000)
    turns = len(dialog.call.turns)
    assert started[:2] == [(0, CUSTOMER), (0, AGENT)]
    assert len(started) == 2 * turns + 1 and started[-1] == (FINAL_LINE, CUSTOMER)
    assert dialog.status.text() == "Finished."
    # every clip was heard to its end: several seconds of speech per reply
    assert sox_speech_seconds(heard) > 4.0 * turns
    dialog.close()


def _empty_report(scenario):  # type: ignore[no-untyped-def]
    from app.domain.dialogue import CallSession, ManualClock
    from app.domain.progress import build_call_report
    from app.domain.scoring import ReplyScorer

    call = CallSession(scenario, ReplyScorer(), ManualClock())
    call.start()
    return build_call_report(call.hang_up(), scenario.language.value)

"""The call page with a (scripted) voice service: push-to-talk, live cues, a lost microphone,
and replaying a spoken turn from the report."""

from __future__ import annotations

import wave

from PySide6.QtCore import Qt

from tests.ui.conftest import start_scenario, type_reply
from tests.ui.doubles import ScriptedVoice, write_silence_wav

SCENARIO = "en-complaint-late-parcel"
EMPATHETIC = ("I'm really sorry, I can hear how frustrating this is. So your express parcel from the 15th "
              "still hasn't arrived, is that right?")


def test_push_to_talk_holding_space_emits_pressed_and_released(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    page, call = window.call_page, window.call
    assert call.input_mode == "voice"
    assert voice.synthesized == [call.session.turns[0].customer.text if call.session.turns else
                                 call.session.current_line.text]
    assert voice.played, "the customer's line went to the output device"
    (capture,) = voice.captures
    assert capture.turns_begun == 1  # hands-free: listening as soon as the customer finished
    assert page.push_to_talk.enabled and page.talk_button.isEnabled()

    page.setFocus()
    with qtbot.waitSignal(page.push_to_talk.pressed, timeout=1000):
        qtbot.keyPress(page, Qt.Key.Key_Space)
    assert page.push_to_talk.held
    assert "release" in page.talk_button.text()
    with qtbot.waitSignal(page.push_to_talk.released, timeout=1000):
        qtbot.keyRelease(page, Qt.Key.Key_Space)
    assert not page.push_to_talk.held
    assert capture.turns_ended == 1  # release ends the turn

    # Space typed into the reply box is just a space.
    page.reply_box.setFocus()
    with qtbot.assertNotEmitted(page.push_to_talk.pressed):
        qtbot.keyClick(page.reply_box, Qt.Key.Key_Space)

    # The on-screen button does the same as Space.
    with qtbot.waitSignals([page.push_to_talk.pressed, page.push_to_talk.released], timeout=1000):
        qtbot.mousePress(page.talk_button, Qt.MouseButton.LeftButton)
        qtbot.mouseRelease(page.talk_button, Qt.MouseButton.LeftButton)


def test_spoken_reply_feeds_the_live_cues_and_the_report_replays_it(qtbot, make_window, store, tmp_path):
    voice = ScriptedVoice(tmp_path)
    window = make_window(store=store, voice=voice)
    from tests.ui.conftest import choose_trainee

    choose_trainee(qtbot, window)
    start_scenario(qtbot, window, SCENARIO)
    page, call = window.call_page, window.call
    recording = write_silence_wav(tmp_path / "reply1.wav")
    voice.captures[0].say(EMPATHETIC, audio=recording, wpm=150)
    qtbot.waitUntil(lambda: len(call.session.turns) == 1 and call.awaiting, timeout=3000)
    assert page.level_meter.level == 0.5
    assert page.partial_label.text() == ""  # cleared for the next turn
    turn = call.session.turns[0]
    assert turn.reply_text == EMPATHETIC
    assert turn.score.pace is not None  # spoken: the pace is measured from the word timings
    assert turn.latency_s == 1.2
    assert call.audio_by_turn == {0: recording}

    call.hang_up()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=3000)
    report = window.report_page
    pace_row = next(i for i, label in enumerate(report.item_labels) if label.text() == "Pace in band")
    assert report.item_labels[pace_row].isVisible() and report.item_bars[pace_row].isVisible()  # spoken: pace counts
    assert report.play_button.isEnabled()
    played_before = len(voice.played)
    report.play_button.click()
    assert voice.played[played_before:] == [recording]
    qtbot.waitUntil(lambda: "finish_session:completed" in store.calls, timeout=3000)
    (session,) = store.sessions.values()
    with wave.open(str(recording), "rb") as wav:  # the reply's sound, streamed to the store as it was said
        assert session.audio == {0: bytearray(wav.readframes(wav.getnframes()))}


def test_live_partial_transcript_and_pace_meter(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    from app.domain.scoring import WordTiming

    words = [WordTiming(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(["I", "am", "so", "sorry", "about", "this"])]
    window.call.bridge.partial("I am so sorry about this", words)
    qtbot.waitUntil(lambda: window.call_page.partial_label.text() == "I am so sorry about this", timeout=2000)
    assert window.call_page.pace_meter.rate == 6 * 60 / (5 * 0.4 + 0.3)
    assert "words/min" in window.call_page.pace_meter.value_label.text()


def test_microphone_lost_mid_call_falls_back_to_typing_without_losing_the_turn(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    page, call = window.call_page, window.call
    heard = "I'm so sorry about the delay"
    voice.captures[0].lose_device(heard, audio=write_silence_wav(tmp_path / "partial.wav"))
    qtbot.waitUntil(lambda: call.input_mode == "typed", timeout=2000)
    assert voice.captures[0].closed
    assert page.reply_box.toPlainText() == heard  # what was said so far is kept
    assert "disconnected" in page.notice_label.text()
    assert not page.talk_button.isEnabled() and not page.push_to_talk.enabled
    assert call.awaiting  # the call goes on
    page.reply_box.setPlainText(heard + ", I'll send a replacement today.")
    type_reply(qtbot, window, page.reply_box.toPlainText())
    assert call.session.turns[0].reply_text.startswith(heard)
    assert 0 in call.audio_by_turn  # the partial recording stays with the turn


def test_no_recogniser_for_the_language_means_typed_replies_with_the_reason(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path, engines={"en": "scripted", "zh": None})
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, "zh-complaint-lost-baggage")
    qtbot.waitUntil(lambda: "No speech recogniser for Chinese" in window.call_page.mode_label.text(), timeout=3000)
    assert window.call.input_mode == "typed"
    assert not voice.captures
    assert voice.played  # the customer still speaks


def _space(widget, press: bool, repeat: bool) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    kind = QEvent.Type.KeyPress if press else QEvent.Type.KeyRelease
    QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier, " ", repeat))


def test_held_space_auto_repeat_neither_ends_the_turn_nor_presses_buttons_after_the_call(qtbot, make_window, tmp_path):
    """X11 auto-repeat: a held key sends release+press pairs marked auto-repeat every ~30 ms."""
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    page, call = window.call_page, window.call
    (capture,) = voice.captures
    page.setFocus()
    _space(page, press=True, repeat=False)
    for _ in range(50):  # 1.5 s of auto-repeat
        _space(page, press=False, repeat=True)
        _space(page, press=True, repeat=True)
        qtbot.wait(30)
    assert page.push_to_talk.held and capture.turns_ended == 0 and call.awaiting  # still the trainee's turn
    _space(page, press=False, repeat=False)
    assert capture.turns_ended == 1

    # the call ends while Space is held: on the report, the auto-repeat presses nothing
    _space(page, press=True, repeat=False)
    window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    report = window.report_page
    report.retry_button.setFocus()
    for _ in range(30):
        _space(report.retry_button, press=False, repeat=True)
        _space(report.retry_button, press=True, repeat=True)
        qtbot.wait(20)
    # the key as the new page first sees it (a press it never saw go down), then let go
    _space(report.retry_button, press=True, repeat=False)
    _space(report.retry_button, press=False, repeat=False)
    qtbot.wait(100)
    assert window.stack.currentWidget() is window.report_page and not call.active  # "Try again" was not pressed
    assert not page.push_to_talk.enabled
    qtbot.keyClick(report.retry_button, Qt.Key.Key_Space)  # released: Space is an ordinary key again
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not window.report_page, timeout=5000)


def test_space_pressed_while_the_customer_speaks_does_nothing(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    page, call = window.call_page, window.call
    (capture,) = voice.captures
    call.awaiting = False  # as while the customer's line plays
    page.setFocus()
    _space(page, press=True, repeat=False)
    call.awaiting = True  # the line has ended and hands-free listening began; Space is still down
    _space(page, press=False, repeat=False)
    assert capture.turns_ended == 0  # the release of a press made before the turn ends nothing


def test_a_call_on_the_built_in_recogniser_offers_a_better_model_as_a_button(qtbot, make_window, tmp_path,
                                                                             monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    voice = ScriptedVoice(tmp_path)
    voice.builtin = {"en"}  # English heard by the built-in model, as pocketsphinx is
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    button = window.call_page.better_model_button
    assert button.isVisible() and button.text() == "Import a better English model…"
    model = tmp_path / "vosk-model-small-en-us-0.15.zip"
    model.write_bytes(b"zip")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(model), "")))
    button.click()
    qtbot.waitUntil(lambda: "Installed: vosk-model-small-en-us-0.15.zip (en)" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert window.call.active and window.stack.currentWidget() is window.call_page  # the call went on


def test_no_better_model_button_when_the_recogniser_is_already_an_official_model(qtbot, make_window, tmp_path):
    window = make_window(voice=ScriptedVoice(tmp_path))
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO)
    assert not window.call_page.better_model_button.isVisible()

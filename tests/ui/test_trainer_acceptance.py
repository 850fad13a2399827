# ruff: noqa: F811 - the fixtures imported below are used as test arguments
"""The trainer workspace's acceptance flow on a call recorded by the spoken-call test's flow, with
every real service: the SQLite database, espeak-ng, the virtual microphone, pocketsphinx, and the
replay's QMediaPlayer on a PulseAudio output whose sound is recorded back with `parecord`.

A trainer signs in (the first one sets the password), filters the sessions, opens the spoken call
and plays it: the customer's line, then the trainee's recording, with the lit word advancing with
playback time. The trainer comments and overrides a score with a reason; after a restart of the
app, the trainee's own report shows the original score and the override.
"""

from __future__ import annotations

import re

import pytest

from app.audio.clip_player import QtClipPlayer
from app.speech import load_speech_audio
from app.ui.controllers.replay_controller import SPEEDS
from tests.ui.conftest import choose_trainee, open_trainees_only_session
from tests.ui.test_spoken_call import (  # noqa: F401 - fixtures used by the tests below
    SPEAKERS,
    open_real_window,
    real_window,
    record_spoken_call,
    speakers,
)
from tests.voice_fixtures import (  # noqa: F401 - fixtures used by the tests below
    english_recognition,
    recording_of_output,
    render,
    sox_speech_seconds,
    synthesizer,
    virtual_mic,
)

TRAINER, PASSWORD = "Coach Wu", "correct horse 42"


def sign_in_from_the_main_window(qtbot, window):  # type: ignore[no-untyped-def]
    window.trainer_button.click()
    dialog = window.login_dialog
    qtbot.waitUntil(lambda: dialog.first_trainer is True, timeout=5000)
    dialog.name_edit.setText(TRAINER)
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: window.trainer_window is not None, timeout=15000)
    return window.trainer_window


def play_until(qtbot, controller, end_s: float, on_tick) -> None:  # type: ignore[no-untyped-def]
    def reached() -> bool:
        on_tick()
        return controller.position >= end_s or not controller.playing

    qtbot.waitUntil(reached, timeout=60000)
    controller.pause()


def test_trainer_replays_reviews_and_the_trainee_sees_it_after_a_restart(
        qtbot, qapp, real_window, render, english_recognition, tmp_path):
    window = real_window
    record_spoken_call(qtbot, window, render, "Sam Lee")
    session_id = window.call.session_id
    spoken = window.call.result.turns
    first_words = [w.word for w in spoken[0].words]

    workspace = sign_in_from_the_main_window(qtbot, window)
    assert workspace.viewer.name == TRAINER and workspace.viewer.is_trainer
    review = open_trainees_only_session(qtbot, workspace, "Sam Lee", timeout_ms=15000)
    replay = review.replay
    controller = replay.controller
    player = controller.player
    assert isinstance(player, QtClipPlayer) and player.device_name == SPEAKERS  # the output from Settings
    customer, trainee = controller.timeline.segments[0], controller.timeline.segments[1]
    assert (customer.side, trainee.side) == ("customer", "trainee") and customer.has_audio and trainee.has_audio

    # Call order at 2x: the customer's line, then the trainee's reply, with the lit word following.
    replay.speed_box.setCurrentIndex(SPEEDS.index(2.0))
    clips, lit, highlighted = [], [], []

    def follow() -> None:
        if player.current is not None and (not clips or clips[-1] != player.current.name):
            clips.append(player.current.name)
        word = replay.current_word
        if word is not None and (not lit or lit[-1] is not word):
            lit.append(word)
            marked = re.findall(r"background-color:#ffe066[^>]*>(?:<[^>]*>)*([^<]+)<", replay.transcript.toHtml())
            highlighted.append(marked == [word.text])

    with recording_of_output(SPEAKERS, tmp_path / "fast.wav") as fast:
        replay.play_button.click()
        play_until(qtbot, controller, trainee.end_s, follow)
    assert clips == ["0-customer.wav", "0-trainee.wav"]
    assert len(lit) >= 5 and all(word.turn_index == 0 and word.text in first_words for word in lit)
    starts = [word.start_s for word in lit]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)  # forward, word by word
    assert all(highlighted), highlighted  # the lit word is the one highlighted in the transcript
    heard = sox_speech_seconds(fast)
    assert heard > 0.6 * (customer.duration_s + trainee.duration_s) / 2, heard  # both sides reached the output

    # The trainee's reply at 1x is the trainee's own recording: the recogniser hears it again.
    replay.speed_box.setCurrentIndex(SPEEDS.index(1.0))
    controller.seek(trainee.start_s)
    with recording_of_output(SPEAKERS, tmp_path / "again.wav") as again:
        controller.play()
        play_until(qtbot, controller, trainee.end_s, lambda: None)
        qtbot.wait(300)
    transcript = english_recognition.transcribe(load_speech_audio(again)).result(60)
    assert {"understand", "frustrating"} & set(transcript.text.split()), transcript.text

    # Review: a comment at the playhead and an override with its reason.
    review.comment_edit.setText("Slow down after the apology.")
    review.submit_comment()
    qtbot.waitUntil(lambda: len(review.session.comments) == 1, timeout=10000)
    assert review.session.comments[0].offset_s == pytest.approx(controller.position, abs=0.1)
    review.turn_box.setCurrentIndex(review.turn_box.findData(0))
    review.dimension_box.setCurrentIndex(review.dimension_box.findData("overall"))
    original = review.session.report.turns[0].overall
    new_score = 88 if original != 88 else 87
    review.score_spin.setValue(new_score)
    review.reason_edit.setText("the apology came first, as the handbook asks")
    review.submit_override()
    qtbot.waitUntil(lambda: len(review.session.overrides) == 1, timeout=10000)
    workspace.close()

    # A restart: the app closes, and a new one opens the same database.
    window.close()
    window.services.close()
    restarted = open_real_window(qtbot, qapp, tmp_path / "restarted")
    try:
        choose_trainee(qtbot, restarted, "Sam Lee")
        qtbot.waitUntil(lambda: len(restarted.history.sessions) == 1, timeout=10000)
        restarted.history.open_session(session_id)
        page = restarted.report_page
        qtbot.waitUntil(lambda: restarted.stack.currentWidget() is page, timeout=10000)
        assert page.turns_table.item(0, 1).text() == f"{new_score} (was {original})"
        review_text = page.review_label.text()
        assert "the apology came first" in review_text and "Slow down after the apology." in review_text
        assert re.search(r"\b" + TRAINER, review_text), review_text
    finally:
        restarted.close()
        restarted.services.close()

# ruff: noqa: F811 - the voice fixtures imported below are used as test arguments
"""The desktop app on its real services: the session database (SQLite in the test's data folder),
espeak-ng for the customer, the PulseAudio virtual microphone and pocketsphinx for the trainee.

The trainee's replies are rendered by espeak-ng and played into the virtual microphone with
`paplay`, exactly as a person speaking into a headset would reach the app.
"""

from __future__ import annotations

import re
import statistics
import subprocess

import pytest
from PySide6.QtCore import Qt

from app.settings import SettingsFile
from app.storage import SIDE_CUSTOMER, SIDE_TRAINEE, STATUS_FINISHED, open_storage
from app.ui.services import AppServices, production_services
from app.ui.stall_watchdog import StallWatchdog
from tests.conftest import REPO_ROOT
from tests.ui.conftest import choose_trainee, start_scenario
from tests.voice_fixtures import (  # noqa: F401 - fixtures used by the tests below
    _pactl,
    recording_of_output,
    render,
    replug_virtual_mic,
    sox_speech_seconds,
    speak_into_mic,
    synthesizer,
    unplug_virtual_mic,
    virtual_mic,
)

SCENARIO = "en-complaint-late-parcel"
SPEAKERS = "roleplay_speakers"  # a second null sink: the customer's voice must not leak into the mic
SPOKEN_REPLIES = (
    "I am so sorry for the wait, I understand how frustrating this is. I will fix this for you right now.",
    "Thank you for your patience. I will call you back tomorrow morning.",
)


@pytest.fixture(scope="module")
def speakers(virtual_mic):
    if SPEAKERS not in _pactl("list", "short", "sinks").stdout:
        _pactl("load-module", "module-null-sink", f"sink_name={SPEAKERS}", "norewinds=1",
               f"sink_properties=device.description={SPEAKERS}")
    assert SPEAKERS in _pactl("list", "short", "sinks").stdout
    return SPEAKERS


def open_real_window(qtbot, qapp, folder):  # type: ignore[no-untyped-def]
    """The main window on `production_services()` (the test's data folder), with the virtual
    microphone and the speakers chosen in its settings (kept in `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    settings_file = SettingsFile(folder / "settings.json")
    settings = settings_file.load()
    settings.input_device, settings.output_device = "trainee_mic", SPEAKERS
    settings.breathing_prompt = False
    settings_file.save(settings)
    services: AppServices = production_services("en")
    services.settings_file = settings_file
    services.scenario_paths = [REPO_ROOT / "scenarios"]
    assert services.store is not None and services.voice is not None, services.problems
    from app.ui.app import build_main_window

    window = build_main_window(qapp, services, ui_language="en")

    window.confirm_close_mid_call = lambda: True  # closing mid-call: the test answers "end the call"
    qtbot.addWidget(window)
    window.resize(1200, 820)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
    return window


@pytest.fixture
def real_window(qtbot, qapp, tmp_path, speakers):
    window = open_real_window(qtbot, qapp, tmp_path)
    yield window
    window.close()
    window.services.close()
    window.deleteLater()
    qapp.processEvents()


def wait_listening(qtbot, window, timeout_s: float = 120) -> None:
    """Until the customer's line has played and the microphone listens for the reply."""
    qtbot.waitUntil(lambda: not window.call.active or (window.call.awaiting and window.call.listening),
                    timeout=int(timeout_s * 1000))


def speak(qtbot, window, render, text: str) -> None:
    call = window.call
    turns_before = len(call.session.turns)
    wav = render(text)
    player = speak_into_mic(wav)
    try:
        qtbot.waitUntil(lambda: len(call.session.turns) > turns_before and not call.processing, timeout=90000)
    finally:
        player.wait(30)


def record_spoken_call(qtbot, window, render, trainee: str = "Sam Lee", stall_watchdog=None) -> None:
    """The spoken-call flow: pick a trainee, start the scenario, answer each customer line out loud
    (espeak-ng into the virtual microphone), hang up, and wait for the report."""
    call = window.call
    choose_trainee(qtbot, window, trainee)
    if stall_watchdog is not None:
        stall_watchdog.start()
    start_scenario(qtbot, window, SCENARIO, wait=False)
    wait_listening(qtbot, window)
    assert call.input_mode == "voice", window.call_page.mode_label.text()
    assert "pocketsphinx" in window.call_page.mode_label.text()  # the UI says which engine listens
    for text in SPOKEN_REPLIES:
        wait_listening(qtbot, window)
        if not call.active:
            break
        speak(qtbot, window, render, text)
    assert call.session.turns, "no spoken reply was heard"
    if call.active:
        window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=30000)
    if stall_watchdog is not None:
        stall_watchdog.stop()
    assert window.runner.wait_for_lane("store", 15000)


def test_spoken_english_call_is_heard_scored_stored_and_reported(qtbot, real_window, render, tmp_path):
    window = real_window
    call = window.call
    watchdog = StallWatchdog(window)
    live: list[tuple[int, float]] = []  # (turn being answered, live rate) while the trainee speaks
    call.live_pace.connect(lambda rate: live.append((len(call.session.turns), rate)) if rate else None)
    record_spoken_call(qtbot, window, render, "Sam Lee", watchdog)
    first = call.result.turns[0]
    # The live pace meter moved during the first reply, from the real recogniser's timed partial
    # words, and once the reply is under way (its second half: the first words give a jumpy rate)
    # it reads within 15 % of the pace the reply was scored with.
    first_live = [rate for turn, rate in live if turn == 0]
    final_rate = first.score.pace.details["rate"]
    settled = statistics.median(first_live[len(first_live) // 2:])
    print(f"live pace readings during reply 1: {[round(r) for r in first_live]}; settled {settled:.0f}; "
          f"scored pace {final_rate}")
    assert len(set(first_live)) >= 3, live
    assert abs(settled - final_rate) <= 0.15 * final_rate, (first_live, final_rate)
    assert {"understand", "frustrating"} <= set(first.reply_text.split()), first.reply_text
    assert first.words and first.latency_s is not None
    assert first.score.empathy.score > 0 and first.score.pace is not None

    result = call.result
    report = window.report_page
    assert report.turns_table.rowCount() == len(result.turns)
    shown = re.sub(r"\[[^\]]*\]", "", report.transcript.toPlainText())  # without the stage labels
    assert first.reply_text in shown
    assert report.play_button.isEnabled()  # the trainee's recording can be replayed
    # ... and is heard to its end: the app keeps the clip's handle until it has played
    with recording_of_output(SPEAKERS, tmp_path / "played_reply.wav") as heard:
        report.play_button.click()
        qtbot.waitUntil(lambda: report.playing, timeout=15000)
        assert report.play_button.text() == "Playing…" and not report.play_button.isEnabled()
        qtbot.waitUntil(lambda: not report.playing, timeout=60000)
    assert sox_speech_seconds(heard) > 2.0, "Play my reply was silent"
    print(f"longest GUI stall during the spoken call: {watchdog.longest_stall_ms:.1f} ms")

    # The database (opened afresh, as a trainer's copy of the app would) holds the whole call.
    session_id = call.session_id
    repository = open_storage()
    try:
        detail = repository.load_session(session_id)
        assert detail.summary.status == STATUS_FINISHED and detail.summary.trainee == "Sam Lee"
        assert [t.reply_text for t in detail.turns] == [t.reply_text for t in result.turns]
        assert detail.turns[0].words and detail.turns[0].dimensions["pace"].score >= 0
        assert detail.turns[0].recogniser == "pocketsphinx:en"  # what heard it (the CSV's recogniser column)
        assert detail.turns[0].overall == first.score.overall
        clip = repository.load_audio(session_id, 0, SIDE_TRAINEE)
        assert clip is not None and clip.sample_rate == 16000
        assert len(clip.pcm) / 2 / 16000 > 3.0  # the whole spoken reply was kept
        line = repository.load_audio(session_id, 0, SIDE_CUSTOMER)  # the line it answered, as spoken
        assert line is not None and line.frames / line.sample_rate > 1.0
    finally:
        repository.database.close()


def test_push_to_talk(qtbot, real_window, render):
    window = real_window
    call = window.call
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO, wait=False)
    wait_listening(qtbot, window)
    # Held down: a long pause inside the reply does not end the turn; the release does.
    window.call_page.talk_button.pressed.emit()
    wav = render(SPOKEN_REPLIES[0])
    silence = wav.with_name("pause.wav")
    subprocess.run(["sox", "-n", "-r", "22050", "-c", "1", str(silence), "trim", "0", "2.0"], check=True)
    for part in (wav, silence):
        player = speak_into_mic(part)
        qtbot.waitUntil(lambda p=player: p.poll() is not None, timeout=30000)  # the GUI keeps running
    qtbot.wait(300)
    assert call.awaiting and call.listening and not call.session.turns  # still listening after the pause
    window.call_page.talk_button.released.emit()
    qtbot.waitUntil(lambda: len(call.session.turns) == 1 and not call.processing, timeout=30000)
    assert "frustrating" in call.session.turns[0].reply_text


def test_microphone_removed_mid_call_falls_back_to_typing(qtbot, real_window, render):
    window = real_window
    call = window.call
    window.profile_page.guest_button.click()
    start_scenario(qtbot, window, SCENARIO, wait=False)
    wait_listening(qtbot, window)
    player = speak_into_mic(render(SPOKEN_REPLIES[0]))
    try:
        qtbot.wait(1500)
        unplug_virtual_mic()
        qtbot.waitUntil(lambda: call.input_mode == "typed", timeout=15000)
    finally:
        player.wait(30)
        replug_virtual_mic()
    assert "disconnected" in window.call_page.mode_label.text()
    # What had been heard is offered as a draft, and the turn is not lost: the trainee finishes it.
    draft = window.call_page.reply_box.toPlainText()
    assert draft.strip(), "the words heard before the microphone went are kept as a draft"
    window.call_page.reply_box.setPlainText(draft + " I will fix this for you right now.")
    window.call_page.reply_box.setFocus()
    qtbot.keyClick(window.call_page.reply_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(call.session.turns) == 1 and not call.processing, timeout=10000)
    assert call.session.turns[0].reply_text.startswith(draft.strip())


def test_chinese_call_with_typed_replies_is_stored(qtbot, real_window):
    """No Chinese Vosk model here: the customer still speaks (espeak-ng's Mandarin voice), the
    trainee types, and the session lands in the database like a spoken one."""
    from tests.ui.conftest import type_reply
    from tests.ui.doubles import replies_for

    window = real_window
    call = window.call
    choose_trainee(qtbot, window, "王芳")
    start_scenario(qtbot, window, "zh-complaint-lost-baggage", wait=False)
    qtbot.waitUntil(lambda: call.awaiting and call.input_mode == "typed", timeout=120000)
    assert "Import a model" in window.call_page.mode_label.text()  # says how to get Chinese recognition
    for reply in replies_for("zh"):
        qtbot.waitUntil(lambda: call.awaiting or not call.active, timeout=120000)
        if not call.active:
            break
        type_reply(qtbot, window, reply)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=120000)
    result = call.result
    assert window.runner.wait_for_lane("store", 15000)
    repository = open_storage()
    try:
        detail = repository.load_session(call.session_id)
        assert detail.summary.trainee == "王芳" and detail.summary.language == "zh"
        assert detail.summary.outcome == result.outcome.value
        assert [t.reply_text for t in detail.turns] == [t.reply_text for t in result.turns]
        assert all(t.recogniser == "typed" for t in detail.turns)
    finally:
        repository.database.close()


def test_settings_model_import_of_a_bad_zip_shows_the_real_error(qtbot, real_window, tmp_path):
    import zipfile

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../escape.txt", "zip-slip")
    window = real_window
    window.profile_page.guest_button.click()
    window.settings_button.click()
    page = window.settings_page
    with qtbot.waitSignal(page.controller.import_finished, timeout=30000) as finished:
        page.import_from(evil)  # language "automatic": the name does not say
    assert finished.args[0] is False
    assert "choose English or Chinese" in page.import_status.text(), page.import_status.text()
    page.import_language.setCurrentIndex(page.import_language.findData("en"))
    with qtbot.waitSignal(page.controller.import_finished, timeout=30000) as finished:
        page.import_from(evil)
    assert finished.args[0] is False
    status = page.import_status.text()
    assert status.startswith("Import failed:") and "../escape.txt" in status and "unsafe" in status, status
    assert not (tmp_path / "escape.txt").exists() and not (tmp_path.parent / "escape.txt").exists()

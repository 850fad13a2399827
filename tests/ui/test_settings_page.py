"""Settings: model import (a bad zip shows the error), the level test, devices, and persistence."""

from __future__ import annotations

import json
import zipfile

from tests.ui.doubles import ScriptedVoice


def bad_zip(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../escape.txt", "zip-slip")
    return path


def test_model_import_with_a_bad_zip_shows_the_error(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path, import_error="evil.zip: unsafe path ../escape.txt")
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    window.settings_button.click()
    page = window.settings_page
    with qtbot.waitSignal(page.controller.import_finished, timeout=3000) as finished:
        page.import_from(bad_zip(tmp_path))
    assert finished.args[0] is False
    assert page.import_status.text() == "Import failed: evil.zip: unsafe path ../escape.txt"
    assert "d03b3b" in page.import_status.styleSheet()  # shown as an error
    assert not page.import_progress.isVisible()
    assert page.import_zip_button.isEnabled()


def test_model_import_reports_progress_then_the_new_engine(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path, engines={"en": "pocketsphinx", "zh": None})
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    window.settings_button.click()
    page = window.settings_page
    qtbot.waitUntil(lambda: "pocketsphinx" in page.engine_labels["en"].text(), timeout=3000)
    assert "no model" in page.engine_labels["zh"].text()
    folder = tmp_path / "vosk-model-small-cn-0.22"
    folder.mkdir()
    page.import_language.setCurrentIndex(page.import_language.findData("zh"))
    with qtbot.waitSignal(page.controller.import_progress, timeout=3000) as progress:
        voice.engines["zh"] = "vosk"
        page.import_from(folder)
    assert progress.args[0] == 0.0 or progress.args[0] == 0.5
    qtbot.waitUntil(lambda: page.import_status.text().startswith("Installed:"), timeout=3000)
    assert "vosk-model-small-cn-0.22 (zh)" in page.import_status.text()
    qtbot.waitUntil(lambda: "vosk" in page.engine_labels["zh"].text(), timeout=3000)


def test_devices_voices_level_test_and_saved_settings(qtbot, make_window, tmp_path):
    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.profile_page.guest_button.click()
    window.settings_button.click()
    page = window.settings_page
    qtbot.waitUntil(lambda: page.mic_combo.count() == 2 and page.voice_combos["zh"].count() == 2, timeout=3000)
    assert page.mic_combo.itemText(1) == "Test microphone"
    page.mic_combo.setCurrentIndex(1)
    page.mic_combo.activated.emit(1)
    page.voice_combos["zh"].setCurrentIndex(1)
    page.voice_combos["zh"].activated.emit(1)
    page.silence_spin.setValue(1.2)

    page.test_button.click()
    assert page.controller.level_test_running
    assert page.test_button.text() == "Stop the test"
    voice.captures[-1].listener.level(0.7)
    qtbot.waitUntil(lambda: page.level_meter.level == 0.7, timeout=2000)
    window.library_button.click()  # leaving the page stops the test
    assert not page.controller.level_test_running
    assert voice.captures[-1].closed

    saved = json.loads(window.services.settings_file.path.read_text(encoding="utf-8"))
    assert saved["input_device"] == "mic1"
    assert saved["tts_voice"] == {"zh": "zh-1"}
    assert saved["endpoint_silence_s"] == 1.2
    assert str(window.services.settings_file.path) == page.data_values[0].text()


def test_without_voice_the_audio_settings_say_so(qtbot, make_window):
    window = make_window()
    window.profile_page.guest_button.click()
    window.settings_button.click()
    page = window.settings_page
    assert page.voice_notice.isVisible()
    assert not page.mic_box.isEnabled() and not page.recognition_box.isEnabled()
    assert "not available" in page.engine_labels["en"].text()
    assert "no storage" in page.data_values[2].text()


def test_settings_file_keeps_what_it_does_not_know_and_reports_a_broken_file(tmp_path):
    from app.settings import SettingsFile, UiSettings

    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    file = SettingsFile(path)
    assert file.load() == UiSettings() and file.problem is not None and "not valid JSON" in file.problem.detail
    path.write_text(json.dumps({"ui_language": "fr", "endpoint_silence_s": 99, "exam_mode": True, "unknown": 1}),
                    encoding="utf-8")
    loaded = SettingsFile(path).load()
    assert loaded.ui_language == "en" and loaded.endpoint_silence_s == 3.0 and loaded.exam_mode is True
    SettingsFile(path).save(loaded)
    assert SettingsFile(path).load() == loaded and json.loads(path.read_text(encoding="utf-8"))["unknown"] == 1
    path.write_text(json.dumps({"subtitles": "yes"}), encoding="utf-8")
    file = SettingsFile(path)
    file.load()
    assert file.problem is not None and file.problem.key == "subtitles"


def test_the_storage_location_reads_as_a_place_not_a_url(qtbot, make_window, tmp_path):
    from app.storage import SessionRepository, open_storage
    from app.ui.adapters.storage_adapter import RepositorySessionStore
    from app.ui.ports import StorageLocation

    repository: SessionRepository = open_storage(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}")
    try:
        location = RepositorySessionStore(repository, tmp_path / "cache").describe_location()
    finally:
        repository.database.close()
    assert location == StorageLocation(False, str(tmp_path / "roleplay.sqlite3"))
    window = make_window()
    page = window.settings_page
    page.set_storage_location(location)
    assert page.data_values[2].text() == f"on this computer, in {tmp_path / 'roleplay.sqlite3'}"
    page.set_storage_location(StorageLocation(True, "db.centre.local:5432 / roleplay"))
    assert "sqlite" not in page.data_values[2].text() and "postgresql" not in page.data_values[2].text().lower()
    assert page.data_values[2].text() == "on the call centre's database server db.centre.local:5432 / roleplay"


def test_voices_are_named_by_their_accent_not_the_engines_description(qapp):
    from app.speech.pyttsx3_synthesizer import Pyttsx3Synthesizer
    from app.ui.i18n import UiTranslator
    from app.ui.labels import voice_name

    synthesizer = Pyttsx3Synthesizer()
    try:
        voices = synthesizer.voices().result(60)  # espeak-ng's own list, as the Settings page gets it
    finally:
        synthesizer.close()
    pinyin = next(v for v in voices if v.languages and v.languages[0] == "cmn-latn-pinyin")
    assert "latin as" in pinyin.name  # what espeak-ng calls it
    assert voice_name(pinyin.languages[0], pinyin.name) == "Mandarin Chinese (reads Pinyin)"
    translator = UiTranslator(qapp)
    try:
        assert translator.apply("zh_CN")
        shown = {voice_name(v.languages[0], v.name) for v in voices if v.languages and v.languages[0] in ("cmn", "en-us")}
        assert shown and all(not any("a" <= c.lower() <= "z" for c in name) for name in shown), shown
    finally:
        translator.apply("en")


def test_the_recognisers_line_follows_the_ui_language(qapp, tmp_path):
    from app.ui.adapters.voice_adapter import QtVoiceServices

    voice = QtVoiceServices(recordings_dir=tmp_path, ui_lang="en")
    try:
        assert voice.recognizer_engine("en").startswith("Speech recognition: pocketsphinx")
        voice.set_message_language("zh")  # the trainee switched the interface to Chinese
        assert voice.recognizer_engine("en").startswith("语音识别：pocketsphinx")
    finally:
        voice.close()


def test_switching_the_language_in_settings_switches_the_voices_messages(qtbot, make_window, tmp_path):
    from tests.ui.doubles import ScriptedVoice

    voice = ScriptedVoice(tmp_path)
    window = make_window(voice=voice)
    window.settings_controller.update(ui_language="zh_CN")
    assert voice.message_language == "zh"
    window.settings_controller.update(ui_language="en")
    assert voice.message_language == "en"

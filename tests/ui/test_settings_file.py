"""The Settings page saves through the one settings owner (`app.settings`): IT's keys and keys the
app does not know survive a change, and a broken file is reported and left as it was."""

from __future__ import annotations

import json

from tests.ui.doubles import ScriptedVoice


def open_settings(window):
    window.profile_page.guest_button.click()
    window.settings_button.click()
    return window.settings_page


def test_a_change_in_settings_keeps_the_database_the_trainee_and_unknown_keys(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"database_url": "postgresql://roleplay@db.centre.local/roleplay",
                                "trainee": "Chen Jing", "centre_note": {"floor": 3}, "subtitles": True}),
                    encoding="utf-8")
    window = make_window(voice=ScriptedVoice(tmp_path))
    page = open_settings(window)
    page.silence_spin.setValue(1.4)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["endpoint_silence_s"] == 1.4
    assert saved["database_url"] == "postgresql://roleplay@db.centre.local/roleplay"
    assert saved["trainee"] == "Chen Jing" and saved["centre_note"] == {"floor": 3}


def test_a_broken_settings_file_is_reported_and_left_as_it_was(qtbot, make_window, tmp_path):
    path = tmp_path / "settings.json"
    broken = '{"database_url": "postgresql://roleplay@db.centre.local/roleplay", "subtitles": "yes"}'
    path.write_text(broken, encoding="utf-8")
    window = make_window(voice=ScriptedVoice(tmp_path))
    assert str(path) in window.statusBar().currentMessage() and "could not be read" in window.statusBar().currentMessage()
    page = open_settings(window)
    page.silence_spin.setValue(1.4)
    assert path.read_text(encoding="utf-8") == broken  # not overwritten
    assert "could not be read" in page.save_status.text() and page.save_status.isVisible()
    path.write_text("{not json", encoding="utf-8")
    page.silence_spin.setValue(1.6)
    assert path.read_text(encoding="utf-8") == "{not json"


def test_the_storage_location_refuses_to_guess_past_a_broken_settings_file(tmp_path, monkeypatch):
    import pytest

    from app.storage import resolve_database_url
    from app.storage.errors import SettingsUnreadableError

    monkeypatch.setenv("ROLEPLAY_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ROLEPLAY_DATABASE_URL", raising=False)
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SettingsUnreadableError):
        resolve_database_url()

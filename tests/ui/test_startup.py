"""The app starts with no microphone, no speakers, no model and no (or an empty) database."""

from __future__ import annotations

from tests.conftest import run_cli


def test_starts_with_nothing_and_says_what_is_missing(qtbot, make_window):
    window = make_window(store=None, voice=None)
    assert window.stack.currentWidget() is window.profile_page
    assert window.profile_page.guest_button.isVisible()
    assert window.profile_page.notice.isVisible()
    assert "Typed replies only" in window.services_label.text()
    assert "not saved" in window.services_label.text()
    window.profile_page.guest_button.click()
    assert window.stack.currentWidget() is window.library_page
    assert len(window.library_page.cards) == 24
    assert window.library_page.recommended_frame.isVisible()
    window.progress_button.click()
    assert "not available" in window.progress_page.summary.text()


def test_starts_with_an_empty_store(qtbot, make_window, store):
    window = make_window(store=store)
    assert window.profile_page.intro.text() == "No profiles yet: create yours below."
    assert not window.profile_page.guest_button.isVisible()
    assert not window.profile_page.continue_button.isEnabled()


def test_library_filters_and_cards(qtbot, make_window):
    window = make_window()
    window.profile_page.guest_button.click()
    page = window.library_page
    assert page.recommended_card.scenario.language.value == "en"  # English UI, no history yet
    page.emotion_box.setCurrentIndex(page.emotion_box.findData("angry"))
    page.language_box.setCurrentIndex(page.language_box.findData("zh"))
    assert page.recommended_card.scenario.language.value == "zh"  # follows the language filter
    assert page.recommended_card.scenario.persona.emotion.value == "angry"  # and the emotion filter
    easiest = min(s.difficulty for s in window.library.scenarios.values()
                  if s.language.value == "zh" and s.persona.emotion.value == "angry")
    assert page.recommended_card.scenario.difficulty == easiest  # no history: the easiest first
    shown = page.visible_cards()
    assert shown and all(c.scenario.persona.emotion.value == "angry" and c.scenario.language.value == "zh"
                         for c in shown)
    page.difficulty_box.setCurrentIndex(page.difficulty_box.findData(3))
    page.family_box.setCurrentIndex(page.family_box.findData("retention"))
    if not page.visible_cards():
        assert page.empty_label.isVisible()
    card = shown[0]
    assert card.summary.text() and card.caller.text() == card.scenario.briefing.caller
    assert card.best_label.text() == "Not played yet"


def test_broken_scenario_files_are_reported_not_fatal(qtbot, make_window, tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: [unclosed", encoding="utf-8")
    window = make_window(scenario_paths=[folder])
    window.profile_page.guest_button.click()
    assert "could not be loaded" in window.library_page.status.text()
    assert not window.library_page.cards


def test_gui_command_is_listed():
    done = run_cli("--help")
    assert " gui " in done.stdout


def test_waits_over_half_a_second_show_progress_in_the_status_bar(qtbot, make_window):
    import time

    window = make_window()
    assert not window.busy_bar.isVisible()
    task = window.runner.run(time.sleep, 0.8, label="Importing the model…")
    qtbot.waitUntil(window.busy_bar.isVisible, timeout=2000)
    assert window.busy_label.text() == "Importing the model…"
    qtbot.waitUntil(lambda: task.done, timeout=3000)
    assert not window.busy_bar.isVisible()


def test_gui_command_without_a_display_says_so():
    done = run_cli("gui", env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert done.returncode == 2
    assert "no display found" in done.stderr


def test_gui_command_starts_and_reports_ready(tmp_path):
    done = run_cli("gui", "--exit-when-ready", "--ui-language", "zh_CN",
                   env={"QT_QPA_PLATFORM": "offscreen", "ROLEPLAY_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ")
    assert '"ui_language": "zh_CN"' in (tmp_path / "settings.json").read_text(encoding="utf-8")

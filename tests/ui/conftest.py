"""Fixtures of the desktop app tests: a main window on test doubles of storage and voice."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.settings import SettingsFile
from app.ui.app import build_main_window
from app.ui.main_window import MainWindow
from app.ui.services import AppServices
from tests.conftest import REPO_ROOT
from tests.ui.doubles import InMemorySessionStore, ScriptedVoice

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def store() -> InMemorySessionStore:
    return InMemorySessionStore()


@pytest.fixture
def make_window(qtbot, qapp, tmp_path) -> WindowFactory:
    """Build, show and start a main window; waits until it is usable."""
    windows: list[MainWindow] = []

    def make(store: InMemorySessionStore | None = None, voice: ScriptedVoice | None = None,
             ui_language: str = "en", scenario_paths: list[Path] | None = None) -> MainWindow:
        services = AppServices(store=store, voice=voice, scenario_paths=scenario_paths or [REPO_ROOT / "scenarios"],
                               settings_file=SettingsFile(tmp_path / "settings.json"))
        window = build_main_window(qapp, services, ui_language=ui_language)
        window.confirm_close_mid_call = lambda: True  # closing mid-call: the test answers "end the call"
        qtbot.addWidget(window)
        window.resize(1200, 820)
        window.show()
        window.start()
        qtbot.waitUntil(lambda: window.is_ready, timeout=15000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # interrupts a call, waits for the workers, gives garbage collection back
        window.translator.apply("en")
        window.deleteLater()
    qapp.processEvents()
    gc.collect()  # on the GUI thread, so no Qt object is destroyed by a worker thread later


def choose_trainee(qtbot, window: MainWindow, name: str = "Li Na") -> None:
    """Create a profile through the profile page and wait for the library."""
    page = window.profile_page
    page.name_edit.setText(name)
    page.create_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library_page, timeout=5000)


def start_scenario(qtbot, window: MainWindow, scenario_id: str, exam_mode: bool = False, wait: bool = True) -> None:
    """Open the scenario's card in the library, read the briefing, start the call (and, with `wait`,
    wait until the call waits for the first reply on the test doubles)."""
    page = window.library_page
    language = scenario_id.split("-")[0]
    page.language_box.setCurrentIndex(page.language_box.findData(language))
    card = next(c for c in page.visible_cards() if c.scenario.id == scenario_id)
    card.open_button.click()
    assert window.stack.currentWidget() is window.briefing_page
    window.briefing_page.breathing_check.setChecked(False)
    window.briefing_page.exam_check.setChecked(exam_mode)
    window.briefing_page.start_button.click()
    assert window.stack.currentWidget() is window.call_page
    if not wait:
        return
    voice = window.services.voice
    qtbot.waitUntil(lambda: window.call.awaiting and (voice is None or window.call.input_mode == "voice"
                                                      or not voice.recognizer_engine(scenario_id[:2])), timeout=5000)


def open_trainees_only_session(qtbot, workspace, trainee: str, timeout_ms: int = 10000):  # type: ignore[no-untyped-def]
    """In a trainer window's sessions browser: filter on `trainee`, who has exactly one session,
    open it, and wait until its review and replay are loaded. Returns the review page."""
    browser = workspace.browser
    qtbot.waitUntil(lambda: not browser.model.loading, timeout=timeout_ms)
    browser.trainee_box.setCurrentIndex(browser.trainee_box.findData(trainee))
    browser.apply_filters()
    qtbot.waitUntil(lambda: not browser.model.loading and browser.model.total == 1, timeout=timeout_ms)
    browser.table.selectRow(0)
    browser.open_selected()
    review = workspace.review
    qtbot.waitUntil(lambda: review.replay_loaded and review.session is not None, timeout=timeout_ms)
    return review


def type_reply(qtbot, window: MainWindow, text: str) -> None:
    """Type a reply in the reply box, press Enter, and wait until it has been scored."""
    call = window.call
    qtbot.waitUntil(lambda: call.awaiting, timeout=5000)
    turns_before = len(call.session.turns)
    window.call_page.reply_box.setFocus()
    window.call_page.reply_box.setPlainText(text)
    qtbot.keyClick(window.call_page.reply_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(call.session.turns) > turns_before and not call.processing, timeout=5000)

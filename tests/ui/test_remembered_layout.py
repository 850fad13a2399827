"""What the app remembers between starts: the library's filters and each window's size and place
(per screen); and a window that fits the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QRect

from app.settings import SettingsFile
from app.ui.app import build_main_window
from app.ui.services import AppServices
from app.ui.window_geometry import fitted
from tests.conftest import REPO_ROOT


def open_window(qtbot, qapp, settings_path):  # type: ignore[no-untyped-def]
    services = AppServices(scenario_paths=[REPO_ROOT / "scenarios"], settings_file=SettingsFile(settings_path))
    window = build_main_window(qapp, services, ui_language="en")
    window.confirm_close_mid_call = lambda: True
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.is_ready and window.library_page.cards_complete, timeout=15000)
    return window


def test_a_window_is_fitted_to_a_laptop_screen():
    laptop = QRect(0, 0, 1366, 728)  # 1366x768 less a 40-pixel panel
    rect = fitted(1180, 800, laptop)
    assert rect.height() <= 728 and rect.width() == 1180 and laptop.contains(rect)
    small = fitted(1300, 860, QRect(0, 0, 1280, 680))
    assert small.width() <= 1280 and small.height() <= 680 and QRect(0, 0, 1280, 680).contains(small)


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, qapp, tmp_path):
    window = open_window(qtbot, qapp, tmp_path / "settings.json")
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)
    window.close()


def test_filters_and_window_size_are_remembered(qtbot, qapp, tmp_path):
    settings = tmp_path / "settings.json"
    window = open_window(qtbot, qapp, settings)
    window.profile_page.guest_button.click()
    page = window.library_page
    page.emotion_box.setCurrentIndex(page.emotion_box.findData("angry"))
    page.language_box.setCurrentIndex(page.language_box.findData("zh"))
    smallest = window.minimumSizeHint()
    size = (max(700, smallest.width() + 10), max(560, smallest.height() + 10))
    window.resize(*size)
    qtbot.wait(50)
    window.close()

    again = open_window(qtbot, qapp, settings)
    page = again.library_page
    assert page.emotion_box.currentData() == "angry" and page.language_box.currentData() == "zh"
    assert all(c.scenario.language.value == "zh" and c.scenario.persona.emotion.value == "angry"
               for c in page.visible_cards())
    assert abs(again.width() - size[0]) <= 4 and abs(again.height() - size[1]) <= 4, (again.size(), size)
    again.close()


def test_the_count_follows_the_filters_and_the_recommendation_is_one_marked_card(qtbot, make_window):
    window = make_window()
    window.profile_page.guest_button.click()
    page = window.library_page
    total = len(window.library.scenarios)
    assert page.status.text().startswith(f"{total} scenarios")
    page.language_box.setCurrentIndex(page.language_box.findData("zh"))
    page.emotion_box.setCurrentIndex(page.emotion_box.findData("anxious"))
    shown = page.visible_cards()
    assert page.status.text().startswith(f"{len(shown)} of {total} scenarios")
    recommended = [c for c in page.cards if c.recommended]
    assert len(recommended) == 1 and recommended[0] is page.recommended_card
    assert shown[0] is page.recommended_card  # first in the grid, and only there
    assert page.recommended_card.scenario.persona.emotion.value == "anxious"  # follows the emotion filter too
    assert page.recommended_card.scenario.title in page.recommended_title.text()

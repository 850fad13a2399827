"""The UI language switches to 简体中文 at run time, with no untranslated strings on the main screens."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from app.ui.i18n import TRANSLATIONS_DIR, compile_translation
from app.ui.widgets.common import CONTENT_PROPERTY
from tests.ui.conftest import choose_trainee, start_scenario, type_reply
from tests.ui.doubles import ScriptedVoice, replies_for

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
ALLOWED_WORDS = {"scripted", "zip", "Shift", "CSV", "JSON", "PDF"}  # an engine's name, file types, a key cap


def is_content(widget: QWidget) -> bool:
    while widget is not None:
        if widget.property(CONTENT_PROPERTY):
            return True
        widget = widget.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(widget class, text) of every visible user-facing string under root, except scenario content."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or is_content(widget):
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel):
            texts.append(re.sub(r"<[^>]+>", "", widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        found += [(type(widget).__name__, t) for t in texts if t.strip()]
    return found


def untranslated(root: QWidget) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in visible_texts(root)
            if any(word not in ALLOWED_WORDS for word in ENGLISH_WORD.findall(text))]


def test_switching_to_chinese_leaves_no_english_on_the_main_screens(qtbot, make_window, store, tmp_path):
    window = make_window(store=store, voice=ScriptedVoice(tmp_path), ui_language="en")
    assert window.profile_page.title.text() == "Who is practising today?"
    assert untranslated(window)  # the English UI is, of course, English

    # Switch in Settings, at run time.
    choose_trainee(qtbot, window, "Zhang Wei")
    window.settings_button.click()
    combo = window.settings_page.ui_language_combo
    combo.setCurrentIndex(combo.findData("zh_CN"))
    combo.activated.emit(combo.currentIndex())
    assert window.translator.language == "zh_CN"
    assert window.settings.ui_language == "zh_CN"
    assert window.settings_page.title.text() == "设置"
    qtbot.waitUntil(lambda: not untranslated(window), timeout=2000)
    assert not untranslated(window), "settings"

    window.switch_button.click()
    assert not untranslated(window), "profiles"
    window.profile_page.continue_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library_page)
    assert window.library_page.title.text() == "情景库"
    assert not untranslated(window), "library"

    window.library_page.language_box.setCurrentIndex(window.library_page.language_box.findData("en"))
    next(c for c in window.library_page.visible_cards()).open_button.click()
    assert not untranslated(window), "briefing (of an English scenario: its content stays English)"

    window.show_library()
    start_scenario(qtbot, window, "zh-complaint-lost-baggage")
    assert not untranslated(window), "call"
    type_reply(qtbot, window, replies_for("zh")[0])
    assert not untranslated(window), "call with feedback"
    window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page)
    assert not untranslated(window), "report"

    window.progress_button.click()
    qtbot.waitUntil(lambda: window.progress_page.table.rowCount() == 1)
    assert not untranslated(window), "progress"

    # And back to English at run time.
    window.settings_button.click()
    combo.setCurrentIndex(combo.findData("en"))
    combo.activated.emit(combo.currentIndex())
    assert window.settings_page.title.text() == "Settings"
    assert window.progress_button.text() == "My progress"


def test_the_saved_language_is_used_at_the_next_start(qtbot, make_window):
    first = make_window(ui_language="zh_CN")
    assert first.profile_page.title.text() == "今天由谁练习？"
    first.translator.apply("en")
    second = make_window(ui_language=None)
    assert second.translator.language == "zh_CN"
    assert second.settings_button.text() == "设置"


def test_translation_file_is_complete_and_the_committed_qm_is_up_to_date(tmp_path):
    ts = TRANSLATIONS_DIR / "roleplay_zh_CN.ts"
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and 'type="vanished"' not in text
    assert "<translation></translation>" not in text
    fresh = tmp_path / "fresh.qm"
    assert compile_translation(ts, fresh)
    assert fresh.read_bytes() == (TRANSLATIONS_DIR / "roleplay_zh_CN.qm").read_bytes(), \
        "run scripts/update_translations.sh"
    assert QCoreApplication.translate("Labels", "Angry") == "Angry"  # no translator installed here


def test_every_translation_keeps_the_placeholders_of_its_source():
    import re as _re
    import xml.etree.ElementTree as ET

    placeholder = _re.compile(r"\{[^}]*\}")
    for message in ET.parse(TRANSLATIONS_DIR / "roleplay_zh_CN.ts").getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation")
        assert sorted(placeholder.findall(source)) == sorted(placeholder.findall(translation)), source

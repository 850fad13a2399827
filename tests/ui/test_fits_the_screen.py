"""Every page of both windows at the laptop sizes call centres use (1366x768 and 1280x720, less a
40-pixel panel), in English and Chinese, with data (30 trainees; a session with a long review):
every button and input is reachable (inside the window, or in the scroll area its page scrolls in)
and wide enough for its text (nothing elided or squeezed below its own minimum)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from app.storage import Database, SessionRepository
from app.ui.adapters.trainer_adapter import RepositoryTrainerStore
from app.ui.tasks import TaskRunner
from app.ui.trainer_window import TrainerWindow
from tests.storage.conftest import record_call
from tests.ui.conftest import choose_trainee, start_scenario, type_reply
from tests.ui.doubles import replies_for

SIZES = [(1366, 768 - 40), (1280, 720 - 40)]
LANGUAGES = ["en", "zh_CN"]
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def problems_on(window: QWidget, page: QWidget) -> list[str]:
    """The controls of `page` that a user could not reach or read on the screen it was sized for
    (the window cannot grow past the screen: what lies beyond is lost)."""
    found = []
    screen = QRect(QPoint(0, 0), window.property("screen_size"))
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(f"{type(page).__name__}: the window cannot shrink to {screen.size()} (stays {window.size()})")
    frame = screen.intersected(QRect(QPoint(0, 0), window.size()))
    for control in page.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(page) or not control.isVisible():
            continue
        if isinstance(control.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # a spin box's or combo box's own editor
        name = f"{type(page).__name__}:{type(control).__name__}:{getattr(control, 'text', lambda: '')() or control.objectName()}"
        scroll = _scroll_area_of(control)
        rect = QRect(control.mapTo(window, QPoint(0, 0)), control.size())
        if scroll is None and not frame.contains(rect):
            found.append(f"{name} is outside the window ({rect} not in {frame})")
        if scroll is not None:  # reachable by scrolling: it lies inside the scrolled widget
            inner = scroll.widget()
            if inner is not None and not QRect(QPoint(0, 0), inner.size()).contains(
                    QRect(control.mapTo(inner, QPoint(0, 0)), control.size())):
                found.append(f"{name} is outside its scroll area's content")
        hint = control.minimumSizeHint()
        if control.width() + 1 < hint.width() or control.height() + 1 < hint.height():
            found.append(f"{name} is squeezed to {control.size()} (needs {hint})")
        if isinstance(control, QAbstractButton) and control.text():
            needed = control.fontMetrics().horizontalAdvance(control.text().replace("&", ""))
            if control.width() < needed:
                found.append(f"{name} cuts its text ({control.width()} < {needed} px)")
    return found


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def settle(qtbot, window: QWidget, size: tuple[int, int]) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication

    window.setProperty("screen_size", QSize(*size))
    window.resize(*size)
    # on a loaded machine the resize and the layouts it triggers (posted layout requests, cards
    # placed by timers) take longer than a fixed wait: deliver them all before measuring
    qtbot.waitUntil(lambda: window.size() == QSize(*size), timeout=5000)
    library = getattr(window, "library_page", None)
    if library is not None:  # the library builds its cards a few at a time
        qtbot.waitUntil(lambda: not library._pending, timeout=10000)
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        qtbot.wait(30)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_trainee_page_fits(qtbot, make_window, store, language):
    window = make_window(store=store, ui_language=language)
    found: list[str] = []
    for size in SIZES:
        settle(qtbot, window, size)
        found += problems_on(window, window.profile_page)
    choose_trainee(qtbot, window, "Ada Lovelace-Byron")
    for page in (window.library_page, window.settings_page):
        window.show_page(page)
        for size in SIZES:
            settle(qtbot, window, size)
            found += problems_on(window, page)
    lang = "zh" if language == "zh_CN" else "en"
    scenario = "zh-complaint-lost-baggage" if lang == "zh" else "en-complaint-late-parcel"
    window.show_library()
    page = window.library_page
    page.language_box.setCurrentIndex(page.language_box.findData(lang))
    next(c for c in page.visible_cards() if c.scenario.id == scenario).open_button.click()
    for size in SIZES:
        settle(qtbot, window, size)
        found += problems_on(window, window.briefing_page)
    window.show_library()
    start_scenario(qtbot, window, scenario)
    for reply in replies_for(lang)[:3]:  # a call of several replies: the report's table shows them all
        if window.call.active:
            type_reply(qtbot, window, reply)
    for size in SIZES:
        settle(qtbot, window, size)
        found += problems_on(window, window.call_page)
    if window.call.active:
        window.call_page.hang_up_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.report_page, timeout=5000)
    assert window.report_page.turns_table.rowCount() >= 2
    table = window.report_page.turns_table
    for size in SIZES:
        settle(qtbot, window, size)
        found += problems_on(window, window.report_page)
        rows = table.rowCount()
        if table.viewport().height() < rows * table.rowHeight(0):  # every reply of the call, not 1.5 rows
            found.append(f"the report's reply table shows {table.viewport().height() / table.rowHeight(0):.1f} "
                         f"of {rows} rows")
    window.progress_button.click()
    qtbot.waitUntil(lambda: window.progress_page.table.rowCount() == 1, timeout=5000)
    for size in SIZES:
        settle(qtbot, window, size)
        found += problems_on(window, window.progress_page)
    assert window.settings_page.silence_spin.width() <= 200  # a number box, not the page's width
    assert not found, "\n".join(found)


@pytest.fixture
def team_store(qtbot, library, tmp_path):
    """30 trainees with a call each; one session with a long review (comments, overrides, a mark)."""
    database = Database.open(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}")
    repository = SessionRepository(database)
    parcel, baggage = library.scenarios["en-complaint-late-parcel"], library.scenarios["zh-complaint-lost-baggage"]
    ids = []
    for n in range(30):
        scenario, replies = (parcel, replies_for("en")[:2]) if n % 2 else (baggage, replies_for("zh")[:2])
        ids.append(str(record_call(repository, scenario, replies, trainee=f"学员{n:02d}").session_uuid))
    reviewed = ids[1]
    for turn in range(2):
        repository.add_comment(reviewed, "A long comment from the coach about this reply, what it did well, "
                               "what it missed and what to say instead next time. " * 3, "王教练",
                               turn_index=turn, offset_s=2.0 + turn)
        repository.add_override(reviewed, turn, "empathy", 90, "The apology was sincere and specific; the scorer "
                                "missed it because of the unusual wording.", "王教练")
    repository.mark_example(reviewed, "good", "Textbook handling of an angry customer, worth showing the team.",
                            "王教练")
    store = RepositoryTrainerStore(repository, tmp_path / "replay")
    viewer = store.create_first_trainer("王教练", "a long enough password")  # signed in
    yield store, reviewed, viewer
    database.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_trainer_page_fits(qtbot, qapp, team_store, language):
    from app.ui.i18n import UiTranslator

    store, reviewed, viewer = team_store
    translator = UiTranslator(qapp)
    runner = TaskRunner()
    window = None
    try:
        assert translator.apply(language)
        window = TrainerWindow(store, runner, viewer,
                               [("en-complaint-late-parcel", "Late parcel")])
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window.browser.model.loading, timeout=10000)
        found: list[str] = []
        for size in SIZES:
            settle(qtbot, window, size)
            found += problems_on(window, window.browser)
        window.show_team()
        qtbot.waitUntil(lambda: window.team.overview is not None, timeout=10000)
        for size in SIZES:
            settle(qtbot, window, size)
            found += problems_on(window, window.team)
            for chart in (window.team.trend, window.team.by_scenario):  # the charts are in view, not below the fold
                bottom = chart.mapTo(window, QPoint(0, chart.height())).y()
                if bottom > size[1]:
                    found.append(f"{type(chart).__name__} ends at {bottom} px, below the {size[1]} px screen")
        window.open_session(reviewed)
        qtbot.waitUntil(lambda: window.review.session is not None, timeout=10000)
        for size in SIZES:
            settle(qtbot, window, size)
            found += problems_on(window, window.review)
        if language == "zh_CN":  # and every page speaks Chinese: no English string outside names and content
            from tests.ui.test_language import untranslated

            for page in (window.browser, window.team, window.review):
                window.stack.setCurrentWidget(page)
                qtbot.wait(30)
                found += [f"{type(page).__name__}: English left: {kind} {text!r}" for kind, text in untranslated(page)]
        assert not found, "\n".join(found)
    finally:
        if window is not None:
            window.close()
        runner.shutdown(3000)
        translator.apply("en")

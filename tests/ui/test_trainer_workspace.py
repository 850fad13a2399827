"""The trainer workspace on a real SQLite database: first password and sign-in (with lock-out),
the lazy sessions browser and its filters, review (comment, override with a required reason, example
mark), what a trainee may see, the team view and the PDF export."""

from __future__ import annotations

import gc
import shutil
import subprocess

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from app.auth import Viewer
from app.storage import Database, SessionRepository
from app.ui.adapters.trainer_adapter import RepositoryTrainerStore
from app.ui.dialogs.trainer_login import TrainerLoginDialog
from app.ui.models.sessions_model import COLUMNS, PAGE_SIZE
from app.ui.tasks import TaskRunner
from app.ui.trainer_window import TrainerWindow
from tests.storage.conftest import record_call

PASSWORD = "correct horse 42"
REPLIES = ("I'm so sorry for the wait, I understand how frustrating this is.",
           "So the parcel you ordered still hasn't arrived, is that right?")


# A TaskRunner lives as long as the app; destroying one while its finished tasks are still being
# released crashes PySide 6.11 (seen as a segfault in a later test). The tests keep theirs too.
_RUNNERS: list[TaskRunner] = []


def close_all(qapp, runner, widgets):
    """Let every job finish and deliver its result to live widgets, then close and delete the
    widgets and collect their cycles, all on the GUI thread."""
    runner.shutdown(10000)
    for _ in range(3):
        qapp.processEvents()
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _RUNNERS.append(runner)
    qapp.processEvents()
    gc.collect()


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}"


@pytest.fixture
def recorded(db_url, library):
    """Alice: two calls (English, Chinese); Bob: one. Returns {name: [session ids]}."""
    with Database.open(db_url) as database:
        repository = SessionRepository(database)
        parcel, baggage = library.scenarios["en-complaint-late-parcel"], library.scenarios["zh-complaint-lost-baggage"]
        ids = {"Alice": [str(record_call(repository, parcel, REPLIES, trainee="Alice").session_uuid),
                         str(record_call(repository, baggage, ("非常抱歉让您久等了。",), trainee="Alice").session_uuid)],
               "Bob": [str(record_call(repository, parcel, REPLIES[:1], trainee="Bob").session_uuid)]}
    return ids


@pytest.fixture
def open_store(db_url, tmp_path):
    opened = []

    def make(clock=None):
        database = Database.open(db_url)
        store = RepositoryTrainerStore(SessionRepository(database), tmp_path / "replay", clock=clock or Clock())
        opened.append(database)
        return store

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def runner(qtbot, qapp):
    runner = TaskRunner()
    runner.windows = []
    yield runner
    close_all(qapp, runner, runner.windows)


def sign_in(qtbot, store, runner, name="Coach Wang", password=PASSWORD, first=None):
    dialog = TrainerLoginDialog(store, runner)
    runner.windows.append(dialog)
    qtbot.waitUntil(lambda: dialog.first_trainer is not None, timeout=5000)
    if first is not None:
        assert dialog.first_trainer is first
    dialog.name_edit.setText(name)
    dialog.password_edit.setText(password)
    dialog.confirm_edit.setText(password)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    return dialog


def make_window(qtbot, store, runner, viewer):
    window = TrainerWindow(store, runner, viewer, [("en-complaint-late-parcel", "Late parcel")])
    runner.windows.append(window)
    window.resize(1300, 860)
    window.show()
    qtbot.waitUntil(lambda: not window.browser.model.loading, timeout=5000)
    return window


def test_first_password_then_sign_in_review_and_restart(qtbot, runner, open_store, recorded, tmp_path):
    store = open_store()
    dialog = sign_in(qtbot, store, runner, first=True)
    assert dialog.viewer == Viewer("Coach Wang", "trainer")

    window = make_window(qtbot, store, runner, dialog.viewer)
    browser = window.browser
    assert browser.model.total == 3
    browser.trainee_box.setCurrentIndex(browser.trainee_box.findData("Alice"))
    browser.apply_filters()
    qtbot.waitUntil(lambda: not browser.model.loading and browser.model.total == 2, timeout=5000)
    browser.scenario_box.setCurrentIndex(browser.scenario_box.findData("en-complaint-late-parcel"))
    browser.apply_filters()
    qtbot.waitUntil(lambda: not browser.model.loading and browser.model.total == 1, timeout=5000)
    assert browser.model.session_id(0) == recorded["Alice"][0]
    assert browser.model.data(browser.model.index(0, COLUMNS.index("trainee"))) == "Alice"

    browser.table.selectRow(0)
    browser.open_selected()
    review = window.review
    qtbot.waitUntil(lambda: review.session is not None, timeout=5000)
    assert window.stack.currentWidget() is review and "I'm so sorry" in review.transcript.toPlainText()

    review.comment_turn_box.setCurrentIndex(review.comment_turn_box.findData(0))
    review.moment_spin.setValue(2.5)
    review.comment_edit.setText("Good early apology.")
    review.submit_comment()
    qtbot.waitUntil(lambda: review.session is not None and len(review.session.comments) == 1, timeout=5000)

    review.turn_box.setCurrentIndex(review.turn_box.findData(1))
    review.dimension_box.setCurrentIndex(review.dimension_box.findData("empathy"))
    original = review.session.report.turns[1].dimensions["empathy"]
    review.score_spin.setValue(66)
    review.reason_edit.setText("")
    review.submit_override()  # no reason: refused, nothing saved
    assert "needs a reason" in review.message.text()
    review.reason_edit.setText("restating is a form of empathy here")
    review.submit_override()
    qtbot.waitUntil(lambda: len(review.session.overrides) == 1, timeout=5000)
    assert review.score_text(1, "empathy") == f"66 (was {original})"

    # A restart: a new store and window on the same database; the trainee's own view shows both.
    window.close()
    again = open_store()
    trainee_window = make_window(qtbot, again, runner, Viewer("Alice", "trainee"))
    assert trainee_window.browser.model.total == 2 and trainee_window.team is None
    trainee_window.open_session(recorded["Alice"][0])
    page = trainee_window.review
    qtbot.waitUntil(lambda: page.session is not None, timeout=5000)
    assert not page.review_box.isVisibleTo(page)  # read-only for a trainee
    assert page.scores.item(1, 1).text() == f"66 (was {original})"  # reply 2, empathy
    assert page.comments.item(0).text().endswith("Good early apology.") and "@2.5s" in page.comments.item(0).text()
    assert "restating is a form of empathy here" in page.overrides.item(0).text()


def test_a_trainee_cannot_open_another_trainees_session(qtbot, runner, open_store, recorded):
    store = open_store()
    window = make_window(qtbot, store, runner, Viewer("Bob", "trainee"))
    assert window.browser.model.total == 1  # only his own, whatever the filters say
    window.browser.model.set_filters(window.browser.current_filters().__class__(trainee="Alice"))
    qtbot.waitUntil(lambda: not window.browser.model.loading, timeout=5000)
    assert window.browser.model.total == 1 and window.browser.model.row_at(0).trainee == "Bob"
    window.open_session(recorded["Alice"][0])
    qtbot.waitUntil(lambda: "another trainee" in window.review.message.text(), timeout=5000)
    assert window.review.session is None
    # Nor may a trainee pose as a trainer who never signed in.
    forged = make_window(qtbot, store, runner, Viewer("Coach Wang", "trainer"))
    assert forged.browser.model.total == 0 and "could not be loaded" in forged.browser.status.text()


def test_wrong_password_then_lock_out(qtbot, runner, open_store, recorded):
    clock = Clock()
    store = open_store(clock)
    sign_in(qtbot, store, runner, first=True)
    messages = []
    for _ in range(5):
        dialog = sign_in(qtbot, store, runner, password="not the password", first=False)
        messages.append(dialog.message.text())
        assert dialog.viewer is None and dialog.password_edit.text() == ""
        clock.now += 60
    assert messages[0] == "Wrong name or password."
    dialog = sign_in(qtbot, store, runner, first=False)  # the right password, but locked
    assert dialog.viewer is None
    assert dialog.message.text().startswith("Too many failed attempts: try again in ")
    assert dialog.name_edit.text() == "Coach Wang"  # what was typed is kept
    clock.now += 301
    assert sign_in(qtbot, store, runner, first=False).viewer is not None


def test_first_password_mismatch_and_weak_password_keep_the_dialog(qtbot, runner, open_store, recorded):
    store = open_store()
    dialog = TrainerLoginDialog(store, runner)
    runner.windows.append(dialog)
    qtbot.waitUntil(lambda: dialog.first_trainer is True, timeout=5000)
    assert dialog.confirm_edit.isVisibleTo(dialog)
    dialog.name_edit.setText("Coach")
    dialog.password_edit.setText(PASSWORD)
    dialog.confirm_edit.setText(PASSWORD + "x")
    dialog.submit()
    assert "differ" in dialog.message.text() and not dialog.busy
    dialog.password_edit.setText("short")
    dialog.confirm_edit.setText("short")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert "at least 8 characters" in dialog.message.text() and not store.has_trainer()


def test_browser_is_lazy_and_paged(qtbot, runner, open_store, recorded):
    store = open_store()
    viewer = sign_in(qtbot, store, runner, first=True).viewer
    calls = []
    real = store.list_sessions

    def spy(viewer, filters, offset, limit, sort_key="started_at", descending=True):
        calls.append((offset, limit, sort_key, descending))
        return real(viewer, filters, offset, limit, sort_key, descending)

    store.list_sessions = spy
    window = make_window(qtbot, store, runner, viewer)
    assert calls == [(0, PAGE_SIZE, "started_at", True)]  # one page, never everything
    model = window.browser.model
    model.total = 3 * PAGE_SIZE  # as if there were more: a row of page 2 is asked for on demand
    assert model.data(model.index(2 * PAGE_SIZE + 5, 0)) == "…"
    qtbot.waitUntil(lambda: (2 * PAGE_SIZE, PAGE_SIZE, "started_at", True) in calls, timeout=5000)
    window.browser.table.sortByColumn(COLUMNS.index("score"), Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: calls[-1] == (0, PAGE_SIZE, "score", False), timeout=5000)
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    scores = [model.row_at(r).score for r in range(model.total)]
    assert scores == sorted(scores)


def test_filters_that_contradict_are_explained_not_applied(qtbot, runner, open_store, recorded):
    store = open_store()
    viewer = sign_in(qtbot, store, runner, first=True).viewer
    browser = make_window(qtbot, store, runner, viewer).browser
    browser.min_score.setValue(80)
    browser.max_score.setValue(20)
    generation = browser.model.generation
    browser.apply_filters()
    assert "lowest score is above the highest" in browser.status.text() and browser.model.generation == generation
    browser.min_score.setValue(0)
    browser.max_score.setValue(100)
    browser.from_check.setChecked(True)
    browser.from_date.setDate(QDate.currentDate().addDays(1))
    browser.apply_filters()
    qtbot.waitUntil(lambda: not browser.model.loading, timeout=5000)
    assert browser.model.total == 0 and "No session matches" in browser.status.text()
    browser.from_date.setDate(QDate.currentDate())
    browser.emotion_box.setCurrentIndex(browser.emotion_box.findData("angry"))
    browser.apply_filters()
    qtbot.waitUntil(lambda: not browser.model.loading, timeout=5000)
    assert browser.model.total == 3


def test_example_mark_team_view_and_pdf(qtbot, runner, open_store, recorded, tmp_path):
    from app.ui.ports import BrowserFilter

    store = open_store()
    viewer = sign_in(qtbot, store, runner, first=True).viewer
    window = make_window(qtbot, store, runner, viewer)
    window.open_session(recorded["Bob"][0])
    review = window.review
    qtbot.waitUntil(lambda: review.session is not None, timeout=5000)
    review.example_box.setCurrentIndex(review.example_box.findData("bad"))
    review.example_note.setText("argues with the customer")
    review.submit_example()
    qtbot.waitUntil(lambda: review.session.example_mark == "bad", timeout=5000)
    browser = window.browser
    browser.example_box.setCurrentIndex(browser.example_box.findData("bad"))
    browser.apply_filters()
    qtbot.waitUntil(lambda: not browser.model.loading and browser.model.total == 1, timeout=5000)
    assert browser.model.data(browser.model.index(0, COLUMNS.index("example"))) == "Bad"

    if shutil.which("pdftotext"):
        target = tmp_path / "bob.pdf"
        review.export_pdf(target)
        qtbot.waitUntil(lambda: review.message.text().startswith("Saved"), timeout=10000)
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
        assert "Bob" in text and "argues with the customer" in text

    window.show_team()
    team = window.team
    qtbot.waitUntil(lambda: team.overview is not None, timeout=10000)
    rows = {team.table.item(r, 0).text(): r for r in range(team.table.rowCount())}
    assert set(rows) == {"Alice", "Bob"}
    header = team.table.horizontalHeader()  # the arrow shows the order the rows are in
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder and rows == {"Alice": 0, "Bob": 1}
    header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # sessions, fewest first: as numbers
    assert [team.table.item(r, 0).text() for r in range(2)] == ["Bob", "Alice"]
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    rows = {team.table.item(r, 0).text(): r for r in range(team.table.rowCount())}
    assert team.table.item(rows["Alice"], 1).text() == "2" and team.table.item(rows["Alice"], 2).text() == "2"
    assert "Negative-emotion intervention rate" in team.summary.text()
    assert "Scorer vs trainer:" in team.summary.text()
    weakest = team.table.item(rows["Alice"], 5).text()
    assert weakest != "—" and weakest not in ("Empathy", "Structure", "Wording", "Pace")  # a call item
    assert team.by_scenario.bar_values()  # bars for each difficulty played
    labels = team.by_scenario.category_labels()
    assert labels and not any(label.startswith(("en-", "zh-")) for label in labels), labels  # titles, not ids
    team.table.selectRow(rows["Alice"])  # the trend is loaded on demand
    qtbot.waitUntil(lambda: team.trend.trainee == "Alice", timeout=5000)
    assert "overall" in team.trend.series_names() and len(team.trend.sessions) == 2

    team.table.selectRow(rows["Bob"])
    # the button asks first, naming what is lost; "Keep" (the default) deletes nothing
    asked: list[str] = []

    def answer(button: str) -> None:
        box = team._confirm_box
        assert box is not None, "the delete button must ask before deleting"
        asked.append(box.text())
        (box.button(QMessageBox.StandardButton.Yes) if button == "delete" else box.defaultButton()).click()

    QTimer.singleShot(200, lambda: answer("keep"))
    qtbot.mouseClick(team.delete_button, Qt.MouseButton.LeftButton)
    assert asked and "Bob" in asked[0] and "1 sessions" in asked[0]
    assert team.summary.text().startswith("Nothing was deleted")
    assert len(store.list_sessions(viewer, BrowserFilter(trainee="Bob"), 0, 10)) == 1
    QTimer.singleShot(200, lambda: answer("delete"))
    qtbot.mouseClick(team.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Deleted Bob with 1 sessions" in team.summary.text(), timeout=5000)
    qtbot.waitUntil(lambda: not browser.model.loading and browser.model.total == 0, timeout=5000)


def test_exports_of_the_filtered_sessions_are_a_trainers_action(qtbot, runner, open_store, recorded, tmp_path):
    import csv
    import json

    from app.auth import AccessDenied
    from app.ui.ports import BrowserFilter

    store = open_store()
    viewer = sign_in(qtbot, store, runner, first=True).viewer
    browser = make_window(qtbot, store, runner, viewer).browser
    browser.trainee_box.setCurrentIndex(browser.trainee_box.findData("Alice"))
    browser.export_to(tmp_path / "alice.csv", "csv")
    qtbot.waitUntil(lambda: browser.status.text().startswith("Exported"), timeout=5000)
    assert (tmp_path / "alice.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    with (tmp_path / "alice.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["trainee"] for r in rows} == {"Alice"}
    assert browser.status.text() == f"Exported {len(rows)} turns."
    browser.export_to(tmp_path / "alice.json", "json")
    qtbot.waitUntil(lambda: browser.status.text() == "Exported 2 sessions.", timeout=5000)
    assert len(json.loads((tmp_path / "alice.json").read_text(encoding="utf-8"))["sessions"]) == 2

    trainee = make_window(qtbot, store, runner, Viewer("Alice", "trainee")).browser
    assert not trainee.csv_button.isVisibleTo(trainee)
    with pytest.raises(AccessDenied):
        store.export_sessions(Viewer("Alice", "trainee"), tmp_path / "x.csv", "csv", BrowserFilter())
    assert not (tmp_path / "x.csv").exists()

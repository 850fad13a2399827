"""Trainee PINs in the desktop app, on a real SQLite database: with IT's site setting on, a new
profile (or one from before, without a PIN) chooses its PIN, typed twice; picking a profile asks for
it, a wrong one keeps the profile closed and too many lock it; the checks run in the background.
Without the setting a profile opens by its name, as before, unless it has a PIN."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.storage import Database, SessionRepository
from app.storage.models import PersonRow
from app.ui.adapters.pin_adapter import RepositoryTraineePins
from app.ui.adapters.storage_adapter import RepositorySessionStore
from tests.storage.conftest import STEADY_REPLIES, record_call


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def repository(tmp_path) -> Iterator[SessionRepository]:
    with Database.open(f"sqlite+pysqlite:///{tmp_path / 'roleplay.sqlite3'}") as database:
        yield SessionRepository(database)


def site_setting(tmp_path, monkeypatch, pins: bool) -> None:
    site = tmp_path / "site-settings.json"
    site.write_text(json.dumps({"trainees": {"pins": pins}}), encoding="utf-8")
    monkeypatch.setenv("ROLEPLAY_SITE_SETTINGS", str(site))


def open_window(make_window, repository, tmp_path, clock=None, ui_language="en"):
    window = make_window(store=RepositorySessionStore(repository, tmp_path / "replay"), ui_language=ui_language)
    window.services.pins = RepositoryTraineePins(repository, clock=clock or Clock())
    return window


def pin_dialog(qtbot, window):
    qtbot.waitUntil(lambda: window.pin_gate.dialog is not None and window.pin_gate.dialog.isVisible(), timeout=5000)
    return window.pin_gate.dialog


def pick(qtbot, window, name: str):
    page = window.profile_page
    window.show_page(page)
    qtbot.waitUntil(lambda: any(page.trainee_list.item(i).text() == name for i in range(page.trainee_list.count())),
                    timeout=5000)
    row = next(i for i in range(page.trainee_list.count()) if page.trainee_list.item(i).text() == name)
    page.trainee_list.setCurrentRow(row)
    page.continue_button.click()


def enter(qtbot, dialog, pin: str, again: str | None = None, expect: str | None = None) -> None:
    dialog.pin_edit.setText(pin)
    if again is not None:
        dialog.confirm_edit.setText(again)
    dialog.ok_button.click()
    if expect is not None:
        qtbot.waitUntil(lambda: expect in dialog.message.text(), timeout=10000)


def test_a_new_profile_chooses_its_pin_and_picking_it_asks_for_the_pin(qtbot, make_window, repository, tmp_path,
                                                                       monkeypatch):
    site_setting(tmp_path, monkeypatch, True)
    window = open_window(make_window, repository, tmp_path)
    window.profile_page.name_edit.setText("Li Na")
    window.profile_page.create_button.click()
    dialog = pin_dialog(qtbot, window)
    assert dialog.choose and dialog.confirm_edit.isVisible() and "Choose your PIN" in dialog.title.text()
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password and dialog.profile.text() == "Li Na"
    enter(qtbot, dialog, "12", "12", expect="A PIN is 4 to 8 digits.")
    enter(qtbot, dialog, "2468", "8642", expect="The two PINs differ: type them again.")
    assert repository.list_people("trainee") == []  # nothing is created before the PIN is right
    enter(qtbot, dialog, "2468", "2468")
    assert dialog.busy  # the slow hash runs in the background: the window keeps answering
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library_page, timeout=10000)
    assert window.history.trainee.name == "Li Na"
    with repository.database.read() as db:
        stored = db.scalar(select(PersonRow.password_hash).where(PersonRow.name == "Li Na"))
    assert stored.startswith("scrypt$") and "2468" not in stored

    window.switch_button.click()
    pick(qtbot, window, "Li Na")
    dialog = pin_dialog(qtbot, window)
    assert not dialog.choose and not dialog.confirm_edit.isVisible() and "Enter your PIN" in dialog.title.text()
    enter(qtbot, dialog, "1111", expect="Wrong PIN.")
    assert window.stack.currentWidget() is window.profile_page and dialog.pin_edit.text() == ""
    enter(qtbot, dialog, "2468")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library_page, timeout=10000)

    window.switch_button.click()  # typing an existing name is picking it: its PIN is asked
    window.profile_page.name_edit.setText("Li Na")
    window.profile_page.create_button.click()
    dialog = pin_dialog(qtbot, window)
    assert not dialog.choose
    dialog.reject()  # cancelled: the profile stays closed
    qtbot.wait(200)
    assert window.stack.currentWidget() is window.profile_page


def test_wrong_pins_lock_the_profile_and_a_profile_from_before_chooses_a_pin(qtbot, make_window, repository, library,
                                                                            tmp_path, monkeypatch):
    record_call(repository, library.scenarios["en-complaint-late-parcel"], STEADY_REPLIES[:1], trainee="Wang Fang")
    from app.storage import accounts

    accounts.set_first_trainee_pin(repository.database, "Li Na", "2468")
    site_setting(tmp_path, monkeypatch, True)
    clock = Clock()
    window = open_window(make_window, repository, tmp_path, clock)

    pick(qtbot, window, "Wang Fang")  # recorded before PINs: she chooses one now
    dialog = pin_dialog(qtbot, window)
    assert dialog.choose
    enter(qtbot, dialog, "１３５７", "1357")  # full-width digits from a Chinese input method: the same PIN
    qtbot.waitUntil(lambda: window.history.trainee is not None and window.history.trainee.name == "Wang Fang",
                    timeout=10000)

    pick(qtbot, window, "Li Na")
    dialog = pin_dialog(qtbot, window)
    for _attempt in range(4):
        enter(qtbot, dialog, "0000", expect="Wrong PIN.")
        dialog.message.clear()
        clock.now += 60  # past each growing wait
    enter(qtbot, dialog, "0000", expect="Wrong PIN.")  # the fifth: locked for five minutes
    enter(qtbot, dialog, "2468", expect="Too many wrong PINs: try again in 300 s.")
    assert window.history.trainee.name == "Wang Fang"  # still the one who signed in last
    clock.now += 301
    enter(qtbot, dialog, "2468")
    qtbot.waitUntil(lambda: window.history.trainee.name == "Li Na", timeout=10000)


def test_without_the_setting_a_name_opens_its_profile_unless_it_has_a_pin(qtbot, make_window, repository, tmp_path,
                                                                          monkeypatch):
    from app.storage import accounts

    accounts.set_first_trainee_pin(repository.database, "Li Na", "2468")  # chosen on a computer with the setting
    site_setting(tmp_path, monkeypatch, False)
    window = open_window(make_window, repository, tmp_path)
    window.profile_page.name_edit.setText("Zhang Wei")
    window.profile_page.create_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.library_page, timeout=10000)
    assert window.pin_gate.dialog is None and window.history.trainee.name == "Zhang Wei"
    pick(qtbot, window, "Li Na")
    dialog = pin_dialog(qtbot, window)
    assert not dialog.choose
    enter(qtbot, dialog, "2468")
    qtbot.waitUntil(lambda: window.history.trainee.name == "Li Na", timeout=10000)


def test_the_pin_dialog_speaks_chinese(qtbot, make_window, repository, tmp_path, monkeypatch):
    site_setting(tmp_path, monkeypatch, True)
    window = open_window(make_window, repository, tmp_path, ui_language="zh_CN")
    window.profile_page.name_edit.setText("李娜")
    window.profile_page.create_button.click()
    dialog = pin_dialog(qtbot, window)
    assert dialog.title.text() == "设定你的 PIN 码" and dialog.windowTitle() == "PIN 码"
    enter(qtbot, dialog, "2468", "8642", expect="两次输入的 PIN 码不一致")
    for label in (dialog.intro, dialog.pin_label, dialog.confirm_label):
        assert not any("a" <= ch <= "z" for ch in label.text().replace("PIN", "")), label.text()
    size = dialog.sizeHint()
    assert size.width() <= 1366 and size.height() <= 768 - 40
    dialog.reject()

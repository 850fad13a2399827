"""A trainee profile's PIN, where the site asks for PINs (`"trainees": {"pins": true}`) or the profile
has one: `TraineePinGate` stands between the profile page and the trainee's history, and opens a
profile only once its PIN is right; a profile without a PIN yet (a new one, or one a trainer or IT
cleared) chooses it first, typed twice. Wrong PINs are throttled and locked out like a trainer's
password, and every check runs in the background: scrypt is deliberately slow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.auth import LockedOut, PinAlreadySetError, PinPolicyError, is_valid_pin
from app.auth.pins import MAX_DIGITS, normalize_pin
from app.ui.ports import PinStatus, Trainee, TraineePins
from app.ui.tasks import TaskRunner
from app.ui.widgets.common import RetranslateMixin, content_label, heading

log = logging.getLogger(__name__)
PIN_LANE = "pins"


def _pin_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(MAX_DIGITS)
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhHiddenText)
    return edit


class TraineePinDialog(RetranslateMixin, QDialog):
    """Asks for the PIN of profile `name` (`choose`: a new PIN, typed twice) and checks or sets it."""

    passed = Signal()

    def __init__(self, pins: TraineePins, runner: TaskRunner, name: str, *, choose: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pins, self.runner, self.name, self.choose = pins, runner, name, choose
        self.busy = False
        self.title = heading(size=14)
        self.profile = content_label(name)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.pin_edit, self.confirm_edit = _pin_edit(), _pin_edit()
        self.pin_label, self.confirm_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.pin_label, self.pin_edit)
        form.addRow(self.confirm_label, self.confirm_edit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b03030")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.profile, self.intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.pin_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Your PIN"))
        self.title.setText(self.tr("Choose your PIN") if self.choose else self.tr("Enter your PIN"))
        self.intro.setText(
            self.tr("Each profile here is kept with a PIN, so only you can open yours. Choose 4 to 8 digits and "
                    "type them twice; you will give them each time you pick your profile.") if self.choose
            else self.tr("Forgot it? A trainer or IT can clear it, and you then choose a new one."))
        self.pin_label.setText(self.tr("PIN:"))
        self.confirm_label.setText(self.tr("Repeat the PIN:"))
        self.confirm_label.setVisible(self.choose)
        self.confirm_edit.setVisible(self.choose)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def submit(self) -> None:
        if self.busy:
            return
        pin = self.pin_edit.text()
        if not is_valid_pin(pin):
            self.show_message(self.tr("A PIN is 4 to 8 digits."))
            return
        if self.choose and normalize_pin(pin) != normalize_pin(self.confirm_edit.text()):
            self.confirm_edit.clear()
            self.show_message(self.tr("The two PINs differ: type them again."))
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.show_message(self.tr("Checking…"))
        job = self.pins.set_first_pin if self.choose else self.pins.check_pin
        self.runner.run(job, self.name, pin, lane=PIN_LANE, label=self.tr("Checking the PIN…"),
                        on_result=self._on_result, on_error=self._on_error)

    def _done(self) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)

    def _on_result(self, right: bool | None) -> None:
        self._done()
        if not self.choose and not right:
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            self.show_message(self.tr("Wrong PIN."))
            return
        self.show_message("")
        self.accept()
        self.passed.emit()

    def _on_error(self, error: BaseException) -> None:
        self._done()
        self.pin_edit.clear()
        self.confirm_edit.clear()
        if isinstance(error, LockedOut):
            self.show_message(self.tr("Too many wrong PINs: try again in {seconds} s.").format(
                seconds=max(1, round(error.retry_after))))
        elif isinstance(error, PinPolicyError):
            self.show_message(self.tr("A PIN is 4 to 8 digits."))
        elif isinstance(error, PinAlreadySetError):
            self.choose = False
            self.retranslate()
            self.show_message(self.tr("A PIN has been chosen for this profile meanwhile: enter it."))
        else:
            log.warning("trainee PIN not checked: %s", error)
            self.show_message(self.tr("The PIN could not be checked: the database did not answer. Try again."))


class TraineePinGate(QObject):
    """Opens a picked or created profile (`chosen`, `create_confirmed`) once its PIN is right, or at
    once where no PIN applies (no `pins` service, a guest, a site without PINs and a profile without one)."""

    chosen = Signal(object)  # Trainee | None (a guest)
    create_confirmed = Signal(str)  # the new profile's name
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, pins: Callable[[], TraineePins | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.runner, self.pins, self.host = runner, pins, parent
        self.dialog: TraineePinDialog | None = None
        self.checking = False

    def choose(self, trainee: Trainee | None) -> None:
        if trainee is None:
            self.chosen.emit(None)
            return
        self._open(trainee.name, lambda: self.chosen.emit(trainee))

    def create(self, name: str) -> None:
        self._open(name, lambda: self.create_confirmed.emit(name))

    def _open(self, name: str, proceed: Callable[[], None]) -> None:
        pins = self.pins()
        if pins is None:
            proceed()
            return
        if self.checking or (self.dialog is not None and self.dialog.isVisible()):
            return
        self.checking = True
        self.runner.run(pins.pin_status, name, lane=PIN_LANE, label=self.tr("Opening the profile…"),
                        on_result=lambda status: self._on_status(pins, name, proceed, status),
                        on_error=self._on_error, owner=self)

    def _on_status(self, pins: TraineePins, name: str, proceed: Callable[[], None], status: PinStatus) -> None:
        self.checking = False
        if not status.required:
            proceed()
            return
        self.dialog = TraineePinDialog(pins, self.runner, name, choose=not status.has_pin, parent=self.host)
        self.dialog.passed.connect(proceed)
        self.dialog.open()

    def _on_error(self, error: BaseException) -> None:
        self.checking = False
        log.warning("trainee profile not opened: %s", error)
        self.failed.emit(self.tr("Your profile could not be opened: the database did not answer. Try again."))

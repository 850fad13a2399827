"""Trainer sign-in. With no trainer yet it asks the first trainer to set a password (twice);
otherwise it checks a name and password. Failed attempts are throttled by the store (growing
waits, then a lock-out) and the dialog says how long to wait. The check runs in the background:
scrypt is deliberately slow.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.auth import LockedOut, PasswordPolicyError
from app.ui.ports import TrainerStore
from app.ui.tasks import TaskRunner
from app.ui.widgets.common import RetranslateMixin, heading


class TrainerLoginDialog(RetranslateMixin, QDialog):
    signed_in = Signal(object)  # the trainer's Viewer

    def __init__(self, store: TrainerStore, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner = store, runner
        self.first_trainer: bool | None = None  # None until the store has answered
        self.by_it = False  # no trainer yet, and IT (not the app) creates trainer accounts
        self.viewer = None
        self.busy = False
        self.title = heading(size=14)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b03030")
        self.form = QFormLayout()
        self.name_label, self.password_label, self.confirm_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.password_label, self.password_edit)
        self.form.addRow(self.confirm_label, self.confirm_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.intro):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.runner.run(lambda: (self.store.has_trainer(), self.store.first_trainer_in_app()),
                        label=self.tr("Checking trainer accounts…"), on_result=self._on_has_trainer,
                        on_error=self._on_error)

    def _on_has_trainer(self, answer: tuple[bool, bool]) -> None:
        has, in_app = answer
        self.first_trainer = not has
        self.by_it = not has and not in_app
        self.ok_button.setEnabled(not self.by_it)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Trainer sign-in"))
        first = bool(self.first_trainer)
        self.title.setText(self.tr("Set the first trainer password") if first else self.tr("Trainer sign-in"))
        self.intro.setText(
            self.tr("There is no trainer account yet, and at this centre IT creates them. Ask IT to run: "
                    "roleplay trainers add YOUR-NAME") if self.by_it
            else self.tr("No trainer has a password yet. Choose your name and a password of at least 8 characters: "
                         "it is never stored as written, so no one can read it back.") if first
            else self.tr("Reviewing other trainees' sessions, overriding scores, exports and deleting data "
                         "need a trainer's password."))
        self.name_label.setText(self.tr("Name:"))
        self.password_label.setText(self.tr("Password:"))
        self.confirm_label.setText(self.tr("Repeat the password:"))
        self.confirm_label.setVisible(first)
        self.confirm_edit.setVisible(first)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def submit(self) -> None:
        if self.busy or self.first_trainer is None or self.by_it:
            return
        name, password = self.name_edit.text().strip(), self.password_edit.text()
        if not name:
            self.show_message(self.tr("Enter your name."))
            return
        if not password:
            self.show_message(self.tr("Enter your password."))
            return
        if self.first_trainer and password != self.confirm_edit.text():
            self.show_message(self.tr("The two passwords differ: type them again."))
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.show_message(self.tr("Checking…"))
        job = self.store.create_first_trainer if self.first_trainer else self.store.sign_in
        self.runner.run(job, name, password, label=self.tr("Checking the password…"),
                        on_result=self._on_result, on_error=self._on_error)

    def _done(self) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)

    def _on_result(self, viewer) -> None:
        self._done()
        if viewer is None:
            self.password_edit.clear()
            self.password_edit.setFocus()
            self.show_message(self.tr("Wrong name or password."))
            return
        self.viewer = viewer
        self.show_message("")
        self.signed_in.emit(viewer)
        self.accept()

    def _on_error(self, error: BaseException) -> None:
        self._done()
        if isinstance(error, LockedOut):
            self.password_edit.clear()
            self.show_message(self.tr("Too many failed attempts: try again in {seconds} s.").format(
                seconds=max(1, round(error.retry_after))))
        elif isinstance(error, PasswordPolicyError):
            self.show_message(self.tr("The password needs at least 8 characters and no spaces at either end.")
                              if error.key == "password.too_short" or error.key == "password.spaces"
                              else str(error))
        elif type(error).__name__ == "TrainerExistsError":
            self.first_trainer = False
            self.retranslate()
            self.show_message(self.tr("A trainer password has been set meanwhile: sign in with it."))
        else:
            self.show_message(self.tr("Signing in failed: {error}").format(error=error))

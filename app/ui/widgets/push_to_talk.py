"""Push-to-talk: hold Space (or the on-screen button) to talk, release to end the reply."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)


class PushToTalk(QObject):
    """Emits `pressed` / `released` while `scope` is visible and Space is held outside text boxes.

    It filters the application's key events only while enabled, so that Space does not also click
    a focused button (such as Hang up) during a call.
    """

    pressed = Signal()
    released = Signal()

    def __init__(self, scope: QWidget) -> None:
        super().__init__(scope)
        self.scope = scope
        self.held = False
        self._app: QApplication | None = None
        self._draining = False  # disabled with Space held: swallow it until it is released

    @property
    def enabled(self) -> bool:
        return self._app is not None and not self._draining

    def set_enabled(self, enabled: bool) -> None:
        """Off while Space is still held (the call ended under the trainee's thumb): the reply is
        released, and the key's auto-repeat is still swallowed until it is let go, so that it cannot
        press a button on the next page."""
        app = QApplication.instance()
        if enabled:
            self._draining = False
        if enabled and self._app is None and isinstance(app, QApplication):
            app.installEventFilter(self)
            self._app = app
        elif not enabled and self._app is not None and not self._draining:
            if self.held:
                self._draining = True
                self.release()
            else:
                self._uninstall()

    def _uninstall(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self._draining = False

    def press(self) -> None:
        if not self.held:
            self.held = True
            self.pressed.emit()

    def release(self) -> None:
        if self.held:
            self.held = False
            self.released.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_Space:
            return False
        if self._draining:
            if kind == QEvent.Type.KeyRelease and not event.isAutoRepeat():
                self._uninstall()  # let go: from now on Space is an ordinary key again
            event.accept()
            return True
        if not self.scope.isVisible():
            return False
        if not isinstance(watched, QWidget) or isinstance(watched, TEXT_INPUTS):
            return False  # key events reach the focused widget: a text box keeps its spaces
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if event.isAutoRepeat():
            return True
        if kind == QEvent.Type.KeyPress:
            self.press()
        else:
            self.release()
        return True

"""Small helpers shared by the pages: retranslation on language change, and content labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

# Widgets that show scenario content (titles, the customer's words, facts) carry this property:
# that text is in the scenario's language, whatever the UI language.
CONTENT_PROPERTY = "roleplay_content"


if TYPE_CHECKING:
    _MixinBase = QWidget  # to type checkers the mixin is the widget it is mixed into (changeEvent, tr)
else:
    _MixinBase = object


class RetranslateMixin(_MixinBase):
    """Calls `retranslate()` whenever the UI language changes. Put it before the Qt base class."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError


def mark_content(widget: QWidget) -> QWidget:
    widget.setProperty(CONTENT_PROPERTY, True)
    return widget


def content_label(text: str = "", wrap: bool = True, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    mark_content(label)
    return label


def set_style(widget: QWidget, css: str) -> None:
    """Set a style sheet only when it changes (re-styling a widget is not free)."""
    if widget.styleSheet() != css:
        widget.setStyleSheet(css)


def heading(text: str = "", size: int = 16) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    return label

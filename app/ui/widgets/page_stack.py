"""A stack of pages, each in a scroll area: a page taller (or wider) than the window scrolls
instead of pushing the window past the screen (a 1366x768 laptop, or 1280x720)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """`addWidget(page)` wraps the page in its own scroll area; `setCurrentWidget(page)` and
    `currentWidget()` speak of the pages themselves, never of their scroll areas."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scrolls: dict[QWidget, QScrollArea] = {}

    def addWidget(self, page: QWidget) -> int:  # noqa: N802 - Qt override
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)  # the page fills the window, and scrolls once it cannot shrink further
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(page)
        self._scrolls[page] = scroll
        return super().addWidget(scroll)

    def scroll_area(self, page: QWidget) -> QScrollArea:
        return self._scrolls[page]

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 - Qt override
        super().setCurrentWidget(self._scrolls.get(page, page))

    def currentWidget(self) -> QWidget | None:  # noqa: N802 - Qt override
        scroll = super().currentWidget()
        return scroll.widget() if isinstance(scroll, QScrollArea) and scroll in self._scrolls.values() else scroll

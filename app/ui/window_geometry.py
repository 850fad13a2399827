"""Window size and place, remembered per screen: a window opens where it was last left on that
screen, and otherwise at a size that fits it (a 1366x768 laptop as well as a large monitor)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def screen_key(widget: QWidget) -> str:
    """The screen the window is on, as "1366x768" (its available size may change with a panel)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    size = screen.size() if screen is not None else None
    return f"{size.width()}x{size.height()}" if size is not None else "unknown"


def fitted(preferred_width: int, preferred_height: int, available: QRect, share: float = 0.94) -> QRect:
    """The preferred size, shrunk to `share` of the available area when the screen is smaller,
    centred on it."""
    width = min(preferred_width, int(available.width() * share))
    height = min(preferred_height, int(available.height() * share))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def restore_geometry(window: QWidget, saved: object, preferred: tuple[int, int]) -> None:
    """Restore the geometry saved for this screen (`saved`: screen -> state, as `saved_geometry`
    made it; anything else is ignored), or fit the preferred size to the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else QRect(0, 0, *preferred)
    state = saved.get(screen_key(window)) if isinstance(saved, dict) else None
    restored = isinstance(state, str) and bool(state) and window.restoreGeometry(
        QByteArray.fromBase64(state.encode("ascii")))
    if restored and available.contains(window.frameGeometry().topLeft()):
        return  # where it was left, and still on the screen
    window.setGeometry(fitted(*preferred, available))


def saved_geometry(window: QWidget, saved: object) -> dict[str, str]:
    """`saved` with this screen's entry replaced by the window's current geometry."""
    kept = {k: v for k, v in saved.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(saved, dict) else {}
    return {**kept, screen_key(window): bytes(window.saveGeometry().toBase64().data()).decode("ascii")}

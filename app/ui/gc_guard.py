"""Python's cyclic garbage collector runs in whichever thread happens to allocate, and PySide objects
caught in a reference cycle are then destroyed there, which crashes when it is a worker thread.
While the window lives, automatic collection is off and this collects on the GUI thread instead,
generation by generation, as the automatic collector would."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 100


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def check(self) -> None:
        threshold0, threshold1, threshold2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 > threshold0:
            gc.collect(0)
            if count1 > threshold1:
                gc.collect(1)
                if count2 > threshold2:
                    gc.collect(2)

    def stop(self) -> None:
        """Collect once more, and give collection back to Python."""
        if not self._timer.isActive():
            return
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

"""An event-loop stall watchdog: a timer that should fire every `interval_ms`; how late it fires
is how long the GUI thread was busy. It records the longest stall (for the call test and
bench/ui_bench.py; the goal is no stall over 50 ms).

It also records the GUI thread's own CPU time between two ticks (`longest_busy_cpu_ms`): on a
machine shared with other busy processes the wall-clock stall includes time the thread was simply
not scheduled, while the CPU figure is the work the app itself did in one go."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class StallWatchdog(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 10) -> None:
        super().__init__(parent)
        self.interval_s = interval_ms / 1000.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last: float | None = None
        self._last_cpu = 0.0
        self.longest_stall_ms = 0.0
        self.longest_busy_cpu_ms = 0.0
        self.ticks = 0
        self.stalls_over: dict[int, int] = {50: 0, 100: 0}

    def start(self) -> None:
        self.reset()
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def reset(self) -> None:
        self.longest_stall_ms = 0.0
        self.longest_busy_cpu_ms = 0.0
        self.ticks = 0
        self.stalls_over = {limit: 0 for limit in self.stalls_over}
        if self._last is not None:
            self._last = time.perf_counter()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest_busy_cpu_ms = max(self.longest_busy_cpu_ms, (cpu - self._last_cpu) * 1000.0)
        self._last_cpu = cpu
        if self._last is not None:
            late_ms = max(0.0, (now - self._last - self.interval_s) * 1000.0)
            self.longest_stall_ms = max(self.longest_stall_ms, late_ms)
            for limit in self.stalls_over:
                if late_ms > limit:
                    self.stalls_over[limit] += 1
        self._last = now
        self.ticks += 1

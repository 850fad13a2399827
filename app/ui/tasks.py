"""The one helper for blocking work: every slow job (loading the library, TTS, recognition, database
writes, model import) runs here, off the GUI thread.

    task = runner.run(load_library, paths, label=self.tr("Loading scenarios…"),
                      on_result=self.show_library, on_error=self.show_error)

Callbacks and the task's signals always arrive on the GUI thread. A job that wants to report
progress is given `on_progress=`; it is then called with a `progress(fraction, message)` keyword
argument it may call from its thread. Jobs on the same `lane` run one at a time, in order (the
database writes of a call use one lane so that a turn is never written before its session).

When a job has been running for more than `BUSY_DELAY_MS`, `busy_changed(True, label, fraction)`
fires so that the window can show a progress indicator; it fires `(False, "", -1)` when no long
job is left.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QElapsedTimer, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 500


class _WorkerSignals(QObject):
    """Emitted from the worker thread; delivered (queued) to the task on the GUI thread."""

    result = Signal(object)
    error = Signal(object, str)
    progress = Signal(float, str)

    def report_progress(self, fraction: float, message: str = "") -> None:
        self.progress.emit(float(fraction), str(message))


class Task(QObject):
    """A running job. Its signals are emitted on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    progressed = Signal(float, str)  # fraction 0-1 (or -1 when unknown), message
    finished = Signal()

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.done = False
        self.error: BaseException | None = None
        self.value: Any = None
        self.fraction = -1.0
        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self.busy_timer = QTimer(self)
        self.busy_timer.setSingleShot(True)
        self.relay = _WorkerSignals()
        self.relay.result.connect(self._on_result)
        self.relay.error.connect(self._on_error)
        self.relay.progress.connect(self._on_progress)

    @Slot(object)
    def _on_result(self, value: object) -> None:
        self.value = value
        self.done = True
        self.succeeded.emit(value)
        self.finished.emit()

    @Slot(object, str)
    def _on_error(self, exc: object, trace: str) -> None:
        self.error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self.done = True
        log.warning("task %r failed:\n%s", self.label, trace)
        self.failed.emit(self.error)
        self.finished.emit()

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.fraction = fraction
        self.progressed.emit(fraction, message)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, relay: _WorkerSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.args, self.kwargs, self.relay = fn, args, kwargs, relay

    def run(self) -> None:
        try:
            value = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the GUI
            self.relay.error.emit(exc, traceback.format_exc())
        else:
            self.relay.result.emit(value)


class TaskRunner(QObject):
    """Runs jobs on worker threads; owns its thread pools (no global instance)."""

    busy_changed = Signal(bool, str, float)  # busy, label of the oldest long job, its fraction (-1: unknown)
    task_failed = Signal(str, str)  # label, message: for failures nobody handled

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._lanes: dict[str, QThreadPool] = {}
        self._running: list[Task] = []
        self._long: list[Task] = []
        # A finished task stays referenced until the event loop comes back: dropping the last
        # reference while its relay is still delivering the result destroys it mid-call (segfault).
        self._retired: list[Task] = []

    # -- running ----------------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        label: str = "",
        lane: str | None = None,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        show_busy: bool = True,
        **kwargs: Any,
    ) -> Task:
        task = Task(label)  # owned by Python: alive while queued here or referenced by the caller
        if on_result is not None:
            task.succeeded.connect(on_result)
        if on_error is not None:
            task.failed.connect(on_error)
        else:
            task.failed.connect(self._announce_failure)
        if on_progress is not None:
            task.progressed.connect(on_progress)
            kwargs["progress"] = task.relay.report_progress
        task.progressed.connect(self._on_task_progress)
        task.finished.connect(self._on_task_finished)
        self._running.append(task)
        if show_busy:
            task.busy_timer.timeout.connect(self._on_task_slow)
            task.busy_timer.start(BUSY_DELAY_MS)
        self._pool_for(lane).start(_Job(fn, args, kwargs, task.relay))
        return task

    def _pool_for(self, lane: str | None) -> QThreadPool:
        if lane is None:
            return self._pool
        if lane not in self._lanes:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)  # one at a time, in the order queued
            self._lanes[lane] = pool
        return self._lanes[lane]

    # -- task events (slots: the sender is the task; no lambdas, so no reference cycles) -----------
    @Slot(object)
    def _announce_failure(self, exc: object) -> None:
        task = self.sender()
        label = task.label if isinstance(task, Task) else ""
        self.task_failed.emit(label, str(exc) or type(exc).__name__)

    @Slot()
    def _on_task_slow(self) -> None:
        timer = self.sender()
        task = timer.parent() if timer is not None else None
        if isinstance(task, Task) and not task.done and task in self._running and task not in self._long:
            self._long.append(task)
            self._publish_busy()

    @Slot(float, str)
    def _on_task_progress(self, fraction: float, message: str) -> None:
        if self.sender() in self._long:
            self._publish_busy()

    @Slot()
    def _on_task_finished(self) -> None:
        task = self.sender()
        if not isinstance(task, Task):
            return
        task.busy_timer.stop()
        if task in self._running:
            self._running.remove(task)
            if not self._retired:
                QTimer.singleShot(0, self, self._drop_retired)
            self._retired.append(task)
        if task in self._long:
            self._long.remove(task)
            self._publish_busy()

    @Slot()
    def _drop_retired(self) -> None:
        self._retired.clear()

    def _publish_busy(self) -> None:
        if self._long:
            oldest = self._long[0]
            self.busy_changed.emit(True, oldest.label, oldest.fraction)
        else:
            self.busy_changed.emit(False, "", -1.0)

    @property
    def busy(self) -> bool:
        return bool(self._long)

    @property
    def pending(self) -> int:
        return len(self._running)

    # -- shutting down -----------------------------------------------------------------------------
    def wait_for_lane(self, lane: str, timeout_ms: int = 5000) -> bool:
        """Block until a lane's queued jobs are done (used when the window closes)."""
        pool = self._lanes.get(lane)
        return True if pool is None else pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        done = all(pool.waitForDone(timeout_ms) for pool in self._lanes.values())
        return self._pool.waitForDone(timeout_ms) and done

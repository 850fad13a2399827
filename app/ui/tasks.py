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

Lifetimes, safe by construction:
- Worker threads are plain Python threads. They touch no QObject of ours: a job's outcome is stored
  on a plain record and its number posted to a `Mailbox`, which the GUI thread drains (`GuiInbox`).
- The GUI side keeps every record (the job's callable, its arguments and, later, its result) until
  the worker has let go of it, so the last reference to anything, and so every destructor, is
  dropped on the GUI thread, never in a worker.
- A task whose owner is gone (a page that was closed and deleted), or that was cancelled, is not
  delivered; if it had not started, it never runs. `owner=` names the owner; without it, the
  QObject behind a bound-method callback is the owner.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from app.ui.gui_inbox import GuiInbox, Poster

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 500
_DONE, _PROGRESS = "done", "progress"


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
        self.cancelled = False
        self.error: BaseException | None = None
        self.value: Any = None
        self.fraction = -1.0
        self.elapsed = QElapsedTimer()
        self.elapsed.start()
        self.busy_timer = QTimer(self)
        self.busy_timer.setSingleShot(True)
        self.owners: tuple[QObject, ...] = ()
        self._job: _Job | None = None

    def cancel(self) -> None:
        """Drop this task's result (GUI thread). A job that has not started yet never runs."""
        self.cancelled = True
        if self._job is not None:
            self._job.cancelled = True

    def owners_alive(self) -> bool:
        return all(shiboken6.isValid(owner) for owner in self.owners)


class _Job:
    """What a worker thread sees of a task: plain data, no Qt object."""

    __slots__ = ("number", "fn", "args", "kwargs", "cancelled", "outcome")

    def __init__(self, number: int, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:
        self.number, self.fn, self.args, self.kwargs = number, fn, args, kwargs
        self.cancelled = False  # set on the GUI thread, read by the worker (a plain bool)
        self.outcome: tuple[bool, Any, str] | None = None  # (ok, value or exception, trace)


def _execute(job: _Job) -> None:
    """Run the job on this (worker) thread and keep its outcome on the record. Every reference this
    frame takes is dropped when it returns, before the GUI thread hears the job is done."""
    if job.cancelled:
        return
    try:
        value = job.fn(*job.args, **job.kwargs)
    except BaseException as exc:  # noqa: BLE001 - every failure is reported to the GUI
        job.outcome = (False, exc, traceback.format_exc())
    else:
        job.outcome = (True, value, "")


def _report_progress(post: Poster, number: int, fraction: float, message: str = "") -> None:
    post(number, _PROGRESS, float(fraction), str(message))


class _WorkerPool:
    """Up to `size` daemon threads taking jobs from one queue, in order. Plain Python: it never
    touches Qt: it tells the GUI thread through `post(job number, "done")`. `unfinished` counts
    queued and running jobs, for `wait_idle`."""

    _STOP = None

    def __init__(self, name: str, size: int, post: Poster) -> None:
        self.name, self.size, self.post = name, size, post
        self._jobs: list[_Job | None] = []
        self._condition = threading.Condition()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self.unfinished = 0
        self.stopping = False

    def submit(self, job: _Job) -> None:
        with self._condition:
            self._jobs.append(job)
            self.unfinished += 1
            if self._idle == 0 and len(self._threads) < self.size:
                thread = threading.Thread(target=self._work, name=f"task-{self.name}-{len(self._threads)}",
                                          daemon=True)
                self._threads.append(thread)
                thread.start()
            self._condition.notify()

    def _take(self) -> _Job | None:
        with self._condition:
            self._idle += 1
            while not self._jobs and not self.stopping:
                self._condition.wait()
            self._idle -= 1
            return self._jobs.pop(0) if self._jobs else self._STOP

    def _work(self) -> None:
        while (job := self._take()) is not self._STOP:
            assert job is not None
            _execute(job)
            number = job.number
            del job  # let go before the GUI thread may drop the record
            self.post(number, _DONE)
            with self._condition:
                self.unfinished -= 1
                self._condition.notify_all()

    def wait_idle(self, timeout_s: float) -> bool:
        with self._condition:
            return self._condition.wait_for(lambda: self.unfinished == 0, timeout_s)

    def stop(self) -> None:
        """Let the threads end once the queue is empty."""
        with self._condition:
            self.stopping = True
            self._condition.notify_all()


class TaskRunner(QObject):
    """Runs jobs on worker threads; owns its threads (no global instance)."""

    busy_changed = Signal(bool, str, float)  # busy, label of the oldest long job, its fraction (-1: unknown)
    task_failed = Signal(str, str)  # label, message: for failures nobody handled

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._inbox = GuiInbox(self)
        self._post = self._inbox.channel(self._on_message, keep_awake=False)  # polled while jobs run
        self._numbers = itertools.count(1)
        self._max_threads = max_threads
        self._pools: dict[str | None, _WorkerPool] = {}
        # number -> (job, task): held here until the worker has finished with the job
        self._records: dict[int, tuple[_Job, Task]] = {}
        self._long: list[Task] = []
        self._closed = False

    # -- running ----------------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        label: str = "",
        lane: str | None = None,
        on_result: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[float, str], None] | None = None,
        show_busy: bool = True,
        owner: QObject | None = None,
        **kwargs: Any,
    ) -> Task:
        task = Task(label)
        task.owners = _owners(owner, on_result, on_error, on_progress)
        if on_result is not None:
            task.succeeded.connect(on_result)
        task.failed.connect(on_error if on_error is not None else functools.partial(self._announce_failure, label))
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if self._closed:  # the window is closing: nothing new starts
            task.cancel()
            task.done = True
            return task
        number = next(self._numbers)
        if on_progress is not None:
            kwargs["progress"] = functools.partial(_report_progress, self._post, number)
        job = _Job(number, fn, args, kwargs)
        task._job = job
        self._records[job.number] = (job, task)
        self._inbox.wake()
        if show_busy:
            task.busy_timer.timeout.connect(functools.partial(self._on_task_slow, job.number))
            task.busy_timer.start(BUSY_DELAY_MS)
        self._pool_for(lane).submit(job)
        return task

    def _pool_for(self, lane: str | None) -> _WorkerPool:
        pool = self._pools.get(lane)
        if pool is None:
            size = self._max_threads if lane is None else 1  # a lane: one at a time, in the order queued
            pool = self._pools[lane] = _WorkerPool(lane or "pool", size, self._post)
        return pool

    # -- messages from the workers (GUI thread) ------------------------------------------------------
    def _on_message(self, number: int, kind: str, *payload: Any) -> None:
        record = self._records.get(number)
        if record is None:
            return
        job, task = record
        if kind == _PROGRESS:
            if self._deliverable(task):
                task.fraction = payload[0]
                task.progressed.emit(*payload)
                if task in self._long:
                    self._publish_busy()
            return
        del self._records[number]  # the worker has let go: this is the last owner of the job
        self._inbox.sleep()
        outcome, job.outcome = job.outcome, None
        task.done = True
        task._job = None
        task.busy_timer.stop()
        if task in self._long:
            self._long.remove(task)
            self._publish_busy()
        if outcome is None or not self._deliverable(task):
            return  # cancelled before it ran, or its owner is gone: dropped
        ok, value, trace = outcome
        if ok:
            task.value = value
            task.succeeded.emit(value)
        else:
            task.error = value if isinstance(value, BaseException) else RuntimeError(str(value))
            log.warning("task %r failed:\n%s", task.label, trace)
            task.failed.emit(task.error)
        task.finished.emit()

    def _deliverable(self, task: Task) -> bool:
        return not self._closed and not task.cancelled and task.owners_alive()

    def _announce_failure(self, label: str, exc: object) -> None:
        self.task_failed.emit(label, str(exc) or type(exc).__name__)

    def _on_task_slow(self, number: int) -> None:
        record = self._records.get(number)
        if record is None:
            return
        task = record[1]
        if not task.done and task not in self._long and self._deliverable(task):
            self._long.append(task)
            self._publish_busy()

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
        return sum(1 for _job, task in self._records.values() if not task.cancelled)

    # -- cancelling ----------------------------------------------------------------------------------
    def cancel_owned_by(self, owner: QObject) -> int:
        """Cancel every task of `owner` or of any object inside it (a window being closed, a page, a
        trainee switched away from): queued ones never run, running ones are not delivered.
        Returns how many were cancelled."""
        cancelled = 0
        for _job, task in list(self._records.values()):
            if not task.cancelled and any(_inside(o, owner) for o in task.owners):
                task.cancel()
                cancelled += 1
                if task in self._long:
                    self._long.remove(task)
                    self._publish_busy()
        return cancelled

    # -- shutting down -----------------------------------------------------------------------------
    def wait_for_lane(self, lane: str, timeout_ms: int = 5000) -> bool:
        """Block until a lane's queued jobs are done (used when the window closes)."""
        pool = self._pools.get(lane)
        return True if pool is None else pool.wait_idle(timeout_ms / 1000)

    def deliver_finished(self) -> int:
        """Deliver now, on the GUI thread, the results of jobs that have finished (the window is
        closing and must act on them before it goes). Returns how many messages were handled."""
        return self._inbox.drain()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Let the queued jobs finish (a session being saved is never cut short) for up to
        `timeout_ms`; deliver nothing more. Returns whether every job finished in time."""
        self._closed = True
        for _job, task in self._records.values():
            task.busy_timer.stop()
        self._long.clear()
        for pool in self._pools.values():
            pool.stop()
        deadline = QElapsedTimer()
        deadline.start()
        done = all(pool.wait_idle(max(0, timeout_ms - deadline.elapsed()) / 1000) for pool in self._pools.values())
        # the records of finished jobs are dropped here, on the GUI thread, undelivered; a job still
        # running keeps its record (its worker is a daemon thread and ends with the process)
        self._inbox.drain()
        self._inbox.close()
        return done


def _owners(owner: QObject | None, *callbacks: Callable[..., Any] | None) -> tuple[QObject, ...]:
    found: list[QObject] = [owner] if owner is not None else []
    for callback in callbacks:
        target = getattr(callback, "__self__", None)
        if isinstance(target, QObject) and not any(target is seen for seen in found):
            found.append(target)
    return tuple(found)


def _inside(obj: QObject, ancestor: QObject) -> bool:
    """`obj` is `ancestor` or one of its descendants (a deleted object is inside nothing)."""
    current: QObject | None = obj
    while current is not None and shiboken6.isValid(current):
        if current is ancestor:
            return True
        current = current.parent()
    return False

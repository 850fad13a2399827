"""One dedicated background thread that runs submitted jobs in order and returns futures.

Engines that must be created and used on a single thread (pyttsx3, the recognisers) live inside
one of these, so the caller's thread (the GUI's) never blocks on them.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from app.speech.errors import SpeechError

T = TypeVar("T")
_STOP = object()


class WorkerClosedError(SpeechError):
    key = "speech.err.worker_closed"


class WorkerThread:
    """A daemon thread with a job queue. `submit` never blocks; jobs run one at a time, in order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def on_worker_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, job: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(WorkerClosedError(what=self.name))
                return future
            self._jobs.put((future, job, args, kwargs))
        return future

    def close(self, wait: bool = True, timeout: float | None = 30.0) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(_STOP)
        if wait and not self.on_worker_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is _STOP:
                return
            future, job, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = job(*args, **kwargs)
            except BaseException as exc:  # report every failure through the future
                future.set_exception(exc)
            else:
                future.set_result(result)

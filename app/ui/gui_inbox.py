"""The one way other threads reach the GUI thread: a plain queue they post into, drained by a timer
on the GUI thread.

Why not a signal: a signal emitted from a worker goes through a QObject, and if the GUI thread
deletes that object (a closed page, a finished task) while the worker is still inside `emit`, the
process crashes. Here a worker thread only ever touches `Mailbox`, a plain Python object that holds
no Qt object; what a message means is decided on the GUI thread, by handlers that are registered and
dropped there.

    inbox = GuiInbox(parent=self)
    post = inbox.channel(self._on_partial)   # a plain callable, safe to hand to any thread
    recogniser.on_partial = post             # post("hello") -> self._on_partial("hello"), GUI thread
    inbox.close_channel(post)                # later messages on it are dropped

A handler that is a bound method of a QObject whose C++ side is gone is never called.
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

DRAIN_INTERVAL_MS = 10


class Mailbox:
    """What other threads see: put a message (a channel number and plain data) and nothing else."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[tuple[int, tuple[Any, ...]]] = queue.SimpleQueue()

    def put(self, channel: int, *args: Any) -> None:
        self._queue.put((channel, args))

    def take(self) -> tuple[int, tuple[Any, ...]] | None:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return None


class Poster:
    """A callable for other threads: `poster(*args)` queues the args for one channel's handler. It
    holds only the mailbox and the channel number, so dropping it on any thread is harmless."""

    __slots__ = ("mailbox", "channel")

    def __init__(self, mailbox: Mailbox, channel: int) -> None:
        self.mailbox, self.channel = mailbox, channel

    def __call__(self, *args: Any) -> None:
        self.mailbox.put(self.channel, *args)


def receiver_alive(handler: Callable[..., Any]) -> bool:
    """False when `handler` is a method of a QObject whose C++ object has been deleted."""
    owner = getattr(handler, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class GuiInbox(QObject):
    """Drains a `Mailbox` on the GUI thread while it is awake. Create, register and close channels
    on the GUI thread only; hand out only `Poster`s (or `mailbox`) to other threads."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = DRAIN_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.mailbox = Mailbox()
        self._handlers: dict[int, Callable[..., Any]] = {}
        self._numbers = itertools.count(1)
        self._awake_reasons = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.drain)

    # -- channels (GUI thread) ----------------------------------------------------------------------
    def channel(self, handler: Callable[..., Any], keep_awake: bool = True) -> Poster:
        """Register `handler`; the returned poster delivers to it. With `keep_awake` the inbox polls
        until the channel is closed (for a stream such as a recogniser's partial results)."""
        number = self.register(handler)
        if keep_awake:
            self.wake()
        return Poster(self.mailbox, number)

    def register(self, handler: Callable[..., Any]) -> int:
        number = next(self._numbers)
        self._handlers[number] = handler
        return number

    def close_channel(self, poster: Poster, keep_awake: bool = True) -> None:
        if self._handlers.pop(poster.channel, None) is not None and keep_awake:
            self.sleep()

    # -- polling (GUI thread) -----------------------------------------------------------------------
    def wake(self) -> None:
        """One more reason to poll (a running task, an open stream)."""
        self._awake_reasons += 1
        if not self._timer.isActive():
            self._timer.start()

    def sleep(self) -> None:
        """One reason fewer; the timer stops when none is left (after a last drain)."""
        self._awake_reasons = max(0, self._awake_reasons - 1)
        if self._awake_reasons == 0 and self._timer.isActive():
            self._timer.stop()
            QTimer.singleShot(0, self, self.drain)  # what arrived just before still gets delivered

    def drain(self) -> int:
        """Deliver every queued message (GUI thread); returns how many handlers ran."""
        delivered = 0
        while (message := self.mailbox.take()) is not None:
            number, args = message
            handler = self._handlers.get(number)
            if handler is None or not receiver_alive(handler):
                continue
            try:
                handler(*args)
            except Exception:  # one broken handler must not stop the others' messages
                log.exception("a GUI-thread handler failed")
            delivered += 1
        return delivered

    def close(self) -> None:
        """Stop polling and forget every handler; later messages are dropped."""
        self._timer.stop()
        self._awake_reasons = 0
        self._handlers.clear()
        while self.mailbox.take() is not None:
            pass

"""Stress of the background-task helper: thousands of short, slow, failing and progress-reporting
jobs on every lane while the pages that started them are opened and deleted, and the runner is shut
down with work still queued. Bounded (a few seconds of jobs, well under two minutes) and seeded.

What it checks is what used to crash or corrupt: no callback reaches a deleted page, a live page
gets every result exactly once and each lane keeps its order, and no object the GUI handed to a job
(the callable, its arguments) or got back from it (the result) is destroyed on a worker thread.
"""

from __future__ import annotations

import gc
import random
import threading
import time

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.tasks import TaskRunner

LANES = (None, "store", "browser", "team", "review", "replay", "call")
SEED = 20261201


class DeathWatch:
    """Records the thread each watched object is destroyed on."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wrong_thread: list[str] = []
        self.deaths = 0

    def died(self, what: str) -> None:
        with self.lock:
            self.deaths += 1
            if threading.current_thread() is not threading.main_thread():
                self.wrong_thread.append(f"{what} on {threading.current_thread().name}")


class Watched:
    """A payload whose destructor reports where it ran; it also carries a parentless QObject, the
    kind of object whose destruction on a worker thread crashes Qt."""

    def __init__(self, watch: DeathWatch, what: str) -> None:
        self.watch, self.what = watch, what

    def __del__(self) -> None:
        self.watch.died(self.what)


class Page(QWidget):
    """Stands for a page: it starts tasks and takes their results with bound methods."""

    def __init__(self, number: int, log: dict) -> None:
        super().__init__()
        self.number, self.log = number, log

    def on_result(self, value: tuple[int, str | None, int]) -> None:
        self.log["delivered"].append((self.number, value))

    def on_error(self, exc: BaseException) -> None:
        self.log["errors"].append((self.number, str(exc)))

    def on_progress(self, fraction: float, message: str) -> None:
        self.log["progress"] += 1


def _job(watch: DeathWatch, number: int, lane: str | None, payload: Watched, sleep_s: float, fail: bool,
         progress=None):
    if progress is not None:
        progress(0.5, "half")
    if sleep_s:
        time.sleep(sleep_s)
    if fail:
        raise ValueError(f"job {number} failed")
    watch_result = Watched(watch, f"result {number}")
    return (number, lane, id(payload)), watch_result


def test_thousands_of_tasks_while_pages_open_and_close(qtbot):
    rng = random.Random(SEED)
    watch = DeathWatch()
    runner = TaskRunner(max_threads=4)
    log: dict = {"delivered": [], "errors": [], "progress": 0}
    pages: list[Page] = []
    closed: set[int] = set()
    expected: dict[int, list[tuple[int, str | None]]] = {}  # page -> (job, lane) it must get, in order
    failing: dict[int, int] = {}
    started_at = time.monotonic()
    number = 0

    def deliver(page: Page):
        def on_result(pair):
            value, _watched = pair
            page.on_result(value)
        return on_result

    for page_number in range(150):
        page = Page(page_number, log)
        pages.append(page)
        expected[page_number] = []
        failing[page_number] = 0
        for _ in range(rng.randint(20, 60)):
            number += 1
            lane = rng.choice(LANES)
            sleep_s = rng.choice((0.0, 0.0, 0.0, 0.001, 0.003, 0.01))
            fail = rng.random() < 0.05
            with_progress = rng.random() < 0.2
            payload = Watched(watch, f"argument {number}")
            runner.run(
                _job, watch, number, lane, payload, sleep_s, fail, lane=lane, label=f"job {number}",
                owner=page, on_result=deliver(page), on_error=page.on_error,
                on_progress=page.on_progress if with_progress else None, show_busy=rng.random() < 0.5,
            )
            del payload
            if fail:
                failing[page_number] += 1
            else:
                expected[page_number].append((number, lane))
        qtbot.wait(rng.randint(0, 15))
        # close a few open pages while their work runs: a deleted page must hear nothing more
        for victim in rng.sample(pages, k=min(len(pages), rng.randint(0, 2))):
            if victim.number in closed:
                continue
            closed.add(victim.number)
            if rng.random() < 0.5:
                runner.cancel_owned_by(victim)
            shiboken6.delete(victim)  # the C++ page is gone; only the Python wrapper is left

    # let the work on the open pages finish, then shut down with a new batch still queued
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=60000)
    late = Page(999, log)
    for extra in range(300):
        runner.run(time.sleep, 0.002, lane=LANES[extra % len(LANES)], owner=late, on_result=late.on_result)
    assert runner.shutdown(30000)
    after_shutdown = len(log["delivered"])
    qtbot.wait(100)
    QApplication.processEvents()
    assert len(log["delivered"]) == after_shutdown, "results were delivered after shutdown"
    assert runner.run(lambda: 1).cancelled, "a shut-down runner starts nothing"

    # a page deleted mid-run may have heard results *before* it was deleted; never after
    for page in pages:
        if page.number in closed:
            assert not shiboken6.isValid(page)
    got: dict[int, list[tuple[int, str | None]]] = {}
    for page_number, (job_number, lane, _payload_id) in log["delivered"]:
        got.setdefault(page_number, []).append((job_number, lane))
    for page_number, wanted in expected.items():
        if page_number in closed:
            assert set(got.get(page_number, [])) <= set(wanted)
            continue
        assert sorted(got.get(page_number, [])) == sorted(wanted), f"page {page_number} lost or doubled results"
        assert len([e for e in log["errors"] if e[0] == page_number]) == failing[page_number]
    by_lane: dict[str | None, list[int]] = {}
    for _page, (job_number, lane, _payload) in log["delivered"]:
        by_lane.setdefault(lane, []).append(job_number)
    for lane, numbers in by_lane.items():
        if lane is not None:
            assert numbers == sorted(numbers), f"lane {lane} ran out of order"

    log["delivered"].clear()
    del got
    gc.collect()
    assert watch.deaths > number // 2
    assert watch.wrong_thread == [], watch.wrong_thread[:5]
    assert time.monotonic() - started_at < 120


def test_results_for_a_deleted_owner_are_dropped(qtbot):
    runner = TaskRunner()
    heard = []
    gate = threading.Event()

    class Owner(QObject):
        def take(self, value):
            heard.append(value)

    owner = Owner()
    task = runner.run(gate.wait, 5, on_result=owner.take)
    shiboken6.delete(owner)
    gate.set()
    qtbot.waitUntil(lambda: task.done, timeout=3000)
    qtbot.wait(50)
    assert heard == []
    assert runner.shutdown(3000)


def test_cancelled_queued_job_never_runs(qtbot):
    runner = TaskRunner()
    gate, ran = threading.Event(), []
    first = runner.run(gate.wait, 5, lane="store")
    second = runner.run(ran.append, "second", lane="store")
    second.cancel()
    gate.set()
    qtbot.waitUntil(lambda: first.done and second.done, timeout=3000)
    assert ran == []
    assert runner.shutdown(3000)

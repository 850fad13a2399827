"""The background-task helper: results on the GUI thread, ordered lanes, errors, progress, and the
busy indicator for waits over half a second; and the stall watchdog."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from app.ui.stall_watchdog import StallWatchdog
from app.ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    runner = TaskRunner()
    yield runner
    runner.shutdown(3000)


def test_result_arrives_on_the_gui_thread(qtbot, runner):
    seen = {}

    def job():
        seen["worker"] = threading.get_ident()
        return 42

    def on_result(value):
        seen["value"] = value
        seen["gui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    with qtbot.waitSignal(runner.run(job, on_result=on_result).finished, timeout=3000):
        pass
    assert seen["value"] == 42
    assert seen["gui_thread"]
    assert seen["worker"] != threading.get_ident()


def test_errors_and_progress(qtbot, runner):
    errors, steps = [], []

    def job(progress):
        progress(0.5, "half")
        raise ValueError("bad model")

    task = runner.run(job, on_error=errors.append, on_progress=lambda f, m: steps.append((f, m)))
    qtbot.waitUntil(lambda: task.done, timeout=3000)
    assert [str(e) for e in errors] == ["bad model"]
    assert steps == [(0.5, "half")]


def test_unhandled_errors_are_announced(qtbot, runner):
    with qtbot.waitSignal(runner.task_failed, timeout=3000) as failed:
        runner.run(lambda: 1 / 0, label="Dividing")
    assert failed.args[0] == "Dividing"


def test_a_lane_runs_its_jobs_one_at_a_time_in_order(qtbot, runner):
    order = []

    def job(i):
        time.sleep(0.01 * (5 - i))
        order.append(i)

    tasks = [runner.run(job, i, lane="store") for i in range(5)]
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=3000)
    assert order == [0, 1, 2, 3, 4]
    assert runner.wait_for_lane("store", 100)


def test_busy_indicator_only_for_waits_over_half_a_second(qtbot, runner):
    events = []
    runner.busy_changed.connect(lambda busy, label, fraction: events.append((busy, label)))
    quick = runner.run(time.sleep, 0.05, label="quick")
    qtbot.waitUntil(lambda: quick.done, timeout=3000)
    qtbot.wait(600)
    assert events == []
    slow = runner.run(time.sleep, 0.8, label="slow")
    qtbot.waitUntil(lambda: runner.busy, timeout=3000)
    assert events[-1] == (True, "slow")
    qtbot.waitUntil(lambda: slow.done, timeout=3000)
    assert events[-1] == (False, "")


def test_stall_watchdog_records_the_longest_stall(qtbot):
    watchdog = StallWatchdog(interval_ms=10)
    watchdog.start()
    qtbot.wait(50)
    time.sleep(0.12)  # block the GUI thread
    qtbot.wait(50)
    watchdog.stop()
    assert 90 <= watchdog.longest_stall_ms <= 400
    assert watchdog.stalls_over[50] >= 1

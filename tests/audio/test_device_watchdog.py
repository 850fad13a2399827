"""The device watchdog asks PulseAudio (`pactl`) in a child QProcess; it must stay quiet when it is
destroyed, or stopped, while that process still runs (CI once failed a test's teardown with
"Internal C++ object (PySide6.QtCore.QProcess) already deleted" from the finished handler)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QObject, QProcess

from app.audio.device_watchdog import DeviceWatchdog

pytestmark = pytest.mark.skipif(shutil.which("pactl") is None, reason="pactl (PulseAudio) is not installed")


def _watchdog_asking(parent: QObject) -> DeviceWatchdog:
    watchdog = DeviceWatchdog("trainee_mic", parent=parent, stall_ms=None)
    watchdog.start()
    watchdog._ask_pulseaudio()
    assert watchdog._process is not None
    assert watchdog._process.state() != QProcess.ProcessState.NotRunning
    return watchdog


def test_destroyed_while_pactl_runs_raises_nothing(qtbot) -> None:
    for _ in range(20):  # the process's end races the destruction: try it many times
        parent = QObject()
        _watchdog_asking(parent)
        del parent  # destroys the watchdog and its running QProcess, which emits finished
        qtbot.wait(5)
    qtbot.wait(300)  # any late finished signal is delivered here; pytest-qt fails on its exception


def test_stopped_while_pactl_runs_forgets_the_process(qtbot) -> None:
    parent = QObject()
    watchdog = _watchdog_asking(parent)
    fired: list[str] = []
    watchdog.lost.connect(fired.append)
    watchdog.stop()
    qtbot.wait(300)
    assert watchdog._process is None
    assert fired == []

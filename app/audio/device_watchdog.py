"""Notices an audio device that disappears while it is in use.

Qt gives no signal for that: with PulseAudio the stream is silently moved to another device and
QMediaDevices keeps listing the old one. So the watchdog checks, every `poll_ms`, that the device
is still listed (by Qt, and by PulseAudio through `pactl` when that is there, asynchronously via
QProcess), and that data keeps arriving (`note_data`) — an unplugged ALSA device just stops.
"""

from __future__ import annotations

import shutil
import time

import shiboken6
from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtMultimedia import QMediaDevices

from app.audio.devices import INPUT, device_id

REASON_REMOVED = "audio.lost.removed"
REASON_STALLED = "audio.lost.stalled"


class DeviceWatchdog(QObject):
    lost = Signal(str)  # a reason key: "audio.lost.removed" or "audio.lost.stalled"

    def __init__(self, device_id_: str, direction: str = INPUT, poll_ms: int = 250, stall_ms: int | None = 2000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.device_id = device_id_
        self.direction = direction
        self.stall_ms = stall_ms
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)
        self._pactl = shutil.which("pactl")
        self._process: QProcess | None = None
        self._last_data = 0.0
        self._fired = False
        self._pulse_knows_device = False  # pactl is only trusted once it has listed the device

    def start(self) -> None:
        self._fired = False
        self._last_data = time.monotonic()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._process is not None:
            self._process.kill()
            self._process.waitForFinished(1000)
            self._process = None

    def note_data(self) -> None:
        self._last_data = time.monotonic()

    def _fire(self, reason: str) -> None:
        if self._fired:
            return
        self._fired = True
        self.stop()
        self.lost.emit(reason)

    def _poll(self) -> None:
        devices = QMediaDevices.audioInputs() if self.direction == INPUT else QMediaDevices.audioOutputs()
        if self.device_id not in {device_id(d) for d in devices}:
            self._fire(REASON_REMOVED)
            return
        if self.stall_ms is not None and (time.monotonic() - self._last_data) * 1000 > self.stall_ms:
            self._fire(REASON_STALLED)
            return
        self._ask_pulseaudio()

    def _ask_pulseaudio(self) -> None:
        if self._pactl is None or (self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning):
            return
        process = QProcess(self)
        process.finished.connect(lambda code, _status, p=process: self._on_pactl(p, code))
        process.errorOccurred.connect(lambda error, p=process: self._on_pactl_error(p, error))
        self._process = process
        process.start(self._pactl, ["list", "short", "sources" if self.direction == INPUT else "sinks"])

    def _on_pactl(self, process: QProcess, exit_code: int) -> None:
        if not (shiboken6.isValid(process) and shiboken6.isValid(self)):
            return  # the watchdog (and its child process) is being destroyed: Qt kills pactl and says so
        output = bytes(process.readAllStandardOutput().data()).decode("utf-8", errors="replace")
        if self._process is process:
            self._process = None
        process.deleteLater()
        if exit_code != 0 or not self._timer.isActive():
            return  # no PulseAudio here (or it does not answer): rely on Qt's list and on data
        names = {line.split("\t")[1] for line in output.splitlines() if line.count("\t") >= 1}
        if self.device_id in names:
            self._pulse_knows_device = True
        elif self._pulse_knows_device:
            self._fire(REASON_REMOVED)

    def _on_pactl_error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        """`pactl` could not be started: no `finished` follows, so forget the process here."""
        if error != QProcess.ProcessError.FailedToStart or not (shiboken6.isValid(process) and shiboken6.isValid(self)):
            return
        if self._process is process:
            self._process = None
        process.deleteLater()

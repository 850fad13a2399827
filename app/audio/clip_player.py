"""The replay's audio: one WAV at a time through QMediaPlayer, on the output device the user chose,
at 0.75-2x speed with the pitch kept (where the multimedia backend can) and from any offset.
Implements `app.ui.ports.ClipPlayer`.

QMediaPlayer loads a new source asynchronously and ignores a seek made before the media is loaded,
so a new clip starts only once it is loaded, at the offset asked for. A clip that cannot be played
(an unreadable file, a device that went away) is reported through the problem handler; the replay
keeps running without that clip's sound.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from app.audio.devices import find_output
from app.speech.errors import AudioDeviceError

log = logging.getLogger(__name__)
ProblemHandler = Callable[[str], None]


class QtClipPlayer(QObject):
    def __init__(self, output_device: str | None = None, ui_lang: str = "en", parent: QObject | None = None) -> None:
        """`output_device`: the id or name from the settings (None: the system default). A device
        that is not there any more falls back to the default, and says so (in `ui_lang`) once
        playback starts."""
        super().__init__(parent)
        self._problem_handler: ProblemHandler | None = None
        self._device_problem: str | None = None
        try:
            device = find_output(output_device) if output_device else None
        except AudioDeviceError as exc:
            device, self._device_problem = None, exc.text(ui_lang)
        self.device_name = device.name if device is not None else None
        self.output = QAudioOutput(device.qt_device, self) if device is not None else QAudioOutput(self)
        self.player = QMediaPlayer(self)
        self.player.setAudioOutput(self.output)
        if hasattr(self.player, "setPitchCompensation"):
            self.player.setPitchCompensation(True)
        self.player.mediaStatusChanged.connect(self._on_media_status)
        self.player.errorOccurred.connect(self._on_error)
        self.current: Path | None = None
        self._start_at_ms: int | None = None  # a start waiting for the media to load
        self._new_source_loading = False

    def set_problem_handler(self, handler: ProblemHandler | None) -> None:
        self._problem_handler = handler

    def play(self, wav: Path, offset_s: float, rate: float) -> None:
        self._report_device_problem()
        self.player.setPlaybackRate(rate)
        offset_ms = int(max(0.0, offset_s) * 1000)
        if self.current != wav:
            self.current = wav
            self._start_at_ms, self._new_source_loading = offset_ms, False
            self.player.setSource(QUrl.fromLocalFile(str(wav)))  # may load at once, inside this call
            return
        if self._start_at_ms is not None:  # still loading: start there once loaded
            self._start_at_ms = offset_ms
            return
        self.player.setPosition(offset_ms)
        self.player.play()

    def set_rate(self, rate: float) -> None:
        self.player.setPlaybackRate(rate)

    def pause(self) -> None:
        self._start_at_ms = None
        self.player.pause()

    def stop(self) -> None:
        self._start_at_ms = None
        self.player.stop()

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        """Start a new clip once it has loaded: a "loaded" status before its "loading" is the
        previous clip's."""
        if status == QMediaPlayer.MediaStatus.LoadingMedia:
            self._new_source_loading = True
        if self._start_at_ms is None or not self._new_source_loading or status not in (
                QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia):
            return
        start, self._start_at_ms = self._start_at_ms, None
        self.player.setPosition(start)
        self.player.play()

    def _on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        self._start_at_ms = None
        name = self.current.name if self.current is not None else "?"
        log.warning("replay clip %s could not be played: %s", name, detail)
        if self._problem_handler is not None:
            self._problem_handler(f"{name}: {detail or error.name}")

    def _report_device_problem(self) -> None:
        if self._device_problem is not None and self._problem_handler is not None:
            problem, self._device_problem = self._device_problem, None
            self._problem_handler(problem)

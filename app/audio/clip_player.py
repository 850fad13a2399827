"""The replay's audio: one WAV at a time through QMediaPlayer, at 0.75-2x speed with the pitch
kept (where the multimedia backend can) and from any offset. Implements `app.ui.ports.ClipPlayer`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


class QtClipPlayer(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.output = QAudioOutput(self)
        self.player = QMediaPlayer(self)
        self.player.setAudioOutput(self.output)
        if hasattr(self.player, "setPitchCompensation"):
            self.player.setPitchCompensation(True)
        self.current: Path | None = None

    def play(self, wav: Path, offset_s: float, rate: float) -> None:
        if self.current != wav:
            self.player.setSource(QUrl.fromLocalFile(str(wav)))
            self.current = wav
        self.player.setPlaybackRate(rate)
        self.player.setPosition(int(max(0.0, offset_s) * 1000))
        self.player.play()

    def set_rate(self, rate: float) -> None:
        self.player.setPlaybackRate(rate)

    def pause(self) -> None:
        self.player.pause()

    def stop(self) -> None:
        self.player.stop()

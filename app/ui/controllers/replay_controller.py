"""The replay's clock: play, pause, seek and speed over a `ReplayTimeline`, with the audio of
each segment started on the `ClipPlayer` as the playhead reaches it (customer line, then the
trainee's reply, turn by turn). The playhead is the elapsed time times the speed, so the
transcript and the emotion curve follow it even where a side has no recording.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from app.domain.progress.replay import ReplayTimeline
from app.ui.ports import ClipPlayer

SPEEDS = (0.75, 1.0, 1.25, 1.5, 2.0)
TICK_MS = 30


class ReplayController(QObject):
    position_changed = Signal(float)  # seconds on the timeline
    playing_changed = Signal(bool)

    def __init__(self, player: ClipPlayer | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.timeline = ReplayTimeline([])
        self.clips: dict[tuple[int, str], Path] = {}
        self.rate = 1.0
        self.position = 0.0
        self.playing = False
        self._anchor_position = 0.0
        self._elapsed = QElapsedTimer()
        self._segment: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def load(self, timeline: ReplayTimeline, clips: dict[tuple[int, str], Path]) -> None:
        self.pause()
        self.timeline, self.clips = timeline, clips
        self.seek(0.0)

    # -- controls ----------------------------------------------------------------------------------
    def play(self) -> None:
        if self.playing or not self.timeline.segments:
            return
        if self.position >= self.timeline.total_s:
            self.position = 0.0
        self.playing = True
        self._anchor()
        self._segment = None
        self._sync_audio()
        self._timer.start()
        self.playing_changed.emit(True)

    def pause(self, at: float | None = None) -> None:
        if not self.playing:
            return
        self.position = self._now() if at is None else at
        self.playing = False
        self._timer.stop()
        if self.player is not None:
            self.player.pause()
        self.playing_changed.emit(False)
        self.position_changed.emit(self.position)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def seek(self, seconds: float) -> None:
        self.position = max(0.0, min(float(seconds), self.timeline.total_s))
        if self.playing:
            self._anchor()
            self._segment = None
            self._sync_audio()
        self.position_changed.emit(self.position)

    def set_rate(self, rate: float) -> None:
        if not SPEEDS[0] <= rate <= SPEEDS[-1]:
            raise ValueError(f"speed {rate} is outside {SPEEDS[0]}-{SPEEDS[-1]}x")
        if self.playing:
            self.position = self._now()
            self._anchor()
        self.rate = rate
        if self.player is not None:
            self.player.set_rate(rate)

    # -- the clock ---------------------------------------------------------------------------------
    def _anchor(self) -> None:
        self._anchor_position = self.position
        self._elapsed.restart()

    def _now(self) -> float:
        if not self.playing:
            return self.position
        return self._anchor_position + self._elapsed.elapsed() / 1000.0 * self.rate

    def _tick(self) -> None:
        now = self._now()
        if now >= self.timeline.total_s:
            self.pause(at=self.timeline.total_s)  # the end of the call
            return
        self.position = now
        self._sync_audio()
        self.position_changed.emit(now)

    def _sync_audio(self) -> None:
        """Start the recording of the segment under the playhead, once, at the right offset."""
        index = self.timeline.segment_at(self.position)
        if index == self._segment:
            return
        segment = self.timeline.segments[index] if index is not None else None
        if segment is None or self.position < segment.start_s:
            return  # in a gap: the next segment starts when the playhead reaches it
        self._segment = index
        if self.player is None:
            return
        wav = self.clips.get((segment.turn_index, segment.side))
        if wav is None or not segment.has_audio:
            self.player.stop()
        else:
            self.player.play(wav, segment.offset_s + self.position - segment.start_s, self.rate)

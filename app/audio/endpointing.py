"""Where a spoken turn ends: after a configurable trailing silence (default 0.8 s) that follows
speech. Decisions use audio time (samples counted), so they do not depend on scheduling."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.audio.level_meter import FLOOR_DBFS, to_dbfs


@dataclass(frozen=True)
class EndpointConfig:
    trailing_silence_s: float | None = 0.8  # None: only push-to-talk release ends the turn
    no_speech_timeout_s: float | None = None  # end a turn in which nobody speaks
    max_turn_s: float | None = 120.0
    frame_s: float = 0.02
    min_speech_s: float = 0.1  # this much voiced audio in a row counts as speech
    speech_margin_db: float = 15.0  # voiced: this far above the noise floor ...
    min_speech_dbfs: float = -50.0  # ... and never quieter than this
    floor_rise_db_per_s: float = 2.0  # the noise floor follows louder steady noise this slowly
    max_initial_floor_dbfs: float = -35.0


@dataclass(frozen=True)
class EndpointEvent:
    kind: str  # "speech_started", "ended" (trailing silence), "no_speech", "max_length"
    at_s: float  # audio time of the decision


class Endpointer:
    """Energy-based voice activity detection with an adaptive noise floor."""

    def __init__(self, config: EndpointConfig | None = None, sample_rate: int = 16000) -> None:
        self.config = config or EndpointConfig()
        self.sample_rate = sample_rate
        self._frame = max(1, int(round(self.config.frame_s * sample_rate)))
        self._leftover = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self._noise_floor: float | None = None  # set from the first frame
        self._voiced_run = 0
        self._silent_run = 0
        self.speech_started_at: float | None = None
        self.last_voice_end: float | None = None
        self.end: EndpointEvent | None = None

    @property
    def position_s(self) -> float:
        return self._frames_seen * self._frame / self.sample_rate

    @property
    def threshold_dbfs(self) -> float:
        floor = self._noise_floor if self._noise_floor is not None else FLOOR_DBFS
        return max(self.config.min_speech_dbfs, floor + self.config.speech_margin_db)

    def _track_floor(self, level: float) -> None:
        """The floor falls at once to a quieter frame and rises slowly, so speech cannot lift it."""
        cfg = self.config
        if self._noise_floor is None:
            self._noise_floor = min(level, cfg.max_initial_floor_dbfs)
        elif level < self._noise_floor:
            self._noise_floor = level
        else:
            self._noise_floor = min(level, self._noise_floor + cfg.floor_rise_db_per_s * cfg.frame_s)

    def process(self, samples: np.ndarray) -> list[EndpointEvent]:
        """Feed int16 mono samples; returns the events they caused (at most one end)."""
        if self.end is not None:
            return []
        data = np.concatenate([self._leftover, samples]) if len(self._leftover) else samples
        whole = len(data) - len(data) % self._frame
        self._leftover = data[whole:].copy()
        events: list[EndpointEvent] = []
        for frame in data[:whole].reshape(-1, self._frame):
            event = self._frame_decision(frame)
            if event is not None:
                events.append(event)
                if event.kind != "speech_started":
                    self.end = event
                    break
        return events

    def _frame_decision(self, frame: np.ndarray) -> EndpointEvent | None:
        cfg = self.config
        values = frame.astype(np.float64) / 32768.0
        level = to_dbfs(float(np.sqrt(np.mean(values * values))))
        self._frames_seen += 1
        now = self.position_s
        self._track_floor(level)
        voiced = level >= self.threshold_dbfs
        event = None
        if voiced:
            self._voiced_run += 1
            self._silent_run = 0
            if self.speech_started_at is None and self._voiced_run * cfg.frame_s >= cfg.min_speech_s - 1e-9:
                self.speech_started_at = now - self._voiced_run * cfg.frame_s
                event = EndpointEvent("speech_started", now)
            if self.speech_started_at is not None:
                self.last_voice_end = now
        else:
            self._voiced_run = 0
            self._silent_run += 1
            if (self.speech_started_at is not None and cfg.trailing_silence_s is not None
                    and self._silent_run * cfg.frame_s >= cfg.trailing_silence_s - 1e-9):
                return EndpointEvent("ended", now)
        if self.speech_started_at is None and cfg.no_speech_timeout_s is not None and now >= cfg.no_speech_timeout_s:
            return EndpointEvent("no_speech", now)
        if cfg.max_turn_s is not None and now >= cfg.max_turn_s:
            return EndpointEvent("max_length", now)
        return event

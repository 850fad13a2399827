"""One spoken turn of the trainee: capture from a microphone, stream to the recogniser, record to
WAV, end on trailing silence or push-to-talk release, and measure the response latency (from the
end of the customer's line to the trainee's first word)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from app.audio.endpointing import EndpointConfig, Endpointer, EndpointEvent
from app.audio.level_meter import AudioLevel, measure_level, pcm_samples
from app.audio.protocols import Microphone
from app.domain.scoring.model import WordTiming
from app.speech.pcm import WavRecorder
from app.speech.recognizer import RecognitionStream, Transcript

SAMPLE_RATE = 16000


@dataclass(frozen=True)
class TurnResult:
    transcript: Transcript
    ended_by: str  # "silence", "push_to_talk", "no_speech", "max_length", "device_lost", "stopped"
    latency_s: float | None  # end of the customer's line -> first word; None if nobody spoke
    audio_s: float  # seconds captured
    recording: Path | None
    speech_started_s: float | None  # audio time where the endpointer heard speech begin
    speech_ended_s: float | None  # audio time of the last voiced frame
    endpoint_s: float | None  # audio time at which the turn was ended
    device_lost_reason: str | None = None  # a text key, see app.texts
    final_at: float = 0.0  # monotonic time at which the final transcript was ready

    @property
    def text(self) -> str:
        return self.transcript.text

    @property
    def words(self) -> list[WordTiming]:
        return self.transcript.word_timings()

    @property
    def device_lost(self) -> bool:
        return self.device_lost_reason is not None


class TurnCapture:
    """Runs one turn at a time. All callbacks may come from the capture thread (the Qt thread) or
    the recogniser's worker thread: a GUI adapter re-emits them as Qt signals.

    on_level(AudioLevel), on_partial(text), on_speech_started(audio_s), on_finished(TurnResult).
    """

    def __init__(self, microphone: Microphone | None, recognition: RecognitionStream,
                 endpointing: EndpointConfig | None = None, clock: Callable[[], float] = time.monotonic,
                 on_level: Callable[[AudioLevel], None] | None = None,
                 on_speech_started: Callable[[float], None] | None = None,
                 on_finished: Callable[[TurnResult], None] | None = None, drive_microphone: bool = True) -> None:
        """With `drive_microphone=False` the caller keeps the microphone open between turns (for a
        level meter) and forwards its on_audio/on_device_lost calls to this object; `microphone`
        may then be None (nothing here touches it)."""
        self.microphone = microphone
        self.drive_microphone = drive_microphone
        self.recognition = recognition
        self.endpointing = endpointing or EndpointConfig()
        self.clock = clock
        self.on_level = on_level
        self.on_speech_started = on_speech_started
        self.on_finished = on_finished
        self._lock = threading.Lock()
        self._active = False
        self._result: Future[TurnResult] | None = None

    @property
    def active(self) -> bool:
        return self._active

    def start(self, recording_path: Path | None = None, customer_finished_at: float | None = None,
              push_to_talk: bool = False) -> Future[TurnResult]:
        """Start listening. `customer_finished_at` is the monotonic time the customer's line ended
        (the player's on_finished time); without it there is no latency. With `push_to_talk`,
        only `release()` (or a lost device) ends the turn."""
        with self._lock:
            if self._active:
                raise RuntimeError("a turn is already being captured")
            self._active = True
        config = self.endpointing
        if push_to_talk:
            config = EndpointConfig(**{**config.__dict__, "trailing_silence_s": None, "no_speech_timeout_s": None})
        self._endpointer = Endpointer(config, SAMPLE_RATE)
        self._recorder = WavRecorder(recording_path, SAMPLE_RATE) if recording_path is not None else None
        self._customer_finished_at = customer_finished_at
        self._samples = 0
        self._lost_reason: str | None = None
        self._held = push_to_talk
        self._result = Future()
        self._started_at = self.clock()
        self.recognition.start_utterance()
        if self.drive_microphone and self.microphone is not None:
            self.microphone.start(self)
        return self._result

    def hold(self) -> None:
        """Push-to-talk pressed during a turn: from now on only `release()` (or a lost device) ends
        it, however long the trainee pauses."""
        self._held = True

    def release(self) -> None:
        """Push-to-talk released: the turn ends now."""
        self._finish("push_to_talk", None)

    def stop(self) -> None:
        self._finish("stopped", None)

    # -- MicrophoneListener --------------------------------------------------------------------
    def on_audio(self, pcm: bytes) -> None:
        if not self._active or not pcm:
            return
        if self._recorder is not None:
            self._recorder.write(pcm)
        self._samples += len(pcm) // 2
        self.recognition.feed(pcm)
        samples = pcm_samples(pcm)
        if self.on_level is not None:
            self.on_level(measure_level(samples))
        for event in self._endpointer.process(samples):
            self._on_endpoint(event)

    def on_device_lost(self, reason: str) -> None:
        self._lost_reason = reason
        self._finish("device_lost", None)

    # -- internals -----------------------------------------------------------------------------
    def _on_endpoint(self, event: EndpointEvent) -> None:
        if event.kind == "speech_started":
            if self.on_speech_started is not None:
                self.on_speech_started(event.at_s)
        elif self._held and event.kind != "max_length":
            return  # push-to-talk is held: silence does not end the turn
        else:
            self._finish("silence" if event.kind == "ended" else event.kind, event.at_s)

    def _finish(self, ended_by: str, endpoint_s: float | None) -> None:
        with self._lock:
            if not self._active:
                return
            self._active = False
        if ended_by != "device_lost" and self.drive_microphone and self.microphone is not None:
            self.microphone.stop()  # delivers what is still buffered; on_audio ignores it now
        recording = self._recorder.close() if self._recorder is not None else None
        audio_s = self._samples / SAMPLE_RATE
        endpointer = self._endpointer
        endpoint = endpoint_s if endpoint_s is not None else audio_s
        result_future = self._result
        assert result_future is not None
        final = self.recognition.finish_utterance()

        def deliver(done: Future[Transcript]) -> None:
            try:
                transcript = done.result()
            except BaseException as exc:
                result_future.set_exception(exc)
                return
            result = TurnResult(
                transcript, ended_by, self._latency(transcript, endpointer.speech_started_at), audio_s, recording,
                endpointer.speech_started_at, endpointer.last_voice_end, endpoint, self._lost_reason, self.clock())
            result_future.set_result(result)
            if self.on_finished is not None:
                self.on_finished(result)

        final.add_done_callback(deliver)

    def _latency(self, transcript: Transcript, speech_started_s: float | None) -> float | None:
        if self._customer_finished_at is None:
            return None
        first = transcript.first_word_start
        if first is None:
            first = speech_started_s
        if first is None:
            return None
        return max(0.0, (self._started_at - self._customer_finished_at) + first)

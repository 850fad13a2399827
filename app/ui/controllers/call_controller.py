"""One practice call in the app: the dialogue engine, the customer's voice, the trainee's replies
(spoken or typed), the dead-air clock and the session's record, without any widget.

Everything that can block runs through the `TaskRunner`: scoring a reply and moving the engine
(lane "call", so the engine is only ever touched by one job at a time), rendering the customer's
line, and the database writes (lane "store", so a turn is never written before its session).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal, Slot

from app.domain.dialogue import CallResult, CallSession, Clock, CustomerLine, Turn
from app.domain.progress import SessionStatus
from app.domain.scenarios import Scenario
from app.domain.scoring import ReplyScorer, WordTiming
from app.domain.scoring.pace import speaking_rate
from app.ui.labels import language_name
from app.ui.ports import (
    Capture,
    Playback,
    SessionStore,
    SpokenReply,
    Trainee,
    VoiceServices,
    VoiceUnavailable,
)
from app.ui.tasks import TaskRunner

DEAD_AIR_TICK_MS = 200
REPLY_AUDIO_BATCH_BYTES = 6400  # 0.2 s of 16 kHz mono int16: how much sound each store job carries

log = logging.getLogger(__name__)
CALL_LANE, STORE_LANE = "call", "store"


class InputMode(StrEnum):
    VOICE = "voice"
    TYPED = "typed"


@dataclass(frozen=True)
class CallOptions:
    subtitles: bool = True
    exam_mode: bool = False
    endpoint_silence_s: float = 0.8
    input_device: str | None = None
    output_device: str | None = None
    tts_voice: str | None = None


class CaptureBridge(QObject):
    """The app's `CaptureListener`: turns the voice adapter's calls (from any thread) into queued
    signals on the GUI thread."""

    level_changed = Signal(float)
    partial_changed = Signal(str, object)
    audio_captured = Signal(bytes)
    reply_ready = Signal(object)
    lost = Signal(str, object)
    playback_finished = Signal()

    def level(self, value: float) -> None:
        self.level_changed.emit(float(value))

    def partial(self, text: str, words: Sequence[WordTiming]) -> None:
        self.partial_changed.emit(text, tuple(words))

    def audio(self, pcm: bytes) -> None:
        self.audio_captured.emit(bytes(pcm))

    def reply(self, reply: SpokenReply) -> None:
        self.reply_ready.emit(reply)

    def device_lost(self, message: str, captured: SpokenReply | None) -> None:
        self.lost.emit(message, captured)


class _SessionRef:
    """The stored session's id, set by the first job of the store lane."""

    id: str | None = None


class CallController(QObject):
    call_started = Signal(object)  # Scenario
    customer_line = Signal(object)  # CustomerLine, as it starts
    customer_speaking = Signal(bool)
    customer_audio_changed = Signal(bool)  # False: the line must be shown as text
    awaiting_reply = Signal()
    reply_processing = Signal()
    turn_scored = Signal(object)  # Turn
    call_ended = Signal(object)  # CallResult
    input_mode_changed = Signal(str, str)  # InputMode, why (for the trainee)
    notice = Signal(str)
    dead_air = Signal(float, bool)  # seconds of silence, over the brief's limit
    better_model_available = Signal(str)  # the language a better recognition model can be imported for ("": none)
    mic_level = Signal(float)
    partial_transcript = Signal(str)
    live_pace = Signal(object)  # units per minute, or None
    draft_text = Signal(str)  # text to put in the reply box (what was heard before the mic was lost)

    def __init__(
        self,
        runner: TaskRunner,
        scorer: ReplyScorer,
        store: SessionStore | None = None,
        voice: VoiceServices | None = None,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.scorer, self.store, self.voice, self.clock = runner, scorer, store, voice, clock
        self.bridge = CaptureBridge(self)
        self.bridge.level_changed.connect(self.mic_level)
        self.bridge.partial_changed.connect(self._on_partial)
        self.bridge.audio_captured.connect(self._on_audio)
        self.bridge.reply_ready.connect(self._on_spoken_reply)
        self.bridge.lost.connect(self._on_device_lost)
        self.bridge.playback_finished.connect(self._customer_done)
        self._dead_air_timer = QTimer(self)
        self._dead_air_timer.setInterval(DEAD_AIR_TICK_MS)
        self._dead_air_timer.timeout.connect(self._tick_dead_air)
        self._dead_air_clock = QElapsedTimer()
        self._reset()

    def _reset(self) -> None:
        self.scenario: Scenario | None = None
        self.session: CallSession | None = None
        self.trainee: Trainee | None = None
        self.options = CallOptions()
        self.active = False
        self.awaiting = False
        self.processing = False
        self.listening = False
        self.customer_audio = False
        self.input_mode = InputMode.TYPED
        self.result: CallResult | None = None
        self.audio_by_turn: dict[int, Path] = {}
        self._ref = _SessionRef()
        self._capture: Capture | None = None
        self._playback: Playback | None = None
        self._last_line_playback: Playback | None = None  # the customer's last line, after the call
        self._talk_held = False  # push-to-talk pressed while a reply was awaited
        self._pending_audio: Path | None = None
        self._customer_wav: Path | None = None  # the line being answered, as spoken, stored with the turn
        self._reply_audio = bytearray()  # the reply's sound not yet sent to the store
        self._hang_up_requested = False
        self._closing = False

    # -- starting ---------------------------------------------------------------------------------
    def start(self, scenario: Scenario, trainee: Trainee | None, options: CallOptions) -> None:
        if self.active:
            raise RuntimeError("a call is already in progress")
        self._reset()
        self.scenario, self.trainee, self.options = scenario, trainee, options
        self.session = CallSession(scenario, self.scorer, self.clock)
        self.active = True
        self._start_record(scenario)
        self._set_up_voice()
        self.call_started.emit(scenario)
        self._present(self.session.start())

    @property
    def session_id(self) -> str | None:
        return self._ref.id

    @property
    def language(self) -> str:
        return self.scenario.language.value if self.scenario else "en"

    def _set_up_voice(self) -> None:
        lang = self.language
        if self.voice is None:
            self.customer_audio = False
            self._set_mode(InputMode.TYPED, self.tr(
                "Voice is not available in this build: typed replies only, and the customer's lines are shown as text."))
            return
        self.customer_audio = True
        self._set_mode(InputMode.TYPED, self.tr("Preparing speech recognition…"))
        self.runner.run(self.voice.recognizer_engine, lang, label=self.tr("Preparing speech recognition…"),
                        on_result=self._open_microphone, on_error=lambda exc: self._open_microphone(None), owner=self)

    def _open_microphone(self, engine: str | None) -> None:
        """With the language's recogniser known: open the microphone (on the GUI thread)."""
        if not self.active or self.voice is None:
            return
        if engine is None:
            self._set_mode(InputMode.TYPED, self.tr(
                "No speech recogniser for {language}: typed replies only. Import a model in Settings."
            ).format(language=language_name(self.language)))
            return
        try:
            self._capture = self.voice.open_capture(
                self.options.input_device, self.language, self.bridge, self.options.endpoint_silence_s)
        except VoiceUnavailable as exc:
            self._set_mode(InputMode.TYPED, self.tr("Microphone unavailable ({error}): typed replies only.").format(
                error=str(exc)))
            return
        self._set_mode(InputMode.VOICE, self.tr(
            "{engine}. Answer after the customer, or hold Space to talk.").format(engine=engine))
        self.better_model_available.emit(self.language if self.voice.has_better_model(self.language) else "")
        if self.awaiting and not self.listening:
            self._capture.begin_turn()
            self.listening = True

    def _set_mode(self, mode: InputMode, reason: str) -> None:
        self.input_mode = mode
        self.input_mode_changed.emit(mode.value, reason)

    # -- the customer's side ------------------------------------------------------------------------
    def _present(self, line: CustomerLine) -> None:
        self._customer_wav = None
        self.customer_line.emit(line)
        if not self.customer_audio or self.voice is None:
            self._customer_done()
            return
        self.customer_speaking.emit(True)
        self.runner.run(
            self.voice.synthesize, line, self.scenario, self.options.tts_voice,
            label=self.tr("Preparing the customer's voice…"),
            on_result=self._play_customer, on_error=self._customer_voice_failed,
        )

    def _play_customer(self, wav: Path) -> None:
        if not self.active or self.voice is None:
            return
        self._customer_wav = wav
        try:
            self._playback = self.voice.play(wav, self.options.output_device, self.bridge.playback_finished.emit)
        except VoiceUnavailable as exc:
            self._customer_voice_failed(exc)

    def _customer_voice_failed(self, exc: BaseException) -> None:
        self.customer_audio = False
        self.customer_audio_changed.emit(False)
        self.notice.emit(self.tr("The customer's voice could not be played ({error}): showing the line as text.").format(
            error=str(exc) or type(exc).__name__))
        self._customer_done()

    @Slot()
    def _customer_done(self) -> None:
        self._playback = None
        if not self.active or self.awaiting or self.processing or self.session is None:
            return
        self.customer_speaking.emit(False)
        self.session.customer_finished_speaking()
        self.awaiting = True
        self._dead_air_clock.start()
        self._dead_air_timer.start()
        self.awaiting_reply.emit()
        if self._capture is not None and self.input_mode == InputMode.VOICE:
            self._capture.begin_turn()
            self.listening = True

    def _tick_dead_air(self) -> None:
        if not self.awaiting or self.scenario is None:
            self._dead_air_timer.stop()
            return
        seconds = self._dead_air_clock.elapsed() / 1000.0
        over = seconds > self.scenario.thresholds.first_response_limit_s
        self.dead_air.emit(seconds, over)
        if over and self.input_mode == InputMode.VOICE and self.listening and self._capture is not None \
                and not self._talk_held:
            # open mic, and nothing said for longer than the limit: the turn ends silent, and the
            # customer asks whether anyone is there (the scenario's silence line)
            self._dead_air_timer.stop()
            self._capture.end_turn()

    # -- the trainee's side -------------------------------------------------------------------------
    def submit_text(self, text: str) -> bool:
        """A typed reply. False when the call is not waiting for one (or the text is empty)."""
        if not text.strip() or not self.awaiting:
            return False
        audio, self._pending_audio = self._pending_audio, None
        self._take_reply(SpokenReply(text.strip(), audio=audio, recogniser="typed"))
        return True

    def talk_pressed(self) -> None:
        """Space or the talk button pressed: holds the reply open, only while a reply is awaited
        (pressed while the customer speaks, it does nothing, and so neither does its release)."""
        self._talk_held = False
        if self._capture is not None and self.awaiting:
            if not self.listening:
                self._capture.begin_turn()
                self.listening = True
            self._capture.hold()
            self._talk_held = True

    def talk_released(self) -> None:
        if self._talk_held and self._capture is not None and self.awaiting and self.listening:
            self._capture.end_turn()
        self._talk_held = False

    def _on_partial(self, text: str, words: tuple[WordTiming, ...]) -> None:
        if not self.awaiting:
            return
        if text.strip():
            self._dead_air_timer.stop()
        self.partial_transcript.emit(text)
        measured = speaking_rate(words, self.language) if words else None
        self.live_pace.emit(measured[0] if measured else None)

    def _on_audio(self, pcm: bytes) -> None:
        """The reply's sound as it is captured: sent to the store in pieces of about 0.2 s."""
        if self.session is None or not self.active:
            return
        self._reply_audio.extend(pcm)
        if len(self._reply_audio) >= REPLY_AUDIO_BATCH_BYTES:
            self._send_reply_audio()

    def _send_reply_audio(self) -> None:
        if not self._reply_audio or self.session is None:
            return
        pcm, index = bytes(self._reply_audio), len(self.session.turns)
        self._reply_audio.clear()
        self._record(lambda store, session_id: store.write_reply_audio(session_id, index, pcm),
                     on_error=self._reply_audio_refused)

    def _reply_audio_refused(self, exc: BaseException) -> None:
        log.warning("the reply's sound is kept in memory until its turn is saved: %s", exc)

    def _on_spoken_reply(self, reply: SpokenReply) -> None:
        self._send_reply_audio()
        self.listening = False
        if self.awaiting and self.input_mode == InputMode.VOICE:
            self._take_reply(reply)

    def _on_device_lost(self, message: str, captured: SpokenReply | None) -> None:
        self._send_reply_audio()
        self._close_capture()
        self._set_mode(InputMode.TYPED, self.tr("The microphone was disconnected: typed replies only."))
        self.notice.emit(self.tr("The microphone was disconnected ({error}). Type your reply; the call goes on.").format(
            error=message))
        if captured is not None:
            self._pending_audio = captured.audio
            if captured.text.strip():
                self.draft_text.emit(captured.text.strip())

    def _take_reply(self, reply: SpokenReply) -> None:
        assert self.session is not None
        self.awaiting = False
        self.listening = False
        self._dead_air_timer.stop()
        self.processing = True
        self.reply_processing.emit()
        self.runner.run(
            self.session.reply, reply.text, reply.words or None, reply.latency_s,
            lane=CALL_LANE, label=self.tr("Scoring your reply…"),
            on_result=lambda turn: self._on_turn(turn, reply.audio, reply.recogniser),
            on_error=self._on_reply_failed, owner=self,
        )

    def _on_reply_failed(self, exc: BaseException) -> None:
        self.processing = False
        self.notice.emit(self.tr("Your reply could not be scored ({error}).").format(error=str(exc)))
        self.awaiting = self.active
        if self.active:
            self.awaiting_reply.emit()

    def _on_turn(self, turn: Turn, audio: Path | None, recogniser: str = "typed") -> None:
        self.processing = False
        if audio is not None:
            self.audio_by_turn[turn.index] = audio
        customer_wav = self._customer_wav
        self._record(lambda store, session_id: store.append_turn(session_id, turn, customer_wav, recogniser))
        self.turn_scored.emit(turn)
        if self._closing or self.session is None:
            return
        if self.session.finished:
            self._end(self.session.result, play_final=True)
        elif self._hang_up_requested:
            self._end(self.session.hang_up(), play_final=False)
        elif self.session.current_line is not None:
            self._present(self.session.current_line)

    # -- ending -----------------------------------------------------------------------------------
    def hang_up(self) -> None:
        if not self.active or self.session is None:
            return
        if self.processing:
            self._hang_up_requested = True
            return
        self._end(self.session.hang_up(), play_final=False)

    def _end(self, result: CallResult | None, play_final: bool) -> None:
        if result is None:
            return
        self.active = self.awaiting = False
        self._dead_air_timer.stop()
        self._stop_audio()
        self.result = result
        if self.nothing_said:
            self._reply_audio.clear()  # hung up before a reply: the recorder keeps nothing
        else:
            self._send_reply_audio()
        self._record(lambda store, session_id: store.finish_session(session_id, SessionStatus.COMPLETED, result))
        if play_final and result.final_line is not None and self.customer_audio and self.voice is not None:
            voice, output = self.voice, self.options.output_device
            self.runner.run(
                voice.synthesize, result.final_line, self.scenario, self.options.tts_voice, show_busy=False,
                on_result=lambda wav: self._play_last_line(voice, wav, output), on_error=lambda exc: None, owner=self,
            )
        self.call_ended.emit(result)

    def _play_last_line(self, voice: VoiceServices, wav: Path, output: str | None) -> None:
        """The customer's last words, heard to their end: the handle is held until they have played
        (or the next call starts)."""
        if self.active:
            return  # a new call has started meanwhile
        try:
            self._last_line_playback = voice.play(wav, output, self._last_line_played)
        except VoiceUnavailable as exc:
            self.notice.emit(self.tr("The customer's voice could not be played ({error}).").format(
                error=str(exc) or type(exc).__name__))

    def _last_line_played(self) -> None:
        self._last_line_playback = None

    @property
    def nothing_said(self) -> bool:
        """The call ended before the trainee's first reply: there is nothing to score or keep."""
        return self.result is not None and not self.result.turns

    def interrupt(self, timeout_ms: int = 5000) -> bool:
        """The window is closing mid-call: keep what was said and mark the session interrupted.
        Blocks until the record is written (or `timeout_ms`). False when no call was running."""
        if not self.active:
            return False
        self._closing = True
        if self.processing:  # let the reply being scored be stored first
            self.runner.wait_for_lane(CALL_LANE, timeout_ms)
            self.runner.deliver_finished()
        self.active = self.awaiting = False
        self._dead_air_timer.stop()
        self._stop_audio()
        self._send_reply_audio()
        self._record(lambda store, session_id: store.finish_session(session_id, SessionStatus.INTERRUPTED, None))
        self.runner.wait_for_lane(STORE_LANE, timeout_ms)
        return True

    def _stop_audio(self) -> None:
        self._close_capture()
        for playback in (self._playback, self._last_line_playback):
            if playback is not None:
                playback.stop()
        self._playback = self._last_line_playback = None

    def _close_capture(self) -> None:
        if self._capture is not None:
            self._capture.close()
            self._capture = None
        self.listening = False

    # -- the record -------------------------------------------------------------------------------
    def _start_record(self, scenario: Scenario) -> None:
        """Queue the start of this call's stored session (its id arrives on the store lane)."""
        store, trainee, ref = self.store, self.trainee, self._ref
        if store is None or trainee is None:
            return

        def job() -> None:
            ref.id = store.start_session(trainee.id, scenario)

        self.runner.run(job, lane=STORE_LANE, label=self.tr("Saving the session…"), on_error=self._storage_failed)

    def _record(self, write: Callable[[SessionStore, str], object],
                on_error: Callable[[BaseException], None] | None = None) -> None:
        """Queue a database write for this call's session on the store lane (after its start)."""
        store, trainee, ref = self.store, self.trainee, self._ref
        if store is None or trainee is None:
            return

        def job() -> None:
            if ref.id is not None:
                write(store, ref.id)

        self.runner.run(job, lane=STORE_LANE, label=self.tr("Saving the session…"), on_error=on_error or self._storage_failed)

    def _storage_failed(self, exc: BaseException) -> None:
        self.notice.emit(self.tr("The session could not be saved: {error}").format(error=str(exc) or type(exc).__name__))

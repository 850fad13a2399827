"""`VoiceServices` for the desktop app, over `app/speech/` (pyttsx3, Vosk/pocketsphinx, model import)
and `app/audio/` (QtMultimedia microphone and player).

The synthesizer and one recognition worker per language are created lazily and kept for the life
of the app. Recognisers run in a worker (a child process for pocketsphinx), never on the GUI thread.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.audio.devices import find_input, find_output, input_devices, output_devices
from app.audio.endpointing import EndpointConfig
from app.audio.level_meter import AudioLevel
from app.audio.qt_microphone import QtMicrophone
from app.audio.qt_player import QtPlayer
from app.audio.turn_capture import TurnCapture, TurnResult
from app.domain.dialogue import CustomerLine
from app.domain.scenarios import Scenario
from app.speech import (
    CustomerVoice,
    Pyttsx3Synthesizer,
    RecognitionStream,
    RecognizedWord,
    SpeechError,
    import_model,
)
from app.speech.prosody import SpeechProsody
from app.speech.recognizer import ENGINE_POCKETSPHINX
from app.speech.voice_session import VoiceSession
from app.texts import msg
from app.ui.gui_inbox import GuiInbox
from app.ui.ports import AudioDevice, CaptureListener, SpokenReply, VoiceOption, VoiceUnavailable

SYNTHESIS_TIMEOUT_S = 120.0
RECOGNIZER_START_TIMEOUT_S = 180.0


def _voice_error(exc: SpeechError, lang: str | None = None) -> VoiceUnavailable:
    return VoiceUnavailable(exc.text(lang))


def _spoken_reply(result: TurnResult, recogniser: str) -> SpokenReply:
    return SpokenReply(result.text, tuple(result.words), result.latency_s, result.recording, recogniser)


class _MicrophoneForwarder:
    """Keeps the microphone open between turns (levels flow to the meter all the time) and hands the
    audio to the turn capture, and to the app (which stores it as it comes), only while a turn is
    being captured."""

    def __init__(self, capture: TurnCapture, on_device_lost: Callable[[str], None],
                 on_turn_audio: Callable[[bytes], None]) -> None:
        self.capture = capture
        self.on_device_lost_cb = on_device_lost
        self.on_turn_audio = on_turn_audio

    def on_audio(self, pcm: bytes) -> None:
        if self.capture.active and pcm:
            self.capture.on_audio(pcm)
            self.on_turn_audio(pcm)

    def on_device_lost(self, reason: str) -> None:
        if self.capture.active:
            self.capture.on_device_lost(reason)
        else:
            self.on_device_lost_cb(reason)


class QtCapture:
    """One open microphone with the language's recogniser behind it (a `Capture`)."""

    def __init__(self, microphone: QtMicrophone, recognition: RecognitionStream, listener: CaptureListener,
                 endpoint_silence_s: float, recordings_dir: Path, ui_lang: str | None) -> None:
        self.microphone = microphone
        self.recognition = recognition
        self.listener = listener
        self.recordings_dir = recordings_dir
        self.ui_lang = ui_lang
        self._turns = 0
        self._closed = False
        # The recogniser calls back on its own thread: those calls only post to this inbox, and the
        # handlers run on the GUI thread. The recogniser thread never holds a reference to this
        # object, the microphone or the listener.
        self._inbox = GuiInbox()
        self._post_partial = self._inbox.channel(self._partial)
        self._post_finished = self._inbox.channel(self._finished)
        self.turn = TurnCapture(
            None, recognition, EndpointConfig(trailing_silence_s=endpoint_silence_s),
            on_finished=self._post_finished, drive_microphone=False)
        microphone.level_changed.connect(self._level)
        recognition.on_partial = self._post_partial
        microphone.start(_MicrophoneForwarder(self.turn, self._lost_between_turns, listener.audio))

    def begin_turn(self) -> None:
        if self._closed or self.turn.active:
            return
        self._turns += 1
        path = self.recordings_dir / f"turn-{self._turns:03d}-{int(time.time() * 1000)}.wav"
        self.turn.start(path, customer_finished_at=time.monotonic())

    def hold(self) -> None:
        if self.turn.active:
            self.turn.hold()

    def end_turn(self) -> None:
        self.turn.release()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.recognition.on_partial = None
        if self.turn.active:
            self.recognition.cancel_utterance()
        self.turn.on_finished = None
        self._inbox.close()
        self._inbox.deleteLater()
        self.microphone.stop()
        self.microphone.deleteLater()

    # -- callbacks (GUI thread: the recogniser's arrive through the inbox) ----------------------
    def _level(self, level: AudioLevel) -> None:
        self.listener.level(level.meter)

    def _partial(self, text: str, words: tuple[RecognizedWord, ...]) -> None:
        if not self._closed and self.turn.active:
            self.listener.partial(text, tuple(word.timing() for word in words))

    def _finished(self, result: TurnResult) -> None:
        if self._closed:
            return
        choice = self.recognition.choice
        reply = _spoken_reply(result, choice.label if choice is not None else "")
        if result.device_lost:
            self.listener.device_lost(msg(result.device_lost_reason or "audio.lost.error", self.ui_lang), reply)
        else:
            self.listener.reply(reply)

    def _lost_between_turns(self, reason: str) -> None:
        if not self._closed:
            self.listener.device_lost(msg(reason, self.ui_lang), None)


class _QtPlayback:
    def __init__(self, player: QtPlayer) -> None:
        self.player = player

    def stop(self) -> None:
        self.player.stop()
        self.player.deleteLater()


class QtVoiceServices:
    """The real voice services over the app's one `VoiceSession` (`app/speech`): the same lazy
    text-to-speech and per-language recognisers the command line uses. `ui_lang` picks the
    language of error messages."""

    def __init__(self, recordings_dir: Path | None = None, ui_lang: str | None = None,
                 synthesizer_factory: Callable[[], Pyttsx3Synthesizer] = Pyttsx3Synthesizer) -> None:
        self.ui_lang = ui_lang
        self._own_recordings: tempfile.TemporaryDirectory[str] | None = None
        if recordings_dir is None:
            self._own_recordings = tempfile.TemporaryDirectory(prefix="roleplay-turns-")
            recordings_dir = Path(self._own_recordings.name)
        self.recordings_dir = Path(recordings_dir)
        self.recordings_dir.mkdir(parents=True, exist_ok=True)
        self.session = VoiceSession(synthesizer_factory)

    # -- text-to-speech (background thread) ---------------------------------------------------
    def _voice(self) -> CustomerVoice:
        try:
            return self.session.voice()[1]
        except SpeechError as exc:
            raise _voice_error(exc, self.ui_lang) from exc

    def synthesize(self, line: CustomerLine, scenario: Scenario, voice_id: str | None) -> Path:
        customer = self._voice()
        try:
            return customer.audio_for_scenario_line(scenario, line.text, voice_id).result(SYNTHESIS_TIMEOUT_S).path
        except SpeechError as exc:
            raise _voice_error(exc, self.ui_lang) from exc

    def synthesize_text(self, text: str, language: str, voice_id: str | None) -> Path:
        customer = self._voice()
        try:
            return customer.audio_for(text, language, SpeechProsody(), voice_id).result(SYNTHESIS_TIMEOUT_S).path
        except SpeechError as exc:
            raise _voice_error(exc, self.ui_lang) from exc

    def voices(self, language: str) -> list[VoiceOption]:
        try:
            found = self.session.voices(language, SYNTHESIS_TIMEOUT_S)
        except SpeechError as exc:
            raise _voice_error(exc, self.ui_lang) from exc
        return [VoiceOption(v.id, v.name, language, v.languages[0] if v.languages else "") for v in found]

    # -- recognition (background thread) ------------------------------------------------------
    def recognizer_engine(self, language: str) -> str | None:
        """Loads the language's recogniser (None: typed replies, and the UI says why)."""
        try:
            worker = self.session.recognizer(language, RECOGNIZER_START_TIMEOUT_S)
        except Exception:  # no engine for the language, or a model that fails to load
            return None
        return worker.choice.describe(self.ui_lang) if worker.choice is not None else None

    def has_better_model(self, language: str) -> bool:
        worker = self.session.loaded_recognizer(language)
        choice = worker.choice if worker is not None else None
        return choice is not None and choice.engine == ENGINE_POCKETSPHINX

    def set_message_language(self, lang: str) -> None:
        self.ui_lang = lang

    # -- devices ------------------------------------------------------------------------------
    def input_devices(self) -> list[AudioDevice]:
        return [AudioDevice(d.id, d.name, d.is_default) for d in input_devices()]

    def output_devices(self) -> list[AudioDevice]:
        return [AudioDevice(d.id, d.name, d.is_default) for d in output_devices()]

    # -- GUI thread ---------------------------------------------------------------------------
    def open_capture(self, device_id: str | None, language: str, listener: CaptureListener,
                     endpoint_silence_s: float) -> QtCapture:
        worker = self.session.loaded_recognizer(language)
        if worker is None:
            raise VoiceUnavailable(msg("speech.err.no_recognizer", self.ui_lang, lang_name=f"@lang.{language}"))
        try:
            microphone = QtMicrophone(find_input(device_id))
            return QtCapture(microphone, worker, listener, endpoint_silence_s, self.recordings_dir, self.ui_lang)
        except SpeechError as exc:
            raise _voice_error(exc, self.ui_lang) from exc

    def play(self, wav: Path, device_id: str | None, on_finished: Callable[[], None]) -> _QtPlayback:
        try:
            player = QtPlayer(find_output(device_id))
            player.play(wav, lambda _finished_at: on_finished())
        except SpeechError as exc:
            raise _voice_error(exc, self.ui_lang) from exc
        return _QtPlayback(player)

    # -- models (background thread) -----------------------------------------------------------
    def import_model(self, source: Path, language: str | None, progress: Callable[[float, str], None]) -> str:
        progress(0.0, str(source))
        try:
            location = import_model(source, language)
        except SpeechError as exc:
            if exc.key == "speech.err.unknown_model_lang":  # the GUI has a language picker, not --lang
                raise ValueError(msg("speech.err.unknown_model_lang_gui", self.ui_lang,
                                             source=Path(source).name)) from exc
            raise ValueError(exc.text(self.ui_lang)) from exc
        self.session.forget_recognizer(location.lang)  # the next call in that language loads the new model
        progress(1.0, location.name)
        return f"{location.name} ({location.lang}) → {location.path}"

    def close(self) -> None:
        self.session.close()
        if self._own_recordings is not None:
            self._own_recordings.cleanup()

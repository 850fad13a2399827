"""Test doubles of the app's ports: an in-memory session store and a scripted voice service.

Only for tests; the app itself never fakes a missing service.
"""

from __future__ import annotations

import itertools
import tempfile
import threading
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.dialogue import CallResult, CustomerLine, EndReason, Turn
from app.domain.progress import SessionStatus, SessionSummary, best_scores, summarize_call
from app.domain.scenarios import Scenario
from app.domain.scoring import WordTiming
from app.ui.ports import (
    AudioDevice,
    CaptureListener,
    SpokenReply,
    StorageLocation,
    StoredSession,
    Trainee,
    VoiceOption,
)


@dataclass
class _Session:
    summary: SessionSummary
    turns: list[Turn] = field(default_factory=list)
    audio: dict[int, bytearray] = field(default_factory=dict)  # the trainee's replies, as streamed
    customer_audio: dict[int, Path] = field(default_factory=dict)
    recognisers: list[str] = field(default_factory=list)  # per turn: "typed", or the engine that heard it
    result: CallResult | None = None


class InMemorySessionStore:
    """Keeps everything in dictionaries; records each call for assertions. Thread-safe."""

    def __init__(self) -> None:
        self.trainees: dict[str, Trainee] = {}
        self.sessions: dict[str, _Session] = {}
        self.calls: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._clock = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)

    def describe_location(self) -> StorageLocation:
        return StorageLocation(False, "memory")

    def list_trainees(self) -> list[Trainee]:
        return list(self.trainees.values())

    def create_trainee(self, name: str) -> Trainee:
        with self._lock:
            trainee = Trainee(f"t{next(self._ids)}", name)
            self.trainees[trainee.id] = trainee
            self.calls.append("create_trainee")
            return trainee

    def start_session(self, trainee_id: str, scenario: Scenario) -> str:
        with self._lock:
            session_id = f"s{next(self._ids)}"
            self._clock += timedelta(hours=1)
            self.sessions[session_id] = _Session(
                SessionSummary(session_id, trainee_id, scenario.id, self._clock, SessionStatus.IN_PROGRESS))
            self.calls.append("start_session")
            return session_id

    def write_reply_audio(self, session_id: str, turn_index: int, pcm: bytes) -> None:
        with self._lock:
            self.sessions[session_id].audio.setdefault(turn_index, bytearray()).extend(pcm)

    def append_turn(self, session_id: str, turn: Turn, customer_audio: Path | None = None,
                    recogniser: str = "typed") -> None:
        with self._lock:
            session = self.sessions[session_id]
            session.turns.append(turn)
            session.recognisers.append(recogniser)
            if customer_audio is not None:
                session.customer_audio[turn.index] = customer_audio
            self.calls.append("append_turn")

    def finish_session(self, session_id: str, status: SessionStatus, result: CallResult | None) -> None:
        with self._lock:
            session = self.sessions[session_id]
            if status is SessionStatus.COMPLETED and result is not None and not result.turns:
                del self.sessions[session_id]  # as the call recorder does: nothing said, nothing kept
                self.calls.append("finish_session:discarded")
                return
            partial = CallResult(session.summary.scenario_id, None, result.reason if result else EndReason.TRAINEE_HUNG_UP,
                                 list(session.turns))
            overall, dims = summarize_call(result or partial)
            session.result = result
            session.summary = SessionSummary(
                session_id, session.summary.trainee_id, session.summary.scenario_id, session.summary.started_at,
                status, result.outcome if result else None, overall, dims, len(session.turns))
            self.calls.append(f"finish_session:{status.value}")

    def add_summary(self, summary: SessionSummary, result: CallResult | None = None) -> None:
        self.sessions[summary.session_id] = _Session(summary, list(result.turns) if result else [], result=result)

    def progress(self, trainee_id: str) -> list[SessionSummary]:
        found = [s.summary for s in self.sessions.values() if s.summary.trainee_id == trainee_id]
        return sorted(found, key=lambda s: s.started_at)

    def best_scores(self, trainee_id: str) -> dict[str, int]:
        return best_scores(self.progress(trainee_id))

    def load_session(self, session_id: str) -> StoredSession:
        session = self.sessions[session_id]
        result = session.result or CallResult(session.summary.scenario_id, None, EndReason.TRAINEE_HUNG_UP,
                                              list(session.turns))
        return StoredSession(session.summary, result, frozenset(session.audio))

    def turn_audio(self, session_id: str, turn_index: int) -> Path | None:
        pcm = self.sessions[session_id].audio.get(turn_index)
        if pcm is None:
            return None
        path = Path(tempfile.mkdtemp(prefix="roleplay-test-replay-")) / f"{session_id}-{turn_index}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(16000)
            out.writeframes(bytes(pcm))
        return path


def write_silence_wav(path: Path, seconds: float = 0.2) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * int(16000 * seconds))
    return path


class ScriptedCapture:
    def __init__(self, voice: ScriptedVoice, listener: CaptureListener) -> None:
        self.voice, self.listener = voice, listener
        self.turns_begun = 0
        self.turns_ended = 0
        self.holds = 0
        self.closed = False
        self._replied = False  # the current turn already gave its reply (`say`)

    def begin_turn(self) -> None:
        self.turns_begun += 1
        self._replied = False

    def hold(self) -> None:
        self.holds += 1

    def end_turn(self) -> None:
        """As the real capture: the turn ends now, with what was heard (here: nothing, unless the
        test said something with `say`)."""
        self.turns_ended += 1
        if self.turns_begun > self.turns_ended - 1 and not self._replied:
            self.listener.reply(SpokenReply("", (), None, None, "scripted"))
        self._replied = False

    def close(self) -> None:
        self.closed = True

    # -- what a test makes the "microphone" do ---------------------------------------------------------
    def say(self, text: str, audio: Path | None = None, wpm: float = 150.0) -> None:
        words = tuple(WordTiming(w, i * 60 / wpm, (i + 0.8) * 60 / wpm) for i, w in enumerate(text.split()))
        self.listener.level(0.5)
        self._stream(audio)
        self.listener.partial(text, words)
        self._replied = True
        self.listener.reply(SpokenReply(text, words, 1.2, audio, "scripted"))

    def lose_device(self, heard: str, audio: Path | None = None) -> None:
        self._stream(audio)
        self.listener.device_lost("device unplugged", SpokenReply(heard, (), None, audio))

    def _stream(self, audio: Path | None) -> None:
        """The sound of the turn, as the real capture hands it over while the trainee speaks."""
        if audio is not None:
            with wave.open(str(audio), "rb") as wav:
                pcm = wav.readframes(wav.getnframes())
            for offset in range(0, len(pcm), 3200):
                self.listener.audio(pcm[offset:offset + 3200])


class _Playback:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class ScriptedVoice:
    """A voice service whose microphone is driven by the test and whose speech is instant silence."""

    def __init__(self, folder: Path, engines: dict[str, str | None] | None = None,
                 import_error: str | None = None) -> None:
        self.folder = folder
        self.engines = engines if engines is not None else {"en": "scripted", "zh": "scripted"}
        self.builtin: set[str] = set()  # languages "recognised" by a built-in model (a better one to import)
        self.import_error = import_error
        self.captures: list[ScriptedCapture] = []
        self.played: list[Path] = []
        self.synthesized: list[str] = []
        self.message_language = "en"

    def set_message_language(self, lang: str) -> None:
        self.message_language = lang

    def synthesize(self, line: CustomerLine, scenario: Scenario, voice_id: str | None) -> Path:
        self.synthesized.append(line.text)
        return write_silence_wav(self.folder / f"line{len(self.synthesized)}.wav")

    def synthesize_text(self, text: str, language: str, voice_id: str | None) -> Path:
        self.synthesized.append(text)
        return write_silence_wav(self.folder / f"line{len(self.synthesized)}.wav")

    def voices(self, language: str) -> list[VoiceOption]:
        return [VoiceOption(f"{language}-1", f"Voice {language}", language)]

    def has_better_model(self, language: str) -> bool:
        return language in self.builtin

    def recognizer_engine(self, language: str) -> str | None:
        return self.engines.get(language)

    def input_devices(self) -> list[AudioDevice]:
        return [AudioDevice("mic1", "Test microphone", True)]

    def output_devices(self) -> list[AudioDevice]:
        return [AudioDevice("out1", "Test speakers", True)]

    def open_capture(self, device_id: str | None, language: str, listener: CaptureListener,
                     endpoint_silence_s: float) -> ScriptedCapture:
        capture = ScriptedCapture(self, listener)
        self.captures.append(capture)
        return capture

    def play(self, wav: Path, device_id: str | None, on_finished: Callable[[], None]) -> _Playback:
        self.played.append(wav)
        threading.Timer(0.01, on_finished).start()
        return _Playback()

    def import_model(self, source: Path, language: str | None,
                     progress: Callable[[float, str], None]) -> str:
        progress(0.5, "checking")
        if self.import_error:
            raise ValueError(self.import_error)
        return f"{source.name} ({language or 'auto'})"


def replies_for(lang: str) -> Sequence[str]:
    from app.cli.demo_cmd import DEMO_CALLS

    return DEMO_CALLS[lang][1]

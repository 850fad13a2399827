"""The narrow interfaces through which the desktop app reaches storage and voice.

The app is written against these Protocols only. Real adapters (over `app/storage/` and
`app/speech/` + `app/audio/`) implement them; tests use small in-memory doubles. When a service
is missing in production the app says so (for example "typed replies only") instead of pretending.

Threads: every method of `SessionStore`, and `synthesize`, `import_model`, `voices`,
`input_devices`, `output_devices` and `recognizer_engine` of `VoiceServices`, are called from a
background task (a worker thread), never from the GUI thread, so they may block. `open_capture`,
`play` and the `Capture` / `Playback` methods are called on the GUI thread (they drive Qt audio
objects) and must return quickly. `CaptureListener` methods and `play`'s `on_finished` may be called
from any thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from app.auth import Viewer
from app.domain.dialogue import CallResult, CustomerLine, Turn
from app.domain.progress import (
    InterventionRate,
    OverrideStat,
    ReviewComment,
    ReviewedSession,
    ScoreCell,
    ScoreCorrection,
    SessionStatus,
    SessionSummary,
    TraineeRow,
)
from app.domain.scenarios import Scenario
from app.domain.scoring import WordTiming

__all__ = [
    "BrowserFilter", "BrowserRow", "ClipPlayer", "ReplayClip", "TeamOverview", "TrainerStore", "Viewer",
    "AudioDevice", "Capture", "CaptureListener", "PinStatus", "Playback", "SessionStatus", "SessionStore",
    "SessionSummary", "SpokenReply", "StorageLocation", "StoredSession", "Trainee", "TraineePins", "VoiceOption",
    "VoiceServices", "VoiceUnavailable",
]


# -- storage --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Trainee:
    id: str
    name: str


@dataclass(frozen=True)
class StoredSession:
    """One session read back for its report: the summary, the call rebuilt as domain objects, and
    which turns have the trainee's audio."""

    summary: SessionSummary
    result: CallResult
    turns_with_audio: frozenset[int] = frozenset()
    overrides: tuple[ScoreCorrection, ...] = ()  # a trainer's corrections; the result keeps the originals
    comments: tuple[ReviewComment, ...] = ()


@dataclass(frozen=True)
class StorageLocation:
    """Where sessions are kept, as a person reads it."""

    on_server: bool  # a call centre's PostgreSQL server (else a file on this computer)
    where: str  # the file's path, or "host:port / database"


@runtime_checkable
class SessionStore(Protocol):
    def describe_location(self) -> StorageLocation:
        """Where the sessions are kept, for the Settings page (a file on this computer, or a
        centre's database server): never a connection URL."""
        ...

    def list_trainees(self) -> list[Trainee]: ...

    def create_trainee(self, name: str) -> Trainee: ...

    def start_session(self, trainee_id: str, scenario: Scenario) -> str:
        """Record a new session (status in progress); returns its id."""
        ...

    def write_reply_audio(self, session_id: str, turn_index: int, pcm: bytes) -> None:
        """The trainee's reply to `turn_index` (16 kHz mono int16) as it is captured, in order:
        committed while they speak, so a crash loses at most the last moment of it."""
        ...

    def append_turn(self, session_id: str, turn: Turn, customer_audio: Path | None = None,
                    recogniser: str = "typed") -> None:
        """Commit one finished turn (and the rest of its reply's sound), with the customer's line as
        it was spoken (for the trainer's replay) when there is one, and what heard the reply
        ("typed", or the recogniser's engine and model)."""
        ...

    def finish_session(self, session_id: str, status: SessionStatus, result: CallResult | None) -> None:
        """Close a session: COMPLETED with its result, or INTERRUPTED (result None) when the
        app is closed mid-call. A completed call without a single reply (hung up at once) holds
        nothing to keep: it is removed with its recordings."""
        ...
    def progress(self, trainee_id: str) -> list[SessionSummary]:
        """The trainee's sessions, oldest first, with their average scores."""
        ...

    def best_scores(self, trainee_id: str) -> dict[str, int]:
        """The trainee's best overall score per scenario id."""
        ...

    def load_session(self, session_id: str) -> StoredSession: ...

    def turn_audio(self, session_id: str, turn_index: int) -> Path | None:
        """A WAV file of the trainee's reply in that turn (materialised if it is stored as a blob)."""
        ...


@dataclass(frozen=True)
class PinStatus:
    """Whether picking a trainee profile asks for a PIN, and whether the profile has one yet
    (without one, the trainee chooses it now, typed twice)."""

    required: bool
    has_pin: bool


@runtime_checkable
class TraineePins(Protocol):
    """Trainee PINs (IT's site setting `"trainees": {"pins": true}`; a profile that has a PIN is always
    asked for it). Every method may block, scrypt is slow: call it from a background task.
    `check_pin` raises `app.auth.LockedOut` while wrong PINs lock the profile; `set_first_pin`
    raises `app.auth.PinPolicyError` unless the PIN is 4 to 8 digits and `PinAlreadySetError` when
    the profile has a PIN by now (it creates a new profile)."""

    def pin_status(self, name: str) -> PinStatus: ...

    def check_pin(self, name: str, pin: str) -> bool: ...

    def set_first_pin(self, name: str, pin: str) -> None: ...


# -- voice ----------------------------------------------------------------------------------------
class VoiceUnavailable(Exception):
    """A voice service cannot be used right now; the message says why, for the trainee."""


@dataclass(frozen=True)
class AudioDevice:
    id: str
    name: str
    is_default: bool = False


@dataclass(frozen=True)
class VoiceOption:
    id: str
    name: str  # the engine's own name ("Chinese (Mandarin, latin as Pinyin)"): labels.voice_name says it for people
    language: str
    tag: str = ""  # the voice's language tag ("cmn-latn-pinyin", "en-gb-scotland")


@dataclass(frozen=True)
class SpokenReply:
    """What the recogniser heard in one turn."""

    text: str
    words: tuple[WordTiming, ...] = ()
    latency_s: float | None = None  # from the end of the customer's line to the first word
    audio: Path | None = None  # the trainee's recording of this turn
    recogniser: str = ""  # the engine and model that heard it ("vosk:vosk-model-small-en-us-0.15")


@runtime_checkable
class CaptureListener(Protocol):
    """Implemented by the app; the voice adapter calls it, from any thread."""

    def level(self, value: float) -> None:
        """Microphone level 0-1, several times a second."""
        ...

    def partial(self, text: str, words: Sequence[WordTiming]) -> None:
        """The words recognised so far in the current turn."""
        ...

    def audio(self, pcm: bytes) -> None:
        """The trainee's sound of the current turn as it is captured (16 kHz mono int16)."""
        ...

    def reply(self, reply: SpokenReply) -> None:
        """The turn ended (endpoint silence or push-to-talk release)."""
        ...

    def device_lost(self, message: str, captured: SpokenReply | None) -> None:
        """The microphone disappeared; `captured` is what was heard of the turn so far."""
        ...


@runtime_checkable
class Capture(Protocol):
    """An open microphone with a recogniser behind it."""

    def begin_turn(self) -> None:
        """Start listening for the trainee's reply (the customer's line has ended)."""
        ...

    def hold(self) -> None:
        """Push-to-talk pressed: the current turn ends only on `end_turn()`, not on silence."""
        ...

    def end_turn(self) -> None:
        """End the turn now (push-to-talk released)."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class Playback(Protocol):
    def stop(self) -> None: ...


@runtime_checkable
class VoiceServices(Protocol):
    def set_message_language(self, lang: str) -> None:
        """The language ("en" or "zh") of its messages: errors and the recogniser's description."""
        ...

    def synthesize(self, line: CustomerLine, scenario: Scenario, voice_id: str | None) -> Path:
        """Render (or fetch from the cache) a customer line as a WAV file. Blocking."""
        ...

    def synthesize_text(self, text: str, language: str, voice_id: str | None) -> Path:
        """Render any text in the language's neutral voice (the agent of a model answer). Blocking."""
        ...

    def voices(self, language: str) -> list[VoiceOption]: ...

    def has_better_model(self, language: str) -> bool:
        """The language's loaded recogniser is a built-in one and an official model would hear
        better (English on pocketsphinx): the UI offers the import as a button."""
        ...

    def recognizer_engine(self, language: str) -> str | None:
        """The name of the engine that recognises this language, or None: typed replies only."""
        ...

    def input_devices(self) -> list[AudioDevice]: ...

    def output_devices(self) -> list[AudioDevice]: ...

    def open_capture(
        self,
        device_id: str | None,
        language: str,
        listener: CaptureListener,
        endpoint_silence_s: float,
    ) -> Capture:
        """Open the microphone; levels flow at once, replies after `begin_turn()`.
        Raises VoiceUnavailable (no device, no recogniser for the language)."""
        ...

    def play(self, wav: Path, device_id: str | None, on_finished: Callable[[], None]) -> Playback:
        """Play a WAV file; `on_finished` is called (from any thread) when it has played."""
        ...

    def import_model(self, source: Path, language: str | None, progress: Callable[[float, str], None]) -> str:
        """Check and install a recognition model from a zip or folder. Blocking; returns a
        description of what was installed, raises ValueError with a clear message."""
        ...



# -- trainer workspace ------------------------------------------------------------------------------
@dataclass(frozen=True)
class BrowserFilter:
    """The sessions browser's filters; unset fields do not filter. Dates compare with the start."""

    trainee: str | None = None
    scenario_id: str | None = None
    emotion: str | None = None
    outcome: str | None = None
    started_from: datetime | None = None
    started_before: datetime | None = None
    min_score: int | None = None
    max_score: int | None = None
    example: str | None = None  # good | bad


@dataclass(frozen=True)
class BrowserRow:
    session_id: str
    trainee: str
    scenario_id: str
    scenario_title: str
    emotion: str
    difficulty: int
    started_at: datetime
    status: str
    outcome: str | None
    score: int | None  # the call score (or, for a session scored before call scores, the replies' average)
    turns: int
    example_mark: str | None


# The browser's sortable columns, as the store names them.
SORT_KEYS = ("started_at", "trainee", "scenario", "emotion", "difficulty", "outcome", "score", "turns")


@dataclass(frozen=True)
class TeamOverview:
    rows: list[TraineeRow]
    by_scenario: list[ScoreCell]
    by_difficulty: list[ScoreCell]
    intervention: InterventionRate  # the whole team
    trends: dict[str, list[SessionSummary]] = field(default_factory=dict)  # loaded per trainee, on demand
    overrides: list[OverrideStat] = field(default_factory=list)  # scorer vs trainer
    scenario_titles: dict[str, str] = field(default_factory=dict)  # by scenario id: what the chart shows


@dataclass(frozen=True)
class ReplayClip:
    """One side of one turn as a WAV file, for the replay."""

    turn_index: int
    side: str  # customer | trainee
    wav: Path
    duration_s: float


@runtime_checkable
class TrainerStore(Protocol):
    """The trainer workspace's storage. Every method may block (call it from a background task).
    Methods taking a `viewer` enforce the access rules (`app.auth.access`) and raise
    `AccessDenied`; `sign_in` raises `app.auth.LockedOut` while failed attempts lock it."""

    def has_trainer(self) -> bool:
        """True once a trainer has set a password."""
        ...

    def first_trainer_in_app(self) -> bool:
        """False when IT creates trainer accounts (`roleplay trainers add`), not the app."""
        ...

    def create_first_trainer(self, name: str, password: str) -> Viewer: ...

    def sign_in(self, name: str, password: str) -> Viewer | None:
        """The signed-in trainer, or None for a wrong name or password."""
        ...

    def trainees(self, viewer: Viewer) -> list[str]: ...

    def count_sessions(self, viewer: Viewer, filters: BrowserFilter) -> int: ...

    def list_sessions(self, viewer: Viewer, filters: BrowserFilter, offset: int, limit: int,
                      sort_key: str = "started_at", descending: bool = True) -> list[BrowserRow]: ...

    def load_review(self, viewer: Viewer, session_id: str) -> ReviewedSession: ...

    def add_comment(self, viewer: Viewer, session_id: str, text: str, turn_index: int | None,
                    offset_s: float | None) -> None: ...

    def add_override(self, viewer: Viewer, session_id: str, turn_index: int, dimension: str, score: int,
                     reason: str) -> None: ...

    def mark_example(self, viewer: Viewer, session_id: str, mark: str | None, note: str) -> None: ...

    def team_overview(self, viewer: Viewer, now: datetime) -> TeamOverview: ...

    def trainee_trend(self, viewer: Viewer, name: str, limit: int = 100) -> list[SessionSummary]:
        """A trainee's latest sessions, oldest first, with per-dimension averages."""
        ...

    def replay_clips(self, viewer: Viewer, session_id: str) -> list[ReplayClip]:
        """Both sides of every turn that has sound, in call order, materialised as WAV files."""
        ...

    def delete_trainee(self, viewer: Viewer, name: str) -> int:
        """Delete a trainee with all their sessions and recordings; returns the session count."""
        ...

    def export_sessions(self, viewer: Viewer, target: Path, kind: str, filters: BrowserFilter) -> int:
        """`kind` "csv" (one row per turn) or "json" (sessions with review and audio)."""
        ...


@runtime_checkable
class ClipPlayer(Protocol):
    """Plays one WAV file at a time for the replay, at a speed, from an offset. Called on the GUI
    thread; every method returns at once. The replay's clock, not the player, drives the playhead."""

    def play(self, wav: Path, offset_s: float, rate: float) -> None: ...

    def set_rate(self, rate: float) -> None: ...

    def pause(self) -> None: ...

    def stop(self) -> None: ...

    def set_problem_handler(self, handler: Callable[[str], None] | None) -> None:
        """`handler(detail)` is called on the GUI thread when a clip or the device cannot play."""

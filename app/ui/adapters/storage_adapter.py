"""`SessionStore` over the real repository (`app/storage`): what the desktop app keeps.

Every method runs in a background task (see `app.ui.ports`). Sessions are read back as domain
objects so the report page shows a stored call exactly like a call that has just ended.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.dialogue import CallResult, Turn
from app.domain.progress import ReviewComment, ScoreCorrection, SessionStatus, SessionSummary
from app.domain.scenarios import Scenario
from app.storage import (
    SIDE_CUSTOMER,
    SIDE_TRAINEE,
    AudioChunkWriter,
    CallRecorder,
    SessionFilter,
    SessionRepository,
    StorageError,
)
from app.storage.domain_mapping import result_from_detail, summary_from_storage
from app.ui.ports import StorageLocation, StoredSession, Trainee

log = logging.getLogger(__name__)

REPLY_SAMPLE_RATE = 16000  # the capture's format (16 kHz mono int16)
PAGE = 500


def read_wav(path: Path) -> tuple[bytes, int, int]:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes()), wav.getframerate(), wav.getnchannels()


def open_session_store(audio_cache: Path, lang: str) -> tuple[RepositorySessionStore | None, str | None]:
    """Open the configured database (migrating it, marking sessions left open as interrupted).
    Returns the store, or None with the reason in the user's language."""
    from app.storage import StorageError, open_storage
    from app.texts import msg

    try:
        return RepositorySessionStore(open_storage(), audio_cache), None
    except StorageError as error:
        return None, msg(error.message_key, lang, **error.values)


@dataclass
class _CallRecording:
    """One call being stored: the shared call recorder (turns committed as they end, refused ones
    retried in order), the trainee's replies streaming in, and the customer's lines still to store."""

    recorder: CallRecorder
    customer_lines: list[tuple[int, Path]] = field(default_factory=list)  # (turn index, WAV as spoken)
    replies: dict[int, AudioChunkWriter] = field(default_factory=dict)  # turn index -> its reply's sound
    held: dict[int, bytearray] = field(default_factory=dict)  # sound of a reply whose track could not open
    refused: bool = False  # the database refused the last write of sound: hold it until the turn

    def write_reply(self, turn_index: int, pcm: bytes) -> None:
        if turn_index not in self.replies:
            if self.refused:
                self.held.setdefault(turn_index, bytearray()).extend(pcm)
                return
            try:
                self.replies[turn_index] = self.recorder.open_trainee_audio(turn_index, REPLY_SAMPLE_RATE)
            except StorageError:
                self.refused = True
                self.held.setdefault(turn_index, bytearray()).extend(pcm)
                raise
        try:
            self.replies[turn_index].write(pcm, save=not self.refused)
        except StorageError:
            self.refused = True  # kept in memory; committed with the turn
            raise

    def close_reply(self, turn_index: int) -> None:
        """The reply's turn is in: commit the rest of its sound (retrying what was refused)."""
        held = self.held.pop(turn_index, None)
        if held is not None and turn_index not in self.replies:
            self.replies[turn_index] = self.recorder.open_trainee_audio(turn_index, REPLY_SAMPLE_RATE)
        writer = self.replies.get(turn_index)
        if writer is None:
            return
        try:
            if held:
                writer.write(bytes(held))
            writer.close()
        except StorageError:
            self.held[turn_index] = bytearray()
            raise
        self.refused = False
        del self.replies[turn_index]

    def store_customer_lines(self) -> None:
        while self.customer_lines and self.recorder.pending_turns == 0:
            turn_index, wav = self.customer_lines[0]
            if wav.exists():
                pcm, rate, channels = read_wav(wav)
                self.recorder.repository.store_audio(self.recorder.session_uuid, turn_index, SIDE_CUSTOMER, pcm,
                                                     rate, channels)
            self.customer_lines.pop(0)


class RepositorySessionStore:
    """The app's `SessionStore`: trainees are identified by name, sessions by UUID."""

    def __init__(self, repository: SessionRepository, audio_cache: Path) -> None:
        self.repository = repository
        self.audio_cache = audio_cache
        self._calls: dict[str, _CallRecording] = {}  # the calls being recorded, by session id

    def close(self) -> None:
        self.repository.database.close()

    def describe_location(self) -> StorageLocation:
        database = self.repository.database
        if database.sqlite_path is not None:
            return StorageLocation(False, str(database.sqlite_path))
        url = database.url
        server = f"{url.host or 'localhost'}{f':{url.port}' if url.port else ''}"
        return StorageLocation(True, f"{server} / {url.database or ''}")

    def list_trainees(self) -> list[Trainee]:
        return [Trainee(p.name, p.name) for p in self.repository.list_people("trainee")]

    def create_trainee(self, name: str) -> Trainee:
        person = self.repository.ensure_person(name.strip())
        return Trainee(person.name, person.name)

    def start_session(self, trainee_id: str, scenario: Scenario) -> str:
        """The session's id at once. It is written now, or, when the database refuses (locked, full,
        unreachable), with the next write: the call recorder keeps what is waiting."""
        recorder = CallRecorder(self.repository, trainee_id, scenario)
        session_id = str(recorder.session_uuid)
        self._calls[session_id] = _CallRecording(recorder)
        try:
            recorder.start()
        except StorageError as error:
            log.warning("session %s not started yet, kept for the next write: %s", session_id, error)
        return session_id

    def write_reply_audio(self, session_id: str, turn_index: int, pcm: bytes) -> None:
        """The trainee's reply to `turn_index` as it is spoken: committed every half second."""
        self._calls[session_id].write_reply(turn_index, pcm)

    def append_turn(self, session_id: str, turn: Turn, customer_audio: Path | None = None,
                    recogniser: str = "typed") -> None:
        """Commit the turn (after any the database refused before), then the rest of its reply's
        sound; raises `StorageError` when the database refuses again, keeping both for the next write."""
        call = self._calls[session_id]
        if customer_audio is not None:
            call.customer_lines.append((turn.index, customer_audio))
        call.recorder.record_turn(turn, recogniser or None)
        for index in sorted({*call.replies, *call.held}):
            if index <= turn.index:
                call.close_reply(index)
        call.store_customer_lines()

    def finish_session(self, session_id: str, status: SessionStatus, result: CallResult | None) -> None:
        call = self._calls[session_id]
        if status is SessionStatus.INTERRUPTED or result is None:
            call.recorder.interrupt()
        else:
            call.recorder.finish(result)
        for index in sorted({*call.replies, *call.held}):
            call.close_reply(index)  # a reply cut short by the end of the call keeps what was said
        call.store_customer_lines()
        del self._calls[session_id]

    def progress(self, trainee_id: str) -> list[SessionSummary]:
        summaries, offset = [], 0
        while True:
            page = self.repository.list_sessions(SessionFilter(trainee=trainee_id), limit=PAGE, offset=offset)
            summaries += page
            if len(page) < PAGE:
                break
            offset += PAGE
        points = {str(p.session_uuid): p for p in self.repository.trainee_progress(trainee_id).timeline}
        out = []
        for s in sorted(summaries, key=lambda s: s.started_at):
            summary = summary_from_storage(s)
            point = points.get(summary.session_id)
            if point is not None:
                summary = SessionSummary(**{**summary.__dict__, "dimensions": {
                    k: int(round(v)) for k, v in point.dimensions.items()}})
            out.append(summary)
        return out

    def best_scores(self, trainee_id: str) -> dict[str, int]:
        return dict(self.repository.best_scores(trainee_id))

    def load_session(self, session_id: str) -> StoredSession:
        detail = self.repository.load_session(session_id)
        with_audio = frozenset(a.turn_index for a in detail.audio if a.side == SIDE_TRAINEE and a.frames > 0)
        overrides = tuple(ScoreCorrection(o.turn_index, o.dimension, o.original_score, o.new_score, o.reason,
                                          o.author, o.created_at) for o in detail.overrides)
        comments = tuple(ReviewComment(c.turn_index, c.offset_s, c.author, c.text, c.created_at)
                         for c in detail.comments)
        return StoredSession(summary_from_storage(detail.summary), result_from_detail(detail), with_audio,
                             overrides, comments)

    def turn_audio(self, session_id: str, turn_index: int) -> Path | None:
        clip = self.repository.load_audio(session_id, turn_index, SIDE_TRAINEE)
        if clip is None:
            return None
        self.audio_cache.mkdir(parents=True, exist_ok=True)
        path = self.audio_cache / f"{session_id}-{turn_index}-trainee.wav"
        path.write_bytes(clip.to_wav())
        return path

"""`SessionStore` over the real repository (`app/storage`): what the desktop app keeps.

Every method runs in a background task (see `app.ui.ports`). Sessions are read back as domain
objects so the report page shows a stored call exactly like a call that has just ended.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.dialogue import CallResult, CustomerLine, EndReason, Turn
from app.domain.progress import ReviewComment, ScoreCorrection, SessionStatus, SessionSummary
from app.domain.scenarios import Scenario
from app.domain.scenarios.schema import Ending, MoodBand, Stage
from app.domain.scoring import WordTiming
from app.domain.scoring.call_score import CallScore
from app.domain.scoring.model import DimensionScore, Evidence, ReplyScore
from app.storage import (
    SIDE_CUSTOMER,
    SIDE_TRAINEE,
    STATUS_FINISHED,
    STATUS_INTERRUPTED,
    CallRecorder,
    SessionDetail,
    SessionFilter,
    SessionRepository,
    StorageError,
    TurnDetail,
)
from app.storage import SessionSummary as StoredSessionSummary
from app.storage.records import DimensionDetail
from app.ui.ports import StoredSession, Trainee

log = logging.getLogger(__name__)

STATUS_FROM_STORAGE = {STATUS_FINISHED: SessionStatus.COMPLETED, STATUS_INTERRUPTED: SessionStatus.INTERRUPTED}
PAGE = 500


def _dimension(detail: DimensionDetail) -> DimensionScore:
    evidence = [Evidence(int(e["start"]), int(e["end"]), str(e["text"]), str(e["kind"]), str(e.get("label", "")))
                for e in detail.evidence]
    return DimensionScore(detail.name, detail.score, evidence, detail.tip, dict(detail.details))


def turn_from_detail(detail: TurnDetail, lang: str) -> Turn:
    dims = {name: _dimension(d) for name, d in detail.dimensions.items()}
    score = ReplyScore(lang, detail.reply_text, detail.overall, dims["empathy"], dims["forbidden"], dims["structure"],
                       dims.get("pace"), list(detail.tips))
    line = CustomerLine(Stage(detail.stage) if detail.stage else None, MoodBand(detail.mood_band),
                        detail.customer_text, detail.intensity_before)
    words = tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"]), float(w.get("conf", 1.0)))
                  for w in detail.words)
    return Turn(detail.index, line, detail.reply_text, score, detail.intensity_before, detail.intensity_after,
                detail.latency_s, words)


def summary_from_storage(s: StoredSessionSummary) -> SessionSummary:
    status = STATUS_FROM_STORAGE.get(s.status, SessionStatus.IN_PROGRESS)
    return SessionSummary(
        session_id=str(s.uuid), trainee_id=s.trainee, scenario_id=s.scenario_id, started_at=s.started_at,
        status=status, outcome=Ending(s.outcome) if s.outcome else None, overall=s.score,
        dimensions=dict(getattr(s, "dimension_averages", {}) or {}), turns=s.turn_count,
        items={i["name"]: int(i["score"]) for i in s.call_items if i.get("score") is not None},
    )


def result_from_detail(detail: SessionDetail) -> CallResult:
    lang = detail.summary.language
    turns = [turn_from_detail(t, lang) for t in sorted(detail.turns, key=lambda t: t.index)]
    reason = EndReason(detail.summary.end_reason) if detail.summary.end_reason else EndReason.TRAINEE_HUNG_UP
    outcome = Ending(detail.summary.outcome) if detail.summary.outcome else None
    final = None
    lines = detail.scenario_content.get("lines", {})
    if outcome is not None and lines.get(outcome.value):
        final = CustomerLine(None, MoodBand.CALM, lines[outcome.value], detail.emotion_curve[-1], outcome)
    call = (CallScore.from_stored(detail.summary.call_score, detail.summary.call_items, outcome.value if outcome else None)
            if detail.summary.call_score is not None else None)
    return CallResult(detail.summary.scenario_id, outcome, reason, turns, list(detail.emotion_curve), final, call)


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
    retried in order), and the sound files still to store once their turn is in."""

    recorder: CallRecorder
    audio: list[tuple[int, str, Path]] = field(default_factory=list)  # (turn index, side, WAV)

    def store_audio(self) -> None:
        while self.audio and self.recorder.pending_turns == 0:
            turn_index, side, wav = self.audio[0]
            if wav.exists():
                pcm, rate, channels = read_wav(wav)
                self.recorder.repository.store_audio(self.recorder.session_uuid, turn_index, side, pcm, rate, channels)
            self.audio.pop(0)


class RepositorySessionStore:
    """The app's `SessionStore`: trainees are identified by name, sessions by UUID."""

    def __init__(self, repository: SessionRepository, audio_cache: Path) -> None:
        self.repository = repository
        self.audio_cache = audio_cache
        self._calls: dict[str, _CallRecording] = {}  # the calls being recorded, by session id

    def close(self) -> None:
        self.repository.database.close()

    def describe_location(self) -> str:
        return self.repository.database.description

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

    def append_turn(self, session_id: str, turn: Turn, audio: Path | None = None,
                    customer_audio: Path | None = None) -> None:
        """Commit the turn (after any the database refused before); raises `StorageError` when it
        refuses again, keeping the turn for the next write."""
        call = self._calls[session_id]
        call.audio += [(turn.index, side, wav) for side, wav in ((SIDE_TRAINEE, audio), (SIDE_CUSTOMER, customer_audio))
                       if wav is not None]
        call.recorder.record_turn(turn, "typed" if not turn.words else None)
        call.store_audio()

    def finish_session(self, session_id: str, status: SessionStatus, result: CallResult | None) -> None:
        call = self._calls[session_id]
        if status is SessionStatus.INTERRUPTED or result is None:
            call.recorder.interrupt()
        else:
            call.recorder.finish(result)
        call.store_audio()
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

"""`SessionRepository`: the one API through which the GUI, the CLI and the engine adapter store
and read sessions. No SQL outside `app.storage`.

Each write is one transaction: a turn lands with all its scores and evidence, or not at all.
Writes that may be retried after a failure (a turn, an audio chunk) carry their own UUID or
sequence number, so a retry never stores them twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import IO, Any
from uuid import UUID, uuid4

from sqlalchemy import delete, func, select

from app import __version__
from app.auth import LoginThrottle
from app.domain.progress import (
    InterventionRate,
    OverrideStat,
    ScoreCell,
    SessionSummary,
    TeamPolicy,
    TraineeRow,
)
from app.domain.scenarios import Scenario
from app.domain.scoring.call_score import CallScore
from app.storage import accounts, queries, team_queries, transfer
from app.storage.audio import CHUNK_SECONDS, AudioChunkWriter, AudioClip, AudioStore
from app.storage.checks import check_database
from app.storage.database import Database
from app.storage.errors import DatabaseLockedError, ReadOnlyError
from app.storage.models import (
    CommentRow,
    DimensionScoreRow,
    PersonRow,
    ScenarioSnapshotRow,
    ScoreOverrideRow,
    SessionRow,
    TurnRow,
    utc_now,
)
from app.storage.process import ProcessIdentity, is_running
from app.storage.records import (
    OVERALL,
    ROLE_TRAINEE,
    ROLE_TRAINER,
    STATUS_FINISHED,
    STATUS_IN_PROGRESS,
    STATUS_INTERRUPTED,
    PersonInfo,
    SessionDetail,
    SessionFilter,
    SessionRecord,
    TraineeProgress,
    TrainerAccount,
    TurnData,
    pack_words,
    plain_json,
)
from app.storage.rows import (
    SessionId,
    as_uuid,
    person_row,
    refresh_session_scores,
    session_row,
    snapshot_row,
    store_call_score,
    turn_row,
)


class SessionRepository:
    """Sessions, turns, audio, trainer review and progress, on one `Database`."""

    def __init__(self, database: Database, identity: ProcessIdentity | None = None,
                 app_version: str = __version__) -> None:
        self.database = database
        self.identity = identity or ProcessIdentity.current()
        self.app_version = app_version
        self.audio = AudioStore(database)

    # -- people --------------------------------------------------------------------------------
    def ensure_person(self, name: str, role: str = ROLE_TRAINEE) -> PersonInfo:
        with self.database.write() as db:
            row = person_row(db, name, role)
            return PersonInfo(row.uuid, row.name, row.role)

    def list_people(self, role: str | None = None) -> list[PersonInfo]:
        with self.database.read() as db:
            query = select(PersonRow).order_by(PersonRow.role, PersonRow.name)
            if role is not None:
                query = query.where(PersonRow.role == role)
            return [PersonInfo(p.uuid, p.name, p.role) for p in db.scalars(query)]

    def delete_trainee(self, name: str) -> int:
        """Delete a trainee with every session and recording of theirs; returns the session count."""
        with self.database.write() as db:
            person = db.scalar(select(PersonRow).where(PersonRow.role == ROLE_TRAINEE, PersonRow.name == name))
            if person is None:
                return 0
            count = db.scalar(select(func.count(SessionRow.id)).where(SessionRow.trainee_id == person.id)) or 0
            db.execute(delete(SessionRow).where(SessionRow.trainee_id == person.id))
            db.delete(person)
            return int(count)

    def delete_session(self, session_uuid: SessionId) -> None:
        """Remove one session with its turns and recordings (a call with nothing in it)."""
        with self.database.write() as db:
            db.execute(delete(SessionRow).where(SessionRow.uuid == session_uuid))

    # -- recording -----------------------------------------------------------------------------
    def start_session(self, trainee: str, scenario: Scenario, *, session_uuid: UUID | None = None,
                      started_at: datetime | None = None) -> UUID:
        """A new in-progress session owned by this process; returns its UUID."""
        now = started_at or utc_now()
        with self.database.write() as db:
            if session_uuid is not None and db.scalar(
                    select(SessionRow.id).where(SessionRow.uuid == session_uuid)) is not None:
                return session_uuid  # a retried start that had landed
            person = person_row(db, trainee, ROLE_TRAINEE)
            snapshot = snapshot_row(db, scenario)
            row = SessionRow(
                uuid=session_uuid or uuid4(), trainee_id=person.id, scenario_snapshot_id=snapshot.id,
                scenario_id=scenario.id, scenario_version=scenario.version, language=scenario.language.value,
                emotion=scenario.persona.emotion.value, difficulty=scenario.difficulty,
                started_at=now, ended_at=None, last_activity_at=now, status=STATUS_IN_PROGRESS,
                outcome=None, end_reason=None, emotion_curve=[scenario.persona.intensity], average_score=None, score_totals={},
                turn_count=0, app_version=self.app_version, hostname=self.identity.hostname,
                owner_pid=self.identity.pid, owner_started=self.identity.started,
            )
            db.add(row)
            db.flush()
            return row.uuid

    def append_turn(self, session_uuid: SessionId, turn: TurnData) -> None:
        """Commit one finished turn with its scores and evidence. Safe to retry with the same data."""
        with self.database.write() as db:
            session = session_row(db, session_uuid)
            if db.scalar(select(TurnRow.id).where(TurnRow.uuid == turn.uuid)) is not None:
                return  # an earlier attempt did land
            if session.status == STATUS_FINISHED:
                raise ValueError(f"session {session.uuid} is finished")
            now = utc_now()
            session.turns.append(TurnRow(
                uuid=turn.uuid, index=turn.index, customer_text=turn.customer_text,
                stage=turn.stage, mood_band=turn.mood_band, reply_text=turn.reply_text, latency_s=turn.latency_s,
                intensity_before=turn.intensity_before, intensity_after=turn.intensity_after,
                overall=turn.overall, overall_override=None, tips=list(turn.tips), recogniser=turn.recogniser,
                words=pack_words(turn.words), ended_at=turn.ended_at or now, moment=turn.moment,
                dimensions=[
                    DimensionScoreRow(name=d.name, score=d.score, score_override=None, tip=d.tip,
                                      details=plain_json(d.details), evidence=plain_json(d.evidence))
                    for d in turn.dimensions
                ],
            ))
            db.flush()
            session.status = STATUS_IN_PROGRESS
            session.turn_count = max(session.turn_count, turn.index + 1)
            session.emotion_curve = list(session.emotion_curve[:turn.index + 1]) + [turn.intensity_after]
            refresh_session_scores(session)
            session.last_activity_at = now

    def open_audio(self, session_uuid: SessionId, turn_index: int, side: str, sample_rate: int,
                   channels: int = 1, chunk_seconds: float = CHUNK_SECONDS) -> AudioChunkWriter:
        """A writer that commits the sound of one side of one turn as it streams in."""
        track_id = self.audio.start_track(as_uuid(session_uuid), turn_index, side, sample_rate, channels)
        _rate, _channels, codec = self.audio.track_codec(track_id)
        return AudioChunkWriter(self.audio, track_id, sample_rate, channels, codec, chunk_seconds)

    def store_audio(self, session_uuid: SessionId, turn_index: int, side: str, pcm: bytes,
                    sample_rate: int, channels: int = 1) -> None:
        """Store a whole clip at once (the customer's rendered line, say)."""
        with self.open_audio(session_uuid, turn_index, side, sample_rate, channels) as writer:
            writer.write(pcm)

    def finish_session(self, session_uuid: SessionId, *, outcome: str | None, end_reason: str | None,
                       emotion_curve: list[int] | None = None, ended_at: datetime | None = None,
                       call_score: CallScore | None = None) -> None:
        with self.database.write() as db:
            session = session_row(db, session_uuid)
            now = ended_at or utc_now()
            session.status = STATUS_FINISHED
            session.outcome = outcome
            session.end_reason = end_reason
            if emotion_curve is not None:
                session.emotion_curve = list(emotion_curve)
            if call_score is not None:
                store_call_score(session, call_score)
            session.ended_at = now
            session.last_activity_at = now
            refresh_session_scores(session)

    def interrupt_session(self, session_uuid: SessionId) -> None:
        """Close a session that was stopped mid-call (the app closed, the trainee left): it keeps
        its turns and audio and reads "interrupted". A finished session is left alone."""
        with self.database.write() as db:
            session = session_row(db, session_uuid)
            if session.status == STATUS_FINISHED:
                return
            now = utc_now()
            session.status = STATUS_INTERRUPTED
            session.ended_at = now
            session.last_activity_at = now

    def mark_interrupted_sessions(self, stale_after: timedelta | None = timedelta(hours=12)) -> list[UUID]:
        """Close sessions left in progress by a process that is gone; returns their UUIDs.

        On this host a session is interrupted when its recording process no longer runs. Sessions
        of other hosts (a shared PostgreSQL) are interrupted after `stale_after` without activity.
        """
        me = self.identity
        cutoff = utc_now() - stale_after if stale_after is not None else None

        def abandoned(row: SessionRow) -> bool:
            if row.hostname == me.hostname:
                own = row.owner_pid == me.pid and row.owner_started == me.started
                return not own and not is_running(row.owner_pid, row.owner_started)
            return cutoff is not None and row.last_activity_at <= cutoff

        # read first: a command that only reads never takes the write lock when nothing is to be
        # closed, and a read-only or busy database still opens for reading (the next run closes them)
        with self.database.read() as db:
            ids = [row.id for row in db.scalars(select(SessionRow).where(SessionRow.status == STATUS_IN_PROGRESS))
                   if abandoned(row)]
        if not ids:
            return []
        try:
            with self.database.write() as db:
                marked = []
                for row in db.scalars(select(SessionRow).where(SessionRow.id.in_(ids),
                                                               SessionRow.status == STATUS_IN_PROGRESS)):
                    if abandoned(row):
                        row.status = STATUS_INTERRUPTED
                        row.ended_at = row.last_activity_at
                        marked.append(row.uuid)
                return marked
        except (ReadOnlyError, DatabaseLockedError):
            return []

    # -- trainer review ------------------------------------------------------------------------
    def add_comment(self, session_uuid: SessionId, text: str, author: str, *, turn_index: int | None = None,
                    offset_s: float | None = None) -> UUID:
        if not text.strip():
            raise ValueError("a comment needs text")
        with self.database.write() as db:
            session = session_row(db, session_uuid)
            turn_id = turn_row(db, session.id, turn_index).id if turn_index is not None else None
            comment = CommentRow(uuid=uuid4(), session_id=session.id, turn_id=turn_id, offset_s=offset_s,
                                 author_id=person_row(db, author, ROLE_TRAINER).id, text=text.strip(),
                                 created_at=utc_now())
            db.add(comment)
            return comment.uuid

    def add_override(self, session_uuid: SessionId, turn_index: int, dimension: str, new_score: int,
                     reason: str, author: str) -> UUID:
        """Correct one dimension (or `overall`) of a turn. The scorer's original stays stored."""
        if not reason.strip():
            raise ValueError("an override needs a reason")
        if not 0 <= int(new_score) <= 100:
            raise ValueError("a score is between 0 and 100")
        with self.database.write() as db:
            session = session_row(db, session_uuid)
            turn = turn_row(db, session.id, turn_index)
            if dimension == OVERALL:
                original = turn.overall
                turn.overall_override = int(new_score)
            else:
                score = next((d for d in turn.dimensions if d.name == dimension), None)
                if score is None:
                    raise ValueError(f"turn {turn_index} has no {dimension!r} score")
                original = score.score
                score.score_override = int(new_score)
            override = ScoreOverrideRow(
                uuid=uuid4(), session_id=session.id, turn_id=turn.id, dimension=dimension,
                original_score=original, new_score=int(new_score), reason=reason.strip(),
                author_id=person_row(db, author, ROLE_TRAINER).id, created_at=utc_now())
            db.add(override)
            refresh_session_scores(session)
            return override.uuid

    def mark_example(self, session_uuid: SessionId, mark: str | None, author: str, note: str = "") -> None:
        """Mark a session as a good or bad example for team training; `None` clears the mark."""
        accounts.mark_example(self.database, session_uuid, mark, author, note)

    # -- trainer accounts ----------------------------------------------------------------------
    def trainer_accounts(self) -> list[TrainerAccount]:
        return accounts.trainer_accounts(self.database)

    def create_first_trainer(self, name: str, password: str) -> TrainerAccount:
        """The first trainer sets a password; raises `TrainerExistsError` once one has."""
        return accounts.create_first_trainer(self.database, name, password)

    def set_trainer_password(self, name: str, password: str) -> TrainerAccount:
        return accounts.set_trainer_password(self.database, name, password)

    def sign_in_trainer(self, name: str, password: str, throttle: LoginThrottle) -> bool:
        """True for the right password; raises `app.auth.LockedOut` while locked out."""
        return accounts.sign_in(self.database, name, password, throttle)

    # -- team ----------------------------------------------------------------------------------
    def team_sessions(self, since: datetime | None = None) -> list[SessionSummary]:
        with self.database.read() as db:
            return team_queries.team_sessions(db, since)

    def team_rows(self, now: datetime, policy: TeamPolicy | None = None) -> list[TraineeRow]:
        """The team table (one row per trainee), computed in the database."""
        with self.database.read() as db:
            return team_queries.team_rows(db, now, policy or TeamPolicy())

    def override_stats(self) -> list[OverrideStat]:
        """Scorer vs trainer: how often and by how much trainers correct each dimension."""
        with self.database.read() as db:
            return team_queries.override_stats(db)

    def scenario_titles(self) -> dict[str, str]:
        """Each played scenario's title (its newest snapshot's), by scenario id: what a chart shows."""
        with self.database.read() as db:
            rows = db.execute(select(ScenarioSnapshotRow.scenario_id, ScenarioSnapshotRow.title)
                              .order_by(ScenarioSnapshotRow.scenario_id, ScenarioSnapshotRow.version,
                                        ScenarioSnapshotRow.id)).all()
        return {scenario_id: title for scenario_id, title in rows}  # the newest wins

    def score_cells(self) -> list[ScoreCell]:
        with self.database.read() as db:
            return team_queries.score_cells(db)

    def recent_sessions(self, trainee: str, limit: int = 100) -> list[SessionSummary]:
        """A trainee's latest sessions, oldest first, with per-dimension averages (for trends)."""
        with self.database.read() as db:
            return team_queries.recent_sessions(db, trainee, limit)

    def intervention_rates(self, policy: TeamPolicy | None = None, since: datetime | None = None
                           ) -> dict[str, InterventionRate]:
        with self.database.read() as db:
            return team_queries.intervention_rates(db, policy or TeamPolicy(), since)

    # -- reading -------------------------------------------------------------------------------
    def list_sessions(self, filters: SessionFilter | None = None, *, limit: int = 50, offset: int = 0,
                      order_by: str = "started_at", descending: bool = True) -> list[SessionRecord]:
        with self.database.read() as db:
            return queries.list_sessions(db, filters or SessionFilter(), limit, offset, order_by, descending)

    def count_sessions(self, filters: SessionFilter | None = None) -> int:
        with self.database.read() as db:
            return queries.count_sessions(db, filters or SessionFilter())

    def load_session(self, session_uuid: SessionId) -> SessionDetail:
        """One session with its turns, scores, comments, overrides and audio track list."""
        with self.database.read() as db:
            return queries.load_session(db, as_uuid(session_uuid))

    def session_document(self, session_uuid: SessionId, with_audio: bool = False) -> dict[str, Any]:
        """The session in the export's JSON shape (one shape for `sessions show --json` and export)."""
        return transfer.session_document(self.database, as_uuid(session_uuid), with_audio)

    def load_audio(self, session_uuid: SessionId, turn_index: int, side: str) -> AudioClip | None:
        return self.audio.load(as_uuid(session_uuid), turn_index, side)

    def load_session_audio(self, session_uuid: SessionId) -> dict[tuple[int, str], AudioClip]:
        """All of a session's sound at once, keyed by (turn index, side): for export or a full replay."""
        return self.audio.load_session(as_uuid(session_uuid))

    def trainee_progress(self, trainee: str, *, recent: int = 10) -> TraineeProgress:
        with self.database.read() as db:
            return queries.trainee_progress(db, trainee, recent)

    def best_scores(self, trainee: str) -> dict[str, int]:
        """The trainee's best finished-session average per scenario id."""
        with self.database.read() as db:
            return queries.best_scores(db, trainee)

    # -- moving data ---------------------------------------------------------------------------
    def export_json(self, out: IO[str], filters: SessionFilter | None = None, with_audio: bool = True) -> int:
        """Matching sessions (with review and, by default, audio) as JSON; returns how many."""
        return transfer.export_json(self.database, out, filters, with_audio)

    def export_csv(self, out: IO[str], filters: SessionFilter | None = None) -> int:
        """One CSV row per turn with every dimension score; returns the row count."""
        return transfer.export_csv(self.database, out, filters)

    def import_json(self, source: IO[str]) -> transfer.ImportReport:
        """Add the sessions of an export that are not here yet (matched by UUID)."""
        return transfer.import_json(self.database, source)

    def check(self) -> list[str]:
        """Integrity and consistency problems; empty when the database is healthy."""
        return check_database(self.database)

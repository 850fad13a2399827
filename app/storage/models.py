"""The database schema as SQLAlchemy 2.0 typed ORM models.

The schema is created and changed only by the Alembic migrations in `db/versions/`; these models
must match them (a test compares the two on SQLite and PostgreSQL).

Internal keys are integers; every row that can travel between databases (export/import, a
laptop's SQLite to the call centre's PostgreSQL) also has a stable UUID.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.dialects.postgresql import BYTEA, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonDocument = JSON().with_variant(JSONB(), "postgresql")
Blob = LargeBinary().with_variant(BYTEA(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every engine (SQLite keeps it as naive UTC text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PersonRow(Base):
    """A trainee or a trainer. The UUID is derived from role and name, so it is the same everywhere."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("role", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # trainee | trainer
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # A trainer's password, or a trainee's PIN where the site asks for PINs: a salted scrypt hash
    # (app.auth), never the secret itself; and the failed attempts and lock-out of either.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    blocked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ScenarioSnapshotRow(Base):
    """The scenario exactly as it was played; identical snapshots are stored once (by hash)."""

    __tablename__ = "scenario_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


FILTER_COLUMNS = ("trainee_id", "scenario_id", "language", "status", "difficulty", "emotion", "outcome",
                  "average_score")


def filter_index(leading: str) -> Index:
    others = [c for c in FILTER_COLUMNS if c != leading]
    return Index(f"ix_sessions_{leading}_filters", leading, "started_at", *others)


class SessionRow(Base):
    """One practice call ("session" in the UI). Status: in_progress, finished or interrupted."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_started_at", "started_at"),
        # A trainee's sessions newest first, carrying what the team table adds up (one index-only
        # scan for the whole team) and what picks a trainee's latest scored sessions.
        Index("ix_sessions_trainee_id_team", "trainee_id", "started_at", "id", "status", "outcome", "average_score",
              "high_turns", "high_turns_answered", "call_score"),
        # The team view's average score per (scenario, difficulty), from the index alone.
        Index("ix_sessions_scenario_id_difficulty_scores", "scenario_id", "difficulty", "call_score", "average_score"),
        Index("ix_sessions_scenario_id_started_at", "scenario_id", "started_at"),
        # Filters that match a third of the sessions (emotion, outcome, a score range) get indexes
        # that carry every other filter column, so a page or a count never reads the rows.
        filter_index("emotion"),
        filter_index("outcome"),
        filter_index("average_score"),
        Index("ix_sessions_status_hostname", "status", "hostname"),
        Index("ix_sessions_example_mark_started_at", "example_mark", "started_at"),
        CheckConstraint("example_mark IS NULL OR example_mark IN ('good', 'bad')", name="example_mark"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    scenario_snapshot_id: Mapped[int] = mapped_column(ForeignKey("scenario_snapshots.id"))
    scenario_id: Mapped[str] = mapped_column(String(120))
    scenario_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    emotion: Mapped[str] = mapped_column(String(32))
    difficulty: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    end_reason: Mapped[str | None] = mapped_column(String(32))
    emotion_curve: Mapped[list[int]] = mapped_column(JsonDocument)
    average_score: Mapped[int | None] = mapped_column(Integer)
    # The call score (the handbooks' rubric over the whole call) and its items as the scorer gave
    # them: [{name, score, weight, turn, evidence, tip}]; `scorer_version` says which scorer.
    call_score: Mapped[int | None] = mapped_column(Integer)
    call_items: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonDocument)
    scorer_version: Mapped[str | None] = mapped_column(String(16))
    # {"overall" or a dimension name: [sum, count]} with overrides applied, kept up to date on every
    # write, so progress and team views read one row per session instead of every turn.
    score_totals: Mapped[dict[str, list[float]]] = mapped_column(JsonDocument)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    # The intervention rate's counts, kept up to date with `score_totals`: customer turns at high
    # intensity, and how many got an empathetic reply (overrides applied), at the thresholds in
    # `app.storage.rows.COUNTED_HIGH_INTENSITY` / `COUNTED_EMPATHETIC_SCORE`.
    high_turns: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    high_turns_answered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    app_version: Mapped[str] = mapped_column(String(32))
    hostname: Mapped[str] = mapped_column(String(255))
    owner_pid: Mapped[int | None] = mapped_column(Integer)
    owner_started: Mapped[str | None] = mapped_column(String(64))
    # A trainer's mark for team training (the handbooks' case review): good | bad, with a note.
    example_mark: Mapped[str | None] = mapped_column(String(8))
    example_note: Mapped[str | None] = mapped_column(Text)
    example_marked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    example_marked_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    trainee: Mapped[PersonRow] = relationship(foreign_keys=[trainee_id])
    scenario: Mapped[ScenarioSnapshotRow] = relationship()
    turns: Mapped[list[TurnRow]] = relationship(
        back_populates="call", order_by="TurnRow.index", cascade="all, delete-orphan", passive_deletes=True)


class TurnRow(Base):
    """One exchange: what the customer said and the trainee's scored reply."""

    __tablename__ = "turns"
    __table_args__ = (
        UniqueConstraint("session_id", "index"),
        # The team view's intervention rate reads only the high-intensity turns, from this index.
        Index("ix_turns_intensity_before_session_id", "intensity_before", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    customer_text: Mapped[str] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(16))
    mood_band: Mapped[str] = mapped_column(String(16))
    reply_text: Mapped[str] = mapped_column(Text)
    latency_s: Mapped[float | None] = mapped_column(Float)
    intensity_before: Mapped[int] = mapped_column(Integer)
    intensity_after: Mapped[int] = mapped_column(Integer)
    overall: Mapped[int] = mapped_column(Integer)
    overall_override: Mapped[int | None] = mapped_column(Integer)
    tips: Mapped[list[str]] = mapped_column(JsonDocument)
    recogniser: Mapped[str | None] = mapped_column(String(120))
    words: Mapped[list[list[Any]]] = mapped_column(JsonDocument)  # [word, start, end, conf] rows
    # what the moment needed and what the reply showed (ReplyScore.to_dict()["moment"]), None before 0005
    moment: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
    ended_at: Mapped[datetime] = mapped_column(UtcDateTime)

    call: Mapped[SessionRow] = relationship(back_populates="turns")
    dimensions: Mapped[list[DimensionScoreRow]] = relationship(
        back_populates="turn", order_by="DimensionScoreRow.id", cascade="all, delete-orphan",
        passive_deletes=True)


class DimensionScoreRow(Base):
    """One dimension's score of a turn, with its evidence spans, tip and details."""

    __tablename__ = "dimension_scores"
    __table_args__ = (UniqueConstraint("turn_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(32))
    score: Mapped[int] = mapped_column(Integer)
    score_override: Mapped[int | None] = mapped_column(Integer)
    tip: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)

    turn: Mapped[TurnRow] = relationship(back_populates="dimensions")


class CommentRow(Base):
    __tablename__ = "trainer_comments"
    __table_args__ = (Index("ix_trainer_comments_session_id", "session_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"))
    offset_s: Mapped[float | None] = mapped_column(Float)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    author: Mapped[PersonRow | None] = relationship()


class ScoreOverrideRow(Base):
    """A trainer's correction of one dimension (or `overall`) of a turn. The original stays."""

    __tablename__ = "score_overrides"
    __table_args__ = (Index("ix_score_overrides_session_id", "session_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(32))  # a dimension name or "overall"
    original_score: Mapped[int] = mapped_column(Integer)
    new_score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    author: Mapped[PersonRow | None] = relationship()


class AudioTrackRow(Base):
    """One side's recording of one turn. Its sound is in `audio_chunks`, appended as it streams."""

    __tablename__ = "audio_tracks"
    __table_args__ = (UniqueConstraint("session_id", "turn_index", "side"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[UUID] = mapped_column(Uuid, unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    turn_index: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(16))  # customer | trainee
    sample_rate: Mapped[int] = mapped_column(Integer)
    channels: Mapped[int] = mapped_column(Integer)
    codec: Mapped[str] = mapped_column(String(16))  # flac | zlib
    frames: Mapped[int] = mapped_column(Integer, default=0)
    chunk_count: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AudioChunkRow(Base):
    """About a second of compressed 16-bit PCM; `seq` counts from 0 within its track."""

    __tablename__ = "audio_chunks"
    __table_args__ = (UniqueConstraint("track_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    track_id: Mapped[int] = mapped_column(ForeignKey("audio_tracks.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    frames: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(Blob)

"""Trainer review (comments, score overrides that keep the original) and audio of both sides.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
BLOB = sa.LargeBinary().with_variant(postgresql.BYTEA(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("overall_override", sa.Integer(), nullable=True))
    with op.batch_alter_table("dimension_scores") as batch:
        batch.add_column(sa.Column("score_override", sa.Integer(), nullable=True))
    op.create_table(
        "trainer_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.Integer(), nullable=True),
        sa.Column("offset_s", sa.Float(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"],
                                name=op.f("fk_trainer_comments_session_id_sessions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["turn_id"], ["turns.id"], name=op.f("fk_trainer_comments_turn_id_turns"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["people.id"], name=op.f("fk_trainer_comments_author_id_people"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_comments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_trainer_comments_uuid")),
    )
    op.create_index("ix_trainer_comments_session_id", "trainer_comments", ["session_id"])
    op.create_table(
        "score_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(32), nullable=False),
        sa.Column("original_score", sa.Integer(), nullable=False),
        sa.Column("new_score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"],
                                name=op.f("fk_score_overrides_session_id_sessions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["turn_id"], ["turns.id"], name=op.f("fk_score_overrides_turn_id_turns"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["people.id"], name=op.f("fk_score_overrides_author_id_people"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_overrides")),
        sa.UniqueConstraint("uuid", name=op.f("uq_score_overrides_uuid")),
    )
    op.create_index("ix_score_overrides_session_id", "score_overrides", ["session_id"])
    op.create_table(
        "audio_tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("turn_index", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(16), nullable=False),
        sa.Column("sample_rate", sa.Integer(), nullable=False),
        sa.Column("channels", sa.Integer(), nullable=False),
        sa.Column("codec", sa.String(16), nullable=False),
        sa.Column("frames", sa.Integer(), nullable=False),
        sa.Column("chunk_count", sa.Integer(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_audio_tracks_session_id_sessions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audio_tracks")),
        sa.UniqueConstraint("uuid", name=op.f("uq_audio_tracks_uuid")),
        sa.UniqueConstraint("session_id", "turn_index", "side", name=op.f("uq_audio_tracks_session_id_turn_index_side")),
    )
    op.create_table(
        "audio_chunks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("frames", sa.Integer(), nullable=False),
        sa.Column("data", BLOB, nullable=False),
        sa.ForeignKeyConstraint(["track_id"], ["audio_tracks.id"], name=op.f("fk_audio_chunks_track_id_audio_tracks"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audio_chunks")),
        sa.UniqueConstraint("track_id", "seq", name=op.f("uq_audio_chunks_track_id_seq")),
    )


def downgrade() -> None:
    op.drop_table("audio_chunks")
    op.drop_table("audio_tracks")
    op.drop_index("ix_score_overrides_session_id", table_name="score_overrides")
    op.drop_table("score_overrides")
    op.drop_index("ix_trainer_comments_session_id", table_name="trainer_comments")
    op.drop_table("trainer_comments")
    with op.batch_alter_table("dimension_scores") as batch:
        batch.drop_column("score_override")
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("overall_override")

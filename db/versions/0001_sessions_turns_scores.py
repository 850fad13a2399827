"""People, scenario snapshots, sessions, turns and dimension scores.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("uuid", name=op.f("uq_people_uuid")),
        sa.UniqueConstraint("role", "name", name=op.f("uq_people_role_name")),
    )
    op.create_table(
        "scenario_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("content", JSON_DOCUMENT, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenario_snapshots")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_scenario_snapshots_content_hash")),
    )
    op.create_index(op.f("ix_scenario_snapshots_scenario_id"), "scenario_snapshots", ["scenario_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("scenario_snapshot_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(120), nullable=False),
        sa.Column("scenario_version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("emotion", sa.String(32), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("ended_at", TIMESTAMP, nullable=True),
        sa.Column("last_activity_at", TIMESTAMP, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("end_reason", sa.String(32), nullable=True),
        sa.Column("emotion_curve", JSON_DOCUMENT, nullable=False),
        sa.Column("average_score", sa.Integer(), nullable=True),
        sa.Column("score_totals", JSON_DOCUMENT, nullable=False),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("hostname", sa.String(255), nullable=False),
        sa.Column("owner_pid", sa.Integer(), nullable=True),
        sa.Column("owner_started", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["trainee_id"], ["people.id"], name=op.f("fk_sessions_trainee_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["scenario_snapshot_id"], ["scenario_snapshots.id"],
                                name=op.f("fk_sessions_scenario_snapshot_id_scenario_snapshots")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("uuid", name=op.f("uq_sessions_uuid")),
    )
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"])
    op.create_index("ix_sessions_trainee_id_started_at", "sessions", ["trainee_id", "started_at"])
    op.create_index("ix_sessions_scenario_id_started_at", "sessions", ["scenario_id", "started_at"])
    # Low-selectivity filters carry every other filter column: pages and counts stay index-only.
    filters = ["trainee_id", "scenario_id", "language", "status", "difficulty", "emotion", "outcome", "average_score"]
    for leading in ("emotion", "outcome", "average_score"):
        columns = [leading, "started_at"] + [c for c in filters if c != leading]
        op.create_index(f"ix_sessions_{leading}_filters", "sessions", columns)
    op.create_index("ix_sessions_status_hostname", "sessions", ["status", "hostname"])
    op.create_table(
        "turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("customer_text", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(16), nullable=True),
        sa.Column("mood_band", sa.String(16), nullable=False),
        sa.Column("reply_text", sa.Text(), nullable=False),
        sa.Column("latency_s", sa.Float(), nullable=True),
        sa.Column("intensity_before", sa.Integer(), nullable=False),
        sa.Column("intensity_after", sa.Integer(), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=False),
        sa.Column("tips", JSON_DOCUMENT, nullable=False),
        sa.Column("recogniser", sa.String(120), nullable=True),
        sa.Column("words", JSON_DOCUMENT, nullable=False),
        sa.Column("ended_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], name=op.f("fk_turns_session_id_sessions"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turns")),
        sa.UniqueConstraint("uuid", name=op.f("uq_turns_uuid")),
        sa.UniqueConstraint("session_id", "index", name=op.f("uq_turns_session_id_index")),
    )
    op.create_table(
        "dimension_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("turn_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("tip", sa.Text(), nullable=False),
        sa.Column("details", JSON_DOCUMENT, nullable=False),
        sa.Column("evidence", JSON_DOCUMENT, nullable=False),
        sa.ForeignKeyConstraint(["turn_id"], ["turns.id"], name=op.f("fk_dimension_scores_turn_id_turns"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dimension_scores")),
        sa.UniqueConstraint("turn_id", "name", name=op.f("uq_dimension_scores_turn_id_name")),
    )


def downgrade() -> None:
    op.drop_table("dimension_scores")
    op.drop_table("turns")
    for index in ("status_hostname", "average_score_filters", "outcome_filters", "emotion_filters",
                  "scenario_id_started_at", "trainee_id_started_at", "started_at"):
        op.drop_index(f"ix_sessions_{index}", table_name="sessions")
    op.drop_table("sessions")
    op.drop_index(op.f("ix_scenario_snapshots_scenario_id"), table_name="scenario_snapshots")
    op.drop_table("scenario_snapshots")
    op.drop_table("people")

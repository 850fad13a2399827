"""The call score: each turn stores what its moment needed and what the reply showed; each session stores the score of the whole call over the handbooks' rubric,
its items (with the turn and the words that earned or lost each) and the scorer version that gave
them. The team indexes carry the call score, which the team view now adds up.

Existing sessions get their call score from `roleplay sessions rescore` (for IT), which scores
them again from their stored transcripts; trainer overrides stay beside the new scores.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
OLD_TEAM = ["trainee_id", "started_at", "id", "status", "outcome", "average_score", "high_turns",
            "high_turns_answered"]


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("call_score", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("call_items", JSON_DOCUMENT, nullable=True))
        batch.add_column(sa.Column("scorer_version", sa.String(16), nullable=True))
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("moment", JSON_DOCUMENT, nullable=True))
    op.drop_index("ix_sessions_trainee_id_team", table_name="sessions")
    op.create_index("ix_sessions_trainee_id_team", "sessions", [*OLD_TEAM, "call_score"])
    op.drop_index("ix_sessions_scenario_id_difficulty_average_score", table_name="sessions")
    op.create_index("ix_sessions_scenario_id_difficulty_scores", "sessions",
                    ["scenario_id", "difficulty", "call_score", "average_score"])


def downgrade() -> None:
    op.drop_index("ix_sessions_scenario_id_difficulty_scores", table_name="sessions")
    op.create_index("ix_sessions_scenario_id_difficulty_average_score", "sessions",
                    ["scenario_id", "difficulty", "average_score"])
    op.drop_index("ix_sessions_trainee_id_team", table_name="sessions")
    op.create_index("ix_sessions_trainee_id_team", "sessions", OLD_TEAM)
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("moment")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("scorer_version")
        batch.drop_column("call_items")
        batch.drop_column("call_score")

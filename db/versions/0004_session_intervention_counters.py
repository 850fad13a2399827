"""The team view from sessions alone: each session stores its negative-emotion intervention counts
(customer turns at high intensity, and how many got an empathetic reply, trainer overrides
applied), backfilled here from the turns; an index that carries every column the team table adds
up, per trainee and newest first (it replaces `ix_sessions_trainee_id_started_at`); and one for
the average score per scenario and difficulty.

The thresholds are the training brief's defaults (`app.storage.rows.COUNTED_HIGH_INTENSITY` and
`COUNTED_EMPATHETIC_SCORE`); a later change to them needs a migration that counts again.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

HIGH_INTENSITY = 70
EMPATHETIC_SCORE = 40

TEAM_COLUMNS = ["trainee_id", "started_at", "id", "status", "outcome", "average_score", "high_turns",
                "high_turns_answered"]

# Plain correlated subqueries, not UPDATE ... FROM: the same statement on PostgreSQL and on every
# SQLite a user may have (UPDATE ... FROM needs SQLite 3.33).
BACKFILL = sa.text(f"""
UPDATE sessions SET
    high_turns = (SELECT count(*) FROM turns t
                  WHERE t.session_id = sessions.id AND t.intensity_before >= {HIGH_INTENSITY}),
    high_turns_answered = (SELECT count(*) FROM turns t
                           JOIN dimension_scores d ON d.turn_id = t.id AND d.name = 'empathy'
                           WHERE t.session_id = sessions.id AND t.intensity_before >= {HIGH_INTENSITY}
                             AND coalesce(d.score_override, d.score) >= {EMPATHETIC_SCORE})
""")


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("high_turns", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("high_turns_answered", sa.Integer(), nullable=False, server_default="0"))
    op.execute(BACKFILL)
    op.drop_index("ix_sessions_trainee_id_started_at", table_name="sessions")
    op.create_index("ix_sessions_trainee_id_team", "sessions", TEAM_COLUMNS)
    op.create_index("ix_sessions_scenario_id_difficulty_average_score", "sessions",
                    ["scenario_id", "difficulty", "average_score"])


def downgrade() -> None:
    op.drop_index("ix_sessions_scenario_id_difficulty_average_score", table_name="sessions")
    op.drop_index("ix_sessions_trainee_id_team", table_name="sessions")
    op.create_index("ix_sessions_trainee_id_started_at", "sessions", ["trainee_id", "started_at"])
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("high_turns_answered")
        batch.drop_column("high_turns")

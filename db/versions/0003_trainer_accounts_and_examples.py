"""Trainer accounts (a slow salted password hash and the failed sign-in state), the good/bad
example mark on sessions, for the handbooks' case review, and an index for the team view's
negative-emotion intervention rate (turns by the customer's intensity).

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(255), nullable=True))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("blocked_until", TIMESTAMP, nullable=True))
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("example_mark", sa.String(8), nullable=True))
        batch.add_column(sa.Column("example_note", sa.Text(), nullable=True))
        batch.add_column(sa.Column("example_marked_at", TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("example_marked_by", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_sessions_example_marked_by_people"), "people",
                                 ["example_marked_by"], ["id"], ondelete="SET NULL")
        batch.create_check_constraint(op.f("ck_sessions_example_mark"),
                                      "example_mark IS NULL OR example_mark IN ('good', 'bad')")
    op.create_index("ix_sessions_example_mark_started_at", "sessions", ["example_mark", "started_at"])
    op.create_index("ix_turns_intensity_before_session_id", "turns", ["intensity_before", "session_id"])


def downgrade() -> None:
    op.drop_index("ix_turns_intensity_before_session_id", table_name="turns")
    op.drop_index("ix_sessions_example_mark_started_at", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_constraint(op.f("ck_sessions_example_mark"), type_="check")
        batch.drop_constraint(op.f("fk_sessions_example_marked_by_people"), type_="foreignkey")
        batch.drop_column("example_marked_by")
        batch.drop_column("example_marked_at")
        batch.drop_column("example_note")
        batch.drop_column("example_mark")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("blocked_until")
        batch.drop_column("failed_logins")
        batch.drop_column("password_hash")

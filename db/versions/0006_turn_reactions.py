"""The reactive customer: each turn stores what the customer's next line answered in the reply
(`reaction`: a code such as `blamed`, `jargon`, `ask_time`, or `stage` when the customer simply
moved on; see `app.domain.dialogue.reactions.Reaction`). Turns from before this version have none.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.add_column(sa.Column("reaction", sa.String(24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("turns") as batch:
        batch.drop_column("reaction")

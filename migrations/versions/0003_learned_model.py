"""learned_model: the fitted learned parts of the engine (`coder train`)

Revision ID: 0003_learned_model
Revises: 0002_decisions
Create Date: 2026-11-25 12:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0003_learned_model'
down_revision: str | None = '0002_decisions'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Why in the database and not a file: a team sharing PostgreSQL trains once and every
    # coder's engine loads the same model. Parameters are JSON text (plain counts), never a
    # pickle, which would run code on load. trained_events/trained_until record what the
    # model was fitted from, so loading can tell the model is stale.
    op.create_table('learned_model',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('parameters', sa.Text(), nullable=False),
    sa.Column('texts', sa.Integer(), nullable=False),
    sa.Column('trained_events', sa.Integer(), nullable=False),
    sa.Column('trained_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cv_accuracy', sa.Float(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learned_model')),
    sa.UniqueConstraint('name', name=op.f('uq_learned_model_name'))
    )


def downgrade() -> None:
    # A fitted model is derived data: `coder train` rebuilds it from the events after an
    # upgrade, so dropping it loses no one's work.
    op.drop_table('learned_model')

"""team work: assignment (`coder assign`) and adjudication (`coder adjudicate`)

Revision ID: 0004_team_work
Revises: 0003_learned_model
Create Date: 2026-11-25 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0004_team_work'
down_revision: str | None = '0003_learned_model'
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Documents, not sentences, are assigned: a coder needs the whole article to resolve
    # "the town" or "on Sunday", and ACLED double-codes articles. One row per (document,
    # coder); `second_coder` marks the second, blind coder of a sampled document.
    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=False),
    sa.Column('second_coder', sa.Boolean(), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['coder_id'], ['coder.id'],
                            name=op.f('fk_assignment_coder_id_coder')),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'],
                            name=op.f('fk_assignment_document_id_document'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment')),
    sa.UniqueConstraint('document_id', 'coder_id',
                        name=op.f('uq_assignment_document_id_coder_id'))
    )
    op.create_index(op.f('ix_assignment_coder_id'), 'assignment', ['coder_id'], unique=False)
    op.create_index(op.f('ix_assignment_document_id'), 'assignment', ['document_id'],
                    unique=False)
    # One settlement per sentence: its adjudicated events (status 'adjudicated') replace the
    # coders' versions in the export; `chosen` says how it was settled, for the audit.
    op.create_table('adjudication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=False),
    sa.Column('chosen', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['coder_id'], ['coder.id'],
                            name=op.f('fk_adjudication_coder_id_coder')),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentence.id'],
                            name=op.f('fk_adjudication_sentence_id_sentence'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adjudication')),
    sa.UniqueConstraint('sentence_id', name=op.f('uq_adjudication_sentence_id'))
    )


def downgrade() -> None:
    # Dropping the plan loses no coding: events and decisions name their coder themselves;
    # only the queue restriction and the export's choice of version go with it.
    # The adjudicated events stay (status 'adjudicated', with their history); only the
    # record of how each sentence was settled goes.
    op.drop_table('adjudication')
    op.drop_index(op.f('ix_assignment_document_id'), table_name='assignment')
    op.drop_index(op.f('ix_assignment_coder_id'), table_name='assignment')
    op.drop_table('assignment')

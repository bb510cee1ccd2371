"""decisions: what each coder did to each sentence in `coder code`, and the effort it took

Revision ID: 0002_decisions
Revises: 0001_initial
Create Date: 2026-11-25 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0002_decisions'
down_revision: str | None = '0001_initial'
branch_labels: str | None = None
depends_on: str | None = None

# Spelled out here, not imported: a migration must keep meaning what it meant when written,
# whatever schema/models.py says later.
_ACTIONS = ("accept", "accept_edited", "add", "edit", "reject", "withdraw", "no_event", "skip",
            "comment", "flag", "undo")


def upgrade() -> None:
    # Why a table of its own: event_history says how an event changed, but a coder's answer
    # "no event here", a skip, a comment or a rejection has no event of that coder to hang on,
    # and effort (keystrokes, active time) belongs to the decision, not to the event.
    # Rows are only ever added: an undo is a new row pointing at the one it undoes.
    # The new event status "withdrawn" (an undone confirmation) needs no DDL: event.status
    # has no CHECK constraint; EVENT_STATUSES in schema/statuses.py lists it.
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('suggestion_id', sa.Integer(), nullable=True),
    sa.Column('undoes_id', sa.Integer(), nullable=True),
    sa.Column('keystrokes', sa.Integer(), nullable=False),
    sa.Column('active_ms', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('" + "', '".join(_ACTIONS) + "')",
                       name=op.f('ck_decision_action')),
    sa.ForeignKeyConstraint(['coder_id'], ['coder.id'], name=op.f('fk_decision_coder_id_coder')),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentence.id'],
                            name=op.f('fk_decision_sentence_id_sentence'), ondelete='CASCADE'),
    # A deleted event must not take the record of the work done on it along: SET NULL.
    sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                            name=op.f('fk_decision_event_id_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggestion_id'], ['event.id'],
                            name=op.f('fk_decision_suggestion_id_event'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['undoes_id'], ['decision.id'],
                            name=op.f('fk_decision_undoes_id_decision'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    # Indexes inside a batch block, as in 0001: the same code on SQLite and PostgreSQL.
    # (coder_id, sentence_id) serves the work queue ("has this coder decided this sentence?");
    # undoes_id finds whether a decision was undone.
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_coder_id_sentence_id'),
                              ['coder_id', 'sentence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_sentence_id'), ['sentence_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_decision_undoes_id'), ['undoes_id'], unique=False)


def downgrade() -> None:
    # 0001 knows no "withdrawn" status: a withdrawn event becomes "rejected", the nearest
    # status that export leaves out, so nothing a coder took back is exported after a
    # downgrade. Its history rows still tell the whole story.
    op.execute("UPDATE event SET status = 'rejected' WHERE status = 'withdrawn'")
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_undoes_id'))
        batch_op.drop_index(batch_op.f('ix_decision_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_decision_coder_id_sentence_id'))

    op.drop_table('decision')

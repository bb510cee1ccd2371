"""initial schema: documents, sentences, coders, events, history

Revision ID: 0001_initial
Revises: (none)
Create Date: 2026-11-25 10:00:56.812472
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = '0001_initial'
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Indexes are created inside batch blocks: SQLite rebuilds nothing for them, and the
    # same code runs unchanged on PostgreSQL.
    op.create_table('coder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coder')),
    sa.UniqueConstraint('name', name=op.f('uq_coder_name'))
    )
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('source', sa.String(), nullable=True),
    sa.Column('url', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('external_id', sa.String(), nullable=True),
    sa.Column('origin', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_document_content_hash'))
    )
    op.create_table('sentence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('start_char', sa.Integer(), nullable=False),
    sa.Column('end_char', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'],
                            name=op.f('fk_sentence_document_id_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentence'))
    )
    with op.batch_alter_table('sentence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sentence_document_id'), ['document_id'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=True),
    sa.Column('sentence_id', sa.Integer(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('event_id_cnty', sa.String(), nullable=True),
    sa.Column('event_date', sa.Date(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('time_precision', sa.SmallInteger(), nullable=True),
    sa.Column('disorder_type', sa.String(), nullable=True),
    sa.Column('event_type', sa.String(), nullable=False),
    sa.Column('sub_event_type', sa.String(), nullable=False),
    sa.Column('actor1', sa.String(), nullable=True),
    sa.Column('assoc_actor_1', sa.String(), nullable=True),
    sa.Column('inter1', sa.SmallInteger(), nullable=True),
    sa.Column('actor2', sa.String(), nullable=True),
    sa.Column('assoc_actor_2', sa.String(), nullable=True),
    sa.Column('inter2', sa.SmallInteger(), nullable=True),
    sa.Column('interaction', sa.SmallInteger(), nullable=True),
    sa.Column('civilian_targeting', sa.String(), nullable=True),
    sa.Column('iso', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('admin2', sa.String(), nullable=True),
    sa.Column('admin3', sa.String(), nullable=True),
    sa.Column('location', sa.String(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.SmallInteger(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('source_scale', sa.String(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('tags', sa.Text(), nullable=True),
    sa.Column('timestamp', sa.BigInteger(), nullable=True),
    sa.Column('data_id', sa.BigInteger(), nullable=True),
    sa.Column('event_id_no_cnty', sa.BigInteger(), nullable=True),
    sa.Column('iso3', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['coder_id'], ['coder.id'], name=op.f('fk_event_coder_id_coder')),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentence.id'],
                            name=op.f('fk_event_sentence_id_sentence'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_coder_id'), ['coder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_event_date'), ['event_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_event_id_cnty'), ['event_id_cnty'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_sentence_id'), ['sentence_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_status'), ['status'], unique=False)

    op.create_table('event_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('coder', sa.String(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                            name=op.f('fk_event_history_event_id_event'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_history'))
    )
    with op.batch_alter_table('event_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_history_event_id'), ['event_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('event_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_history_event_id'))

    op.drop_table('event_history')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_status'))
        batch_op.drop_index(batch_op.f('ix_event_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_event_event_id_cnty'))
        batch_op.drop_index(batch_op.f('ix_event_event_date'))
        batch_op.drop_index(batch_op.f('ix_event_country'))
        batch_op.drop_index(batch_op.f('ix_event_coder_id'))

    op.drop_table('event')
    with op.batch_alter_table('sentence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sentence_document_id'))

    op.drop_table('sentence')
    op.drop_table('document')
    op.drop_table('coder')

"""`coder train`: fit the learned parts of the engine from the store and store them back.

Today one part: the sub_event_type model (`engine/learned.py`), counted from the reference
events' texts (`taught.training_pairs`: the confirmed sentence, else the cleaned notes of
an imported event). The fitted model goes into the `learned_model` table with what it was
fitted from, so every coder of a shared database loads the same model and a load can tell
what is newer (`taught.load_sub_event_model` folds events confirmed since then in).
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlmodel import col, delete

from coder.engine.learned import MODEL_KIND, SubEventModel, cross_validate, fit
from coder.engine.taught import (
    SUB_EVENT_MODEL,
    TrainingState,
    training_pairs,
    training_state,
)
from coder.schema.codebook import SUB_EVENT_TYPES
from coder.schema.models import LearnedModel
from coder.store import Store

# Cross-validation refits the model once per fold: on a large store a sample of this many
# texts gives the estimate to a point or so at a fraction of the time.
CV_SAMPLE: Final = 5000
FOLDS: Final = 5
# Up to this many texts every n-gram is kept (measured on the ACLED dev notes: dropping
# n-grams seen once cost 2 points of cross-validated accuracy); above it the ones seen once
# are mostly names and typos, and would make the stored model large.
KEEP_RARE_UP_TO: Final = 20000


@dataclass(frozen=True, slots=True)
class TrainResult:
    """What `train` fitted: from how many texts and events, per type, and how well (CV)."""

    texts: int
    trained: TrainingState
    by_sub_event_type: Counter[str]
    ngrams: int
    # Cross-validated (sub_event_type, event_type) accuracy; None with too few texts.
    cv_accuracy: tuple[float, float] | None
    cv_texts: int
    seconds: float

    def by_event_type(self) -> Counter[str]:
        found: Counter[str] = Counter()
        for sub_event_type, n in self.by_sub_event_type.items():
            found[SUB_EVENT_TYPES[sub_event_type].event_type] += n
        return found


def train(store: Store, progress: Callable[[int], None] = lambda _n: None) -> TrainResult | None:
    """Fit the sub_event_type model from the store's reference events and store it.

    Replaces the stored model in one transaction. `progress` hears each text read. None when
    the store has no reference event with a text to learn from (nothing is stored then).
    """
    started = time.perf_counter()
    state = training_state(store)
    step = max(1, math.ceil(state.events / CV_SAMPLE))
    sample: list[tuple[str, str]] = []
    labels: Counter[str] = Counter()

    def stream() -> Iterator[tuple[str, str]]:
        for number, pair in enumerate(training_pairs(store)):
            labels[pair[1]] += 1
            if number % step == 0:
                sample.append(pair)
            progress(1)
            yield pair

    try:
        model = fit(stream(), min_count=1 if state.events <= KEEP_RARE_UP_TO else 2)
    except ValueError:
        if labels:
            raise  # a bad label, not an empty store
        return None
    texts = model.trained_texts
    cv = cross_validate(sample, FOLDS) if len(sample) >= 10 * FOLDS else None
    save_model(store, model, state, cv[0] if cv else None)
    return TrainResult(texts, state, labels, len(model.counts), cv, len(sample),
                       time.perf_counter() - started)


def save_model(store: Store, model: SubEventModel, trained: TrainingState,
               cv_accuracy: float | None) -> None:
    """Store the model as the one `knowledge` loads, replacing any earlier one."""
    with store.session() as session:
        session.exec(delete(LearnedModel).where(col(LearnedModel.name) == SUB_EVENT_MODEL))
        session.add(LearnedModel(
            name=SUB_EVENT_MODEL, kind=MODEL_KIND,
            parameters=json.dumps(model.as_json(), ensure_ascii=False, separators=(",", ":")),
            texts=model.trained_texts, trained_events=trained.events,
            trained_until=trained.newest, cv_accuracy=cv_accuracy,
        ))


def newest_text(moment: datetime | None) -> str:
    """An ISO timestamp for summaries, or "-"."""
    return moment.isoformat(timespec="seconds") if moment else "-"

"""A learned sub_event_type classifier: word n-grams counted from confirmed and imported text.

Multinomial naive Bayes over lower-cased word unigrams and bigrams. Its parameters are
counts (documents per class, n-gram occurrences per class), plain JSON-serialisable data, so a
team stores one model in its database without a pickle (a pickle read from a shared database
would run code). Counts also make the model incremental: events confirmed after a fit are
added with `SubEventModel.add` as a refit would count them (save that a refit drops n-grams
seen only once again).

Prediction is pure Python and sparse: an n-gram adds a weight only to the classes it was
counted in (50-60 us for a 130-character sentence on an idle core). The rules (`classify.classify`)
decide whether a sentence holds an event at all; the model never adds or removes an event.
`combine` and `refine_types` merge its answer into the rules' by a `Policy`; the default,
measured with bench/dev_eval.py --learn, keeps the rules' type and lowers its confidence
where the model disagrees, so the coder's eye goes to the types most likely wrong.

`clean_notes` cuts the answer leaks out of ACLED `notes` (the crowd-size tag, a leading
label, the coder's remarks on coding): training and the dev measurement use the same cut.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any, Final

from coder.engine.classify import TypeEvidence
from coder.schema.codebook import SUB_EVENT_TYPES

# --- ACLED notes as training text ---------------------------------------------------------------
# Answer leaks in ACLED notes (codebook, "notes"): the crowd-size tag of protests and riots,
# the label some Strategic developments notes open with, and the coder's own remarks on how the
# fatality figure was coded.
_SIZE_TAG: Final = re.compile(r"\s*\[size=[^\]]*\]\s*$")
_LABEL: Final = re.compile(r"^[A-Z][A-Za-z-]*(?: [a-z][A-Za-z/-]*){0,4}:\s+")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")
_CODER_REMARK: Final = re.compile(
    r"(?i)fatalit(?:y|ies)[^.]{0,40}\b(?:coded|split|spread|divided|unclear)"
    r"|\bcoded (?:as|to|separately|for)\b|\b(?:have|has) been coded\b|\b(?:were|was) coded\b"
    r"|^\W*(?:unclear )?(?:\d+|no|one|two|three) fatalit(?:y|ies)\W*$"
)
# Bracketed coder remarks inside a sentence: "[coded to <place>]", "(coded as <actor>)".
_BRACKET_REMARK: Final = re.compile(r"\s*(?:\[[^\]]*\bcoded\b[^\]]*\]|\([^)]*\bcoded\b[^)]*\))")


def clean_notes(notes: str) -> str:
    """The notes without the parts that state the answer rather than report the event."""
    text = _SIZE_TAG.sub("", notes.strip())
    text = _BRACKET_REMARK.sub("", _LABEL.sub("", text, count=1))
    kept = [s for s in _SENTENCE_END.split(text) if not _CODER_REMARK.search(s)]
    return " ".join(kept).strip()


# --- features ----------------------------------------------------------------------------------
# Words with an inner apostrophe or hyphen stay whole ("rocket-propelled"); every number is one
# token: figures (tolls, dates) say how much, not what kind of event.
_TOKEN: Final = re.compile(r"[a-z]+(?:['-][a-z]+)*|\d+")
_NUMBER: Final = "0"


def features(text: str) -> set[str]:
    """The distinct unigrams and bigrams of the text (counted once per text: a repeated word
    in one report is one piece of evidence, not several)."""
    words = [_NUMBER if w[0].isdigit() else w for w in _TOKEN.findall(text.lower())]
    found = set(words)
    found.update(f"{a} {b}" for a, b in pairwise(words))
    return found


# --- the model ---------------------------------------------------------------------------------
# Additive smoothing of the n-gram counts; 0.1 rather than Laplace's 1: with tens of thousands
# of n-grams and a few hundred texts per class, 1 would drown what each class has seen.
DEFAULT_ALPHA: Final = 0.1
MODEL_KIND: Final = "multinomial-nb-1"


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's sub_event_type for a text and its posterior probability."""

    sub_event_type: str
    probability: float

    @property
    def event_type(self) -> str:
        return SUB_EVENT_TYPES[self.sub_event_type].event_type


@dataclass(frozen=True, slots=True)
class SubEventModel:
    """Multinomial naive Bayes counts per sub_event_type; built with `fit`, read with `predict`.

    `counts` maps an n-gram to {class index: texts of that class that contain it}; `common`
    lists the n-grams `fit` left out for being counted in most classes, which `add` leaves
    out too (counting them for new texts alone would make them evidence they are not).
    """

    classes: tuple[str, ...]
    documents: tuple[int, ...]  # training texts per class
    counts: Mapping[str, Mapping[int, int]]
    alpha: float = DEFAULT_ALPHA
    common: frozenset[str] = frozenset()
    _logs: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _base: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _prior: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = [c for c in self.classes if c not in SUB_EVENT_TYPES]
        if unknown or len(self.documents) != len(self.classes):
            raise ValueError(f"not a sub_event_type model: classes {unknown or self.classes}")
        size = len(self.classes)
        totals = [0] * size
        for per_class in self.counts.values():
            for index, count in per_class.items():
                if type(count) is not int or not 0 <= index < size or count <= 0:
                    raise ValueError(f"count {count} for class {index} of {size}")
                totals[index] += count
        vocabulary = len(self.counts)
        alpha = self.alpha
        # log P(f|c) = log(n_fc + a) - log(N_c + a V). Split it into a per-class base for an
        # n-gram the class never saw, log(a) - log(N_c + a V), plus log((n_fc + a) / a) for
        # the classes that saw it: an n-gram then touches only the classes it was counted in.
        base = tuple(math.log(alpha) - math.log(t + alpha * vocabulary) for t in totals)
        # Counts are small integers: log((n + a) / a) is looked up by n at prediction, so a
        # load builds no per-(n-gram, class) table (tens of thousands of n-grams).
        most = max((max(per.values()) for per in self.counts.values() if per), default=0)
        logs = tuple(math.log((n + alpha) / alpha) for n in range(most + 1))
        texts = sum(self.documents)
        prior = tuple(math.log((d + 1) / (texts + size)) for d in self.documents)
        object.__setattr__(self, "_logs", logs)
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_prior", prior)

    @property
    def trained_texts(self) -> int:
        return sum(self.documents)

    def scores(self, text: str) -> list[float]:
        """Unnormalised log posteriors, one per class (in `classes` order)."""
        scores = list(self._prior)
        known = 0
        counts, logs = self.counts, self._logs
        for gram in features(text):
            per_class = counts.get(gram)
            if per_class is None:
                continue  # unseen in training: says nothing about any class
            known += 1
            for index, n in per_class.items():
                scores[index] += logs[n]
        if known:
            scores = [s + known * b for s, b in zip(scores, self._base, strict=True)]
        return scores

    def predict(self, text: str) -> Prediction:
        """The most probable sub_event_type of the text and its probability."""
        scores = self.scores(text)
        best = max(range(len(scores)), key=scores.__getitem__)
        top = scores[best]
        total = sum(math.exp(s - top) for s in scores)
        return Prediction(self.classes[best], 1.0 / total)

    def add(self, pairs: Iterable[tuple[str, str]]) -> SubEventModel:
        """A model with these (text, sub_event_type) pairs counted too (new classes included)."""
        classes = list(self.classes)
        documents = list(self.documents)
        counts: dict[str, dict[int, int]] = {g: dict(c) for g, c in self.counts.items()}
        _count(pairs, classes, documents, counts, self.common)
        return SubEventModel(tuple(classes), tuple(documents), counts, self.alpha, self.common)

    def as_json(self) -> dict[str, Any]:
        """Plain data (JSON-serialisable); `from_json` reads it back."""
        return {
            "kind": MODEL_KIND,
            "alpha": self.alpha,
            "classes": list(self.classes),
            "documents": list(self.documents),
            # Class indexes become strings in JSON objects: a list of pairs keeps them ints.
            "counts": {gram: [[i, n] for i, n in sorted(per.items())]
                       for gram, per in self.counts.items()},
            "common": sorted(self.common),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SubEventModel:
        """The model `as_json` wrote; ValueError when the data is not one."""
        if data.get("kind") != MODEL_KIND:
            raise ValueError(f"unknown model kind {data.get('kind')!r} (expected {MODEL_KIND})")
        try:
            # dict() over [index, count] pairs: JSON gives the ints already, and this is the
            # bulk of a load (tens of thousands of n-grams); __post_init__ checks the values.
            counts = {gram: dict(pairs) for gram, pairs in data["counts"].items()}
            return cls(tuple(str(c) for c in data["classes"]),
                       tuple(int(d) for d in data["documents"]), counts, float(data["alpha"]),
                       frozenset(str(g) for g in data["common"]))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise ValueError(f"malformed model data: {exc}") from exc


def _count(pairs: Iterable[tuple[str, str]], classes: list[str], documents: list[int],
           counts: dict[str, dict[int, int]], common: frozenset[str] = frozenset()) -> None:
    index = {c: i for i, c in enumerate(classes)}
    for text, sub_event_type in pairs:
        if sub_event_type not in SUB_EVENT_TYPES:
            raise ValueError(f"{sub_event_type!r} is not a sub_event_type of the codebook")
        if sub_event_type not in index:
            index[sub_event_type] = len(classes)
            classes.append(sub_event_type)
            documents.append(0)
        label = index[sub_event_type]
        documents[label] += 1
        for gram in features(text) - common:
            per_class = counts.setdefault(gram, {})
            per_class[label] = per_class.get(label, 0) + 1


def fit(pairs: Iterable[tuple[str, str]], min_count: int = 2, alpha: float = DEFAULT_ALPHA,
        max_class_share: float = 0.5) -> SubEventModel:
    """A model counted from (text, sub_event_type) pairs.

    N-grams seen in fewer than `min_count` texts are dropped: they are mostly names and
    typos, and they would make the stored model several times larger for no accuracy.
    N-grams counted in more than `max_class_share` of the classes ("in the", "on", numbers)
    are dropped too: they tell classes apart little and cost a weight per class on every
    sentence (measured on the dev notes: 5-fold accuracy 0.792 without them, 0.787 with them;
    weights added per sentence 95 instead of 335).
    ValueError when a label is not a codebook sub_event_type or there is nothing to learn.
    """
    classes: list[str] = []
    documents: list[int] = []
    counts: dict[str, dict[int, int]] = {}
    _count(pairs, classes, documents, counts)
    if not classes:
        raise ValueError("no training texts")
    widest = max_class_share * len(classes)
    common = frozenset(g for g, c in counts.items() if len(c) > widest)
    kept = {g: c for g, c in counts.items() if sum(c.values()) >= min_count and g not in common}
    return SubEventModel(tuple(classes), tuple(documents), kept, alpha, common)


def cross_validate(pairs: Sequence[tuple[str, str]], folds: int = 5,
                   min_count: int = 2) -> tuple[float, float]:
    """(sub_event_type accuracy, event_type accuracy) of models fitted on the other folds.

    Texts are dealt to folds by position (i % folds), so the estimate is the same every run.
    """
    if len(pairs) < folds:
        raise ValueError(f"{len(pairs)} texts cannot be split into {folds} folds")
    sub_right = type_right = 0
    for fold in range(folds):
        model = fit((p for i, p in enumerate(pairs) if i % folds != fold), min_count)
        for text, truth in pairs[fold::folds]:
            found = model.predict(text)
            sub_right += found.sub_event_type == truth
            type_right += found.event_type == SUB_EVENT_TYPES[truth].event_type
    return sub_right / len(pairs), type_right / len(pairs)


# --- rules and model together ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Policy:
    """How the model's answer changes the rules' (chosen by bench/dev_eval.py --learn).

    Doubt: when the model names another type with at least `doubt_probability`, the rule's
    type keeps its name but its confidence drops to at most `doubt_confidence`, so the coder
    sees which types to check. Override (off when `override_probability` is None): the model's
    type replaces the rule's when the model is at least that sure and the rule's confidence is
    at most `max_rule_confidence`; with `same_event_type`, only within the rule's event_type.
    """

    override_probability: float | None = None
    max_rule_confidence: float = 0.7
    same_event_type: bool = False
    doubt_probability: float = 0.5
    doubt_confidence: float = 0.45


# Measured with bench/dev_eval.py --learn (5-fold on the ACLED dev notes, ~2,000 texts):
# - Override loses: where the two disagree the rules were right more often (all policies of
#   --grid within +-0.003 of the rules' sub_event_type on dev, up to -0.08 when the model may
#   change the event_type; on gold-news even the most careful one lost 3 of 70 types). So the
#   model does not change types by default; revisit as a store grows (the model gains with
#   every confirmed text, the rules do not).
# - Doubt wins: on held-out notes (model fitted on the dev store) the rules' type was right
#   0.90 of the time where the model agreed or was unsure and 0.41 where it disagreed with
#   p >= 0.5 (dev, 5-fold: 0.89 and 0.46). The rules' own confidence hardly tells a right type
#   from a wrong one (AUC 0.66); with the doubt it does (0.80; dev 0.78). 0.45 is about that
#   measured accuracy, and ranks every doubted type below every undoubted one (the rules'
#   confidences start at 0.5).
DEFAULT_POLICY: Final = Policy()


def combine(rule: tuple[str, float], learned: Prediction | None,
            policy: Policy = DEFAULT_POLICY) -> tuple[str, float]:
    """The (sub_event_type, confidence) to suggest from the rule's answer and the model's.

    The rules found an event; the model may only change which type it is (override) or how
    sure the suggestion is (doubt). With no model, or one that agrees, the rule's answer stands.
    """
    sub_event_type, confidence = rule
    if learned is None or learned.sub_event_type == sub_event_type:
        return rule
    override = policy.override_probability
    if (override is not None and learned.probability >= override
            and confidence <= policy.max_rule_confidence
            and not (policy.same_event_type
                     and learned.event_type != SUB_EVENT_TYPES[sub_event_type].event_type)):
        return learned.sub_event_type, learned.probability
    if learned.probability >= policy.doubt_probability:
        return sub_event_type, min(confidence, policy.doubt_confidence)
    return rule


def refine_types(sentence: str, types: Sequence[TypeEvidence], model: SubEventModel | None,
                 policy: Policy = DEFAULT_POLICY) -> list[TypeEvidence]:
    """The rules' candidate types with the model's answer combined in (`combine`).

    Only a single candidate is refined: the model reads the whole sentence, so when the rules
    found separate incidents in it, it cannot tell which one it speaks of. The cue span stays
    the rule's (the evidence a coder sees). No candidates in, none out.
    """
    if model is None or len(types) != 1:
        return list(types)
    rule = types[0]
    sub_event_type, confidence = combine((rule.sub_event_type, rule.confidence),
                                         model.predict(sentence), policy)
    if (sub_event_type, confidence) == (rule.sub_event_type, rule.confidence):
        return list(types)
    event_type = SUB_EVENT_TYPES[sub_event_type].event_type
    return [replace(rule, event_type=event_type, sub_event_type=sub_event_type,
                    confidence=confidence)]


def label_counts(pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    """Texts per sub_event_type, for summaries."""
    return Counter(label for _text, label in pairs)

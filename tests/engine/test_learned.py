"""The learned sub_event_type model: features, fitting, prediction, JSON, and the combine policy.

Texts are invented for these tests; labels are codebook sub_event_types (codebook §3).
"""

from __future__ import annotations

import json

import pytest

from coder.engine.classify import TypeEvidence
from coder.engine.learned import (
    MODEL_KIND,
    Policy,
    Prediction,
    SubEventModel,
    clean_notes,
    combine,
    cross_validate,
    features,
    fit,
    refine_types,
)
from coder.schema.codebook import SUB_EVENT_TYPES

# Five invented texts per type, each type with its own words, sharing filler words.
TRAINING: list[tuple[str, str]] = [
    *[(f"Hundreds of teachers marched peacefully in the town {w} demanding pay rises.",
       "Peaceful protest") for w in ("today", "on Monday", "again", "at noon", "downtown")],
    *[(f"Police fired tear gas to disperse students who rallied in the town {w}.",
       "Protest with intervention") for w in ("today", "on Monday", "again", "at noon",
                                              "downtown")],
    *[(f"Soldiers clashed with rebel fighters near the town {w}, exchanging gunfire.",
       "Armed clash") for w in ("today", "on Monday", "again", "at noon", "downtown")],
    *[(f"Warplanes bombed positions of the insurgents near the town {w} in an airstrike.",
       "Air/drone strike") for w in ("today", "on Monday", "again", "at noon", "downtown")],
]


@pytest.fixture(scope="module")
def model() -> SubEventModel:
    return fit(TRAINING, min_count=1)


class TestFeatures:
    @pytest.mark.parametrize(("text", "expected"), [
        pytest.param("Rebels attacked", {"rebels", "attacked", "rebels attacked"}, id="bigram"),
        pytest.param("Twelve died, 12 hurt", {"twelve", "died", "0", "hurt", "twelve died",
                                              "died 0", "0 hurt"}, id="numbers-are-one-token"),
        pytest.param("A rocket-propelled grenade", {"a", "rocket-propelled", "grenade",
                                                    "a rocket-propelled",
                                                    "rocket-propelled grenade"}, id="hyphen"),
        pytest.param("protest PROTEST protest", {"protest", "protest protest"}, id="distinct"),
        pytest.param("", set(), id="empty"),
    ])
    def test_unigrams_and_bigrams_lower_cased(self, text: str, expected: set[str]) -> None:
        assert features(text) == expected


class TestFitPredict:
    @pytest.mark.parametrize(("text", "expected"), [
        ("Nurses marched peacefully demanding pay rises.", "Peaceful protest"),
        ("Police fired tear gas to disperse the crowd.", "Protest with intervention"),
        ("Army soldiers clashed with rebel fighters.", "Armed clash"),
        ("Warplanes bombed insurgents in an airstrike.", "Air/drone strike"),
    ])
    def test_new_text_gets_the_type_of_its_words(
        self, model: SubEventModel, text: str, expected: str
    ) -> None:
        found = model.predict(text)
        assert found.sub_event_type == expected
        assert found.event_type == SUB_EVENT_TYPES[expected].event_type
        assert 1 / len(model.classes) < found.probability <= 1.0

    def test_text_of_unseen_words_falls_back_to_the_prior(self) -> None:
        """Nothing known in the text: the most frequent class, at its prior probability."""
        skewed = fit([*TRAINING, ("Soldiers clashed again.", "Armed clash")], min_count=1)
        found = skewed.predict("zzz qqq")
        assert found.sub_event_type == "Armed clash"
        assert found.probability == pytest.approx(7 / (21 + 4))

    def test_counts_are_texts_per_class(self, model: SubEventModel) -> None:
        assert model.trained_texts == len(TRAINING)
        index = model.classes.index("Armed clash")
        assert model.counts["clashed"] == {index: 5}
        assert model.counts["fired tear"] == {model.classes.index("Protest with intervention"): 5}

    def test_ngrams_of_most_classes_are_left_out(self, model: SubEventModel) -> None:
        """'the town' is in all four types' texts: it tells none of them apart."""
        assert "the town" in model.common and "the town" not in model.counts
        assert "clashed" not in model.common
        everything = fit(TRAINING, min_count=1, max_class_share=1.0)
        assert everything.counts["the town"] == {i: 5 for i in range(4)}

    def test_min_count_drops_rare_ngrams(self) -> None:
        rare = fit(TRAINING, min_count=6, max_class_share=1.0)
        assert "clashed" not in rare.counts and "the town" in rare.counts
        assert "clashed" in fit(TRAINING, min_count=5).counts

    def test_add_counts_exactly_what_a_refit_would(self) -> None:
        first, later = TRAINING[:12], TRAINING[12:]
        assert fit(first, min_count=1, max_class_share=1.0).add(later) == fit(
            TRAINING, min_count=1, max_class_share=1.0)

    def test_add_leaves_out_what_fit_left_out_as_common(self, model: SubEventModel) -> None:
        grown = model.add([("Rebels clashed near the town.", "Armed clash")])
        assert "the town" not in grown.counts and grown.common == model.common
        assert grown.counts["clashed"][grown.classes.index("Armed clash")] == 6

    @pytest.mark.parametrize("pairs", [
        pytest.param([("Rebels attacked.", "Attack!")], id="not-a-codebook-type"),
        pytest.param([], id="nothing"),
    ])
    def test_fit_refuses(self, pairs: list[tuple[str, str]]) -> None:
        with pytest.raises(ValueError):
            fit(pairs)

    def test_cross_validation_on_separable_texts_is_perfect(self) -> None:
        assert cross_validate(TRAINING, folds=5, min_count=1) == (1.0, 1.0)

    def test_cross_validation_needs_a_text_per_fold(self) -> None:
        with pytest.raises(ValueError, match="folds"):
            cross_validate(TRAINING[:3], folds=5)


class TestJson:
    def test_round_trip_through_json_text_gives_the_same_model(self, model: SubEventModel) -> None:
        again = SubEventModel.from_json(json.loads(json.dumps(model.as_json())))
        assert again == model
        text = "Students rallied and police fired tear gas."
        assert again.predict(text) == model.predict(text)

    def test_parameters_are_plain_data(self, model: SubEventModel) -> None:
        data = model.as_json()
        assert data["kind"] == MODEL_KIND
        assert data["classes"] == list(model.classes)
        assert json.loads(json.dumps(data)) == data

    @pytest.mark.parametrize("change", [
        pytest.param({"kind": "pickle"}, id="other-kind"),
        pytest.param({"classes": ["Armed clash", "Riot party", "Attack", "Grenade"]},
                     id="unknown-class"),
        pytest.param({"documents": [1]}, id="documents-per-class"),
        pytest.param({"counts": {"clashed": [[9, 1]]}}, id="class-index-out-of-range"),
        pytest.param({"counts": {"clashed": [[0, -2]]}}, id="negative-count"),
        pytest.param({"counts": {"clashed": [[0, 1.5]]}}, id="fractional-count"),
        pytest.param({"counts": {"clashed": "many"}}, id="not-pairs"),
        pytest.param({"alpha": None}, id="no-alpha"),
        pytest.param({"common": None}, id="no-common-list"),
    ])
    def test_from_json_refuses_what_it_did_not_write(
        self, model: SubEventModel, change: dict[str, object]
    ) -> None:
        with pytest.raises(ValueError):
            SubEventModel.from_json({**model.as_json(), **change})


RULE_ATTACK = ("Attack", 0.55)
NO_OVERRIDE = Policy(doubt_probability=0.9, doubt_confidence=0.4)
LOOSE = Policy(override_probability=0.9, max_rule_confidence=0.7)
SAME_TYPE = Policy(override_probability=0.9, max_rule_confidence=0.7, same_event_type=True)


class TestCombine:
    @pytest.mark.parametrize(("rule", "learned", "policy", "expected"), [
        pytest.param(RULE_ATTACK, None, LOOSE, RULE_ATTACK, id="no-model"),
        pytest.param(RULE_ATTACK, Prediction("Attack", 0.99), LOOSE, RULE_ATTACK, id="agree"),
        pytest.param(RULE_ATTACK, Prediction("Armed clash", 0.3), LOOSE, RULE_ATTACK,
                     id="model-unsure"),
        pytest.param(("Attack", 0.75), Prediction("Armed clash", 0.99), LOOSE, ("Attack", 0.45),
                     id="rule-sure-is-doubted"),
        pytest.param(RULE_ATTACK, Prediction("Armed clash", 0.99), LOOSE, ("Armed clash", 0.99),
                     id="override"),
        pytest.param(RULE_ATTACK, Prediction("Armed clash", 0.99), SAME_TYPE, ("Attack", 0.45),
                     id="other-event-type-kept"),
        pytest.param(RULE_ATTACK, Prediction("Abduction/forced disappearance", 0.99), SAME_TYPE,
                     ("Abduction/forced disappearance", 0.99), id="same-event-type-refined"),
        pytest.param(("Attack", 0.75), Prediction("Armed clash", 0.95), NO_OVERRIDE,
                     ("Attack", 0.4), id="doubt-lowers-confidence"),
        pytest.param(("Attack", 0.75), Prediction("Armed clash", 0.85), NO_OVERRIDE,
                     ("Attack", 0.75), id="doubt-needs-a-sure-model"),
        pytest.param(("Attack", 0.3), Prediction("Armed clash", 0.95), NO_OVERRIDE,
                     ("Attack", 0.3), id="doubt-never-raises"),
    ])
    def test_policy(self, rule: tuple[str, float], learned: Prediction | None, policy: Policy,
                    expected: tuple[str, float]) -> None:
        assert combine(rule, learned, policy) == expected

    def test_by_default_the_model_never_changes_a_type(self) -> None:
        """Measured: overriding lost accuracy (learned.DEFAULT_POLICY); doubting does not."""
        sub_event_type, confidence = combine(("Attack", 0.8), Prediction("Armed clash", 1.0))
        assert sub_event_type == "Attack" and confidence < 0.8


class TestRefineTypes:
    CLASH = TypeEvidence("Battles", "Armed clash", (9, 16), 0.55)
    STRIKE = TypeEvidence("Explosions/Remote violence", "Air/drone strike", (30, 39), 0.8)
    SENTENCE = "Warplanes bombed insurgents in an airstrike."

    def test_a_single_candidate_takes_the_models_type_and_its_event_type(
        self, model: SubEventModel
    ) -> None:
        (refined,) = refine_types(self.SENTENCE, [self.CLASH], model, LOOSE)
        assert (refined.event_type, refined.sub_event_type) == (
            "Explosions/Remote violence", "Air/drone strike")
        assert refined.span == self.CLASH.span  # the rule's cue stays the evidence
        assert refined.confidence == model.predict(self.SENTENCE).probability

    def test_by_default_a_doubted_type_keeps_its_name_and_loses_confidence(
        self, model: SubEventModel
    ) -> None:
        clash = TypeEvidence("Battles", "Armed clash", (9, 16), 0.8)
        (refined,) = refine_types(self.SENTENCE, [clash], model)
        assert refined == TypeEvidence("Battles", "Armed clash", (9, 16), 0.45)

    def test_an_agreeing_model_leaves_the_type_as_it_was(self, model: SubEventModel) -> None:
        assert refine_types(self.SENTENCE, [self.STRIKE], model) == [self.STRIKE]

    @pytest.mark.parametrize("types", [
        pytest.param([], id="no-event-stays-no-event"),
        pytest.param([CLASH, STRIKE], id="separate-incidents-untouched"),
    ])
    def test_left_alone(self, model: SubEventModel, types: list[TypeEvidence]) -> None:
        assert refine_types(self.SENTENCE, types, model, LOOSE) == types

    def test_without_a_model_the_rules_stand(self) -> None:
        assert refine_types(self.SENTENCE, [self.CLASH], None) == [self.CLASH]


class TestCleanNotes:
    @pytest.mark.parametrize(("notes", "expected"), [
        pytest.param("Farmers marched to the office of the governor. [size=around 40]",
                     "Farmers marched to the office of the governor.", id="size-tag"),
        pytest.param("Change to group/activity: The party opened an office.",
                     "The party opened an office.", id="leading-label"),
        pytest.param("Gunmen shot a trader. 2 fatalities coded as unclear.",
                     "Gunmen shot a trader.", id="fatality-remark"),
        pytest.param("Shells hit a village [coded to the district centre] at night.",
                     "Shells hit a village at night.", id="bracket-remark"),
        pytest.param("  Rebels ambushed a patrol.  ", "Rebels ambushed a patrol.", id="plain"),
    ])
    def test_answer_leaks_are_cut(self, notes: str, expected: str) -> None:
        assert clean_notes(notes) == expected

"""The hand-coded gold files in seeds/examples are valid and keep their coverage promises.

The expected tables come from the codebook (../shared/reference/acled-codebook.md), written
out here so that the check stands even without `coder.schema`. When `coder.schema.codebook`
exists, its sub-event table is used and compared with this one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(str(files("coder.seeds"))) / "examples"
SEED_ARTICLE = Path(str(files("coder.seeds"))) / "panjshir-2021-08-24.txt"
# dev-news.jsonl is a development set (rules may be mined from it) in the same format.
GOLD_FILES = ("gold-news.jsonl", "gold-panjshir.jsonl", "dev-news.jsonl")

# Codebook §3: the six event types and their 25 sub-event types, hierarchy order.
CODEBOOK_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    ),
    "Protests": (
        "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence", "Attack", "Abduction/forced disappearance",
    ),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
LOCAL_PAIRS = frozenset(
    (event_type, sub) for event_type, subs in CODEBOOK_SUB_EVENT_TYPES.items() for sub in subs
)


def _schema_pairs() -> frozenset[tuple[str, str]] | None:
    """The (event_type, sub_event_type) pairs of coder.schema.codebook, if that module exists."""
    try:
        from coder.schema.codebook import SUB_EVENT_TYPES
    except ImportError:
        return None
    return frozenset((sub.event_type, name) for name, sub in SUB_EVENT_TYPES.items())


PAIRS = _schema_pairs() or LOCAL_PAIRS

LINE_REQUIRED = {"id", "text", "published", "source", "events", "comment"}
LINE_OPTIONAL = {"country", "url", "title"}
EVENT_REQUIRED = {
    "event_type", "sub_event_type", "actor1", "inter1", "inter2", "interaction", "country",
    "admin1", "location", "geo_precision", "event_date", "time_precision", "fatalities",
    "source", "notes",
}
EVENT_OPTIONAL = {
    "assoc_actor_1", "actor2", "assoc_actor_2", "admin2", "latitude", "longitude",
    "actor1_aliases", "actor2_aliases",
}
# Codebook §5: generic actor names carry their actor type.
GENERIC_INTER = (
    (re.compile(r"^Civilians \(.+\)$"), 7),
    (re.compile(r"^Protesters \(.+\)$"), 6),
    (re.compile(r"^Rioters \(.+\)$"), 5),
    (re.compile(r"^Unidentified Armed Group \(.+\)$"), 3),
    (re.compile(r"^(Military|Police) Forces of "), None),  # 1 at home, 8 abroad
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class GoldLine:
    """One parsed line of a gold file, with where it came from."""

    where: str
    data: dict[str, Any]

    @property
    def events(self) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = self.data["events"]
        return events


def load(name: str) -> list[GoldLine]:
    """Every line of a gold file, parsed; a line that is not JSON fails naming file:line."""
    lines = []
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    for number, raw in enumerate(text.splitlines(), 1):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{name}:{number}: not JSON: {exc}")
        assert isinstance(data, dict), f"{name}:{number}: not a JSON object"
        lines.append(GoldLine(f"{name}:{number}", data))
    return lines


def iso_date(value: object, where: str) -> date:
    """A strict YYYY-MM-DD date, or a failure naming the line."""
    assert isinstance(value, str) and ISO.match(value), f"{where}: {value!r} is not YYYY-MM-DD"
    return date.fromisoformat(value)


def interaction_of(inter1: int, inter2: int) -> int:
    """Codebook §5: both codes, smaller first; the actor1 code and 0 when one-sided."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


ALL_LINES = [line for name in GOLD_FILES for line in load(name)]
ALL_EVENTS = [(line, event) for line in ALL_LINES for event in line.events]
NEWS = load("gold-news.jsonl")
PANJSHIR = load("gold-panjshir.jsonl")


def _weekdays_named(line: GoldLine) -> set[str]:
    return {day for day in WEEKDAYS if day in line.data["text"]}


# Sentences naming exactly one weekday, with their first event when it is dated to the day.
WEEKDAY_EVENTS = [
    (line, line.events[0]) for line in ALL_LINES
    if line.events and len(_weekdays_named(line)) == 1 and line.events[0]["time_precision"] == 1
]


def _line_id(line: GoldLine) -> str:
    return f"{line.where}:{line.data.get('id')}"


def _event_id(item: tuple[GoldLine, dict[str, Any]]) -> str:
    return f"{_line_id(item[0])}:{item[1].get('sub_event_type')}"


class TestLines:
    """Every line is a suggest-input object plus events and a comment (contracts.md 3-4)."""

    @pytest.mark.parametrize("line", ALL_LINES, ids=_line_id)
    def test_line_has_the_contract_keys_and_no_others(self, line: GoldLine) -> None:
        """A line carries the required keys and only known optional ones."""
        keys = set(line.data)
        assert keys >= LINE_REQUIRED, f"{line.where}: missing {LINE_REQUIRED - keys}"
        unknown = keys - LINE_REQUIRED - LINE_OPTIONAL
        assert not unknown, f"{line.where}: unknown keys {unknown}"
        assert isinstance(line.data["text"], str) and line.data["text"].strip()
        assert isinstance(line.data["comment"], str) and line.data["comment"].strip()
        assert isinstance(line.events, list)
        iso_date(line.data["published"], line.where)

    @pytest.mark.parametrize("name", GOLD_FILES)
    def test_ids_are_unique_within_a_file(self, name: str) -> None:
        """Eval reports per line id, so no id may repeat."""
        ids = Counter(line.data["id"] for line in load(name))
        assert [i for i, n in ids.items() if n > 1] == []

    @pytest.mark.parametrize("line", ALL_LINES, ids=_line_id)
    def test_one_line_is_one_sentence(self, line: GoldLine) -> None:
        """The unit of suggestion is a sentence: no line break inside a line's text."""
        assert "\n" not in line.data["text"]


class TestEvents:
    """Every gold event obeys the codebook."""

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_event_has_the_required_columns_and_no_others(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """An event names its fields with ACLED export columns (plus the alias lists)."""
        line, event = item
        keys = set(event)
        assert keys >= EVENT_REQUIRED, f"{line.where}: missing {EVENT_REQUIRED - keys}"
        unknown = keys - EVENT_REQUIRED - EVENT_OPTIONAL
        assert not unknown, f"{line.where}: unknown keys {unknown}"

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_sub_event_type_belongs_to_its_event_type(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """The pair is one of the codebook's 25 (§3)."""
        line, event = item
        pair = (event["event_type"], event["sub_event_type"])
        assert pair in PAIRS, f"{line.where}: {pair} is not a codebook pair"

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_inter_codes_and_interaction_agree(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """inter1 1-8, inter2 0-8 (0 exactly when actor2 is absent), interaction from both (§5)."""
        line, event = item
        inter1, inter2 = event["inter1"], event["inter2"]
        assert type(inter1) is int and 1 <= inter1 <= 8, f"{line.where}: inter1 {inter1!r}"
        assert type(inter2) is int and 0 <= inter2 <= 8, f"{line.where}: inter2 {inter2!r}"
        assert (inter2 == 0) == ("actor2" not in event), f"{line.where}: inter2 vs actor2"
        assert "assoc_actor_2" not in event or "actor2" in event
        assert event["interaction"] == interaction_of(inter1, inter2), line.where

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_generic_actor_names_carry_their_inter_code(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """Civilians 7, Protesters 6, Rioters 5, Unidentified Armed Group 3, state forces 1 or 8."""
        line, event = item
        for actor_key, inter_key in (("actor1", "inter1"), ("actor2", "inter2")):
            name = event.get(actor_key, "")
            for pattern, code in GENERIC_INTER:
                if pattern.search(name):
                    expected = (1, 8) if code is None else (code,)
                    assert event[inter_key] in expected, f"{line.where}: {name}: {event[inter_key]}"

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_event_type_rules_on_actors(self, item: tuple[GoldLine, dict[str, Any]]) -> None:
        """Battles and VAC are two-sided, VAC's actor2 is civilians, protests have protesters."""
        line, event = item
        event_type = event["event_type"]
        if event_type in ("Battles", "Violence against civilians"):
            assert "actor2" in event, f"{line.where}: {event_type} needs two actors (§10)"
        if event_type == "Violence against civilians":
            assert event["inter2"] == 7, f"{line.where}: the victim is actor2 (§3)"
        if event_type == "Protests":
            assert 6 in (event["inter1"], event["inter2"]), line.where
        if event_type == "Riots":
            assert 5 in (event["inter1"], event["inter2"]), line.where

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_dates_precisions_and_fatalities_are_in_range(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """ISO event_date not after publication, precisions 1-3, fatalities a count (§7, §8)."""
        line, event = item
        event_date = iso_date(event["event_date"], line.where)
        assert event_date <= iso_date(line.data["published"], line.where), line.where
        for key in ("time_precision", "geo_precision"):
            assert type(event[key]) is int and 1 <= event[key] <= 3, f"{line.where}: {key}"
        assert type(event["fatalities"]) is int and event["fatalities"] >= 0, line.where

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_text_fields_and_coordinates_are_well_formed(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """Names are non-empty, aliases differ from the name, coordinates come in valid pairs."""
        line, event = item
        for key in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "country", "admin1",
                    "admin2", "location", "source", "notes"):
            if key in event:
                assert isinstance(event[key], str) and event[key].strip(), f"{line.where}: {key}"
        for number in ("1", "2"):
            aliases = event.get(f"actor{number}_aliases", [])
            assert isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)
            assert event.get(f"actor{number}") not in aliases, f"{line.where}: alias = name"
        assert ("latitude" in event) == ("longitude" in event), line.where
        if "latitude" in event:
            assert -90 <= event["latitude"] <= 90 and -180 <= event["longitude"] <= 180

    @pytest.mark.parametrize("item", WEEKDAY_EVENTS, ids=_event_id)
    def test_a_single_named_weekday_dates_the_first_event(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """When the sentence names one weekday, its first exact-day event falls on that weekday."""
        line, event = item
        (named,) = _weekdays_named(line)
        weekday = WEEKDAYS[date.fromisoformat(event["event_date"]).weekday()]
        assert weekday == named, f"{line.where}: {event['event_date']} is a {weekday}"

    @pytest.mark.parametrize("item", ALL_EVENTS, ids=_event_id)
    def test_event_validates_as_a_schema_event(
        self, item: tuple[GoldLine, dict[str, Any]]
    ) -> None:
        """`coder eval` reads gold events through the schema model; the aliases are gold-only."""
        events_module = pytest.importorskip("coder.schema.events")
        _, event = item
        columns = {k: v for k, v in event.items() if not k.endswith("_aliases")}
        events_module.EventFields.model_validate(columns)


def test_local_codebook_table_matches_the_schema_module() -> None:
    """The table written here from the codebook and coder.schema.codebook agree (25 pairs)."""
    schema = _schema_pairs()
    if schema is None:
        pytest.skip("coder.schema.codebook has no SUB_EVENT_TYPES yet")
    assert len(LOCAL_PAIRS) == 25
    assert schema == LOCAL_PAIRS


class TestCoverage:
    """The news file keeps the coverage an evaluation needs."""

    def test_news_has_enough_lines_countries_and_types(self) -> None:
        """At least 60 lines, 12 countries, all 6 event types and 20 sub-event types."""
        events = [event for line in NEWS for event in line.events]
        assert len(NEWS) >= 60
        assert len({event["country"] for event in events}) >= 12
        assert {event["event_type"] for event in events} == set(CODEBOOK_SUB_EVENT_TYPES)
        assert len({event["sub_event_type"] for event in events}) >= 20

    def test_at_least_a_fifth_of_news_lines_have_no_event(self) -> None:
        """Negatives (background, statements, plans) make up at least one line in five."""
        empty = sum(1 for line in NEWS if not line.events)
        assert empty * 5 >= len(NEWS)

    def test_news_has_sentences_with_two_events(self) -> None:
        """Several sentences report two events (two days, places or actor pairs)."""
        assert sum(1 for line in NEWS if len(line.events) >= 2) >= 3

    def test_readme_counts_match_the_files(self) -> None:
        """The table in seeds/examples/README.md states the files' real numbers."""
        readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
        for name in GOLD_FILES:
            row = re.search(rf"^\| `{re.escape(name)}` \|[^|]*\|(.*)\|$", readme, re.M)
            assert row, f"README.md has no row for {name}"
            stated = [int(cell) for cell in row.group(1).split("|")]
            lines = load(name)
            events = [event for line in lines for event in line.events]
            actual = [
                len(lines), len(events), sum(1 for line in lines if not line.events),
                sum(1 for line in lines if len(line.events) >= 2),
                len({event["country"] for event in events}),
                len({event["event_type"] for event in events}),
                len({event["sub_event_type"] for event in events}),
            ]
            assert stated == actual, f"README row for {name}"


class TestPanjshir:
    """The seed-article gold file follows the article sentence by sentence."""

    def test_lines_are_the_article_sentences_in_order(self) -> None:
        """Each text occurs verbatim in the article, in order, and together they cover it."""
        article = SEED_ARTICLE.read_text(encoding="utf-8")
        header, _, body = article.strip().partition("\n")
        assert header.split()[:2] == ["date", "2021-08-24"]
        title = header.split(maxsplit=2)[2]
        rest = title + "\n" + body
        for line in PANJSHIR:
            text = line.data["text"]
            position = rest.find(text)
            assert position >= 0, f"{line.where}: text not found next in the article"
            assert rest[:position].strip() == "", f"{line.where}: skipped {rest[:position]!r}"
            rest = rest[position + len(text):]
        assert rest.strip() == "", f"article text without a gold line: {rest.strip()[:80]!r}"

    def test_lines_carry_the_article_metadata(self) -> None:
        """Every line has the article's publication date and source."""
        assert {(line.data["published"], line.data["source"]) for line in PANJSHIR} == {
            ("2021-08-24", "AFP")
        }

    def test_kabul_takeover_is_coded_nine_days_back_as_a_rebel_group(self) -> None:
        """'took control of Kabul nine days ago': 2021-08-15, before the Taliban were the state."""
        kabul = [
            event for line in PANJSHIR for event in line.events if event["location"] == "Kabul"
        ]
        assert [(e["actor1"], e["inter1"], e["event_date"]) for e in kabul] == [
            ("Taliban", 2, "2021-08-15")
        ]

    def test_later_taliban_events_code_the_taliban_as_state_forces(self) -> None:
        """After the 15 August takeover the Taliban are inter 1 (codebook §5, §11 example 1)."""
        later = [
            event for line in PANJSHIR for event in line.events
            if event["actor1"] == "Taliban" and event["event_date"] > "2021-08-15"
        ]
        assert later and all(event["inter1"] == 1 for event in later)

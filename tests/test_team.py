"""Team work: `coder assign` (who codes what, a double-coded share) and `coder agree`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import assert_bad_input
from sqlmodel import col, select
from team_seed import event, ingest

from coder import coding_store, team
from coder.cli import cli
from coder.coding_store import Effort, Queue
from coder.schema.models import Assignment
from coder.store import Store

# --- planning ---------------------------------------------------------------------------------


def loads_of(plan: list[team.Assigned], sizes: dict[int, int]) -> dict[str, int]:
    held: dict[str, int] = {}
    for a in plan:
        held[a.coder] = held.get(a.coder, 0) + sizes[a.document_id]
    return held


DOCUMENTS = [(i, n) for i, n in enumerate([40, 5, 17, 23, 8, 12, 30, 3, 9, 21, 14, 6], start=1)]


def test_every_document_gets_one_first_coder_and_the_loads_come_out_even() -> None:
    plan = team.plan(DOCUMENTS, ["ana", "ben", "chen"], double=0)
    firsts = [a for a in plan if not a.second_coder]
    assert sorted(a.document_id for a in firsts) == [d for d, _ in DOCUMENTS]
    held = loads_of(plan, dict(DOCUMENTS))
    # Largest first to the least loaded: no coder is ahead by more than the largest document.
    assert max(held.values()) - min(held.values()) <= max(n for _, n in DOCUMENTS)
    assert sum(held.values()) == sum(n for _, n in DOCUMENTS)


def test_what_coders_already_hold_counts_in_the_balance() -> None:
    plan = team.plan([(1, 10), (2, 10)], ["ana", "ben"], double=0, load={"ana": 100})
    assert {a.coder for a in plan} == {"ben"}


@pytest.mark.parametrize("double", [0.1, 0.25, 0.5])
def test_the_double_coded_share_is_the_closest_reachable(double: float) -> None:
    plan = team.plan(DOCUMENTS, ["ana", "ben", "chen"], double=double, seed=3)
    sizes = dict(DOCUMENTS)
    seconds = [a for a in plan if a.second_coder]
    total = sum(sizes.values())
    doubled = sum(sizes[a.document_id] for a in seconds)
    # Each document drawn was taken only if it brought the share closer to the target.
    assert abs(doubled - double * total) <= max(sizes.values()) / 2
    assert seconds, "some document must be double-coded"
    first = {a.document_id: a.coder for a in plan if not a.second_coder}
    assert all(first[a.document_id] != a.coder for a in seconds)
    assert len({a.document_id for a in seconds}) == len(seconds)


def test_the_same_seed_gives_the_same_draw_and_another_seed_may_not() -> None:
    draws = {tuple(team.plan(DOCUMENTS, ["ana", "ben"], 0.3, seed=s)) for s in range(8)}
    assert team.plan(DOCUMENTS, ["ana", "ben"], 0.3, seed=5) == \
        team.plan(DOCUMENTS, ["ana", "ben"], 0.3, seed=5)
    assert len(draws) > 1


@pytest.mark.parametrize("coders, double, message", [
    ([], 0.0, "no coders"),
    (["ana"], 0.1, "at least two coders"),
    (["ana", "ben"], 1.5, "between 0 and 1"),
])
def test_impossible_plans_are_refused(coders: list[str], double: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        team.plan(DOCUMENTS, coders, double)


# --- agreement --------------------------------------------------------------------------------


def test_alpha_matches_the_coincidence_matrix_formula() -> None:
    # Values 1 x3 and 2 x5 over 8; one disagreeing unit of four. Coincidence form:
    # 1 - (n - 1) * off-diagonal / sum(n_c * n_k, c != k) = 1 - 7 * 2 / 30.
    assert team.alpha([(1, 1), (1, 2), (2, 2), (2, 2)]) == pytest.approx(1 - 14 / 30)
    assert team.alpha([("a", "a"), ("b", "b")]) == 1
    assert team.alpha([("a", "b"), ("b", "a")]) < 0  # systematic disagreement
    assert team.alpha([("a", "a")]) is None  # no variation: undefined
    assert team.alpha([]) is None


def test_interval_alpha_weighs_how_far_apart_the_counts_are() -> None:
    # Values 0, 0, 2, 4 over two units: within-unit squared differences 0 and 4 (mean 2);
    # over the 12 ordered pairs of values, 2 * (0 + 4 + 16 + 4 + 16 + 4) / 12 = 88 / 12.
    assert team.interval_alpha([(0, 0), (2, 4)]) == pytest.approx(1 - 2 / (88 / 12))
    near = team.interval_alpha([(0, 0), (10, 11), (3, 3)])
    far = team.interval_alpha([(0, 0), (10, 0), (3, 3)])
    assert near is not None and far is not None and near > 0.9 > far
    # Nominal alpha cannot tell the two apart: both have one differing unit of three.
    assert team.alpha([(0, 0), (10, 11), (3, 3)]) == pytest.approx(
        team.alpha([(0, 0), (10, 12), (3, 3)]))
    assert team.interval_alpha([(5, 5), (5, 5)]) is None  # no variation: undefined
    assert team.interval_alpha([]) is None


def test_agreement_matches_events_and_compares_their_fields() -> None:
    sentences = [
        {"ana": [event()], "ben": [event(fatalities=10)]},           # one field differs
        {"ana": [event(location="bazarak")], "ben": [event(location="Bazarak")]},  # case
        {"ana": [], "ben": []},                                       # both: no event
        {"ana": [event()], "ben": []},                                # ben saw none
    ]
    found = team.agreement(sentences)
    assert found.sentences == 4
    (pair,) = found.pairs
    assert pair.coders == ("ana", "ben")
    assert pair.events == (3, 2) and pair.matched == 2
    assert pair.event_f1 == pytest.approx(2 * 2 / 5)
    fields = {f.field: f for f in found.fields}
    assert fields["fatalities"].pairs == 2 and fields["fatalities"].agreement == 0.5
    # Interval alpha on (0, 10) and (0, 0): the first unit's distance is all there is.
    assert fields["fatalities"].alpha == team.interval_alpha([(0, 10), (0, 0)])
    assert fields["location"].agreement == 1.0
    assert fields["event_type"].agreement == 1.0 and fields["event_type"].alpha is None
    assert pair.presence == [(True, True), (True, True), (False, False), (True, False)]
    assert "admin2" not in fields  # neither coder filled it


def test_three_coders_give_three_pairs() -> None:
    found = team.agreement([{"ana": [event()], "ben": [event()], "chen": [event()]}])
    assert [p.coders for p in found.pairs] == [("ana", "ben"), ("ana", "chen"), ("ben", "chen")]
    assert all(p.matched == 1 for p in found.pairs)


# --- through the store and the command line -----------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_assign_then_code_then_agree_then_export(db_url: str) -> None:
    documents = ingest(db_url)
    code, out, err = run("assign", "--db", db_url, "--coders", "ana,ben", "--double", "0.4",
                         "--seed", "1", "--json")
    assert code == 0, err
    loads = {row["coder"]: row for row in json.loads(out)}
    assert set(loads) == {"ana", "ben"}
    assert sum(r["documents"] for r in loads.values()) == len(documents)
    assert sum(r["second_documents"] for r in loads.values()) >= 1
    # Running it again assigns nothing new: every document has its coders.
    code, out, _ = run("assign", "--db", db_url, "--coders", "ana,ben", "--double", "0.4",
                       "--json")
    assert {r["coder"]: r for r in json.loads(out)} == loads

    store = Store.open(db_url)
    ana, ben = coding_store.coder_id(store, "ana"), coding_store.coder_id(store, "ben")
    # Each coder's queue is their documents, first and second coder alike.
    assigned = {c: team_documents(store, cid) for c, cid in (("ana", ana), ("ben", ben))}
    assert assigned["ana"] | assigned["ben"] == set(documents)
    shared = assigned["ana"] & assigned["ben"]
    assert len(shared) == sum(r["second_documents"] for r in loads.values())

    # Both code every sentence of the double-coded documents; ben counts one death fewer.
    for document_id in shared:
        for sentence in store.sentences(document_id):
            assert sentence.id is not None
            for name, deaths in (("ana", 12), ("ben", 11)):
                coding_store.confirm(store, name, sentence.id, event(fatalities=deaths), None,
                                     Effort(keystrokes=1))
    code, out, err = run("agree", "--db", db_url, "--json")
    assert code == 0, err
    found = json.loads(out)
    n = sum(len(store.sentences(d)) for d in shared)
    assert found["sentences"] == n
    (pair,) = found["pairs"]
    assert pair["coders"] == ["ana", "ben"] and pair["matched"] == n
    assert found["fields"]["fatalities"]["agreement"] == 0.0
    assert found["fields"]["sub_event_type"]["agreement"] == 1.0
    coded = {row.coder: row.coded for row in team.loads(store)}
    assert coded == {"ana": n, "ben": n}  # only the shared documents were coded

    # The export holds each double-coded event once: the first coder's.
    first = {d: ("ana" if d in assigned["ana"] and not is_second(store, d, ana) else "ben")
             for d in shared}
    code, out, err = run("export", "--db", db_url, "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == n
    expected = {12 if first[d] == "ana" else 11 for d in shared}
    assert {r["fatalities"] for r in rows} == expected
    code, out, _ = run("export", "--db", db_url, "--second-coders")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2 * n


def team_documents(store: Store, coder: int) -> set[int]:
    queue = Queue(assigned_to=coder)
    seen, after = set(), 0
    while (sentence := coding_store.next_uncoded(store, coder, queue, after)) is not None:
        seen.add(coding_store.load_sentence(store, sentence, coder).document.id)
        after = sentence
    assert coding_store.queue_size(store, queue) == sum(
        len(store.sentences(d)) for d in seen)
    return seen


def is_second(store: Store, document_id: int, coder: int) -> bool:
    with store.session() as session:
        return bool(session.exec(select(Assignment.second_coder).where(
            col(Assignment.document_id) == document_id,
            col(Assignment.coder_id) == coder)).one())


def test_agree_without_a_double_coded_sentence_exits_1(sqlite_url: str) -> None:
    ingest(sqlite_url)
    code, _, err = run("agree", "--db", sqlite_url)
    assert code == 1 and "no sentence was decided by two coders" in err


def test_assign_without_coders_lists_the_loads(sqlite_url: str) -> None:
    ingest(sqlite_url)
    code, _, err = run("assign", "--db", sqlite_url)
    assert code == 0 and "no documents are assigned yet" in err
    run("assign", "--db", sqlite_url, "--coders", "ana")
    code, out, _ = run("assign", "--db", sqlite_url)
    assert code == 0 and "ana" in out


@pytest.mark.parametrize("args, message", [
    (["--coders", "ana", "--double", "0.2"], "at least two coders"),
    (["--coders", "ana,ben", "--double", "1.5"], "--double"),
])
def test_bad_assignments_exit_2_and_assign_nothing(sqlite_url: str, args: list[str],
                                                   message: str) -> None:
    ingest(sqlite_url)
    result = CliRunner().invoke(cli, ["assign", "--db", sqlite_url, *args])
    if "1.5" in args:  # click's range check: a usage error, exit 2
        assert result.exit_code == 2 and message in result.stderr
    else:
        assert_bad_input(result, message)
    assert team.loads(Store.open(sqlite_url)) == []


def test_a_coder_with_assignments_codes_only_those(sqlite_url: str) -> None:
    documents = ingest(sqlite_url)
    run("assign", "--db", sqlite_url, "--coders", "ana,ben")
    store = Store.open(sqlite_url)
    ana = coding_store.coder_id(store, "ana")
    theirs = set(documents) - team_documents(store, ana)
    assert theirs, "ben holds some document"
    result = CliRunner().invoke(cli, ["code", "--db", sqlite_url, "--coder", "ana",
                                      "--document", str(min(theirs))])
    assert_bad_input(result, "among the documents assigned to ana")


def test_a_loaded_sentence_carries_its_neighbours(db_url: str) -> None:
    """coding_store.load_sentence (the session's screen) and team.disagreements share
    coding_store.neighbours: the text just before and after, None at a document's ends."""
    documents = ingest(db_url)
    store = Store.open(db_url)
    with store.session() as session:
        coder = store.coder_id(session, "ana")
    for document_id in documents:
        sentences = store.sentences(document_id)
        texts: list[str | None] = [None, *(s.text for s in sentences), None]
        for n, sentence in enumerate(sentences, 1):
            loaded = coding_store.load_sentence(store, sentence.id or 0, coder)
            assert (loaded.previous, loaded.text, loaded.next) == tuple(texts[n - 1:n + 2])

"""`coder ingest` end to end: files in, documents, sentences and suggestions in the store.

Every test drives the real command (CliRunner, stdout and stderr apart) and then reopens the
store to look at rows. Tests that take `db_url` run on SQLite and PostgreSQL; each CLI call
with suggestions loads the engine's knowledge (about a second), so assertions are grouped
into few calls and the calls that are not about suggestions pass `--no-suggest`.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO, SEED_ARTICLE, assert_bad_input
from sqlmodel import Session, col, select

from coder.cli import cli
from coder.engine.document import suggest_document
from coder.engine.knowledge import load_knowledge
from coder.engine.pipeline import DocumentMeta
from coder.schema.models import Document, Event, EventHistory, Sentence
from coder.segment import split_sentences
from coder.store import Store

SUMMARY = re.compile(
    r"(\d+) documents? added \((\d+) sentences?, (\d+) suggested events?\); (\d+) already known"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["ingest", *args], prog_name="coder")


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def summary(result: Result) -> tuple[int, int, int, int]:
    """(documents added, sentences, suggested events, already known) from the closing line.

    The command succeeded, wrote nothing to stdout, and its only stderr line is the summary:
    CliRunner's stderr is not a terminal, so no progress bar may show there.
    """
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    found = SUMMARY.fullmatch(lines[0])
    assert found, lines[0]
    added, sentences, suggested, known = (int(n) for n in found.groups())
    return added, sentences, suggested, known


def documents(url: str) -> dict[str, Document]:
    """Stored documents by the first few words of their text."""
    return {" ".join(d.text.split()[:3]): d for d in Store.open(url).documents()}


def counts(url: str) -> tuple[int, int, int]:
    store = Store.open(url)
    return store.count(Document), store.count(Sentence), store.count(Event)


def assert_sentences_match(store: Store, document: Document) -> list[Sentence]:
    """The stored sentences are the splitter's spans of the stored text, in order."""
    assert document.id is not None
    sentences = store.sentences(document.id)
    spans = [(s.start_char, s.end_char) for s in sentences]
    assert spans == split_sentences(document.text)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        assert document.text[sentence.start_char : sentence.end_char] == sentence.text
    return sentences


# --- the seed article: header, offsets, suggestions, the same text twice --------------------


def test_seed_article_is_stored_with_its_header_sentences_and_suggestions(
    db_url: str, tmp_path: Path
) -> None:
    header, _, body = SEED_ARTICLE.read_text(encoding="utf-8").partition("\n")
    _, day, title = header.split(maxsplit=2)  # " date 2021-08-24 To defend ..."

    added, n_sentences, n_suggested, known = summary(run("--db", db_url, str(SEED_ARTICLE)))

    store = Store.open(db_url)
    [document] = store.documents()
    assert (document.title, document.published) == (title.strip(), date.fromisoformat(day))
    assert document.text == body.strip()
    assert document.origin == str(SEED_ARTICLE)
    assert document.source == "AFP"  # no source given: "an NRF spokesman told AFP"
    sentences = assert_sentences_match(store, document)
    assert (added, n_sentences, known) == (1, len(sentences), 0)
    assert header.strip() not in document.text

    # The suggestions are the engine's for the stored sentences as one document, stored as
    # "suggested" events attached to their sentence, each with a history row.
    knowledge = load_knowledge(None)
    meta = DocumentMeta(published=document.published, source=document.source,
                        country=document.country)
    per_sentence = suggest_document([s.text for s in sentences], meta, knowledge)
    expected = sorted(
        (s.id, found.event.event_type, found.event.sub_event_type)
        for s, suggestions in zip(sentences, per_sentence, strict=True) for found in suggestions
    )
    with Session(store.engine) as session:
        events = list(session.exec(select(Event)))
        history = list(session.exec(select(EventHistory)))
    assert expected, "the seed article tells of fighting: the engine must suggest something"
    assert sorted((e.sentence_id, e.event_type, e.sub_event_type) for e in events) == expected
    assert n_suggested == len(events)
    assert {(e.source, e.source_scale) for e in events} == {("AFP", "International")}
    assert {e.status for e in events} == {"suggested"}
    assert all(e.coder_id is None and 0 <= (e.confidence or 0) <= 1 for e in events)
    assert sorted(h.event_id for h in history) == sorted(e.id for e in events)
    assert {h.action for h in history} == {"suggested"}

    # The same text again, from another file name and with other whitespace: nothing is added.
    again = write(tmp_path / "copy.txt", f"{header}\n\n\n{body.strip()}\n\n")
    before = counts(db_url)
    assert summary(run("--db", db_url, str(SEED_ARTICLE), str(again))) == (0, 0, 0, 2)
    assert counts(db_url) == before


def test_a_given_source_wins_over_the_outlet_the_text_names(sqlite_url: str,
                                                             tmp_path: Path) -> None:
    """--source (or the file's own source) is kept; only a missing source is read from the
    text (engine.outlets), and a text that names no outlet as its own stays without one."""
    told = write(tmp_path / "told.txt", "A commander told Reuters the town was shelled.\n")
    plain = write(tmp_path / "plain.txt", "The town was shelled on Sunday.\n")
    given = write(tmp_path / "given.txt", "A doctor told Reuters that two were killed.\n")
    assert summary(run("--db", sqlite_url, "--no-suggest", str(told), str(plain)))[0] == 2
    assert summary(run("--db", sqlite_url, "--no-suggest", "--source", "Dawn", str(given)))[0] == 1
    sources = {d.origin: d.source for d in Store.open(sqlite_url).documents()}
    assert sources == {str(told): "Reuters", str(plain): None, str(given): "Dawn"}


def test_no_suggest_stores_sentences_but_no_events(sqlite_url: str) -> None:
    added, n_sentences, n_suggested, _ = summary(
        run("--db", sqlite_url, "--no-suggest", str(SEED_ARTICLE)))
    assert (added, n_suggested) == (1, 0)
    assert counts(sqlite_url) == (1, n_sentences, 0)
    assert n_sentences > 1


# --- formats, metadata defaults, folders and globs --------------------------------------------


def test_markdown_jsonl_and_csv_with_defaults_filling_only_what_is_missing(
    db_url: str, tmp_path: Path
) -> None:
    markdown = write(tmp_path / "report.md",
                     "# Shelling near Kharkiv\n\nArtillery hit the outskirts overnight. "
                     "Two civilians were wounded.\n")
    jsonl = write(tmp_path / "feed.jsonl", "\n".join([
        '{"id": "N1", "text": "Protesters gathered in Lagos on Monday. Police watched.", '
        '"published": "2021-09-06", "source": "AFP", "country": "Nigeria"}',
        "",
        '{"id": 2, "text": "Gunmen attacked a convoy near Gwoza.", "url": "https://x.test/2"}',
        '{"text": "Rioters burned tyres in Kisumu.", "events": [], "extra": 1}',
    ]) + "\n")
    csv_file = write(tmp_path / "wire.csv",
                     "id,text,title,country,published\r\n"
                     'C1,"Militants shelled Rukha, killing 3. ""We fled,"" a man said.",'
                     "Rukha shelled,Afghanistan,\r\n"
                     "C2,Soldiers clashed with rebels in Beni.,,,2022-01-02\r\n")

    result = run("--db", db_url, "--no-suggest", "--published", "2021-01-31", "--source", "CLI",
                 "--url", "https://cli.test", "--country", "Chad",
                 str(markdown), str(jsonl), str(csv_file))

    assert summary(result)[0] == 6
    store = Store.open(db_url)
    found = documents(db_url)
    assert set(found) == {"# Shelling near", "Protesters gathered in", "Gunmen attacked a",
                          "Rioters burned tyres", "Militants shelled Rukha,",
                          "Soldiers clashed with"}
    defaults = (date(2021, 1, 31), "CLI", "https://cli.test", "Chad")

    def meta(doc: Document) -> tuple[object, ...]:
        return doc.title, doc.published, doc.source, doc.url, doc.country, doc.external_id

    md = found["# Shelling near"]
    assert meta(md) == ("Shelling near Kharkiv", *defaults, None)
    assert md.text.startswith("# Shelling near Kharkiv\n")  # a headline stays in the text
    assert meta(found["Protesters gathered in"]) == (
        None, date(2021, 9, 6), "AFP", "https://cli.test", "Nigeria", "N1")
    assert meta(found["Gunmen attacked a"]) == (
        None, date(2021, 1, 31), "CLI", "https://x.test/2", "Chad", "2")
    assert meta(found["Rioters burned tyres"]) == (None, *defaults, None)
    assert meta(found["Militants shelled Rukha,"]) == (
        "Rukha shelled", date(2021, 1, 31), "CLI", "https://cli.test", "Afghanistan", "C1")
    assert meta(found["Soldiers clashed with"]) == (
        None, date(2022, 1, 2), "CLI", "https://cli.test", "Chad", "C2")
    assert found["Militants shelled Rukha,"].text == (
        'Militants shelled Rukha, killing 3. "We fled," a man said.')
    assert found["Protesters gathered in"].origin == f"{jsonl}:1"
    assert found["Rioters burned tyres"].origin == f"{jsonl}:4"  # the blank line still counts
    for document in found.values():
        assert_sentences_match(store, document)
    assert store.count(Event) == 0


def test_folders_recursively_and_globs_take_supported_files_once(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    wanted = {
        folder / "a.txt": "Alpha clashes were reported.",
        folder / "deep" / "er" / "b.md": "Bravo protest took place.",
        folder / "deep" / "c.jsonl": '{"text": "Charlie riot broke out."}\n',
        folder / "d.CSV": "text\nDelta shelling hit the town.\n",
    }
    ignored = {
        folder / "notes.rtf": "Echo ignored.",
        folder / "e.json": '{"text": "Foxtrot ignored."}',
        folder / ".hidden.txt": "Golf ignored.",
        folder / ".cache" / "h.txt": "Hotel ignored.",
        tmp_path / "globbed" / "z.md": "Zulu ignored by the glob.",
    }
    globbed = {tmp_path / "globbed" / f"{name}.txt": f"{name.title()} attack near the border."
               for name in ("india", "juliet")}
    for path, content in {**wanted, **ignored, **globbed}.items():
        write(path, content)

    # The folder, a glob over its .txt (already taken: once only), and a glob of other files.
    result = run("--db", db_url, "--no-suggest", str(folder), str(folder / "*.txt"),
                 str(tmp_path / "globbed" / "*.txt"))

    assert summary(result)[0] == len(wanted) + len(globbed)
    stored = {d.text for d in Store.open(db_url).documents()}
    expected = {"Alpha clashes were reported.", "Bravo protest took place.",
                "Charlie riot broke out.", "Delta shelling hit the town.",
                "India attack near the border.", "Juliet attack near the border."}
    assert stored == expected


def test_many_files_report_one_summary_line_off_a_terminal(sqlite_url: str,
                                                           tmp_path: Path) -> None:
    for n in range(30):
        write(tmp_path / "many" / f"{n:02}.txt", f"Clashes in district {n}. Two were hurt.")
    added, n_sentences, _, known = summary(
        run("--db", sqlite_url, "--no-suggest", str(tmp_path / "many")))
    assert (added, n_sentences, known) == (30, 60, 0)


def test_many_files_show_a_progress_bar_on_a_terminal(sqlite_url: str, tmp_path: Path) -> None:
    """stderr is a real pseudo-terminal here, so click draws the bar there; stdout stays empty."""
    for n in range(12):
        write(tmp_path / "many" / f"{n:02}.txt", f"Clashes in district {n}.")
    main, side = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "coder", "ingest", "--no-suggest", "--db", sqlite_url,
         str(tmp_path / "many")],
        stdout=subprocess.PIPE, stderr=side, cwd=REPO,
    ) as process:
        os.close(side)
        screen = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        stdout, _ = process.communicate(timeout=60)
    os.close(main)
    text = screen.decode("utf-8", "replace")
    assert process.returncode == 0, text
    assert stdout == b""
    assert re.search(r"ingest\s+\[#+\]\s+100%", text), text
    assert "12 documents added" in text


# --- bad input: FILE:LINE: field: message, exit 2, nothing of the bad file -------------------


def test_a_bad_file_after_a_good_one_keeps_the_good_and_nothing_of_the_bad(
    db_url: str, tmp_path: Path
) -> None:
    good = write(tmp_path / "good.jsonl",
                 '{"text": "Clashes were reported in Rukha. Two fighters died."}\n')
    bad = write(tmp_path / "bad.jsonl",
                '{"text": "Protesters marched in Kabul. They were dispersed."}\n'
                '{"text": "Shelling hit Bazarak.", "published": "2021-13-01"}\n')

    result = run("--db", db_url, str(good), str(bad))

    assert_bad_input(result, f"{bad}:2: published: ", "2021-13-01")
    store = Store.open(db_url)
    [document] = store.documents()
    assert document.origin == f"{good}:1"
    n_sentences = len(assert_sentences_match(store, document))
    assert (store.count(Document), store.count(Sentence)) == (1, n_sentences)
    with Session(store.engine) as session:
        event_sentences = session.exec(select(col(Event.sentence_id))).all()
    own = {s.id for s in store.sentences(document.id or 0)}
    assert set(event_sentences) <= own  # suggestions of the good file only


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param("latin1.txt", "Clashes in Bogot\xe1.".encode("latin-1"),
                     ("latin1.txt:1: encoding: not UTF-8",), id="not-utf8"),
        pytest.param("x.jsonl", '{"id": "N1", "published": "2021-09-06"}\n',
                     ("x.jsonl:1: text: is missing",), id="jsonl-missing-text"),
        pytest.param("x.jsonl", '{"text": "ok."}\n{"text": ""}\n',
                     ("x.jsonl:2: text: ",), id="jsonl-empty-text"),
        pytest.param("x.jsonl", '{"text": "ok."}\n{"text": "a",\n',
                     ("x.jsonl:2: json: not valid JSON",), id="jsonl-broken-json"),
        pytest.param("x.csv", "title,body\nT,Some text.\n",
                     ("x.csv:1: text: ",), id="csv-without-text-column"),
        pytest.param("x.csv", "text,published\nFine.,2021-09-06\nBad.,06/09/2021\n",
                     ("x.csv:3: published: ", "06/09/2021"), id="csv-bad-date"),
        pytest.param("x.txt", "date 2021-02-30 Title\n\nBody.\n",
                     ("x.txt:1: published: ", "2021-02-30"), id="header-bad-date"),
        pytest.param("x.txt", "date 2021-02-03 Title only\n",
                     ("x.txt:2: text: ",), id="header-without-text"),
    ],
)
def test_bad_file_exits_2_naming_file_line_and_field(
    sqlite_url: str, tmp_path: Path, name: str, content: str | bytes,
    expected: tuple[str, ...],
) -> None:
    path = write(tmp_path / name, content)
    assert_bad_input(run("--db", sqlite_url, "--no-suggest", str(path)),
                     *(text.replace(name, str(path)) for text in expected))
    assert counts(sqlite_url) == (0, 0, 0)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["missing.txt"], ("missing.txt", "no such file"), id="no-such-file"),
        pytest.param(["nothing-*.txt"], ("nothing-*.txt", "no such file"), id="empty-glob"),
        pytest.param(["empty-dir"], ("empty-dir", "no .txt"), id="folder-without-files"),
        pytest.param(["article.pdf"], ("article.pdf", "unsupported file type"), id="suffix"),
        pytest.param(["--published", "24/08/2021", "ok.txt"], ("--published",), id="bad-date"),
    ],
)
def test_bad_paths_and_options_exit_2_before_storing(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    args: list[str], expected: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)  # relative names, as a user types them
    (tmp_path / "empty-dir").mkdir()
    write(tmp_path / "empty-dir" / "readme.rtf", "Not a supported file.")
    write(tmp_path / "article.pdf", "%PDF-1.4")
    write(tmp_path / "ok.txt", "Clashes were reported.")
    result = run("--db", sqlite_url, "--no-suggest", *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    assert all(text in result.stderr for text in expected), result.stderr
    assert counts(sqlite_url) == (0, 0, 0)


def test_a_nul_character_is_bad_input_on_every_backend(db_url: str, tmp_path: Path) -> None:
    """PostgreSQL text cannot hold NUL: the file is refused by name, as on SQLite."""
    path = write(tmp_path / "nul.jsonl",
                 '{"text": "Clashes were reported."}\n{"text": "Shelling \\u0000 hit."}\n')
    assert_bad_input(run("--db", db_url, "--no-suggest", str(path)), f"{path}:2: text: ", "NUL")
    assert counts(db_url) == (0, 0, 0)


def test_the_same_text_twice_in_one_file_is_stored_once(sqlite_url: str,
                                                         tmp_path: Path) -> None:
    path = write(tmp_path / "dup.jsonl",
                 '{"id": "a", "text": "Clashes were reported."}\n'
                 '{"id": "b", "text": "  Clashes were reported.  "}\n')
    assert summary(run("--db", sqlite_url, "--no-suggest", str(path)))[::3] == (1, 1)
    [document] = Store.open(sqlite_url).documents()
    assert document.external_id == "a"

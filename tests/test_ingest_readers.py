"""Document readers: real files under tmp_path, header parsing and error messages as tables."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from coder.errors import InputError
from coder.ingest import Defaults, DocumentDraft, expand_paths, headline, read_documents
from coder.segment import split_sentences

NO_DEFAULTS = Defaults()


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))  # write_text would translate "\n" on Windows
    return path


def read_one(
    folder: Path, name: str, content: str | bytes, defaults: Defaults = NO_DEFAULTS
) -> DocumentDraft:
    drafts = read_documents(write(folder, name, content), defaults)
    assert len(drafts) == 1
    return drafts[0]


class TestPlainText:
    @pytest.mark.parametrize(
        ("content", "published", "title", "text"),
        [
            pytest.param(
                " date 2021-08-24 To defend Key Valley.\n\nBody one. Body two.\n",
                date(2021, 8, 24), "To defend Key Valley.", "Body one. Body two.",
                id="seed-layout-leading-space",
            ),
            pytest.param(
                "date 2021-08-24 Title here\nBody.", date(2021, 8, 24), "Title here", "Body.",
                id="no-blank-line-after-header",
            ),
            pytest.param(
                "date 2021-08-24\n\nBody.", date(2021, 8, 24), None, "Body.",
                id="header-without-title",
            ),
            pytest.param(
                "date 2021-08-24 Title  \r\n\r\nBody.\r\n", date(2021, 8, 24), "Title", "Body.",
                id="crlf",
            ),
            pytest.param(
                "\ufeffdate 2021-08-24 Title\nBody.", date(2021, 8, 24), "Title", "Body.",
                id="byte-order-mark",
            ),
            pytest.param(
                "\tdate\t2021-08-24\tTabbed title\nBody.", date(2021, 8, 24), "Tabbed title",
                "Body.", id="tabs",
            ),
            pytest.param(
                "Taliban seize capital\n\nThe Taliban said so.", None, "Taliban seize capital",
                "Taliban seize capital\n\nThe Taliban said so.", id="headline-no-header",
            ),
            pytest.param(
                "\n\n  Headline after blank lines  \n\nBody.", None, "Headline after blank lines",
                "Headline after blank lines  \n\nBody.", id="leading-blank-lines",
            ),
            pytest.param(
                "The Taliban said so.\nMore text.", None, None,
                "The Taliban said so.\nMore text.", id="first-line-is-a-sentence",
            ),
            pytest.param(
                "\u201cWe will fight.\u201d\n\nBody.", None, None,
                "\u201cWe will fight.\u201d\n\nBody.",
                id="full-stop-inside-closing-quote",
            ),
            pytest.param(
                "Date palms burned in Basra\n\nBody.", None, "Date palms burned in Basra",
                "Date palms burned in Basra\n\nBody.", id="capital-date-is-prose",
            ),
            pytest.param(
                "date night in Kabul\n\nBody.", None, "date night in Kabul",
                "date night in Kabul\n\nBody.", id="date-not-followed-by-digits",
            ),
            pytest.param(
                "Five killed in Kabul", None, "Five killed in Kabul", "Five killed in Kabul",
                id="single-headline-line",
            ),
        ],
    )  # fmt: skip
    def test_header_and_headline(
        self, tmp_path: Path, content: str, published: date | None, title: str | None, text: str
    ) -> None:
        draft = read_one(tmp_path, "article.txt", content)
        assert (draft.published, draft.title, draft.text) == (published, title, text)
        assert draft.origin == str(tmp_path / "article.txt")
        assert draft.external_id is None

    def test_markdown_heading_marks_are_not_part_of_the_title(self, tmp_path: Path) -> None:
        draft = read_one(tmp_path, "note.md", "## Taliban seize capital\n\nThe Taliban said so.")
        assert draft.title == "Taliban seize capital"
        assert draft.text.startswith("## Taliban seize capital")

    def test_a_very_long_first_line_is_not_a_title(self, tmp_path: Path) -> None:
        draft = read_one(tmp_path, "long.txt", "word " * 200)
        assert draft.title is None

    def test_defaults_fill_what_the_file_lacks_and_only_that(self, tmp_path: Path) -> None:
        defaults = Defaults(
            published=date(2020, 1, 1), source="AFP", url="u", country="Afghanistan"
        )
        with_header = read_one(tmp_path, "a.txt", "date 2021-08-24 T\nBody.", defaults)
        without = read_one(tmp_path, "b.txt", "Body.", defaults)
        assert with_header.published == date(2021, 8, 24)
        assert without.published == date(2020, 1, 1)
        assert (without.source, without.url, without.country) == ("AFP", "u", "Afghanistan")

    def test_seed_article_header_gives_date_and_title_and_is_no_sentence(self) -> None:
        with as_file(files("coder.seeds").joinpath("panjshir-2021-08-24.txt")) as seed:
            draft = read_one_path(seed)
            first_line = seed.read_text("utf-8").splitlines()[0]
        assert draft.published == date(2021, 8, 24)
        assert draft.title == first_line.strip().removeprefix("date 2021-08-24 ")
        assert "date 2021" not in draft.text
        start, end = split_sentences(draft.text)[0]
        assert draft.text[start:end].startswith("Anti-Taliban forces fire")


def read_one_path(path: Path) -> DocumentDraft:
    drafts = read_documents(path, NO_DEFAULTS)
    assert len(drafts) == 1
    return drafts[0]


class TestJsonl:
    def test_rows_become_drafts_with_their_line_as_origin(self, tmp_path: Path) -> None:
        content = (
            '{"id": "N001", "text": " Clashes in Rukha. ", "published": "2021-09-06",'
            ' "source": "AFP", "url": "https://example.org/a", "country": "Afghanistan",'
            ' "title": "Clashes", "events": []}\n'
            "\n"
            '{"id": 7, "text": "Second\u2028document.", "published": null}\n'
        )
        path = write(tmp_path, "docs.jsonl", content)
        first, second = read_documents(path, NO_DEFAULTS)
        assert first == DocumentDraft(
            text=" Clashes in Rukha. ", title="Clashes", published=date(2021, 9, 6),
            source="AFP", url="https://example.org/a", country="Afghanistan",
            origin=f"{path}:1", external_id="N001",
        )  # fmt: skip
        assert (second.external_id, second.origin) == ("7", f"{path}:3")
        assert second.text == "Second\u2028document."  # U+2028 is not a line break in JSONL

    def test_defaults_fill_missing_and_null_fields_only(self, tmp_path: Path) -> None:
        defaults = Defaults(published=date(2020, 1, 1), source="AFP", url="u", country="Iraq")
        content = (
            '{"text": "a", "source": null}\n'
            '{"text": "b", "published": "2021-08-24", "source": "BBC", "country": "Syria"}\n'
        )
        first, second = read_documents(write(tmp_path, "d.jsonl", content), defaults)
        assert (first.published, first.source, first.url, first.country) == (
            date(2020, 1, 1), "AFP", "u", "Iraq",
        )  # fmt: skip
        assert (second.published, second.source, second.url, second.country) == (
            date(2021, 8, 24), "BBC", "u", "Syria",
        )  # fmt: skip

    def test_byte_order_mark_and_crlf_are_accepted(self, tmp_path: Path) -> None:
        drafts = read_documents(
            write(tmp_path, "bom.jsonl", '\ufeff{"text": "a"}\r\n{"text": "b"}\r\n'), NO_DEFAULTS
        )
        assert [d.text for d in drafts] == ["a", "b"]

    def test_a_file_of_blank_lines_has_no_documents(self, tmp_path: Path) -> None:
        assert read_documents(write(tmp_path, "empty.jsonl", "\n  \n"), NO_DEFAULTS) == []


class TestCsv:
    def test_records_with_quoted_line_breaks_keep_their_start_line(self, tmp_path: Path) -> None:
        content = (
            "\ufeffid,text,published,extra\r\n"
            'A,"First line\r\nsecond line.",2021-08-24,x\r\n'
            "\r\n"
            "B,Plain.,,y\r\n"
        )
        path = write(tmp_path, "docs.csv", content)
        first, second = read_documents(path, Defaults(published=date(2020, 1, 1)))
        assert (first.external_id, first.text, first.published, first.origin) == (
            "A", "First line\r\nsecond line.", date(2021, 8, 24), f"{path}:2",
        )  # fmt: skip
        assert (second.external_id, second.published, second.origin) == (
            "B", date(2020, 1, 1), f"{path}:5",
        )  # fmt: skip

    def test_header_with_text_only_and_padded_names(self, tmp_path: Path) -> None:
        drafts = read_documents(write(tmp_path, "t.csv", " text \nHello.\n"), NO_DEFAULTS)
        assert [d.text for d in drafts] == ["Hello."]

    def test_a_field_longer_than_the_csv_default_limit_is_read(self, tmp_path: Path) -> None:
        long_text = "word " * 40_000  # 200 kB, above csv's default 128 KiB field limit
        drafts = read_documents(write(tmp_path, "long.csv", f'text\n"{long_text}"\n'), NO_DEFAULTS)
        assert drafts[0].text == long_text


ERRORS = [
    pytest.param("bad.jsonl", '{"text": "ok"}\n{"text": "x", "published": "2021-13-01"}\n',
                 2, "published", "'2021-13-01' is not a YYYY-MM-DD date", id="jsonl-bad-month"),
    pytest.param("d.jsonl", '{"text": "x", "published": "2021-02-30"}', 1, "published",
                 "'2021-02-30' is not a YYYY-MM-DD date", id="jsonl-no-such-day"),
    pytest.param("d.jsonl", '{"text": "x", "published": "2021-08-24T10:00"}', 1, "published",
                 "'2021-08-24T10:00' is not a YYYY-MM-DD date", id="jsonl-date-with-time"),
    pytest.param("d.jsonl", '{"text": "x", "published": "24/08/2021"}', 1, "published",
                 "'24/08/2021' is not a YYYY-MM-DD date", id="jsonl-other-layout"),
    pytest.param("d.jsonl", '{"text": "x", "published": 20210824}', 1, "published",
                 "expected a string, got 20210824", id="jsonl-date-number"),
    pytest.param("d.jsonl", '{"text": "a"}\n\n{oops\n', 3, "json",
                 "not valid JSON: Expecting property name enclosed in double quotes at column 2",
                 id="jsonl-not-json-after-blank-line"),
    pytest.param("d.jsonl", "[1, 2]\n", 1, "json", "expected a JSON object, got list",
                 id="jsonl-not-an-object"),
    pytest.param("d.jsonl", '{"id": "A"}\n', 1, "text", "is missing", id="jsonl-no-text"),
    pytest.param("d.jsonl", '{"text": "  "}\n', 1, "text", "must be a non-empty string, got '  '",
                 id="jsonl-blank-text"),
    pytest.param("d.jsonl", '{"text": 5}\n', 1, "text", "must be a non-empty string, got 5",
                 id="jsonl-text-number"),
    pytest.param("d.jsonl", '{"text": "a", "source": 3}\n', 1, "source",
                 "expected a string, got 3", id="jsonl-source-number"),
    pytest.param("d.jsonl", '{"text": "a", "id": true}\n', 1, "id", "expected a string, got True",
                 id="jsonl-id-bool"),
    pytest.param("d.jsonl", '{"text": "a \\ud800 b"}\n', 1, "text",
                 "contains an unpaired surrogate \\ud800", id="jsonl-lone-surrogate"),
    pytest.param("d.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n', 2, "encoding",
                 "not UTF-8 (byte 0xe9)", id="jsonl-latin-1"),
    pytest.param("a.txt", b"Line one.\nLine two.\n\xff\n", 3, "encoding", "not UTF-8 (byte 0xff)",
                 id="txt-not-utf8"),
    pytest.param("a.txt", "date 2021-02-30 Title\nBody.", 1, "published",
                 "'2021-02-30' is not a YYYY-MM-DD date", id="txt-header-bad-date"),
    pytest.param("a.txt", "date 21-8-24 Title\nBody.", 1, "published",
                 "'21-8-24' is not a YYYY-MM-DD date", id="txt-header-short-date"),
    pytest.param("a.txt", "", 0, "text", "the document is empty", id="txt-empty"),
    pytest.param("a.md", " \n\n", 0, "text", "the document is empty", id="md-blank"),
    pytest.param("a.txt", "date 2021-08-24 Title\n\n", 2, "text", "the document is empty",
                 id="txt-header-only"),
    pytest.param("c.csv", "id,body\n1,x\n", 1, "text", "the header has no 'text' column",
                 id="csv-no-text-column"),
    pytest.param("c.csv", "", 1, "text", "the header has no 'text' column", id="csv-empty"),
    pytest.param("c.csv", "text,published\nok,2021-08-24\nbad,2021-13-01\n", 3, "published",
                 "'2021-13-01' is not a YYYY-MM-DD date", id="csv-bad-date"),
    pytest.param("c.csv", "text,id\na,1,extra\n", 2, "row", "3 cells where the header has 2",
                 id="csv-ragged-row"),
    pytest.param("c.csv", "id,text\nA,\n", 2, "text", "is missing", id="csv-empty-text-cell"),
    pytest.param("c.csv", "text,text\na,b\n", 1, "text", "the header names this column twice",
                 id="csv-repeated-column"),
    pytest.param("c.csv", 'text\n"fine"\n"never closed\n', 3, "csv", "unexpected end of data",
                 id="csv-unterminated-quote"),
    pytest.param("c.pdf", "%PDF", 0, "path",
                 "unsupported file type '.pdf' (use .txt, .md, .jsonl or .csv)",
                 id="unsupported-suffix"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "line", "field", "reason"), ERRORS)
def test_bad_input_names_file_line_and_field(
    tmp_path: Path, name: str, content: str | bytes, line: int, field: str, reason: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError) as caught:
        read_documents(path, NO_DEFAULTS)
    assert str(caught.value) == f"{path}:{line}: {field}: {reason}"


def test_an_unreadable_file_is_input_error_at_line_0(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()  # reading a folder fails for every user, root included
    with pytest.raises(InputError) as caught:
        read_documents(folder, NO_DEFAULTS)
    assert str(caught.value).startswith(f"{folder}:0: file: cannot read: ")


class TestContentHash:
    def test_is_sha256_of_the_stripped_text(self) -> None:
        draft = DocumentDraft(" Body.\n", None, None, None, None, None, "x", None)
        assert draft.content_hash == hashlib.sha256(b"Body.").hexdigest()

    @pytest.mark.parametrize(
        ("left", "right", "same"),
        [
            ("Body.", "\n Body. \n", True),
            ("Body one.", "Body  one.", False),
            ("Body.", "body.", False),
        ],
    )
    def test_only_surrounding_whitespace_is_ignored(
        self, left: str, right: str, same: bool
    ) -> None:
        drafts = [DocumentDraft(t, None, None, None, None, None, "x", None) for t in (left, right)]
        assert (drafts[0].content_hash == drafts[1].content_hash) is same

    def test_the_same_article_as_txt_and_jsonl_has_one_hash(self, tmp_path: Path) -> None:
        txt = read_one(tmp_path, "a.txt", "date 2021-08-24 T\n\nClashes in Rukha.\n")
        jsonl = read_one(tmp_path, "a.jsonl", '{"text": "Clashes in Rukha."}')
        assert txt.content_hash == jsonl.content_hash


class TestExpandPaths:
    @pytest.fixture
    def tree(self, tmp_path: Path) -> Path:
        for name in ["b.txt", "a.md", "sub/c.jsonl", "sub/deeper/d.csv", "notes.pdf",
                     ".hidden.txt", ".git/e.txt", "sub/UPPER.TXT"]:  # fmt: skip
            write(tmp_path, name, "x")
        return tmp_path

    def test_a_folder_gives_its_supported_files_recursively_sorted(self, tree: Path) -> None:
        found = expand_paths([str(tree)])
        names = ["a.md", "b.txt", "sub/UPPER.TXT", "sub/c.jsonl", "sub/deeper/d.csv"]
        assert found == [tree / n for n in names]

    def test_a_glob_gives_supported_matches_sorted(self, tree: Path) -> None:
        assert expand_paths([str(tree / "*")]) == [tree / "a.md", tree / "b.txt"] + [
            tree / n for n in ["sub/UPPER.TXT", "sub/c.jsonl", "sub/deeper/d.csv"]
        ]
        assert expand_paths([str(tree / "**" / "*.csv")]) == [tree / "sub/deeper/d.csv"]

    def test_a_named_file_is_kept_whatever_its_suffix(self, tree: Path) -> None:
        assert expand_paths([str(tree / "notes.pdf")]) == [tree / "notes.pdf"]

    def test_order_of_arguments_is_kept_and_repeats_dropped(self, tree: Path) -> None:
        found = expand_paths([str(tree / "b.txt"), str(tree / "a.md"), str(tree)])
        assert found[:3] == [tree / "b.txt", tree / "a.md", tree / "sub/UPPER.TXT"]
        assert len(found) == len(set(found)) == 5

    def test_a_file_whose_name_looks_like_a_glob_is_read_as_named(self, tmp_path: Path) -> None:
        path = write(tmp_path, "report[1].txt", "x")
        assert expand_paths([str(path)]) == [path]

    def test_relative_paths_stay_relative_for_messages(
        self, tree: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tree)
        assert expand_paths(["sub/deeper"]) == [Path("sub/deeper/d.csv")]

    @pytest.mark.parametrize(
        ("given", "reason"),
        [
            ("missing.txt", "no such file"),
            ("*.nothing", "no such file"),
            ("empty", "no .txt, .md, .jsonl or .csv file in this folder"),
        ],
    )
    def test_a_path_that_yields_no_file_is_input_error(
        self, tmp_path: Path, given: str, reason: str
    ) -> None:
        (tmp_path / "empty").mkdir()
        target = os.path.join(tmp_path, given)
        with pytest.raises(InputError) as caught:
            expand_paths([target])
        assert str(caught.value) == f"{target}:0: path: {reason}"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Headline\n\nBody.", "Headline"),
        ("Ends with a stop.\nBody", None),
        ("Asks a question?\n\nBody.", "Asks a question?"),
        ("Said \u201cno.\u201d\n", None),
        ("(Bracketed.)\n", None),
        ("  \n", None),
    ],
)
def test_headline_is_the_first_line_without_a_final_full_stop(text: str, title: str | None) -> None:
    assert headline(text) == title

"""Read documents from plain text, Markdown, JSONL and CSV files (contracts.md 2).

Readers turn one file into `DocumentDraft` values and know nothing of the store: `cli` stores
them, with the spans of `coder.segment.split_sentences(draft.text)`, one transaction per file.
Bad input raises `InputError(path, line, field, reason)`; a file is read whole before any of
it is returned, so one bad line costs the whole file and nothing else.

- `.txt` / `.md`: one document. An optional first line `date YYYY-MM-DD Title` (leading
  spaces allowed) gives `published` and `title` and is not part of the text. Without it the
  title is the first non-empty line when that line does not end with a full stop (a headline);
  that line stays in the text. The text is the rest of the file, stripped.
- `.jsonl`: one JSON object per line with `text` (required) and optional `id`, `published`,
  `source`, `url`, `country`, `title`; other keys (such as a gold file's `events`) are ignored;
  blank lines are skipped. The text is kept verbatim.
- `.csv`: a header with at least `text`, optionally the same other columns; extra columns
  are ignored; an empty cell counts as missing. The text is kept verbatim.

A UTF-8 byte-order mark is accepted everywhere. `Defaults` fill only the fields a file lacks.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from glob import glob, has_magic
from pathlib import Path
from typing import IO, Any, Final

from coder.errors import InputError

SUFFIXES = (".txt", ".md", ".jsonl", ".csv")
OPTIONAL_FIELDS = ("id", "published", "source", "url", "country", "title")

_HEADER = re.compile(r"[^\S\n]*date[^\S\n]+(\d\S*)(?:[^\S\n]+(.*?))?\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A first line longer than this is a paragraph, not a headline.
_MAX_TITLE_CHARS = 300
# Quotes and brackets that may close a headline after its full stop: "…said.”" still ends
# with a full stop.
_CLOSERS = "\"')]»\u201d\u2019"
# csv's default cap (128 KiB per field) is below a long report's length.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class DocumentDraft:
    """One document read from a file, before it is stored."""

    text: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None
    country: str | None
    origin: str  # "path" or "path:line" it came from, for messages
    external_id: str | None  # the `id` key of a JSONL or CSV row

    @property
    def content_hash(self) -> str:
        """The dedup key: sha256 of the text with surrounding whitespace stripped."""
        return hashlib.sha256(self.text.strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Defaults:
    """Metadata from the command line, for documents whose file does not give it."""

    published: date | None = None
    source: str | None = None
    url: str | None = None
    country: str | None = None


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Turn files, directories and glob patterns into the files to read, in order, once each.

    A file named explicitly is kept whatever its suffix (`read_documents` rejects an unknown
    one with a message); directories (recursively, hidden entries skipped) and globs yield only
    `.txt`, `.md`, `.jsonl` and `.csv` files, sorted. A path or pattern that yields no file
    raises `InputError(path, 0, "path", ...)`.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        for path in _expand_one(given):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _expand_one(given: str) -> list[Path]:
    path = Path(given)
    if path.is_file():
        return [path]
    if path.is_dir():
        files = _walk(path)
        if not files:
            raise InputError(given, 0, "path", "no .txt, .md, .jsonl or .csv file in this folder")
        return files
    if has_magic(given):  # checked after exists(): "report[1].txt" may be a real name
        matches = [Path(match) for match in sorted(glob(given, recursive=True))]
        files = [f for m in matches for f in ([m] if m.is_file() else _walk(m))]
        files = [f for f in files if _supported(f)]
        if files:
            return files
    raise InputError(given, 0, "path", "no such file")


def _walk(folder: Path) -> list[Path]:
    """Supported files under a folder, sorted, skipping hidden files and folders."""
    files: list[Path] = []
    # os.walk does not follow symlinked folders, so a link loop cannot hang the walk.
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [Path(root, n) for n in names if not n.startswith(".")]
    return sorted(f for f in files if _supported(f))


def _supported(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES


def read_documents(path: Path, defaults: Defaults) -> list[DocumentDraft]:
    """Read every document of one file, or raise `InputError` for the first bad one."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        reason = f"unsupported file type {suffix or '(none)'!r} (use .txt, .md, .jsonl or .csv)"
        raise InputError(str(path), 0, "path", reason)
    content = _read_text(path)
    if suffix == ".jsonl":
        return parse_jsonl(content, str(path), defaults)
    if suffix == ".csv":
        return parse_csv(content, str(path), defaults)
    return [parse_plain(content, str(path), defaults, markdown=suffix == ".md")]


def _read_text(path: Path) -> str:
    """The file as text; InputError when it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), 0, "file", f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise InputError(str(path), line, "encoding", f"not UTF-8 (byte 0x{byte})") from exc
    if (nul := data.find(b"\x00")) >= 0:
        raise InputError(str(path), data.count(b"\n", 0, nul) + 1, "encoding", _NUL_REASON)
    return text


def parse_plain(content: str, path: str, defaults: Defaults, *, markdown: bool) -> DocumentDraft:
    """One plain-text or Markdown document, with its optional `date YYYY-MM-DD Title` line."""
    first, _, rest = content.partition("\n")
    header = _HEADER.fullmatch(first)
    if header:
        published: date | None = _parse_date(header.group(1), path, 1)
        title = header.group(2) or None
        text = rest.strip()
    else:
        published = None
        text = content.strip()
        title = headline(text, markdown=markdown)
    if not text:
        raise InputError(path, 2 if header else 0, "text", "the document is empty")
    return DocumentDraft(
        text=text,
        title=title,
        published=published or defaults.published,
        source=defaults.source,
        url=defaults.url,
        country=defaults.country,
        origin=path,
        external_id=None,
    )


def headline(text: str, *, markdown: bool = False) -> str | None:
    """The first non-empty line when it reads as a headline: no final full stop, not long.

    Closing quotes and brackets after the full stop do not hide it; in Markdown the leading
    `#` marks of a heading are dropped.
    """
    line = next((candidate.strip() for candidate in text.splitlines() if candidate.strip()), "")
    if markdown:
        line = line.lstrip("#").strip()
    if not line or len(line) > _MAX_TITLE_CHARS or line.rstrip(_CLOSERS).endswith("."):
        return None
    return line


def utf8_lines(handle: IO[bytes], path: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of a byte stream read lazily; bytes that are not UTF-8 are bad input.

    Lazy so that `coder suggest` answers each line as it arrives on a pipe.
    """
    for number, raw in enumerate(handle, 1):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            reason = f"not UTF-8 (byte {raw[exc.start]:#04x} at column {exc.start + 1})"
            raise InputError(path, number, "encoding", reason) from exc


def json_object(line: str, path: str, number: int) -> dict[str, Any]:
    """One JSONL line as an object; InputError names the file and line otherwise."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} at column {exc.colno}"
        raise InputError(path, number, "json", reason) from exc
    if not isinstance(row, dict):
        reason = f"expected a JSON object, got {type(row).__name__}"
        raise InputError(path, number, "json", reason)
    return row


def parse_jsonl(content: str, path: str, defaults: Defaults) -> list[DocumentDraft]:
    """One document per non-blank line of JSON objects."""
    drafts: list[DocumentDraft] = []
    # Split on "\n" only: str.splitlines() would also cut at U+2028, legal inside JSON strings.
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        row = json_object(line, path, number)
        drafts.append(_storable(parse_row(row, f"{path}:{number}", path, number, defaults),
                                path, number))
    return drafts


def parse_csv(content: str, path: str, defaults: Defaults) -> list[DocumentDraft]:
    """One document per CSV record after a header that names at least `text`."""
    records = _csv_records(content, path)
    header_line, raw_header = next(records, (1, []))
    header = [name.strip() for name in raw_header]
    if "text" not in header:
        raise InputError(path, header_line, "text", "the header has no 'text' column")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise InputError(path, header_line, repeated[0], "the header names this column twice")
    drafts: list[DocumentDraft] = []
    for number, cells in records:
        if len(cells) != len(header):
            reason = f"{len(cells)} cells where the header has {len(header)}"
            raise InputError(path, number, "row", reason)
        row = {name: cell for name, cell in zip(header, cells, strict=True) if cell != ""}
        drafts.append(_storable(parse_row(row, f"{path}:{number}", path, number, defaults),
                                path, number))
    return drafts


def _csv_records(content: str, path: str) -> Iterator[tuple[int, list[str]]]:
    """Non-empty CSV records with the line each one starts on."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    # newline="": quoted cells keep their line breaks, as the csv module asks.
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # named at the line where the broken record starts
            raise InputError(path, start, "csv", str(exc)) from exc
        if cells and any(cells):
            yield start, cells


def parse_row(
    row: Mapping[str, object], origin: str, path: str, line: int, defaults: Defaults
) -> DocumentDraft:
    """A JSONL object or CSV record as a draft; `text` is required, the rest optional."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = "is missing" if text is None else f"must be a non-empty string, got {text!r}"
        raise InputError(path, line, "text", reason)
    _check_encodable(text, path, line, "text")
    strings = {name: _optional_string(row, name, path, line) for name in OPTIONAL_FIELDS}
    published = strings["published"]
    return DocumentDraft(
        text=text,
        title=strings["title"],
        published=_parse_date(published, path, line) if published else defaults.published,
        source=strings["source"] or defaults.source,
        url=strings["url"] or defaults.url,
        country=strings["country"] or defaults.country,
        origin=origin,
        external_id=strings["id"],
    )


def _optional_string(row: Mapping[str, object], name: str, path: str, line: int) -> str | None:
    """A metadata value stripped, None when absent, null or blank; a JSON number id is text."""
    value = row.get(name)
    if value is None:
        return None
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(path, line, name, f"expected a string, got {value!r}")
    _check_encodable(value, path, line, name)
    return value.strip() or None


_NUL_REASON: Final = "contains a NUL character (U+0000), which PostgreSQL cannot store"


def _check_encodable(value: str, path: str, line: int, field: str) -> None:
    """JSON may escape a lone surrogate ("\\ud800"), which no database can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = f"\\u{ord(value[exc.start]):04x}"
        raise InputError(path, line, field, f"contains an unpaired surrogate {char}") from exc


def _storable(draft: DocumentDraft, path: str, line: int) -> DocumentDraft:
    """A draft to store: JSON may escape a NUL ("\\u0000"), which PostgreSQL text cannot
    hold, so it is refused on every backend alike. (`coder suggest` stores nothing and
    answers such text.)"""
    for field in ("text", "title", "source", "url", "country", "external_id"):
        value = getattr(draft, field)
        if isinstance(value, str) and "\x00" in value:
            raise InputError(path, line, "id" if field == "external_id" else field, _NUL_REASON)
    return draft


def _parse_date(value: str, path: str, line: int) -> date:
    """A strict YYYY-MM-DD date (no times, no other layouts)."""
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(path, line, "published", f"{value!r} is not a YYYY-MM-DD date")

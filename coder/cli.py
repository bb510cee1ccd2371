"""The `coder` command line: parse options, call the library, print, choose the exit code.

Behaviour lives in the modules below; this file only translates. The single place where
errors become exit codes is `CoderGroup.invoke` (contracts.md 2: 1 = ran and found a
problem, 2 = bad usage or bad input).
"""

from __future__ import annotations

import getpass
import io
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
from click._termui_impl import ProgressBar
from rich.console import Console
from rich.table import Table

from coder.config import DEFAULT_URL
from coder.engine.evaluate import SCORED_FIELDS, Fix, Report
from coder.errors import InputError, StoreError
from coder.ingest import Defaults, expand_paths, utf8_lines
from coder.schema.events import parse_iso_date
from coder.schema.statuses import EVENT_STATUSES, EXPORTED_STATUSES

if TYPE_CHECKING:
    from coder import coding_store
    from coder.export import InterStyle, Layout
    from coder.importer import Format
    from coder.store import Store
    from coder.suggesting import GoldLine
    from coder.team import Agreement

# Each command imports the layers it runs inside its body: the engine (coder.engine.*,
# coder.suggesting, coder.session; 0.3 s), which `export`, `import`, `stats` and `db` never
# need, and the store (SQLAlchemy and the modules on it; 0.35 s), which `coder suggest` and
# `coder eval` without --db never open.

F = TypeVar("F", bound=Callable[..., Any])


class BadInput(click.ClickException):
    """Bad input or a store that cannot serve: one stderr line, exit 2."""

    exit_code = 2


class CoderGroup(click.Group):
    """A group that turns our library errors into click's, so no bad input shows a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (InputError, StoreError) as exc:
            raise BadInput(str(exc)) from exc


def db_option(func: F) -> F:
    """`--db URL` on every command (contracts.md 2)."""
    return click.option(
        "--db", "db_url", envvar="CODER_DB", default=DEFAULT_URL, show_default=True,
        help="SQLAlchemy URL of the store (sqlite:///file.db or postgresql+psycopg://...); "
             "also CODER_DB.",
    )(func)


def open_store(url: str) -> Store:
    """The store at `url` (Store.open: migrated when it is the default or empty)."""
    from coder.store import Store

    return Store.open(url)


def say(message: str) -> None:
    """Messages go to stderr so stdout carries only data."""
    click.echo(message, err=True)


@click.group(cls=CoderGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="acled-coder")
def cli() -> None:
    """Turn news articles into an ACLED-style conflict-event dataset.

    \b
        coder ingest seeds/panjshir-2021-08-24.txt
        coder code
        coder export -o events.csv
    """


# --- coder db ---------------------------------------------------------------------------------


@cli.group(cls=CoderGroup)
def db() -> None:
    """Schema migrations of the store (Alembic).

    \b
        coder db upgrade
        coder db current --db postgresql+psycopg://coder@localhost/acled
    """


@db.command("upgrade")
@db_option
@click.argument("revision", default="head")
def db_upgrade(db_url: str, revision: str) -> None:
    """Upgrade the store to REVISION (default: head); an empty database gets the schema.

    \b
        coder db upgrade
        coder db upgrade 0001_initial --db sqlite:///team.db
    """
    from coder import migrate
    from coder.store import Store, create_db_engine

    engine = create_db_engine(db_url)
    migrate.upgrade(engine, revision)
    say(f"database at revision {Store(engine).revision()}")


@db.command("downgrade")
@db_option
@click.argument("revision")
def db_downgrade(db_url: str, revision: str) -> None:
    """Downgrade the store to REVISION ("base" removes every table).

    \b
        coder db downgrade base
    """
    from coder import migrate
    from coder.store import Store, create_db_engine

    engine = create_db_engine(db_url)
    migrate.downgrade(engine, revision)
    say(f"database at revision {Store(engine).revision() or 'base'}")


@db.command("current")
@db_option
def db_current(db_url: str) -> None:
    """Print the revision the store is at ("base" for an empty database).

    \b
        coder db current
    """
    from coder import migrate
    from coder.store import Store, create_db_engine

    current = Store(create_db_engine(db_url)).revision()
    head = migrate.head_revision()
    click.echo(f"{current or 'base'}{' (head)' if current == head else ''}")


@db.command("history")
def db_history() -> None:
    """List the schema revisions this coder knows, newest first.

    \b
        coder db history
    """
    from coder import migrate

    for revision in migrate.revisions():
        click.echo(f"{revision.revision}  {revision.doc}")


# --- coder import / export / stats ------------------------------------------------------------


@cli.command("import")
@db_option
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["acled", "jsonl"]), default=None,
              help="acled (CSV, any ACLED layout) or jsonl; default: jsonl for a .jsonl "
                   "file, else acled.")
def import_(db_url: str, path: Path, fmt: Format | None) -> None:
    """Load an ACLED export (or `coder export` JSONL) as imported reference events.

    Rows are keyed by event_id_cnty: importing a revised row updates the event and records
    the change. A bad row stops the import (FILE:LINE: column: reason, exit 2) and nothing
    of that file is kept.

    \b
        coder import acled-2020.csv
        coder import events.jsonl --format jsonl
    """
    from coder.importer import import_file

    store = open_store(db_url)
    with _progress(path.stat().st_size, "import") as bar:
        result = import_file(store, path, fmt, warn=say, progress=bar.update)
    say(f"{path}: {result.rows} rows: {result.added} added, {result.revised} revised, "
        f"{result.unchanged} unchanged")


def _progress(length: int, label: str) -> ProgressBar[int]:
    # On stderr, and hidden off a terminal: click would still print the label there.
    return click.progressbar(length=length, label=label, file=sys.stderr,
                             hidden=not sys.stderr.isatty())


def _iso_date_option(_ctx: click.Context, _param: click.Parameter,
                     value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def comma_list(*values: str) -> tuple[str, ...]:
    """The names of options given as comma lists (and repeated), stripped, each once."""
    return tuple(dict.fromkeys(n.strip() for value in values for n in value.split(",")
                               if n.strip()))


def _statuses(_ctx: click.Context, _param: click.Parameter,
              value: str) -> tuple[str, ...] | None:
    names = comma_list(value)
    if names == ("all",):
        return None
    unknown = [n for n in names if n not in EVENT_STATUSES]
    if unknown or not names:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'nothing'}: use 'all' or a comma list of "
            f"{', '.join(EVENT_STATUSES)}")
    return names


@cli.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["acled", "jsonl"]), default="acled",
              show_default=True, help="acled: ACLED CSV (RFC 4180, UTF-8); jsonl: one object "
                                      "per event with ACLED column names and status.")
@click.option("--layout", type=click.Choice(["current", "pre2023"]), default="current",
              show_default=True, help="current: the 2023+ columns; pre2023: the older 31 "
                                      "(data_id, event_id_no_cnty, iso3).")
@click.option("--inter", type=click.Choice(["numeric", "label"]), default=None,
              help="inter1/inter2/interaction as numbers or labels; default: labels in the "
                   "current layout, numbers in pre2023 and in JSONL.")
@click.option("--status", "statuses", default=",".join(EXPORTED_STATUSES), show_default=True,
              callback=_statuses, help="Comma list of statuses, or 'all'.")
@click.option("--country", "countries", multiple=True,
              help="Only these countries (repeatable, or a comma list).")
@click.option("--since", callback=_iso_date_option, help="Events on or after YYYY-MM-DD.")
@click.option("--until", callback=_iso_date_option, help="Events on or before YYYY-MM-DD.")
@click.option("--second-coders", is_flag=True,
              help="Also the events second coders confirmed on double-coded documents "
                   "(left out by default: the first coder's version is the dataset's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
def export(db_url: str, fmt: str, layout: Layout, inter: InterStyle | None,
           statuses: tuple[str, ...] | None, countries: tuple[str, ...], since: date | None,
           until: date | None, second_coders: bool, output: Path | None) -> None:
    """Write the dataset as ACLED CSV or JSONL, streaming (memory stays flat).

    \b
        coder export -o events.csv
        coder export --layout pre2023 --country Afghanistan,Pakistan --since 2021-08-01
        coder export --format jsonl --status all | jq .event_id_cnty
    """
    from coder.export import RowFormat, write_acled, write_jsonl
    from coder.store import EventFilter

    store = open_store(db_url)
    names = comma_list(*countries)
    where = EventFilter(statuses, names, since, until, second_coders)
    write: Callable[..., int] = write_jsonl if fmt == "jsonl" else write_acled
    row_format = RowFormat(layout, inter)
    with _progress(store.count_events(where), "export") as bar:
        if output is not None:
            with output.open("w", encoding="utf-8", newline="") as out:
                write(store.stream_events(where), out, row_format, bar.update)
            return
        # UTF-8 and the CRLF of RFC 4180 whatever the locale: write bytes to stdout.
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                                  newline="")
        try:
            write(store.stream_events(where), stream, row_format, bar.update)
            stream.flush()
        finally:
            stream.detach()  # leave stdout open for click (and its broken-pipe handling)


@cli.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
def stats(db_url: str, as_json: bool) -> None:
    """Progress: documents, sentences coded, events by status and by coder.

    A sentence counts as coded when a coder decided it in `coder code` (events or "no
    event", not undone) or one of its events was confirmed, adjudicated or rejected.

    \b
        coder stats
        coder stats --json | jq .events_by_status
    """
    from coder import coding_store

    store = open_store(db_url)
    found = store.stats()
    effort = coding_store.effort_by_coder(store)
    if as_json:
        click.echo(json.dumps(found.as_json() | {"effort": [e.as_json() for e in effort]},
                              indent=2))
        return
    console = Console(highlight=False)
    summary = Table(title="Progress")
    summary.add_column("")
    summary.add_column("count", justify="right")
    summary.add_row("documents", str(found.documents))
    summary.add_row("sentences", str(found.sentences))
    summary.add_row("sentences coded", str(found.sentences_coded))
    console.print(summary)
    by_status = Table(title="Events by status")
    by_status.add_column("status")
    by_status.add_column("events", justify="right")
    for status, n in found.events_by_status.items():
        by_status.add_row(status, str(n))
    console.print(by_status)
    if not found.events_by_coder:
        say("no coder has decided anything yet: start with `coder code`")
        return
    by_coder = Table(title="Events by coder")
    by_coder.add_column("coder")
    for status in EVENT_STATUSES:
        by_coder.add_column(status, justify="right")
    for name, counts in found.events_by_coder.items():
        by_coder.add_row(name, *(str(counts.get(s, 0)) for s in EVENT_STATUSES))
    console.print(by_coder)
    console.print(_effort_table(effort))


def _effort_table(effort: list[coding_store.CoderEffort]) -> Table:
    table = Table(title="Effort by coder (coder code)")
    for column in ("coder", "confirmed", "events/hour", "keys/event", "accepted unchanged",
                   "edited", "rejected"):
        table.add_column(column, justify="left" if column == "coder" else "right")

    def number(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    for row in effort:
        table.add_row(row.coder, str(row.confirmed), number(row.events_per_hour, ".1f"),
                      number(row.keystrokes_per_event, ".1f"),
                      *(number(row.share(a), ".0%")
                        for a in ("accepted_unchanged", "edited", "rejected")))
    return table


# --- coder ingest / suggest / eval ------------------------------------------------------------


@cli.command()
@db_option
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_iso_date_option,
              help="Publication date YYYY-MM-DD for documents that lack one.")
@click.option("--source", help="Source (outlet) for documents that lack one.")
@click.option("--url", help="URL for documents that lack one.")
@click.option("--country", help="Country for documents that lack one.")
@click.option("--suggest/--no-suggest", "with_suggestions", default=True, show_default=True,
              help="Store the engine's suggestions so `coder code` shows them at once.")
def ingest(db_url: str, paths: tuple[str, ...], published: date | None, source: str | None,
           url: str | None, country: str | None, with_suggestions: bool) -> None:
    """Add documents (.txt, .md, .jsonl, .csv; files, folders, globs) and their sentences.

    The same text twice adds nothing. A bad file stops with FILE:LINE: field: message and
    exit 2; files before it stay stored, nothing of the bad file is.

    \b
        coder ingest seeds/panjshir-2021-08-24.txt
        coder ingest articles/ --source AFP --country Afghanistan
        coder ingest 'feeds/*.jsonl' --published 2021-09-06
    """
    from coder.engine.knowledge import load_knowledge
    from coder.intake import ingest_files
    from coder.session import counted

    files = expand_paths(paths)
    store = open_store(db_url)
    knowledge = load_knowledge(store, notify=say) if with_suggestions else None
    defaults = Defaults(published=published, source=source, url=url, country=country)
    with _progress(len(files), "ingest") as bar:
        totals = ingest_files(store, files, defaults, knowledge, bar.update)
    say(f"{counted(totals.documents, 'document')} added ({counted(totals.sentences, 'sentence')}, "
        f"{counted(totals.suggestions, 'suggested event')}); {totals.known} already known")


@cli.command()
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False),
              help="Read JSONL from this file instead of stdin.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes to spread large inputs over; output keeps input order.")
@click.option("--db", "db_url", envvar="CODER_DB", default=None,
              help="Also learn actors and places from this store's imported and confirmed "
                   "events (default: CODER_DB; seeds only when unset).")
def suggest(input_path: str | None, workers: int, db_url: str | None) -> None:
    """Suggest events for JSONL documents: one JSON object in, one out, same order.

    \b
        echo '{"id": "N1", "text": "Gunmen killed 3 villagers in Gwoza on Sunday.",
               "published": "2021-09-06", "country": "Nigeria"}' | coder suggest
        coder suggest --input news.jsonl --workers 2 > suggestions.jsonl
    """
    from coder.engine.knowledge import load_knowledge
    from coder.suggesting import answer_stream, parse_request

    knowledge = load_knowledge(open_store(db_url) if db_url else None, notify=say)
    name = input_path or "<stdin>"
    with click.open_file(input_path or "-", "rb") as handle:
        requests = (parse_request(line, name, n)
                    for n, line in utf8_lines(handle, name) if line.strip())
        for line in answer_stream(requests, knowledge, workers):
            click.echo(line)


@cli.command("eval")
@click.argument("gold_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of a table.")
@click.option("--min", "minimums", multiple=True, metavar="FIELD=VALUE",
              help="Exit 1 when FIELD (a column, precision, recall, no_event) is below VALUE; "
                   "fields_to_fix=VALUE exits 1 when above. Repeatable.")
@click.option("--fixes", "fixes_path", type=click.Path(dir_okay=False, writable=True),
              default=None, metavar="FILE",
              help="Write what the coder would fix, one JSON line per gold line that costs "
                   "any fix, to FILE ('-': stdout, and the report goes to stderr).")
@click.option("--db", "db_url", envvar="CODER_DB", default=None,
              help="Learn from this store's reference events too (default: seeds only).")
def eval_(gold_path: str, as_json: bool, minimums: tuple[str, ...], fixes_path: str | None,
          db_url: str | None) -> None:
    """Score the engine on a gold file: per-field accuracy, precision, recall, fixes per event.

    \b
        coder eval seeds/examples/gold-news.jsonl
        coder eval gold.jsonl --json --min event_type=0.85 --min fields_to_fix=1.5
        coder eval gold.jsonl --fixes fixes.jsonl   # which field of which line costs a fix
    """
    from coder.engine.knowledge import load_knowledge
    from coder.suggesting import evaluate_gold, read_gold

    limits = [_parse_minimum(m) for m in minimums]
    with open(gold_path, "rb") as handle:
        gold = read_gold((line for _n, line in utf8_lines(handle, gold_path)), gold_path)
    knowledge = load_knowledge(open_store(db_url) if db_url else None, notify=say)
    out = sys.stderr if fixes_path == "-" else sys.stdout
    with click.open_file(fixes_path or os.devnull, "w", encoding="utf-8") as fixes_file, \
            _progress(len(gold), "eval") as bar:
        report = evaluate_gold(gold, knowledge, bar.update,
                               lambda line, fixes: _write_fixes(fixes_file, line, fixes))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2), file=out)
    else:
        render_report(report, out)
    failed = [f"{name} {report.metric(name)} {'>' if name == 'fields_to_fix' else '<'} {value}"
              for name, value in limits if _fails(report, name, value)]
    if failed:
        raise click.ClickException("below target: " + "; ".join(failed))


def _write_fixes(out: IO[str], line: GoldLine, fixes: list[Fix]) -> None:
    """One gold line's fixes as a JSON line (`coder eval --fixes`); nothing when it costs none."""
    from coder.suggesting import fixes_row

    if fixes:
        out.write(json.dumps(fixes_row(line, fixes), ensure_ascii=False, default=str) + "\n")
        out.flush()  # a reader of a pipe sees each line as it is scored


def render_report(report: Report, out: IO[str] | None = None) -> None:
    """The eval report as two tables on `out` (stdout by default)."""
    console = Console(file=out or sys.stdout, width=100)
    summary = Table(title="events", show_header=False)
    for label, value in (
        ("gold lines", str(report.lines)),
        ("gold events / suggested / matched",
         f"{report.gold_events} / {report.suggested_events} / {report.matched}"),
        ("precision", f"{report.precision:.3f}"),
        ("recall", f"{report.recall:.3f}"),
        ("no-event sentences left empty",
         "-" if report.no_event_left_empty is None else f"{report.no_event_left_empty:.3f}"),
        ("fields to fix per event", f"{report.fields_to_fix:.2f}"),
    ):
        summary.add_row(label, value)
    console.print(summary)
    fields = Table(title="field accuracy over gold events")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    fields.add_column("gold events", justify="right")
    fields.add_column("fixes", justify="right")
    for name in SCORED_FIELDS:
        accuracy = report.accuracy(name)
        if accuracy is not None:
            fields.add_row(name, f"{accuracy:.3f}", str(report.scored[name]),
                           str(report.fixes_by_field.get(name, 0)))
    fields.add_row("(rejections)", "", "", str(report.fixes_by_field.get("rejection", 0)))
    console.print(fields)


def _parse_minimum(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    try:
        Report().metric(name)
        return name, float(value)
    except (KeyError, ValueError):
        raise click.BadParameter(f"{text!r} is not FIELD=NUMBER", param_hint="--min") from None


def _fails(report: Report, name: str, value: float) -> bool:
    found = report.metric(name)
    if found is None:
        return False
    return found > value if name == "fields_to_fix" else found < value


# --- coder code ---------------------------------------------------------------------------------


def _default_coder() -> str:
    return os.environ.get("CODER_NAME") or getpass.getuser()


@cli.command("code")
@db_option
@click.option("--document", "document_id", type=int, help="Code only this document (its id).")
@click.option("--source", help="Code only documents from this source.")
@click.option("--coder", "coder_name", default=_default_coder, show_default="CODER_NAME or "
              "the login name", help="Who is coding: every decision is stored with it.")
def code(db_url: str, document_id: int | None, source: str | None, coder_name: str) -> None:
    """The interactive coding session: keyboard only, resumable, nothing lost.

    Opens at the first sentence you have not coded; every answer is saved before the next
    screen is drawn, so quitting (q) or losing the terminal costs nothing. `?` shows the keys.
    A coder with documents assigned (`coder assign`) works through those only.

    \b
        coder code
        coder code --coder ana --source AFP
    """
    from coder import coding_store

    store = open_store(db_url)
    if not coding_store.has_documents(store):
        raise click.ClickException(
            "no documents to code: ingest some first, e.g. "
            "`coder ingest seeds/panjshir-2021-08-24.txt`")
    # Imported here: team work is the session's layer, above the store.
    from coder import team

    name = coder_name.strip() or _default_coder()
    cid = coding_store.coder_id(store, name)
    assigned = team.has_assignments(store, cid)
    queue = coding_store.Queue(document_id, source, cid if assigned else None)
    if coding_store.queue_size(store, queue) == 0:
        raise BadInput(f"no sentences match --document {document_id} --source {source}"
                       + (f" among the documents assigned to {name}" if assigned else ""))
    # Imported here: textual is heavy and only this command draws a screen.
    from coder import tui
    from coder.engine.knowledge import load_knowledge

    tui.run(store, name, queue, lambda: load_knowledge(store))


@cli.command("train")
@db_option
def train(db_url: str) -> None:
    """Refit the learned sub-event-type model from confirmed and imported events.

    Reads every confirmed, adjudicated and imported event's text (the sentence it was
    confirmed on, else its notes without the answer tags), fits the model and stores it in
    the database, so every coder of a shared store loads it. Prints what it learned from and
    a cross-validated accuracy on those texts. Between runs, the engine counts events
    confirmed since the last `coder train` in as it loads (up to 5,000 of them).

    \b
        coder import acled-export.csv && coder train
        coder train --db postgresql+psycopg://team@db.example/coder
    """
    # Imported here: only this command fits a model.
    from coder.engine.taught import training_state
    from coder.session import counted
    from coder.training import FOLDS, newest_text
    from coder.training import train as fit_model

    store = open_store(db_url)
    with _progress(training_state(store).events, "train") as bar:
        result = fit_model(store, bar.update)
    if result is None:
        raise click.ClickException(
            "nothing to train from: import ACLED events (`coder import FILE`) or confirm "
            "some in `coder code` first")
    say(f"trained the sub-event model on {counted(result.texts, 'text')} of "
        f"{counted(result.trained.events, 'reference event')} (newest update "
        f"{newest_text(result.trained.newest)}); {result.ngrams} n-grams; "
        f"{result.seconds:.1f} s")
    for event_type, n in result.by_event_type().most_common():
        say(f"  {event_type}: {n}")
    if result.cv_accuracy is None:
        say("too few texts for a cross-validated accuracy (at least 50 needed)")
    else:
        sub, kind = result.cv_accuracy
        say(f"cross-validated on {counted(result.cv_texts, 'text')} ({FOLDS} folds): "
            f"sub_event_type {sub:.3f}, event_type {kind:.3f}")


# --- team work ----------------------------------------------------------------------------------


def _coder_list(_ctx: click.Context, _param: click.Parameter, value: str | None
                ) -> tuple[str, ...]:
    return comma_list(value or "")


@cli.command("assign")
@db_option
@click.option("--coders", callback=_coder_list, metavar="NAME,NAME,...",
              help="Share the documents not yet assigned among these coders.")
@click.option("--double", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Share of sentences to double-code: their documents get a second, blind "
                   "coder (for `coder agree`).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the draw of double-coded documents (same seed, same draw).")
@click.option("--source", help="Only documents from this source.")
@click.option("--json", "as_json", is_flag=True, help="The coders' loads as JSON.")
def assign_command(db_url: str, coders: tuple[str, ...], double: float, seed: int,
                   source: str | None, as_json: bool) -> None:
    """Team work: who codes which document, and which share is double-coded.

    Every document not yet assigned goes to the coder with the fewest sentences; documents
    drawn at random get a second coder until about --double of the sentences are coded
    twice. Run it again after ingesting more: only the new documents are assigned. Then
    each coder runs `coder code --coder NAME` and sees their documents only. Without
    --coders, shows who holds what.

    \b
        coder assign --coders ana,ben,chen --double 0.1
        coder assign
    """
    from coder import team

    store = open_store(db_url)
    if coders:
        try:
            added = team.assign(store, coders, double, seed, source)
        except ValueError as exc:
            raise BadInput(f"--coders / --double: {exc}") from exc
        second = [a for a in added if a.second_coder]
        say(f"assigned {len(added) - len(second)} documents to {len(coders)} coders"
            + (f"; {len(second)} of them double-coded" if double else ""))
    found = team.loads(store)
    if as_json:
        click.echo(json.dumps([row.as_json() for row in found], indent=2))
        return
    if not found:
        say("no documents are assigned yet: `coder assign --coders NAME,NAME --double 0.1`")
        return
    table = Table(title="Assignments")
    for column in ("coder", "documents", "sentences", "second coder of", "their sentences",
                   "coded"):
        table.add_column(column, justify="left" if column == "coder" else "right")
    for row in found:
        table.add_row(row.coder, str(row.documents), str(row.sentences),
                      str(row.second_documents), str(row.second_sentences), str(row.coded))
    Console(highlight=False).print(table)


@cli.command("agree")
@db_option
@click.option("--coders", callback=_coder_list, metavar="NAME,NAME,...",
              help="Compare only these coders (default: everyone).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
def agree(db_url: str, coders: tuple[str, ...], as_json: bool) -> None:
    """Inter-coder agreement on the sentences two coders (or more) both decided.

    Per coder pair: sentences both decided, events each confirmed, events matched (as
    `coder eval` matches), event F1, and Krippendorff's alpha on "was there an event".
    Per field, over matched event pairs: percent agreement and Krippendorff's alpha
    (nominal). Exits 1 when no sentence was decided by two of the coders.

    \b
        coder agree
        coder agree --coders ana,ben --json | jq .fields.sub_event_type
    """
    from coder import team

    store = open_store(db_url)
    found = team.agreement(team.double_coded(store, coders).values())
    if as_json:
        click.echo(json.dumps(found.as_json(), indent=2))
    elif found.sentences:
        _print_agreement(found)
    if found.sentences == 0:
        say("no sentence was decided by two coders yet: `coder assign --coders A,B "
            "--double 0.1`, then each runs `coder code --coder NAME`")
        sys.exit(1)


@cli.command("adjudicate")
@db_option
@click.option("--coders", callback=_coder_list, metavar="NAME,NAME,...",
              help="Only sentences these coders both decided (default: any two).")
@click.option("--coder", "adjudicator", default=_default_coder, show_default="CODER_NAME or "
              "the login name", help="Who adjudicates: the settled events are theirs.")
def adjudicate(db_url: str, coders: tuple[str, ...], adjudicator: str) -> None:
    """Interactive: settle each double-coded sentence whose coders disagree.

    Shows the versions side by side with the differing fields marked; 1-9 takes that
    coder's version, e edits one event starting from the first version, n settles "no
    event". Settled events are stored as `adjudicated` and replace the coders' versions in
    `coder export`. Each settlement is committed at once: quit (q) at any time.

    \b
        coder adjudicate --coder lead
        coder adjudicate --coders ana,ben
    """
    from coder import team

    store = open_store(db_url)
    pending = team.disagreements(store, coders)
    if not pending:
        say("no disagreements to settle: every sentence two coders decided agrees or is "
            "settled (`coder agree` shows the numbers)")
        return
    from coder import adjudication_tui
    from coder.engine.knowledge import load_knowledge

    adjudication_tui.run(store, adjudicator.strip() or _default_coder(), pending,
                         lambda: load_knowledge(store))


def _print_agreement(found: Agreement) -> None:
    def number(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    console = Console(highlight=False)
    pairs = Table(title=f"Agreement by coder pair ({found.sentences} sentences)")
    for column in ("coders", "sentences", "events", "matched", "event F1", "presence alpha"):
        pairs.add_column(column, justify="left" if column == "coders" else "right")
    for p in found.pairs:
        pairs.add_row(" / ".join(p.coders), str(p.sentences), f"{p.events[0]} / {p.events[1]}",
                      str(p.matched), number(p.event_f1), number(p.presence_alpha))
    console.print(pairs)
    fields = Table(title="Agreement by field (matched events)")
    for column in ("field", "pairs", "agreement", "alpha"):
        fields.add_column(column, justify="left" if column == "field" else "right")
    for f in found.fields:
        fields.add_row(f.field, str(f.pairs), number(f.agreement), number(f.alpha))
    console.print(fields)


def main() -> None:
    """Entry point for `python -m coder`."""
    cli(prog_name="coder")


if __name__ == "__main__":  # pragma: no cover
    main()  # click exits with the command's code itself

"""`coder code` on the terminal: a textual App, a thin adapter over session.py.

Why textual (not prompt_toolkit): the screen is several live panels (context, rows, detail,
codebook) plus modal forms with completion, and textual gives those as widgets with CSS
layout, a suggester protocol for inline completion, modal screens, worker threads for
loading knowledge, and an in-process test pilot that presses real keys against the real
App, so the tests drive exactly what a coder drives.

Each key is handled synchronously: a decision is written (one transaction, coding_store)
before the handler returns, so the screen that shows its result is drawn after the commit;
a killed process loses at most the form being typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from coder import coding_store as cs
from coder.engine.gazetteer import Place
from coder.engine.pipeline import Knowledge
from coder.schema import codebook
from coder.schema.events import EventFields
from coder.session import (
    FORM_FIELDS,
    HELP,
    LEGEND,
    Command,
    EffortMeter,
    FormResult,
    View,
    acceptance_problems,
    actor_choices,
    codebook_note,
    command_for,
    complete,
    counted,
    field_notes,
    form_values,
    highlights,
    is_unsure,
    marked_no_event,
    moves_on,
    new_event,
    parse_date_text,
    parse_form,
    parse_goto,
    place_label,
    place_values,
    sub_event_choices,
    summary,
)
from coder.store import Store

KnowledgeLoader = Callable[[], Knowledge]

_HIGHLIGHT_STYLE: dict[str, str] = {
    "actor": "bold yellow", "place": "bold green", "date": "bold cyan",
    "number": "bold magenta", "cue": "bold red underline",
}


# --- the form's input with completion -------------------------------------------------------


class ChoiceSuggester(Suggester):
    """Inline completion from a list that may change while the form is open."""

    def __init__(self, choices: Callable[[], Sequence[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._choices = choices

    async def get_suggestion(self, value: str) -> str | None:
        """The first choice starting with what was typed."""
        return complete(value, self._choices())


class FieldInput(Input):
    """An input of the edit form: Tab takes the grey completion, then leaves the field."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("tab", "leave", show=False)]

    def __init__(self, name: str, value: str, suggester: Suggester | None,
                 on_leave: Callable[[FieldInput], None]) -> None:
        super().__init__(value=value, suggester=suggester, id=f"f-{name}")
        self.field = name
        self._leave_hook = on_leave

    def action_leave(self) -> None:
        """Accept a shown completion, let the form react (fill, look up), move on."""
        if self.cursor_at_end:
            self.action_cursor_right()
        self._leave_hook(self)


class EventForm(ModalScreen[None]):
    """The edit form: every field with completion, codebook definitions beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", show=False),
        Binding("ctrl+s", "save", "save", show=False),
    ]
    DEFAULT_CSS = """
    EventForm { align: center middle; }
    #form-box { width: 100%; height: 100%; border: thick $accent; background: $surface; }
    #form-fields { width: 2fr; }
    #form-side { width: 1fr; padding: 0 1; }
    .field-row { height: 1; }
    .field-label { width: 18; }
    FieldInput, FieldInput:focus { height: 1; border: none; padding: 0; width: 1fr; }
    FieldInput:focus { background: $boost; }
    .field-error { color: $error; height: auto; padding-left: 18; display: none; }
    #places { height: auto; max-height: 8; display: none; }
    """

    def __init__(self, title: str, base: EventFields, published: date | None,
                 sentence: str, save: Callable[[EventFields], None],
                 knowledge: Callable[[], Knowledge | None],
                 errors: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._title = title
        self._base = base
        self._published = published
        self._sentence = sentence
        self._save = save
        self._knowledge = knowledge
        self._errors = dict(errors or {})
        self._looked_up = base.location or ""
        self._actors: dict[str, int] | None = None
        self._places: list[Place] = []

    # -- layout

    def compose(self) -> ComposeResult:
        values = form_values(self._base)
        with Vertical(id="form-box"):
            yield Static(Text(self._title, style="bold"), id="form-title")
            yield Static(Text(self._sentence, style="italic"), id="form-sentence")
            with Horizontal():
                with VerticalScroll(id="form-fields"):
                    for name in FORM_FIELDS:
                        with Horizontal(classes="field-row"):
                            yield Label(name, classes="field-label")
                            yield FieldInput(name, values[name], self._suggester(name),
                                             self._left)
                        yield Label("", id=f"e-{name}", classes="field-error")
                        if name == "location":
                            yield OptionList(id="places")
                yield Static(id="form-side")
            yield Static("Tab next field (takes the completion) · Shift+Tab back · "
                         "Enter or Ctrl+S save · Esc cancel", id="form-legend")

    def on_mount(self) -> None:
        self._show_errors(self._errors)
        self._update_side()
        first = next((n for n in FORM_FIELDS if n in self._errors), "event_date")
        self.field_input(first).focus()

    def field_input(self, name: str) -> FieldInput:
        """The form's input for a field."""
        return self.query_one(f"#f-{name}", FieldInput)

    def _value(self, name: str) -> str:
        # Suggesters may run while the form is still being built.
        found = self.query(f"#f-{name}")
        return found.first(FieldInput).value if found else ""

    def values(self) -> dict[str, str]:
        """The form's current text, by field."""
        return {name: self.field_input(name).value for name in FORM_FIELDS}

    # -- completion

    def _suggester(self, name: str) -> Suggester | None:
        choices: dict[str, Callable[[], Sequence[str]]] = {
            "event_type": lambda: tuple(codebook.EVENT_TYPES),
            "sub_event_type": lambda: sub_event_choices(self._value("event_type")),
            "actor1": self._actor_names, "actor2": self._actor_names,
            "assoc_actor_1": self._actor_names, "assoc_actor_2": self._actor_names,
            "inter1": lambda: tuple(codebook.INTER_LABELS.values()),
            "inter2": lambda: tuple(codebook.INTER_LABELS.values()),
            "civilian_targeting": lambda: codebook.CIVILIAN_TARGETING_VALUES,
            "source_scale": lambda: codebook.SOURCE_SCALES,
        }
        found = choices.get(name)
        return ChoiceSuggester(found) if found is not None else None

    def _actor_table(self) -> dict[str, int]:
        knowledge = self._knowledge()
        if knowledge is None:
            return {}
        if self._actors is None:
            country = self._value("country").strip() or None
            when: date | None
            try:
                when = parse_date_text(self._value("event_date"), self._published).event_date
            except ValueError:
                when = self._published
            self._actors = actor_choices(knowledge.actors, when, country)
        return self._actors

    def _actor_names(self) -> Sequence[str]:
        return tuple(self._actor_table())

    # -- reacting to a field left with Tab

    def _left(self, widget: FieldInput) -> None:
        name = widget.field
        if name in ("actor1", "actor2"):
            inter = self._actor_table().get(widget.value.strip())
            if inter is not None:
                self.field_input("inter1" if name == "actor1" else "inter2").value = str(inter)
        elif name == "event_date":
            self._resolve_date(widget)
        elif name in ("country",):
            self._actors = None
        elif name == "location" and self._offer_places(widget.value.strip()):
            return
        if name in ("event_type", "sub_event_type"):
            self._update_side()
        self.focus_next()

    def _resolve_date(self, widget: FieldInput) -> None:
        text = widget.value.strip()
        if not text:
            return
        try:
            parsed = parse_date_text(text, self._published)
        except ValueError as exc:
            self._show_errors({"event_date": str(exc)})
            return
        widget.value = parsed.event_date.isoformat()
        if parsed.time_precision is not None:
            self.field_input("time_precision").value = str(parsed.time_precision)
        self._actors = None  # state forces are named for the regime on the day
        self._show_errors({})

    def _offer_places(self, name: str) -> bool:
        knowledge = self._knowledge()
        if not name or name == self._looked_up or knowledge is None:
            return False
        self._looked_up = name
        country = self.field_input("country").value.strip() or None
        places = knowledge.gazetteer.lookup(name, country, limit=10)
        if not places and country is not None:
            places = knowledge.gazetteer.lookup(name, None, limit=10)
        if not places:
            self._show_errors({"location": f"{name!r} is not in the gazetteer: fill admin1-3, "
                                           "coordinates and geo_precision by hand"})
            return False
        listing = self.query_one("#places", OptionList)
        listing.clear_options()
        listing.add_options([Option(place_label(p), id=str(i)) for i, p in enumerate(places)])
        self._places = places
        listing.display = True
        listing.highlighted = 0
        listing.focus()
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A gazetteer place chosen: it fills location, admin1-3, coordinates, precision."""
        event.stop()
        place = self._places[int(event.option.id or 0)]
        for name, value in place_values(place).items():
            self.field_input(name).value = value
        self._looked_up = place.location
        self._close_places()
        self.field_input("fatalities").focus()

    def _close_places(self) -> None:
        self.query_one("#places", OptionList).display = False

    def _update_side(self) -> None:
        note = codebook_note(self.field_input("event_type").value.strip() or None,
                             self.field_input("sub_event_type").value.strip() or None)
        self.query_one("#form-side", Static).update(note)

    # -- saving

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field saves the form."""
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Validate; refuse in place with the reasons, or save and close."""
        result: FormResult = parse_form(self.values(), self._base, self._published)
        if result.event is None:
            self._show_errors(result.errors)
            first = next((n for n in FORM_FIELDS if n in result.errors), None)
            if first is not None:
                self.field_input(first).focus()
            return
        self._save(result.event)  # committed before the form closes
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape: close the gazetteer list if open, else leave the form unsaved."""
        listing = self.query_one("#places", OptionList)
        if listing.display:
            self._close_places()
            self.field_input("location").focus()
            return
        self.dismiss(None)

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        for name in FORM_FIELDS:
            label = self.query_one(f"#e-{name}", Label)
            label.update(errors.get(name, ""))
            label.display = name in errors
        other = {k: v for k, v in errors.items() if k not in FORM_FIELDS}
        title = self._title + ("  —  " + "; ".join(f"{k}: {v}" for k, v in other.items())
                               if other else "")
        self.query_one("#form-title", Static).update(Text(title, style="bold"))


# --- small modal prompts --------------------------------------------------------------------


class Prompt(ModalScreen[None]):
    """One line of text: Enter gives it to `done`; Ctrl+F gives it to `flag` if set."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("ctrl+f", "flag", show=False),
    ]
    DEFAULT_CSS = """
    Prompt { align: center middle; }
    #prompt-box { width: 80%; height: auto; border: thick $accent; background: $surface; }
    """

    def __init__(self, title: str, done: Callable[[str], None],
                 flag: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._title = title
        self._done = done
        self._flag = flag

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(self._title)
            yield Input(id="prompt")

    def on_mount(self) -> None:
        self.query_one("#prompt", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: hand the text over (written before the prompt closes)."""
        event.stop()
        self._done(event.value)
        self.dismiss(None)

    def action_flag(self) -> None:
        """Ctrl+F: the text flags the sentence for review."""
        if self._flag is not None:
            self._flag(self.query_one("#prompt", Input).value)
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape: nothing happens."""
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The full key help; any key closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help { width: 90; height: auto; border: thick $accent; background: $surface; padding: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(HELP, id="help")

    def on_key(self, event: events.Key) -> None:
        """Any key closes the help."""
        event.stop()
        self.dismiss(None)


# --- the main screen ------------------------------------------------------------------------


class CodingScreen(Screen[None]):
    """The sentence, its events, the selected one in full, the codebook, the key legend."""

    DEFAULT_CSS = """
    #document { height: 2; background: $boost; }
    #context { height: 9; padding: 0 1; border-bottom: solid $primary; }
    #middle { height: 1fr; }
    #left { width: 1fr; }
    #rows { height: 5; padding: 0 1; }
    #detail { height: 1fr; padding: 0 1; }
    #codebook { width: 44; height: 1fr; padding: 0 1; border-left: solid $primary; }
    #message { height: 1; color: $warning; }
    #legend { height: 1; background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="document")
        yield Static(id="context")
        with Horizontal(id="middle"):
            with Vertical(id="left"):
                yield Static(id="rows")
                yield Static(id="detail")
            yield Static(id="codebook")
        yield Static(id="message")
        yield Static(LEGEND, id="legend")

    def on_mount(self) -> None:
        """The widgets exist now: the session can draw its first sentence."""
        app = self.app
        assert isinstance(app, CodingApp)
        app.start()

    def on_key(self, event: events.Key) -> None:
        """Keys of the main screen become session commands."""
        command = command_for(event.key)
        if command is not None:
            event.stop()
            app = self.app
            assert isinstance(app, CodingApp)
            app.run_command(command)


class CodingApp(App[None]):
    """The coding session for one coder over one queue of sentences."""

    TITLE = "coder code"

    def __init__(self, store: Store, coder: str, queue: cs.Queue | None = None,
                 knowledge: Knowledge | KnowledgeLoader | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.store = store
        self.coder = coder
        self.queue = queue or cs.Queue()
        self.clock = clock
        self.knowledge: Knowledge | None = knowledge if isinstance(knowledge, Knowledge) else None
        self._loader: KnowledgeLoader | None = knowledge if callable(knowledge) else None
        self.coder_id = cs.coder_id(store, coder)
        self.total = cs.queue_size(store, self.queue)
        self.view: View | None = None
        self.meter = EffortMeter.start(clock())
        self.message = ""

    def get_default_screen(self) -> Screen[None]:
        """The coding screen is the App's base screen."""
        return CodingScreen()

    def start(self) -> None:
        """Open at the first sentence this coder has not coded (called once the screen is up)."""
        first = cs.next_uncoded(self.store, self.coder_id, self.queue)
        if first is None:
            first = cs.neighbour(self.store, 0, self.queue, 1)
            self.message = "Every sentence of this queue is coded: showing the first."
        if first is None:
            self.message = "No sentences to code: ingest documents with `coder ingest FILE`."
            self.redraw()
            return
        self.show(first, self.message)
        if self.knowledge is None and self._loader is not None:
            self._load_knowledge()

    @work(thread=True, exclusive=True)
    def _load_knowledge(self) -> None:
        # In a thread, after the first screen: completion data is not needed to start.
        assert self._loader is not None
        self.knowledge = self._loader()

    async def on_event(self, event: events.Event) -> None:
        """Every key counts towards the effort of the next decision (form keys too)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.meter = self.meter.pressed(self.clock())
        await super().on_event(event)

    # -- showing

    def show(self, sentence_id: int, message: str = "") -> None:
        """Load and draw a sentence; the effort clock starts again."""
        self.view = View.of(cs.load_sentence(self.store, sentence_id, self.coder_id))
        self.meter = EffortMeter.start(self.clock())
        self.message = message
        self.redraw()

    def redraw(self) -> None:
        screen = self.screen
        if not isinstance(screen, CodingScreen):
            screen = next(s for s in self.screen_stack if isinstance(s, CodingScreen))  # type: ignore[misc]
        view = self.view
        screen.query_one("#message", Static).update(layout=False, content=self.message)
        if view is None:
            return
        data = view.data
        done = cs.progress(self.store, self.coder_id, self.queue, self.total)
        document = data.document
        # Progress first and neither line wrapped: the panel has a fixed height (speed).
        head = Group(
            Text(f"sentence {data.index + 1} of {data.count}  ·  "
                 f"{counted(data.confirmed_in_document, 'event')} confirmed  ·  "
                 f"{counted(done.left, 'sentence')} left in queue  ·  coder {self.coder}",
                 no_wrap=True, overflow="ellipsis"),
            Text.assemble(
                (document.title or "(untitled)", "bold"), "  ·  ",
                document.source or "no source", "  ·  ",
                document.published.isoformat() if document.published else "no date",
                no_wrap=True, overflow="ellipsis"))
        screen.query_one("#document", Static).update(layout=False, content=head)
        screen.query_one("#context", Static).update(layout=False, content=self._context_text(view))
        screen.query_one("#rows", Static).update(layout=False, content=self._rows(view))
        detail = screen.query_one("#detail", Static)
        # Before the first layout the panel reports no width: take the screen's less the codebook.
        width = detail.content_size.width or self.size.width - 48
        detail.update(layout=False, content=self._detail(view, width))
        row = view.row
        note = codebook_note(row.event.fields.event_type, row.event.fields.sub_event_type) \
            if row else codebook_note(None, None)
        screen.query_one("#codebook", Static).update(layout=False, content=note)

    @staticmethod
    def _context_text(view: View) -> RenderableType:
        data = view.data
        current = Text(data.text)
        if view.row is not None:
            for mark in highlights(data.text, view.row.event.evidence):
                current.stylize(_HIGHLIGHT_STYLE[mark.kind], mark.start, mark.end)
        parts: list[RenderableType] = []
        if data.previous:
            parts.append(Text(data.previous, style="dim"))
        parts.append(current)
        if data.next:
            parts.append(Text(data.next, style="dim"))
        return Group(*parts)

    @staticmethod
    def _rows(view: View) -> RenderableType:
        if not view.rows:
            if marked_no_event(view.data):
                return Text("You marked this sentence: no event.  (u undo, n new event)")
            return Text("No suggestions.  0 no event · n new event · s skip")
        lines = Text()
        for i, row in enumerate(view.rows):
            pointer = "▶ " if i == view.selected else "  "
            state = "✓ confirmed " if row.event.status == "confirmed" else "? suggested "
            confidence = "" if row.event.confidence is None else \
                f"  [{row.event.confidence:.0%}{' low' if is_unsure(row.event) else ''}]"
            style = "reverse" if i == view.selected else ""
            lines.append(f"{pointer}{state}{summary(row.event.fields)}{confidence}\n", style)
        return lines

    @staticmethod
    def _detail(view: View, width: int) -> RenderableType:
        row = view.row
        if row is None:
            return Text("")
        notes = field_notes(row.event, row.confirmed)
        fields = row.event.fields.derived()
        shown = [c for c in codebook.CURRENT_COLUMNS if c not in ("event_id_cnty", "timestamp")]
        cells: list[Text] = []
        for name in shown:
            value = getattr(fields, name)
            text = Text.assemble((f"{name:<19}", "bold"), "—" if value is None else str(value))
            if name in ("inter1", "inter2") and isinstance(value, int):
                text.append(f" {codebook.INTER_LABELS.get(value, '')}", style="dim")
            if name in notes:
                text.append(f" ({notes[name]})", style="yellow")
            cells.append(text)
        # Two columns of plain lines, not a rich Table: measuring a table on every key cost
        # more than the whole database round trip (bench/bench_session.py).
        half = (len(cells) + 1) // 2
        out = Text("selected event" + ("  (engine unsure: low confidence)"
                                       if is_unsure(row.event) else ""), style="bold underline",
                   no_wrap=True, overflow="ellipsis")
        column = max((width - 2) // 2, 30)
        for left, right in zip(cells[:half], [*cells[half:], Text("")], strict=True):
            left.truncate(column, overflow="ellipsis", pad=True)
            right.truncate(column, overflow="ellipsis")
            out.append("\n")
            out.append_text(left)
            out.append("  ")
            out.append_text(right)
        return out

    # -- commands

    def effort(self) -> cs.Effort:
        """What the decision being made now cost."""
        return self.meter.effort(self.clock())

    def run_command(self, command: Command) -> None:
        """Carry out a key's command; writes are committed before this returns."""
        handlers: dict[Command, Callable[[], None]] = {
            Command.ACCEPT: self.accept, Command.ACCEPT_ALL: self.accept_all,
            Command.EDIT: self.edit, Command.NEW: self.new, Command.REJECT: self.reject,
            Command.NO_EVENT: self.no_event, Command.SKIP: self.skip, Command.UNDO: self.undo,
            Command.PREVIOUS: lambda: self.move(-1), Command.NEXT: lambda: self.move(1),
            Command.UP: lambda: self.select(-1), Command.DOWN: lambda: self.select(1),
            Command.GO: self.go, Command.COMMENT: self.comment,
            Command.HELP: self.help, Command.QUIT: self.exit,
        }
        if self.view is None and command is not Command.QUIT:
            return
        handlers[command]()

    def help(self) -> None:
        """Show the full key help."""
        self.push_screen(HelpScreen())

    def _say(self, message: str) -> None:
        self.message = message
        self.redraw()

    def decided(self, action: str, message: str) -> None:
        """After a write: stay on the sentence, or move to the next uncoded one."""
        assert self.view is not None
        current = self.view.data.sentence_id
        after = cs.load_sentence(self.store, current, self.coder_id)
        if moves_on(action, after):
            target = (cs.next_uncoded(self.store, self.coder_id, self.queue, current)
                      or cs.next_uncoded(self.store, self.coder_id, self.queue))
            if target is not None and target != current:
                self.show(target, message)
                return
            message += "  ·  every sentence of the queue is coded"
        self.view = View.of(after)
        self.meter = EffortMeter.start(self.clock())
        self._say(message)

    def accept(self) -> None:
        """Accept the selected suggestion as it is (or open the form if it is incomplete)."""
        assert self.view is not None
        row = self.view.row
        if row is None:
            self._say("Nothing to accept: 0 no event · n new event")
            return
        if row.confirmed:
            self._say("Already confirmed: e edit · x withdraw")
            return
        problems = acceptance_problems(row.event.fields)
        if problems:
            self.open_form("Complete the suggestion before accepting it", row.event.fields,
                           suggestion=row.event, errors=problems)
            return
        cs.confirm(self.store, self.coder, self.view.data.sentence_id, row.event.fields,
                   row.event, self.effort())
        self.decided("accept", "Accepted.")

    def accept_all(self) -> None:
        """Accept every pending suggestion that is complete; say which need editing."""
        assert self.view is not None
        effort, accepted, incomplete = self.effort(), 0, 0
        for row in self.view.rows:
            if row.confirmed:
                continue
            if acceptance_problems(row.event.fields):
                incomplete += 1
                continue
            cs.confirm(self.store, self.coder, self.view.data.sentence_id, row.event.fields,
                       row.event, effort if accepted == 0 else cs.Effort())
            accepted += 1
        note = f"  ·  {incomplete} need editing (e)" if incomplete else ""
        if accepted:
            self.decided("accept", f"Accepted {accepted}.{note}")
        else:
            self._say(f"Nothing accepted.{note}")

    def edit(self) -> None:
        """Open the form on the selected event."""
        assert self.view is not None
        row = self.view.row
        if row is None:
            self.new()
            return
        if row.confirmed:
            self.open_form("Edit your confirmed event", row.event.fields, event_id=row.event.id)
        else:
            self.open_form("Edit the suggestion, then save to confirm", row.event.fields,
                           suggestion=row.event)

    def new(self) -> None:
        """Open the form on a new event with the document's country and date."""
        assert self.view is not None
        self.open_form("New event", new_event(self.view.data.document))

    def open_form(self, title: str, base: EventFields, *,
                  suggestion: cs.StoredEvent | None = None, event_id: int | None = None,
                  errors: Mapping[str, str] | None = None) -> None:
        """Push the edit form; saving it writes and moves on like a key would."""
        assert self.view is not None
        data = self.view.data

        def save(event: EventFields) -> None:
            if event_id is not None:
                cs.revise(self.store, self.coder, event_id, event, self.effort())
                self.decided("edit", "Saved your edit.")
                return
            cs.confirm(self.store, self.coder, data.sentence_id, event, suggestion,
                       self.effort())
            self.decided("accept" if suggestion else "add",
                         "Confirmed." if suggestion else "Added.")

        self.push_screen(EventForm(title, base, data.document.published, data.text, save,
                                   lambda: self.knowledge, errors))

    def reject(self) -> None:
        """Reject the selected suggestion, or withdraw the selected confirmed event."""
        assert self.view is not None
        row = self.view.row
        if row is None:
            self._say("Nothing to reject: 0 says the sentence has no event")
            return
        if row.confirmed:
            cs.withdraw(self.store, self.coder, row.event.id, self.effort())
            self.decided("withdraw", "Withdrawn.")
            return
        cs.reject(self.store, self.coder, self.view.data.sentence_id, row.event, self.effort())
        self.decided("reject", "Rejected.")

    def no_event(self) -> None:
        """Say the sentence has no event (not while it has confirmed ones)."""
        assert self.view is not None
        if self.view.data.own:
            self._say("This sentence has confirmed events: withdraw them first (x)")
            return
        cs.mark(self.store, self.coder, self.view.data.sentence_id, "no_event", self.effort())
        self.decided("no_event", "No event.")

    def skip(self) -> None:
        """Leave the sentence for later: it stays first in the queue."""
        assert self.view is not None
        cs.mark(self.store, self.coder, self.view.data.sentence_id, "skip", self.effort())
        self.decided("skip", "Skipped.")

    def undo(self) -> None:
        """Undo the last decision still in force, and show its sentence."""
        undone = cs.undo_last(self.store, self.coder, self.effort())
        if undone is None:
            self._say("Nothing to undo.")
            return
        self.show(undone.sentence_id, f"Undone: {undone.action.replace('_', ' ')}.")

    def move(self, step: int) -> None:
        """Previous or next sentence of the queue, coded or not."""
        assert self.view is not None
        target = cs.neighbour(self.store, self.view.data.sentence_id, self.queue, step)
        if target is None:
            self._say("This is the " + ("last" if step > 0 else "first") + " sentence.")
            return
        self.show(target)

    def select(self, step: int) -> None:
        """Select another event row."""
        assert self.view is not None
        self.view = self.view.moved(step)
        self.redraw()

    def go(self) -> None:
        """Ask for a sentence number (this document) or a text to search the queue for."""
        self.push_screen(Prompt("Go to sentence N of this document, or search for text:",
                                self._go))

    def _go(self, text: str) -> None:
        assert self.view is not None
        wanted = parse_goto(text)
        data = self.view.data
        if wanted is None:
            return
        if isinstance(wanted, int):
            target = cs.sentence_of_document(self.store, data.document.id, wanted)
            missing = f"This document has no sentence {wanted} (1-{data.count})."
        else:
            target = cs.search(self.store, self.queue, wanted, data.sentence_id)
            missing = f"No sentence contains {wanted!r}."
        if target is None:
            self._say(missing)
        else:
            self.show(target)

    def comment(self) -> None:
        """Attach a comment to the sentence, or flag it for review."""
        self.push_screen(Prompt("Comment (Enter saves · Ctrl+F saves and flags the sentence "
                                "for review · Esc cancels):",
                                lambda text: self._note("comment", text),
                                lambda text: self._note("flag", text)))

    def _note(self, action: str, text: str) -> None:
        assert self.view is not None
        if action == "comment" and not text.strip():
            return
        cs.mark(self.store, self.coder, self.view.data.sentence_id, action, self.effort(),
                text.strip() or None)
        self.decided(action, "Flagged for review." if action == "flag" else "Comment saved.")


def run(store: Store, coder: str, queue: cs.Queue,
        knowledge: KnowledgeLoader | None = None) -> None:
    """Run the session on the terminal until the coder quits."""
    CodingApp(store, coder, queue, knowledge).run()

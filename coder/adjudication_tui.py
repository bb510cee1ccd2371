"""`coder adjudicate` on the terminal: two coders' versions side by side, one key to settle.

A thin textual adapter over team.py: the versions of each double-coded sentence that
disagree are shown field by field with the differences marked; a digit takes that coder's
version, `e` edits from the first version in the coding session's form (tui.EventForm), `n`
settles "no event". Each settlement is committed (team.settle) before the next sentence is
drawn, so quitting or losing the terminal loses nothing settled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from coder import team
from coder.engine.pipeline import Knowledge
from coder.schema.events import EventFields
from coder.session import field_text
from coder.store import Store
from coder.tui import EventForm

LEGEND = ("1-9 take that coder's version · e edit (from version 1) · n no event · "
          "→ next · ← back · q quit")
KnowledgeLoader = Callable[[], Knowledge]


def versions_table(disagreement: team.Disagreement) -> RenderableType:
    """Each event as each coder has it, one column per coder; differing values in red."""
    versions = disagreement.versions
    rows = team.aligned(versions)
    if not rows:
        return Text("Every coder decided: no event. (Nothing differs.)", style="dim")
    blocks: list[RenderableType] = []
    for number, row in enumerate(rows, start=1):
        table = Table(title=f"event {number}", title_justify="left", expand=True)
        table.add_column("field", style="bold")
        for k, version in enumerate(versions, start=1):
            table.add_column(f"{k} {version.coder}")
        different = team.differing(row)
        for name in team.AGREED_FIELDS:
            values = [None if e is None else getattr(e, name) for e in row]
            if all(v is None for v in values):
                continue
            style = "bold red" if name in different else ""
            table.add_row(Text(name, style=style), *(
                Text("(no event)" if e is None else field_text(v) or "-", style=style)
                for e, v in zip(row, values, strict=True)))
        blocks.append(table)
    return Group(*blocks)


class AdjudicationScreen(Screen[None]):
    """The sentence in context, the versions side by side, a message line, the keys."""

    DEFAULT_CSS = """
    #where { height: 1; background: $boost; }
    #context { height: auto; max-height: 8; padding: 0 1; border-bottom: solid $primary; }
    #versions { height: 1fr; padding: 0 1; overflow-y: auto; }
    #message { height: 1; color: $warning; }
    #legend { height: 1; background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        yield Static(id="context")
        yield Static(id="versions")
        yield Static(id="message")
        yield Static(LEGEND, id="legend")

    def on_mount(self) -> None:
        """The widgets exist now: draw the first disagreement."""
        app = self.app
        assert isinstance(app, AdjudicationApp)
        app.redraw()

    def on_key(self, event: events.Key) -> None:
        """Keys of the screen become settlements or moves."""
        app = self.app
        assert isinstance(app, AdjudicationApp)
        if app.handle(event.key):
            event.stop()


class AdjudicationApp(App[None]):
    """One adjudicator over the disagreements of the double-coded sample."""

    TITLE = "coder adjudicate"

    def __init__(self, store: Store, adjudicator: str,
                 pending: Sequence[team.Disagreement],
                 knowledge: KnowledgeLoader | None = None) -> None:
        super().__init__()
        self.store = store
        self.adjudicator = adjudicator
        self.pending = list(pending)
        self.position = 0
        self.settled: set[int] = set()
        self.message = ""
        self.knowledge: Knowledge | None = None
        self._loader = knowledge

    def get_default_screen(self) -> Screen[None]:
        """The adjudication screen is the App's base screen."""
        return AdjudicationScreen()

    def on_mount(self) -> None:
        """Completion data for the edit form loads in a thread, after the first screen."""
        if self._loader is not None:
            self._load_knowledge()

    @work(thread=True, exclusive=True)
    def _load_knowledge(self) -> None:
        assert self._loader is not None
        self.knowledge = self._loader()

    @property
    def current(self) -> team.Disagreement | None:
        """The disagreement on screen, if any is left."""
        return self.pending[self.position] if self.pending else None

    # -- keys

    def handle(self, key: str) -> bool:
        """Act on a key of the main screen; whether it meant something."""
        current = self.current
        if key == "q":
            self.exit()
        elif key in ("right", "space", "s"):
            self._move(1)
        elif key == "left":
            self._move(-1)
        elif current is None or current.sentence_id in self.settled:
            if key in ("n", "e") or key.isdigit():
                self.message = "Already settled: → for the next one."
                self.redraw()
            return key in ("n", "e") or key.isdigit()
        elif key.isdigit() and 1 <= int(key) <= len(current.versions):
            version = current.versions[int(key) - 1]
            self._settle(list(version.events), version.coder,
                         f"took {version.coder}'s version ({len(version.events)} events)")
        elif key == "n":
            self._settle([], "no_event", "settled: no event")
        elif key == "e":
            self._edit(current)
        else:
            return False
        return True

    def _move(self, step: int) -> None:
        if self.pending:
            self.position = max(0, min(len(self.pending) - 1, self.position + step))
        self.message = ""
        self.redraw()

    def _settle(self, settled: list[EventFields], chosen: str, message: str) -> None:
        current = self.current
        assert current is not None
        try:
            team.settle(self.store, self.adjudicator, current.sentence_id, settled, chosen)
        except ValueError:  # another adjudicator of the shared store was first
            message = "someone else settled this sentence meanwhile: their settlement stands"
        self.settled.add(current.sentence_id)
        left = [i for i, d in enumerate(self.pending) if d.sentence_id not in self.settled]
        after = [i for i in left if i > self.position]
        if left:
            self.position = after[0] if after else left[0]
        self.message = message + ("" if left else "; every disagreement is settled (q quits)")
        self.redraw()

    def _edit(self, current: team.Disagreement) -> None:
        rows = team.aligned(current.versions)
        base = team.merged(rows[0]) if rows else EventFields()
        self.push_screen(EventForm(
            f"Adjudicated event · {current.title or ''}", base, current.published,
            current.text, lambda event: self._settle([event], "edited", "settled: edited"),
            lambda: self.knowledge))

    # -- drawing

    def redraw(self) -> None:
        """Draw the current disagreement (or say there is none)."""
        screen = self.screen
        if not isinstance(screen, AdjudicationScreen):
            return
        current = self.current
        message = screen.query_one("#message", Static)
        message.update(self.message)
        if current is None:
            screen.query_one("#where", Static).update("No disagreements to settle.")
            screen.query_one("#context", Static).update("")
            screen.query_one("#versions", Static).update(Text(
                "Every double-coded sentence agrees or is settled.", style="dim"))
            return
        done = len(self.settled)
        state = "settled" if current.sentence_id in self.settled else "to settle"
        document = " ".join(str(p) for p in (current.title, current.published) if p)
        screen.query_one("#where", Static).update(" · ".join(p for p in (
            f" {self.position + 1} of {len(self.pending)} disagreements ({done} settled)",
            document, state) if p))
        context = Text()
        if current.previous:
            context.append(current.previous + " ", style="dim")
        context.append(current.text, style="bold")
        if current.next:
            context.append(" " + current.next, style="dim")
        screen.query_one("#context", Static).update(context)
        screen.query_one("#versions", Static).update(versions_table(current))


def run(store: Store, adjudicator: str, pending: Sequence[team.Disagreement],
        knowledge: KnowledgeLoader | None = None) -> None:
    """Run the adjudication on the terminal until the adjudicator quits."""
    AdjudicationApp(store, adjudicator, pending, knowledge).run()

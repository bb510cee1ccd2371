"""Split news text into sentences with exact character offsets.

`split_sentences(text)` returns `(start, end)` spans such that `text[start:end]` is one
sentence with no surrounding whitespace, in order and never overlapping. It is pure, returns
`[]` for empty or whitespace-only text, and never raises on any `str` (emoji, RTL scripts,
lone surrogates, NUL, megabytes without punctuation).

Choice of splitter
------------------
The boundaries come from nupunkt (Punkt, re-implemented and maintained, zero dependencies,
typed) called with `line_breaks=True`, so that headings and list items on their own line are
sentences. Candidates were scored on the hard-case table of `tests/test_segment.py` (83 news
cases: quotes, abbreviations, initialisms, decimals, parentheses, dashes, ellipses, headlines,
blank lines, bullets, numbered lists, emoji, Arabic; a case counts only when every sentence is
exactly right), raw and behind the repairs below (`repair_spans`), and timed on a 10 MB
news-like corpus split one document at a time, as ingest does. One run of
`python bench/bench_segment.py` on this machine (2 shared cores, so speeds vary by about a
third between runs; pysbd and syntok timed on 1/50 of the corpus):

    splitter            raw    repaired   sentences/s   vs fastest raw
    blingfire 0.1.8     71/83    76/83        73,613         0.168
    nupunkt 0.8.0       74/83    78/83        63,430         0.145
    nupunkt lines       77/83    81/83        59,729         0.136
    nupunkt adaptive    74/83    76/83        23,695         0.054
    sentencex 1.0.32    76/83    77/83       438,704         1.000
    pysbd 0.3.4         78/83    78/83         1,581         0.004
    syntok 1.4.4        72/83    75/83         4,619         0.011
    split_sentences     81/83      -          32,962         0.075

nupunkt with `line_breaks=True` wins on accuracy, which comes first. Its two misses are
under-splits ("at 10 p.m. Police arrived", "to Acme Corp. Police said"), the cheaper kind of
error for event coding (an over-split cuts an actor from its event). sentencex is an order of
magnitude faster but misses a full stop inside parentheses, an ellipsis ending a sentence,
"Approx. 200" and the break inside a quotation; blingfire misses bullets and numbered lists
(80/83 with two more repairs of our own for them), imports numpy without declaring it, raises
on lone surrogates, ships no type hints and has had no release since 2021. pysbd is accurate
raw but 40 times slower. Speed is second, and nupunkt is fast enough: a 5 kB article in a few
milliseconds; the repairs cost a fraction of the library's own time (10-35% in interleaved
runs here).

Repairs on top of nupunkt (each fixes a case nupunkt gets wrong; keep them few)
-----------------------------------------------------------------------------
1. A blank line always ends a sentence (two line breaks as `str.splitlines` counts them,
   with only spaces between): nupunkt's `paragraph_breaks` joins paragraphs when the next
   one starts in lower case ("the attack killed\\n\\nfive people").
2. A full stop followed by a lower-case word is an abbreviation, not a sentence end: nupunkt
   splits "The N.R.F. | said on Monday ..." (English news sentences start with a capital, a
   digit, a quote or a bracket).
3. A title (Mr., Dr., Gen., Lt., ...) followed by a capital never ends a sentence: nupunkt
   splits "Lt. | Col. Ahmed Khan".
Finally, runs longer than `MAX_SENTENCE_CHARS` (1 MB of text without punctuation) are cut at
the last whitespace before the limit, or at the limit when there is none, so that no span is
unbounded; such a cut may fall inside a grapheme cluster.
"""

from __future__ import annotations

import re

import nupunkt

MAX_SENTENCE_CHARS = 2000

# A line break as str.splitlines() counts them ("\r\n" is one); a blank line is two of them
# with only other whitespace between.
_BREAK = r"(?:\r\n|\r(?!\n)|[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029])"
_BLANK_LINE = re.compile(rf"{_BREAK}[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*{_BREAK}")
# Titles that precede a name and so cannot end a sentence. "St." is left out on purpose: it
# also abbreviates "Street", which does end sentences ("on Main St. Police said ...").
_TITLE_END = re.compile(
    r"(?<![^\W\d_])(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Brig|Sen|Rep|Gov|Pres|Prof|Rev)\.\Z"
)
_LAST_SPACE = re.compile(r"\s+(?=\S*\Z)")

Span = tuple[int, int]


def split_sentences(text: str) -> list[Span]:
    """Return the `(start, end)` span of each sentence of `text`, tight and in order."""
    if not text or text.isspace():
        return []
    return repair_spans(text, nupunkt.sentence_spans(text, line_breaks=True))


def repair_spans(text: str, spans: list[Span]) -> list[Span]:
    """Apply the repairs of this module to the raw spans of any splitter.

    `spans` must be in order and disjoint; they need not be tight. Public so that
    `bench/bench_segment.py` can score every candidate behind the same repairs.
    """
    pieces = _cut_at_blank_lines(text, spans)
    merged = _merge_false_stops(text, pieces)
    return [bounded for span in merged for bounded in _bound_length(text, span)]


def _tighten(text: str, start: int, end: int) -> Span | None:
    """Shrink a span to exclude surrounding whitespace; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _cut_at_blank_lines(text: str, spans: list[Span]) -> list[Span]:
    """Repair 1: end a sentence at every blank line inside it."""
    pieces: list[Span] = []
    for start, end in spans:
        piece_start = start
        for blank in _BLANK_LINE.finditer(text, start, end):
            pieces.append((piece_start, blank.start()))
            piece_start = blank.end()
        pieces.append((piece_start, end))
    return [tight for start, end in pieces if (tight := _tighten(text, start, end))]


def _merge_false_stops(text: str, pieces: list[Span]) -> list[Span]:
    """Repairs 2 and 3: join a piece to the previous one when the split was an abbreviation."""
    merged: list[Span] = []
    for start, end in pieces:
        if merged and _is_false_stop(text, merged[-1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _is_false_stop(text: str, previous: Span, next_start: int) -> bool:
    prev_start, prev_end = previous
    if text[prev_end - 1] != "." or _BLANK_LINE.search(text, prev_end, next_start):
        return False
    if text[next_start].islower():
        return True
    if not text[next_start].isupper():  # a title is followed by a name, not a bullet or digit
        return False
    # Only the last few characters matter; slicing keeps the regex off long sentences.
    tail = text[max(prev_start, prev_end - 6) : prev_end]
    return _TITLE_END.search(tail) is not None


def _bound_length(text: str, span: Span) -> list[Span]:
    """Cut a span longer than MAX_SENTENCE_CHARS at whitespace, or hard at the limit."""
    start, end = span
    out: list[Span] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = _LAST_SPACE.search(text, start, limit + 1)
        cut = space.start() if space and space.start() > start else limit
        out.append((start, cut))
        next_start = _tighten(text, cut, end)
        if next_start is None:
            return out
        start = next_start[0]
    out.append((start, end))
    return out

"""`coder suggest`: JSONL in, JSONL out, as contracts.md section 3 says.

One output object per input object, same order, ids kept; each object lists the text's
sentences with their spans and suggested events named by ACLED export columns. Bad input stops
with `FILE:LINE: field: message` and exit 2, after the lines already answered. Subprocess tests
cover what CliRunner cannot show: output that streams while stdin is still open.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from coder.cli import cli
from coder.schema.codebook import ALL_COLUMNS

# Keys an event object may carry besides ACLED columns: contracts.md 3 adds `confidence`; the
# evidence spans behind each field are an addition of the engine.
EXTRA_EVENT_KEYS = {"confidence", "evidence"}
# Generous: a loaded CI machine may need several seconds to import and load the gazetteer.
PROCESS_TIMEOUT = 120.0

REQUESTS: list[dict[str, Any]] = [
    {"id": "N001", "text": "Gunmen killed three villagers in Gwoza on Sunday. Police later "
     "arrested two suspects in Maiduguri.", "published": "2021-09-06", "source": "Test Wire",
     "country": "Nigeria"},
    {"id": "N002", "text": "Hundreds of students marched peacefully in Lahore on Friday to "
     "demand lower fees.", "published": "2021-09-06"},
    {"text": "Taliban fighters clashed with resistance forces in Panjshir yesterday."},
    {"id": "N004", "text": "The weather was mild."},
    {"id": "N005", "text": ""},
]

# Parts for generated news-like sentences: the workers test needs a few hundred varied lines.
AGENTS = ("Gunmen", "Taliban fighters", "Police", "Soldiers", "Protesters", "Rioters",
          "Unidentified attackers", "Militants", "Security forces", "A mob")
ACTS = ("attacked a checkpoint in", "clashed with militants near", "fired tear gas at a crowd in",
        "shelled positions around", "marched through the streets of", "burned shops in",
        "abducted two aid workers near", "arrested a local leader in", "planted a bomb in",
        "took control of the district centre of")
PLACES = ("Kabul", "Gwoza", "Mogadishu", "Lahore", "Kharkiv", "Goma", "Aden", "Mosul",
          "Kandahar", "Maiduguri", "Juba", "Bamako", "Sanaa")
WHEN = ("on Sunday", "yesterday", "on 3 September", "late on Friday", "two days ago",
        "last week", "this morning", "")
TOLLS = ("", " Three people were killed.", " At least 12 died, officials said.",
         " No casualties were reported.", " The attack wounded five civilians.")


def generated_requests(count: int) -> list[dict[str, Any]]:
    """`count` deterministic news-like requests (no sample text: all made here)."""
    lines = []
    for n in range(count):
        sentence = (f"{AGENTS[n % len(AGENTS)]} {ACTS[(n // 3) % len(ACTS)]} "
                    f"{PLACES[(n * 7) % len(PLACES)]} {WHEN[n % len(WHEN)]}".rstrip() + "."
                    + TOLLS[(n // 5) % len(TOLLS)])
        lines.append({"id": f"G{n:04d}", "text": sentence, "published": "2021-09-06"})
    return lines


def jsonl(rows: Sequence[dict[str, Any] | str]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["suggest", *args], input=stdin)


def outputs(stdout: str) -> list[dict[str, Any]]:
    """Every stdout line parsed; a line that is not a JSON object fails the test."""
    found = []
    for line in stdout.splitlines():
        data = json.loads(line)
        assert isinstance(data, dict), line
        found.append(data)
    return found


def assert_answers(request: dict[str, Any], answer: dict[str, Any]) -> None:
    """The answer has contracts.md 3's shape and its spans cut the request's text."""
    assert answer["id"] == request.get("id")
    text = request["text"]
    previous_end = 0
    for sentence in answer["sentences"]:
        assert set(sentence) == {"start", "end", "text", "events"}
        start, end = sentence["start"], sentence["end"]
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == sentence["text"]
        previous_end = end
        for event in sentence["events"]:
            assert set(event) <= set(ALL_COLUMNS) | EXTRA_EVENT_KEYS, set(event) - set(ALL_COLUMNS)
            assert 0.0 <= event["confidence"] <= 1.0
            assert event.get("sub_event_type"), event
    if text.strip():
        # Every non-blank character of the text lies in some sentence.
        covered = {i for s in answer["sentences"] for i in range(s["start"], s["end"])}
        assert all(i in covered for i, c in enumerate(text) if not c.isspace())


class TestContract:
    """JSONL in and out (contracts.md 3)."""

    def test_input_file_gives_one_answer_per_line_in_order(self, tmp_path: Path) -> None:
        """--input FILE: one object per input object, same order, ids kept."""
        path = tmp_path / "in.jsonl"
        path.write_text(jsonl(REQUESTS), encoding="utf-8")
        result = invoke("--input", str(path))
        assert result.exit_code == 0, result.output
        answers = outputs(result.stdout)
        assert len(answers) == len(REQUESTS)
        for request, answer in zip(REQUESTS, answers, strict=True):
            assert_answers(request, answer)

    def test_stdin_gives_the_same_answers_as_a_file(self, tmp_path: Path) -> None:
        """Reading stdin is the same as --input."""
        path = tmp_path / "in.jsonl"
        path.write_text(jsonl(REQUESTS), encoding="utf-8")
        from_file = invoke("--input", str(path))
        from_stdin = invoke(stdin=jsonl(REQUESTS))
        assert from_stdin.exit_code == 0, from_stdin.output
        assert from_stdin.stdout == from_file.stdout

    def test_a_reported_event_is_suggested_with_acled_columns(self) -> None:
        """An attack with a toll, a place and a day: at least one event, with ACLED fields."""
        result = invoke(stdin=jsonl(REQUESTS[:1]))
        (answer,) = outputs(result.stdout)
        events = [e for s in answer["sentences"] for e in s["events"]]
        assert events, answer
        first = events[0]
        assert {"event_type", "sub_event_type", "event_date", "country"} <= set(first)
        assert first["country"] == "Nigeria"  # the request's country (contracts.md 3)

    def test_a_request_without_source_takes_the_outlet_its_text_names(self) -> None:
        """No `source`: the dateline's agency is the events' source, with its seed scale;
        a given source is kept as it is."""
        text = "KABUL (AFP) - Gunmen killed three villagers in Gwoza on Sunday."
        result = invoke(stdin=jsonl([
            {"id": "A", "text": text, "published": "2021-09-06"},
            {"id": "B", "text": text, "published": "2021-09-06", "source": "Test Wire"},
        ]))
        assert result.exit_code == 0, result.output
        events = {a["id"]: [e for s in a["sentences"] for e in s["events"]]
                  for a in outputs(result.stdout)}
        assert events["A"] and events["B"]
        assert {(e["source"], e["source_scale"]) for e in events["A"]} == \
            {("AFP", "International")}
        assert {e["source"] for e in events["B"]} == {"Test Wire"}

    def test_empty_text_gets_no_sentences(self) -> None:
        """An empty text is answered with no sentences, not an error."""
        result = invoke(stdin=jsonl([{"id": "E", "text": ""}]))
        assert result.exit_code == 0, result.output
        assert outputs(result.stdout) == [{"id": "E", "sentences": []}]

    def test_blank_lines_are_skipped(self) -> None:
        """Blank lines between objects are not requests: no output for them."""
        result = invoke(stdin="\n" + jsonl(REQUESTS[:2]) + "\n  \n")
        assert [a["id"] for a in outputs(result.stdout)] == ["N001", "N002"]

    def test_stdout_is_only_data(self) -> None:
        """Nothing but the JSONL goes to stdout, nothing at all to stderr on success."""
        result = invoke(stdin=jsonl(REQUESTS[:2]))
        assert result.stderr == ""
        assert len(result.stdout.splitlines()) == 2

    def test_two_workers_give_the_same_bytes_as_one(self) -> None:
        """--workers 2 spreads the work but keeps the output byte for byte."""
        stdin = jsonl(generated_requests(200))
        one = invoke("--workers", "1", stdin=stdin)
        two = invoke("--workers", "2", stdin=stdin)
        assert one.exit_code == 0 and two.exit_code == 0, two.output
        assert len(one.stdout.splitlines()) == 200
        assert two.stdout == one.stdout


BAD_LINES = [
    pytest.param("{not json", "json", id="not-json"),
    pytest.param(json.dumps({"id": "x", "published": "2021-09-06"}), "text", id="no-text"),
    pytest.param(json.dumps({"id": "x", "text": 5}), "text", id="text-not-a-string"),
    pytest.param(json.dumps({"text": "Police arrested a man.", "published": "2021-02-30"}),
                 "published", id="impossible-published"),
    pytest.param(json.dumps({"text": "Police arrested a man.", "published": "6 Sep 2021"}),
                 "published", id="bad-published-layout"),
    pytest.param(json.dumps({"text": "", "published": "yesterday"}), "published",
                 id="bad-published-on-empty-text"),
    pytest.param(json.dumps(["text"]), "json", id="not-an-object"),
    pytest.param(json.dumps({"text": "Riots in Kano.", "id": "\ud800"}), "id",
                 id="lone-surrogate-id"),
    pytest.param(json.dumps({"text": "", "id": "\ud800"}), "id",
                 id="lone-surrogate-id-on-empty-text"),
]


@pytest.mark.parametrize(("bad", "field"), BAD_LINES)
def test_bad_line_names_file_line_field_after_earlier_answers(
    tmp_path: Path, bad: str, field: str
) -> None:
    """Line 4 is bad: exit 2, `FILE:4: field: ...`, and lines 1-2 were answered first."""
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl([*REQUESTS[:2], ""]) + bad + "\n" + jsonl(REQUESTS[2:3]),
                    encoding="utf-8")
    result = invoke("--input", str(path))
    assert result.exit_code == 2
    assert f"{path}:4: {field}: " in result.stderr
    assert "Traceback" not in result.output
    assert [a["id"] for a in outputs(result.stdout)] == ["N001", "N002"]


def test_bad_line_on_stdin_is_named_stdin() -> None:
    """Without --input the message names <stdin>."""
    result = invoke(stdin="{oops\n")
    assert result.exit_code == 2
    assert "<stdin>:1: json: " in result.stderr


def test_invalid_utf8_is_bad_input(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are bad input (exit 2), not a crash."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "ok"}\n\xff\xfe{"text": "x"}\n')
    result = invoke("--input", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}:2: " in result.stderr


# --- real processes: streaming and partial output -------------------------------------------


def coder_process(*args: str) -> subprocess.Popen[str]:
    # No PYTHONUNBUFFERED: the command itself must flush each answer.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.Popen(
        [sys.executable, "-m", "coder", "suggest", *args], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
    )


def read_line(process: subprocess.Popen[str], timeout: float) -> str:
    """One stdout line, or a failure if none comes within `timeout` seconds."""
    stdout = process.stdout
    assert stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        process.kill()
        raise AssertionError(f"no output line within {timeout} s while stdin was open") from None


def test_answers_stream_while_stdin_is_open() -> None:
    """Each answer is written (and flushed) as soon as its line is read."""
    with coder_process() as process:
        assert process.stdin is not None and process.stdout is not None
        for request in REQUESTS[:2]:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            assert_answers(request, json.loads(read_line(process, PROCESS_TIMEOUT)))
        assert process.poll() is None  # still waiting for more input
        process.stdin.close()
        assert process.wait(timeout=PROCESS_TIMEOUT) == 0
        assert process.stdout.read() == ""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_process_stops_at_bad_line_with_valid_output_before_it(
    tmp_path: Path, workers: str
) -> None:
    """A real process: exit 2, the message on stderr, stdout the answers to earlier lines.

    With workers too: the bad line stops the reading, not the answering of what was read.
    """
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl([*REQUESTS[:3], "{broken"]), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "coder", "suggest", "--input", str(path), "--workers", workers],
        capture_output=True, text=True, encoding="utf-8", timeout=PROCESS_TIMEOUT, check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith(f"Error: {path}:4: json: ")
    assert "Traceback" not in done.stderr
    assert [a["id"] for a in outputs(done.stdout)] == [r.get("id") for r in REQUESTS[:3]]

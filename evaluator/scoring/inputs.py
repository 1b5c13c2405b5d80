"""Reading answers from bytes: size limit, binary detection and decoding, with one clear
message for each way a file can be unfit to grade; and making text safe for the tokenizer
(punctuation runs, overlong stretches, lone surrogates) without moving any offset."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from evaluator.errors import InputError
from evaluator.textfile import decode_text as decode_answer
from evaluator.textfile import looks_binary

__all__ = ["decode_answer", "looks_binary"]  # re-exported: callers decode answers through here

MAX_ANSWER_BYTES = 100_000
"""Largest answer file accepted (100 KB: about 15,000 words)."""


def read_answer_bytes(data: bytes, name: str = "<answer>") -> tuple[str, str | None]:
    """Decode an answer file. Returns (text, warning or None); raises InputError when unusable.

    Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then cp1252 with a warning.
    """
    if len(data) > MAX_ANSWER_BYTES:
        raise InputError(
            f"{name}: file is {len(data):,} bytes; the limit is {MAX_ANSWER_BYTES:,} bytes",
            hint="a Mains answer is 150-250 words; split the file into one answer per file",
        )
    text, warning = decode_answer(data, name)
    if looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: the answer is empty")
    return text, warning


# --- text the tokenizer can take -------------------------------------------------------------

REPLACEMENT = "\ufffd"
"""Marks where the answer had something that could not be read (shown as it is to the learner)."""

MAX_SYMBOL_RUN = 16
"""Longest run of punctuation or symbols read as written ("......" leaders, "?!", "---" rules).
spaCy splits such a run one mark at a time with a search whose cost grows with the square of
the run's length (12,000 marks took 30 s); past this length the rest of the run is not read."""

MAX_TOKEN_CHARS = 100
"""Longest stretch without a space read as written (the longest English words are about 30
letters, a long web address about 100); past it the rest of the stretch is not read."""

MAX_ANSWER_TOKENS = 4_000
"""Most words and punctuation marks in one answer (about 13 times the longest word limit):
grading time grows with this count, so it bounds the time one answer can take."""

_SURROGATE = re.compile("[\ud800-\udfff]")
# a lower-case word part, a hyphen at the end of a line, the word's lower-case rest on the next
_BROKEN_WORD = re.compile(
    r"(?P<head>\b[^\W\d_]*[a-z\ufb00-\ufb06])-[ \t]*\r?\n[ \t]*"
    r"(?P<tail>[a-z\ufb00-\ufb06][^\W\d_]*)"
)
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_SYMBOL_RUN + 1},}}")
_LONG_STRETCH = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
# letters with their combining marks (Devanagari vowel signs are not \w) count as one word
_MARKS = "\u0300-\u036f\u0900-\u109f"
_WORD_OR_MARK = re.compile(rf"[\w{_MARKS}]+|[^\w\s{_MARKS}]")


_RULE_MARKS = frozenset("-–—=_~*+|:.·•#─━│┃┼┄┈")
"""Marks a rule or leader is drawn with: a table's "----|----" row, a line of "=====", dot
leaders. A long run of them is cut as any run is, but nothing in it is unreadable."""


def _cut(keep: int) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        run = match.group()
        if _RULE_MARKS.issuperset(run):
            # a plain-text table's rule had been reported as unreadable ("write ordinary
            # sentences there": session 38's mentor trial); its start keeps the row a rule
            return run[:keep] + " " * (len(run) - keep)
        return run[:keep] + REPLACEMENT + " " * (len(run) - keep - 1)

    return replace


def replace_lone_surrogates(text: str) -> str:
    """Each lone surrogate (a JSON ``\\ud800`` escape: no UTF-8 can hold it) as U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""File names read as JSON lines: batch tables and tutors' graded sets."""


def broken_json(exc: json.JSONDecodeError) -> str:
    """Why one JSONL line is not JSON, in plain words and with where on the line (trial 35: the
    JSON module's "Invalid control character at" had ended the message mid-sentence)."""
    at = f"character {exc.colno}"
    if exc.msg.startswith("Unterminated string"):
        return f'broken JSON: the text starting at {at} is never closed (a missing ")'
    if exc.msg.startswith("Invalid control character"):
        return f"broken JSON: a tab or line break inside a text at {at} (write it as \\t or \\n)"
    what = exc.msg.removesuffix(" at")
    return f"broken JSON at {at}: {what[:1].lower()}{what[1:]}"


def json_record(raw: str) -> dict[str, object]:
    """One line of a JSONL file as a record, its text's lone surrogates replaced (a ``\\ud800``
    escape decodes to one, which no output file can hold); InputError with the reason ('broken
    JSON: ...', 'JSON nested too deeply', 'not a JSON object') when it is no record."""
    try:
        record = json.loads(raw.rstrip("\r\n"))  # the line break ending the line is no part of it
    except json.JSONDecodeError as exc:
        raise InputError(broken_json(exc)) from None
    except RecursionError:
        raise InputError("JSON nested too deeply") from None
    except ValueError:
        # "Exceeds the limit (4300 digits) for integer string conversion": a number longer than
        # Python reads (hostile trial 33: it had stopped a batch with a traceback)
        raise InputError("a number too long to read (over 4,300 digits)") from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    return {
        replace_lone_surrogates(str(key)): (
            replace_lone_surrogates(value) if isinstance(value, str) else value
        )
        for key, value in record.items()
    }


def _rejoined(match: re.Match[str]) -> str:
    head, tail = match.group("head"), match.group("tail")
    return head + tail + " " * (len(match.group()) - len(head) - len(tail))


def make_tokenizable(text: str) -> str:
    """The answer with what spaCy cannot read safely replaced, keeping every offset: a lone
    surrogate (no UTF-8 can hold it) becomes U+FFFD; a run of more than MAX_SYMBOL_RUN marks
    or a stretch of more than MAX_TOKEN_CHARS characters without a space keeps its start, then
    one U+FFFD, then spaces. The ``unreadable`` advisory reports every U+FFFD.

    A word broken across lines by a hyphen, as text pasted from a PDF is ("trade defi-\ncit",
    "re-\nmain"), is joined and the characters it saves become spaces after it: "deficit  ".
    Read broken, a pasted page had read as word salad and been capped at 15%."""
    text = replace_lone_surrogates(text)
    if "-\n" in text or "-\r" in text or "- \n" in text:
        text = _BROKEN_WORD.sub(_rejoined, text)
    text = _SYMBOL_RUN.sub(_cut(MAX_SYMBOL_RUN), text)
    return _LONG_STRETCH.sub(_cut(MAX_TOKEN_CHARS), text)


def without_long_runs(text: str) -> str:
    """A text the pipeline reads in time: each run of more than MAX_SYMBOL_RUN marks and each
    stretch of more than MAX_TOKEN_CHARS characters without a space cut as
    :func:`make_tokenizable` cuts them (offsets kept), and nothing else changed. For the texts a
    rubric holds (its notes, model answers, a document to derive from): a run of 100,000 '!' in
    notes had kept `grade` and `rubric derive` busy for minutes (hostile trial 33)."""
    text = _SYMBOL_RUN.sub(_cut(MAX_SYMBOL_RUN), text)
    return _LONG_STRETCH.sub(_cut(MAX_TOKEN_CHARS), text)


def estimated_tokens(text: str) -> int:
    """Words plus punctuation marks and symbols: close to (and not below) spaCy's token count
    for prose, computed without the pipeline."""
    return sum(1 for _ in _WORD_OR_MARK.finditer(text))


def check_token_count(text: str) -> None:
    """InputError when the answer has more words and marks than MAX_ANSWER_TOKENS."""
    count = estimated_tokens(text)
    if count > MAX_ANSWER_TOKENS:
        raise InputError(
            f"the answer has about {count:,} words and punctuation marks; "
            f"the limit is {MAX_ANSWER_TOKENS:,}",
            hint="a Mains answer is 150-250 words; submit one answer at a time",
        )

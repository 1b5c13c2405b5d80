"""Batch grading: many answers, one rubric, results streamed out in input order.

``grade_items`` is the one pure scoring function every backend maps over chunks of answers
(in-process, a local process pool, or Dask workers: see ``batch.backends``, whose
``iter_results`` feeds it lazily with a bounded number of chunks in flight, so memory stays flat
however many answers there are). ``run_batch`` in ``batch.run`` is the whole verb: inputs in, a
CSV/JSONL/HTML file out, nothing lost on a kill.
"""

from __future__ import annotations

import difflib
import signal
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from evaluator.batch.inputs import BatchItem
from evaluator.batch.similar import SimilarAnswers
from evaluator.errors import EvaluatorError

if TYPE_CHECKING:  # the rubric model (pydantic) is not needed to read options
    from evaluator.rubric.loader import LoadedRubric
    from evaluator.rubric.model import Rubric

CHUNK_SIZE = 8
"""Answers sent to a worker at once: big enough to amortise the hop, small for a prompt stop."""
CHUNKS_IN_FLIGHT_PER_WORKER = 3
"""Chunks queued per worker: keeps every worker busy while bounding memory."""
ERRORS_SHOWN = 5
"""Error rows the end of a run lists (id and message); the rest are counted."""


@dataclass(frozen=True)
class BatchResult:
    """The outcome for one input: a report (the JSON contract) or an error."""

    index: int
    id: str
    source: str
    question: str | None
    report: dict[str, Any] | None = None
    """`Report.to_dict()`, or None when the answer could not be graded."""
    warning: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the answer was graded."""
        return self.report is not None


def _failed(item: BatchItem, message: str) -> BatchResult:
    return BatchResult(item.index, item.id, item.source, item.question, None, item.warning, message)


def grade_items(items: Sequence[BatchItem], loaded: LoadedRubric) -> list[BatchResult]:
    """Grade a chunk of prepared items (question set, text or error); one result per item.

    Pure apart from the per-process pipeline cache: the same items give the same results in any
    process, which is what lets the local pool and Dask share it.
    """
    # spaCy is imported on first use: the CLI reads this package's option values at start-up
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.scoring.engine import evaluate_doc, validate_answer_text

    nlp = get_nlp()
    results: list[BatchResult | None] = [None] * len(items)
    todo: list[tuple[int, str]] = []
    for position, item in enumerate(items):
        if item.error is not None or item.text is None or item.question is None:
            results[position] = _failed(item, item.error or "nothing to grade")
            continue
        try:
            todo.append((position, validate_answer_text(item.text)))
        except EvaluatorError as exc:
            results[position] = _failed(item, item.located(exc.message))
    for (position, _), doc in zip(todo, _parse_all(nlp, [t for _, t in todo]), strict=True):
        item = items[position]
        try:
            if isinstance(doc, Exception):
                raise doc
            question = loaded.rubric.question(item.question or "")
            report = evaluate_doc(doc, loaded, question, nlp=nlp).to_dict()
        except EvaluatorError as exc:
            results[position] = _failed(item, item.located(exc.message))
        except Exception as exc:
            # a bug on one answer becomes its error row: it must not sink thousands of others
            message = f"internal error (please report): {exc!r}"
            results[position] = _failed(item, item.located(message))
        else:
            results[position] = BatchResult(
                item.index, item.id, item.source, item.question, report, item.warning
            )
    return [r for r in results if r is not None]


def _parse_all(nlp: Any, texts: list[str]) -> list[Any]:
    """Docs for the texts through nlp.pipe; if the pipe fails, one by one, with the exception
    in place of the doc the pipeline rejects."""
    try:
        return list(nlp.pipe(texts, batch_size=CHUNK_SIZE))
    except Exception:
        docs: list[Any] = []
        for text in texts:
            try:
                docs.append(nlp(text))
            except Exception as exc:
                docs.append(exc)
        return docs


def chunked(items: Iterable[BatchItem], size: int = CHUNK_SIZE) -> Iterator[list[BatchItem]]:
    """Consecutive lists of at most `size` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


StopCheck = Callable[[], bool]


def never() -> bool:
    """A stop check that never asks to stop."""
    return False


# --- the whole run -------------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """Counts and timing of a run, for the summary line and the exit code."""

    graded: int = 0
    errors: int = 0
    skipped: int = 0
    """Inputs whose id was already in the output (--resume)."""
    retried: int = 0
    """Error rows of the output that --resume removed, to grade their answers again."""
    seconds: float = 0.0
    interrupted: bool = False
    error_examples: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Answers (graded or failed) per second."""
        done = self.graded + self.errors
        return done / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """One human line: graded, errors, time, answers per second."""
        text = (
            f"{self.graded} graded, {self.errors} errors"
            + (f", {self.skipped} already done" if self.skipped else "")
            + (f", {self.retried} earlier errors tried again" if self.retried else "")
            + f" in {self.seconds:.1f} s ({self.rate:.1f} answers/s)"
        )
        return ("interrupted: " if self.interrupted else "") + text

    def error_lines(self, where: str) -> list[str]:
        """The run's error rows for a person reading the end of the run: the first
        `ERRORS_SHOWN` (id and message) and how many more, and `where` to find them all."""
        if not self.errors:
            return []
        lines = [f"  {example}" for example in self.error_examples]
        more = self.errors - len(self.error_examples)
        lines.append(f"  ... and {more} more; see {where}" if more > 0 else f"  see {where}")
        return lines


def prepare_items(
    items: Iterable[BatchItem],
    loaded: LoadedRubric,
    default_question: str | None,
    done_ids: Container[str],
    summary: BatchSummary,
    written: Callable[[str], str] = str,
    similar: SimilarAnswers | None = None,
) -> Iterator[BatchItem]:
    """Resolve each item's question, flag duplicate ids, drop ids already in the output.

    Ids are compared as the output writes them (``written``; a CSV writes a line break as a
    space): two inputs whose ids the output cannot tell apart would share one row on --resume,
    so the second is an error row naming the first. Every answer with a text and a known
    question, those already in the output included, goes to ``similar`` (near-identical texts)."""
    questions = [q.id for q in loaded.rubric.questions]
    known = set(questions)
    seen: dict[str, str] = {}
    for item in items:
        if item.id in done_ids:
            summary.skipped += 1
            question = _resolved(loaded, item.question) or default_question
            if similar is not None and item.text is not None and question in known:
                similar.add(item.id, str(question), item.text)
            continue
        key = written(item.id)
        duplicate = key in seen
        first = seen.setdefault(key, item.id)
        question = _resolved(loaded, item.question) or default_question
        item = replace(item, question=question)
        if item.error is not None:
            yield item
        elif duplicate:
            same = "the same id" if first == item.id else f"the id {first!r}, written the same"
            yield item.failed(f"duplicate id {item.id!r}: an earlier input has {same}")
        elif question is None:
            yield item.failed(no_question(item, questions))
        elif question not in known:
            yield item.failed(unknown_question(question, questions, loaded.rubric))
        else:
            if similar is not None and item.text is not None:
                similar.add(item.id, question, item.text)
            yield item


def _resolved(loaded: LoadedRubric, question: str | None) -> str | None:
    """The id of the question a row's cell names (its id, text or number; see
    :func:`~evaluator.rubric.questions.match_question`), else the cell as written."""
    from evaluator.rubric.questions import match_question

    return match_question(loaded.rubric, question) or question


def no_question(item: BatchItem, questions: Sequence[str]) -> str:
    """Why an answer has no question, and what to do about it where it is: a CSV row's
    question cell, a JSONL record's field, or -q for an answer file (trial 35: a folder run was
    told to "give a 'question' column")."""
    choices = f"one of {', '.join(questions)}"
    if item.where.startswith("row "):
        return f"no question: fill this row's 'question' cell or pass -q QID ({choices})"
    if item.where:
        return f"no question: give this record a 'question' field or pass -q QID ({choices})"
    return f"no question: pass -q QID ({choices})"


def unknown_question(question: str, questions: Sequence[str], rubric: Rubric | None = None) -> str:
    """An unknown question, with the rubric's nearest id when one is close and what a question
    cell may hold (its id, text or number) when the rubric is given."""
    close = difflib.get_close_matches(question, questions, n=1, cutoff=0.6)
    guess = f"did you mean {close[0]!r}? " if close else ""
    if rubric is not None:
        from evaluator.rubric.questions import question_choices

        return f"unknown question {question!r} ({guess}give {question_choices(rubric)})"
    return f"unknown question {question!r} ({guess}questions: {', '.join(questions)})"


class StopFlag:
    """Turns SIGTERM and the first Ctrl-C into a clean stop between results."""

    def __init__(self) -> None:
        self.signal: int | None = None
        self._previous: dict[int, Any] = {}

    def __call__(self) -> bool:
        return self.signal is not None

    def _handle(self, signum: int, frame: object) -> None:
        if self.signal is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt  # a second Ctrl-C: the user really wants out
        self.signal = signum

    def __enter__(self) -> StopFlag:
        # only the main thread may set handlers; elsewhere (a web worker) the flag stays manual
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def request_stop(self, signum: int = signal.SIGTERM) -> None:
        """Ask the run to stop after the result being written (for callers without signals)."""
        self.signal = signum

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def error_example(result: BatchResult) -> str:
    """One error row in one line: a table row's error names its row and id already, so it
    follows the table's name; an answer file's follows its path."""
    error = result.error or ""
    table, _, line = result.source.rpartition(":")
    if table and line.isdigit() and error.startswith(("row ", "line ")):
        return f"{table}: {error}"
    return f"{result.id}: {error}"


def run_results(
    results: Iterable[BatchResult],
    write: Callable[[BatchResult], None],
    summary: BatchSummary,
    stop: StopCheck,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Write results as they come (each one flushed), counting them into the summary."""
    started = time.perf_counter()
    try:
        for result in results:
            write(result)
            if result.ok:
                summary.graded += 1
            else:
                summary.errors += 1
                if len(summary.error_examples) < ERRORS_SHOWN:
                    summary.error_examples.append(error_example(result))
            if progress is not None:
                progress(1)
            if stop():
                break
    finally:
        summary.seconds = time.perf_counter() - started
        summary.interrupted = stop()
    return summary

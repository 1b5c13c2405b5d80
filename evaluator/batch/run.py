"""`run_batch`: the batch verb as one function (the CLI only maps its options onto it)."""

from __future__ import annotations

import contextlib
import difflib
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from evaluator.batch.backends import iter_results
from evaluator.batch.core import BatchSummary, StopFlag, prepare_items, run_results
from evaluator.batch.inputs import (
    BatchItem,
    classify_inputs,
    count_items,
    empty_inputs,
    iter_ids,
    iter_items,
    no_rows,
)
from evaluator.batch.outputs import DETAILS, journal_path, output_format
from evaluator.batch.resume import open_output
from evaluator.batch.similar import SimilarAnswers, SimilarPair
from evaluator.errors import InputError, OutputError, QuestionNotFoundError
from evaluator.rubric.loader import LoadedRubric, load_rubric

ProgressFactory = Callable[[Callable[[], int]], AbstractContextManager[Callable[[int], None]]]
"""Given a (lazy) total, a context manager yielding an `advance(n)` callback."""


@dataclass(frozen=True)
class BatchOutcome:
    """What a run produced: its summary, the output path and where the results stream went."""

    summary: BatchSummary
    out: str
    format: str
    results_path: str
    """The streamed results (the output itself, or the JSONL journal of an HTML report)."""
    similar: list[SimilarPair] = field(default_factory=list)
    """Near-identical answers to the same question (`batch.similar`; marks are unchanged)."""


def existing_outputs(out: str, fmt: str) -> list[str]:
    """The files a run would overwrite."""
    paths = [out, journal_path(out)] if fmt == "html" else [out]
    return [p for p in paths if os.path.exists(p) and os.path.getsize(p) > 0]


def run_batch(
    inputs: Sequence[str],
    *,
    rubric: str,
    out: str,
    question: str | None = None,
    fmt: str | None = None,
    workers: int = 1,
    resume: bool = False,
    force: bool = False,
    backend: str = "local",
    scheduler: str | None = None,
    detail: str = "compact",
    tables: str | None = None,
    per_answer_pages: str | None = None,
    progress: ProgressFactory | None = None,
    stop: StopFlag | None = None,
) -> BatchOutcome:
    """Grade every input and write the results to `out`; see docs/batch.md.

    Raises RubricError, QuestionNotFoundError, InputError or OutputError for usage mistakes,
    before anything is graded or overwritten. Unreadable answers become error rows instead.
    """
    fmt = output_format(out, fmt)
    if resume and force:
        raise OutputError("--resume and --force contradict each other", hint="choose one")
    if detail not in DETAILS:
        raise OutputError(f"unknown --detail {detail!r}", hint=f"choose {' or '.join(DETAILS)}")
    if fmt == "csv" and (tables or per_answer_pages):
        option = "--tables" if tables else "--per-answer-pages"
        raise OutputError(
            f"{option} needs the reports: write a .jsonl or .html --out, not a CSV",
            hint="the CSV already is one row per answer",
        )
    for option, folder in (("--tables", tables), ("--per-answer-pages", per_answer_pages)):
        if folder is not None:
            _check_folder(option, folder)
    loaded = load_rubric(rubric)
    if question is not None:
        from evaluator.rubric.questions import match_question

        question = match_question(loaded.rubric, question) or question  # -q 1, -q "the text"
        _check_question(loaded, question)
    elif len(loaded.rubric.questions) == 1:
        question = loaded.rubric.questions[0].id  # nothing to choose between
    if not inputs:
        raise InputError("no inputs given", hint="pass answer files, folders, patterns or a CSV")
    specs = classify_inputs(inputs)
    own = frozenset(os.path.abspath(p) for p in (out, journal_path(out)))
    nothing = empty_inputs(specs, own)
    if nothing:
        (spec, why), others = nothing[0], len(nothing) - 1
        more = f" (and {others} more input{'s' if others > 1 else ''} like it)" if others else ""
        raise InputError(
            f"{spec.arg}: nothing to grade: {why}{more}",
            hint="check the path (a misspelt folder or pattern?), or leave it out; "
            "quote patterns so the shell leaves them alone ('answers/*.txt')",
        )
    if backend == "dask":
        from evaluator.batch.backends.dask import import_distributed

        import_distributed()  # a missing extra is a usage error, before any output is touched
    clobbered = existing_outputs(out, fmt)
    if clobbered and not (resume or force):
        raise OutputError(
            f"{clobbered[0]} already exists",
            hint="pass --resume to continue it (it grades what the file lacks and grades its "
            "error rows again), --force to overwrite it, or choose another --out",
        )
    _check_writable(out)

    raw = iter_items(specs, own)
    first = next(raw, None)
    if first is None:
        empty = no_rows(specs, own)
        if empty is not None:
            raise InputError(
                f"no inputs found: {empty}",
                hint="a table needs one row per answer, with an id and an answer or a file",
            )
        raise InputError(
            "no inputs found: the folders hold no .txt or .md files and no pattern matched",
            hint="check the paths; folders are searched recursively for *.txt and *.md",
        )
    results_path = journal_path(out) if fmt == "html" else out
    # a file this run creates is removed again if the run fails before writing a row (say, an
    # unreachable --scheduler), so the same command can simply be run again
    created = _ours_to_remove(results_path)
    writer, done = open_output(
        out, fmt, loaded, resume=resume, run_ids=lambda: iter_ids(specs, own), detail=detail
    )
    if fmt == "html" and not resume and os.path.exists(out):
        os.remove(out)  # --force: an interrupted run must not leave the old report looking current
    summary = BatchSummary(retried=done.retried)
    items: Iterator[BatchItem] = itertools.chain([first], raw)
    similar = SimilarAnswers()
    prepared = prepare_items(items, loaded, question, done, summary, done.written, similar)
    flag = stop or StopFlag()
    manager = progress(lambda: count_items(specs, own)) if progress else contextlib.nullcontext()
    try:
        with flag if stop is None else contextlib.nullcontext(flag), manager as advance:
            results = iter_results(
                prepared,
                loaded,
                workers=workers,
                backend=backend,
                scheduler=scheduler,
                should_stop=flag,
            )
            try:
                run_results(results, writer.write, summary, flag, advance)
            finally:
                close = getattr(results, "close", None)
                if close is not None:
                    close()  # shut the pool or cluster down before reporting
    except BaseException:
        writer.close()
        if created and summary.graded + summary.errors == 0 and _plain_file(results_path):
            with contextlib.suppress(OSError):
                os.remove(results_path)
        raise
    writer.close()
    if fmt == "html" and not summary.interrupted:
        from evaluator.batch.report import render_html_report

        render_html_report(
            results_path,
            out,
            title=f"Batch report: {loaded.rubric.title}",
            per_answer_pages=per_answer_pages,
            similar=similar.pairs,
        )
    elif per_answer_pages is not None and not summary.interrupted:
        from evaluator.batch.report import write_answer_pages

        write_answer_pages(results_path, per_answer_pages)
    if tables is not None and not summary.interrupted:
        from evaluator.batch.tables import export_tables

        export_tables(results_path, tables)
    return BatchOutcome(summary, out, fmt, results_path, similar.pairs)


def _check_question(loaded: LoadedRubric, question: str) -> None:
    """QuestionNotFoundError naming the questions, and the nearest id when one is close."""
    try:
        loaded.rubric.question(question)
    except QuestionNotFoundError as exc:
        ids = [q.id for q in loaded.rubric.questions]
        close = difflib.get_close_matches(question, ids, n=1, cutoff=0.6)
        if not close:
            raise
        raise QuestionNotFoundError(exc.message, hint=f"did you mean -q {close[0]}?") from None


def _ours_to_remove(path: str) -> bool:
    """Whether a run that fails before writing a row may remove its output: a missing file, or
    an empty regular one. Never a link or a device: `-o /dev/stdout` into a closed pipe had
    removed the /dev/stdout link itself (hostile trial 34)."""
    if not os.path.lexists(path):
        return True
    return _plain_file(path) and os.path.getsize(path) == 0


def _plain_file(path: str) -> bool:
    """A regular file, not a link to one."""
    return os.path.isfile(path) and not os.path.islink(path)


def _check_writable(out: str) -> None:
    folder = os.path.dirname(os.path.abspath(out))
    if os.path.isdir(out):
        raise OutputError(f"{out}: is a folder; --out needs a file name")
    if not os.path.isdir(folder):
        raise OutputError(f"{out}: the folder {folder} does not exist")
    target = out if os.path.exists(out) else folder
    if not os.access(target, os.W_OK):
        raise OutputError(f"{out}: not writable (permission denied)")


def _check_folder(option: str, folder: str) -> None:
    """OutputError unless `folder` is a folder, or can be made one, that we may write in."""
    nearest = os.path.abspath(folder)
    while not os.path.lexists(nearest):
        nearest = os.path.dirname(nearest)
    if not os.path.isdir(nearest):
        where = "" if nearest == os.path.abspath(folder) else f"{nearest} "
        raise OutputError(
            f"{folder}: {where}is not a folder; {option} needs a folder",
            hint="choose a folder name (a missing folder is created)",
        )
    if not os.access(nearest, os.W_OK):
        raise OutputError(f"{folder}: not writable (permission denied)")

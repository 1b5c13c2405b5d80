"""`mains-eval batch`: grade folders, patterns and CSV/JSONL tables into CSV, JSONL or HTML."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import click

from evaluator.batch.outputs import DETAILS, FORMATS
from evaluator.cli.common import EXIT_FAILED, UserError, handle_errors, rubric_option
from evaluator.errors import BatchError
from evaluator.text import plural

if TYPE_CHECKING:
    from evaluator.batch.similar import SimilarPair


def register(group: click.Group) -> None:
    """Attach `batch`."""
    group.add_command(batch_command)


SIMILAR_SHOWN = 5
"""Pairs of near-identical answers the end of a run lists."""


def similar_lines(pairs: Sequence[SimilarPair], fmt: str) -> list[str]:
    """Near-identical answers for the end of a run: how many pairs, the first few."""
    lines = [
        f"mains-eval batch: {plural(len(pairs), 'pair')} of near-identical answers to the same "
        "question (marks unchanged):"
    ]
    lines += [f"  {pair.line()}" for pair in pairs[:SIMILAR_SHOWN]]
    if len(pairs) > SIMILAR_SHOWN:
        where = "in the report" if fmt == "html" else "in an HTML report of the run"
        lines.append(f"  ... and {len(pairs) - SIMILAR_SHOWN} more; all are listed {where}")
    return lines


def _progress_bar(enabled: bool) -> Callable[[Callable[[], int]], object] | None:
    """A tqdm bar on stderr, only for a person watching a terminal."""
    if not enabled:
        return None

    @contextlib.contextmanager
    def bar(total: Callable[[], int]) -> Iterator[Callable[[int], object]]:
        from tqdm import tqdm

        # a terminal that reports no size (some CI pseudo-terminals) gets a fixed 80 columns
        try:
            sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
        except OSError:
            sized = False
        with tqdm(
            total=total(),
            unit="answer",
            file=sys.stderr,
            dynamic_ncols=sized,
            ncols=None if sized else 80,
        ) as progress:
            yield progress.update

    return bar


@click.command("batch")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@rubric_option
@click.option(
    "--question",
    "-q",
    "question_id",
    metavar="QID",
    help="Question id for every answer (a CSV/JSONL 'question' column overrides it per row).",
)
@click.option(
    "--out", "-o", required=True, metavar="PATH", help="Output file (.csv, .jsonl or .html)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format (default: from the --out extension).",
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Processes grading in parallel (each loads the spaCy pipeline once).",
)
@click.option("--resume", is_flag=True, help="Continue an existing output: skip ids already in it.")
@click.option("--force", is_flag=True, help="Overwrite an existing output.")
@click.option(
    "--quiet", is_flag=True, help="No progress bar and no summary line (errors still print)."
)
@click.option(
    "--backend",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where to grade: local processes, or a Dask cluster (extra 'distributed').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers.",
)
@click.option(
    "--detail",
    type=click.Choice(DETAILS),
    default="compact",
    show_default=True,
    help="JSONL records: compact (rubric constants once, in a header record) or full reports.",
)
@click.option(
    "--tables",
    metavar="DIR",
    help="Also write answers.csv and concepts.csv for analysts into DIR (JSONL/HTML runs).",
)
@click.option(
    "--per-answer-pages",
    metavar="DIR",
    help="Also write one HTML page of feedback per answer into DIR (JSONL/HTML runs).",
)
@handle_errors
def batch_command(
    inputs: tuple[str, ...],
    rubric_ref: str,
    question_id: str | None,
    out: str,
    fmt: str | None,
    workers: int,
    resume: bool,
    force: bool,
    quiet: bool,
    backend: str,
    scheduler: str | None,
    detail: str,
    tables: str | None,
    per_answer_pages: str | None,
) -> None:
    """Grade many answers: files, folders (*.txt, *.md), glob patterns, CSV or JSONL tables.

    Results are written in input order, one flushed row per answer; unreadable answers become
    error rows. Exit status: 0 when at least one answer was graded, 1 when every input failed,
    2 on usage errors, 130/143 when interrupted (rerun with --resume). See docs/batch.md.
    """
    if scheduler and backend != "dask":
        raise UserError("--scheduler needs --backend dask")
    show_bar = not quiet and sys.stderr.isatty()
    from evaluator.batch.core import StopFlag
    from evaluator.batch.run import run_batch

    with StopFlag() as stop:
        try:
            outcome = run_batch(
                list(inputs),
                rubric=rubric_ref,
                out=out,
                question=question_id,
                fmt=fmt,
                workers=workers,
                resume=resume,
                force=force,
                backend=backend,
                scheduler=scheduler,
                detail=detail,
                tables=tables,
                per_answer_pages=per_answer_pages,
                progress=_progress_bar(show_bar),  # type: ignore[arg-type]
                stop=stop,
            )
        except BatchError as exc:
            raise UserError(str(exc), exit_code=EXIT_FAILED) from exc
    summary = outcome.summary
    if summary.interrupted:
        click.echo(
            f"mains-eval: {summary.line()}; results so far are in {outcome.results_path}; "
            "rerun the same command with --resume to finish",
            err=True,
        )
        sys.exit(128 + (stop.signal or 2))
    from evaluator.batch.outputs import where_errors_are

    # --quiet drops the progress bar and the summary line, never the errors (docs/batch.md)
    if not quiet:
        click.echo(f"mains-eval batch: {summary.line()} -> {outcome.out}", err=True)
    elif summary.errors:
        click.echo(f"mains-eval batch: {plural(summary.errors, 'error')}:", err=True)
    for line in summary.error_lines(where_errors_are(outcome.out, outcome.format)):
        click.echo(line, err=True)
    if outcome.similar and not quiet:
        for line in similar_lines(outcome.similar, outcome.format):
            click.echo(line, err=True)
    if summary.graded == 0 and summary.skipped == 0 and summary.errors > 0:
        # (on --resume, answers graded before count: the file has marks in it)
        raise UserError(
            f"no answer could be graded ({plural(summary.errors, 'error')})",
            exit_code=EXIT_FAILED,
        )

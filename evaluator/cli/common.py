"""Shared CLI pieces: options as decorators, error translation, reading answer files."""

from __future__ import annotations

import errno
import functools
import json
import math
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from evaluator.errors import EvaluatorError, InputError
from evaluator.scoring.inputs import MAX_ANSWER_BYTES, read_answer_bytes
from evaluator.textfile import read_bounded

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2
EXIT_FAILED = 1

rubric_option = click.option(
    "--rubric",
    "-r",
    "rubric_ref",
    default="india-japan",
    show_default=True,
    metavar="ID_OR_PATH",
    help="Rubric id (from the rubrics folder or $MAINS_EVAL_RUBRICS) or path to rubric.yaml.",
)
question_option = click.option(
    "--question",
    "-q",
    "question_id",
    default=None,
    metavar="QID",
    help="Question id from the rubric (see `mains-eval rubric show`); may be left out when "
    "the rubric has one question.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print the JSON report.")


class FiniteFloatRange(click.FloatRange):
    """A float option in a range that refuses NaN, which every comparison lets through (hostile
    trial 34: `--threshold nan` ran the audit against "nan%")."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number", param, ctx)
        return number


class UserError(click.ClickException):
    """One clean line on stderr and an exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        # click declares exit_code on the class; a per-instance code is what we need here
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        click.echo(f"mains-eval: error: {self.format_message()}", err=True, file=file)


def handle_errors(func: F) -> F:
    """Turn domain errors into one line on stderr (exit 2), never a traceback; with ``--json``
    also a JSON object on stdout, ``{"error": {"code": ..., "message": ...}}``, so a script that
    reads the JSON gets JSON either way."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EvaluatorError as exc:
            if kwargs.get("as_json"):
                error = {"code": _error_code(exc), "message": str(exc), "exit_code": EXIT_USAGE}
                click.echo(json.dumps({"error": error}, ensure_ascii=False))
            raise UserError(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def echo_failure(exc: OSError) -> str | None:
    """The line to print when ``exc`` came from writing the output (``> /dev/full``, a full
    disk), else None. Every verb writes its output with ``click.echo``, so a failure raised in it
    is a failed write of the output; a closed pipe is left to click, which exits quietly.
    Standard output is pointed at /dev/null afterwards, so the interpreter's last flush of text
    that could not be written does not fail again with a traceback of its own."""
    if exc.errno == errno.EPIPE or not _raised_in(exc, click.utils.echo):
        return None
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # a stream without a file descriptor (a test runner's)
        pass
    return f"could not write to standard output: {exc.strerror or exc}"


def _raised_in(exc: BaseException, function: Callable[..., Any]) -> bool:
    """Whether ``function`` is on the way from where ``exc`` was caught to where it was raised."""
    code = getattr(function, "__code__", None)
    traceback = exc.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code is code:
            return True
        traceback = traceback.tb_next
    return False


_ERROR_CODES = {
    "RubricNotFoundError": "rubric_not_found",
    "RubricError": "rubric_invalid",
    "QuestionNotFoundError": "question_not_found",
    "InputError": "input_rejected",
    "TuningError": "tuning_failed",
    "OutputError": "output_failed",
    "BatchError": "batch_failed",
}


def _error_code(exc: EvaluatorError) -> str:
    """A stable code for an error, as the web API's (``docs/api.md``): its nearest known class."""
    for cls in type(exc).__mro__:
        if cls.__name__ in _ERROR_CODES:
            return _ERROR_CODES[cls.__name__]
    return "error"


def read_answer_arg(source: str) -> str:
    """The answer text from a file path or '-' (stdin), as InputError on anything unreadable; a
    decoding warning (not UTF-8, read as Windows-1252) goes to stderr, as batch reports it."""
    if source == "-":
        # one byte past the limit is enough to refuse: `cat /dev/zero |` must not fill memory
        data = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
        name = "<stdin>"
        if len(data) > MAX_ANSWER_BYTES:
            raise InputError(
                f"<stdin>: more than {MAX_ANSWER_BYTES:,} bytes, the limit",
                hint="a Mains answer is 150-250 words; pass one answer at a time",
            )
    else:
        data = read_bounded(
            source,
            MAX_ANSWER_BYTES,
            folder_hint="; pass one answer file (or use `mains-eval batch`)",
        )
        name = source
    text, warning = read_answer_bytes(data, name)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    return text

"""`mains-eval`: a thin click layer over the library. Every user mistake becomes one line on
stderr and an exit code (2 for usage and input errors, 1 for a failed check), never a traceback.

This group holds the library's verbs only (``python -m evaluator``); the installed console script
is ``webapp.cli:main``, which adds the web app's commands (serve, init-db, user). Each verb
imports its heavy machinery (scikit-learn, the audit, batch) inside its function, so `--help`
stays fast."""

from __future__ import annotations

import sys
from typing import Any

import click

from evaluator import __version__
from evaluator.cli import audit, batch, grade, rubric, tuning
from evaluator.cli.common import EXIT_FAILED, UserError, echo_failure
from evaluator.startup import collections_paused

__all__ = ["UserError", "collections_paused", "main"]


class MainGroup(click.Group):
    """The `mains-eval` group: output that cannot be written (``> /dev/full``, a full disk) is
    one line and exit 1 for every verb and for --help, here, instead of a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except OSError as exc:
            problem = echo_failure(exc)
            if problem is None:
                raise
            UserError(problem, exit_code=EXIT_FAILED).show()
            sys.exit(EXIT_FAILED)


@click.group(
    cls=MainGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="mains-eval")
def main() -> None:
    """Grade UPSC Mains answers against keyword and concept rubrics, deterministically."""


grade.register(main)
rubric.register(main)
audit.register(rubric.rubric_group)
tuning.register(rubric.rubric_group)
batch.register(main)

"""`mains-eval`: a thin click layer over the library. Every user mistake becomes one line on
stderr and an exit code (2 for usage and input errors, 1 for a failed check), never a traceback.

This group holds the library's verbs only (``python -m evaluator``); the installed console script
is ``webapp.cli:main``, which adds the web app's commands (serve, init-db, user). Each verb
imports its heavy machinery (scikit-learn, the audit, batch) inside its function, so `--help`
stays fast."""

from __future__ import annotations

import click

from evaluator import __version__
from evaluator.cli import audit, batch, grade, rubric, tuning
from evaluator.cli.common import UserError
from evaluator.startup import collections_paused

__all__ = ["UserError", "collections_paused", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mains-eval")
def main() -> None:
    """Grade UPSC Mains answers against keyword and concept rubrics, deterministically."""


grade.register(main)
rubric.register(main)
audit.register(rubric.rubric_group)
tuning.register(rubric.rubric_group)
batch.register(main)

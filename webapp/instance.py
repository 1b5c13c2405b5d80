"""The `--instance DIR` option shared by the web app's commands (webapp/cli.py, webapp/db_cli.py).

Its own module so that neither command module imports the other: `python -m webapp.cli` runs cli.py
as ``__main__``, and a db_cli that imported webapp.cli would load it a second time, half-built."""

from __future__ import annotations

import os

import click

instance_option = click.option(
    "--instance",
    "instance",
    type=click.Path(file_okay=False),
    envvar="MAINS_EVAL_INSTANCE",
    metavar="DIR",
    help="Instance folder: SQLite database, secret key (default: Flask's instance/ folder).",
)


def use_instance(instance: str | None) -> None:
    """Point the app (and any worker process it starts) at the instance folder."""
    if instance:
        os.environ["MAINS_EVAL_INSTANCE"] = os.path.abspath(instance)

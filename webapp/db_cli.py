"""`mains-eval db upgrade | current | downgrade`: the schema's revision (Alembic, see
webapp/schema.py). Flask and the database layer are imported only when a command runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from webapp.instance import instance_option, use_instance

if TYPE_CHECKING:
    from sqlalchemy import Engine


@click.group("db")
def db_group() -> None:
    """The database schema: upgrade it after installing a new version, see where it stands."""


@contextmanager
def _engine(instance: str | None) -> Iterator[Engine]:
    use_instance(instance)
    from webapp import create_app
    from webapp.db import get_database

    engine = get_database(create_app({"CREATE_SCHEMA": False})).engine
    try:
        yield engine
    finally:
        engine.dispose()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@db_group.command("upgrade")
@instance_option
def upgrade_command(instance: str | None) -> None:
    """Upgrade the schema in place to this version's latest revision (back up first)."""
    from webapp import schema

    with _engine(instance) as engine:
        before, after = schema.upgrade(engine)
        if before == after:
            click.echo(f"{_url(engine)}: already at the latest revision ({after})")
        else:
            click.echo(f"{_url(engine)}: upgraded {before or 'no recorded revision'} -> {after}")


@db_group.command("current")
@instance_option
def current_command(instance: str | None) -> None:
    """Show the schema's revision and whether it is the latest."""
    from webapp import schema

    with _engine(instance) as engine:
        click.echo(f"{_url(engine)}: {schema.state(engine).describe()}")


@db_group.command("downgrade")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@instance_option
def downgrade_command(yes: bool, instance: str | None) -> None:
    """Go back one revision (back up first: the first revision's downgrade drops every table)."""
    from webapp import schema

    with _engine(instance) as engine:
        if not yes:
            click.confirm(f"Downgrade {_url(engine)} by one revision?", abort=True)
        before, after = schema.downgrade(engine)
        click.echo(f"{_url(engine)}: downgraded {before} -> {after or 'nothing (no tables)'}")


@db_group.command("revision")
@click.option("-m", "--message", required=True, help="What the revision changes.")
@instance_option
def revision_command(message: str, instance: str | None) -> None:
    """For developers: draft the next revision in webapp/migrations/versions from the difference
    between the models and a database at the latest revision (review it before committing)."""
    from alembic import command

    from webapp import schema

    with _engine(instance) as engine:
        schema.require_current(engine)
        next_id = f"{int(schema.head_revision()) + 1:04d}"
        with engine.begin() as connection:
            script = command.revision(
                schema.alembic_config(connection), message, autogenerate=True, rev_id=next_id
            )
        click.echo(f"drafted {getattr(script, 'path', next_id)}")

"""Schema versions (Alembic): which revision a database is at, creating the latest schema in an
empty one, upgrading and downgrading. `mains-eval db` (webapp/db_cli.py) and `serve` use it.

Databases created before migrations existed (release 0.1.0) have the tables of the first
revision and no ``alembic_version`` table; `upgrade` records them as the first revision first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from webapp.models import Base

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"
"""The first revision: the schema of release 0.1.0, the last one without migrations."""
UPGRADE_COMMAND = "mains-eval db upgrade"
_CREATE_LOCK = 7_301_015  # a PostgreSQL advisory lock key: one process creates the schema


class SchemaBehind(click.ClickException):
    """The database's schema is older than this version's: one line naming the command."""


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands."""

    current: str | None
    """Its revision; None when it has none recorded."""
    head: str
    """This version's latest revision."""
    has_tables: bool
    """Whether the app's tables exist (a database from before migrations has them, unrecorded)."""
    known: bool = True
    """Whether this version knows the database's revision (False: a newer release wrote it)."""

    @property
    def up_to_date(self) -> bool:
        """Whether the database is at this version's latest revision."""
        return self.current == self.head

    def describe(self) -> str:
        """One line for `db current` and `serve`'s refusal."""
        if self.up_to_date:
            return f"{self.current} (latest)"
        if self.current is None and self.has_tables:
            found = "no recorded revision (made before migrations)"
        elif self.current is None:
            found = "empty (no tables)"
        elif not self.known:
            return (
                f"{self.current}, newer than this version knows (its latest is {self.head}): "
                "install the release that wrote it, or restore a backup"
            )
        else:
            found = f"{self.current}"
        return f"{found}; latest is {self.head}: run `{UPGRADE_COMMAND}`"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's settings, in code (no alembic.ini), optionally bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """This version's latest revision."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "webapp/migrations/versions has no revision"
    return head


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def state(engine: Engine) -> SchemaState:
    """The database's revision against this version's latest."""
    with engine.connect() as connection:
        has_tables = inspect(connection).has_table("users")
        current = _current(connection)
        scripts = ScriptDirectory.from_config(alembic_config())
        known = current is None or current in {
            script.revision for script in scripts.walk_revisions()
        }
        return SchemaState(current, head_revision(), has_tables, known)


def create_if_empty(engine: Engine) -> bool:
    """In an empty database, create the latest schema and record it as the latest revision.

    Leaves any other database alone (an older one is upgraded by `mains-eval db upgrade`, never
    behind the tutor's back). Several processes may start at once: on PostgreSQL an advisory lock
    lets one create, and DDL is transactional; on SQLite the loser's error is checked and dropped.
    Returns whether it created the schema."""
    if inspect(engine).has_table("users"):
        return False
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"SELECT pg_advisory_xact_lock({_CREATE_LOCK})"))
            if inspect(connection).has_table("users"):
                return False
            Base.metadata.create_all(connection)
            context = MigrationContext.configure(connection)
            context.stamp(ScriptDirectory.from_config(alembic_config()), "head")
            return True
    except DBAPIError:
        # another process created the tables (or recorded the revision) between our check and ours
        if state(engine).up_to_date:
            return False
        raise


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade in place; returns (before, after). A pre-migration database is recorded first."""
    with engine.begin() as connection:
        before = _current(connection)
        if before is None and inspect(connection).has_table("users"):
            MigrationContext.configure(connection).stamp(
                ScriptDirectory.from_config(alembic_config()), BASELINE
            )
        command.upgrade(alembic_config(connection), revision)
        return before, _current(connection)


def downgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Go back one revision (the first revision's downgrade drops every table)."""
    with engine.begin() as connection:
        before = _current(connection)
        if before is None:
            raise click.ClickException("the database has no recorded revision to go back from")
        command.downgrade(alembic_config(connection), "-1")
        return before, _current(connection)


def require_current(engine: Engine) -> None:
    """Raise SchemaBehind unless the database is at the latest revision."""
    found = state(engine)
    if not found.up_to_date:
        raise SchemaBehind(f"the database schema is not current: {found.describe()}")

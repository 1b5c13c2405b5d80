"""Schema versions (Alembic): which revision a database is at, creating the latest schema in an
empty one, upgrading and downgrading. `mains-eval db` (webapp/db_cli.py) and `serve` use it.

Databases created before migrations existed (release 0.1.0) have the tables of the first
revision and no ``alembic_version`` table; `upgrade` records them as the first revision first.

Looking (``state``, ``require_current``, ``head_revision``) does not import Alembic: every web
worker checks the schema as it starts, and Alembic's machinery (its DDL for every dialect, Mako)
costs more to import than the check itself. The revision files are read as text, and the
``alembic_version`` row with one query; tests/web/test_web_migrations.py checks that both agree
with Alembic's own answers. Changing the schema (create, upgrade, downgrade) uses Alembic."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from webapp.models import Base

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
"""Where Alembic records a database's revision (its default name)."""
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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@dataclass(frozen=True)
class Revision:
    """One file of webapp/migrations/versions, as Alembic reads its ``revision`` and
    ``down_revision``."""

    id: str
    down: tuple[str, ...]


def _read_revision(path: Path) -> Revision | None:
    """The module-level ``revision`` and ``down_revision`` of a revision file (plain or annotated
    assignments of literals, as Alembic's templates write them)."""
    values: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in {"revision", "down_revision"}:
            values[target.id] = ast.literal_eval(value)
    revision = values.get("revision")
    if not isinstance(revision, str):
        return None
    down = values.get("down_revision")
    if isinstance(down, str):
        downs: tuple[str, ...] = (down,)
    elif isinstance(down, list | tuple):
        downs = tuple(str(d) for d in down)
    else:
        downs = ()
    return Revision(revision, downs)


def revisions() -> dict[str, Revision]:
    """This version's revisions by id, read from webapp/migrations/versions."""
    found = (_read_revision(path) for path in sorted((MIGRATIONS / "versions").glob("*.py")))
    return {revision.id: revision for revision in found if revision is not None}


def head_revision(known: dict[str, Revision] | None = None) -> str:
    """This version's latest revision: the one no other revision follows."""
    known = revisions() if known is None else known
    followed = {down for revision in known.values() for down in revision.down}
    heads = sorted(set(known) - followed)
    assert len(heads) == 1, f"webapp/migrations/versions must have one head, not {heads}"
    return heads[0]


def _current(connection: Connection) -> str | None:
    """The revision recorded in the database (Alembic's version table), or None."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:
        raise click.ClickException(
            f"the database records {len(rows)} revisions ({', '.join(sorted(rows))}); "
            "this version's migrations have one line of history"
        )
    return rows[0] if rows else None


def state(engine: Engine) -> SchemaState:
    """The database's revision against this version's latest."""
    with engine.connect() as connection:
        has_tables = inspect(connection).has_table("users")
        current = _current(connection)
        known = revisions()
        return SchemaState(
            current, head_revision(known), has_tables, current is None or current in known
        )


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
            from alembic.runtime.migration import MigrationContext
            from alembic.script import ScriptDirectory

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
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

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
    from alembic import command

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

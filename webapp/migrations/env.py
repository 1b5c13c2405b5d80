"""Alembic environment: runs on the connection `webapp.schema` hands over (no alembic.ini; the
database URL is the app's, from the instance folder or $DATABASE_URL)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from webapp.models import Base

config = context.config


def run_migrations_online() -> None:
    """Migrate on the given connection (or, run by hand, a new one to sqlalchemy.url)."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as own_connection:
            _run(own_connection)
        engine.dispose()
        return
    _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("mains-eval migrations run online only (mains-eval db upgrade)")
run_migrations_online()

"""The database: one SQLAlchemy engine per app, one session per request, the latest schema
created on start in an empty database (an older one is upgraded by `mains-eval db upgrade`, see
webapp/schema.py). SQLite runs in WAL mode with a busy timeout so several worker processes can
write."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker

EXTENSION = "mains_eval_db"

UNUSABLE_SQLITE = {
    "SQLITE_NOTADB": "not an SQLite database (a damaged file, or another kind of file)",
    "SQLITE_CORRUPT": "the SQLite database is damaged (its disk image is malformed)",
    "SQLITE_CANTOPEN": "the SQLite database cannot be opened",
}
"""SQLite errors that say the file itself is unusable (not a mistake in one query): `serve`,
`user` and `db` stop with one line naming the file instead of a traceback."""


class DatabaseUnusable(click.ClickException):
    """The database file cannot be used (damaged, not a database, cannot be opened): one line
    naming the file, exit 1. Nothing is written to it: what is saved there is never lost."""

    def show(self, file: Any = None) -> None:
        click.echo(f"mains-eval: error: {self.format_message()}", err=True, file=file)


class Database:
    """The engine and session factory of one app."""

    def __init__(self, url: str, busy_timeout_ms: int = 15_000) -> None:
        self.url = url
        kwargs: dict[str, Any] = {"future": True}
        if url.startswith("sqlite"):
            create_private_file(make_url(url).database)
            # waitress threads share the engine; each thread gets its own pooled connection
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": busy_timeout_ms / 1000}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            _configure_sqlite(self.engine, busy_timeout_ms)
            _refuse_unusable_file(self.engine, make_url(url).database or url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def create_tables(self) -> None:
        """In an empty database, create the latest schema and record its revision (idempotent)."""
        from webapp.schema import create_if_empty

        create_if_empty(self.engine)


def create_private_file(database: str | None) -> None:
    """Create a missing SQLite file readable by its owner only (0600, like the secret key),
    whatever the umask; SQLite gives its -wal and -shm files the same mode."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another worker created it first
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers and one writer work at once; the busy timeout makes concurrent
        # writers from other processes wait instead of failing with "database is locked".
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _refuse_unusable_file(engine: Engine, path: str) -> None:
    """Turn an error saying the SQLite file is unusable into DatabaseUnusable, wherever it comes
    up (connecting, creating the schema, a query), instead of a driver traceback (hostile trial
    34: a file of garbage gave `user add` and `serve` two chained tracebacks)."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        name = getattr(context.original_exception, "sqlite_errorname", None)
        if name in UNUSABLE_SQLITE:
            raise DatabaseUnusable(
                f"{path}: {UNUSABLE_SQLITE[name]}; it is left as it is: restore it from a "
                "backup, or move it aside to start an empty database"
            ) from context.original_exception


def init_app(app: Flask) -> None:
    """Create the engine (and the schema in an empty database); close sessions on teardown."""
    database = Database(app.config["DATABASE_URL"], app.config["SQLITE_BUSY_TIMEOUT_MS"])
    if app.config.get("CREATE_SCHEMA", True):  # `mains-eval db` looks without creating
        database.create_tables()
    app.extensions[EXTENSION] = database
    app.teardown_appcontext(_close_session)


def get_database(app: Flask | None = None) -> Database:
    """The app's Database."""
    return (app or current_app).extensions[EXTENSION]


def get_session() -> Session:
    """The session of the current request (opened on first use)."""
    if "db_session" not in g:
        g.db_session = get_database().sessions()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()

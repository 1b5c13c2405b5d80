"""Rate limits shared by every worker process and machine: Flask-Limiter over a storage that all
of them see. By default that is the app's own database (table ``rate_limits``; `limits` ships
Redis, Memcached and MongoDB storages but none over SQL); ``MAINS_EVAL_RATELIMIT_STORAGE`` may
name any storage URL `limits` documents instead, e.g. ``redis://cache.internal:6379``.

Limits (docs/deployment.md, "Limits"): sign-in and registration per client address, the API per
client address, and failed sign-ins per (client address, username)."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, cast

from flask import Flask, current_app, g, has_request_context, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from limits.errors import ConfigurationError
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy import (
    Connection,
    Engine,
    Float,
    Integer,
    String,
    Table,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from webapp.models import RateLimitCounter

EXTENSION = "mains_eval_ratelimit"
DATABASE_SCHEME = "mains-eval-db"

DEFAULT_LIMITS = {
    # a classroom behind one address signs in together: generous per address, strict per account
    "LOGIN_RATE_LIMIT": "60 per minute",
    "LOGIN_FAILURE_LIMIT": "10 per 15 minutes",
    "REGISTER_RATE_LIMIT": "30 per hour",
    "API_RATE_LIMIT": "120 per minute",
}

ROUTE_LIMITS = {
    "auth.login": "LOGIN_RATE_LIMIT",
    "auth.register": "REGISTER_RATE_LIMIT",
    "api.evaluate_answer": "API_RATE_LIMIT",
}

_table = cast(Table, RateLimitCounter.__table__)
_T = TypeVar("_T")


def counter_engine(engine: Engine) -> Engine:
    """The engine the counters use: the app's own, except on PostgreSQL.

    There each hit is one upsert, atomic by itself, so the counters get a pool of their own in
    autocommit and without the app pool's pre-ping: one round trip per hit instead of four
    (ping, BEGIN, upsert, COMMIT), and the ping alone cost more than the upsert. A connection
    the server has dropped fails once and the work is done again (``DatabaseStorage._run``).
    Disposing of the app's engine disposes of this one."""
    if engine.dialect.name != "postgresql":
        return engine  # SQLite: a local file, no ping; others: the portable path needs transactions
    counters = create_engine(engine.url, isolation_level="AUTOCOMMIT")
    event.listen(engine, "engine_disposed", lambda _engine: counters.dispose())
    return counters


def _counted_in_this_request() -> dict[str, tuple[int, float]] | None:
    """Counter key -> (count, window end) as this request's own increments left them; None
    outside a request."""
    if not has_request_context():
        return None
    counted: dict[str, tuple[int, float]] = g.setdefault("_ratelimit_counted", {})
    return counted


def _upsert_statement(dialect: str) -> Any:
    """The hit as one atomic upsert returning (count, window end), on SQLite and PostgreSQL
    (None elsewhere), built once with bound parameters: building and caching the statement anew
    on every hit cost more than running it on SQLite."""
    if dialect not in ("sqlite", "postgresql"):
        return None
    insert = sqlite.insert if dialect == "sqlite" else postgresql.insert
    amount = bindparam("amount", type_=Integer)
    new_expiry = bindparam("new_expiry", type_=Float)
    expired = _table.c.expires_at <= bindparam("now", type_=Float)
    return (
        insert(_table)
        .values(key=bindparam("key", type_=String), count=amount, expires_at=new_expiry)
        .on_conflict_do_update(
            index_elements=[_table.c.key],
            set_={
                "count": case((expired, amount), else_=_table.c.count + amount),
                "expires_at": case((expired, new_expiry), else_=_table.c.expires_at),
            },
        )
        .returning(_table.c.count, _table.c.expires_at)
    )


class DatabaseStorage(Storage):
    """A `limits` storage of fixed-window counters in the app's database (one row per key).

    ``incr`` is one atomic upsert on SQLite and PostgreSQL, so concurrent workers never lose a
    hit; other databases use an update-then-insert transaction. The upsert returns the count and
    the window's end, and a read of a counter the same request has just counted answers from
    those: Flask-Limiter reads the window back for its ``X-RateLimit-*`` headers right after the
    hit, and two more queries per request were most of the limiter's cost on PostgreSQL."""

    STORAGE_SCHEME: ClassVar[list[str]] = [DATABASE_SCHEME]  # type: ignore[misc]
    PURGE_EVERY = 200
    """Delete expired rows every this many increments (rotating keys cannot grow the table)."""

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        engine: Engine | None = None,
        **options: Any,
    ) -> None:
        super().__init__(uri, wrap_exceptions)
        if engine is None:
            raise ConfigurationError(f"{DATABASE_SCHEME}:// needs the app's engine")
        self.engine = engine
        self._increments = itertools.count(1)
        self._upsert = _upsert_statement(engine.dialect.name)

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        count, expires_at = self._incr(key, expiry, amount)
        counted = _counted_in_this_request()
        if counted is not None:
            counted[key] = (count, expires_at)
        return count

    def _incr(self, key: str, expiry: int, amount: int) -> tuple[int, float]:
        now = time.time()
        if next(self._increments) % self.PURGE_EVERY == 0:
            self._run(lambda c: c.execute(delete(_table).where(_table.c.expires_at <= now)))
        if self._upsert is None:
            return self._incr_portable(key, expiry, amount, now)
        params = {"key": key, "amount": amount, "now": now, "new_expiry": now + expiry}
        count, expires_at = self._run(lambda c: c.execute(self._upsert, params).one())
        return int(count), float(expires_at)

    def _run(self, work: Callable[[Connection], _T]) -> _T:
        """``work`` in a transaction, and once more if the pooled connection had been dropped by
        the server (a restart, a failover): the pool is refreshed by then. The counters' pool has
        no pre-ping (``counter_engine``); at worst a hit that reached the server counts twice."""
        try:
            with self.engine.begin() as connection:
                return work(connection)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
        with self.engine.begin() as connection:
            return work(connection)

    def _incr_portable(self, key: str, expiry: int, amount: int, now: float) -> tuple[int, float]:
        for _ in range(3):
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        delete(_table).where(_table.c.key == key, _table.c.expires_at <= now)
                    )
                    updated = connection.execute(
                        update(_table)
                        .where(_table.c.key == key)
                        .values(count=_table.c.count + amount)
                    )
                    if not updated.rowcount:
                        connection.execute(
                            _table.insert().values(key=key, count=amount, expires_at=now + expiry)
                        )
                    count, expires_at = connection.execute(
                        select(_table.c.count, _table.c.expires_at).where(_table.c.key == key)
                    ).one()
                    return int(count), float(expires_at)
            except IntegrityError:  # another process inserted the key first: count again
                continue
        raise SQLAlchemyError(f"could not count a hit for {key!r}")

    def _row(self, key: str) -> tuple[int, float] | None:
        counted = _counted_in_this_request()
        if counted is not None and key in counted:
            count, expires_at = counted[key]
            return (count, expires_at) if expires_at > time.time() else None
        query = select(_table.c.count, _table.c.expires_at).where(
            _table.c.key == key, _table.c.expires_at > time.time()
        )
        row = self._run(lambda connection: connection.execute(query).first())
        return (int(row[0]), float(row[1])) if row else None

    def get(self, key: str) -> int:
        row = self._row(key)
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row[1] if row else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        counted = _counted_in_this_request()
        if counted is not None:
            counted.clear()
        return int(self._run(lambda c: c.execute(delete(_table)).rowcount) or 0)

    def clear(self, key: str) -> None:
        counted = _counted_in_this_request()
        if counted is not None:
            counted.pop(key, None)
        self._run(lambda c: c.execute(delete(_table).where(_table.c.key == key)))


class LoginThrottle:
    """Failed sign-ins per (client address, username), in the shared storage: enough to make
    password guessing slow on every worker together, without letting anyone lock a learner out
    from elsewhere. Without storage (``RATELIMIT_ENABLED = False``) it counts nothing and blocks
    no one."""

    def __init__(self, storage: Storage | None, limit: str) -> None:
        self.item: RateLimitItem = parse(limit)
        self.strategy = FixedWindowRateLimiter(storage) if storage is not None else None

    @staticmethod
    def _key(username: str) -> tuple[str, str, str]:
        return ("login-failures", get_remote_address() or "", username.lower())

    def blocked(self, username: str) -> bool:
        """Too many recent failures for this account from this address."""
        return self.strategy is not None and not self.strategy.test(self.item, *self._key(username))

    def failed(self, username: str) -> None:
        """Record a failure."""
        if self.strategy is not None:
            self.strategy.hit(self.item, *self._key(username))

    def succeeded(self, username: str) -> None:
        """Forget the failures after a good password."""
        if self.strategy is not None:
            self.strategy.clear(self.item, *self._key(username))

    def retry_after(self, username: str) -> int:
        """Seconds until the window ends."""
        if self.strategy is None:
            return 1
        reset = self.strategy.get_window_stats(self.item, *self._key(username)).reset_time
        return max(1, int(reset - time.time()) + 1)


def _configured_limit(name: str) -> Any:
    return lambda: current_app.config[name]


def init_app(app: Flask) -> Limiter:
    """Attach a Flask-Limiter to this app and limit sign-in, registration and the API."""
    for name, default in DEFAULT_LIMITS.items():
        app.config.setdefault(name, os.environ.get(f"MAINS_EVAL_{name}") or default)
    uri = app.config.setdefault(
        "RATELIMIT_STORAGE_URI",
        os.environ.get("MAINS_EVAL_RATELIMIT_STORAGE") or f"{DATABASE_SCHEME}://",
    )
    options: dict[str, Any] = {}
    if uri.startswith(f"{DATABASE_SCHEME}://"):
        from webapp.db import get_database

        options["engine"] = counter_engine(get_database(app).engine)
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=uri,
        storage_options=options,
        strategy="fixed-window",
        headers_enabled=True,
        key_prefix="mains-eval",
    )
    if not limiter.enabled:  # RATELIMIT_ENABLED = False: no storage, nothing to wrap
        app.extensions[EXTENSION] = LoginThrottle(None, app.config["LOGIN_FAILURE_LIMIT"])
        return limiter
    # one Limiter per app (its storage is per app); its decorator checks when the view runs, so
    # the app's views are wrapped here rather than decorated once at import
    for endpoint, setting in ROUTE_LIMITS.items():
        rule = limiter.limit(_configured_limit(setting), methods=["POST"])
        view: Any = app.view_functions[endpoint]
        app.view_functions[endpoint] = rule(view)
    app.extensions[EXTENSION] = LoginThrottle(limiter.storage, app.config["LOGIN_FAILURE_LIMIT"])
    return limiter


def login_throttle() -> LoginThrottle:
    """This app's failed-sign-in throttle."""
    return current_app.extensions[EXTENSION]


def rate_limit_message(exc: RateLimitExceeded) -> str:
    """What a client sees past a limit."""
    what = "sign-ins" if request.path.startswith("/auth/") else "requests"
    return f"Too many {what} from your address (limit: {exc.limit.limit}); wait and try again."

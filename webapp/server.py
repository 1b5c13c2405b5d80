"""Production serving: waitress in one process with N threads, or gunicorn's sync workers when
there are several (each loads the spaCy pipeline once, at start, not per request).

A serving process builds its app (the imports of Flask, SQLAlchemy, the library and spaCy) with
Python's cyclic garbage collector paused (``evaluator.cli.collections_paused``), the
pattern the `gc` module documents for servers that fork their workers."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from evaluator.cli import collections_paused
from webapp import create_app

if TYPE_CHECKING:
    from flask import Flask

# Flask, SQLAlchemy and the rest are imported by create_app, inside `collections_paused`


def checked_app() -> Flask:
    """The app, refusing a database whose schema is not this version's (SchemaBehind names
    `mains-eval db upgrade`, or says a newer release wrote it)."""
    from webapp.schema import SchemaBehind, require_current

    app = create_app()  # creates the schema in an empty database, and the secret key
    try:
        require_current(app.extensions["mains_eval_db"].engine)
    except SchemaBehind:
        app.extensions["mains_eval_db"].engine.dispose()
        raise
    return app


def warn_of_ignored_rubrics(app: Flask) -> None:
    """Log one warning per rubric folder left out because another folder has its id: the
    tutor who copied a rubric next to the original learns which one is served, and the fix."""
    from webapp.grading import ignored_rubrics

    with app.app_context():
        for duplicate in ignored_rubrics():
            app.logger.warning("%s", duplicate.message)


def warm_up(app: Flask) -> None:
    """Load the pipeline and every usable rubric now, so the first learner does not wait."""
    from webapp.grading import catalogue, score

    with app.app_context():
        for topic in catalogue():
            if topic.loaded is not None and topic.questions:
                score("Warm-up.", topic.id, topic.questions[0].id)


def wsgi_app(app: Flask, behind_proxy: bool) -> Any:
    """The WSGI callable, with X-Forwarded-* trusted only when told there is a proxy."""
    if not behind_proxy:
        return app
    from werkzeug.middleware.proxy_fix import ProxyFix

    return ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket (port 0 picks a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve_socket(app: Flask, sock: socket.socket, threads: int, behind_proxy: bool) -> None:
    """Run waitress on an already bound socket until interrupted."""
    import waitress

    with contextlib.suppress(KeyboardInterrupt):
        waitress.serve(
            wsgi_app(app, behind_proxy),
            sockets=[sock],
            threads=threads,
            ident="mains-eval",
            # waitress buffers the whole request; our own limit (413) is MAX_CONTENT_LENGTH
            max_request_body_size=64 * 1024 * 1024,
        )


def run(
    host: str,
    port: int,
    *,
    workers: int = 1,
    threads: int = 4,
    behind_proxy: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the app: schema and secret key are checked once here, then the workers start.

    One worker: waitress in this process, with ``threads`` threads. Several: gunicorn's sync
    workers on the same socket, each taking one request per connection, so requests go to
    whichever worker is idle (gunicorn restarts a worker that dies).
    """
    with collections_paused():  # a start that fails (schema, port) freezes nothing
        app = checked_app()  # the schema and the secret key exist before any worker starts
        try:
            sock = bind(host, port)
        except OSError:
            app.extensions["mains_eval_db"].engine.dispose()
            raise
    warn_of_ignored_rubrics(app)  # once, here: not again in every gunicorn worker
    from webapp.published import warn_of_published_only  # imported by create_app already

    warn_of_published_only(app)  # likewise once: a published copy whose original has gone
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    shape = (
        f"{workers} worker processes, one request each at a time"
        if workers > 1
        else f"1 process x {threads} threads"
    )
    echo(
        f"mains-eval: serving on http://{shown_host}:{actual_port} "
        f"({shape}; instance {app.instance_path})"
    )
    sys.stdout.flush()
    if workers <= 1:
        signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly, like Ctrl-C
        warm_up(app)
        echo("mains-eval: ready")
        sys.stdout.flush()
        serve_socket(app, sock, threads, behind_proxy)
        return
    app.extensions["mains_eval_db"].engine.dispose()
    # gunicorn takes the socket over (and closes it when it stops)
    _run_gunicorn(sock.detach(), workers, behind_proxy)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


WORKER_TIMEOUT_SECONDS = 120
"""How long gunicorn lets a worker stay silent before replacing it: the tuning page's longest
run, with room (the page tells the tutor it takes up to a minute)."""


def _run_gunicorn(fd: int, workers: int, behind_proxy: bool) -> None:
    """gunicorn's arbiter on our already bound socket; each worker builds its own app."""
    from gunicorn.app.base import BaseApplication  # POSIX only: imported when needed

    class _Gunicorn(BaseApplication):
        """Our settings, and a fresh app in each worker."""

        def __init__(self, fd: int, workers: int, behind_proxy: bool) -> None:
            self._fd = fd
            self._workers = workers
            self._behind_proxy = behind_proxy
            super().__init__()

        def load_config(self) -> None:
            settings = {
                "bind": [f"fd://{self._fd}"],
                "workers": self._workers,
                "worker_class": "sync",
                # a worker silent this long is replaced. Grading takes milliseconds, but a tutor's
                # tuning upload of 150 answers takes 20-40 s on a busy 2-core machine (at 30 s,
                # hostile trial 33 saw it killed and answered with a 500)
                "timeout": WORKER_TIMEOUT_SECONDS,
                "graceful_timeout": 10,
                "post_worker_init": _worker_ready,
                "accesslog": None,
                "loglevel": "warning",
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            """Called in each worker: the worker's own app (its own database connections)."""
            with collections_paused():
                self.flask_app = create_app()
            return wsgi_app(self.flask_app, self._behind_proxy)

    _Gunicorn(fd, workers, behind_proxy).run()


def _worker_ready(worker: Any) -> None:
    """Warm the worker's pipeline and rubrics before it takes a request."""
    warm_up(worker.app.flask_app)
    # one write per line: print() writes the text and its newline apart, and with an unbuffered
    # stdout (PYTHONUNBUFFERED) two workers' lines interleave into one ("ready" twice, no newline)
    sys.stdout.write(f"mains-eval: worker {os.getpid()} ready\n")
    sys.stdout.flush()

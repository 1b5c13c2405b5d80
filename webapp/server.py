"""Production serving with waitress: one process with N threads, or several worker processes
sharing one listening socket (each loads the spaCy pipeline once, at start, not per request).

``python -m webapp.server --fd N`` is the worker entry point the supervisor starts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from flask import Flask

from webapp import create_app

RESTART_PAUSE_S = 1.0


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
    """Serve the app: tables and secret key are prepared once here, then the workers start."""
    app = create_app()  # creates the tables and the secret key before any worker exists
    try:
        sock = bind(host, port)
    except OSError:
        app.extensions["mains_eval_db"].engine.dispose()
        raise
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    echo(
        f"mains-eval: serving on http://{shown_host}:{actual_port} "
        f"({workers} worker process(es) x {threads} threads; instance {app.instance_path})"
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
    supervise(sock, workers, threads, behind_proxy, echo)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _spawn(sock: socket.socket, threads: int, behind_proxy: bool) -> subprocess.Popen[bytes]:
    fd = sock.fileno()
    command = [sys.executable, "-m", "webapp.server", "--fd", str(fd), "--threads", str(threads)]
    if behind_proxy:
        command.append("--behind-proxy")
    return subprocess.Popen(command, pass_fds=(fd,))


def supervise(
    sock: socket.socket,
    workers: int,
    threads: int,
    behind_proxy: bool,
    echo: Callable[[str], None],
) -> None:
    """Start the worker processes, restart any that dies, stop them all on SIGTERM or Ctrl-C."""
    children = [_spawn(sock, threads, behind_proxy) for _ in range(workers)]
    stopping = False

    def _stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stopping:
            time.sleep(0.2)
            for index, child in enumerate(children):
                code = child.poll()
                if code is not None and not stopping:
                    echo(f"mains-eval: worker {child.pid} exited with {code}; restarting it")
                    time.sleep(RESTART_PAUSE_S)
                    children[index] = _spawn(sock, threads, behind_proxy)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        sock.close()


def _worker_main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="mains-eval worker process (started by serve)")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--behind-proxy", action="store_true")
    args = parser.parse_args(argv)
    # the supervisor handles Ctrl-C; a worker stops cleanly when told (SIGTERM)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _interrupt)
    sock = socket.socket(fileno=args.fd)
    app = create_app()
    warm_up(app)
    print(f"mains-eval: worker {os.getpid()} ready", flush=True)
    serve_socket(app, sock, args.threads, args.behind_proxy)


if __name__ == "__main__":
    _worker_main()

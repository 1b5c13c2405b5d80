"""`mains-eval serve` and `mains-eval init-db`: the web app under waitress (a production WSGI
server). The web layer is imported only when these commands run: the library never needs it."""

from __future__ import annotations

import os

import click

from evaluator.cli.common import UserError

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


def register(group: click.Group) -> None:
    """Attach `serve`, `init-db` and `db`."""
    group.add_command(serve_command)
    group.add_command(init_db_command)
    from webapp.db_cli import db_group  # `db upgrade/current/downgrade`: moves with serve

    group.add_command(db_group)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0 picks a free one and prints it).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes, each with its own spaCy pipeline (about one per core); more than one "
    "run as gunicorn sync workers.",
)
@click.option(
    "--threads",
    default=4,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Waitress threads with one worker (slow clients); a worker scores one answer at a time.",
)
@click.option(
    "--behind-proxy",
    is_flag=True,
    help="Trust one reverse proxy's X-Forwarded-For/Proto/Host/Prefix headers.",
)
@instance_option
def serve_command(
    host: str, port: int, workers: int, threads: int, behind_proxy: bool, instance: str | None
) -> None:
    """Serve the web app (waitress; gunicorn with several workers), with the database in the
    instance folder or $DATABASE_URL."""
    use_instance(instance)
    from webapp.server import run

    try:
        run(
            host, port, workers=workers, threads=threads, behind_proxy=behind_proxy, echo=click.echo
        )
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


@click.command("init-db")
@instance_option
def init_db_command(instance: str | None) -> None:
    """Create the latest schema in an empty database (serve also does this on start)."""
    use_instance(instance)
    from webapp import create_app
    from webapp.db import get_database
    from webapp.schema import require_current

    engine = get_database(create_app()).engine
    try:
        require_current(engine)  # an older database: `mains-eval db upgrade`
    finally:
        engine.dispose()
    click.echo(f"database ready: {engine.url.render_as_string(hide_password=True)}")

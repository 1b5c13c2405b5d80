"""The web app's commands (`serve`, `init-db`, `user ...`, `db ...`) on top of the library's
`mains-eval` group. This is the console entry point: the library's CLI (``python -m evaluator``)
never imports the web app; this module adds to it. Flask and the database layer are imported only
when one of these commands runs, so `mains-eval --help` and `mains-eval grade` stay fast."""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from evaluator import plural
from evaluator.cli import UserError
from evaluator.cli import main as library_main
from webapp.instance import instance_option, use_instance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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


@click.group("user")
def user_group() -> None:
    """Manage web app accounts (learners and tutors)."""


@contextmanager
def _session(instance: str | None) -> Iterator[Session]:
    use_instance(instance)
    from webapp import create_app
    from webapp.db import get_database
    from webapp.schema import require_current

    app = create_app()
    engine = get_database(app).engine
    try:
        require_current(engine)  # accounts in an older schema: `mains-eval db upgrade` first
        with app.app_context(), get_database(app).sessions() as session:
            yield session
    finally:
        engine.dispose()  # a CLI command leaves no connection open behind it


def _read_password(password_stdin: bool, username: str) -> str:
    from webapp.passwords import password_problem

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, username)
    if problem:
        raise UserError(f"the password is refused: {problem[0].lower()}{problem[1:].rstrip('.')}")
    return password


def _check_username(username: str) -> None:
    import re

    from webapp.forms import USERNAME_PATTERN

    if not re.match(USERNAME_PATTERN, username):
        raise UserError(f"bad username {username!r}: use 3-40 letters, digits, '.', '_' or '-'")


password_stdin_option = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)


@user_group.command("add")
@click.argument("username")
@click.option("--tutor", is_flag=True, help="Give the account the tutor role.")
@password_stdin_option
@instance_option
def add_command(username: str, tutor: bool, password_stdin: bool, instance: str | None) -> None:
    """Create an account (a learner, or a tutor with --tutor)."""
    _check_username(username)
    password = _read_password(password_stdin, username)
    from webapp.auth import create_user

    with _session(instance) as session:
        try:
            user = create_user(session, username, password, tutor=tutor)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        click.echo(f"added {user.role} {user.username}")


def _set_role(username: str, tutor: bool, instance: str | None) -> None:
    from webapp.auth import find_user

    with _session(instance) as session:
        user = find_user(session, username)
        if user is None:
            raise UserError(f"no user {username!r} (see `mains-eval user list`)")
        user.is_tutor = tutor
        session.commit()
        click.echo(f"{user.username} is now a {user.role}")


@user_group.command("promote")
@click.argument("username")
@instance_option
def promote_command(username: str, instance: str | None) -> None:
    """Make an existing account a tutor."""
    _set_role(username, True, instance)


@user_group.command("demote")
@click.argument("username")
@instance_option
def demote_command(username: str, instance: str | None) -> None:
    """Make a tutor a learner again."""
    _set_role(username, False, instance)


@user_group.command("passwd")
@click.argument("username")
@password_stdin_option
@instance_option
def passwd_command(username: str, password_stdin: bool, instance: str | None) -> None:
    """Set a new password for an account (this signs the account out everywhere)."""
    from webapp.auth import find_user, set_password

    password = _read_password(password_stdin, username)
    with _session(instance) as session:
        user = find_user(session, username)
        if user is None:
            raise UserError(f"no user {username!r} (see `mains-eval user list`)")
        set_password(session, user, password)
        click.echo(f"password changed for {user.username}; every session of theirs has ended")


@user_group.command("list")
@instance_option
def list_command(instance: str | None) -> None:
    """List the accounts with their role and number of attempts."""
    from sqlalchemy import func, select

    from webapp.models import Attempt, User

    with _session(instance) as session:
        counts = dict(
            session.execute(select(Attempt.user_id, func.count()).group_by(Attempt.user_id)).all()
        )
        for user in session.scalars(select(User).order_by(User.username)):
            click.echo(f"{user.username}\t{user.role}\t{plural(counts.get(user.id, 0), 'attempt')}")


def _build_main() -> click.Group:
    """A copy of the library's group (left untouched) with the web app's commands added."""
    group = copy.copy(library_main)
    group.commands = dict(library_main.commands)
    group.add_command(serve_command)
    group.add_command(init_db_command)
    group.add_command(user_group)
    from webapp.db_cli import db_group  # `db upgrade/current/downgrade/revision`

    group.add_command(db_group)
    return group


main = _build_main()
"""`mains-eval`: the library's verbs plus the web app's (serve, init-db, user)."""

if __name__ == "__main__":  # `python -m webapp.cli`, the same as `python -m webapp`
    main(prog_name="mains-eval")

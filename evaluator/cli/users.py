"""`mains-eval user`: accounts for the web app (add, promote to tutor, demote, list, password).
The web layer is imported only when these commands run."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from evaluator.cli.common import UserError
from evaluator.cli.serve import instance_option, use_instance

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MIN_PASSWORD = 8


def register(group: click.Group) -> None:
    """Attach the `user` group."""
    group.add_command(user_group)


@click.group("user")
def user_group() -> None:
    """Manage web app accounts (learners and tutors)."""


@contextmanager
def _session(instance: str | None) -> Iterator[Session]:
    use_instance(instance)
    from webapp import create_app
    from webapp.db import get_database

    app = create_app()
    with app.app_context(), get_database(app).sessions() as session:
        yield session


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password needs at least {MIN_PASSWORD} characters")
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
    password = _read_password(password_stdin)
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
    """Set a new password for an account."""
    from werkzeug.security import generate_password_hash

    from webapp.auth import find_user

    password = _read_password(password_stdin)
    with _session(instance) as session:
        user = find_user(session, username)
        if user is None:
            raise UserError(f"no user {username!r} (see `mains-eval user list`)")
        user.password_hash = generate_password_hash(password)
        session.commit()
        click.echo(f"password changed for {user.username}")


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
            click.echo(f"{user.username}\t{user.role}\t{counts.get(user.id, 0)} attempt(s)")

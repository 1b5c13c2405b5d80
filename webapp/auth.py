"""Accounts: register, sign in, sign out (Flask-Login, werkzeug password hashes), roles."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.exceptions import TooManyRequests
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from webapp.db import get_session
from webapp.forms import ActionForm, LoginForm, RegisterForm
from webapp.models import User
from webapp.ratelimit import login_throttle

bp = Blueprint("auth", __name__, url_prefix="/auth")
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to practise and see your attempts."
login_manager.login_message_category = "info"

F = TypeVar("F", bound=Callable[..., Any])


@cache
def _dummy_hash() -> str:
    """Hashed once, on the first login, so that a login for an unknown name costs as much as for a
    known one (not at import: every worker boot would pay for a deliberately slow hash)."""
    return generate_password_hash("not a real password")


def init_app(app: Flask) -> None:
    """Attach Flask-Login."""
    login_manager.init_app(app)


@login_manager.user_loader
def _load_user(alternative_id: str) -> User | None:
    # "<id>:<session generation>" (User.get_id): a cookie from an earlier generation, or from
    # before generations existed, loads nobody, so it signs no one in
    user_id, _, generation = alternative_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit() and generation.isascii()):
        return None
    if not generation.isdigit() or len(user_id) > 18:
        return None
    user = get_session().get(User, int(user_id))
    if user is None or str(user.session_generation or 0) != generation:
        return None
    return user


def tutor_required(view: F) -> F:
    """Only tutors may open this view (403 for learners, sign-in page for visitors)."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_tutor:
            abort(403, "This page is for tutors.")
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def find_user(session: Session, username: str) -> User | None:
    """The user with this name, case-insensitively."""
    return session.scalar(select(User).where(func.lower(User.username) == username.lower()))


def create_user(session: Session, username: str, password: str, *, tutor: bool = False) -> User:
    """Add an account; ValueError if the name is taken."""
    if find_user(session, username) is not None:
        raise ValueError(f"the username {username!r} is taken")
    user = User(username=username, password_hash=generate_password_hash(password), is_tutor=tutor)
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent registration took the name
        session.rollback()
        raise ValueError(f"the username {username!r} is taken") from exc
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """Change the password and end every session and remember-token of the account."""
    user.password_hash = generate_password_hash(password)
    user.end_sessions()
    session.commit()


def verify_user(session: Session, username: str, password: str) -> User | None:
    """The user if the password matches, else None (same cost either way)."""
    user = find_user(session, username)
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def _safe_next(target: str | None) -> str:
    # only same-site relative paths: never an open redirect to another host
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target:
            return target
    return url_for("practice.home")


@bp.route("/register", methods=["GET", "POST"])
def register() -> str | Response:
    """Create a learner account and sign in."""
    if not current_app.config["ALLOW_REGISTRATION"]:
        abort(403, "Registration is closed here; ask your tutor for an account.")
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = create_user(get_session(), form.username.data or "", form.password.data or "")
        except ValueError:
            form.username.errors = [*form.username.errors, "That username is taken."]
        else:
            login_user(user)
            flash(f"Welcome, {user.username}. Pick a question to start.", "success")
            return redirect(url_for("practice.home"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Sign in."""
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data or ""
        throttle = login_throttle()
        if throttle.blocked(username):
            raise TooManyRequests(
                "Too many failed sign-ins for this account from here; wait 15 minutes.",
                retry_after=throttle.retry_after(username),
            )
        user = verify_user(get_session(), username, form.password.data or "")
        if user is None:
            throttle.failed(username)
            flash("Unknown username or wrong password.", "error")
        else:
            throttle.succeeded(username)
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out (POST with a CSRF token, so no other site can sign a learner out). This ends
    every session and remember-token of the account, on every device: a copied cookie is
    worthless afterwards."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400, "The sign-out form expired; reload the page and try again.")
    if current_user.is_authenticated:
        user = get_session().get(User, current_user.id)
        if user is not None:
            user.end_sessions()
            get_session().commit()
    logout_user()
    flash("Signed out.", "info")
    return redirect(url_for("practice.home"))

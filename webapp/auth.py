"""Accounts: register, sign in, sign out (Flask-Login, werkzeug password hashes), roles."""

from __future__ import annotations

import threading
import time
from collections import deque
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
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from webapp.db import get_session
from webapp.forms import ActionForm, LoginForm, RegisterForm
from webapp.models import User

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


MAX_FAILED_LOGINS = 10
FAILED_LOGIN_WINDOW_S = 15 * 60


class LoginThrottle:
    """Failed sign-ins per (client address, username) in a sliding window, per process: enough
    to make password guessing slow without letting anyone lock a learner out from elsewhere."""

    def __init__(self, limit: int = MAX_FAILED_LOGINS, window: float = FAILED_LOGIN_WINDOW_S):
        self.limit, self.window = limit, window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)  # only keys with recent failures are kept
        return times

    def blocked(self, key: tuple[str, str]) -> bool:
        """Too many recent failures for this key."""
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def failed(self, key: tuple[str, str]) -> None:
        """Record a failure."""
        with self._lock:
            now = time.monotonic()
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times

    def reset(self) -> None:
        """Forget every failure."""
        with self._lock:
            self._failures.clear()

    def succeeded(self, key: tuple[str, str]) -> None:
        """Forget the failures after a good password."""
        with self._lock:
            self._failures.pop(key, None)


throttle = LoginThrottle()


def init_app(app: Flask) -> None:
    """Attach Flask-Login."""
    login_manager.init_app(app)


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    try:
        return get_session().get(User, int(user_id))
    except ValueError:
        return None


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
        key = (request.remote_addr or "", (form.username.data or "").lower())
        if throttle.blocked(key):
            abort(429, "Too many failed sign-ins for this account from here; wait 15 minutes.")
        user = verify_user(get_session(), form.username.data or "", form.password.data or "")
        if user is None:
            throttle.failed(key)
            flash("Unknown username or wrong password.", "error")
        else:
            throttle.succeeded(key)
            login_user(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out (POST with a CSRF token, so no other site can sign a learner out)."""
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400, "The sign-out form expired; reload the page and try again.")
    logout_user()
    flash("Signed out.", "info")
    return redirect(url_for("practice.home"))

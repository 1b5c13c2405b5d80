"""The Mains Answer Evaluator web app: practise in the browser, see highlighted feedback, track
progress. ``create_app(test_config=None)`` is the factory (flaskr style); one blueprint per concern.

Configuration comes from the environment (see docs/deployment.md):

- ``MAINS_EVAL_INSTANCE``: instance folder (SQLite database, generated secret key).
- ``DATABASE_URL``: any SQLAlchemy URL; default ``sqlite:///<instance>/mains-eval.sqlite``.
- ``MAINS_EVAL_SECRET_KEY``: session signing key; default generated once into the instance folder.
- ``MAINS_EVAL_API_TOKEN``: if set, ``POST /api/v1/evaluate`` requires ``Authorization: Bearer``.
- ``MAINS_EVAL_RUBRICS``: rubrics folder (read by the library).
- ``MAINS_EVAL_PUBLISHED``: where tutors' published rubrics are written; default
  ``<instance>/published-rubrics``. A rubric there is served in place of its id's folder.
- ``MAINS_EVAL_SECURE_COOKIES=1``: mark cookies Secure (serve behind HTTPS).
- ``MAINS_EVAL_ALLOW_REGISTRATION=0``: no self-registration (``mains-eval user add`` only).
- ``MAINS_EVAL_RATELIMIT_STORAGE``: where rate-limit counters live; default the database.
- ``MAINS_EVAL_{LOGIN,LOGIN_FAILURE,REGISTER,API}_RATE_LIMIT``: limits such as ``60 per minute``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

MAX_REQUEST_BYTES = 1024 * 1024
"""Largest request body: room for a 100,000-character answer percent-encoded, nothing more."""


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app; ``test_config`` overrides settings (tests pass a tmp INSTANCE_PATH)."""
    # imported here, not at the top: `mains-eval --help` and `grade` load this package's CLI and
    # must not pay for Flask
    from flask import Flask

    config = dict(test_config or {})
    instance = config.pop("INSTANCE_PATH", None) or os.environ.get("MAINS_EVAL_INSTANCE")
    app = Flask(
        __name__,
        instance_path=str(Path(instance).expanduser().resolve()) if instance else None,
        instance_relative_config=True,
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    from webapp.published import DEFAULT_FOLDER, ENV_PUBLISHED

    default_db = "sqlite:///" + str(Path(app.instance_path) / "mains-eval.sqlite")
    app.config.from_mapping(
        DATABASE_URL=os.environ.get("DATABASE_URL") or default_db,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        RUBRICS_DIR=None,
        PUBLISHED_RUBRICS_DIR=os.environ.get(ENV_PUBLISHED)
        or str(Path(app.instance_path) / DEFAULT_FOLDER),
        API_TOKEN=os.environ.get("MAINS_EVAL_API_TOKEN") or None,
        ALLOW_REGISTRATION=_env_flag("MAINS_EVAL_ALLOW_REGISTRATION", True),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=_env_flag("MAINS_EVAL_SECURE_COOKIES", False),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=_env_flag("MAINS_EVAL_SECURE_COOKIES", False),
        # A learner may keep the write page open for hours: the token lives as long as the
        # session, so a late submit is never rejected and its text never lost.
        WTF_CSRF_TIME_LIMIT=None,
        SQLITE_BUSY_TIMEOUT_MS=15_000,
    )
    app.config.update(config)
    from webapp.fastjson import OrjsonProvider

    # the API's reports keep the key order `mains-eval grade --json` prints (sort_keys off)
    app.json = OrjsonProvider(app)

    from webapp import security

    security.init_app(app)

    from webapp import db

    db.init_app(app)

    from webapp import auth, errors, ratelimit, richtext

    auth.init_app(app)
    errors.init_app(app)
    richtext.init_app(app)

    from webapp import api, history, practice, rubrics, tuning

    app.register_blueprint(practice.bp)
    app.register_blueprint(history.bp)
    app.register_blueprint(rubrics.bp)
    app.register_blueprint(tuning.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(api.bp)
    security.csrf.exempt(api.bp)
    ratelimit.init_app(app)  # wraps the views above
    return app

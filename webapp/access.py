"""Who may see which attempt: owners and tutors. Everyone else gets the same 404 as for an
attempt that does not exist, so ids reveal nothing."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from webapp.db import get_session
from webapp.models import Attempt

MAX_ROW_ID = 2**63 - 1
"""Largest id any supported database stores (SQLite's INTEGER, PostgreSQL's BIGINT)."""


def attempt_for_viewer(attempt_id: int) -> Attempt:
    """The attempt if the signed-in user owns it or is a tutor; 404 otherwise (also for an id
    no database could hold, which would otherwise overflow the driver)."""
    if not 0 < attempt_id <= MAX_ROW_ID:
        abort(404, "No such attempt.")
    attempt = get_session().get(Attempt, attempt_id)
    if attempt is None or not (current_user.is_tutor or attempt.user_id == current_user.id):
        abort(404, "No such attempt.")
    return attempt

"""History: a learner's attempts per question, marks over time and attempt-to-attempt diffs.
Tutors see every learner's attempts."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp.charts import LineChart, marks_chart
from webapp.db import get_session
from webapp.models import GRADED, Attempt, User

bp = Blueprint("history", __name__, url_prefix="/history")

TUTOR_PAGE_SIZE = 300


@dataclass
class AttemptRow:
    """An attempt with what changed since the previous graded attempt at the same question."""

    attempt: Attempt
    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    delta: float | None = None


@dataclass
class QuestionHistory:
    """All of one learner's attempts at one question, oldest first."""

    rubric_id: str
    question_id: str
    question_text: str
    rows: list[AttemptRow]
    chart: LineChart | None


def concept_diff(before: Attempt, after: Attempt) -> tuple[list[str], list[str]]:
    """Concepts credited in ``after`` but not ``before`` (gained), and the reverse (lost)."""
    old, new = before.credited_concepts(), after.credited_concepts()
    gained = [label for cid, label in new.items() if cid not in old]
    lost = [label for cid, label in old.items() if cid not in new]
    return gained, lost


def build_histories(attempts: list[Attempt]) -> list[QuestionHistory]:
    """Group attempts by question (oldest first) and diff each graded one against the last."""
    grouped: dict[tuple[str, str], list[Attempt]] = {}
    for attempt in sorted(attempts, key=lambda a: a.id):
        grouped.setdefault((attempt.rubric_id, attempt.question_id), []).append(attempt)
    histories = []
    for (rubric_id, question_id), items in grouped.items():
        rows, previous = [], None
        for attempt in items:
            row = AttemptRow(attempt)
            if attempt.status == GRADED:
                if previous is not None:
                    row.gained, row.lost = concept_diff(previous, attempt)
                    row.delta = round((attempt.marks or 0) - (previous.marks or 0), 2)
                previous = attempt
            rows.append(row)
        graded = [a for a in items if a.status == GRADED]
        text = ""
        if graded:
            text = str((graded[-1].report or {}).get("question", {}).get("text", ""))
        histories.append(QuestionHistory(rubric_id, question_id, text, rows, marks_chart(graded)))
    return histories


@bp.route("/")
@login_required
def index() -> str:
    """The signed-in learner's history; tutors get every learner's attempts, filterable."""
    session = get_session()
    if current_user.is_tutor:
        query = select(Attempt).join(User).order_by(Attempt.id.desc()).limit(TUTOR_PAGE_SIZE)
        learner = request.args.get("user", "").strip()
        if learner:
            query = query.where(User.username == learner)
        attempts = list(session.scalars(query))
        return render_template("history/tutor.html", attempts=attempts, learner=learner)
    attempts = list(session.scalars(select(Attempt).where(Attempt.user_id == current_user.id)))
    return render_template("history/index.html", histories=build_histories(attempts))

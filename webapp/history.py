"""History: a learner's attempts per question, marks over time and attempt-to-attempt diffs.
Tutors see every learner's attempts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from webapp.charts import LineChart, marks_chart
from webapp.db import get_session
from webapp.models import GRADED, Attempt, User

bp = Blueprint("history", __name__, url_prefix="/history")

TUTOR_PAGE_SIZE = 300

LIMIT_NAMES = {
    "empty": "an empty answer",
    "too_short": "too short",
    "over_limit": "over the word limit",
    "off_topic": "off the topic",
    "keyword_stuffing": "a list of keywords",
    "fact_list": "a list of facts",
    "one_sided": "one-sided",
    "missing_part": "part missing",
    "copied_source": "copied from the notes",
    "repetition": "repeated sentences",
    "factual_errors": "wrong facts",
}
"""What each advisory that caps or deducts marks is about, as the history names it once it no
longer applies (an advisory this list does not know is named by its code)."""


@dataclass
class AttemptRow:
    """An attempt with what changed since the previous graded attempt at the same question."""

    attempt: Attempt
    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    lifted: list[str] = field(default_factory=list)
    """The caps and deductions of the previous attempt that no longer apply, in words ('No
    longer capped: copied from the notes'), each once."""
    imposed: list[str] = field(default_factory=list)
    """The caps and deductions this attempt has that the one it is measured from had not ('Now
    capped: too short'), each once: why marks fell when few points were lost (trial 31c)."""
    delta: float | None = None
    base: Attempt | None = None
    """The attempt the changes are measured from: the one this was rewritten from ("Rewrite
    this answer" on an older attempt), else the previous graded attempt at the question."""

    @property
    def rewrite(self) -> bool:
        """Whether the changes are from the attempt this one was rewritten from, and that is
        not simply the attempt before it."""
        return self.base is not None and self.base.id == self.attempt.rewrite_of


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


def _limits(attempt: Attempt) -> tuple[set[str], set[str]]:
    """The codes of the attempt's advisories that cap its marks, and of those that deduct."""
    capped: set[str] = set()
    deducted: set[str] = set()
    for advisory in (attempt.report or {}).get("advisories") or []:
        if not isinstance(advisory, Mapping) or not advisory.get("code"):
            continue
        code = str(advisory["code"])
        if advisory.get("cap") is not None:
            capped.add(code)
        if _positive(advisory.get("penalty")):
            deducted.add(code)
    return capped, deducted


def _positive(value: Any) -> bool:
    try:
        return float(value or 0) > 0
    except (TypeError, ValueError):
        return False


def _limit_name(code: str) -> str:
    return LIMIT_NAMES.get(code, code.replace("_", " "))


def lifted_limits(before: Attempt, after: Attempt) -> list[str]:
    """The caps and deductions of ``before`` that ``after`` no longer has, in words, each once:
    why marks rose when no point was added."""
    capped_before, deducted_before = _limits(before)
    capped_after, deducted_after = _limits(after)
    caps = capped_before - capped_after
    deductions = deducted_before - deducted_after - caps  # a lifted cap names its advisory
    lifted = [f"No longer capped: {_limit_name(c)}" for c in sorted(caps, key=_in_order)]
    lifted += [f"No longer deducted: {_limit_name(c)}" for c in sorted(deductions, key=_in_order)]
    return list(dict.fromkeys(lifted))


def imposed_limits(before: Attempt, after: Attempt) -> list[str]:
    """The caps and deductions ``after`` has that ``before`` had not, in words, each once."""
    return [
        line.replace("No longer capped", "Now capped").replace("No longer deducted", "Now deducted")
        for line in lifted_limits(after, before)
    ]


def _in_order(code: str) -> tuple[int, str]:
    """The order the result page lists advisories in (unknown codes last)."""
    order = list(LIMIT_NAMES)
    return (order.index(code) if code in order else len(order), code)


def build_histories(attempts: list[Attempt]) -> list[QuestionHistory]:
    """Group attempts by question (oldest first) and diff each graded one against the attempt
    it was rewritten from, or else the last graded one before it."""
    grouped: dict[tuple[str, str], list[Attempt]] = {}
    for attempt in sorted(attempts, key=lambda a: a.id):
        grouped.setdefault((attempt.rubric_id, attempt.question_id), []).append(attempt)
    histories = []
    for (rubric_id, question_id), items in grouped.items():
        rows, previous = [], None
        graded_here = {a.id: a for a in items if a.status == GRADED}
        for attempt in items:
            row = AttemptRow(attempt)
            if attempt.status == GRADED:
                # a rewrite of an older attempt is measured from the attempt it rewrote (a
                # learner trial: rewriting #3 after #5 showed the change from #5)
                source = graded_here.get(attempt.rewrite_of or 0)
                base = source if source is not None and source.id < attempt.id else previous
                if base is not None:
                    row.base = base
                    row.gained, row.lost = concept_diff(base, attempt)
                    row.lifted = lifted_limits(base, attempt)
                    row.imposed = imposed_limits(base, attempt)
                    row.delta = round((attempt.marks or 0) - (base.marks or 0), 2)
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

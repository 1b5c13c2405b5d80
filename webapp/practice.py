"""Practice: the home page with topics and questions, the write page, the result page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from evaluator.errors import EvaluatorError
from evaluator.rubric import LoadedRubric, Question
from webapp.access import MAX_ROW_ID, attempt_for_viewer
from webapp.db import get_session
from webapp.forms import ActionForm, AnswerForm, unmarkable_reason
from webapp.grading import catalogue, get_rubric, grade_attempt, report_summary, timer_minutes
from webapp.highlight import answer_legend, highlight_answer
from webapp.models import ERROR, GRADED, PENDING, Attempt
from webapp.richtext import render_markdown

bp = Blueprint("practice", __name__)


def _question_or_404(rubric_id: str, question_id: str) -> tuple[LoadedRubric, Question]:
    try:
        loaded = get_rubric(rubric_id)
        return loaded, loaded.rubric.question(question_id)
    except EvaluatorError:
        abort(404, "No such question.")


def normalise_newlines(text: str) -> str:
    """Browsers send CRLF from a textarea; the scorer's offsets refer to LF text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@bp.route("/")
def home() -> str:
    """Topics and their questions, with marks, word limit and directive."""
    return render_template("practice/home.html", topics=catalogue(), timer_minutes=timer_minutes)


@bp.route("/write/<rubric_id>/<question_id>", methods=["GET", "POST"])
@login_required
def write(rubric_id: str, question_id: str) -> str | Response:
    """Write an answer; on submit it is stored first, then graded."""
    loaded, question = _question_or_404(rubric_id, question_id)
    form = AnswerForm()
    prefilled = False
    source_id = request.args.get("from", "")
    if request.method == "GET" and _an_id(source_id):
        # "rewrite": start from one of the viewer's own earlier answers
        # more than 19 digits is past any database's ids (and int() refuses 4,300 digits)
        source = attempt_for_viewer(int(source_id) if len(source_id) <= 19 else 0)
        if (source.rubric_id, source.question_id) == (loaded.id, question.id):
            form.answer.data = source.answer
            prefilled = True
        else:  # an answer to another question is no draft of this one
            flash(
                f"Attempt {source.id} answers another question, so the text box starts empty.",
                "info",
            )
    if form.validate_on_submit():
        session = get_session()
        attempt = Attempt(
            user_id=current_user.id,
            rubric_id=loaded.id,
            question_id=question.id,
            answer=normalise_newlines(form.answer.data or ""),
            status=PENDING,
            max_marks=question.max_marks,
            rewrite_of=_rewritten(source_id, loaded.id, question.id),
        )
        session.add(attempt)
        session.commit()  # saved before scoring: whatever happens next, the text is kept
        grade_attempt(session, attempt)
        return redirect(url_for("practice.result", attempt_id=attempt.id))
    if form.errors and request.method == "POST":
        flash("Your answer was not submitted: see the message below the text box.", "error")
    return render_template(
        "practice/write.html",
        rubric=loaded,
        question=question,
        form=form,
        minutes=timer_minutes(question),
        prefilled=prefilled,
    )


def _an_id(value: str) -> bool:
    return value.isascii() and value.isdigit()


def _rewritten(source_id: str, rubric_id: str, question_id: str) -> int | None:
    """The id of the signed-in learner's own earlier attempt at this question that the answer
    being submitted was rewritten from (the write page's ``from``), or None: a submission is
    never refused for a ``from`` that names nothing of theirs (the answer would be lost)."""
    if not _an_id(source_id) or len(source_id) > 19 or not 0 < int(source_id) <= MAX_ROW_ID:
        return None
    source = get_session().get(Attempt, int(source_id))
    if source is None or source.user_id != current_user.id:
        return None
    if (source.rubric_id, source.question_id) != (rubric_id, question_id):
        return None
    return source.id


@bp.route("/attempts/<int:attempt_id>")
@login_required
def result(attempt_id: int) -> str:
    """The marks, the bars, the highlighted answer and the feedback of one attempt."""
    attempt = attempt_for_viewer(attempt_id)
    report = attempt.report if attempt.status == GRADED else None
    return render_template(
        "practice/result.html",
        attempt=attempt,
        report=report,
        # saved before the form refused such text: marking it again can never succeed
        unmarkable=unmarkable_reason(attempt.answer) if attempt.status != GRADED else None,
        summary=report_summary(report) if report else None,
        highlighted=highlight_answer(attempt.answer, report) if report else None,
        legend=answer_legend(attempt.answer, report) if report else [],
        model_answer=render_markdown(report.get("model_answer")) if report else None,
    )


@bp.route("/attempts/<int:attempt_id>/regrade", methods=["POST"])
@login_required
def regrade(attempt_id: int) -> Response:
    """Try grading an attempt again (after an error, or after the rubric changed)."""
    attempt = attempt_for_viewer(attempt_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400, "The form expired; reload the page and try again.")
    if unmarkable_reason(attempt.answer):
        flash("This answer is too long to mark; edit it and submit it again.", "error")
        return redirect(url_for("practice.result", attempt_id=attempt.id))
    grade_attempt(get_session(), attempt)
    if attempt.status == ERROR:
        flash("Grading failed again; your answer is still saved.", "error")
    return redirect(url_for("practice.result", attempt_id=attempt.id))

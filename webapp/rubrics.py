"""Rubric pages for tutors: questions, dimensions, concepts, cues, weights and facts; what is
published to learners, and withdrawing it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from evaluator.errors import RubricError, RubricNotFoundError
from webapp.auth import tutor_required
from webapp.grading import catalogue, get_rubric, ignored_rubrics, rubric_or_404
from webapp.published import PublishError, publications, published_only, withdraw

bp = Blueprint("rubrics", __name__, url_prefix="/rubrics")


@bp.route("/")
@tutor_required
def index() -> str:
    """Every rubric, including broken ones with their problem, what is published in place of
    the rubrics folder's (and what is left only as a published copy), and every folder ignored
    because another folder has its id."""
    return render_template(
        "rubrics/index.html",
        topics=catalogue(),
        ignored=ignored_rubrics(),
        published=publications(),
        published_only=set(published_only()),
    )


@bp.route("/<rubric_id>")
@tutor_required
def show(rubric_id: str) -> str:
    """One rubric, readable."""
    loaded = rubric_or_404(rubric_id)
    rubric = loaded.rubric
    total_weight = {d.id: sum(c.weight for c in d.concepts) for d in rubric.dimensions}
    return render_template(
        "rubrics/show.html", loaded=loaded, rubric=rubric, total_weight=total_weight
    )


@bp.route("/<rubric_id>/withdraw", methods=["POST"])
@tutor_required
def withdraw_published(rubric_id: str) -> Response:
    """Stop serving a published rubric: the rubrics folder's is served again."""
    try:
        withdrawn = withdraw(rubric_id)
    except PublishError as exc:
        hint = f" Hint: {exc.hint}." if exc.hint else ""
        flash(f"Not withdrawn: {exc.message}.{hint}", "error")
        return redirect(url_for("rubrics.index"))
    which = f"version {withdrawn.version}" if withdrawn else "the published version"
    try:
        version = get_rubric(rubric_id).version
        now = f"learners are marked with version {version} (the rubrics folder's) from now on"
    except RubricNotFoundError:  # it was a published copy only
        now = f"the rubrics folder has no rubric {rubric_id}, so learners can no longer practise it"
    except RubricError:
        now = (
            "learners are marked with the rubrics folder's, which does not load (see below), "
            "from now on"
        )
    flash(f"Withdrew {rubric_id} {which}: {now}. Earlier attempts keep their marks.", "success")
    return redirect(url_for("rubrics.index"))

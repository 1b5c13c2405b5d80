"""Rubric pages for tutors: questions, dimensions, concepts, cues, weights and facts."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from evaluator.errors import RubricError
from webapp.auth import tutor_required
from webapp.grading import catalogue, get_rubric, ignored_rubrics

bp = Blueprint("rubrics", __name__, url_prefix="/rubrics")


@bp.route("/")
@tutor_required
def index() -> str:
    """Every rubric, including broken ones with their problem, and every folder ignored because
    another folder has its id."""
    return render_template("rubrics/index.html", topics=catalogue(), ignored=ignored_rubrics())


@bp.route("/<rubric_id>")
@tutor_required
def show(rubric_id: str) -> str:
    """One rubric, readable."""
    try:
        loaded = get_rubric(rubric_id)
    except RubricError:
        abort(404, "No such rubric (or it does not load: see the rubric list).")
    rubric = loaded.rubric
    total_weight = {d.id: sum(c.weight for c in d.concepts) for d in rubric.dimensions}
    return render_template(
        "rubrics/show.html", loaded=loaded, rubric=rubric, total_weight=total_weight
    )

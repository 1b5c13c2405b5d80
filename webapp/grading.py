"""The bridge to the library: the question catalogue and the grading of stored attempts.

Scoring is serialised per process by one lock: spaCy pipelines are not documented as
thread-safe, and under the GIL threads would not score in parallel anyway. Several worker
processes (``mains-eval serve --workers N``) give real parallelism.
"""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import abort, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluator.errors import EvaluatorError, RubricError
from evaluator.rubric import (
    DuplicateRubric,
    LoadedRubric,
    Question,
    available_rubrics,
    duplicate_rubrics,
    load_rubric,
)
from evaluator.scoring import (
    Report,
    dimension_rows,
    evaluate,
    fact_step_head,
    facts_listed,
    from_sum,
    held_rows,
    is_marked_down,
    is_misconception,
    is_point,
    is_point_to_add,
    learned_only_dimensions,
    note_after_step,
    rows_sum,
    signed,
    unsaid_improvements,
)
from webapp.db import get_session
from webapp.models import ERROR, GRADED, Attempt, utcnow
from webapp.published import published_rubrics

_scoring_lock = threading.Lock()
scoring_lock = _scoring_lock
"""The lock every use of the spaCy pipeline in this process holds (tuning passes it on)."""


@dataclass(frozen=True)
class Topic:
    """A rubric as the home page lists it (or the reason it cannot be used)."""

    id: str
    title: str
    loaded: LoadedRubric | None
    problem: str | None = None
    questions: list[Question] = field(default_factory=list)


def rubrics_dir() -> Path | None:
    """The app's rubrics folder (None: the library's default)."""
    configured = current_app.config.get("RUBRICS_DIR")
    return Path(configured) if configured else None


def rubric_index() -> dict[str, Path]:
    """Rubric id -> file, as the library finds them in the rubrics folder (it re-reads a rubric's
    id only when the file changes), a published rubric in place of its id's folder."""
    return {**available_rubrics(rubrics_dir()), **published_rubrics()}


def ignored_rubrics() -> list[DuplicateRubric]:
    """Rubric folders the catalogue leaves out because an earlier folder has their id."""
    return duplicate_rubrics(rubrics_dir())


def catalogue() -> list[Topic]:
    """Every rubric in the rubrics folder with its questions; broken rubrics carry a problem."""
    topics = []
    for rubric_id, path in rubric_index().items():
        try:
            loaded = load_rubric(path)
        except RubricError as exc:
            topics.append(Topic(rubric_id, rubric_id, None, problem=_problem_text(exc, path)))
            continue
        questions = list(loaded.rubric.questions)
        topics.append(Topic(rubric_id, loaded.rubric.title, loaded, None, questions))
    return topics


_PROBLEMS_SHOWN = 3


def _problem_text(exc: RubricError, path: Path) -> str:
    """What is wrong with a rubric that does not load, for its tutor: the first problems with
    their line and key in the file ('rubric.yaml line 12: dimensions.0.concepts.3.weight: ...'),
    named by file name only (a web page never shows the server's paths)."""
    if not exc.problems:
        return exc.message.replace(str(path), path.name).replace(str(path.parent), path.parent.name)
    parts = []
    for problem in exc.problems[:_PROBLEMS_SHOWN]:
        where = Path(problem.file).name + (f" line {problem.line}" if problem.line else "")
        parts.append(f"{where}: {problem.path or 'the file'}: {problem.message}")
    more = len(exc.problems) - _PROBLEMS_SHOWN
    if more > 0:
        parts.append(f"and {more} more (`mains-eval rubric check` lists them all)")
    return "; ".join(parts)


def get_rubric(rubric_id: str) -> LoadedRubric:
    """A rubric by id from the published or the rubrics folder only (never an arbitrary path
    from a URL)."""
    path = rubric_index().get(rubric_id)
    if path is None:
        from evaluator.errors import RubricNotFoundError

        raise RubricNotFoundError(f"no rubric {rubric_id!r}")
    return load_rubric(path)


def rubric_or_404(rubric_id: str) -> LoadedRubric:
    """A rubric by id for a page, or a 404 that says a rubric may exist but not load."""
    try:
        return get_rubric(rubric_id)
    except RubricError:
        abort(404, "No such rubric (or it does not load: see the rubric list).")


def versions_marked(rubric_id: str) -> set[str]:
    """Every version of a rubric that learners' stored marks name."""
    query = (
        select(Attempt.rubric_version)
        .where(Attempt.rubric_id == rubric_id, Attempt.rubric_version.is_not(None))
        .distinct()
    )
    return {str(version) for version in get_session().scalars(query)}


def timer_minutes(question: Question) -> int:
    """Exam pace: 7 minutes for 10 marks, 11 for 15 (0.7 minutes a mark, rounded up)."""
    return max(1, math.ceil(question.max_marks * 0.7 - 1e-9))


def score(answer: str, rubric_id: str, question_id: str) -> Report:
    """Grade one answer with the process's pipeline, one at a time."""
    return score_loaded(answer, get_rubric(rubric_id), question_id)


def score_loaded(answer: str, loaded: LoadedRubric, question_id: str) -> Report:
    """Grade one answer against an already loaded rubric, holding the scoring lock."""
    with _scoring_lock:
        return evaluate(answer, loaded, question_id)


def grade_attempt(session: Session, attempt: Attempt) -> Attempt:
    """Score a stored attempt and record the outcome: graded with its report, or error with a
    message for the learner. The answer itself is never touched."""
    started = time.perf_counter()
    try:
        report = score(attempt.answer, attempt.rubric_id, attempt.question_id)
    except EvaluatorError as exc:
        attempt.status = ERROR
        attempt.error = exc.message
    except Exception:
        current_app.logger.exception("scoring failed for attempt %s", attempt.id)
        attempt.status = ERROR
        attempt.error = "The grader failed on this answer. Your text is saved; try again later."
    else:
        data = report.to_dict()
        attempt.status = GRADED
        attempt.error = None
        attempt.marks = report.marks
        attempt.max_marks = report.max_marks
        attempt.rubric_version = str(report.rubric.get("version", ""))
        attempt.report_json = json.dumps(data, ensure_ascii=False)
    attempt.grading_ms = round((time.perf_counter() - started) * 1000, 1)
    attempt.graded_at = utcnow()
    session.commit()
    return attempt


def report_summary(report: dict[str, Any]) -> dict[str, Any]:
    """The parts of a stored report the result page groups (missing points, flagged concepts)."""
    relevant = {d["id"] for d in report.get("dimensions", [])}
    every = [c for c in report.get("concepts", []) if c.get("dimension") in relevant]
    concepts = [c for c in every if is_point(c)]  # a misconception is no point to earn or add
    misconceptions = [
        {**c, "status": "misconception", "reason": "a misconception: it cost marks"}
        for c in every
        if is_misconception(c)
    ] + [
        {
            **c,
            "status": "marked-down",
            "reason": "words of answers the tutor marked low: it cost marks",
        }
        for c in every
        if is_marked_down(c)
    ]
    # a concept learned from marks is never named as missing (another student's answer, or a
    # phrase that teaches keyword insertion); it still shows when it earns or costs marks
    feedback = report.get("feedback") or {}
    # a point a shown step already explains (its note under the step) is named here with the
    # step's number, not its note again (trial s42: fifteen notes said twice on one page)
    stepped = {
        s.get("target"): number
        for number, s in enumerate(feedback.get("next_steps") or [], start=1)
        if s.get("detail")
    }
    missing = [
        {**c, "step": stepped[c.get("id")]} if c.get("id") in stepped else c
        for c in concepts
        if c.get("status") == "missing" and is_point_to_add(c)
    ]
    by_dimension = [
        (
            d.get("label", d["id"]),
            sorted(
                (c for c in missing if c.get("dimension") == d["id"]),
                key=lambda c: (-float(c.get("weight", 1)), str(c.get("id"))),
            ),
        )
        for d in report.get("dimensions", [])
    ]
    # each checked fact is told once: a wrong one in the facts list, where a concept it
    # contradicts lends it its label rather than a line of its own, a step to correct it points,
    # and the improvement points do not say it again; a right one under what worked
    # (facts_listed: a point's facts of one sentence share a line)
    checked = [f for f in report.get("facts", []) if f.get("status") != "absent"]
    wrong = {
        f.get("concept"): _fact_message(f) for f in checked if f.get("status") == "contradicted"
    }
    facts = facts_listed(report)
    return {
        "credited": [c for c in concepts if c.get("status") in ("covered", "partial")],
        "flagged": misconceptions
        + [
            c
            for c in concepts
            # a learned phrase in a negated clause is no denial ("no current flows" is true)
            if (c.get("status") == "negated" and not c.get("learned"))
            or (c.get("status") == "contradicted" and c.get("id") not in wrong)
        ],
        "missing": missing,
        # a dimension of learned phrases shows what it earned, not "3/4 points"
        "learned_dimensions": learned_only_dimensions(every),
        # the rows every face shows: a linear question's base mark, points and costs, summed
        **_dimension_rows(report),
        "missing_by_dimension": [(label, items) for label, items in by_dimension if items],
        "facts": facts,
        "word_budget": word_budget_in_words(report.get("structure") or {}),
        "right_facts": len(checked) - sum(len(f["facts"]) for f in facts),
        "next_steps": [_step_said_once(s, wrong) for s in feedback.get("next_steps") or []],
        "more_steps": [_step_said_once(s, wrong) for s in feedback.get("more_steps") or []],
        # the advisories, the steps, the wrong facts and the missing points have their own
        # cards: this list does not say them twice
        "improvements": unsaid_improvements(report, missing_listed=True),
    }


def _dimension_rows(report: dict[str, Any]) -> dict[str, Any]:
    """The result page's dimension rows (:func:`~evaluator.scoring.faces.dimension_rows`), what
    a linear question's rows add up to, and how its marks follow from that."""
    rows = dimension_rows(report)
    linear = bool(rows) and rows[0]["kind"] == "base"
    total = rows_sum(rows) if linear else None
    held = held_rows(report, "above")
    return {
        "dimension_rows": rows,
        # a cap that holds the marks down, said once above the rows (the advisories are above)
        "rows_held": held[:1].upper() + held[1:],
        "rows_sum": None if total is None else signed(total),
        "from_sum": from_sum(report, total) if total is not None else "",
    }


BUDGET_WORDS = {"too_short": "too short", "short": "short", "within": "within the limit"}
"""The engine's word budget bands in plain words."""


def word_budget_in_words(structure: dict[str, Any]) -> str:
    """The answer's length against the word limit as a learner should read it. The band
    'within' runs past the limit (the engine tolerates a margin, whose size no public API
    gives), so an answer in it but over the limit is called over, within the margin."""
    band = str(structure.get("word_budget", ""))
    over = int(structure.get("word_count") or 0) - int(structure.get("word_limit") or 0)
    if band in ("within", "over_limit") and over > 0:
        by = f"over the limit by {over} word{'' if over == 1 else 's'}"
        return f"{by} (within the allowed margin)" if band == "within" else by
    return BUDGET_WORDS.get(band, band.replace("_", " "))


def _fact_message(fact: dict[str, Any]) -> str:
    """What the report says about a wrong fact (its message, else its claim), as steps and
    improvement points quote it."""
    return str(fact.get("message") or fact.get("claim") or "").rstrip(".")


def _step_said_once(step: dict[str, Any], wrong: dict[Any, str]) -> dict[str, Any]:
    """A step as the page shows it: a wrong fact's step without the fact's details, and a source
    note without the opening the step already quotes."""
    step = _step_told_once(step, wrong)
    if step.get("detail"):
        step = {**step, "detail": note_after_step(str(step.get("text", "")), str(step["detail"]))}
    return step


def _step_told_once(step: dict[str, Any], wrong: dict[Any, str]) -> dict[str, Any]:
    """A step to correct a wrong fact without the fact's details, which the facts list gives:
    'Correct the fact on Civil nuclear agreement (November 2016)' and a pointer there."""
    message = wrong.get(step.get("target"))
    if step.get("kind") != "fact" or not message:
        return step
    head = fact_step_head(str(step.get("text", "")), message)
    return step if head is None else {**step, "text": head, "detail": "", "see_facts": True}

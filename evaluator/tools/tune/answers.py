"""The graded answers `rubric tune` fits to: each paired with its question and checked against
the rubric, then parsed and graded once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.errors import InputError, TuningError
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate_doc, evaluate_many, validate_answer_text
from evaluator.scoring.report import Report
from evaluator.text import plural
from evaluator.tools.graded import GradedAnswer, SkippedRow, row_message

__all__ = ["assign_questions", "grade_docs", "parse_graded", "score_graded"]


def assign_questions(
    loaded: LoadedRubric,
    graded: Sequence[GradedAnswer],
    question_id: str | None = None,
    *,
    source_name: str | None = None,
    skipped: list[SkippedRow] | None = None,
    left_out: Counter[str] | None = None,
) -> list[tuple[GradedAnswer, str]]:
    """Pair each graded answer with its question id, checking ids and marks against the rubric.

    With ``question_id`` only rows of that question (or with no question) are kept; the others
    are counted by their question in ``left_out``, when given. With
    ``skipped`` a row with an unknown question or a mark above the maximum is reported there and
    left out (see :mod:`evaluator.tools.graded`); otherwise it raises TuningError.
    """
    from evaluator.rubric.questions import match_question, question_choices

    rubric = loaded.rubric
    known = {q.id: q for q in rubric.questions}
    question_id = match_question(rubric, question_id) or question_id
    if question_id is not None and question_id not in known:
        raise TuningError(
            f"rubric {rubric.id!r} has no question {question_id!r}; questions: {', '.join(known)}"
        )
    default = question_id or (rubric.questions[0].id if len(rubric.questions) == 1 else None)
    # a question column may name its question by id, as written (trial s40t: 240 rows each told
    # the question was not in the rubric) or by number (session 44: a teacher's q1..q5)
    graded = [
        replace(row, question=match_question(rubric, row.question) or row.question)
        for row in graded
    ]
    choices = question_choices(rubric)
    if left_out is not None and question_id is not None:
        left_out.update(r.question for r in graded if r.question and r.question != question_id)
    rows = list(_of_question(graded, default, question_id))
    _check_scale(rows, known, source_name)
    pairs = []
    for row, qid in rows:
        try:
            _check_row(row, qid, known, rubric.id, source_name, choices)
        except TuningError as exc:
            if skipped is None or qid is None:
                raise
            shared = None
            if qid not in known:  # one line for every row of this unknown question
                shared = (
                    f"{source_name or 'graded CSV'}: question {qid!r} is not in rubric "
                    f"{rubric.id!r}; give {choices}"
                )
            skipped.append(SkippedRow(row.line, exc.message, shared))
            continue
        pairs.append((row, str(qid)))
    if not pairs:
        which = f"question {question_id!r}" if question_id else f"rubric {rubric.id!r}"
        bad = f" ({plural(len(skipped), 'bad row')} skipped)" if skipped else ""
        raise TuningError(f"{source_name or 'graded CSV'}: no graded answers for {which}{bad}")
    return pairs


SCALE_SHARE = 0.1
"""A question with at least this share of its marks (and three or more) above its maximum is
marked on another scale: refused as a whole, not row by row."""


def _of_question(
    graded: Sequence[GradedAnswer], default: str | None, question_id: str | None
) -> Iterator[tuple[GradedAnswer, str | None]]:
    """Each row with its question id (its own, else ``default``), leaving out rows of another
    question than ``question_id`` when one is asked for."""
    for row in graded:
        if row.question and question_id and row.question != question_id:
            continue
        yield row, row.question or default


def _check_scale(
    rows: Sequence[tuple[GradedAnswer, str | None]],
    known: dict[str, Any],
    source_name: str | None,
) -> None:
    """TuningError when many marks of a question exceed its maximum: the tutor marked on
    another scale (1-4 for 0-3), and tuning on the rest would drop every top mark without a word
    (trial s40t: 47 of 240 rows, a fifth, skipped one line each)."""
    marks: dict[str, list[float]] = {}
    for row, qid in rows:
        if qid in known and row.mark == row.mark:
            marks.setdefault(str(qid), []).append(row.mark)
    for qid, given in marks.items():
        top = known[qid].max_marks
        above = [m for m in given if m > top]
        if len(above) >= 3 and len(above) >= SCALE_SHARE * len(given):
            raise TuningError(
                f"{source_name or 'graded CSV'}: {len(above)} of {len(given)} marks for question "
                f"{qid!r} are above its maximum of {top} (up to {max(above):g}, lowest given "
                f"{min(given):g}): the marks look like another scale",
                hint=f"mark from 0 to {top}, or change the question's max_marks in the rubric",
            )


def _check_row(
    row: GradedAnswer,
    qid: str | None,
    known: dict[str, Any],
    rubric_id: str,
    source_name: str | None,
    choices: str | None = None,
) -> None:
    """TuningError when a graded row's question or mark does not fit the rubric, naming the
    row as the reader names its bad rows (see :func:`~evaluator.tools.graded.row_message`)."""
    if qid is None:
        raise TuningError(
            row_message(source_name, row, "no question for the answer"),
            hint="add a 'question' column or pass --question QID",
        )
    if qid not in known:
        raise TuningError(
            row_message(
                source_name,
                row,
                f"question {qid!r} is not in rubric {rubric_id!r}",
                then=f"give {choices}" if choices else f"its questions: {', '.join(known)}",
            )
        )
    if row.mark == row.mark and row.mark > known[qid].max_marks:
        reason = (
            f"mark {row.mark:g} is above the maximum of {known[qid].max_marks} for question {qid!r}"
        )
        raise TuningError(row_message(source_name, row, reason))


def score_graded(
    loaded: LoadedRubric,
    pairs: Sequence[tuple[GradedAnswer, str]],
    *,
    nlp: Language | None = None,
    source_name: str | None = None,
) -> list[Report]:
    """Score every graded answer under the rubric, in the order given."""
    for row, _ in pairs:
        try:
            validate_answer_text(row.text)
        except InputError as exc:  # name the row, not just the problem
            raise TuningError(row_message(source_name, row, exc.message)) from exc
    reports: list[Report | None] = [None] * len(pairs)
    by_question: dict[str, list[int]] = {}
    for index, (_, qid) in enumerate(pairs):
        by_question.setdefault(qid, []).append(index)
    for qid, indexes in by_question.items():
        texts = [pairs[i][0].text for i in indexes]
        for i, report in zip(indexes, evaluate_many(texts, loaded, qid, nlp=nlp), strict=True):
            reports[i] = report
    return [r for r in reports if r is not None]


def parse_graded(
    pairs: Sequence[tuple[GradedAnswer, str]],
    *,
    nlp: Language | None = None,
    source_name: str | None = None,
    lock: AbstractContextManager[Any] | None = None,
) -> list[Doc]:
    """The graded answers parsed once (each answer checked as grading checks it); with ``lock``,
    one answer per lock hold."""
    from evaluator.nlp.pipeline import get_nlp

    texts = []
    for row, _ in pairs:
        try:
            texts.append(validate_answer_text(row.text))
        except InputError as exc:  # name the row, not just the problem
            raise TuningError(row_message(source_name, row, exc.message)) from exc
    nlp = nlp or get_nlp()
    if lock is not None:
        parsed = []
        for text in texts:
            with lock:
                parsed.append(nlp(text))
        return parsed
    return list(nlp.pipe(texts, batch_size=64))


def grade_docs(
    loaded: LoadedRubric,
    pairs: Sequence[tuple[GradedAnswer, str]],
    docs: Sequence[Doc],
    *,
    nlp: Language | None = None,
    lock: AbstractContextManager[Any] | None = None,
) -> list[Report]:
    """The parsed graded answers graded by the engine under ``loaded`` (with ``lock``, one
    answer per lock hold)."""
    from evaluator.nlp.pipeline import get_nlp

    nlp = nlp or get_nlp()
    reports = []
    for doc, (_, qid) in zip(docs, pairs, strict=True):
        with lock if lock is not None else nullcontext():
            reports.append(evaluate_doc(doc, loaded, loaded.rubric.question(qid), nlp=nlp))
    return reports

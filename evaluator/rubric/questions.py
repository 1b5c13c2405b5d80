"""Which question of a rubric a tutor's ``question`` cell (or ``-q``) names.

A marked CSV names its question as the tutor wrote it: the id (``q1``), the question as
written, or its number in the test (``1``, ``Q1``, ``Question 1``). Batch, ``grade -q``,
``rubric tune``, ``suggest``, ``diff``, ``audit -q`` and a calibration set's ``bands.yaml`` all
read the cell through :func:`match_question` (or :func:`resolve_question`, which also refuses
an unknown one), so a cell one of them takes the others take too (session 44: a merged test's
ids were long slugs, and a teacher's column of ``q1``..``q5`` matched none of them).
"""

from __future__ import annotations

import re

from evaluator.rubric.model import Rubric

__all__ = ["match_question", "question_choices", "resolve_question"]

_NUMBER = re.compile(r"(?:q|qn|question|no)?\s*\.?\s*#?\s*(\d{1,3})", re.IGNORECASE)
"""A question's number as a tutor writes it: ``1``, ``Q1``, ``q.1``, ``Question 1``, ``#1``."""


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _number(label: str) -> int | None:
    found = _NUMBER.fullmatch(label.strip())
    return int(found.group(1)) if found else None


def match_question(rubric: Rubric, label: str | None) -> str | None:
    """The id of the question ``label`` names, or None when it names none.

    In order: its id; its id in any case; its text (spacing and case aside); its number
    (``1``, ``Q1``, ``Question 1``): the question whose id holds that number (``q1``), or, when
    no id holds a number, the question in that place. So ``1`` never names the first question
    of a rubric whose ids are ``q2``, ``q3``."""
    if label is None:
        return None
    ids = [q.id for q in rubric.questions]
    if label in ids:
        return label
    wanted = _plain(label)
    if not wanted:
        return None
    by_id = {_plain(i): i for i in ids}
    if wanted in by_id:
        return by_id[wanted]
    by_text = {_plain(q.text): q.id for q in rubric.questions}
    if wanted in by_text:
        return by_text[wanted]
    number = _number(label)
    return None if number is None else _numbered(ids).get(number)


def resolve_question(rubric: Rubric, label: str) -> str:
    """The id of the question ``label`` names (as :func:`match_question` reads it); raises
    QuestionNotFoundError listing the rubric's questions when it names none, as ``grade -q``
    and ``batch -q`` do."""
    found = match_question(rubric, label)
    if found is not None:
        return found
    return rubric.question(label).id  # raises: the one message for an unknown question


def _numbered(ids: list[str]) -> dict[int, str]:
    """Number -> question id: the number its id holds (``q3`` is 3) when some id holds one,
    else its place in the rubric (1 is the first); a number two ids hold names neither."""
    holding: dict[int, list[str]] = {}
    for qid in ids:
        number = _number(qid)
        if number is not None:
            holding.setdefault(number, []).append(qid)
    if not holding:
        return {n: qid for n, qid in enumerate(ids, start=1)}
    return {n: found[0] for n, found in holding.items() if len(found) == 1}


def question_choices(rubric: Rubric) -> str:
    """What a question cell may hold, for a message: an id (listed), the text or the number."""
    ids = ", ".join(q.id for q in rubric.questions)
    numbers = ", or its number (1, Q1)" if _numbered([q.id for q in rubric.questions]) else ""
    return f"a question id ({ids}), the question's text{numbers}"

"""What every face (`grade`, the web result page, the batch HTML report) shows of a report the
same way: its dimension rows, and the points it was credited with. Each takes a report as JSON
(``Report.to_dict()``, as stored), so a stored report is shown as a fresh one is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from evaluator.scoring.report import is_marked_down, is_point, learned_only_dimensions
from evaluator.text import fill, plural

__all__ = [
    "BASE_LABEL",
    "COST_IDS",
    "COST_LABELS",
    "ROW_IDS",
    "CreditedView",
    "credited_view",
    "dimension_rows",
    "from_sum",
    "held_rows",
    "linear_intercept",
    "rows_sum",
    "signed",
    "structure_line",
]

BASE_LABEL = "Base mark (fitted)"
"""The row of a linear question's intercept: what every answer starts from, fitted by
`rubric tune` to the tutor's marks."""
COST_LABELS = {
    True: "Like answers the tutor marked low",
    False: "Misconceptions",
}
"""The row of what a linear question's penalty concepts cost, by whether `rubric tune` learned
them from marks (words of low-marked answers) or the rubric's author wrote them."""

COST_IDS = {True: "cost-learned", False: "cost-misconceptions"}
"""The ids of the cost rows (no dimension's: a rubric's ids are its own)."""
ROW_IDS = frozenset({"base", *COST_IDS.values()})
"""The ids of the rows that are no dimension of the rubric."""


def structure_line(structure: Mapping[str, Any]) -> str:
    """The structure's one-line summary: its score, paragraphs, introduction, conclusion and
    directive fit. A score of 0 that only the missing content explains says so (session 46's
    trial read "Structure: 0% — 1 paragraph, introduction yes" as a contradiction): the form
    earns marks only in proportion to the content credited."""
    score = float(structure.get("score") or 0.0)
    components = structure.get("components") or {}
    why = ""
    if score <= 0 and structure.get("word_count") and components.get("substance", 1.0) <= 0:
        why = " (no point earns credit yet, and form earns marks only with content)"
    yes = {True: "yes", False: "no"}
    paragraphs = plural(int(structure.get("paragraphs") or 0), "paragraph")
    return (
        f"Structure: {score:.0%}{why} — {paragraphs}, "
        f"introduction {yes[bool(structure.get('has_introduction'))]}, "
        f"conclusion {yes[bool(structure.get('has_conclusion'))]}, "
        f"directive fit {float(structure.get('directive_fit') or 0.0):.0%}"
    )


_LINEAR = re.compile(r"linear: marks = (-?\d+(?:\.\d+)?(?:e-?\d+)?) \+")


def linear_intercept(report: Mapping[str, Any]) -> float | None:
    """A linear question's intercept as a report (as JSON) gives it: its question's
    ``intercept`` (engine 0.9.256 on), else what its formula writes (a report stored before);
    None for a question that is not linear."""
    question = report.get("question") or {}
    if question.get("intercept") is not None:
        return float(question["intercept"])
    found = _LINEAR.search(str((report.get("arithmetic") or {}).get("formula", "")))
    return float(found.group(1)) if found else None


def dimension_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows a face shows for a report's dimensions (as JSON), each a dict of ``kind``
    ('dimension', 'learned', 'base' or 'cost'), ``id``, ``label``, ``marks``, ``max`` (None
    when the row has none), ``covered`` and ``total`` (points credited, and points to earn;
    ``total`` None for a dimension of learned concepts, which counts only what earned) and
    ``share`` (of its maximum, for a bar).

    An essay's (or a plain short answer's) rows are its dimensions as graded. A linear
    question's marks are its intercept plus each concept's weight times its credit, penalties
    subtracted, clipped to the question's marks: its rows are the intercept ("Base mark
    (fitted)"), what each dimension's points earn (never below zero, out of at most the
    question's marks), and what its penalty concepts cost, in one row; so the rows add up to
    the marks before clipping and rounding (trial s43: "-0.16 of 0.07" and "0.47 + 0.13 + 2"
    for a 1-mark question, with no row for the 0.26 every answer started from)."""
    dimensions = list(report.get("dimensions") or [])
    relevant = {d["id"] for d in dimensions}
    concepts = [c for c in report.get("concepts") or [] if c.get("dimension") in relevant]
    learned = learned_only_dimensions(concepts)
    maximum = float(report.get("max_marks") or 0)
    intercept = linear_intercept(report)
    rows: list[dict[str, Any]] = []
    if intercept is not None:
        rows.append(_row("base", "base", BASE_LABEL, intercept, None, 0, None, maximum))
    costs = {True: 0.0, False: 0.0}
    for d in dimensions:
        kind = "learned" if d["id"] in learned else "dimension"
        total = None if kind == "learned" else int(d.get("concepts_total") or 0)
        covered = int(d.get("concepts_covered") or 0)
        if intercept is None:
            top = None if kind == "learned" else float(d["max"])
            share = float(d["score"]) if top is not None else _share(d["marks"], maximum)
            rows.append(_row(kind, d["id"], d["label"], d["marks"], top, covered, total, 0.0))
            rows[-1]["share"] = share
            continue
        members = [c for c in concepts if c.get("dimension") == d["id"]]
        earned = sum(_marks(c) for c in members if is_point(c))
        for c in members:
            if not is_point(c):
                costs[bool(c.get("learned"))] += _marks(c)
        if not any(is_point(c) for c in members):
            continue  # penalties only: what they cost is the cost row's
        top = None if kind == "learned" else min(float(d["max"]), maximum)
        rows.append(_row(kind, d["id"], d["label"], earned, top, covered, total, maximum))
    for was_learned, cost in costs.items():
        if round(cost, 2) > 0:
            label, row_id = COST_LABELS[was_learned], COST_IDS[was_learned]
            rows.append(_row("cost", row_id, label, -cost, None, 0, None, maximum))
    return rows


HELD_ROWS = "before the {caps:cap|caps}: held at {marks} by the {count:advisory|advisories} {where}"
"""What a face says once, beside its dimension rows, of an answer whose marks a cap holds down:
the rows show what its words matched before the cap (session 46: "Content ████ 3.5" stood
beside "0 / 15" unexplained), in the words of the comment's "but the advisory below (off topic)
holds its marks at 0"."""


def held_rows(report: Mapping[str, Any], where: str = "below") -> str:
    """:data:`HELD_ROWS` for a report (as JSON) whose marks a cap lowered, '' otherwise, and for
    a linear question, whose sum line says "after the advisories" (:func:`from_sum`). ``where``:
    where the face lists the advisories ('below', 'above'). The advisories counted are those
    :func:`~evaluator.scoring.feedback.comment.holding_codes` names in the comment, read from
    JSON as stored (a report of an older engine may lack a field: it is read as absent)."""
    if linear_intercept(report) is not None:
        return ""
    from evaluator.scoring.feedback.comment import binding_and_holding

    advisories = [a for a in report.get("advisories") or [] if isinstance(a, Mapping)]
    binding, holding = binding_and_holding(
        (
            (
                str(a.get("code")),
                None if a.get("cap") is None else _number(a.get("cap")),
                _number(a.get("penalty")),
                _number(a.get("deduction")),
            )
            for a in advisories
        ),
        _number((report.get("arithmetic") or {}).get("before_advisories")),
        _number(report.get("max_marks")),
    )
    if not binding:
        return ""
    marks = _number(report.get("marks"))
    return fill(HELD_ROWS, caps=len(binding), marks=f"{marks:g}", count=len(holding), where=where)


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def rows_sum(rows: Sequence[Mapping[str, Any]]) -> float:
    """What a linear question's rows add up to, as shown (each rounded to 0.01): the marks
    before they are clipped to the question's range and rounded."""
    return round(sum(round(float(r["marks"]), 2) for r in rows), 2) + 0.0


def from_sum(report: Mapping[str, Any], total: float) -> str:
    """How a linear question's marks follow from what its rows add up to, in words: 'rounded
    to 3', 'capped at the maximum, 1', 'raised to 0', '' when they are the sum itself."""
    marks, maximum = float(report.get("marks") or 0), float(report.get("max_marks") or 0)
    if marks == 0 and total > 0 and not _found(report):
        # the base mark alone earns nothing (evaluator.scoring.marks): say why, not "rounded"
        return "no point of the rubric found: 0"
    how = []
    clipped = min(max(total, 0.0), maximum)
    if total > maximum:
        how.append("capped at the maximum")
    elif total < 0:
        how.append("raised to 0")
    if (
        any(
            a.get("cap") is not None or a.get("penalty") or a.get("deduction")
            for a in (report.get("advisories") or [])
        )
        and abs(clipped - marks) > 1e-9
    ):
        how.append("after the advisories")
    elif abs(clipped - marks) > 1e-9:
        how.append("rounded")
    if not how:
        return ""
    return f"{' and '.join(how)}: {marks:g}"


def _found(report: Mapping[str, Any]) -> bool:
    """Whether any concept of the question's dimensions earns or costs the answer anything."""
    relevant = {d.get("id") for d in report.get("dimensions") or []}
    return any(
        _marks(c) != 0 for c in report.get("concepts") or [] if c.get("dimension") in relevant
    )


def signed(marks: float) -> str:
    """Marks as a face shows them, a cost with a minus sign ("\u2212", not "-")."""
    return f"{marks:.2f}".replace("-", "\u2212")


def _marks(concept: Mapping[str, Any]) -> float:
    return float(concept.get("weight") or 0) * float(concept.get("credit") or 0)


def _share(marks: float, top: float) -> float:
    return min(1.0, max(0.0, marks / top)) if top > 0 else 0.0


def _row(
    kind: str,
    row_id: str,
    label: str,
    marks: float,
    top: float | None,
    covered: int,
    total: int | None,
    maximum: float,
) -> dict[str, Any]:
    marks = round(float(marks), 2) + 0.0  # no "-0"
    share = _share(marks, top if top is not None else maximum)
    return {
        "kind": kind,
        "id": row_id,
        "label": label,
        "marks": marks,
        "max": None if top is None else round(top, 2),
        "covered": covered,
        "total": total,
        "share": share,
    }


LEARNED_LISTED = 8
"""Learned phrases a face names (a tuned rubric credits dozens in one answer)."""


class CreditedView(dict[str, Any]):
    """What a face lists of the points an answer was credited with (see :func:`credited_view`):
    ``points`` (the rubric's own, as JSON), ``phrases`` (learned phrases a face names),
    ``repeated`` (learned phrases credited whose words a point above already quotes),
    ``examples`` and ``low_examples`` (how many graded answers kept as examples it resembles,
    earning and costing marks), ``marked_low`` (learned phrases of low-marked answers it
    writes) and ``lines`` / ``low_lines`` (the summary lines, the same on every face)."""


def credited_view(concepts: Iterable[Mapping[str, Any]], question_id: str) -> CreditedView:
    """The points a report's concepts (as JSON) were credited with, as every face lists them:
    the rubric's own points one by one; a tuned rubric's learned phrases named in one line, but
    not a phrase whose words a point above already quotes ("Chlorophyll [covered]" then
    "chlorophyll [covered]"); its graded answers kept as examples counted in one line, as its
    dimension counts them (trial s43: one word credited five times, thirteen lines of "Graded
    answer N", and "12 credited" beside "resembles 13 graded answers")."""
    from evaluator.rubric.model import examples_dimension_id

    examples_of = examples_dimension_id(question_id)
    listed = list(concepts)
    earned = [c for c in listed if c.get("status") in ("covered", "partial") and is_point(c)]
    points = [c for c in earned if not c.get("learned")]
    quoted = {w for c in points for w in _content_words(c.get("matched") or [])}
    phrases, repeated = [], 0
    examples = 0
    for c in earned:
        if not c.get("learned") or not _says_the_point(c):
            continue
        if c.get("dimension") == examples_of:
            examples += 1
        elif _content_words(c.get("matched") or []) <= quoted:
            repeated += 1
        else:
            phrases.append(c)
    low = [c for c in listed if is_marked_down(c)]
    low_examples = sum(1 for c in low if c.get("dimension") == examples_of)
    marked_low = [c for c in low if c.get("dimension") != examples_of]
    lines = []
    if phrases:
        named = ", ".join(f"“{c['label']}”" for c in phrases[:LEARNED_LISTED])
        more = len(phrases) - LEARNED_LISTED
        lines.append(
            f"phrases learned from the tutor's marks ({len(phrases)}): {named}"
            + (f" and {more} more" if more > 0 else "")
        )
    if examples:
        lines.append(f"resembles {plural(examples, 'graded answer')} kept as examples")
    low_lines = (
        [f"resembles {plural(low_examples, 'graded answer')} marked low"] if (low_examples) else []
    )
    return CreditedView(
        points=points,
        phrases=phrases,
        repeated=repeated,
        examples=examples,
        low_examples=low_examples,
        marked_low=marked_low,
        lines=lines,
        low_lines=low_lines,
    )


_WORD = re.compile(r"[^\W_]+")


def _content_words(matched: Iterable[str]) -> frozenset[str]:
    """The lower-case words of matched text, without stop words ('the' of "removes the
    chlorophyll")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w.lower() for text in matched for w in _WORD.findall(str(text)))
    return frozenset(w for w in words if w not in STOP_WORDS)


def _says_the_point(concept: Mapping[str, Any]) -> bool:
    """:func:`~evaluator.scoring.report.says_the_point` of a concept as JSON: not partial
    credit from the question's own words alone (no cue group found), which the dimension's
    count of what was credited leaves out too."""
    return not (concept.get("status") == "partial" and not concept.get("groups_matched"))

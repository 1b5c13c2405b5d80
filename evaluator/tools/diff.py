"""`rubric diff OLD NEW --answers DIR_OR_CSV`: score the same answers under two rubric versions
and show which answers moved, by how much, and which concepts (or settings) caused it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from evaluator.errors import TuningError
from evaluator.nlp.pipeline import get_nlp
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Question, Rubric, ScoringSettings
from evaluator.scoring.engine import evaluate_doc, validate_answer_text
from evaluator.scoring.report import ConceptResult, Report
from evaluator.text import plural
from evaluator.tools.graded import GradedAnswer, SkippedRow, row_message

_SETTINGS = tuple(ScoringSettings.model_fields)
"""Every scoring setting, read from the model: a setting added there is compared here too."""

_QUESTION_FIELDS = tuple(f for f in Question.model_fields if f not in {"id", "dimensions"})
"""Every field of a question but its id and dimensions (compared apart), read from the model:
the linear form's intercept and cut points, its kind, marks and word limit, its text."""

_LONG_FIELDS = {"text", "model_answer", "source", "source_notes"}
"""Fields shown as 'changed' rather than old -> new: whole paragraphs."""


@dataclass(frozen=True)
class ConceptChange:
    """One concept whose contribution differs between the two versions for an answer."""

    id: str
    old_status: str
    new_status: str
    old_weight: float | None
    """None when the concept is not in the old version."""
    new_weight: float | None
    change: float
    """Weighted credit (weight x credit, negative for a penalty) in the new version minus the
    old: positive pushes the answer up."""
    penalty: bool = False
    """The concept costs marks (a misconception, or a phrase of low-marked answers)."""

    def describe(self) -> str:
        """One line, e.g. 'cepa-2011: missing -> covered (weight 3)'."""
        costs = ", a penalty" if self.penalty else ""
        if self.old_weight is None:
            return f"{self.id}: new concept, {self.new_status} (weight {self.new_weight:g}{costs})"
        if self.new_weight is None:
            return f"{self.id}: removed (was {self.old_status}, weight {self.old_weight:g}{costs})"
        status = (
            f"{self.old_status} -> {self.new_status}"
            if self.old_status != self.new_status
            else self.new_status
        )
        weight = (
            f"weight {self.old_weight:g} -> {self.new_weight:g}"
            if self.old_weight != self.new_weight
            else f"weight {self.new_weight:g}"
        )
        return f"{self.id}: {status} ({weight}{costs})"


@dataclass(frozen=True)
class AnswerDiff:
    """How one answer's marks moved."""

    id: str
    question: str
    old_marks: float
    new_marks: float
    causes: list[ConceptChange]
    """Concepts whose weighted credit changed, biggest change first."""

    @property
    def delta(self) -> float:
        """New marks minus old marks."""
        return round(self.new_marks - self.old_marks, 2)


@dataclass
class RubricDiff:
    """The whole comparison."""

    old: dict[str, str]
    new: dict[str, str]
    answers: list[AnswerDiff]
    settings: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Scoring settings that differ: name -> (old, new)."""
    question_weights: dict[str, dict[str, tuple[float | None, float | None]]] = field(
        default_factory=dict
    )
    """Per question, dimension weights that differ: dimension -> (old, new); None where the
    question does not count the dimension in that version."""
    concept_weights: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Concepts in both versions whose weight differs: id -> (old, new)."""
    concepts_added: list[str] = field(default_factory=list)
    concepts_removed: list[str] = field(default_factory=list)
    question_fields: dict[str, dict[str, tuple[Any, Any]]] = field(default_factory=dict)
    """Per question, other fields that differ (intercept, cut points, kind ...): name -> (old,
    new); None where the field is not set."""

    @property
    def moved(self) -> list[AnswerDiff]:
        """Answers whose marks changed, biggest move first."""
        return sorted(
            (a for a in self.answers if a.delta != 0), key=lambda a: (-abs(a.delta), a.id)
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        deltas = [a.delta for a in self.answers]
        return {
            "old": self.old,
            "new": self.new,
            "answers": len(self.answers),
            "moved": len(self.moved),
            "mean_change": round(sum(deltas) / len(deltas), 3) if deltas else 0.0,
            "settings": {k: {"old": o, "new": n} for k, (o, n) in self.settings.items()},
            "dimension_weights": {
                q: {d: {"old": o, "new": n} for d, (o, n) in dims.items()}
                for q, dims in self.question_weights.items()
            },
            "concept_weights": {
                c: {"old": o, "new": n} for c, (o, n) in self.concept_weights.items()
            },
            "concepts_added": self.concepts_added,
            "concepts_removed": self.concepts_removed,
            "question_fields": {
                q: {name: {"old": o, "new": n} for name, (o, n) in fields.items()}
                for q, fields in self.question_fields.items()
            },
            "changes": [
                {
                    "id": a.id,
                    "question": a.question,
                    "old": a.old_marks,
                    "new": a.new_marks,
                    "delta": a.delta,
                    "causes": [c.describe() for c in a.causes],
                }
                for a in sorted(self.answers, key=lambda a: (-abs(a.delta), a.id))
            ],
        }


def _questions_for(
    old: LoadedRubric,
    new: LoadedRubric,
    rows: Sequence[GradedAnswer],
    question_id: str | None,
    skipped: list[SkippedRow] | None = None,
    source_name: str | None = None,
) -> list[tuple[GradedAnswer, str]]:
    """Each row with the question it is scored for. With ``skipped`` a row whose question is
    not in both rubrics is reported there and left out, as ``rubric tune`` and ``batch`` leave
    out their bad rows (trial 31b: one such row stopped the whole diff)."""
    from evaluator.rubric.questions import match_question

    new_ids = {q.id for q in new.rubric.questions}
    old_ids = [q.id for q in old.rubric.questions]
    both = ", ".join(i for i in old_ids if i in new_ids)

    def named(label: str | None) -> str | None:
        # a cell may name its question by id, text or number (as batch and tune read it)
        return match_question(old.rubric, label) or match_question(new.rubric, label) or label

    question_id = named(question_id)
    if question_id is not None:
        for label, ids in (("OLD", old_ids), ("NEW", new_ids)):
            if question_id not in ids:
                raise TuningError(f"{label} rubric has no question {question_id!r}")
    default = question_id or (old_ids[0] if len(old_ids) == 1 else None)
    pairs = []
    for row in rows:
        qid = question_id or named(row.question) or default
        if qid is None:
            raise TuningError(
                f"answer {row.id!r} names no question and OLD has several",
                hint="pass --question QID (or give the CSV a 'question' column)",
            )
        if qid not in old_ids or qid not in new_ids:
            if skipped is None:
                raise TuningError(f"answer {row.id!r}: question {qid!r} is not in both rubrics")
            reason = f"question {qid!r} is not in both rubrics"
            then = f"questions of both: {both}"
            shared = f"{source_name or 'answers'}: {reason}; {then}"
            message = row_message(source_name, row, reason, then=then)
            skipped.append(SkippedRow(row.line, message, shared))
            continue
        pairs.append((row, qid))
    if not pairs:
        raise TuningError(f"{source_name or 'answers'}: no answer to a question of both rubrics")
    return pairs


def _changes(old: Report, new: Report) -> list[ConceptChange]:
    """Concepts whose weighted credit differs, those pushing the answer the way it moved first
    (then by size): an answer that gained is explained by what gained, not by a concept whose
    weight fell while others rose. Only the concepts of the dimensions the question counts
    can move its marks: a Mains report also holds the other dimensions' points (for its
    feedback), which explain no move (session 43's trial: a q4 answer's move was put down to
    q1's and q2's points)."""
    old_by = _counted_concepts(old)
    new_by = _counted_concepts(new)
    changes = []
    for cid in list(old_by) + [c for c in new_by if c not in old_by]:
        o: ConceptResult | None = old_by.get(cid)
        n: ConceptResult | None = new_by.get(cid)
        before = _signed(o)
        after = _signed(n)
        if abs(after - before) < 1e-9:
            continue
        changes.append(
            ConceptChange(
                cid,
                o.status if o else "absent",
                n.status if n else "absent",
                o.weight if o else None,
                n.weight if n else None,
                round(after - before, 4),
                n.penalty if n else bool(o and o.penalty),
            )
        )
    moved = new.marks - old.marks
    return sorted(changes, key=lambda c: (c.change * moved < 0, -abs(c.change), c.id))


def _counted_concepts(report: Report) -> dict[str, ConceptResult]:
    """The report's concepts of the dimensions its question counts, by id."""
    counted = {d.id for d in report.dimensions}
    return {c.id: c for c in report.concepts if c.dimension in counted}


def _signed(concept: ConceptResult | None) -> float:
    """What a concept adds to an answer (weight x credit), negative for a penalty: a learned
    phrase of low-marked answers that an answer writes pulls it down."""
    if concept is None:
        return 0.0
    return -concept.weight * concept.credit if concept.penalty else concept.weight * concept.credit


def _settings_diff(old: Rubric, new: Rubric) -> dict[str, tuple[Any, Any]]:
    return {
        name: (getattr(old.scoring, name), getattr(new.scoring, name))
        for name in _SETTINGS
        if getattr(old.scoring, name) != getattr(new.scoring, name)
    }


def _concepts_diff(old: Rubric, new: Rubric) -> dict[str, Any]:
    """Concepts added, removed, and re-weighted (in both, weight differs), in rubric order."""
    before = {c.id: c.weight for _, c in old.concepts()}
    after = {c.id: c.weight for _, c in new.concepts()}
    return {
        "concept_weights": {
            c: (w, after[c]) for c, w in before.items() if c in after and after[c] != w
        },
        "concepts_added": [c for c in after if c not in before],
        "concepts_removed": [c for c in before if c not in after],
    }


def _weights_diff(
    old: Rubric, new: Rubric, questions: set[str]
) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    out = {}
    for qid in sorted(questions):
        before = {d.id: d.weight for d in old.question(qid).dimensions}
        after = {d.id: d.weight for d in new.question(qid).dimensions}
        differ = {
            d: (before.get(d), after.get(d))
            for d in sorted(set(before) | set(after))
            if before.get(d) != after.get(d)
        }
        if differ:
            out[qid] = differ
    return out


def _fields_diff(
    old: LoadedRubric, new: LoadedRubric, questions: set[str]
) -> dict[str, dict[str, tuple[Any, Any]]]:
    out = {}
    for qid in sorted(questions):
        before, after = old.rubric.question(qid), new.rubric.question(qid)
        differ = {
            name: (getattr(before, name), getattr(after, name))
            for name in _QUESTION_FIELDS
            if getattr(before, name) != getattr(after, name)
        }
        # a model answer is a file named relative to its rubric: compare what it says
        said = old.model_answers.get(qid), new.model_answers.get(qid)
        if said[0] == said[1]:
            differ.pop("model_answer", None)
        if old.question_notes.get(qid) == new.question_notes.get(qid):  # so are a question's notes
            differ.pop("source_notes", None)
        if differ:
            out[qid] = differ
    return out


def diff_rubrics(
    old: LoadedRubric,
    new: LoadedRubric,
    rows: Sequence[GradedAnswer],
    *,
    question_id: str | None = None,
    nlp: Language | None = None,
    skipped: list[SkippedRow] | None = None,
    source_name: str | None = None,
) -> RubricDiff:
    """Score every answer under both rubric versions (each answer parsed once). With
    ``skipped``, rows for a question one of the rubrics lacks are reported there and left out."""
    if not rows:
        raise TuningError("no answers to compare")
    pairs = _questions_for(old, new, rows, question_id, skipped, source_name)
    rows = [row for row, _ in pairs]
    questions = [qid for _, qid in pairs]
    nlp = nlp or get_nlp()
    texts = [validate_answer_text(row.text) for row in rows]
    answers = []
    for row, qid, doc in zip(rows, questions, nlp.pipe(texts), strict=True):
        before = evaluate_doc(doc, old, old.rubric.question(qid), nlp=nlp)
        after = evaluate_doc(doc, new, new.rubric.question(qid), nlp=nlp)
        answers.append(AnswerDiff(row.id, qid, before.marks, after.marks, _changes(before, after)))
    return RubricDiff(
        old={"id": old.id, "version": old.version, "path": str(old.path)},
        new={"id": new.id, "version": new.version, "path": str(new.path)},
        answers=answers,
        settings=_settings_diff(old.rubric, new.rubric),
        question_weights=_weights_diff(old.rubric, new.rubric, set(questions)),
        question_fields=_fields_diff(old, new, set(questions)),
        **_concepts_diff(old.rubric, new.rubric),
    )


CONCEPT_LINES = 20
"""Re-weighted concepts the plain report lists (all of them are in --json)."""


def format_diff(diff: RubricDiff, *, show_all: bool = False, causes: int = 3) -> str:
    """Plain-text report: what changed in the rubric, then the answers that moved."""
    lines = [
        f"{diff.old['id']} v{diff.old['version']} -> {diff.new['id']} v{diff.new['version']}: "
        f"{len(diff.moved)} of {len(diff.answers)} answers moved"
    ]
    for name, (o, n) in diff.settings.items():
        lines.append(f"  scoring.{name}: {o} -> {n} (moves every answer)")
    for qid in sorted(set(diff.question_fields) | set(diff.question_weights)):
        for name, (o, n) in diff.question_fields.get(qid, {}).items():
            lines.append(f"  {qid}: {_field_change(name, o, n)}")
        for dim, (o, n) in diff.question_weights.get(qid, {}).items():
            if o is None:
                lines.append(f"  {qid}: dimension {dim} added (weight {n:g})")
            elif n is None:
                lines.append(f"  {qid}: dimension {dim} removed (was weight {o:g})")
            else:
                lines.append(f"  {qid}: dimension {dim} weight {o:g} -> {n:g}")
    if diff.concepts_added or diff.concepts_removed:
        lines.append(
            f"  concepts: {len(diff.concepts_added)} added, {len(diff.concepts_removed)} removed"
            + (f" ({', '.join(diff.concepts_removed[:5])}" if diff.concepts_removed else "")
            + (", ...)" if len(diff.concepts_removed) > 5 else ")" if diff.concepts_removed else "")
        )
    weights = list(diff.concept_weights.items())
    for cid, (o, n) in weights[:CONCEPT_LINES]:
        lines.append(f"  concept {cid} weight {o:g} -> {n:g}")
    if len(weights) > CONCEPT_LINES:
        lines.append(
            f"  ... and {plural(len(weights) - CONCEPT_LINES, 'more re-weighted concept')} (--json)"
        )
    listed = diff.moved if not show_all else sorted(diff.answers, key=lambda a: -abs(a.delta))
    if listed:
        lines.append("")
        lines.append(f"{'answer':<24}{'question':<24}{'old':>6}{'new':>6}{'change':>8}")
    for answer in listed:
        lines.append(
            f"{answer.id[:23]:<24}{answer.question[:23]:<24}{answer.old_marks:>6g}"
            f"{answer.new_marks:>6g}{answer.delta:>+8g}"
        )
        for change in answer.causes[:causes]:
            lines.append(f"{'':<4}{'+' if change.change > 0 else '-'} {change.describe()}")
        if len(answer.causes) > causes:
            lines.append(f"{'':<6}... and {plural(len(answer.causes) - causes, 'more concept')}")
    return "\n".join(lines)


def _field_change(name: str, old: Any, new: Any) -> str:
    """'intercept (none) -> 0.42', 'cut points 0.5, 1.5 -> 0.6, 1.4', 'model answer changed'."""
    label = name.replace("_", " ")
    if name in _LONG_FIELDS and old is not None and new is not None:
        return f"{label} changed"

    def shown(value: Any) -> str:
        if value is None:
            return "(none)"
        if isinstance(value, list):
            return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value) or "[]"
        if isinstance(value, float):
            return f"{value:g}"
        text = str(value)
        return text if len(text) <= 40 else text[:39] + "…"

    return f"{label} {shown(old)} -> {shown(new)}"

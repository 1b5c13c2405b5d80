"""`rubric tune`: fit a rubric to a tutor's marks and report the agreement before and after.

Pure functions for the CLI and the web app::

    graded = read_graded_csv("graded.csv")
    result = tune_rubric(load_rubric("india-japan"), graded, folds=5)
    result.to_dict()          # {"before": {...}, "after": {...}, "concepts": [...], ...}
    write_tuned_rubric(result, "tuned/rubric.yaml")
    svg = agreement_scatter_svg(result)

"Before" is the rubric as it is; "after" is cross-validated: each answer is marked by a rubric
tuned on the other folds only, so the numbers say how the tuned rubric will do on new answers.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import KFold
from spacy.language import Language
from spacy.tokens import Doc

from evaluator.errors import InputError, TuningError
from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Rubric
from evaluator.rubric.write import relocate_paths, rubric_yaml, write_rubric_atomically
from evaluator.scoring.engine import evaluate_doc, evaluate_many, validate_answer_text
from evaluator.scoring.report import Report
from evaluator.tools.agreement import Agreement, agreement, format_table, mark_step
from evaluator.tools.graded import GradedAnswer, SkippedRow, read_graded_csv
from evaluator.tools.tune.learn import (
    EXEMPLAR_MIN_ANSWERS,
    LearnedPhrase,
    add_exemplar_concepts,
    add_learned_concepts,
    exemplar_concepts,
    learn_phrases,
    with_rubric,
)
from evaluator.tools.tune.linear import (
    LINEAR_LEARNING,
    LINEAR_MIN_ANSWERS,
    LinearShortTuner,
    is_short_only,
    rubric_scale,
)
from evaluator.tools.tune.model import AnswerFeatures, RubricWeightTuner

__all__ = [
    "FORMS",
    "AnswerFeatures",
    "ConceptTuning",
    "RubricWeightTuner",
    "TuningResult",
    "agreement_scatter_svg",
    "assign_questions",
    "audit_tuned",
    "bag_of_words_marks",
    "bump_version",
    "grade_docs",
    "learn_rubric",
    "parse_graded",
    "read_graded_csv",
    "relocate_paths",
    "rubric_yaml",
    "score_graded",
    "tune_rubric",
    "write_rubric_atomically",
    "write_tuned_rubric",
]


FORMS = ("auto", "rubric", "linear")
"""What `rubric tune --form` accepts: ``rubric`` fits the rubric in its own form (a Mains question's
concept and dimension weights and mark mapping; a short answer's linear weights), ``linear`` fits
the questions marked linearly in their concepts (an ``intercept``; a Mains question stays one,
with its gaming advisories), ``auto`` (the default) fits both on the same folds and keeps the one
that agrees better with the tutor on held-out answers (a Mains question needs
:data:`~evaluator.tools.tune.linear.LINEAR_MIN_ANSWERS` graded answers for the linear form to be
tried)."""


@dataclass(frozen=True)
class ConceptTuning:
    """How one concept behaved in the graded set and what tuning did to its weight."""

    id: str
    label: str
    dimension: str
    weight_before: float
    weight_after: float
    fires_high: int
    """Answers in the higher-marked half where the concept earned credit."""
    fires_low: int
    """Answers in the lower-marked half where it earned credit."""
    rate_high: float
    rate_low: float
    never_fires: bool
    """No graded answer earned any credit for it (its weight was left as it was)."""
    zero_weight: bool
    """It fired, but the regression gave it no weight: it does not separate the tutor's marks,
    or what separates them in it the rest of the rubric already counts."""
    learned: bool = False
    """Tuning added it: a phrase learned from the graded answers (its note says how many)."""
    penalty: bool = False
    """It costs credit (a misconception)."""
    linear: bool = False
    """Its question was tuned linearly: ``weight_after`` is in marks per unit of credit."""
    exemplar: bool = False
    """Tuning added it: a graded answer kept as an example (see ``Concept.exemplar``)."""
    too_rare: bool = False
    """It fired in fewer graded answers than the weight tuner moves a weight for
    (:data:`~evaluator.tools.tune.model.MIN_FIRED`): its weight was kept."""

    def why(self) -> str:
        """Why tuning gave it its weight, in a few words, never contradicting the firing rates."""
        if self.zero_weight:
            if self.rate_high > self.rate_low:
                # higher-marked answers use it more, but what else they write already counts
                return "adds nothing the rest of the rubric does not count: weight to the minimum"
            return "does not separate the marks: weight to the minimum"
        effect = "costs" if self.penalty else "earns"
        if self.exemplar:
            return (
                f"example: {effect} up to {self.weight_after:g} marks with the rest of the rubric"
            )
        if self.linear:
            learned = "learned: " if self.learned else ""
            return f"{learned}{effect} {self.weight_after:g} marks with the rest of the rubric"
        if self.learned:
            kind = "penalty" if self.penalty else "new"
            more = "low" if self.rate_low > self.rate_high else "high"
            if (more == "low") == self.penalty:
                return f"learned ({kind}): {more}-marked answers use it"
            return f"learned ({kind}): {effect} credit with the rest of the rubric"
        if self.weight_after > self.weight_before:
            if self.rate_low > self.rate_high:
                # used more by low-marked answers, yet worth more once the rest is counted
                return "weighs more with the rest of the rubric"
            return "goes with higher marks"
        if self.weight_after < self.weight_before:
            if self.rate_high > self.rate_low:
                return "weighs less with the rest of the rubric"
            return "counts for less in the tutor's marks"
        return ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "learned": self.learned,
            "exemplar": self.exemplar,
            "linear": self.linear,
            "penalty": self.penalty,
            "id": self.id,
            "label": self.label,
            "dimension": self.dimension,
            "weight_before": self.weight_before,
            "weight_after": self.weight_after,
            "fires_high": self.fires_high,
            "fires_low": self.fires_low,
            "rate_high": round(self.rate_high, 4),
            "rate_low": round(self.rate_low, 4),
            "never_fires": self.never_fires,
            "too_rare": self.too_rare,
            "zero_weight": self.zero_weight,
        }


@dataclass
class TuningResult:
    """Everything `rubric tune` reports, and the tuned rubric."""

    before: Agreement
    """The rubric as it is, against the tutor's marks."""
    after: Agreement
    """The tuned rubric, cross-validated (each answer marked by a fit on the other folds)."""
    concepts: list[ConceptTuning]
    rubric: Rubric
    """The tuned rubric (fitted on every answer), version bumped."""
    source: LoadedRubric
    ids: list[str]
    questions: list[str]
    human: list[float]
    machine_before: list[float]
    machine_after: list[float]
    folds: int
    step: float
    """Step of the tutor's marks (1 or 0.5): the scale QWK and exact agreement use."""
    estimator: RubricWeightTuner | LinearShortTuner = field(repr=False)
    baseline: Agreement | None = None
    """A bag-of-words model (TF-IDF ridge) on the same folds: what knowing no rubric gives."""
    machine_baseline: list[float] = field(default_factory=list)
    learned: list[LearnedPhrase] = field(default_factory=list)
    """Phrases learned from the marks (fitted on every answer) and written as concepts."""
    texts: list[str] = field(default_factory=list, repr=False)
    """The graded answers' texts (same order as ``ids``)."""
    features: list[AnswerFeatures] = field(default_factory=list, repr=False)
    """Every answer's features under the rubric the final fit saw (with its learned concepts):
    ``estimator.predict(features)`` are the marks the tuned rubric gives."""
    form: str = "rubric"
    """The form the tuned rubric has: ``rubric`` (its own) or ``linear`` (its questions tuned as
    linear short answers)."""
    forms: dict[str, Agreement] = field(default_factory=dict)
    """Held-out agreement of every form fitted (same folds); ``after`` is the chosen one's."""
    kinds: dict[str, str] = field(default_factory=dict)
    """The tuned questions' kinds before tuning (``mains`` or ``short``)."""

    @property
    def converted(self) -> list[str]:
        """Questions that tuning turned from Mains essays into linear short answers."""
        if self.form != "linear":
            return []
        return [q for q, kind in self.kinds.items() if kind != "short"]

    @property
    def improved(self) -> bool:
        """Whether the tuned rubric (cross-validated) agrees better than the rubric as it was:
        higher QWK and no larger RMSE."""
        return _better(self.after, self.before)

    @property
    def beats_baseline(self) -> bool | None:
        """Whether the tuned rubric agrees at least as well as the bag of words (None: no
        baseline)."""
        if self.baseline is None:
            return None
        return not _better(self.baseline, self.after)

    def verdict(self) -> list[str]:
        """Plain sentences on what the numbers mean (empty when tuning helped and beat the
        baseline)."""
        lines = []
        if self.converted:
            other = self.forms.get("rubric")
            why = (
                "because the tutor's marks follow that form better (QWK "
                f"{_fmt(self.after.qwk)} against {_fmt(other.qwk)} in the rubric's own form, "
                "held-out folds)"
                if other is not None
                else "as asked (--form linear; the rubric's own form was not fitted)"
            )
            lines.append(
                "Tuned as answers marked linearly in their concepts (marks = intercept + "
                f"weights), {why}; structure and length no longer count, while the gaming "
                "checks (keyword stuffing, off topic, copied source) still cap the marks. Pass "
                "--form rubric to keep the essay form."
            )
        if not self.improved:
            lines.append(
                "The tuned rubric does NOT agree better with the tutor than the rubric as it was "
                f"(QWK {_fmt(self.before.qwk)} -> {_fmt(self.after.qwk)}, RMSE "
                f"{_fmt(self.before.rmse)} -> {_fmt(self.after.rmse)} on held-out folds)."
            )
        if self.beats_baseline is False and self.baseline is not None:
            lines.append(
                "The tuned rubric agrees LESS well than a bag-of-words model that knows no rubric "
                f"(QWK {_fmt(self.after.qwk)} vs {_fmt(self.baseline.qwk)}): grade more answers "
                "or revise the rubric's concepts."
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The --json contract: before, after, concepts (plus answers and the mark mapping)."""
        metric_keys = ("qwk", "pearson", "rmse", "exact", "adjacent", "smd")
        before = self.before.to_dict()
        after = self.after.to_dict()
        baseline = self.baseline.to_dict() if self.baseline is not None else None
        # a learned phrase's weight in the tuned rubric (the concept table's), beside the
        # coefficient of the regression that selected it (a share of the maximum, before the
        # final fit): the two are different numbers, and a reader must not take one for the other
        tuned = {c.label: c for c in self.concepts if c.learned and not c.exemplar}
        learned = [
            {
                **p.to_dict(),
                "weight": tuned[p.label].weight_after if p.label in tuned else None,
                "costs": tuned[p.label].penalty if p.label in tuned else p.penalty,
            }
            for p in self.learned
        ]
        return {
            "before": {k: before[k] for k in metric_keys},
            "after": {k: after[k] for k in metric_keys},
            "baseline": {k: baseline[k] for k in metric_keys} if baseline else None,
            "form": self.form,
            # what each tuned question's marks are made of: a short question's own form
            # ("rubric") is linear too, which "form" alone did not say
            "arithmetic": {
                q: "linear" if self.rubric.question(q).intercept is not None else "essay"
                for q in self.questions
            },
            "forms": {
                name: {k: v for k, v in a.to_dict().items() if k in metric_keys}
                for name, a in self.forms.items()
            },
            "converted": self.converted,
            "improved": self.improved,
            "beats_baseline": self.beats_baseline,
            "verdict": self.verdict(),
            "learned": learned,
            "concepts": [c.to_dict() for c in self.concepts],
            "n": len(self.ids),
            "folds": self.folds,
            "step": self.step,
            "rubric": {"id": self.rubric.id, "version": self.rubric.version},
            "scoring": {"ceiling": self.rubric.scoring.ceiling, "curve": self.rubric.scoring.curve},
            "answers": [
                {"id": i, "question": q, "human": h, "before": b, "after": round(a, 2)}
                for i, q, h, b, a in zip(
                    self.ids,
                    self.questions,
                    self.human,
                    self.machine_before,
                    self.machine_after,
                    strict=True,
                )
            ],
        }

    def examples_summary(self) -> str:
        """One sentence on the graded answers kept as examples, or '' when none was kept."""
        examples = [c for c in self.concepts if c.exemplar]
        if not examples:
            return ""
        costs = sum(1 for c in examples if c.penalty and not c.zero_weight)
        earns = sum(1 for c in examples if not c.penalty and not c.zero_weight)
        return (
            f"{len(examples)} graded answer(s) kept as examples: a new answer earns marks for "
            f"repeating {earns} of them and loses marks for repeating {costs}; each note in the "
            "tuned rubric holds the answer and your mark."
        )

    def rows(self) -> dict[str, Agreement]:
        """The agreement table's rows by label: before, after, the form not kept (when two
        were fitted) and the bag of words."""
        rows = {"before": self.before, f"after ({self.folds}-fold)": self.after}
        for name, result in self.forms.items():
            if name != self.form:
                rows[f"({name} form, not kept)"] = result
        if self.baseline is not None:
            rows["bag of words"] = self.baseline
        return rows

    def table(self) -> str:
        """The before/after agreement table as plain text."""
        return format_table(self.rows())


def assign_questions(
    loaded: LoadedRubric,
    graded: Sequence[GradedAnswer],
    question_id: str | None = None,
    *,
    source_name: str | None = None,
    skipped: list[SkippedRow] | None = None,
) -> list[tuple[GradedAnswer, str]]:
    """Pair each graded answer with its question id, checking ids and marks against the rubric.

    With ``question_id`` only rows of that question (or with no question) are kept. With
    ``skipped`` a row with an unknown question or a mark above the maximum is reported there and
    left out (see :mod:`evaluator.tools.graded`); otherwise it raises TuningError.
    """
    rubric = loaded.rubric
    known = {q.id: q for q in rubric.questions}
    if question_id is not None and question_id not in known:
        raise TuningError(
            f"rubric {rubric.id!r} has no question {question_id!r}; questions: {', '.join(known)}"
        )
    where = f"{source_name}:" if source_name else "line "
    default = question_id or (rubric.questions[0].id if len(rubric.questions) == 1 else None)
    pairs = []
    for row in graded:
        qid = row.question or default
        if row.question and question_id and row.question != question_id:
            continue
        try:
            _check_row(row, qid, known, rubric.id, where)
        except TuningError as exc:
            if skipped is None or qid is None:
                raise
            skipped.append(SkippedRow(row.line, exc.message))
            continue
        pairs.append((row, str(qid)))
    if not pairs:
        which = f"question {question_id!r}" if question_id else f"rubric {rubric.id!r}"
        left_out = f" ({len(skipped)} bad row(s) skipped)" if skipped else ""
        raise TuningError(f"{source_name or 'graded CSV'}: no graded answers for {which}{left_out}")
    return pairs


def _check_row(
    row: GradedAnswer, qid: str | None, known: dict[str, Any], rubric_id: str, where: str
) -> None:
    """TuningError when a graded row's question or mark does not fit the rubric."""
    if qid is None:
        raise TuningError(
            f"{where}{row.line}: no question for answer {row.id!r}",
            hint="add a 'question' column or pass --question QID",
        )
    if qid not in known:
        raise TuningError(
            f"{where}{row.line}: question {qid!r} is not in rubric {rubric_id!r} "
            f"(questions: {', '.join(known)})"
        )
    if row.mark == row.mark and row.mark > known[qid].max_marks:
        raise TuningError(
            f"{where}{row.line}: mark {row.mark:g} is above the maximum of "
            f"{known[qid].max_marks} for question {qid!r}"
        )


def score_graded(
    loaded: LoadedRubric,
    pairs: Sequence[tuple[GradedAnswer, str]],
    *,
    nlp: Language | None = None,
    source_name: str | None = None,
) -> list[Report]:
    """Score every graded answer under the rubric, in the order given."""
    where = f"{source_name}:" if source_name else "line "
    for row, _ in pairs:
        try:
            validate_answer_text(row.text)
        except InputError as exc:  # name the row, not just the problem
            raise TuningError(f"{where}{row.line}: answer {row.id!r}: {exc.message}") from exc
    reports: list[Report | None] = [None] * len(pairs)
    by_question: dict[str, list[int]] = {}
    for index, (_, qid) in enumerate(pairs):
        by_question.setdefault(qid, []).append(index)
    for qid, indexes in by_question.items():
        texts = [pairs[i][0].text for i in indexes]
        for i, report in zip(indexes, evaluate_many(texts, loaded, qid, nlp=nlp), strict=True):
            reports[i] = report
    return [r for r in reports if r is not None]


def tune_rubric(
    loaded: LoadedRubric,
    graded: Sequence[GradedAnswer],
    *,
    question_id: str | None = None,
    folds: int = 5,
    reports: Sequence[Report] | None = None,
    estimator: RubricWeightTuner | None = None,
    nlp: Language | None = None,
    source_name: str | None = None,
    learn: bool = True,
    baseline: bool = True,
    docs: Sequence[Doc] | None = None,
    lock: AbstractContextManager[Any] | None = None,
    learn_options: dict[str, Any] | None = None,
    skipped: list[SkippedRow] | None = None,
    form: str = "auto",
    seed: int = 0,
) -> TuningResult:
    """Tune a rubric to the tutor's marks; report cross-validated agreement before and after, and
    a bag-of-words baseline on the same folds (the answers shuffled into them by ``seed``).

    With ``learn`` (the default) phrases that separate the tutor's marks are learned and written
    as concepts (see :mod:`evaluator.tools.tune.learn`), inside each fold from that fold's
    training answers only. ``reports`` (the graded answers already scored under ``loaded``, same
    order as the rows kept by :func:`assign_questions`) saves scoring them again; ``docs`` (the
    same answers parsed) saves parsing them. ``lock`` (say the web app's scoring lock) is held
    around each answer's parse and grading, one answer at a time. ``learn_options`` go to
    :func:`~evaluator.tools.tune.learn.learn_phrases` (``per_answer``, ``one_se``). ``form`` is
    one of :data:`FORMS`: with ``auto`` a Mains question is also fitted as a linear short answer
    on the same folds, and the form that agrees better on held-out answers is kept.
    """
    if folds < 2:
        raise TuningError(f"--folds must be 2 or more, got {folds}")
    if form not in FORMS:
        raise TuningError(f"--form must be one of {', '.join(FORMS)}, got {form!r}")
    pairs = assign_questions(loaded, graded, question_id, source_name=source_name, skipped=skipped)
    if len(pairs) < folds:
        where = f"{source_name}:" if source_name else "line "
        raise TuningError(
            f"{where}{pairs[-1][0].line}: only {len(pairs)} graded answers, but {folds} folds "
            f"need at least {folds}",
            hint="grade more answers or pass a smaller --folds",
        )
    if learn and docs is None:
        docs = parse_graded(pairs, nlp=nlp, source_name=source_name, lock=lock)
    if reports is None:
        if docs is not None:
            reports = grade_docs(loaded, pairs, docs, nlp=nlp, lock=lock)
        else:
            reports = score_graded(loaded, pairs, nlp=nlp, source_name=source_name)
    if len(reports) != len(pairs):
        raise ValueError(f"{len(reports)} reports for {len(pairs)} graded answers")
    features = [AnswerFeatures.from_report(r) for r in reports]
    human = np.array([row.mark for row, _ in pairs], dtype=float)
    step = mark_step(human.tolist())
    before_marks = np.array([r.marks for r in reports], dtype=float)
    splits = list(KFold(n_splits=folds, shuffle=True, random_state=seed).split(features))
    question_ids = sorted({q for _, q in pairs})
    # the rubric's own form: short answers take the linear path (learned weights pass through
    # to the marks unchanged), Mains questions the Mains weight tuner
    own_linear = estimator is None and is_short_only(loaded.rubric, question_ids)
    candidates: list[_Form] = []
    if estimator is not None or own_linear or form != "linear":
        own: RubricWeightTuner | LinearShortTuner
        if estimator is not None:
            own = estimator
        elif own_linear:
            own = LinearShortTuner(loaded.rubric)
        else:
            own = RubricWeightTuner(loaded.rubric)
        options = {**LINEAR_LEARNING, **(learn_options or {})} if own_linear else learn_options
        candidates.append(_Form("rubric", loaded, reports, features, own, options))
    per_question = [sum(1 for _, q in pairs if q == qid) for qid in question_ids]
    enough = min(per_question) >= LINEAR_MIN_ANSWERS
    if estimator is None and not own_linear and (form == "linear" or (form == "auto" and enough)):
        # the same questions marked linearly in their concepts (still Mains questions: their
        # gaming advisories, keyword_stuffing among them, cap the linear marks too)
        candidates.append(
            _Form(
                "linear",
                loaded,
                reports,
                features,
                LinearShortTuner(loaded.rubric),
                {**LINEAR_LEARNING, **(learn_options or {})},
            )
        )

    def fitted(candidate: _Form, rows: np.ndarray) -> tuple[Any, list[AnswerFeatures], list[Any]]:
        """The candidate's tuner fitted on these rows, with every answer's features under its
        rubric."""
        if not learn or docs is None:
            model = clone(candidate.model).fit([candidate.features[i] for i in rows], human[rows])
            return model, candidate.features, []
        learned_loaded, phrases = learn_rubric(
            candidate.loaded,
            pairs,
            docs,
            candidate.reports,
            rows,
            nlp=nlp,
            **(candidate.options or {}),
        )
        if learned_loaded is candidate.loaded:
            fold_features = candidate.features
        else:
            fold_reports = grade_docs(learned_loaded, pairs, docs, nlp=nlp, lock=lock)
            fold_features = [AnswerFeatures.from_report(r) for r in fold_reports]
        fold_model = clone(candidate.model).set_params(rubric=learned_loaded.rubric)
        fold_model.fit([fold_features[i] for i in rows], human[rows])
        return fold_model, fold_features, phrases

    held_out: dict[str, np.ndarray] = {}
    forms: dict[str, Agreement] = {}
    for candidate in candidates:
        marks = np.zeros(len(pairs))
        for train, test in splits:
            fold_model, fold_features, _ = fitted(candidate, train)
            marks[test] = fold_model.predict([fold_features[i] for i in test])
        held_out[candidate.name] = marks
        forms[candidate.name] = agreement(human, marks, step=step)
    # the form that agrees better on the held-out folds (the rubric's own form on a tie)
    chosen = max(candidates, key=lambda c: _form_key(forms[c.name], c.name == "rubric"))
    after_marks = held_out[chosen.name]
    final, final_features, phrases = fitted(chosen, np.arange(len(pairs)))
    tuned = final.tuned_rubric_.model_copy(update={"version": bump_version(loaded.version)})

    baseline_marks = None
    if baseline:
        maxima = np.array([f.max_marks for f in features], dtype=float)
        texts = [row.text for row, _ in pairs]
        questions = [qid for _, qid in pairs]
        baseline_marks = bag_of_words_marks(texts, questions, human, maxima, splits)

    return TuningResult(
        before=agreement(human, before_marks, step=step),
        after=forms[chosen.name],
        concepts=_concept_stats(final.tuned_rubric_, loaded.rubric, final, final_features, human),
        rubric=tuned,
        source=loaded,
        ids=[row.id for row, _ in pairs],
        questions=[qid for _, qid in pairs],
        human=human.tolist(),
        machine_before=before_marks.tolist(),
        machine_after=after_marks.tolist(),
        folds=folds,
        step=step,
        estimator=final,
        baseline=None if baseline_marks is None else agreement(human, baseline_marks, step=step),
        machine_baseline=[] if baseline_marks is None else baseline_marks.tolist(),
        learned=phrases,
        features=final_features,
        texts=[row.text for row, _ in pairs],
        form=chosen.name,
        forms=forms,
        kinds={q: loaded.rubric.question(q).kind for q in question_ids},
    )


@dataclass(frozen=True)
class _Form:
    """A form `rubric tune` fits: the rubric as it is, or its questions as linear short answers."""

    name: str
    loaded: LoadedRubric
    reports: Sequence[Report]
    features: list[AnswerFeatures]
    model: RubricWeightTuner | LinearShortTuner
    options: dict[str, Any] | None


def _form_key(result: Agreement, own: bool) -> tuple[float, float, bool]:
    """Orders the forms: higher held-out QWK, then lower RMSE, then the rubric's own form."""
    qwk = result.qwk if result.qwk == result.qwk else -1.0
    return (round(qwk, 6), -round(result.rmse, 6), own)


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

    where = f"{source_name}:" if source_name else "line "
    texts = []
    for row, _ in pairs:
        try:
            texts.append(validate_answer_text(row.text))
        except InputError as exc:  # name the row, not just the problem
            raise TuningError(f"{where}{row.line}: answer {row.id!r}: {exc.message}") from exc
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


def learn_rubric(
    loaded: LoadedRubric,
    pairs: Sequence[tuple[GradedAnswer, str]],
    docs: Sequence[Doc],
    reports: Sequence[Report],
    rows: np.ndarray,
    *,
    nlp: Language | None = None,
    **options: Any,
) -> tuple[LoadedRubric, list[LearnedPhrase]]:
    """``loaded`` with the phrases learned from these rows (per question) added as concepts.
    Misspelt words are learned as the rubric words grading reads them as."""
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.scoring.checks.matching import compile_rubric, spelling_corrections

    compiled = compile_rubric(loaded, nlp or get_nlp())
    rubric = loaded.rubric
    learned: list[LearnedPhrase] = []
    by_question: dict[str, list[int]] = {}
    for i in rows:
        by_question.setdefault(pairs[i][1], []).append(int(i))
    for qid, picked in sorted(by_question.items()):
        question = rubric.question(qid)
        # what the rubric already knows, as one number: its marks (as a share) for each answer
        known = np.array([[reports[i].marks / question.max_marks] for i in picked])
        shares = [pairs[i][0].mark / question.max_marks for i in picked]
        scale = options.get("base_scale", 1.0)
        per_question = {**options, "base_scale": scale or rubric_scale(rubric, qid)}
        exemplars = per_question.pop("exemplars", False)
        spellings = [spelling_corrections(docs[i], compiled) for i in picked]
        phrases = learn_phrases(
            [docs[i] for i in picked], shares, known, spellings=spellings, **per_question
        )
        if phrases:
            rubric = add_learned_concepts(rubric, qid, phrases, len(picked))
            learned.extend(phrases)
        if exemplars and len(picked) >= EXEMPLAR_MIN_ANSWERS:
            taken = {c.id for _, c in rubric.concepts()}
            concepts = exemplar_concepts(
                [docs[i] for i in picked],
                [pairs[i][0].mark for i in picked],
                question.max_marks,
                question.text,
                taken,
            )
            rubric = add_exemplar_concepts(rubric, qid, concepts)
    if rubric is loaded.rubric:
        return loaded, []
    return with_rubric(loaded, rubric), learned


def bag_of_words_marks(
    texts: Sequence[str],
    questions: Sequence[str],
    human: np.ndarray,
    maxima: np.ndarray,
    splits: Sequence[tuple[np.ndarray, np.ndarray]],
) -> np.ndarray:
    """Held-out marks of a TF-IDF ridge regression (word 1-2-grams and character 2-5-grams,
    fitted per question on each fold's training answers): the baseline a rubric must beat."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_union

    shares = human / maxima
    marks = np.zeros(len(texts))
    for train, test in splits:
        for qid in sorted(set(questions)):
            tr = [i for i in train if questions[i] == qid]
            te = [i for i in test if questions[i] == qid]
            if not te:
                continue
            if len(tr) < 2:
                marks[te] = float(np.mean(shares[tr])) * maxima[te] if tr else 0.0
                continue
            vectorizer = make_union(
                TfidfVectorizer(ngram_range=(1, 2)),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)),
            )
            x_train = vectorizer.fit_transform([texts[i] for i in tr])
            ridge = Ridge(alpha=1.0).fit(x_train, shares[tr])
            predicted = ridge.predict(vectorizer.transform([texts[i] for i in te]))
            marks[te] = np.clip(predicted, 0.0, 1.0) * maxima[te]
    return marks


def _better(a: Agreement, b: Agreement) -> bool:
    """Whether ``a`` agrees better than ``b``: higher QWK and no larger RMSE."""
    if a.qwk != a.qwk or b.qwk != b.qwk:
        return a.rmse < b.rmse
    return a.qwk > b.qwk and a.rmse <= b.rmse + 1e-9


def _concept_stats(
    rubric: Rubric,
    original: Rubric,
    model: RubricWeightTuner | LinearShortTuner,
    features: list[AnswerFeatures],
    human: np.ndarray,
) -> list[ConceptTuning]:
    shares = human / np.array([f.max_marks for f in features], dtype=float)
    order = np.argsort(-shares, kind="stable")
    half = len(order) // 2
    high, low = order[: max(1, half)], order[max(1, half) :]
    known = {c.id: c.weight for _, c in original.concepts()}
    stats = []
    for dimension, concept in rubric.concepts():
        if concept.id not in model.concept_ids_:
            continue
        fired = np.array([f.credits.get(concept.id, 0.0) > 0 for f in features])
        stats.append(
            ConceptTuning(
                id=concept.id,
                label=concept.label,
                dimension=dimension.id,
                weight_before=known.get(concept.id, 0.0),
                weight_after=model.concept_weights_[concept.id],
                fires_high=int(fired[high].sum()),
                fires_low=int(fired[low].sum()),
                rate_high=float(fired[high].mean()) if len(high) else 0.0,
                rate_low=float(fired[low].mean()) if len(low) else 0.0,
                never_fires=concept.id in model.never_fired_,
                zero_weight=concept.id in model.zero_weight_,
                learned=concept.id not in known,
                penalty=concept.penalty,
                linear=isinstance(model, LinearShortTuner),
                exemplar=concept.exemplar,
                too_rare=concept.id in getattr(model, "too_rare_", ()),
            )
        )
    return stats


def bump_version(version: str) -> str:
    """The next version: the last number goes up by one ('0.1.0' -> '0.1.1'), else '+tuned'."""
    match = re.search(r"(\d+)(?!.*\d)", version)
    if match is None:
        return f"{version}+tuned"
    return f"{version[: match.start()]}{int(match.group(1)) + 1}{version[match.end() :]}"


# --- writing ------------------------------------------------------------------------------------


def write_tuned_rubric(
    result: TuningResult, out: str | os.PathLike[str], *, force: bool = False
) -> Path:
    """Write the tuned rubric to ``out`` (atomic; never the input file unless ``force``)."""
    path = Path(out)
    rubric = relocate_paths(result.rubric, result.source.folder, path.parent)
    changed = [c for c in result.concepts if c.weight_after != c.weight_before]
    header = [
        f"Tuned by `mains-eval rubric tune` from {result.source.id} v{result.source.version} "
        f"on {len(result.ids)} graded answers ({result.folds}-fold cross-validation).",
        f"QWK {_fmt(result.before.qwk)} -> {_fmt(result.after.qwk)}, "
        f"RMSE {_fmt(result.before.rmse)} -> {_fmt(result.after.rmse)} marks (held-out folds).",
        f"scoring.ceiling {result.source.rubric.scoring.ceiling} -> {rubric.scoring.ceiling}, "
        f"scoring.curve {result.source.rubric.scoring.curve} -> {rubric.scoring.curve}; "
        f"{len(changed)} concept weight(s) changed.",
        "Review the weights before publishing: a small graded set is noisy.",
    ]
    linear = [q for q in rubric.questions if q.intercept is not None and q.id in result.questions]
    if linear:
        header[2] = (
            "Linear short answer(s): marks = intercept + sum of weight x credit (weights in "
            "marks); intercept "
            + ", ".join(f"{q.id} {q.intercept:g}" for q in linear)
            + f"; {len(changed)} concept weight(s) changed."
        )
        if any(q.cut_points for q in linear):
            header.insert(
                3,
                "cut_points turn those marks into your steps (one step for each cut point "
                "reached), fitted on answers left out of the fit.",
            )
    return write_rubric_atomically(
        rubric_yaml(rubric, header=header), path, protect=[result.source.path], force=force
    )


def audit_tuned(result: TuningResult, tuned: LoadedRubric) -> list[str]:
    """`rubric audit` of the tuned questions: one line each, and whether tuning caused a failure.

    A tuned mark mapping that lifts thin answers also lifts gaming attempts; this says so.
    """
    from evaluator.tools.audit import audit_question, audit_rubric

    questions = sorted(set(result.questions))
    best: dict[str, str] = {}  # the tutor's best-marked answer, for a rubric without a model
    for question in questions:
        if not tuned.model_answers.get(question) and result.texts:
            marked = [
                (mark, -i)
                for i, (q, mark) in enumerate(zip(result.questions, result.human, strict=True))
                if q == question
            ]
            best[question] = result.texts[-max(marked)[1]]

    def audit_one(loaded: LoadedRubric, question: str) -> Any:
        if question in best:
            return audit_question(loaded, question, model_answer=best[question])
        return audit_rubric(loaded, [question])[0]

    after = {q: audit_one(tuned, q) for q in questions}
    failing = [q for q in questions if not after[q].passed]
    before = {q: audit_one(result.source, q) for q in failing}
    lines = []
    sources = {"tutor": " (on the tutor's best-marked answer)", "notes": " (on its notes)"}
    for question in questions:
        audit = after[question]
        on = sources.get(audit.model_source, "")
        if audit.skipped:
            lines.append(f"audit {question}: skipped ({audit.skipped})")
        elif audit.passed:
            lines.append(f"audit {question}: pass{on}")
        else:
            worst = max(audit.attacks, key=lambda a: a.share)
            # the same attack before tuning: another attack failing then is no excuse (a tutor
            # was told "already failing" of an attack that had earned 8% before)
            earlier = {a.attack: a for a in before[question].attacks}.get(worst.attack)
            if earlier is not None and not earlier.passed:
                cause = f"it earned {earlier.share:.0%} before tuning too"
            elif earlier is not None:
                cause = (
                    f"it earned {earlier.share:.0%} before tuning: caused by tuning, review the "
                    "learned concepts and the mark mapping"
                )
            else:
                cause = "caused by tuning: review the learned concepts and the mark mapping"
            lines.append(
                f"audit {question}: FAIL{on} ({worst.attack} attack earns {worst.share:.0%} of the "
                f"model answer's marks; {cause})"
            )
    return lines


def _fmt(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


# --- chart --------------------------------------------------------------------------------------


def agreement_scatter_svg(result: TuningResult) -> str:
    """Machine against human marks, before and after tuning, as an SVG string (no network)."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.0, 4.2))
    FigureCanvasSVG(fig)
    ax = fig.add_subplot()
    top = max([*result.human, *result.machine_before, *result.machine_after, 1.0])
    ax.plot([0, top], [0, top], color="#999999", linewidth=1, linestyle="--", label="agreement")
    ax.scatter(result.human, result.machine_before, s=22, color="#bbbbbb", label="before")
    ax.scatter(result.human, result.machine_after, s=22, color="#1f5fa8", label="after (held out)")
    ax.set_xlabel("tutor's mark")
    ax.set_ylabel("machine mark")
    ax.set_xlim(0, top * 1.05)
    ax.set_ylim(0, top * 1.05)
    ax.set_title(f"QWK {_fmt(result.before.qwk)} → {_fmt(result.after.qwk)}", fontsize=10)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()

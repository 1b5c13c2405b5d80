"""`rubric tune`: fit a rubric to a tutor's marks and report the agreement before and after.

Pure functions for the CLI and the web app::

    graded = read_graded_csv("graded.csv")
    result = tune_rubric(load_rubric("india-japan"), graded, folds=5)
    result.to_dict()          # {"before": {...}, "after": {...}, "concepts": [...], ...}
    write_tuned_rubric(result, "tuned/rubric.yaml")
    svg = agreement_scatter_svg(result)

"Before" is the rubric as it is; "after" is cross-validated: each answer is marked by a rubric
tuned on the other folds only, so the numbers say how the tuned rubric will do on new answers.

The work is split by concern: :mod:`~evaluator.tools.tune.answers` (the graded answers paired,
checked, parsed and graded), :mod:`~evaluator.tools.tune.folds` (a form fitted on some folds, and
the bag-of-words baseline), :mod:`~evaluator.tools.tune.result` (what is reported) and
:mod:`~evaluator.tools.tune.output` (the tuned rubric written and audited, the chart); this module
runs them in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

import numpy as np
from sklearn.model_selection import KFold
from spacy.language import Language
from spacy.tokens import Doc

from evaluator.errors import TuningError
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.report import Report
from evaluator.tools.agreement import Agreement, agreement, mark_step
from evaluator.tools.graded import GradedAnswer, SkippedRow
from evaluator.tools.tune.answers import assign_questions, grade_docs, parse_graded, score_graded
from evaluator.tools.tune.concepts import with_rubric, without_inert_learned
from evaluator.tools.tune.folds import (
    TuningForm,
    bag_of_words_marks,
    fit_form,
    form_key,
    refit_unpruned,
)
from evaluator.tools.tune.keep import keep_as_they_were, not_improved
from evaluator.tools.tune.linear import (
    LINEAR_LEARNING,
    LINEAR_MIN_ANSWERS,
    LinearShortTuner,
    is_short_only,
)
from evaluator.tools.tune.model import AnswerFeatures, RubricWeightTuner
from evaluator.tools.tune.output import (
    agreement_scatter_svg,
    audit_tuned,
    bump_version,
    write_tuned_rubric,
)
from evaluator.tools.tune.result import ConceptTuning, TuningResult, concept_stats

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
    "score_graded",
    "tune_rubric",
    "write_tuned_rubric",
]
"""``FORMS`` and ``tune_rubric`` live here; the rest are defined in the modules above and named
here too because the CLI, `rubric suggest`, benchmarks and tests import them from this module.
New code imports them from the package (``evaluator.tools.tune``) or their own module."""


FORMS = ("auto", "rubric", "linear")
"""What `rubric tune --form` accepts: ``rubric`` fits the rubric in its own form (a Mains question's
concept and dimension weights and mark mapping; a short answer's linear weights), ``linear`` fits
the questions marked linearly in their concepts (an ``intercept``; a Mains question stays one,
with its gaming advisories), ``auto`` (the default) fits both on the same folds and keeps the one
that agrees better with the tutor on held-out answers (a Mains question needs
:data:`~evaluator.tools.tune.linear.LINEAR_MIN_ANSWERS` graded answers for the linear form to be
tried)."""


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
    :func:`~evaluator.tools.tune.phrases.learn_phrases` (``per_answer``, ``one_se``). ``form`` is
    one of :data:`FORMS`: with ``auto`` a Mains question is also fitted as a linear short answer
    on the same folds, and the form that agrees better on held-out answers is kept.
    """
    if folds < 2:
        raise TuningError(f"--folds must be 2 or more, got {folds}")
    if form not in FORMS:
        raise TuningError(f"--form must be one of {', '.join(FORMS)}, got {form!r}")
    # rows the question asked for leaves out, which the tutor should hear of (trial s42: a file
    # of two questions' answers tuned one of them, "46 answers", without a word of the other 12)
    left_out: Counter[str] = Counter()
    pairs = assign_questions(
        loaded, graded, question_id, source_name=source_name, skipped=skipped, left_out=left_out
    )
    _check_enough(pairs, folds, question_id, source_name)
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
    candidates: list[TuningForm] = []
    if estimator is not None or own_linear or form != "linear":
        own: RubricWeightTuner | LinearShortTuner
        if estimator is not None:
            own = estimator
        elif own_linear:
            own = LinearShortTuner(loaded.rubric)
        else:
            own = RubricWeightTuner(loaded.rubric)
        # the essay form learns phrases beside its concepts: not the concepts' own words alone
        options = (
            {**LINEAR_LEARNING, **(learn_options or {})}
            if own_linear
            else {"learn_rubric_words": False, **(learn_options or {})}
        )
        candidates.append(TuningForm("rubric", loaded, reports, features, own, options))
    per_question = [sum(1 for _, q in pairs if q == qid) for qid in question_ids]
    enough = min(per_question) >= LINEAR_MIN_ANSWERS
    if estimator is None and not own_linear and (form == "linear" or (form == "auto" and enough)):
        # the same questions marked linearly in their concepts (still Mains questions: their
        # gaming advisories, keyword_stuffing among them, cap the linear marks too)
        candidates.append(
            TuningForm(
                "linear",
                loaded,
                reports,
                features,
                LinearShortTuner(loaded.rubric),
                {**LINEAR_LEARNING, **(learn_options or {})},
            )
        )

    held_out: dict[str, np.ndarray] = {}
    forms: dict[str, Agreement] = {}
    for candidate in candidates:
        marks = np.zeros(len(pairs))
        for train, test in splits:
            fold_model, fold_features, _ = fit_form(
                candidate, train, pairs, human, learn=learn, docs=docs, nlp=nlp, lock=lock
            )
            marks[test] = fold_model.predict([fold_features[i] for i in test])
        held_out[candidate.name] = marks
        forms[candidate.name] = agreement(human, marks, step=step)
    # the form that agrees better on the held-out folds (the rubric's own form on a tie)
    chosen = max(candidates, key=lambda c: form_key(forms[c.name], c.name == "rubric"))
    after_marks = held_out[chosen.name]
    final, final_features, phrases = fit_form(
        chosen, np.arange(len(pairs)), pairs, human, learn=learn, docs=docs, nlp=nlp, lock=lock
    )
    fitted, inert = without_inert_learned(
        final.tuned_rubric_, final.never_fired_, final.zero_weight_
    )
    if isinstance(final, LinearShortTuner) and (final.pruned_ or inert):
        # the rubric to write left concepts out, and with them words of its vocabulary: fitted
        # again to the marks it gives, so that it gives what the fit predicts
        final, final_features = refit_unpruned(
            final, with_rubric(chosen.loaded, fitted), pairs, human, docs, nlp=nlp, lock=lock
        )
        fitted = final.tuned_rubric_
    # a question tuning made no better on the held-out folds keeps its rubric as it was
    # (session 43's teacher: q1 and q3 worse held out, written tuned all the same)
    tuned_after = after_marks
    worse = not_improved([q for _, q in pairs], human, before_marks, after_marks, step=step)
    fitted, as_was, not_kept = keep_as_they_were(fitted, loaded.rubric, worse, question_ids)
    after = forms[chosen.name]
    if as_was:
        final._keep_tuned(fitted, question_ids)
        restored = [i for i, (_, q) in enumerate(pairs) if q in as_was]
        final_features = list(final_features)
        for i in restored:
            final_features[i] = features[i]
        # their marks are the rubric's as it was (no fit saw them): the written rubric's marks
        after_marks = after_marks.copy()
        after_marks[restored] = final.predict([features[i] for i in restored])
        after = agreement(human, after_marks, step=step)
        untouched = {
            c.id
            for q in as_was
            for qd in loaded.rubric.question(q).dimensions
            for c in loaded.rubric.counted(loaded.rubric.question(q), qd.id)
        }
        final.concept_ids_ = [c for c in final.concept_ids_ if c not in untouched]
    # the phrases the tuned rubric holds: not those it left out as inert or weightless
    kept = {c.label for _, c in fitted.concepts() if c.learned and not c.exemplar}
    phrases = [p for p in phrases if p.label in kept]
    tuned = fitted.model_copy(update={"version": bump_version(loaded.version)})

    baseline_marks = None
    if baseline:
        maxima = np.array([f.max_marks for f in features], dtype=float)
        texts = [row.text for row, _ in pairs]
        questions = [qid for _, qid in pairs]
        baseline_marks = bag_of_words_marks(texts, questions, human, maxima, splits)

    return TuningResult(
        before=agreement(human, before_marks, step=step),
        after=after,
        concepts=concept_stats(fitted, loaded.rubric, final, final_features, human),
        rubric=tuned,
        source=loaded,
        ids=[row.id for row, _ in pairs],
        questions=[qid for _, qid in pairs],
        human=human.tolist(),
        machine_before=before_marks.tolist(),
        machine_after=after_marks.tolist(),
        machine_tuned=tuned_after.tolist(),
        kept_as_was=as_was,
        not_kept=not_kept,
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
        learning=learn,
        left_out=dict(left_out),
    )


MIN_TRAINING = 2
"""Graded answers each fold's rubric is tuned on, at the fewest (a tuner fits no fewer)."""


def _check_enough(
    pairs: Sequence[tuple[GradedAnswer, str]],
    folds: int,
    question_id: str | None,
    source_name: str | None,
) -> None:
    """TuningError, before the slow part, when the answers cannot be cross-validated in
    ``folds`` folds: too few answers (each fold is marked by a rubric tuned on the others, at
    least :data:`MIN_TRAINING` of them), or marks that are all the same (nothing to learn about
    what earns more, and agreement with them is not measurable)."""
    where = f"{source_name}: " if source_name else ""
    count = len(pairs)
    answers = f"{count} graded answer{'' if count == 1 else 's'}"
    if question_id is not None:
        answers += f" for question {question_id!r}"
    if count < MIN_TRAINING + 1:
        raise TuningError(
            f"{where}only {answers}: tuning needs at least {MIN_TRAINING + 1}, as each answer "
            f"is marked by a rubric tuned on at least {MIN_TRAINING} others",
            hint="grade more answers (50 or more for a tuned rubric to trust)",
        )
    if count < folds:
        raise TuningError(
            f"{where}only {answers}, but --folds {folds} needs at least {folds}",
            hint=f"grade more answers or pass a smaller --folds (at most {count} here)",
        )
    largest_fold = -(-count // folds)
    if count - largest_fold < MIN_TRAINING:  # 3 answers in 2 folds: one fold tuned on 1
        raise TuningError(
            f"{where}{answers} in {folds} folds leave a fold only {count - largest_fold} "
            f"answer to tune on; tuning needs at least {MIN_TRAINING}",
            hint=f"pass --folds {count} (each answer held out in turn) or grade more answers",
        )
    marks = {row.mark for row, _ in pairs}
    if len(marks) == 1:
        raise TuningError(
            f"{where}all {answers} have the mark {marks.pop():g}: tuning learns what earns "
            "higher marks from answers marked differently",
            hint="grade answers across the range of marks (strong, middling and weak ones)",
        )

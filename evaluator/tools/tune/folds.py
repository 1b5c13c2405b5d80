"""Cross-validated fitting for `rubric tune`: a form (the rubric as it is, or its questions as
linear short answers) fitted on some folds' answers, phrases learned from those answers only, and
the bag-of-words baseline on the same folds."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sklearn.base import clone
from spacy.language import Language
from spacy.tokens import Doc

from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import Question, Rubric
from evaluator.scoring.report import Report
from evaluator.tools.agreement import Agreement
from evaluator.tools.graded import GradedAnswer
from evaluator.tools.tune.answers import grade_docs, score_graded
from evaluator.tools.tune.concepts import (
    EXEMPLAR_MIN_ANSWERS,
    add_exemplar_concepts,
    add_learned_concepts,
    exemplar_concepts,
    with_rubric,
)
from evaluator.tools.tune.linear import LinearShortTuner, rubric_scale
from evaluator.tools.tune.model import AnswerFeatures, RubricWeightTuner
from evaluator.tools.tune.phrases import LearnedPhrase, learn_phrases

__all__ = [
    "TuningForm",
    "bag_of_words_marks",
    "fit_form",
    "form_key",
    "learn_rubric",
]


@dataclass(frozen=True)
class TuningForm:
    """A form `rubric tune` fits: the rubric as it is, or its questions as linear short answers."""

    name: str
    loaded: LoadedRubric
    reports: Sequence[Report]
    features: list[AnswerFeatures]
    model: RubricWeightTuner | LinearShortTuner
    options: dict[str, Any] | None


def form_key(result: Agreement, own: bool) -> tuple[float, float, bool]:
    """Orders the forms: higher held-out QWK, then lower RMSE, then the rubric's own form."""
    qwk = result.qwk if result.qwk == result.qwk else -1.0
    return (round(qwk, 6), -round(result.rmse, 6), own)


def fit_form(
    candidate: TuningForm,
    rows: np.ndarray,
    pairs: Sequence[tuple[GradedAnswer, str]],
    human: np.ndarray,
    *,
    learn: bool,
    docs: Sequence[Doc] | None,
    nlp: Language | None = None,
    lock: AbstractContextManager[Any] | None = None,
) -> tuple[Any, list[AnswerFeatures], list[Any]]:
    """The candidate's tuner fitted on these rows, with every answer's features under its
    rubric."""
    if not learn or docs is None:
        model = clone(candidate.model).fit([candidate.features[i] for i in rows], human[rows])
        return model, renamed_in(candidate.features, model), []
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
    return fold_model, renamed_in(fold_features, fold_model), phrases


def renamed_in(features: list[AnswerFeatures], model: Any) -> list[AnswerFeatures]:
    """``features`` with the concept ids the fit renamed (a learned phrase whose id says the
    other sign than the fit gave it, ``LinearShortTuner.renamed_``) as the fitted rubric names
    them: read by their old ids, the fitted rubric's marks had left such a phrase out, and its
    tuning table showed it firing in no answer ('not positive' of a tuned Beetle rubric, learned
    from four answers and credited in all four, was reported as firing in none)."""
    renamed: dict[str, str] = getattr(model, "renamed_", {})
    if not renamed:
        return features
    return [
        replace(f, credits={renamed.get(k, k): v for k, v in f.credits.items()}) for f in features
    ]


def refit_unpruned(
    model: LinearShortTuner,
    written: LoadedRubric,
    pairs: Sequence[tuple[GradedAnswer, str]],
    human: np.ndarray,
    docs: Sequence[Doc] | None,
    *,
    nlp: Language | None = None,
    lock: AbstractContextManager[Any] | None = None,
) -> tuple[LinearShortTuner, list[AnswerFeatures]]:
    """The linear fit again, on the answers as ``written`` (the fitted rubric without what the
    fit pruned and without inert learned phrases) grades them, pruning nothing more: a learned
    phrase left out takes its words out of the rubric's vocabulary, and a proportional point's
    credit counts the words an answer writes beyond the rubric, so without this the written
    rubric could give a mark the fit did not predict. Returns the model and the features."""
    if docs is None:
        reports = score_graded(written, pairs, nlp=nlp)
    else:
        reports = grade_docs(written, pairs, docs, nlp=nlp, lock=lock)
    features = [AnswerFeatures.from_report(r) for r in reports]
    refit = clone(model).set_params(rubric=written.rubric, prune=False).fit(features, human)
    refit.dropped_examples_ = model.dropped_examples_ + refit.dropped_examples_
    return refit, renamed_in(features, refit)


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
        if not per_question.pop("learn_rubric_words", True):
            per_question["exclude"] = frozenset(per_question.get("exclude", ())) | _rubric_words_of(
                loaded, qid, nlp or get_nlp()
            )
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


_RUBRIC_WORDS: dict[tuple[str, str], frozenset[str]] = {}
_RUBRIC_WORDS_MAX = 64


def _rubric_words_of(loaded: LoadedRubric, qid: str, nlp: Language) -> frozenset[str]:
    """:func:`rubric_words` of a question, parsed once per rubric file rather than once per
    fold (the terms do not depend on the fold; about half a second each time)."""
    rubric = loaded.rubric
    if not loaded.fingerprint:  # a rubric built in memory: nothing names its content
        return rubric_words(rubric, rubric.question(qid), nlp)
    key = (loaded.fingerprint, qid)
    words = _RUBRIC_WORDS.get(key)
    if words is None:
        if len(_RUBRIC_WORDS) >= _RUBRIC_WORDS_MAX:
            _RUBRIC_WORDS.clear()
        words = _RUBRIC_WORDS[key] = rubric_words(rubric, rubric.question(qid), nlp)
    return words


def rubric_words(rubric: Rubric, question: Question, nlp: Language) -> frozenset[str]:
    """The lemma keys of every run of one to three words inside the cue terms and aliases of a
    question's own concepts (not learned ones): such a phrase is what the rubric already reads,
    in its context ('air' of "army, navy and air force", 'defence ministers' of "foreign and
    defence ministers"), and learned alone it credits those words anywhere ("air pollution")."""
    terms: set[str] = set()
    for dimension in question.dimensions:
        for concept in rubric.counted(question, dimension.id):
            if concept.learned or concept.exemplar:
                continue
            terms.update(concept.aliases)
            for group in concept.cues:
                terms.update(group)
            for alternative in concept.alternatives:
                for group in alternative.cues:
                    terms.update(group)
    keys: set[str] = set()
    for doc in nlp.pipe(sorted(terms)):
        words = [t.lemma_.lower().replace("-", "") for t in doc if not t.is_punct]
        words = [w for w in words if w]
        for size in (1, 2, 3):
            for start in range(len(words) - size + 1):
                keys.add(" ".join(words[start : start + size]))
    return frozenset(keys)


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
            try:
                x_train = vectorizer.fit_transform([texts[i] for i in tr])
            except ValueError:
                # "empty vocabulary": no training answer has a word (all empty, or punctuation;
                # hostile trial 33 had a traceback and a 500): the model can only guess the mean
                marks[te] = float(np.mean(shares[tr])) * maxima[te]
                continue
            ridge = Ridge(alpha=1.0).fit(x_train, shares[tr])
            predicted = ridge.predict(vectorizer.transform([texts[i] for i in te]))
            marks[te] = np.clip(predicted, 0.0, 1.0) * maxima[te]
    return marks

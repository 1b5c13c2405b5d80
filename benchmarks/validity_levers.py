"""Validity, tuning levers: what could lift the tuned rubric +0.03 AUC over the bag of words?

Research outside the engine (numpy / scikit-learn), on the tuning part's data and folds
(``benchmarks/validity_tune.py``: SemEval-2013 Task 7 training set, per question
``KFold(5, shuffle=True, random_state=0)``, correct = 1, else 0; the data stays outside this
repository). Per question the derived rubric's marks come from the engine (``derive_rubric``,
then ``evaluate_doc``); everything else is computed here:

- the per-question model: ridge (alpha 3) on the word-stem 1-2-grams two training answers share
  (no n-gram of stop words only, none with a negation word) and the derived share x4, about what
  ``rubric tune`` writes as learned concepts (its held-out AUC is the first row);
- the baseline: ``rubric tune``'s TF-IDF ridge (word 1-2 + char 2-5-grams, clipped), same folds;
- lever (a), pooling: a ridge stacker with ONE set of coefficients per corpus (a tutor tuning a
  rubric of many questions marks them all) over the per-question model's held-out prediction
  and question-independent features: derived share, best recall of a reference answer's content
  stems (also polarity-sensitive: a stem counts only when negated in both or neither), extra
  content words, negation present, answer length, the nearest correct / wrong training answer of
  the same question (content-stem Jaccard, TF-IDF cosine), the question's training share of
  correct answers, the per-question TF-IDF ridge prediction. "nested": the stacker is fitted on
  inner out-of-fold features of the training folds (the other four folds, one held out at a
  time); "cross-question": fitted on the held-out predictions of the other questions
  (GroupKFold over questions), which needs no nesting and so can take the engine's own tuned
  marks (``--engine``) in place of the per-question model; the engine's stacked marks are also
  ranked clipped to the scale and rounded to the derived rubrics' 0.25-mark step ("rounded"), as
  a tuned rubric would show them;
- lever (b): per-question logistic regression (correct vs not) instead of ridge, same features;
- lever (c): the reference answers' negation-sensitive matches (in the pooled rows);
- ``--per-question``: what the per-question model could still learn in a form a rubric carries
  (d: conjunctions of two learned phrases, chosen by correlation or read off boosted trees'
  branches; e: one exemplar concept per distinct training answer), what a forest adds that no
  rubric entry carries, and the baseline ranked on marks rounded to the rubric's 0.5 step.

    python benchmarks/validity_levers.py [--data PATH] [--limit N] [--corpus beetle] [--engine]
        [--per-question]

Prints, per corpus, each variant's AUC minus the baseline's (target +0.030). About 5 minutes on
two busy cores; ``--engine`` adds the tuning part's own run (10-20 minutes).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from validity import DEFAULT_DATA, MAX_MARKS, by_question, read_rows, references
from validity_tune import FOLDS, derive_loaded

NEGATIONS = frozenset(
    {"not", "no", "never", "n't", "nothing", "none", "without", "nor", "neither", "cannot"}
)
STATIC = ["derived", "ref_recall", "ref_recall_polar", "polar_gap", "extra", "neg", "length"]
FITTED = ["p_tfidf", "p_stem", "cos_pos", "cos_neg", "jac_pos", "jac_neg", "prior"]
NAMES = STATIC + FITTED
READABLE = ["p_stem", "derived", "ref_recall", "ref_recall_polar", "polar_gap", "neg"]
READABLE += ["jac_pos", "jac_neg", "prior"]
ROUNDING = 0.25
"""The derived rubrics' mark step (``scoring.rounding``): the engine column's stacked marks are
also ranked rounded to it (``engine_rounded``), as a tuned rubric would show them."""
ROWS: list[tuple[str, list[str]]] = [
    ("per-question model alone (pooling is a monotone map of it)", ["p_stem"]),
    ("(a) pooled: + derived share", ["p_stem", "derived"]),
    ("(a)+(c) pooled: + reference recall, polarity-sensitive, negation", READABLE[:6]),
    ("(a) pooled: + nearest correct / wrong answer (stem Jaccard)", [*READABLE[:2], *READABLE[6:]]),
    ("(a) pooled: the same without the question's prior", [*READABLE[:2], *READABLE[6:8]]),
    ("(a)+(c) pooled: all of these (rubric-expressible features)", READABLE),
    ("(a) pooled: + answer length", [*READABLE, "length"]),
    ("(a) pooled: + TF-IDF cosine nearest answers", [*READABLE, "cos_pos", "cos_neg"]),
    ("(a) pooled: every question-independent feature", [n for n in NAMES if n != "p_tfidf"]),
    ("(a) pooled: + per-question TF-IDF ridge prediction", NAMES),
]


def tokens(doc: Any) -> list[tuple[str, str, bool, bool]]:
    """(stem, lower form, content word?, negated?) for each word of a parsed text."""
    from evaluator.nlp.lexicon import stem_form
    from evaluator.scoring.checks.proportional import CONTENT_POS

    out = []
    for token in doc:
        if token.is_punct or token.is_space:
            continue
        near = [*token.children, *token.head.children]
        negated = token.lower_ in NEGATIONS or any(
            t.dep_ == "neg" or t.lower_ in NEGATIONS for t in near
        )
        content = token.pos_ in CONTENT_POS and not token.is_stop
        content = content and (token.is_alpha or token.like_num)
        out.append((stem_form(token.lemma_.lower()), token.lower_, content, negated))
    return out


def stem_grams(words: list[tuple[str, str, bool, bool]]) -> set[str]:
    """Stem 1-2-grams, none of stop words only and none with a negation word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lower = [w[1] for w in words]
    out = set()
    for size in (1, 2):
        for i in range(len(lower) - size + 1):
            part = lower[i : i + size]
            if all(w in STOP_WORDS for w in part) or any(w in NEGATIONS for w in part):
                continue
            out.add(" ".join(w[0] for w in words[i : i + size]))
    return out


def content(words: list[tuple[str, str, bool, bool]], polar: bool = False) -> set[Any]:
    """Content stems (with their negation flag when ``polar``)."""
    return {(w[0], w[3]) if polar else w[0] for w in words if w[2]}


def _recall(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(b) if b else 0.0


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def prepare(groups: dict[tuple[str, str], list[dict[str, str]]], engine: bool) -> dict[Any, Any]:
    """Per question: labels, texts, derived marks (engine), tokens; with ``engine`` the tuning
    part's held-out tuned marks and baseline marks too."""
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.scoring import evaluate_doc
    from evaluator.tools.derive.core import full_pipeline
    from evaluator.tools.graded import GradedAnswer
    from evaluator.tools.tune import tune_rubric

    nlp, derive_nlp = get_nlp(), full_pipeline()
    texts = {r["student_answer"] for members in groups.values() for r in members}
    texts |= {t for members in groups.values() for t in references(members[0])}
    ordered = sorted(texts)
    docs = dict(zip(ordered, nlp.pipe(ordered, batch_size=256), strict=True))
    prepared: dict[Any, Any] = {}
    for (corpus, qid), members in groups.items():
        loaded = derive_loaded(corpus, qid, members[0], derive_nlp)
        if loaded is None:
            continue
        question = loaded.rubric.questions[0]
        answers = [docs[r["student_answer"]] for r in members]
        item: dict[str, Any] = {
            "y": np.array([r["label_2way"] == "correct" for r in members], dtype=float),
            "text": [r["student_answer"] for r in members],
            "derived": np.array([evaluate_doc(d, loaded, question, nlp=nlp).marks for d in answers])
            / MAX_MARKS,
            "words": [tokens(d) for d in answers],
            "refs": [tokens(docs[t]) for t in references(members[0])],
            "question": tokens(nlp(members[0]["question"])),
        }
        if engine:
            graded = [
                GradedAnswer(r["answer_id"], r["student_answer"], MAX_MARKS * y, question.id, i + 2)
                for i, (r, y) in enumerate(zip(members, item["y"], strict=True))
            ]
            result = tune_rubric(loaded, graded, folds=FOLDS, nlp=nlp, docs=answers)
            item["engine"] = np.array(result.machine_after) / MAX_MARKS
            item["engine_baseline"] = np.array(result.machine_baseline) / MAX_MARKS
        prepared[(corpus, qid)] = item
    return prepared


def static_features(item: dict[str, Any]) -> np.ndarray:
    """The features that need no fit: derived share, reference recall, polarity, length."""
    refs = [content(r) for r in item["refs"]]
    refs_polar = [content(r, polar=True) for r in item["refs"]]
    known = set().union(*refs, content(item["question"]))
    rows = []
    for words in item["words"]:
        stems, polar = content(words), content(words, polar=True)
        recall = max((_recall(stems, r) for r in refs), default=0.0)
        recall_polar = max((_recall(polar, r) for r in refs_polar), default=0.0)
        rows.append(
            [
                *(0.0, recall, recall_polar, recall - recall_polar),
                len(stems - known) / (len(stems) + 1),
                float(any(w[3] for w in words)),
                float(np.log1p(len(words))),
            ]
        )
    out = np.array(rows)
    out[:, 0] = item["derived"]
    return out


def fitted_features(item: dict[str, Any], train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Features of the ``test`` rows from fits on the ``train`` rows of one question."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_union
    from sklearn.preprocessing import normalize

    y, derived, grams = item["y"], item["derived"], item["grams"]
    vectorizer = make_union(
        TfidfVectorizer(ngram_range=(1, 2)), TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))
    )
    x_train = vectorizer.fit_transform([item["text"][i] for i in train])
    x_test = vectorizer.transform([item["text"][i] for i in test])
    p_tfidf = Ridge(alpha=1.0).fit(x_train, y[train]).predict(x_test)
    counts = Counter(g for i in train for g in grams[i])
    vocabulary = {g: j for j, g in enumerate(sorted(g for g, n in counts.items() if n >= 2))}

    def stem_matrix(rows: np.ndarray) -> np.ndarray:
        matrix = np.zeros((len(rows), len(vocabulary) + 1))
        for r, i in enumerate(rows):
            for g in grams[i]:
                if g in vocabulary:
                    matrix[r, vocabulary[g]] = 1.0
            matrix[r, -1] = 4 * derived[i]
        return matrix

    p_stem = Ridge(alpha=3.0).fit(stem_matrix(train), y[train]).predict(stem_matrix(test))
    similarity = (normalize(x_test) @ normalize(x_train).T).toarray()  # cosine
    jaccard = np.array(
        [[_jaccard(item["stems"][i], item["stems"][j]) for j in train] for i in test]
    )
    right, wrong = y[train] > 0.5, y[train] <= 0.5

    def best(matrix: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return matrix[:, mask].max(axis=1) if mask.any() else np.zeros(len(test))

    prior = np.full(len(test), y[train].mean())
    return np.column_stack(
        [
            *(p_tfidf, p_stem, best(similarity, right), best(similarity, wrong)),
            *(best(jaccard, right), best(jaccard, wrong), prior),
        ]
    )


def features(prepared: dict[Any, Any], corpus: str) -> dict[str, Any]:
    """Every row's features: outer (fit on the other four folds) and inner (fit on three)."""

    ys, folds, questions, static, outer, baseline, engine = [], [], [], [], [], [], []
    inner: dict[tuple[int, int], np.ndarray] = {}
    offset = 0
    for number, (key, item) in enumerate(sorted(prepared.items())):
        if key[0] != corpus:
            continue
        n = len(item["y"])
        item["grams"] = [stem_grams(w) for w in item["words"]]
        item["stems"] = [content(w) for w in item["words"]]
        fold = _folds(item["y"])
        rows = np.zeros((n, len(FITTED)))
        for f in range(FOLDS):
            test = np.flatnonzero(fold == f)
            rows[test] = fitted_features(item, np.flatnonzero(fold != f), test)
            for g in set(range(FOLDS)) - {f}:
                held = np.flatnonzero(fold == g)
                train = np.flatnonzero((fold != f) & (fold != g))
                for i, values in zip(held, fitted_features(item, train, held), strict=True):
                    inner[(f, offset + i)] = values
        baseline.append(_baseline(item, fold))
        ys.append(item["y"])
        folds.append(fold)
        questions.append(np.full(n, number))
        static.append(static_features(item))
        outer.append(rows)
        engine.append(item.get("engine", np.full(n, np.nan)))
        offset += n
    return {
        "y": np.concatenate(ys),
        "fold": np.concatenate(folds),
        "question": np.concatenate(questions),
        "static": np.vstack(static),
        "outer": np.vstack(outer),
        "inner": inner,
        "baseline": np.concatenate(baseline),
        "engine": np.concatenate(engine),
    }


def _baseline(item: dict[str, Any], fold: np.ndarray) -> np.ndarray:
    """rubric tune's bag of words on these folds (the function the tuning part reports)."""
    from evaluator.tools.tune.core import bag_of_words_marks

    n = len(item["y"])
    splits = [(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(FOLDS)]
    return bag_of_words_marks(item["text"], ["q"] * n, item["y"], np.ones(n), splits)


def _folds(y: np.ndarray) -> np.ndarray:
    """Each answer's fold: the tuning part's ``KFold(FOLDS, shuffle=True, random_state=0)``."""
    from sklearn.model_selection import KFold

    fold = np.zeros(len(y), dtype=int)
    for k, (_, test) in enumerate(KFold(FOLDS, shuffle=True, random_state=0).split(y)):
        fold[test] = k
    return fold


def _stacker() -> Any:
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), Ridge(alpha=1.0))


def pooled(table: dict[str, Any], names: list[str], engine: bool = False) -> dict[str, float]:
    """Held-out AUC of the pooled stacker: nested, and cross-question (numpy or engine)."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    y, fold = table["y"], table["fold"]
    columns = [NAMES.index(n) for n in names]
    outer = np.hstack([table["static"], table["outer"]])
    nested = np.zeros(len(y))
    for f in range(FOLDS):
        train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
        inner = np.array(
            [np.concatenate([table["static"][i], table["inner"][(f, i)]]) for i in train]
        )
        model = _stacker().fit(inner[:, columns], y[train])
        nested[test] = model.predict(outer[test][:, columns])
    out = {"nested": float(roc_auc_score(y, nested))}
    variants = {"cross_question": outer}
    if engine:
        with_engine = outer.copy()
        with_engine[:, NAMES.index("p_stem")] = table["engine"]
        variants["cross_question_engine"] = with_engine
    for name, matrix in variants.items():
        predicted = np.zeros(len(y))
        groups = GroupKFold(min(FOLDS, len(set(table["question"]))))
        for train, test in groups.split(matrix, y, table["question"]):
            model = _stacker().fit(matrix[train][:, columns], y[train])
            predicted[test] = model.predict(matrix[test][:, columns])
        out[name] = float(roc_auc_score(y, predicted))
        if name == "cross_question_engine":
            # what a tuned rubric would show: marks clipped to the scale and rounded to the
            # derived rubric's step (0.25 of 4), as the engine's own marks are
            step = ROUNDING / MAX_MARKS
            shown = np.round(np.clip(predicted, 0.0, 1.0) / step) * step
            out["engine_rounded"] = float(roc_auc_score(y, shown))
    return out


def logistic_per_question(prepared: dict[Any, Any], corpus: str) -> float:
    """Lever (b): held-out AUC of a per-question logistic regression on the stem features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import KFold

    ys, scores = [], []
    for key, item in sorted(prepared.items()):
        if key[0] != corpus:
            continue
        y, grams, derived = item["y"], item["grams"], item["derived"]
        predicted = np.zeros(len(y))
        for train, test in KFold(FOLDS, shuffle=True, random_state=0).split(y):
            counts = Counter(g for i in train for g in grams[i])
            vocabulary = {
                g: j for j, g in enumerate(sorted(g for g, n in counts.items() if n >= 2))
            }
            matrix = np.zeros((len(y), len(vocabulary) + 1))
            for i in range(len(y)):
                for g in grams[i]:
                    if g in vocabulary:
                        matrix[i, vocabulary[g]] = 1.0
                matrix[i, -1] = 4 * derived[i]
            if len(set(y[train])) < 2:
                predicted[test] = y[train].mean()
                continue
            model = LogisticRegression(C=1.0, max_iter=2000).fit(matrix[train], y[train])
            predicted[test] = model.decision_function(matrix[test])
        ys.append(y)
        scores.append(predicted)
    return float(roc_auc_score(np.concatenate(ys), np.concatenate(scores)))


def _phrase_matrix(item: dict[str, Any], train: np.ndarray) -> np.ndarray:
    """Indicators of the stem 1-2-grams two training answers share, for every answer."""
    counts = Counter(g for i in train for g in item["grams"][i])
    vocabulary = {g: j for j, g in enumerate(sorted(g for g, n in counts.items() if n >= 2))}
    matrix = np.zeros((len(item["y"]), len(vocabulary)))
    for i, grams in enumerate(item["grams"]):
        for g in grams:
            if g in vocabulary:
                matrix[i, vocabulary[g]] = 1.0
    return matrix


def _pairs_by_correlation(x: np.ndarray, y: np.ndarray, train: np.ndarray, top: int) -> list[Any]:
    """Products of two of the ``top`` phrases most correlated with the marks (each pair found in
    two training answers at least, and not the same as either phrase alone)."""
    from itertools import combinations

    columns = []
    xt, yt = x[train], y[train]
    if yt.std() == 0:
        return []
    spread = xt.std(axis=0)
    centred = (xt - xt.mean(axis=0)) * (yt - yt.mean())[:, None]
    correlation = np.where(spread > 0, centred.mean(axis=0) / (spread * yt.std() + 1e-12), 0.0)
    for a, b in combinations(np.argsort(-np.abs(correlation))[:top], 2):
        both = x[:, a] * x[:, b]
        differs = (both[train] != xt[:, a]).any() and (both[train] != xt[:, b]).any()
        if both[train].sum() >= 2 and differs:
            columns.append(both)
    return columns


def _pairs_from_trees(x: np.ndarray, y: np.ndarray, train: np.ndarray) -> list[Any]:
    """Branches of boosted depth-2 trees, as conjunctions of phrases present: a branch 'A and
    not B' is the difference of 'A' and 'A and B' (inclusion-exclusion), so only the
    conjunctions of two phrases are new features."""
    from sklearn.ensemble import GradientBoostingRegressor

    boosted = GradientBoostingRegressor(
        n_estimators=100, max_depth=2, subsample=0.8, random_state=0
    ).fit(x[train], y[train])
    pairs: set[tuple[int, int]] = set()
    for tree in boosted.estimators_[:, 0]:
        t = tree.tree_
        root = t.feature[0]
        for child in (t.children_left[0], t.children_right[0]):
            if t.children_left[child] != -1 and t.feature[child] != root:
                pairs.add(tuple(sorted((int(root), int(t.feature[child])))))  # type: ignore[arg-type]
    columns = [x[:, a] * x[:, b] for a, b in sorted(pairs)]
    return [c for c in columns if c[train].sum() >= 2]


def _exemplars(item: dict[str, Any], train: np.ndarray, whole: bool) -> np.ndarray:
    """One column per distinct training answer: the content-stem Jaccard of each answer with it
    (``whole``: 1 when an answer holds all of its content stems)."""
    stems = item["stems"]
    kept = list(dict.fromkeys(frozenset(stems[j]) for j in train if stems[j]))
    if whole:
        return np.array([[float(e <= s) for e in kept] for s in stems])
    return np.array([[_jaccard(s, set(e)) for e in kept] for s in stems])


PER_QUESTION = [
    ("per-question model (stem 1-2-grams two answers share + derived share x4)", "base"),
    ("(d) + conjunctions of two of the 10 phrases most correlated with the marks", "pairs10"),
    ("(d) + conjunctions of two of the 20 phrases most correlated with the marks", "pairs20"),
    ("(d) + conjunctions read off boosted depth-2 trees (x0.5)", "trees"),
    ("(e) + one exemplar per distinct training answer: Jaccard (x2)", "jaccard"),
    ("(e) + one exemplar per distinct training answer: all its words present (x0.5)", "whole"),
    ("not a rubric: random forest averaged with the per-question model", "forest"),
]


def _per_question_model(
    item: dict[str, Any], train: np.ndarray, test: np.ndarray, kind: str
) -> Any:
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.linear_model import Ridge

    y = item["y"]
    phrases = _phrase_matrix(item, train)
    blocks = [phrases, 4 * item["derived"][:, None]]
    if kind.startswith("pairs"):
        blocks += [
            np.column_stack(c)
            for c in [_pairs_by_correlation(phrases, y, train, int(kind[5:]))]
            if c
        ]
    elif kind == "trees":
        blocks += [0.5 * np.column_stack(c) for c in [_pairs_from_trees(phrases, y, train)] if c]
    elif kind == "jaccard":
        blocks.append(2 * _exemplars(item, train, whole=False))
    elif kind == "whole":
        blocks.append(0.5 * _exemplars(item, train, whole=True))
    matrix = np.hstack(blocks)
    ridge = Ridge(alpha=3.0).fit(matrix[train], y[train]).predict(matrix[test])
    if kind != "forest":
        return ridge
    forest = RandomForestRegressor(300, min_samples_leaf=2, random_state=0, n_jobs=1)
    return 0.5 * ridge + 0.5 * forest.fit(matrix[train], y[train]).predict(matrix[test])


def per_question_levers(prepared: dict[Any, Any], corpus: str) -> dict[str, float]:
    """Held-out AUC of each per-question variant, and of the baseline's marks (``baseline``)
    and the same rounded to 0.5 (``rounded_baseline``)."""
    from sklearn.metrics import roc_auc_score

    ys, baseline = [], []
    scores: dict[str, list[np.ndarray]] = {kind: [] for _, kind in PER_QUESTION}
    for key, item in sorted(prepared.items()):
        if key[0] != corpus:
            continue
        y = item["y"]
        fold = _folds(y)
        ys.append(y)
        baseline.append(_baseline(item, fold) * MAX_MARKS)
        for _, kind in PER_QUESTION:
            predicted = np.zeros(len(y))
            for f in range(FOLDS):
                train, test = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
                predicted[test] = _per_question_model(item, train, test, kind)
            scores[kind].append(predicted)
    y_all = np.concatenate(ys)
    out = {kind: float(roc_auc_score(y_all, np.concatenate(v))) for kind, v in scores.items()}
    marks = np.concatenate(baseline)
    out["baseline"] = float(roc_auc_score(y_all, marks))
    out["rounded_baseline"] = float(roc_auc_score(y_all, np.round(marks * 2) / 2))
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure the levers and print their AUC gains over the baseline."""
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="questions per corpus (0: all)")
    parser.add_argument("--corpus", action="append", help="beetle or sciEntsBank (repeatable)")
    parser.add_argument("--engine", action="store_true", help="also run rubric tune (slow)")
    parser.add_argument(
        "--per-question", action="store_true", help="the per-question levers (d), (e) instead"
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", category=UserWarning)
    started = time.perf_counter()
    groups = by_question(read_rows(args.data))
    corpora = args.corpus or sorted({c for c, _ in groups})
    kept: dict[tuple[str, str], list[dict[str, str]]] = {}
    taken: dict[str, int] = defaultdict(int)
    for key, members in groups.items():
        if key[0] in corpora and (not args.limit or taken[key[0]] < args.limit):
            taken[key[0]] += 1
            kept[key] = members
    prepared = prepare(kept, args.engine)
    print(f"prepared {len(prepared)} questions in {time.perf_counter() - started:.0f} s")
    for corpus in corpora:
        if args.per_question:
            for item in prepared.values():
                item["grams"] = [stem_grams(w) for w in item["words"]]
                item["stems"] = [content(w) for w in item["words"]]
            table = features(prepared, corpus) if args.engine else {}
            found = per_question_levers(prepared, corpus)
            base = found["baseline"]
            print(f"\n{corpus}: bag-of-words baseline AUC {base:.4f} (AUC minus it; target +0.030)")
            if args.engine:
                tuned = float(roc_auc_score(table["y"], table["engine"]))
                print(f"  {tuned - base:+.4f}  rubric tune (engine)")
            for label, kind in PER_QUESTION:
                print(f"  {found[kind] - base:+.4f}  {label}")
            rounded = found["rounded_baseline"]
            print(f"  {rounded - base:+.4f}  the baseline ranked on its marks rounded to 0.5")
            continue
        table = features(prepared, corpus)
        y = table["y"]
        base = float(roc_auc_score(y, table["baseline"]))
        print(f"\n{corpus}: {len(y)} answers; bag-of-words baseline AUC {base:.4f}")
        if args.engine:
            tuned = float(roc_auc_score(y, table["engine"]))
            print(f"  rubric tune (engine) AUC {tuned:.4f} ({tuned - base:+.4f})")
        logistic = logistic_per_question(prepared, corpus)
        print(f"  (b) per-question logistic instead of ridge: {logistic - base:+.4f}")
        head = "  nested  cross-q" + ("  engine rounded" if args.engine else "")
        print(f"{head}   (AUC minus baseline; target +0.030)")
        for label, names in ROWS:
            gains = {k: v - base for k, v in pooled(table, names, args.engine).items()}
            cells = "".join(f"{g:+8.4f}" for g in gains.values())
            print(f"  {cells}   {label}")
    print(f"\ntime: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

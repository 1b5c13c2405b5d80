"""Variance of the per-question linear fit (session 46): several fits on the same fold features.

The tuning part (``validity_tune.run_tune_part``) learns phrases and grades every answer under
each fold's learned rubric, which is what takes the time; the linear fit itself is cheap. This
script runs the tuning part once and, on each fold, fits the variants below on the same training
features and marks the same held-out answers with them (the fold's rubric as learned, pruning as
built), so every variant is ranked on identical folds, phrases and grading. ``asbuilt`` must
reproduce the benchmark's tuned marks exactly (checked).

    python benchmarks/validity_variance.py [--corpus beetle] [--limit N] [--variants a,b]
        [--dump marks.json]

Prints JSON: per variant the pooled AUC, its gain over the bag of words, and (``vs_asbuilt_95``)
a 95% interval of its AUC minus the engine's, the questions resampled.

Variants (each a subclass of ``LinearShortTuner``; deterministic seeds 0..B-1):

- ``asbuilt``: the engine's fit (ridge strength by leave-one-out from ``ALPHAS``).
- ``grid9`` / ``grid15``: the strength from a finer grid (0.3-100, 9 values / 15 log-spaced).
- ``bag``: the weights averaged over 30 bootstrap fits at the chosen strength, each fit with the
  engine's sign rounds; cut points and the examples' keep-or-drop from out-of-bag predictions.
- ``subbag``: the same over 30 half-samples (without replacement).
- ``bagloo``: ``bag`` with the full fit's leave-one-out predictions for the cut points and the
  examples' keep-or-drop.
- ``stable30`` / ``stable50`` / ``stable70``: a column enters the fit only if it keeps its
  expected sign with a non-zero weight in at least 30% / 50% / 70% of 30 half-sample fits
  (stability selection), then the engine's fit on those columns.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

BAGS = 30


def _ridge_np(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Ridge with an unpenalised intercept (as sklearn's Ridge), closed form."""
    if x.shape[1] == 0:
        return np.zeros(0), float(y.mean())
    xm, ym = x.mean(axis=0), float(y.mean())
    xc, yc = x - xm, y - ym
    n, p = xc.shape
    if n <= p:
        beta = xc.T @ np.linalg.solve(xc @ xc.T + alpha * np.eye(n), yc)
    else:
        beta = np.linalg.solve(xc.T @ xc + alpha * np.eye(p), xc.T @ yc)
    return beta, ym - float(xm @ beta)


def _signed_np(
    x: np.ndarray, y: np.ndarray, fired: np.ndarray, signs: np.ndarray, alpha: float, rounds: int
) -> tuple[np.ndarray, float]:
    """The engine's sign rounds at a fixed strength; full-length coefficients (0 where unused)."""
    used = fired.copy()
    coef = np.zeros(len(fired))
    intercept = float(y.mean())
    for _ in range(rounds + 1):
        beta, intercept = _ridge_np(x[:, used], y, alpha)
        against = beta * signs[used] < 0
        if not against.any():
            break
        used[np.flatnonzero(used)[against]] = False
        if not used.any():
            return coef, float(y.mean())
    else:
        beta, intercept = _ridge_np(x[:, used], y, alpha)
    coef[used] = np.where(beta * signs[used] < 0, 0.0, beta)
    return coef, intercept


def make_variants() -> dict[str, Any]:
    from evaluator.tools.tune.linear import SIGN_ROUNDS, LinearShortTuner

    class Grid9(LinearShortTuner):
        def _ridge(self, credits, shares):  # type: ignore[no-untyped-def]
            self.alphas = (0.3, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 100.0)
            return super()._ridge(credits, shares)

    class Grid15(LinearShortTuner):
        def _ridge(self, credits, shares):  # type: ignore[no-untyped-def]
            self.alphas = tuple(float(a) for a in np.logspace(-0.5, 2.0, 15))
            return super()._ridge(credits, shares)

    class Bagged(LinearShortTuner):
        half = False

        def _signed_ridge(self, credits, shares, fired, signs):  # type: ignore[no-untyped-def]
            ridge, used = super()._signed_ridge(credits, shares, fired, signs)
            n = len(shares)
            if not used.any() or n < 6:
                return ridge, used
            alpha = float(ridge.alpha_)
            coefs, intercepts = [], []
            oob_sum, oob_count = np.zeros(n), np.zeros(n)
            for seed in range(BAGS):
                rng = np.random.default_rng(seed)
                if self.half:
                    rows = np.sort(rng.choice(n, n // 2, replace=False))
                else:
                    rows = np.sort(rng.integers(0, n, n))
                coef, intercept = _signed_np(
                    credits[rows], shares[rows], fired, signs, alpha, SIGN_ROUNDS
                )
                coefs.append(coef)
                intercepts.append(intercept)
                out = np.setdiff1d(np.arange(n), rows)
                oob_sum[out] += credits[out] @ coef + intercept
                oob_count[out] += 1
            mean = np.mean(coefs, axis=0)
            bagged = mean != 0
            k = list(ridge.alphas).index(ridge.alpha_)
            loo = ridge.cv_results_[:, k].copy()
            has = oob_count > 0
            loo[has] = oob_sum[has] / oob_count[has]
            ridge.cv_results_ = np.repeat(loo[:, None], len(ridge.alphas), axis=1)
            ridge.best_score_ = -float(np.mean((loo - shares) ** 2))
            ridge.coef_ = mean[bagged]
            ridge.intercept_ = float(np.mean(intercepts))
            return ridge, bagged

    class SubBagged(Bagged):
        half = True

    class BaggedLoo(Bagged):
        """Bagged weights, cut points and the examples' choice from the full fit's leave-one-out."""

        def _signed_ridge(self, credits, shares, fired, signs):  # type: ignore[no-untyped-def]
            full, _ = LinearShortTuner._signed_ridge(self, credits, shares, fired, signs)
            kept = (full.cv_results_.copy(), full.best_score_)
            ridge, used = super()._signed_ridge(credits, shares, fired, signs)
            ridge.cv_results_, ridge.best_score_ = kept
            return ridge, used

    class Stable(LinearShortTuner):
        share = 0.5

        def _signed_ridge(self, credits, shares, fired, signs):  # type: ignore[no-untyped-def]
            n = len(shares)
            if n < 6 or not fired.any():
                return super()._signed_ridge(credits, shares, fired, signs)
            first = self._ridge(credits[:, fired], shares)
            alpha = float(first.alpha_)
            picked = np.zeros(len(fired))
            for seed in range(BAGS):
                rows = np.sort(np.random.default_rng(seed).choice(n, n // 2, replace=False))
                coef, _ = _signed_np(credits[rows], shares[rows], fired, signs, alpha, SIGN_ROUNDS)
                picked += (coef * signs > 1e-9).astype(float)
            stable = fired & (picked / BAGS >= self.share)
            if not stable.any():
                stable = fired
            return super()._signed_ridge(credits, shares, stable, signs)

    class Stable70(Stable):
        share = 0.7

    class Stable30(Stable):
        share = 0.3

    return {
        "asbuilt": LinearShortTuner,
        "grid9": Grid9,
        "grid15": Grid15,
        "bag": Bagged,
        "subbag": SubBagged,
        "bagloo": BaggedLoo,
        "stable50": Stable,
        "stable70": Stable70,
        "stable30": Stable30,
    }


def paired_interval(
    labels: list[bool], questions: list[str], a: list[float], b: list[float]
) -> list[float]:
    """95% interval of AUC(a) - AUC(b), the questions resampled (1,000 draws, seed 0)."""
    from sklearn.metrics import roc_auc_score

    y, x, z = np.array(labels, dtype=int), np.array(a), np.array(b)
    ids = sorted(set(questions))
    rows = {q: np.flatnonzero(np.array(questions) == q) for q in ids}
    rng = np.random.default_rng(0)
    diffs = []
    for _ in range(1000):
        pick = np.concatenate([rows[ids[i]] for i in rng.integers(0, len(ids), len(ids))])
        if len(set(y[pick])) < 2:
            continue
        diffs.append(roc_auc_score(y[pick], x[pick]) - roc_auc_score(y[pick], z[pick]))
    return [round(float(v), 4) for v in np.quantile(diffs, [0.025, 0.975])]


def main(argv: list[str] | None = None) -> int:
    import validity_tune
    from sklearn.base import clone

    from evaluator.tools.tune import core, folds

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=validity_tune.DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--corpus", action="append")
    parser.add_argument("--variants", default="")
    parser.add_argument("--dump", type=Path, help="write each answer's marks here (JSON)")
    args = parser.parse_args(argv)
    classes = make_variants()
    if args.variants:
        classes = {k: v for k, v in classes.items() if k in args.variants.split(",")}
    current: dict[str, np.ndarray] = {}
    seconds: dict[str, float] = defaultdict(float)
    original_fit_form = folds.fit_form

    def fit_form(candidate, rows, pairs, human, *, learn, docs, nlp=None, lock=None):  # type: ignore[no-untyped-def]
        n = len(pairs)
        if len(rows) == n or not learn or docs is None:
            return original_fit_form(
                candidate, rows, pairs, human, learn=learn, docs=docs, nlp=nlp, lock=lock
            )
        learned_loaded, phrases = folds.learn_rubric(
            candidate.loaded, pairs, docs, candidate.reports, rows, nlp=nlp, **candidate.options
        )
        if learned_loaded is candidate.loaded:
            fold_features = candidate.features
        else:
            reports = folds.grade_docs(learned_loaded, pairs, docs, nlp=nlp, lock=lock)
            fold_features = [folds.AnswerFeatures.from_report(r) for r in reports]
        test = np.setdiff1d(np.arange(n), rows)
        out = None
        for name, cls in classes.items():
            if name not in current:
                current[name] = np.full(n, np.nan)
            started = time.perf_counter()
            params = clone(candidate.model).get_params()
            params["rubric"] = learned_loaded.rubric
            model = cls(**params).fit([fold_features[i] for i in rows], human[rows])
            seconds[name] += time.perf_counter() - started
            renamed = folds.renamed_in(fold_features, model)
            current[name][test] = model.predict([renamed[i] for i in test])
            if name == "asbuilt":
                out = (model, renamed, phrases)
        if out is None:
            return original_fit_form(
                candidate, rows, pairs, human, learn=learn, docs=docs, nlp=nlp, lock=lock
            )
        return out

    core.fit_form = fit_form
    marks: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    import evaluator.tools.tune as tune_package

    real_tune = tune_package.tune_rubric
    mismatch = [0]

    def tune_rubric(loaded, graded, **options):  # type: ignore[no-untyped-def]
        current.clear()
        result = real_tune(loaded, graded, **options)
        corpus = loaded.fingerprint.split(":")[1]  # validity-tune:<corpus>:<question>:...
        for name, values in current.items():
            marks[corpus][name] += values.tolist()
        if "asbuilt" in current and not np.allclose(current["asbuilt"], result.machine_after):
            mismatch[0] += 1
        marks[corpus]["labels"] += [m > 0 for m in result.human]
        marks[corpus]["baseline"] += result.machine_baseline
        marks[corpus]["question"] += list(result.questions)
        return result

    tune_package.tune_rubric = tune_rubric
    namespace = argparse.Namespace(
        data=args.data,
        limit=args.limit,
        corpus=args.corpus,
        no_learn=False,
        blend=None,
        phrases_per_answer=None,
        best=False,
        no_exemplars=False,
    )
    result = validity_tune.run_tune_part(namespace)
    if args.dump:  # labels (correct or not), question, baseline and each variant's marks
        args.dump.write_text(json.dumps(marks), encoding="utf-8")
    out: dict[str, Any] = {"seconds": result["seconds"], "mismatch": mismatch[0], "corpora": {}}
    for corpus, by_name in marks.items():
        labels = by_name.pop("labels")
        questions = by_name.pop("question")
        base = validity_tune.metrics(labels, by_name.pop("baseline"))
        rows = {}
        for name, values in by_name.items():
            m = validity_tune.metrics(labels, values)
            rows[name] = {
                "auc": round(m["auc"], 4),
                "auc_gain": round(m["auc"] - base["auc"], 4),
                "qwk_gain": round(m["qwk"] - base["qwk"], 4),
                "fit_seconds": round(seconds[name], 1),
            }
            if "asbuilt" in by_name and name != "asbuilt":
                rows[name]["vs_asbuilt_95"] = paired_interval(
                    labels, questions, values, by_name["asbuilt"]
                )
        out["corpora"][corpus] = {"baseline_auc": round(base["auc"], 4), "variants": rows}
        out["corpora"][corpus]["benchmark"] = result["table"][corpus]["auc_gain"]
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

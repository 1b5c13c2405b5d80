"""Validity, tuning part: does a tuned rubric beat a bag of words on human-marked short answers?

Reads the SemEval-2013 Task 7 training set (``../shared/data/semeval2013/train.csv``; the data stays
outside this repository). For each question: a rubric is derived from its reference answers with
the library's ``derive_rubric`` (as ``mains-eval rubric derive --max-marks 4`` would); its answers
are split into 5 folds (KFold, shuffled, random_state 0, within the question); ``tune_rubric``
tunes the rubric on four folds (learning phrases from the marks: correct = 4, else 0; the derived
question is ``kind: short``, so the linear path: intercept + weight x credit, see
``evaluator/tools/tune/linear.py``) and grades the fifth with it, and fits the TF-IDF ridge
baseline (word 1-2-grams + character 2-5-grams) on the same folds. Prints, per corpus, ROC AUC
for ``label_2way == "correct"`` (pooled over the corpus's held-out answers), QWK and macro-F1 (a
mark of 2 or more counts as "correct"), and time.

    python benchmarks/validity_tune.py [--data PATH] [--limit N] [--corpus beetle] [--json]

``benchmarks/validity.py --part tune`` runs the same (``run_tune_part(args)``).
"""

from __future__ import annotations

import argparse
import inspect
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

# the constants and the reader are the derive part's (this folder is on sys.path when run as a
# script, and validity.py imports this module only inside its main)
from validity import DEFAULT_DATA, MAX_MARKS, ROOT, WORD_LIMIT, emit, read_rows

FOLDS = 5


def references(row: dict[str, str]) -> list[str]:
    """The question's reference answers (alternatives)."""
    return [r.strip() for r in row["reference_answers"].split(" || ") if r.strip()]


def derive_loaded(corpus: str, qid: str, first: dict[str, str], derive_nlp: Any) -> Any:
    """The question's rubric, derived from its reference answers (None when derive fails)."""
    from evaluator.rubric.loader import LoadedRubric
    from evaluator.rubric.model import Rubric
    from evaluator.tools.derive import derive_rubric

    options: dict[str, Any] = {
        "title": qid,
        "question": first["question"],
        "max_marks": MAX_MARKS,
        "word_limit": WORD_LIMIT,
        "nlp": derive_nlp,
    }
    if "references" in inspect.signature(derive_rubric).parameters:  # derive after issue 11
        options["references"] = references(first)
    try:
        derived = derive_rubric("\n".join(references(first)), **options)
    except Exception as exc:  # a question derive cannot handle is reported, not fatal
        print(f"  derive failed for {corpus}/{qid}: {exc}", file=sys.stderr)
        return None
    return LoadedRubric(
        rubric=Rubric.model_validate(derived.data),
        path=ROOT / "rubrics" / f"validity-{qid}" / "rubric.yaml",
        source_notes="\n".join(references(first)),
        fingerprint=f"validity-tune:{corpus}:{qid}:{derived.yaml}",
    )


def metrics(labels: list[bool], scores: list[float]) -> dict[str, float]:
    """AUC of the scores for the labels, and QWK / macro-F1 of marks >= 2 as 'correct'."""
    import numpy as np
    from sklearn.metrics import cohen_kappa_score, f1_score, roc_auc_score

    y = np.array(labels, dtype=int)
    marks = np.array(scores, dtype=float)
    predicted = (marks >= MAX_MARKS / 2).astype(int)
    # each model's QWK at the threshold that suits its own marks best, chosen on the held-out
    # marks themselves: an upper bound for both, so the comparison at 2 favours neither (a
    # ridge shrinks its marks towards the mean, which a fixed threshold could punish)
    candidates = np.unique(np.quantile(marks, np.linspace(0.02, 0.98, 97)))
    best = max(
        float(cohen_kappa_score(y, (marks >= t).astype(int), weights="quadratic"))
        for t in candidates
    )
    return {
        "auc": round(float(roc_auc_score(y, scores)), 4),
        "qwk": round(float(cohen_kappa_score(y, predicted, weights="quadratic")), 4),
        "macro_f1": round(float(f1_score(y, predicted, average="macro")), 4),
        "qwk_best_threshold": round(best, 4),
        "n": len(y),
    }


BOOTSTRAP = 1000
"""Resamples of the questions behind the intervals of the gains."""


def gain_intervals(
    labels: list[bool], questions: list[str], tuned: list[float], baseline: list[float]
) -> dict[str, list[float]]:
    """95% intervals of tuned minus baseline AUC and QWK (marks >= 2 as correct), by a cluster
    bootstrap: whole questions are resampled with replacement, since a question's answers share
    its reference and its derived rubric and are not independent. Seeded."""
    import numpy as np
    from sklearn.metrics import cohen_kappa_score, roc_auc_score

    y = np.array(labels, dtype=int)
    a, b = np.array(tuned, dtype=float), np.array(baseline, dtype=float)
    by_question: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(questions):
        by_question[q].append(i)
    members = [np.array(rows) for rows in by_question.values()]
    rng = np.random.default_rng(0)
    auc, qwk = [], []
    for _ in range(BOOTSTRAP):
        picked = rng.integers(0, len(members), len(members))
        rows = np.concatenate([members[k] for k in picked])
        if len(set(y[rows])) < 2:
            continue
        auc.append(roc_auc_score(y[rows], a[rows]) - roc_auc_score(y[rows], b[rows]))
        qwk.append(
            cohen_kappa_score(y[rows], (a[rows] >= MAX_MARKS / 2).astype(int), weights="quadratic")
            - cohen_kappa_score(
                y[rows], (b[rows] >= MAX_MARKS / 2).astype(int), weights="quadratic"
            )
        )
    return {
        name: [round(float(v), 4) for v in np.percentile(values, [2.5, 97.5])]
        for name, values in (("auc_gain", auc), ("qwk_gain", qwk))
    }


def run_tune_part(args: argparse.Namespace) -> dict[str, Any]:
    """Derive, tune and grade every question on the same folds as the baseline; the tables."""
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.tools.derive.core import full_pipeline
    from evaluator.tools.graded import GradedAnswer
    from evaluator.tools.tune import tune_rubric
    from evaluator.tools.tune.model import RubricWeightTuner

    started = time.perf_counter()
    rows = read_rows(args.data)
    if args.corpus:
        rows = [r for r in rows if r["corpus"] in args.corpus]
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[(row["corpus"], row["question_id"])].append(row)
    if args.limit:
        keep: dict[str, int] = defaultdict(int)
        limited = {}
        for key, members in groups.items():
            if keep[key[0]] < args.limit:
                keep[key[0]] += 1
                limited[key] = members
        groups = limited

    nlp = get_nlp()
    derive_nlp = full_pipeline()
    # every answer parsed once, through nlp.pipe, and shared by every fold
    texts = sorted({r["student_answer"] for members in groups.values() for r in members})
    parsed = dict(zip(texts, nlp.pipe(texts, batch_size=256), strict=True))
    parse_seconds = time.perf_counter() - started

    labels: dict[str, list[bool]] = defaultdict(list)
    question_of: dict[str, list[str]] = defaultdict(list)
    tuned: dict[str, list[float]] = defaultdict(list)
    before: dict[str, list[float]] = defaultdict(list)
    baseline: dict[str, list[float]] = defaultdict(list)
    learned: dict[str, int] = defaultdict(int)
    failures = 0
    # the defaults are tune_rubric's (the linear short-answer path); --blend asks for the Mains
    # weight tuner, --phrases-per-answer / --best change the phrase learner
    options: dict[str, Any] = {}
    if args.phrases_per_answer is not None:
        options["per_answer"] = args.phrases_per_answer
    if args.best:
        options["one_se"] = False
    if args.no_exemplars:
        options["exemplars"] = False
    for (corpus, qid), members in groups.items():
        loaded = derive_loaded(corpus, qid, members[0], derive_nlp)
        if loaded is None:
            failures += 1
            continue
        question = loaded.rubric.questions[0].id
        legacy = None if args.blend is None else RubricWeightTuner(loaded.rubric, blend=args.blend)
        graded = [
            GradedAnswer(
                id=r["answer_id"],
                text=r["student_answer"],
                mark=MAX_MARKS if r["label_2way"] == "correct" else 0,
                question=question,
                line=i + 2,
            )
            for i, r in enumerate(members)
        ]
        result = tune_rubric(
            loaded,
            graded,
            folds=FOLDS,
            nlp=nlp,
            docs=[parsed[r["student_answer"]] for r in members],
            learn=not args.no_learn,
            estimator=legacy,
            learn_options=options or None,
        )
        labels[corpus] += [r["label_2way"] == "correct" for r in members]
        question_of[corpus] += [qid] * len(members)
        tuned[corpus] += result.machine_after
        before[corpus] += result.machine_before
        baseline[corpus] += result.machine_baseline
        learned[corpus] += len(result.learned)

    table = {}
    for corpus in sorted(labels):
        table[corpus] = {
            "questions": sum(1 for key in groups if key[0] == corpus),
            "derived": metrics(labels[corpus], before[corpus]),
            "tuned": metrics(labels[corpus], tuned[corpus]),
            "baseline": metrics(labels[corpus], baseline[corpus]),
            "learned_phrases_final": learned[corpus],
        }
        for metric, key in (("auc", "auc_gain"), ("qwk", "qwk_gain"), ("macro_f1", "f1_gain")):
            table[corpus][key] = round(
                table[corpus]["tuned"][metric] - table[corpus]["baseline"][metric], 4
            )
        table[corpus]["intervals"] = gain_intervals(
            labels[corpus], question_of[corpus], tuned[corpus], baseline[corpus]
        )
        table[corpus]["qwk_best_threshold_gain"] = round(
            table[corpus]["tuned"]["qwk_best_threshold"]
            - table[corpus]["baseline"]["qwk_best_threshold"],
            4,
        )
    return {
        "table": table,
        "folds": FOLDS,
        "failures": failures,
        "parse_seconds": round(parse_seconds, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def print_report(result: dict[str, Any]) -> None:
    """The tables as text."""
    print(
        f"tuning part: {result['folds']} folds within each question; AUC for label_2way == "
        "correct, QWK and macro-F1 with marks >= 2 as correct"
    )
    header = f"{'corpus':<12}{'model':<10}{'AUC':>8}{'QWK':>8}{'F1':>8}{'QWK*':>8}{'n':>7}"
    print(header)
    for corpus, part in result["table"].items():
        for model in ("derived", "tuned", "baseline"):
            m = part[model]
            print(
                f"{corpus:<12}{model:<10}{m['auc']:>8.3f}{m['qwk']:>8.3f}"
                f"{m['macro_f1']:>8.3f}{m['qwk_best_threshold']:>8.3f}{m['n']:>7d}"
            )
        print(
            f"{corpus:<12}tuned - baseline AUC {part['auc_gain']:+.3f}, QWK "
            f"{part['qwk_gain']:+.3f} (QWK* {part['qwk_best_threshold_gain']:+.3f}), F1 "
            f"{part['f1_gain']:+.3f} (target +0.030); {part['questions']} questions, "
            f"{part['learned_phrases_final']} phrases learned (final fits)"
        )
        auc_low, auc_high = part["intervals"]["auc_gain"]
        qwk_low, qwk_high = part["intervals"]["qwk_gain"]
        print(
            f"{corpus:<12}95% intervals ({BOOTSTRAP} resamples of whole questions): AUC gain "
            f"{auc_low:+.3f} to {auc_high:+.3f}, QWK gain {qwk_low:+.3f} to {qwk_high:+.3f}"
        )
    print(
        "QWK*: each model at the threshold that suits its own held-out marks best (an upper bound)"
    )
    print(
        f"time: {result['seconds']:.1f} s ({result['parse_seconds']:.1f} s parsing); "
        f"{result['failures']} questions failed to derive"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the tuning part and print (or --json) its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="questions per corpus (0: all)")
    parser.add_argument("--corpus", action="append", help="beetle or sciEntsBank (repeatable)")
    parser.add_argument("--no-learn", action="store_true", help="tune weights only")
    parser.add_argument(
        "--blend", type=float, default=None, help="use the Mains weight tuner with this blend"
    )
    parser.add_argument(
        "--phrases-per-answer", type=float, default=None, help="learned phrases per answer"
    )
    parser.add_argument(
        "--best", action="store_true", help="keep the best phrase count, not the 1-SE one"
    )
    parser.add_argument(
        "--no-exemplars", action="store_true", help="keep no graded answers as examples"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    return emit(run_tune_part(args), args.json, print_report)


if __name__ == "__main__":
    raise SystemExit(main())

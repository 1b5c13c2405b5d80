"""Validity: do our marks separate answers expert markers call correct from the rest?

Reads the SemEval-2013 Task 7 training set (``../shared/data/semeval2013/train.csv``; the data
stays outside this repository). Split by question: for each question a rubric is derived from its
reference answers (and the question text) with the library's ``derive_rubric``, as a tutor would
with ``mains-eval rubric derive --max-marks 4 --word-limit 60``, and that question's answers are
graded against it. Prints ROC AUC of our marks for ``label_2way == "correct"`` next to a TF-IDF
cosine baseline (nearest reference answer) computed in the same run, per corpus and overall.

    python benchmarks/validity.py [--data PATH] [--part derive|tune|composite|all] [--limit N]
        [--seeds N] [--json]

``--part tune`` runs the tuning benchmark (benchmarks/validity_tune.py): within each question, 5
folds of its answers; the tuned rubric against a TF-IDF ridge on the same folds. ``--part
composite`` (benchmarks/validity_composite.py) tunes essay-style prompts marked point by point
(three Beetle answers joined per answer, marked 0-3) and compares held-out QWK with the same
baseline, averaged over ``--seeds`` fold seeds (3 by default) with their spread.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "semeval2013" / "train.csv"
MAX_MARKS = 4
WORD_LIMIT = 60


def read_rows(path: Path) -> list[dict[str, str]]:
    """The CSV's rows, or a clear exit when the file is absent."""
    if not path.is_file():
        sys.exit(
            f"validity: {path}: no such file; the SemEval-2013 training set lives outside the "
            "repository (../shared/data/semeval2013/train.csv), pass --data PATH"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_question(rows: list[dict[str, str]]) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Rows grouped by (corpus, question id), in file order."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[(row["corpus"], row["question_id"])].append(row)
    return groups


def references(row: dict[str, str]) -> list[str]:
    """The question's reference answers (alternatives)."""
    return [r.strip() for r in row["reference_answers"].split(" || ") if r.strip()]


def tfidf_baseline(rows: list[dict[str, str]]) -> list[float]:
    """Cosine of each answer to its nearest reference (TF-IDF fit per corpus on answers and
    references)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    refs = sorted({ref for row in rows for ref in references(row)})
    vectorizer = TfidfVectorizer().fit([row["student_answer"] for row in rows] + refs)
    scores = []
    for row in rows:
        answer = vectorizer.transform([row["student_answer"]])
        scores.append(float((answer @ vectorizer.transform(references(row)).T).max()))
    return scores


def derive_part(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Derive a rubric per question from its references, grade its answers; marks per row."""
    from evaluator.nlp.pipeline import get_nlp
    from evaluator.rubric.loader import LoadedRubric
    from evaluator.rubric.model import Rubric
    from evaluator.scoring import evaluate_doc
    from evaluator.tools.derive import derive_rubric
    from evaluator.tools.derive.core import full_pipeline

    started = time.perf_counter()
    nlp = get_nlp()
    derive_nlp = full_pipeline()
    groups = by_question(rows)
    marks: dict[str, float] = {}
    failures = 0
    derive_seconds = 0.0
    for (corpus, qid), members in groups.items():
        t0 = time.perf_counter()
        first = members[0]
        try:
            derived = derive_rubric(
                "\n".join(references(first)),
                title=qid,
                question=first["question"],
                max_marks=MAX_MARKS,
                word_limit=WORD_LIMIT,
                references=references(first),
                nlp=derive_nlp,
            )
        except Exception as exc:
            print(f"  derive failed for {corpus}/{qid}: {exc}", file=sys.stderr)
            failures += 1
            for row in members:
                marks[row["answer_id"]] = 0.0
            continue
        rubric = Rubric.model_validate(derived.data)
        loaded = LoadedRubric(
            rubric=rubric,
            path=ROOT / "rubrics" / f"validity-{qid}" / "rubric.yaml",
            source_notes="\n".join(references(first)),
            fingerprint=f"validity:{corpus}:{qid}:{hash(derived.yaml)}",
        )
        question = rubric.questions[0]
        derive_seconds += time.perf_counter() - t0
        texts = [row["student_answer"] for row in members]
        for row, doc in zip(members, nlp.pipe(texts, batch_size=256), strict=True):
            marks[row["answer_id"]] = evaluate_doc(doc, loaded, question, nlp=nlp).marks
    return {
        "marks": marks,
        "failures": failures,
        "seconds": time.perf_counter() - started,
        "derive_seconds": derive_seconds,
    }


def auc_table(rows: list[dict[str, str]], marks: dict[str, float]) -> dict[str, dict[str, float]]:
    """ROC AUC of our marks and of the baseline, per corpus and overall (pooled)."""
    from sklearn.metrics import roc_auc_score

    table: dict[str, dict[str, float]] = {}
    corpora = sorted({row["corpus"] for row in rows})
    pooled_ours: list[float] = []
    pooled_base: list[float] = []
    pooled_y: list[bool] = []
    for corpus in corpora:
        members = [row for row in rows if row["corpus"] == corpus]
        y = [row["label_2way"] == "correct" for row in members]
        ours = [marks[row["answer_id"]] for row in members]
        base = tfidf_baseline(members)
        table[corpus] = {
            "answers": len(members),
            "questions": len({row["question_id"] for row in members}),
            "ours": round(float(roc_auc_score(y, ours)), 3),
            "baseline": round(float(roc_auc_score(y, base)), 3),
        }
        table[corpus]["margin"] = round(table[corpus]["ours"] - table[corpus]["baseline"], 3)
        pooled_ours += ours
        pooled_base += base
        pooled_y += y
    table["overall"] = {
        "answers": len(pooled_y),
        "questions": sum(int(table[c]["questions"]) for c in corpora),
        "ours": round(float(roc_auc_score(pooled_y, pooled_ours)), 3),
        "baseline": round(float(roc_auc_score(pooled_y, pooled_base)), 3),
    }
    table["overall"]["margin"] = round(table["overall"]["ours"] - table["overall"]["baseline"], 3)
    return table


COMPOSITE_SEEDS = 3
"""Fold seeds the composite part averages by default: one seed's mean QWK moves by a few
hundredths when one answer's features change, more than most changes being measured
(docs/validity.md, session 45)."""


def emit(result: dict[str, Any], as_json: bool, print_report: Any) -> int:
    """Print a part's result as JSON or as its table (the parts' scripts end with this)."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the chosen part(s) and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="path of train.csv")
    parser.add_argument("--part", choices=("derive", "tune", "composite", "all"), default="derive")
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    tune = parser.add_argument_group("tuning part")
    tune.add_argument("--corpus", action="append", help="beetle or sciEntsBank (repeatable)")
    tune.add_argument("--no-learn", action="store_true", help="tune weights only")
    tune.add_argument(
        "--blend", type=float, default=None, help="use the Mains weight tuner with this blend"
    )
    tune.add_argument("--phrases-per-answer", type=float, default=None)
    tune.add_argument("--best", action="store_true", help="best phrase count, not the 1-SE one")
    tune.add_argument("--no-exemplars", action="store_true", help="no graded answers as examples")
    composite = parser.add_argument_group("composite part")
    composite.add_argument(
        "--seeds",
        type=int,
        default=COMPOSITE_SEEDS,
        help=f"fold seeds the composite part averages (default {COMPOSITE_SEEDS})",
    )
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error("--seeds must be 1 or more")
    rows = read_rows(args.data)
    if args.limit:
        keep = list(by_question(rows))[: args.limit]
        rows = [row for key in keep for row in by_question(rows)[key]]
    result: dict[str, Any] = {"data": str(args.data)}
    if args.part in ("derive", "all"):
        derived = derive_part(rows)
        result["derive"] = {
            "table": auc_table(rows, derived["marks"]),
            "seconds": round(derived["seconds"], 1),
            "derive_seconds": round(derived["derive_seconds"], 1),
            "failures": derived["failures"],
        }
    if args.part in ("tune", "all"):
        from validity_tune import run_tune_part  # this folder is on sys.path when run as a script

        result["tune"] = run_tune_part(args)
    if args.part in ("composite", "all"):
        from validity_composite import run as run_composite

        result["composite"] = run_composite(
            argparse.Namespace(
                data=args.data, prompts=4, form="auto", scheme=False, seeds=args.seeds
            )
        )
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    if "derive" in result:
        part = result["derive"]
        print("derive only, split by question: ROC AUC for label_2way == correct")
        header = ("corpus", "answers", "questions", "ours", "tf-idf", "margin")
        print("{:<12} {:>7} {:>9} {:>6} {:>6} {:>7}".format(*header))
        for name, r in part["table"].items():
            print(
                f"{name:<12} {r['answers']:>7} {r['questions']:>9} {r['ours']:>6.3f} "
                f"{r['baseline']:>6.3f} {r['margin']:>+7.3f}"
            )
        print(
            f"time: {part['seconds']:.1f} s ({part['derive_seconds']:.1f} s deriving), "
            f"{part['failures']} questions failed to derive"
        )
    if "tune" in result:
        from validity_tune import print_report

        print_report(result["tune"])
    if "composite" in result:
        from validity_composite import print_report as print_composite

        print_composite(result["composite"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

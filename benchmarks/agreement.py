"""Agreement with a tutor's marks before and after `rubric tune`, on the hand-marked set.

    .venv/bin/python benchmarks/agreement.py                    # all 42 answers, 5 folds
    .venv/bin/python benchmarks/agreement.py --folds 10
    .venv/bin/python benchmarks/agreement.py --graded my.csv --rubric path/to/rubric.yaml
    .venv/bin/python benchmarks/agreement.py --no-calibration    # the hand-marked CSV alone

The calibration set (tests/data/calibration/, issue 19) joins the hand-marked answers: each
answer's tutor mark is the middle of its examiner band, rounded to half a mark.

Prints the before/after table (QWK, Pearson r, RMSE, exact and adjacent agreement, standardized
mean difference) for the whole set and for each question, the tuned mark mapping, and timings.
"After" is cross-validated: every answer is marked by a rubric tuned on the other folds only.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from evaluator.rubric import load_rubric
from evaluator.tools import GradedAnswer, read_graded_csv
from evaluator.tools.calibration import read_calibration_set
from evaluator.tools.tune import assign_questions, score_graded, tune_rubric

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GRADED = ROOT / "tests" / "data" / "graded" / "india-japan.csv"
CALIBRATION = ROOT / "tests" / "data" / "calibration"


def calibration_answers(loaded, folder: Path) -> list[GradedAnswer]:  # type: ignore[no-untyped-def]
    """The calibration set as graded answers: the mark is the middle of the examiner's band."""
    maximum = {q.id: q.max_marks for q in loaded.rubric.questions}
    return [
        GradedAnswer(
            id=f"{a.question}/{a.kind}",
            text=a.text,
            mark=round(a.midpoint / 100 * maximum[a.question] * 2) / 2,
            question=a.question,
            line=0,
        )
        for a in read_calibration_set(folder)
    ]


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graded", type=Path, default=DEFAULT_GRADED)
    parser.add_argument("--rubric", default="india-japan")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-calibration", action="store_true")
    args = parser.parse_args()

    loaded = load_rubric(args.rubric)
    graded = read_graded_csv(args.graded)
    if not args.no_calibration:
        graded += calibration_answers(loaded, CALIBRATION)
    started = time.perf_counter()
    pairs = assign_questions(loaded, graded)
    reports = score_graded(loaded, pairs)
    scored = time.perf_counter()
    result = tune_rubric(loaded, graded, folds=args.folds, reports=reports)
    tuned = time.perf_counter()

    print(
        f"rubric {loaded.id} v{loaded.version}; {len(pairs)} answers from {args.graded.name}"
        + ("" if args.no_calibration else " and the calibration set")
    )
    print(f"tutor's marks in steps of {result.step:g}; {args.folds}-fold cross-validation\n")
    print("all questions")
    print(result.table())
    for question in sorted(set(result.questions)):
        rows = [g for g, (_, q) in zip(graded, pairs, strict=True) if q == question]
        subset = [r for r, (_, q) in zip(reports, pairs, strict=True) if q == question]
        if len(rows) < args.folds:
            continue
        per = tune_rubric(loaded, rows, question_id=question, folds=args.folds, reports=subset)
        print(f"\n{question} ({len(rows)} answers, tuned on this question alone)")
        print(per.table())
    scoring = result.rubric.scoring
    before = loaded.rubric.scoring
    print(
        f"\nmark mapping: ceiling {before.ceiling} -> {scoring.ceiling}, "
        f"curve {before.curve} -> {scoring.curve}"
    )
    zero = [c.id for c in result.concepts if c.zero_weight]
    never = [c.id for c in result.concepts if c.never_fires]
    print(f"concepts: {len(never)} never fire, {len(zero)} get no learned weight")
    print(
        f"\ntime: scoring {scored - started:.1f}s, tuning ({args.folds + 1} fits) "
        f"{tuned - scored:.1f}s"
    )


if __name__ == "__main__":
    main()

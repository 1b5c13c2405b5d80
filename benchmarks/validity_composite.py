"""Validity, composite part: an essay-style prompt marked point by point, tuned from the CLI's path.

The held-out set `rubric tune` is measured on (issue 12) is prompts of about 520 answers each,
each answer a few sentences marked 0-3 against a scoring key, with a rubric derived from the
prompt's description. Nothing like it is here, so this builds the closest thing from SemEval-2013
Beetle (``../shared/data/semeval2013/train.csv``, read at run time, never copied):

* a *prompt* is three Beetle questions; its description document (derived with
  ``derive_rubric``, max marks 3, word limit 150, as ``mains-eval rubric derive notes.md`` would:
  a question of 3 marks is drafted as a short answer) has one heading per question with the
  question and its reference answers (with ``--scheme`` also the task first and score bands
  last, as a prompt with its marking guide is laid out);
* an *answer* joins one student answer to each of the three questions, and its mark is how many
  of the three are labelled correct (0-3); every student answer is used once (no answer's text
  is in two composites, so no fold sees a held-out answer's parts);
* ``tune_rubric`` (what ``rubric tune --folds 5`` runs, ``--form auto``) is cross-validated on 5
  folds, and the TF-IDF ridge baseline it reports is fitted on the same folds.

Reported per prompt and as a mean: held-out QWK after tuning, the form kept, the other form's QWK,
and the baseline's. The twelve largest Beetle questions make four prompts.

    PYTHONPATH=. .venv/bin/python benchmarks/validity_composite.py [--data PATH] [--prompts N]
        [--form auto|rubric|linear] [--scheme] [--seeds N] [--json]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validity import DEFAULT_DATA, emit, read_rows

PARTS = 3
MAX_MARKS = 3
WORD_LIMIT = 150
FOLDS = 5


def prompts(rows: list[dict[str, str]], count: int) -> list[list[list[dict[str, str]]]]:
    """``count`` prompts of three Beetle questions each (largest questions first)."""
    by_question: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["corpus"] == "beetle":
            by_question[row["question_id"]].append(row)
    largest = sorted(by_question, key=lambda q: (-len(by_question[q]), q))[: count * PARTS]
    return [[by_question[q] for q in largest[i : i + PARTS]] for i in range(0, len(largest), PARTS)]


def description(parts: list[list[dict[str, str]]], scheme: bool = False) -> str:
    """The prompt's description document: a heading per part, its question and references;
    with ``scheme``, laid out as a prompt with its marking guide is: the task first, then the
    parts, then one line per score band."""
    lines = ["# Circuits and voltage", ""]
    if scheme:
        lines += ["Answer the three parts below, explaining each answer in a sentence or two.", ""]
    for number, answers in enumerate(parts, start=1):
        first = answers[0]
        refs = [r.strip() for r in first["reference_answers"].split(" || ") if r.strip()]
        lines += [f"## Part {number}", "", first["question"].strip(), "", *refs, ""]
    if scheme:
        lines += [
            "## Marking guide",
            "",
            "Score 3: the response answers all three parts correctly.",
            "Score 2: the response answers two parts correctly.",
            "Score 1: the response answers one part correctly.",
            "Score 0: the response answers no part correctly, or is off the topic.",
            "",
        ]
    return "\n".join(lines)


def composites(parts: list[list[dict[str, str]]], seed: int) -> list[tuple[str, str, int]]:
    """(id, text, mark) for answers joining one student answer per part, each used once."""
    rnd = random.Random(seed)
    pools = [rnd.sample(answers, len(answers)) for answers in parts]
    out = []
    for i in range(min(len(p) for p in pools)):
        chosen = [pool[i] for pool in pools]
        text = " ".join(r["student_answer"].strip().rstrip(".") + "." for r in chosen)
        mark = sum(r["label_2way"] == "correct" for r in chosen)
        out.append((f"c{i}", text, mark))
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Derive, tune and compare every prompt; the table."""
    from evaluator.rubric.loader import load_rubric
    from evaluator.tools.derive import derive_rubric
    from evaluator.tools.graded import GradedAnswer
    from evaluator.tools.tune import tune_rubric
    from evaluator.tools.tune.answers import grade_docs, parse_graded

    started = time.perf_counter()
    rows = read_rows(args.data)
    table = []
    for index, parts in enumerate(prompts(rows, args.prompts)):
        notes = description(parts, scheme=args.scheme)
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "notes.md").write_text(notes, encoding="utf-8")
            derived = derive_rubric(
                notes, max_marks=MAX_MARKS, word_limit=WORD_LIMIT, source_notes="notes.md"
            )
            (Path(folder) / "rubric.yaml").write_text(derived.yaml, encoding="utf-8")
            loaded = load_rubric(Path(folder) / "rubric.yaml")
            question = loaded.rubric.questions[0].id
            graded = [
                GradedAnswer(i, text, float(mark), question, line)
                for line, (i, text, mark) in enumerate(composites(parts, seed=index), start=2)
            ]
            tick = time.perf_counter()
            # parsed and graded once, tuned once per fold seed: a prompt of ~110 answers moves
            # by 0.04 when one answer's features change, so decisions read the mean over seeds
            pairs = [(answer, question) for answer in graded]
            docs = parse_graded(pairs)
            reports = grade_docs(loaded, pairs, docs)
            results = [
                tune_rubric(
                    loaded,
                    graded,
                    folds=FOLDS,
                    form=args.form,
                    seed=seed,
                    docs=docs,
                    reports=reports,
                )
                for seed in range(args.seeds)
            ]
        result = results[0]
        other = {name: a.qwk for name, a in result.forms.items() if name != result.form}
        after = [r.after.qwk for r in results]
        table.append(
            {
                "prompt": index + 1,
                "questions": [p[0]["question_id"] for p in parts],
                "answers": len(graded),
                "kind": loaded.rubric.questions[0].kind,
                "before": round(result.before.qwk, 3),
                "after": round(sum(after) / len(after), 3),
                "after_by_seed": [round(a, 4) for a in after],
                "after_spread": round(max(after) - min(after), 3),
                "form": result.form,
                "other_form": {k: round(v, 3) for k, v in other.items()},
                "baseline": round(
                    sum(r.baseline.qwk for r in results if r.baseline) / len(results), 3
                )
                if result.baseline
                else None,
                "seconds": round(time.perf_counter() - tick, 1),
            }
        )
    mean = {
        key: round(sum(r[key] for r in table) / len(table), 3)
        for key in ("before", "after", "baseline")
    }
    by_seed = [sum(r["after_by_seed"][k] for r in table) / len(table) for k in range(args.seeds)]
    return {
        "prompts": table,
        "mean": mean,
        "mean_by_seed": [round(v, 4) for v in by_seed],
        "spread": seed_spread(by_seed),
        "seconds": round(time.perf_counter() - started, 1),
    }


def seed_spread(by_seed: list[float]) -> dict[str, float]:
    """The mean over fold seeds of the tuned mean QWK, its standard deviation between seeds and
    the standard error of the mean: a change smaller than about two standard errors of both
    runs is noise (the seeds are the same folds before and after, so read the per-seed
    differences first)."""
    count = len(by_seed)
    mean = sum(by_seed) / count
    sd = (sum((v - mean) ** 2 for v in by_seed) / (count - 1)) ** 0.5 if count > 1 else 0.0
    return {
        "mean": round(mean, 4),
        "sd": round(sd, 4),
        "se": round(sd / count**0.5, 4),
        "min": round(min(by_seed), 4),
        "max": round(max(by_seed), 4),
    }


def print_report(result: dict[str, Any]) -> None:
    """The table as text."""
    seeds = len(result["mean_by_seed"])
    print(
        "composite part: 3 Beetle answers per answer, marked 0-3; QWK on 5 held-out folds"
        + (f", mean of {seeds} fold seeds" if seeds > 1 else "")
    )
    print(
        f"{'prompt':<8}{'answers':>8}{'before':>8}{'after':>8}{'form':>8}{'other':>8}{'BoW':>8}"
        + (f"{'seeds min-max':>16}" if seeds > 1 else "")
    )
    for r in result["prompts"]:
        other = next(iter(r["other_form"].values()), float("nan"))
        low, high = min(r["after_by_seed"]), max(r["after_by_seed"])
        print(
            f"{r['prompt']:<8}{r['answers']:>8}{r['before']:>8.3f}{r['after']:>8.3f}"
            f"{r['form']:>8}{other:>8.3f}{r['baseline']:>8.3f}"
            + (f"{low:>10.3f}-{high:.3f}" if seeds > 1 else "")
        )
    m = result["mean"]
    print(
        f"{'mean':<16}{m['before']:>8.3f}{m['after']:>8.3f}{'':>16}{m['baseline']:>8.3f}  "
        f"(tuned - BoW {m['after'] - m['baseline']:+.3f}); {result['seconds']:.0f} s"
    )
    if seeds > 1:
        spread = result["spread"]
        print("tuned mean by fold seed: " + " / ".join(f"{v:.3f}" for v in result["mean_by_seed"]))
        print(
            f"over {seeds} fold seeds: {spread['mean']:.4f}, sd {spread['sd']:.4f} between seeds "
            f"(standard error {spread['se']:.4f}; seed 0 {result['mean_by_seed'][0]:.4f})"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the composite part and print (or --json) its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--prompts", type=int, default=4, help="prompts of three questions")
    parser.add_argument("--form", choices=("auto", "rubric", "linear"), default="auto")
    parser.add_argument(
        "--scheme", action="store_true", help="the description states the task and score bands"
    )
    parser.add_argument(
        "--seeds", type=int, default=1, help="fold seeds to average (3 for a decision)"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.seeds < 1:
        parser.error("--seeds must be 1 or more")
    return emit(run(args), args.json, print_report)


if __name__ == "__main__":
    raise SystemExit(main())

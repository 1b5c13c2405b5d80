"""A fingerprint of everything the scorer says about a fixed set of answers.

Speed work must not change a single mark, evidence span or message. Run this before and after a
change to the engine: the digests must be equal (the pipeline block is left out, so a version
bump alone does not change it). On a difference, ``--out FILE`` writes the reports as JSON lines
to compare with ``diff``.

    .venv/bin/python benchmarks/report_digest.py [--out reports.jsonl]

The answers are the scoring benchmark's (both corpora), every answer under ``tests/data`` and the
tutor-graded set, each graded for two questions.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from scoring import make_answers  # noqa: E402

from evaluator.errors import InputError  # noqa: E402
from evaluator.rubric.loader import load_rubric  # noqa: E402
from evaluator.scoring.engine import evaluate_many, validate_answer_text  # noqa: E402

QUESTIONS = ("2plus2-significance", "defence-cooperation")


def answers() -> list[str]:
    """The fixed answer set, in a fixed order."""
    loaded = load_rubric("india-japan")
    texts = make_answers(loaded, 100) + make_answers(loaded, 100, corpus="answers")
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/data/**/*.md"))]
    with (ROOT / "tests/data/graded/india-japan.csv").open(encoding="utf-8") as handle:
        texts += [row["answer"] for row in csv.DictReader(handle)]
    # edge cases: empty, one word, points and blank lines, a value and an ordinal
    texts += ["", "Japan", "India\n\n- first point\n- second point\n\n\nThe 2nd 2+2 was in 2019."]
    return texts


def main() -> None:
    """Grade the set and print the digest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="also write the reports as JSON lines here")
    args = parser.parse_args()
    loaded = load_rubric("india-japan")
    texts = answers()
    digest = hashlib.sha256()
    lines = []
    refused: dict[int, str] = {}  # answers the input boundary refuses: their message is digested
    for n, text in enumerate(texts):
        try:
            validate_answer_text(text)
        except InputError as exc:
            refused[n] = json.dumps({"refused": str(exc)}, ensure_ascii=False)
    graded = [t for n, t in enumerate(texts) if n not in refused]
    for question in QUESTIONS:
        reports = evaluate_many(graded, loaded, question)
        for n in range(len(texts)):
            if n in refused:
                line = refused[n]
            else:
                data = next(reports).to_dict()
                data.pop("pipeline", None)
                line = json.dumps(data, sort_keys=True, ensure_ascii=False)
            digest.update(line.encode("utf-8") + b"\n")
            lines.append(line)
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} reports ({len(texts)} answers x {len(QUESTIONS)} questions)")
    print(f"sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()

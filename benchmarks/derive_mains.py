"""Does a rubric drafted from study notes mark like the tutor, before anyone edits it?

    PYTHONPATH=. .venv/bin/python benchmarks/derive_mains.py [--rubric india-japan] [--json]
        [--plain]

For each question of the bundled rubric, `rubric derive` drafts a rubric from the rubric's own
source notes with that question's text, marks and word limit (as a tutor would with
`mains-eval rubric derive source-notes.md --question "…" --max-marks N --word-limit W`), and
the question's tutor-graded answers (tests/data/graded and the calibration set, whose mark is the
middle of its examiner band) are marked by the draft. Reported: QWK (marks rounded to the tutor's
half-mark step), Pearson r and Spearman rho between the draft's marks and the tutor's, pooled
and per question, beside the hand-written rubric's own agreement on the same answers.

The draft never sees a mark, so this measures derive alone: which words of the notes it makes
cues of, and how it weighs them. The notes were written for the hand rubric, so the draft's task
is to find in them what the hand rubric's author found. ``--plain`` drafts from the same notes
written as an article is: no headings, each section's points one paragraph of prose.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from agreement import CALIBRATION, DEFAULT_GRADED, calibration_answers  # noqa: E402


def plain_notes(notes: str) -> str:
    """The notes as a plain article would give them: no headings, and each section's points
    joined into one paragraph of prose (the preamble before the first heading left out)."""
    paragraphs: list[list[str]] = []
    point: list[str] = []
    started = False

    def close_point() -> None:
        if point and paragraphs:
            paragraphs[-1].append(" ".join(point))
        point.clear()

    for line in notes.splitlines():
        if line.startswith("#"):
            close_point()
            started = line.startswith("## ")
            if started:
                paragraphs.append([])
            continue
        if not started or not line.strip():
            close_point()
            continue
        if line.lstrip().startswith(("- ", "* ")):
            close_point()
            point.append(line.lstrip()[2:].strip())
        else:
            point.append(line.strip())
    close_point()
    return "\n\n".join(" ".join(p) for p in paragraphs if p) + "\n"


def main() -> None:
    """Draft per question, mark the graded answers, print the agreement tables."""
    from scipy.stats import spearmanr

    from evaluator.nlp.pipeline import get_nlp
    from evaluator.rubric import load_rubric
    from evaluator.rubric.loader import LoadedRubric
    from evaluator.rubric.model import Rubric
    from evaluator.scoring import evaluate_doc
    from evaluator.tools import read_graded_csv
    from evaluator.tools.agreement import agreement
    from evaluator.tools.derive import derive_rubric
    from evaluator.tools.derive.core import full_pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rubric", default="india-japan")
    parser.add_argument("--graded", type=Path, default=DEFAULT_GRADED)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--plain", action="store_true", help="the notes without headings, a paragraph a section"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    loaded = load_rubric(args.rubric)
    graded = read_graded_csv(args.graded) + calibration_answers(loaded, CALIBRATION)
    nlp = get_nlp()
    derive_nlp = full_pipeline()
    notes = plain_notes(loaded.source_notes) if args.plain else loaded.source_notes
    rows: dict[str, dict[str, object]] = {}
    human_all: list[float] = []
    draft_all: list[float] = []
    hand_all: list[float] = []
    for question in loaded.rubric.questions:
        answers = [g for g in graded if g.question == question.id]
        if len(answers) < 3:
            continue
        derived = derive_rubric(
            notes,
            question=question.text,
            max_marks=question.max_marks,
            word_limit=question.word_limit,
            nlp=derive_nlp,
        )
        rubric = Rubric.model_validate(derived.data)
        draft = LoadedRubric(
            rubric=rubric,
            path=ROOT / "rubrics" / f"draft-{question.id}" / "rubric.yaml",
            source_notes=notes,
            fingerprint=f"derive-mains:{question.id}:{hash(derived.yaml)}",
        )
        draft_question = rubric.questions[0]
        docs = list(nlp.pipe([a.text for a in answers]))
        human = [a.mark for a in answers]
        drafted = [evaluate_doc(d, draft, draft_question, nlp=nlp).marks for d in docs]
        hand = [evaluate_doc(d, loaded, question, nlp=nlp).marks for d in docs]
        human_all += human
        draft_all += drafted
        hand_all += hand
        rho = spearmanr(human, drafted).statistic if len(set(drafted)) > 1 else 0.0
        rows[question.id] = {
            "answers": len(answers),
            "concepts": derived.concept_count,
            "draft_qwk": round(agreement(human, drafted, step=0.5).qwk, 3),
            "draft_rho": round(float(rho), 3),
            "hand_qwk": round(agreement(human, hand, step=0.5).qwk, 3),
            "hand_rho": round(float(spearmanr(human, hand).statistic), 3),
            "tutor_mean": round(sum(human) / len(human), 2),
            "draft_mean": round(sum(drafted) / len(drafted), 2),
        }
    pooled_draft = agreement(human_all, draft_all, step=0.5)
    pooled_hand = agreement(human_all, hand_all, step=0.5)
    result = {
        "rubric": f"{loaded.id} v{loaded.version}",
        "answers": len(human_all),
        "draft": {
            "qwk": round(pooled_draft.qwk, 3),
            "pearson": round(pooled_draft.pearson, 3),
            "rho": round(float(spearmanr(human_all, draft_all).statistic), 3),
            "mean_rho": round(sum(r["draft_rho"] for r in rows.values()) / len(rows), 3),  # type: ignore[misc]
        },
        "hand": {
            "qwk": round(pooled_hand.qwk, 3),
            "pearson": round(pooled_hand.pearson, 3),
            "rho": round(float(spearmanr(human_all, hand_all).statistic), 3),
        },
        "questions": rows,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['rubric']}: {result['answers']} tutor-marked answers, drafts from its notes\n")
    print(
        "| question | answers | concepts | draft QWK | draft rho | hand QWK | hand rho "
        "| tutor / draft mean |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for qid, r in rows.items():
        print(
            f"| {qid} | {r['answers']} | {r['concepts']} | {r['draft_qwk']} | {r['draft_rho']} "
            f"| {r['hand_qwk']} | {r['hand_rho']} | {r['tutor_mean']} / {r['draft_mean']} |"
        )
    d, h = result["draft"], result["hand"]
    print(
        f"\npooled: draft QWK {d['qwk']} r {d['pearson']} rho {d['rho']} "  # type: ignore[index]
        f"(mean per-question rho {d['mean_rho']}); "  # type: ignore[index]
        f"hand rubric QWK {h['qwk']} r {h['pearson']} rho {h['rho']}"  # type: ignore[index]
    )
    print(f"{result['seconds']} s")


if __name__ == "__main__":
    main()

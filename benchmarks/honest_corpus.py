"""Measure the honest-scoring checks on the issue-13 corpora in tests/data/honest.

    python benchmarks/honest_corpus.py                 # counts only
    python benchmarks/honest_corpus.py --details       # every false contradiction and grading
    python benchmarks/honest_corpus.py --markdown out.md

Reads only tests/data/honest (plus the bundled rubric it grades against). Always exits 0: it
measures, the tests assert. What it counts:

* true-statements.yaml: each sentence graded alone as an answer to its question; a fact with
  status ``contradicted`` is a false contradiction; a ``supports:`` fact not ``supported`` is a
  miss;
* other-subject/: graded against ``2plus2-significance`` and the ``closest`` question of its index
  entry; how many get ``off_topic``, and their marks;
* on-topic-other-question/: graded against ``graded_against`` and against the question it answers;
  any ``off_topic`` is false;
* copy-source/: the copied and own-words answers, graded (a) against the bundled rubric and (b)
  against a scratch copy of tests/data/honest/rubric whose source notes are the study document,
  which is what ``copied_source`` compares with, and (c) against a scratch copy with its own
  notes and the document's hashed fingerprint (``rubric fingerprint``, issue 13).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

# The only imports from the library: its public entry points.
from evaluator.nlp import get_nlp
from evaluator.rubric import load_rubric
from evaluator.rubric.fingerprint import add_fingerprint
from evaluator.scoring import evaluate

ROOT = Path(__file__).resolve().parent.parent
HONEST = ROOT / "tests" / "data" / "honest"
RUBRIC = "india-japan"
MAIN_QUESTION = "2plus2-significance"


def true_statements(nlp, rubric) -> dict:
    data = yaml.safe_load((HONEST / "true-statements.yaml").read_text(encoding="utf-8"))
    false, missed, checked = [], [], 0
    for item in data["statements"]:
        report = evaluate(item["text"], rubric, item["question"], nlp=nlp)
        for fact in report.facts:
            if fact.status == "contradicted":
                false.append(
                    {**item, "fact": fact.id, "found": fact.found, "message": fact.message}
                )
        if item.get("supports"):
            checked += 1
            status = report.fact(item["supports"]).status
            if status != "supported":
                missed.append({**item, "status": status})
    sentences = {f["text"] for f in false}
    return {
        "n": len(data["statements"]),
        "false": false,
        "sentences": len(sentences),
        "by_kind": Counter(f["kind"] for f in false),
        "by_fact": Counter(f["fact"] for f in false),
        "by_found": Counter(str(f["found"]).lower() for f in false),
        "supports_checked": checked,
        "supports_missed": missed,
    }


def graded_files(nlp, rubric, folder: str, pairs) -> list[dict]:
    rows = []
    for entry, question in pairs:
        text = (HONEST / folder / entry["file"]).read_text(encoding="utf-8")
        report = evaluate(text, rubric, question, nlp=nlp)
        off = [a for a in report.advisories if a.code == "off_topic"]
        rows.append(
            {
                "file": entry["file"],
                "question": question,
                "entry": entry,
                "words": report.word_count,
                "off_topic": bool(off),
                "advisories": report.advisory_codes(),
                "marks": report.marks,
                "before": report.arithmetic.before_advisories,
                "max": report.max_marks,
                "covered": sum(1 for c in report.concepts if c.credit > 0),
            }
        )
    return rows


def other_subject(nlp, rubric) -> list[dict]:
    index = yaml.safe_load((HONEST / "other-subject" / "index.yaml").read_text(encoding="utf-8"))
    pairs = [(e, MAIN_QUESTION) for e in index["answers"]]
    pairs += [(e, e["closest"]) for e in index["answers"] if e["closest"] != MAIN_QUESTION]
    return graded_files(nlp, rubric, "other-subject", pairs)


def on_topic(nlp, rubric) -> list[dict]:
    folder = "on-topic-other-question"
    index = yaml.safe_load((HONEST / folder / "index.yaml").read_text(encoding="utf-8"))
    pairs = [(e, e["graded_against"]) for e in index["answers"]]
    pairs += [(e, e["answers"]) for e in index["answers"]]
    return graded_files(nlp, rubric, folder, pairs)


def copy_source(nlp, rubric) -> list[dict]:
    folder = HONEST / "copy-source"
    answers = ["copied-answer.md", "own-words-answer.md"]
    rows = []
    for name in answers:
        report = evaluate(
            (folder / name).read_text(encoding="utf-8"), rubric, "pyq-2013-economic", nlp=nlp
        )
        rows.append({"answer": name, "against": f"{RUBRIC} (bundled notes)", **_copy(report)})
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "rubric"
        shutil.copytree(HONEST / "rubric", scratch)
        notes = yaml.safe_load((scratch / "rubric.yaml").read_text(encoding="utf-8"))[
            "source_notes"
        ]
        shutil.copyfile(folder / "document.md", scratch / notes)
        loaded = load_rubric(scratch / "rubric.yaml")
        question = loaded.rubric.questions[-1].id
        for name in answers:
            report = evaluate(
                (folder / name).read_text(encoding="utf-8"), loaded, question, nlp=nlp
            )
            rows.append(
                {
                    "answer": name,
                    "against": "test rubric with document.md as its notes",
                    **_copy(report),
                }
            )
    # (c) the test rubric with its own notes, carrying the document's hashed fingerprint
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "rubric"
        shutil.copytree(HONEST / "rubric", scratch)
        add_fingerprint(scratch / "rubric.yaml", folder / "document.md")
        loaded = load_rubric(scratch / "rubric.yaml")
        question = loaded.rubric.questions[-1].id
        for name in answers:
            text = (folder / name).read_text(encoding="utf-8")
            report = evaluate(text, loaded, question, nlp=nlp)
            rows.append(
                {
                    "answer": name,
                    "against": "test rubric (own notes) with document.md's fingerprint",
                    **_copy(report),
                }
            )
    return rows


def _copy(report) -> dict:
    adv = [a for a in report.advisories if a.code == "copied_source"]
    return {
        "copied_source": bool(adv),
        "share": adv[0].details.get("share") if adv else None,
        "marks": report.marks,
        "max": report.max_marks,
    }


def _hits(rows: list[dict]) -> str:
    return f"{sum(r['off_topic'] for r in rows)}/{len(rows)}"


def _mean(rows: list[dict]) -> float:
    return sum(r["marks"] for r in rows) / len(rows) if rows else 0.0


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _share(share: float | None) -> str:
    return "" if share is None else f" (share {share})"


def summary(ts, other, ontopic, copies) -> list[str]:
    main = [r for r in other if r["question"] == MAIN_QUESTION]
    closest = [r for r in other if r["question"] != MAIN_QUESTION]
    ir = [r for r in main if r["entry"].get("ir")]
    false_on = [r for r in ontopic if r["off_topic"]]
    lines = [
        f"true statements: {ts['n']}; false contradictions: {len(ts['false'])} "
        f"(in {ts['sentences']} sentences); supports checked {ts['supports_checked']}, "
        f"not supported {len(ts['supports_missed'])}",
        "  by kind: " + ", ".join(f"{k} {v}" for k, v in ts["by_kind"].most_common()),
        "  by fact: " + ", ".join(f"{k} {v}" for k, v in ts["by_fact"].most_common()),
        "  value blamed: " + ", ".join(f"{k} {v}" for k, v in ts["by_found"].most_common()),
        f"other-subject vs {MAIN_QUESTION}: off_topic {_hits(main)}; "
        f"IR answers {sum(r['off_topic'] for r in ir)}/{len(ir)}; "
        f"marks max {max(r['marks'] for r in main)}, mean {_mean(main):.2f} "
        f"of {main[0]['max']}",
        f"other-subject vs closest question: off_topic {_hits(closest)}; "
        f"marks max {max((r['marks'] for r in closest), default=0)}",
        f"on-topic answers to another question: false off_topic {len(false_on)}/{len(ontopic)}; "
        f"marks "
        + ", ".join(f"{r['file']}@{r['question']} {r['marks']}/{r['max']}" for r in ontopic),
        "copy-source: "
        + "; ".join(
            f"{c['answer']} vs {c['against']}: copied_source {_yes(c['copied_source'])}"
            f"{_share(c['share'])}, {c['marks']}/{c['max']}"
            for c in copies
        ),
    ]
    return lines


def markdown(ts, other, ontopic, copies) -> str:
    out = [
        "# Honest-scoring corpus: baseline",
        "",
        "Generated by `benchmarks/honest_corpus.py --markdown` (that file says what is counted).",
        "",
        "## Summary",
        "",
        "```text",
        *summary(ts, other, ontopic, copies),
        "```",
        "",
        "## False contradictions on true statements",
        "",
        "| question | kind | fact | value blamed | sentence |",
        "|---|---|---|---|---|",
    ]
    for f in ts["false"]:
        text = f["text"].replace("\n", " / ").replace("|", "\\|")
        out.append(f"| {f['question']} | {f['kind']} | {f['fact']} | {f['found']} | {text} |")
    out += [
        "",
        "## `supports:` facts not supported",
        "",
        "| fact | status | sentence |",
        "|---|---|---|",
    ]
    for m in ts["supports_missed"]:
        out.append(f"| {m['supports']} | {m['status']} | {m['text'].replace(chr(10), ' / ')} |")
    for title, rows in (
        ("Other-subject answers", other),
        ("On-topic answers to another question", ontopic),
    ):
        out += [
            "",
            f"## {title}",
            "",
            "| file | graded against | words | off_topic | advisories | marks"
            " | before advisories | concepts credited |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            out.append(
                f"| {r['file']} | {r['question']} | {r['words']} | {_yes(r['off_topic'])} | "
                f"{', '.join(r['advisories']) or '-'} | {r['marks']}/{r['max']} | {r['before']}"
                f" | {r['covered']} |"
            )
    out += [
        "",
        "## Copy detection",
        "",
        "| answer | graded against | copied_source | share | marks |",
        "|---|---|---|---|---|",
    ]
    for c in copies:
        out.append(
            f"| {c['answer']} | {c['against']} | {_yes(c['copied_source'])} | {c['share']}"
            f" | {c['marks']}/{c['max']} |"
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every false contradiction")
    parser.add_argument("--markdown", type=Path, help="write a Markdown report to this file")
    args = parser.parse_args(argv)
    nlp = get_nlp()
    rubric = load_rubric(RUBRIC)
    ts = true_statements(nlp, rubric)
    other = other_subject(nlp, rubric)
    ontopic = on_topic(nlp, rubric)
    copies = copy_source(nlp, rubric)
    print("\n".join(summary(ts, other, ontopic, copies)))
    if args.details:
        for f in ts["false"]:
            print(f"  [{f['question']}/{f['kind']}] {f['fact']} <- {f['found']!r}: {f['text']!r}")
        for r in other + ontopic:
            print(
                f"  {r['file']} @ {r['question']}: off_topic={r['off_topic']}"
                f" {r['marks']}/{r['max']} {r['advisories']}"
            )
    if args.markdown:
        text = markdown(ts, other, ontopic, copies)
        if args.markdown.exists():  # keep a hand-written reading above "## Summary"
            kept = args.markdown.read_text(encoding="utf-8").split("## Summary", 1)[0]
            text = kept + "## Summary" + text.split("## Summary", 1)[1]
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

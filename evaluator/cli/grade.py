"""`mains-eval grade`: one answer, a readable terminal report or the JSON contract."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

import click

from evaluator.cli.common import (
    handle_errors,
    json_option,
    question_option,
    read_answer_arg,
    rubric_option,
)
from evaluator.startup import collections_paused
from evaluator.text import plural

if TYPE_CHECKING:
    from evaluator.scoring.report import NextStep, Report

BAR_WIDTH = 20
STATUS_MARK = {
    "covered": "+",
    "partial": "~",
    "negated": "!",
    "contradicted": "x",
    "missing": "-",
}


FACT_BELOW = "a fact in it is wrong (see Facts)"
"""What a concept contradicted by a listed fact says instead of repeating the fact's message."""


def register(group: click.Group) -> None:
    """Attach `grade`."""
    group.add_command(grade_command)


@click.command("grade")
@click.argument("answer", metavar="FILE|-")
@rubric_option
@question_option
@json_option
@click.option("--show-model-answer", is_flag=True, help="Print the model answer after the report.")
@click.option(
    "--full",
    is_flag=True,
    help="Also print every next step and every improvement point (for tutors).",
)
@handle_errors
def grade_command(
    answer: str,
    rubric_ref: str,
    question_id: str | None,
    as_json: bool,
    show_model_answer: bool,
    full: bool,
) -> None:
    """Grade one answer FILE (or - for stdin) against a rubric question."""
    with collections_paused():
        from evaluator.rubric.loader import load_rubric
        from evaluator.scoring.engine import evaluate

        loaded = load_rubric(rubric_ref)
    questions = [q.id for q in loaded.rubric.questions]
    if question_id is None and len(questions) != 1:
        from evaluator.errors import QuestionNotFoundError

        # a domain error, so `--json` gets its JSON error object (hostile trial 33 had click's
        # usage text)
        raise QuestionNotFoundError(
            f"rubric {loaded.rubric.id!r} has {len(questions)} questions; choose one with "
            f"--question: {', '.join(questions)}"
        )
    from evaluator.rubric.questions import match_question

    # -q names a question as a question column does: its id, its text or its number (-q 1)
    question_id = match_question(loaded.rubric, question_id) or question_id or questions[0]
    loaded.rubric.question(question_id)  # unknown question: fail before reading input
    text = read_answer_arg(answer)
    report = evaluate(text, loaded, question_id)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(render_text_report(report, show_model_answer=show_model_answer, full=full))


_NBSP = "\u00a0"


def _wrap_keeping(text: str, phrases: list[str], width: int = 96) -> str:
    """``text`` wrapped to ``width``, never inside one of ``phrases`` ('+0.5 marks' stays on one
    line: textwrap breaks only at ASCII whitespace)."""
    for phrase in sorted({p for p in phrases if " " in p}, key=len, reverse=True):
        text = text.replace(phrase, phrase.replace(" ", _NBSP))
    return textwrap.fill(text, width=width).replace(_NBSP, " ")


LABEL_WIDTH = 66
"""Widest dimension label the terminal report shows whole (the bundled rubric's longest)."""


def _bar(share: float) -> str:
    filled = round(max(0.0, min(1.0, share)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _step_note(step: NextStep, full: bool, indent: str) -> list[str]:
    """Under a step, with --full: the source note behind the point it adds (for tutors)."""
    from evaluator.scoring import note_after_step

    note = note_after_step(step.text, step.detail) if full else ""
    return [f"{indent}Source notes: {note}"] if note else []


def _told_once(step: NextStep, wrong_facts: dict[str, str]) -> NextStep:
    """A step correcting a fact listed under Facts, without the fact's message (said there)."""
    from evaluator.scoring import fact_step_head

    message = wrong_facts.get(step.target)
    head = fact_step_head(step.text, message) if step.kind == "fact" and message else None
    return replace(step, text=f"{head} (see Facts)") if head is not None else step


def dimension_lines(report: dict[str, Any]) -> list[str]:
    """A bar per dimension row (:func:`~evaluator.scoring.faces.dimension_rows`): a dimension's
    marks of its maximum and the points it credited; a dimension of learned concepts, what it
    earned; a linear question's base mark and what its penalties cost, and their sum."""
    from evaluator.scoring.faces import dimension_rows, from_sum, rows_sum, signed
    from evaluator.scoring.feedback.wording import clip

    rows = dimension_rows(report)
    # a label of 98 characters (a derived dimension of three merged headings) made every bar
    # line 190 wide (trial 25c): labels are cut at a word to LABEL_WIDTH
    width = min(LABEL_WIDTH, max((len(r["label"]) for r in rows), default=10))
    lines = []
    for row in rows:
        label = clip(row["label"], width)
        if len(label) > width:  # cut: the ellipsis is the last character
            label = clip(row["label"], width - 1)
        kind = row["kind"]
        bar = _bar(row["share"]) if kind != "cost" else " " * BAR_WIDTH
        if kind == "base":
            shown, tally = f"{signed(row['marks']):>5}", "an answer with a point starts from it"
        elif kind == "cost":
            shown, tally = f"{signed(row['marks']):>5}", "they cost marks"
        elif kind == "learned":
            # its phrases' weights sum past the question's marks ("0.00/8.03" on a 4-mark
            # question, trial s42): what they earned, its bar against the question's marks
            shown, tally = f"{row['marks']:>5.2f} earned", f"{row['covered']} credited"
        else:
            shown = f"{row['marks']:>5.2f}/{row['max']:<5g}"
            tally = f"{row['covered']}/{row['total']} concepts"
        lines.append(f"  {label:<{width}}  {bar} {shown} ({tally})")
    if rows and rows[0]["kind"] == "base":
        total = rows_sum(rows)
        how = from_sum(report, total)
        lines.append(
            f"  {'Sum':<{width}}  {' ' * BAR_WIDTH} {signed(total):>5}"
            + (f" ({how})" if how else "")
        )
    return lines


def step_line(step: NextStep) -> str:
    """One next step with its worth: 'Add the FOIP (Indo-Pacific): +0.5 marks'."""
    return f"{step.text}: {step.worth}"


def render_text_report(
    report: Report, *, show_model_answer: bool = False, full: bool = False
) -> str:
    """The terminal report: marks, the examiner's comment, a bar per dimension, concepts,
    facts, advisories, what worked and the next steps with their worth."""
    q = report.question
    lines = [
        f"{report.rubric['title']} — {q['id']} ({q['directive']}, "
        f"{plural(q['max_marks'], 'mark')}, {plural(q['word_limit'], 'word')})",
        f"Marks: {report.marks:g} / {report.max_marks}   ({report.share:.0%})   "
        f"words: {report.word_count}/{q['word_limit']}",
    ]
    if report.feedback.comment:
        worths = [s.worth for s in report.feedback.next_steps]
        lines += ["", _wrap_keeping(report.feedback.comment, worths)]
    data = report.to_dict()
    from evaluator.scoring.faces import held_rows

    # a cap that holds the marks down: the bars show what the words matched, said once
    held = held_rows(data, "below")
    lines += ["", f"Dimensions ({held})" if held else "Dimensions"]
    lines += dimension_lines(data)
    relevant = {d.id for d in report.dimensions}
    concepts = [c for c in report.concepts if c.dimension in relevant]
    from evaluator.scoring.faces import credited_view

    view = credited_view((c for c in data["concepts"] if c["dimension"] in relevant), q["id"])
    if view["points"] or view["lines"]:
        lines += ["", "Concepts credited"]
        for c in view["points"]:
            words = ", ".join(dict.fromkeys(c["matched"])) or "-"
            lines.append(f"  {STATUS_MARK[c['status']]} {c['label']} [{c['status']}] ← {words}")
        # a tuned rubric's phrases and examples: counted, not listed one by one
        lines += [f"  + {line}" for line in view["lines"]]
    stated = [c for c in concepts if c.penalty and c.credit > 0]
    for heading, learned in (
        ("Misconceptions (they cost marks)", False),
        ("Like answers the tutor marked low (learned from marks; they cost marks)", True),
    ):
        kind = [c for c in stated if c.learned is learned]
        if kind:
            lines += ["", heading]
            listed = {c["id"] for c in view["marked_low"]} if learned else {c.id for c in kind}
            for c in kind:
                if c.id not in listed:
                    continue  # graded examples marked low: counted, not listed
                words = ", ".join(dict.fromkeys(c.matched)) or "-"
                lines.append(f"  - {c.label} ← {words}")
            if learned:
                lines += [f"  - {line}" for line in view["low_lines"]]
    # a learned phrase in a negated clause is no denial ("no current flows" is true)
    flagged = [
        c
        for c in concepts
        if c.status in ("negated", "contradicted") and not c.penalty and not c.learned
    ]
    # the facts listed once each: a point's facts of one sentence on one line, a right one
    # praised under What worked not again
    from evaluator.scoring import facts_listed

    facts = facts_listed(data)
    wrong_facts = {
        f.concept: f.message or f.claim for f in report.facts if f.status == "contradicted"
    }
    if flagged:
        lines += ["", "Concepts that earned nothing"]
        for c in flagged:
            # the wrong fact is told once, under Facts
            reason = FACT_BELOW if c.id in wrong_facts else c.reason
            lines.append(f"  {STATUS_MARK[c.status]} {c.label} [{c.status}]: {reason}")
    if facts:
        lines += ["", "Facts"]
        lines += [f"  {f['status']:<12} {f['claim']} — {f['message']}" for f in facts]
    if report.advisories:
        lines += ["", "Advisories"]
        for a in report.advisories:
            lines.append(f"  [{a.code}] {a.message} Effect: {a.effect}.")
            lines += _copied_lines(a.details.get("spans") if a.code == "copied_source" else None)
    feedback = report.feedback
    if feedback.strengths:
        lines += ["", "What worked"]
        lines += [f"  • {s}" for s in feedback.strengths]
    if feedback.next_steps:
        lines += ["", "Next steps, best first (each worth what it adds to those above)"]
        for i, step in enumerate(feedback.next_steps, 1):
            lines.append(f"  {i}. {step_line(_told_once(step, wrong_facts))}")
            lines += _step_note(step, full, "     ")
        if feedback.more_steps and not full:
            lines.append(f"  ({plural(len(feedback.more_steps), 'more step')}: --full)")
    if full and feedback.more_steps:
        lines += ["", "More steps"]
        for step in feedback.more_steps:
            lines.append(f"  • {step_line(_told_once(step, wrong_facts))}")
            lines += _step_note(step, full, "    ")
    # what the advisories and the steps above say is not said again
    from evaluator.scoring import unsaid_improvements

    others = unsaid_improvements(report.to_dict()) if full else []
    if others:
        lines += ["", "Other improvement points"]
        lines += [f"  • {s}" for s in others]
    s = report.structure
    lines.append("")
    if report.arithmetic.formula.startswith("raw = "):
        # only where structure earns marks: a short or linear answer's are its points alone
        # (trial s40t: "introduction no, conclusion no" under a three-mark science answer)
        from evaluator.scoring.faces import structure_line

        lines.append(structure_line(asdict(s)))
    lines += [
        f"How: {report.arithmetic.formula}",
        f"Rubric {report.rubric['id']} v{report.rubric['version']}; pipeline "
        f"{report.pipeline['name']} {report.pipeline['version']} "
        f"(spaCy {report.pipeline['spacy']})",
    ]
    if show_model_answer and report.model_answer:
        lines += ["", "Model answer", report.model_answer.strip()]
    return "\n".join(lines)


COPIED_SHOWN = 72
"""Characters of a copied stretch the terminal quotes (its start and end, the middle elided)."""


def _copied_lines(spans: object) -> list[str]:
    """The stretches copied from the source notes, quoted so the learner can find and rewrite
    them (the web page marks them in the answer)."""
    if not isinstance(spans, list):
        return []
    lines = []
    for span in spans:
        text = " ".join(str(span.get("text", "")).split()) if isinstance(span, dict) else ""
        if not text:
            continue
        if len(text) > COPIED_SHOWN:
            half = COPIED_SHOWN // 2 - 2
            text = f"{text[:half].rstrip()} … {text[-half:].lstrip()}"
        lines.append(f"    copied: “{text}”")
    return lines

"""`mains-eval grade`: one answer, a readable terminal report or the JSON contract."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace
from typing import TYPE_CHECKING

import click

from evaluator.cli.common import (
    handle_errors,
    json_option,
    question_option,
    read_answer_arg,
    rubric_option,
)
from evaluator.startup import collections_paused

if TYPE_CHECKING:
    from evaluator.scoring.report import ConceptResult, NextStep, Report

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
    question_id = question_id or questions[0]
    loaded.rubric.question(question_id)  # unknown question: fail before reading input
    text = read_answer_arg(answer)
    report = evaluate(text, loaded, question_id)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(render_text_report(report, show_model_answer=show_model_answer, full=full))


def plural(count: int, noun: str) -> str:
    """'1 paragraph', '3 paragraphs'."""
    return f"{count} {noun if count == 1 else noun + 's'}"


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


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


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


LEARNED_LISTED = 8
"""Learned phrases a terminal report names (a tuned rubric credits dozens in one answer)."""


def _learned_summary(learned: list[ConceptResult], report: Report) -> list[str]:
    """One line each for a tuned rubric's learned phrases and graded examples an answer earns:
    a short answer had listed about 80 lines of 'Graded answer N (marked 0 of 3)'."""
    from evaluator.rubric.model import examples_dimension_id

    examples_of = examples_dimension_id(str(report.question["id"]))
    examples = [c for c in learned if c.dimension == examples_of]
    phrases = [c for c in learned if c.dimension != examples_of]
    lines = []
    if phrases:
        named = ", ".join(f"“{c.label}”" for c in phrases[:LEARNED_LISTED])
        more = f" and {len(phrases) - LEARNED_LISTED} more" if len(phrases) > LEARNED_LISTED else ""
        lines.append(f"  + phrases learned from the tutor's marks ({len(phrases)}): {named}{more}")
    if examples:
        lines.append(f"  + resembles {plural(len(examples), 'graded answer')} kept as examples")
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
        f"{report.rubric['title']} — {q['id']} ({q['directive']}, {q['max_marks']} marks, "
        f"{q['word_limit']} words)",
        f"Marks: {report.marks:g} / {report.max_marks}   ({report.share:.0%})   "
        f"words: {report.word_count}/{q['word_limit']}",
    ]
    if report.feedback.comment:
        worths = [s.worth for s in report.feedback.next_steps]
        lines += ["", _wrap_keeping(report.feedback.comment, worths)]
    lines += ["", "Dimensions"]
    from evaluator.scoring.feedback.wording import clip

    # a label of 98 characters (a derived dimension of three merged headings) made every bar
    # line 190 wide (trial 25c): labels are cut at a word to LABEL_WIDTH
    width = min(LABEL_WIDTH, max((len(d.label) for d in report.dimensions), default=10))
    from evaluator.scoring.report import learned_only_dimensions

    # a dimension of learned phrases counts what earned, not "3/4": the fourth is no point missed
    learned_only = learned_only_dimensions(
        {"dimension": c.dimension, "learned": c.learned, "penalty": c.penalty}
        for c in report.concepts
    )
    for d in report.dimensions:
        label = clip(d.label, width)
        if len(label) > width:  # cut: the ellipsis is the last character
            label = clip(d.label, width - 1)
        tally = (
            f"{d.concepts_covered} credited"
            if d.id in learned_only
            else f"{d.concepts_covered}/{d.concepts_total} concepts"
        )
        if d.id in learned_only:
            # its phrases' weights sum past the question's marks ("0.00/8.03" on a 4-mark
            # question, trial s42): what they earned, its bar against the question's marks
            share = d.marks / report.max_marks if report.max_marks else 0.0
            shown = f"{d.marks:>5.2f} earned"
        else:
            share, shown = d.score, f"{d.marks:>5.2f}/{d.max:<5g}"
        lines.append(f"  {label:<{width}}  {_bar(share)} {shown} ({tally})")
    relevant = {d.id for d in report.dimensions}
    concepts = [c for c in report.concepts if c.dimension in relevant]
    earned = [c for c in concepts if c.status in ("covered", "partial") and not c.penalty]
    if earned:
        lines += ["", "Concepts credited"]
        for c in earned:
            if c.learned:
                continue  # a tuned rubric's phrases and examples: counted below, not listed
            words = ", ".join(dict.fromkeys(c.matched)) or "-"
            lines.append(f"  {STATUS_MARK[c.status]} {c.label} [{c.status}] ← {words}")
        lines += _learned_summary([c for c in earned if c.learned], report)
    stated = [c for c in concepts if c.penalty and c.credit > 0]
    from evaluator.rubric.model import examples_dimension_id

    examples_of = examples_dimension_id(str(q["id"]))
    for heading, learned in (
        ("Misconceptions (they cost marks)", False),
        ("Like answers the tutor marked low (learned from marks; they cost marks)", True),
    ):
        kind = [c for c in stated if c.learned is learned]
        if kind:
            lines += ["", heading]
            alike = [c for c in kind if c.dimension == examples_of]
            for c in kind:
                if c in alike:
                    continue  # graded examples marked low: counted, not listed
                words = ", ".join(dict.fromkeys(c.matched)) or "-"
                lines.append(f"  - {c.label} ← {words}")
            if alike:
                lines.append(f"  - resembles {plural(len(alike), 'graded answer')} marked low")
    # a learned phrase in a negated clause is no denial ("no current flows" is true)
    flagged = [
        c
        for c in concepts
        if c.status in ("negated", "contradicted") and not c.penalty and not c.learned
    ]
    # a right fact is praised under What worked; listed under Facts too, it was said twice
    praised = set(report.feedback.strengths)
    checked = [
        f
        for f in report.facts
        if f.status != "absent" and f"Accurate fact: {f.claim}" not in praised
    ]
    wrong_facts = {f.concept: f.message or f.claim for f in checked if f.status == "contradicted"}
    if flagged:
        lines += ["", "Concepts that earned nothing"]
        for c in flagged:
            # the wrong fact is told once, under Facts
            reason = FACT_BELOW if c.id in wrong_facts else c.reason
            lines.append(f"  {STATUS_MARK[c.status]} {c.label} [{c.status}]: {reason}")
    if checked:
        lines += ["", "Facts"]
        for f in checked:
            detail = f.message or f"{f.found} (source notes: {f.expected})"
            lines.append(f"  {f.status:<12} {f.claim} — {detail}")
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
        lines += ["", "Next steps, worth most first"]
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
        lines.append(
            f"Structure: {s.score:.0%} — {plural(s.paragraphs, 'paragraph')}, "
            f"introduction {_yes(s.has_introduction)}, conclusion {_yes(s.has_conclusion)}, "
            f"directive fit {s.directive_fit:.0%}"
        )
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

"""The full list of improvement points (for tutors), and which of them a report's other parts
leave unsaid."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from evaluator.scoring.feedback.steps import BUDGET_ADVISORIES
from evaluator.scoring.feedback.wording import (
    as_sentence,
    clip,
    label_is_note,
    normalised,
    quoted_note,
    step_label,
    unique,
)
from evaluator.scoring.report import (
    Advisory,
    ConceptResult,
    DimensionResult,
    FactResult,
    StructureResult,
)
from evaluator.settings import feedback_settings, names_settings, structure_settings

_SPACE = re.compile(r"\s+")


def improvements_of(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    structure: StructureResult,
    advisories: list[Advisory],
    *,
    missing_per_dimension: int = 2,
    max_missing: int = 8,
    penalties: frozenset[str] = frozenset(),
    quiet: frozenset[str] = frozenset(),
    own_labels: bool = True,
    quote_references: bool = True,
    tidy_words: bool = True,
) -> list[str]:
    """Every improvement point, most valuable first, none repeated (the full list for tutors).
    A misconception (in ``penalties``) is never suggested; one the answer states is named. A
    ``quiet`` concept (learned from marks, or a denial) is never suggested nor called denied.
    ``own_labels=False`` words a point as engines before 0.9.162 did (compact files of format
    13 or older read back as written: see :func:`~.wording.label_is_note`);
    ``quote_references=False`` runs every note on after "add" as engines before 0.9.256 did
    (compact files of format 16 or older: see :func:`_add_point`); ``tidy_words=False`` runs a
    note of one sentence on after "add" as engines before session 46 did (compact files of
    format 20 or older)."""
    limit_chars = feedback_settings().label_chars
    improvements: list[str] = []
    for concept in concepts:
        if concept.id in penalties and concept.id not in quiet and concept.credit > 0:
            improvements.append(
                f"'{clip(concept.label, limit_chars)}' is a misconception and cost marks: "
                f"{concept.source_note}"
            )
    concepts = [c for c in concepts if c.id not in penalties and c.id not in quiet]
    labels = {d.id: d.label for d in dimensions}
    for fact in facts:
        if fact.status == "contradicted":
            improvements.append(f"Check your facts: {fact.message or fact.claim}")
    for concept in concepts:
        if concept.status == "negated":
            improvements.append(
                f"You deny '{clip(concept.label, limit_chars)}' ({concept.reason}); the source "
                f"notes say: {concept.source_note}"
            )
    missing_in: dict[str, list[ConceptResult]] = {}
    partial_in: dict[str, list[ConceptResult]] = {}
    for c in concepts:  # in answer order, per dimension
        if c.status == "missing":
            missing_in.setdefault(c.dimension, []).append(c)
        elif c.status == "partial":
            partial_in.setdefault(c.dimension, []).append(c)
    suggestions = 0
    for dimension in sorted(dimensions, key=lambda d: (d.score, d.id)):
        if dimension.score >= 1.0 or suggestions >= max_missing:
            continue
        missing = sorted(missing_in.get(dimension.id, []), key=lambda c: (-c.weight, c.id))[
            :missing_per_dimension
        ]
        for concept in missing[: max_missing - suggestions]:
            suggestions += 1
            improvements.append(
                f"{labels[dimension.id]}: "
                f"{_add_point(concept, 'add', own_labels, quote_references, tidy_words)}"
            )
        for concept in partial_in.get(dimension.id, [])[:1]:
            improvements.append(
                _add_point(concept, "Develop", own_labels, quote_references, tidy_words)
            )
    budget_advisory = any(a.code in BUDGET_ADVISORIES for a in advisories)
    for line in structure.feedback:
        # the length advisory says the same as the budget line, and says what it cost
        if budget_advisory and line.startswith("At ") and "-word limit" in line:
            continue
        if budget_advisory and line.startswith(f"At {structure.word_count} of "):
            continue
        improvements.append(line)
    improvements.extend(a.message for a in advisories)
    return unique(improvements)


def unsaid_improvements(report: Mapping[str, Any], *, missing_listed: bool = False) -> list[str]:
    """The improvement points of a report (as JSON) that nothing else in it says: not an
    advisory's message, and not a next step (or a further step) in other words, whether the
    step's own advice ("Put the body under short sub-headings ...") or the point it adds (the
    line ends with that concept's source note). What a face lists after the steps and the
    advisories, so its feedback never repeats itself. A report stored before steps existed
    keeps every point but the advisories. Nor a wrong fact's message ("Check your facts: you
    wrote 2018 ..."): every face that lists these points lists the wrong facts too. With
    ``missing_listed`` (a face that lists every missing point with its note, as the web result
    page does), nor a missing point (trial 29b: eight notes were said twice)."""
    feedback = report.get("feedback") or {}
    steps = [*(feedback.get("next_steps") or []), *(feedback.get("more_steps") or [])]
    notes = {
        str(c.get("id")): str(c.get("source_note") or "") for c in report.get("concepts") or []
    }
    said = {normalised(str(a.get("message") or "")) for a in report.get("advisories") or []}
    labels = {str(c.get("id")): str(c.get("label") or "") for c in report.get("concepts") or []}
    openings = [normalised(str(step.get("text") or "")) for step in steps]
    endings = [e for step in steps for e in _said_as(labels, notes, str(step.get("target")))]
    # a point a step names in passing ("...; for instance, add Shinzo Abe's speech (2007)")
    chars = feedback_settings().label_chars
    for concept in report.get("concepts") or []:
        label = str(concept.get("label") or "")
        named = normalised(step_label(label, notes.get(str(concept.get("id")), ""), chars)[0])
        if named and any(f"add {named}" in o for o in openings):
            endings += _said_as(labels, notes, str(concept.get("id")))
    endings += [
        normalised(str(f.get("message") or f.get("claim") or ""))
        for f in report.get("facts") or []
        if f.get("status") == "contradicted"
    ]
    openings = [o for o in openings if o]
    endings = [e for e in endings if e]
    # the word budget step says what the structure's length line says ("At 111 of 150 words
    # there is room for one or two more points")
    budget_step = any(step.get("target") == "word_budget" for step in steps)
    words = (report.get("structure") or {}).get("word_count")
    # an answer at full marks has no point to add or develop; a short answer or a linear
    # question is not marked on its form (its structure advice earns nothing)
    full = float(report.get("marks") or 0) >= float(report.get("max_marks") or 1) - 1e-9
    points = {e for c in notes for e in _said_as(labels, notes, c)} if full else set()
    if missing_listed:
        points |= {
            normalised(str(c.get("source_note") or ""))
            for c in report.get("concepts") or []
            if c.get("status") == "missing" and c.get("source_note")
        }
    essay = str((report.get("arithmetic") or {}).get("formula", "raw = ")).startswith("raw = ")
    form = set() if essay else {normalised(str(x)) for x in _structure_lines(report)}
    # a directive step ("Turn your conclusion into a balanced verdict") says what the
    # structure's directive line says ("'Examine' needs a judgement: ... a balanced verdict")
    elements = {str(step.get("kind")) for step in steps}
    directive_lines = {
        normalised(_without_directive(template))
        for key, template in structure_settings().directive_feedback.items()
        if key.split("_")[0] in elements
    }
    kept = []
    for line in feedback.get("improvements") or []:
        key = normalised(str(line))
        if key in form or any(key.endswith(p) for p in points):
            continue
        if normalised(_without_directive(str(line))) in directive_lines:
            continue
        if key in said or any(key.startswith(o) for o in openings):
            continue
        if budget_step and str(line).startswith(f"At {words} "):
            continue
        if any(key.endswith(e) for e in endings):
            continue
        kept.append(str(line))
    return kept


def _said_as(labels: Mapping[str, str], notes: Mapping[str, str], concept: str) -> list[str]:
    """How an improvement point about a concept ends (normalised): with its note, or, for a
    reference answer an improvement quotes (:func:`_add_point`), with the quote."""
    note = notes.get(concept, "")
    said = [normalised(note)] if note else []
    if note and quoted_note(note):
        chars = feedback_settings().label_chars
        said.append(normalised(step_label(labels.get(concept, ""), note, chars)[0]))
    return [s for s in said if s]


_DIRECTIVE_OPENING = re.compile(r"^'[^']*'\s*")


def _without_directive(line: str) -> str:
    """A directive line without the directive it names ("'Examine' needs a judgement: ..." ->
    "needs a judgement: ...")."""
    return _DIRECTIVE_OPENING.sub("", line, count=1)


def note_after_step(text: str, note: str) -> str:
    """What a step's source note adds to the step: the note whole, or, when the step quotes the
    note's own opening cut short (a derived point labelled by its note: 'Add “The Mahadayi, or
    Mhadei, river rises in Karnataka and flows through Goa to the…”'), only the rest ('…Arabian
    Sea; Goa, Karnataka and Maharashtra share its basin'), and nothing when it quotes all of it
    (trial 33: every step of a derived rubric had said its note twice)."""
    for quoted in re.findall(r"“([^”]*)”", text):
        head = quoted.removesuffix("…").rstrip()
        if quoted.endswith("…") and head and note.startswith(head):
            return "…" + note[len(head) :].lstrip()
        if quoted.strip() == note.strip():
            return ""
        spaced = " ".join(note.split())
        if head and spaced.startswith(head + " "):
            # the first of several reference answers, quoted whole: the others ("Also
            # correct: …")
            return spaced[len(head) :].lstrip()
    return note


def fact_step_head(text: str, message: str) -> str | None:
    """A step that corrects a fact, without the fact's message ('Correct the fact on Civil
    nuclear agreement (November 2016)'), for a face that lists the wrong facts apart: None
    when the step does not end with that message."""
    head, found, _ = text.partition(": " + message.rstrip("."))
    return head if found else None


def _structure_lines(report: Mapping[str, Any]) -> list[str]:
    """The structure feedback of a report (as JSON)."""
    return [str(x) for x in (report.get("structure") or {}).get("feedback") or []]


def _add_point(
    concept: ConceptResult,
    verb: str,
    own_labels: bool = True,
    quote: bool = True,
    sentences: bool = True,
) -> str:
    """'add <label>. <note>', or the note alone when the label only repeats it: run on ("add
    india is described …" read as one sentence, trial 29b), or, for a reference answer
    (``quote``: see :func:`~.wording.quoted_note`), its first reference quoted as the steps
    quote it ('Develop “Boil the leaf in water to kill it. Put it in …”'; trial s43 had
    "Develop boil the leaf in water to kill it. Put it in hot ethanol …", the whole note). A
    note that opens as a sentence does, with a capital (``sentences``), is quoted whole, as a
    step quotes it: session 46's trial read "add unlike the old commission, it does not …" and
    "add The 15th Finance Commission …"."""
    note = concept.source_note.strip()
    if label_is_note(concept.label, note, own_labels=own_labels):
        if note and quote and quoted_note(note):
            return f"{verb} {step_label(concept.label, note, feedback_settings().label_chars)[0]}"
        if note and sentences and note[0].isupper():
            return f"{verb} “{_SPACE.sub(' ', note)}”"
        return f"{verb} {as_sentence(_run_on(note))}" if note else verb
    label = clip(concept.label, feedback_settings().label_chars)
    # a label clipped to "…" ends there: "market and…. Japan has" read as a slip (probe s32)
    stop = ":" if verb == "Develop" else ("" if label.endswith("…") and own_labels else ".")
    return f"{verb} {label}{stop} {note}".strip()


def _run_on(note: str) -> str:
    """A note continuing "add …": its first letter lower-cased, unless its first word is a name
    ("India is described in Article 1 …", "Article 246 distributes …", "GST …": trial 29b saw
    "add india is described …")."""
    match = re.match(r"[A-Za-z][\w'’-]*", note)
    if match is None:
        return note
    word = match.group(0)
    rest = note[match.end() :]
    if (
        word.isupper()
        or not word[1:].islower()
        or re.match(r"\s+\d", rest)  # "Article 246"
        or re.search(rf"(?<![.!?:]\s)(?<!^)\b{re.escape(word)}\b", rest)  # capitalised again
        or word.lower() in _known_names()
    ):
        return note
    return word[:1].lower() + word[1:] + rest


@cache
def _known_names() -> frozenset[str]:
    """Place names and their peoples (``names.yaml``), lower case: written with a capital."""
    names = names_settings()
    groups = [*names.places, *names.home_places, *names.synonyms]
    return frozenset(w.lower() for group in groups for w in group)

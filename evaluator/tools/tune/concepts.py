"""Learned content written into a rubric: learned phrases as concepts, graded answers as exemplars.

:func:`add_learned_concepts` writes a question's learned phrases
(:class:`~evaluator.tools.tune.phrases.LearnedPhrase`) as concepts (new points in a
``learned-<question>`` dimension, penalties in the question's weightiest dimension), each with a
note saying how many answers support it;
:func:`exemplar_concepts` and :func:`add_exemplar_concepts` keep graded answers as exemplar
concepts in an ``examples-<question>`` dimension. Also here: the ids tuning gives such concepts
and :func:`with_rubric`, a loaded rubric with another rubric model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from evaluator.rubric.loader import LoadedRubric
from evaluator.rubric.model import (
    LEARNED_NOTE,
    Concept,
    Rubric,
    examples_dimension_id,
    learned_dimension_id,
)
from evaluator.text import free_id
from evaluator.tools.tune.phrases import LearnedPhrase

__all__ = [
    "EXAMPLE_NOTE",
    "EXEMPLAR_MIN_ANSWERS",
    "EXEMPLAR_MIN_COSTING_WORDS",
    "LEARNED_PREFIXES",
    "add_exemplar_concepts",
    "add_learned_concepts",
    "exemplar_concepts",
    "free_id",
    "is_learned",
    "split_learned_id",
    "with_rubric",
    "without_inert_learned",
]


def is_learned(concept: Concept) -> bool:
    """Whether tuning wrote this concept from the tutor's marks (its note says so)."""
    return concept.learned


LEARNED_PREFIXES = {False: "learned", True: "low-marked"}
"""A learned phrase's id begins with what it does: ``learned-`` earns, ``low-marked-`` (a
phrase of low-marked answers) costs. Not ``misconception-``, as tunes before engine 0.9.54
wrote: a phrase the tutor's low marks go with is often true ('ice floats')."""
_OLD_PREFIXES = ("misconception",)


def split_learned_id(concept_id: str) -> tuple[str, str] | None:
    """(prefix, rest) of a learned phrase's id ('low-marked', 'ice-floats'), or None when the
    id has no prefix tuning writes (a tutor's own id)."""
    for prefix in (*LEARNED_PREFIXES.values(), *_OLD_PREFIXES):
        if concept_id.startswith(prefix + "-") and len(concept_id) > len(prefix) + 1:
            return prefix, concept_id[len(prefix) + 1 :]
    return None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "phrase"


def add_learned_concepts(
    rubric: Rubric, question_id: str, phrases: Sequence[LearnedPhrase], n_answers: int
) -> Rubric:
    """The rubric with a question's learned phrases as concepts (replacing ones learned before).

    New points go into the question's ``learned-<question>`` dimension; penalties go into the
    question's weightiest dimension, so a misconception costs credit the answer earned there.
    """
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    dimension_id = learned_dimension_id(question_id)
    data["dimensions"] = [d for d in data["dimensions"] if d["id"] != dimension_id]
    question = next(q for q in data["questions"] if q["id"] == question_id)
    question["dimensions"] = [d for d in question["dimensions"] if d["id"] != dimension_id]
    main_id = max(question["dimensions"], key=lambda d: d.get("weight", 1.0))["id"]
    taken = {c["id"] for d in data["dimensions"] for c in d["concepts"]}
    new_points, penalties = [], []
    for phrase in phrases:
        # named by the phrase as answers write it ('less dense', 'not connected'), not by its
        # stems ('less dens')
        prefix = LEARNED_PREFIXES[phrase.penalty]
        concept_id = free_id(f"{prefix}-{_slug(phrase.label)}", taken)
        direction = "lower" if phrase.penalty else "higher"
        writes = f"deny '{phrase.phrase}'" if phrase.denial else f"write '{phrase.phrase}'"
        concept = {
            "id": concept_id,
            "label": phrase.label,
            "weight": 1.0,
            "cues": [[phrase.phrase]],
            "note": (
                f"{LEARNED_NOTE}{n_answers} graded answers ({phrase.high} high, {phrase.low} "
                f"low of the {phrase.support} using it): answers that {writes} were marked "
                f"{direction}."
            ),
        }
        if phrase.denial:
            concept["denial"] = True
        if phrase.penalty:
            concept["penalty"] = True
            penalties.append(concept)
        else:
            new_points.append(concept)
    if penalties:
        main = next(d for d in data["dimensions"] if d["id"] == main_id)
        main["concepts"] = [*main["concepts"], *penalties]
    if new_points:
        data["dimensions"].append(
            {
                "id": dimension_id,
                "label": "Learned from the tutor's marks",
                "description": "Points `rubric tune` learned from graded answers.",
                "concepts": new_points,
            }
        )
        question["dimensions"].append({"id": dimension_id, "weight": 1.0})
    return Rubric.model_validate(data)


def without_inert_learned(
    rubric: Rubric, never_fired: Sequence[str], zero_weight: Sequence[str] = ()
) -> tuple[Rubric, list[str]]:
    """The rubric without the learned phrases (not exemplars) that earned nothing in any graded
    answer under the rubric's own matching, and without the learned phrases and examples the fit
    gave no weight (``zero_weight``: they would keep the floor weight and move no mark), and
    their labels: a phrase the learner counted that matching never credits (a longer rubric
    term owns its word, as "the East Container Terminal deal" owns "deal") is no learned point,
    and a teacher should not have to read 256 phrases and 196 pupils' answers that do nothing
    (trial s40t). A learned dimension left empty goes too."""
    inert = set(never_fired)
    weightless = set(zero_weight)
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    dropped: list[str] = []
    for dimension, model_dimension in zip(data["dimensions"], rubric.dimensions, strict=True):
        kept: list[dict[str, Any]] = []
        gone: list[dict[str, Any]] = []
        for concept, model in zip(dimension["concepts"], model_dimension.concepts, strict=True):
            inert_here = model.learned and (
                (concept["id"] in inert and not model.exemplar) or concept["id"] in weightless
            )
            (gone if inert_here else kept).append(concept)
        if not gone:
            continue
        dropped += [c["label"] for c in gone]
        if kept and not dimension.get("expected"):
            # the weight that saturates the dimension stays what the marks were fitted with
            possible = sum(c.weight for c in model_dimension.concepts if not c.penalty)
            dimension["expected"] = round(rubric.scoring.saturation * possible, 4)
        dimension["concepts"] = kept
    if not dropped:
        return rubric, []
    empty = {d["id"] for d in data["dimensions"] if not d["concepts"]}
    data["dimensions"] = [d for d in data["dimensions"] if d["id"] not in empty]
    for question in data["questions"]:
        question["dimensions"] = [d for d in question["dimensions"] if d["id"] not in empty]
    return Rubric.model_validate(data), dropped


EXEMPLAR_MIN_ANSWERS = 10
"""A question's graded answers are kept as exemplar concepts only from this many on (as phrases
are learned only from ten answers on)."""
EXEMPLAR_MIN_COSTING_WORDS = 3
"""A graded answer kept as an example with fewer content words (cue groups) than this may only
earn: one its answers' marks would make cost (marked below the question's average) is left out
of the fit (:class:`~evaluator.tools.tune.linear.LinearShortTuner`). Its credit is the share of
its words an answer repeats, so a one-word wrong answer ("Chloroplast") costs its whole weight
to every answer that writes the word, right ones too (session 44: a teacher's right answer
"Chlorophyll is the green pigment found inside chloroplasts in leaf cells." fell from 1 of 1 to
0); a short right answer (a misspelling the tutor accepted) still earns."""
EXAMPLE_NOTE = "a graded answer marked "
"""What follows :data:`LEARNED_NOTE` in an exemplar concept's note."""


def exemplar_concepts(
    docs: Sequence[Doc],
    marks: Sequence[float],
    max_marks: float,
    question: str,
    taken: set[str],
) -> list[dict[str, Any]]:
    """One exemplar concept per graded answer with content words (the first of answers with
    the same content words): its content words as cue groups (no synonyms), words of the
    question as ``echo``, credited in proportion. An answer then earns the exemplar's weight
    for how much of that graded answer it repeats; the regression gives a well-marked answer's
    exemplar a positive weight and a poorly marked one's a negative weight (a penalty). ``taken``
    (concept ids in use) is updated with the new ids."""
    from evaluator.nlp.lexicon import stem_form
    from evaluator.tools.derive.reference import phrasing_cues, phrasing_data

    question_keys = {stem_form(w.lower()) for w in re.findall(r"[A-Za-z]+", question)}
    seen: set[frozenset[str]] = set()
    concepts = []
    for number, (doc, mark) in enumerate(zip(docs, marks, strict=True), start=1):
        cues = phrasing_cues(doc, question_keys, similar=False)
        content = frozenset(g[0].lower() for g in cues.groups)
        if not cues.groups or content in seen:
            continue
        seen.add(content)
        concept_id = free_id(f"example-{number}", taken)
        text = " ".join(doc.text.split())
        concept: dict[str, Any] = {
            "id": concept_id,
            # reports show the label: the number of the graded answer, not its words
            "label": f"Graded answer {number} (marked {mark:g} of {max_marks:g})",
            "weight": 1.0,
            "credit": "proportional",
            "exemplar": True,
            **phrasing_data(cues),
            "note": f"{LEARNED_NOTE}{EXAMPLE_NOTE}{mark:g} of {max_marks:g}: {text}"[:1000],
        }
        concepts.append(concept)
    return concepts


def add_exemplar_concepts(
    rubric: Rubric, question_id: str, concepts: Sequence[dict[str, Any]]
) -> Rubric:
    """The rubric with a question's exemplar concepts (replacing ones added before) in the
    question's ``examples-<question>`` dimension."""
    data = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    dimension_id = examples_dimension_id(question_id)
    data["dimensions"] = [d for d in data["dimensions"] if d["id"] != dimension_id]
    question = next(q for q in data["questions"] if q["id"] == question_id)
    question["dimensions"] = [d for d in question["dimensions"] if d["id"] != dimension_id]
    if concepts:
        data["dimensions"].append(
            {
                "id": dimension_id,
                "label": "Graded answers as examples",
                "description": (
                    "Answers the tutor marked, which `rubric tune` compares new answers with."
                ),
                "concepts": list(concepts),
            }
        )
        question["dimensions"].append({"id": dimension_id, "weight": 1.0})
    return Rubric.model_validate(data)


def with_rubric(loaded: LoadedRubric, rubric: Rubric) -> LoadedRubric:
    """``loaded`` with another rubric model (same folder, notes and model answers), fingerprinted
    by its content so the compiled-rubric cache tells the two apart."""
    digest = hashlib.sha256(rubric.model_dump_json().encode()).hexdigest()
    return replace(loaded, rubric=rubric, fingerprint=f"{loaded.fingerprint}:{digest}")

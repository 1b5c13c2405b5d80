"""The header record of a compact file: the rubric's constants and the engine's wording, once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from evaluator.batch.compact.wording import Wording

if TYPE_CHECKING:
    from evaluator.rubric.loader import LoadedRubric
    from evaluator.rubric.model import Rubric

FORMAT_PREFIX = "mains-eval-batch-compact/"
VERSION = 28
"""The version of the ``format`` this writer puts in a header record; bumped when the compact
layout changes or the rebuilt feedback reads differently (2: the wording is coded; 3: reports
carry each concept's ``penalty``; 4: and ``learned``, and the header names the concepts feedback
never suggests; 5: a strength under 90% of its dimension is 'mostly covered', engine 0.9.24; 6:
a word one strength quotes is not quoted again by the next, engine 0.9.31; 7: nor a word inside
a longer one quoted, or in another case, engine 0.9.36; 8: a first step about the word budget is
the answer's length in the comment, not its form, engine 0.9.42; 9: a capped answer with no step
is told what caps it, engine 0.9.49; 10: the comment of a short answer or a linear question says
nothing of the directive, and a tuned rubric's strength is one of its own dimensions when one
earned credit, engine 0.9.54; the header marks such questions ``directive_marked: false``; 11:
no "biggest gap" for a first step under one rounding step, no form praised when the structure
scores 0, no "does part of that (0%)", engine 0.9.80; 12: a template's value may be coded
itself, the step that "{step}; for instance, add {label}" wraps, engine 0.9.108; 13: the first
step's dimension is "its best next step", not "its biggest gap", engine 0.9.156; 14: a label
opening like its note is the label, not a copy, in steps and improvements, engine 0.9.162; 15: the
comment of an answer in another language calls its gap the language, not the length, an answer
no point earned is told its marks are for its topic, strengths quote names before plain words,
and an advisory whose cap the marks were already within says so, stored as ``unbound: true``,
engines 0.9.191-0.9.196; 16: reports and their advisories carry a ``deduction``, a share of the
marks themselves, engine 0.9.206, and reports their ``wrong_sentences``, whose words the
strengths and the comment never quote, engine 0.9.208; 17: a tuned rubric's dimensions of
learned phrases and graded examples are praised as "Like answers the tutor marked high", once,
a reference answer's step and improvement quote its first reference only, and an improvement
quotes a note of several sentences rather than running it on, engine 0.9.256; 18: the comment
of an answer whose marks a cap lowered says its words "matched" points, not that they "earned
credit", and names the advisories holding its marks once, session 45; 19: the strengths of
such an answer say its words "matched" a dimension's points, not that it is "well covered", and
its learned phrases are not said to earn marks, session 46; 20: each word is praised once: the
comment names a dimension whose strength quotes its words without quoting them, and a right
fact of a quoted word is told beside it, "“JIMEX” (the two navies' exercise, right)", not on a
line of its own, session 46; 21: a dimension named inside the comment's sentences reads "the GST
Council", not "The GST Council", one mark "is" for the topic, and an improvement quotes a note
that opens as a sentence rather than running it on after "add"; the comment of an off-topic
answer says its first point reaches the off_topic cap alone, and that it does not yet do what the
directive asks, session 46; 22: a step names a dimension, and a label of its own, as a sentence
reads them: "(the GST Council: not in the answer yet)", not "(The GST Council: ...", session 47;
23: a right fact whose every word another right fact told says is
not told again ("the third India–Japan 2+2 met in New Delhi" beside "the meeting in New Delhi
was the third India–Japan 2+2"), and a claim going on from its quoted word comes first beside
it, session 47; 24: a checked fact's record carries the ``sentence`` its value was read from,
by which the faces list a point's facts of one sentence on one line, session 48; 25: a right
fact whose claim goes on with its quoted name's own phrase is told whole beside it, "“Balwantrai
Mehta Committee” (the Balwantrai Mehta Committee of 1957 recommended …, right)", not "(of 1957
recommended …, right)", session 48; 26: and it ends with the clause that holds its checked
value, not going on to what the answer did not write ("…, and Rajasthan was the first state to
adopt it, at Nagaur in 1959"), session 48; 27: so does a right fact told on a line of its own,
"Accurate fact: …", session 49; 28: the header's facts carry the ``spellings`` of their values
(the value and the alternatives the notes accept), by which a right fact another told right
fact says all of in other words is left out ("Malabar is a naval exercise" beside "Malabar is
the exercise of the four Quad navies"), session 49)."""
DEDUCTION_FORMAT = 16
"""The first format whose reports' arithmetic and advisories carry a ``deduction``."""
WRONG_SENTENCES_FORMAT = 16
"""The first format whose reports carry ``wrong_sentences`` (a record stores them when any)."""
LEARNED_STRENGTH_FORMAT = 17
"""The first format whose strengths praise learned dimensions as what they are (see
``VERSION``)."""
REFERENCE_QUOTE_FORMAT = 17
"""The first format whose steps and improvements quote a reference answer's first reference,
and whose improvements quote a note of several sentences (see ``VERSION``)."""
HELD_COMMENT_FORMAT = 18
"""The first format whose comment names the advisories a binding cap holds the marks with (see
``VERSION``)."""
HELD_STRENGTH_FORMAT = 19
"""The first format whose strengths claim no marks a binding cap holds down (see ``VERSION``)."""
PRAISED_ONCE_FORMAT = 20
"""The first format whose feedback praises each word once (see ``VERSION``)."""
TIDY_WORDS_FORMAT = 21
"""The first format whose comment and improvements name labels and notes as a sentence reads
them (see ``VERSION``)."""
TIDY_STEPS_FORMAT = 22
"""The first format whose steps name dimensions and labels as a sentence reads them (see
``VERSION``)."""
CLAIMS_ONCE_FORMAT = 23
"""The first format whose strengths tell each right fact's point once (see ``VERSION``)."""
FACT_SENTENCES_FORMAT = 24
"""The first format whose reports' facts carry a ``sentence`` (a record stores a checked fact's)."""
WHOLE_NAMES_FORMAT = 25
"""The first format whose strengths tell a right fact whole beside a name its claim goes on
from (see ``VERSION``)."""
VALUE_CLAUSE_FORMAT = 26
"""The first format whose strengths tell a right fact up to the clause of its value (see
``VERSION``)."""
ALONE_CLAUSE_FORMAT = 27
"""The first format whose strengths tell a right fact on a line of its own up to the clause of its
value (see ``VERSION``)."""
SPELLINGS_FORMAT = 28
"""The first format whose header's facts carry their values' ``spellings`` and whose strengths
compare claims with them folded (see ``VERSION``)."""
FORMAT = f"{FORMAT_PREFIX}{VERSION}"
FIRST_FORMAT = f"{FORMAT_PREFIX}1"
READABLE_FORMATS = tuple(f"{FORMAT_PREFIX}{n}" for n in range(1, VERSION + 1))
"""Formats ``expand_records`` reads: every version so far, each read back as it was written."""


def format_version(header: dict[str, Any]) -> int:
    """The version number of a (readable) header's format: 1 for 'mains-eval-batch-compact/1'."""
    return READABLE_FORMATS.index(header["format"]) + 1


HEADER_KIND = "header"
STRUCTURE_MAPS = ("components", "signals")
"""Structure fields whose keys are the same in every report: a record gives their values."""
_CONCEPT_CONSTANTS = ("id", "label", "dimension", "weight", "groups_total", "source_note")
COMMON_REASONS = ("named directly",)
"""Concept reasons a compact record gives by their index in the header's ``reasons``."""
REASON_WORDING = {"negated": "mentioned only in a negated claim ('{cue}')"}
"""Concept reasons with a varying part (the engine's wording), coded by name."""


def _every_concept(rubric: Rubric, first_report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every concept of the rubric in its order (the order of a report's concepts): the first
    report's, and those its question leaves out, which other questions' reports hold."""
    given = {c["id"]: c for c in first_report["concepts"]}
    every = []
    for dimension, concept in rubric.concepts():
        every.append(
            given.get(concept.id)
            or {
                "id": concept.id,
                "label": concept.label,
                "dimension": dimension.id,
                "weight": concept.weight,
                "groups_total": len(concept.cues),
                "source_note": concept.shared_note,
            }
        )
    return every


def build_header(loaded: LoadedRubric, first_report: dict[str, Any]) -> dict[str, Any]:
    """The header record of a compact file: the rubric's constants (every question, concept and
    fact) and the pipeline, taken from the rubric and the run's first graded report."""
    from evaluator.scoring.feedback.strengths import fact_spellings, subject_words
    from evaluator.scoring.feedback.worth import quiet_ids
    from evaluator.scoring.marks import marks_formula

    rubric = loaded.rubric
    penalties = {c.id for _, c in rubric.concepts() if c.penalty}  # misconceptions, if tuned
    learned = {c.id for _, c in rubric.concepts() if c.learned}
    quiet = quiet_ids(rubric)  # learned or denials: feedback never suggests them
    spellings = fact_spellings(rubric)  # format 28
    questions: dict[str, Any] = {}
    for question in rubric.questions:
        total = sum(q.weight for q in question.dimensions)
        left_out = rubric.not_reported(question)
        dimensions = []
        for qdim in question.dimensions:
            dimension = rubric.dimension(qdim.id)
            share = question.max_marks * qdim.weight / total
            if question.intercept is not None:  # linear: the most its points can earn, in marks
                share = sum(c.weight for c in rubric.counted(question, qdim.id) if not c.penalty)
            dimensions.append(
                {
                    "id": dimension.id,
                    "label": dimension.label,
                    "max": round(share, 2),
                    "weight": qdim.weight,
                    # as the report counts them: points to earn, not misconceptions
                    "concepts_total": sum(
                        1 for c in rubric.counted(question, qdim.id) if not c.penalty
                    ),
                }
            )
        questions[question.id] = {
            "question": {
                "id": question.id,
                "text": question.text,
                "directive": question.directive,
                "max_marks": question.max_marks,
                "word_limit": question.word_limit,
                **({"intercept": question.intercept} if question.intercept is not None else {}),
            },
            "dimensions": dimensions,
            "formula": marks_formula(rubric, question),
            "model_answer": loaded.model_answers.get(question.id),
        }
        if question.rounding is not None:  # a question tune kept as it was: its own step
            questions[question.id]["rounding"] = question.rounding
        if not question.essay_marked:  # format 10: its comment leaves out the directive
            questions[question.id]["directive_marked"] = False
        if left_out:  # points the question does not count and its reports do not hold
            questions[question.id]["left_out"] = sorted(left_out)
    return {
        "kind": HEADER_KIND,
        "format": FORMAT,
        "partial_credit": rubric.scoring.partial_credit,
        "rounding": rubric.scoring.rounding,
        "subject": sorted(subject_words(rubric)),  # names praise never quotes alone
        "reasons": list(COMMON_REASONS),
        "rubric": first_report["rubric"],
        "pipeline": first_report["pipeline"],
        "questions": questions,
        "concepts": [
            {
                **{k: c[k] for k in _CONCEPT_CONSTANTS},
                **({"penalty": True} if c["id"] in penalties else {}),
                **({"learned": True} if c["id"] in learned else {}),
                **({"quiet": True} if c["id"] in quiet else {}),
            }
            for c in _every_concept(rubric, first_report)
        ],
        "facts": [
            {
                **{k: f[k] for k in ("id", "concept", "claim", "expected")},
                **({"spellings": spellings[f["id"]]} if f["id"] in spellings else {}),
            }
            for f in first_report["facts"]
        ],
        "structure_keys": {
            key: [k for k in first_report["structure"][key] if k != "word_count"]
            for key in STRUCTURE_MAPS
        },
        "wording": engine_wording(),
    }


def engine_wording() -> dict[str, dict[str, str]]:
    """The engine's templates a compact record names (:mod:`evaluator.batch.compact.wording`):
    structure feedback, next steps, the advisories' messages and effects, concept reasons."""
    from evaluator.settings import advisory_settings, feedback_settings, structure_settings

    structure = structure_settings()
    advisories = advisory_settings()
    messages: dict[str, str] = {}
    effects: dict[str, str] = {}
    for code in type(advisories).model_fields:  # the advisories: the settings with a message
        advisory = getattr(advisories, code)
        if isinstance(getattr(advisory, "message", None), str):
            messages[code] = advisory.message
            if isinstance(getattr(advisory, "effect", None), str):
                effects[code] = advisory.effect
    effects["cap_unused"] = advisories.cap_unused  # added to a cap the marks were within
    return {
        "structure": {**structure.feedback.model_dump(), **structure.directive_feedback},
        "steps": dict(feedback_settings().steps),
        "advisories": messages,
        "effects": effects,
        "reasons": dict(REASON_WORDING),
    }


def is_header(record: dict[str, Any]) -> bool:
    """True for the header record of a compact file."""
    return record.get("kind") == HEADER_KIND


_wordings_slot: list[Any] = [None, None]

V1_STEPS = {
    "negated": "State {label} as the source notes do; the answer denies it",
    "reasons_more": (
        "Back one more point with a reason or an example ('because ...', 'for instance ...'); "
        "the answer gives one so far"
    ),
}
"""Step templates the engine has reworded since version 1 files were written, as they were
then: a version 1 header carries no wording, so its steps read back by these."""


def wordings(header: dict[str, Any]) -> dict[str, Wording]:
    """The header's templates by kind of text, kept for the last header seen (one per file). A
    version 1 header has none: its steps were named by the engine's wording of the time (the
    engine's own, less :data:`V1_STEPS`' rewordings)."""
    if _wordings_slot[0] is not header:
        templates = header.get("wording")
        if not templates:
            templates = engine_wording()
            templates["steps"] = {**templates["steps"], **V1_STEPS}
        _wordings_slot[1] = {kind: Wording(t) for kind, t in templates.items()}
        _wordings_slot[0] = header
    found: dict[str, Wording] = _wordings_slot[1]
    return found

"""Result dataclasses. ``Report.to_dict()`` is the JSON contract shared by `mains-eval grade
--json`, batch JSONL lines and the web API. Add keys; never rename or remove them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

ConceptStatus = Literal["covered", "partial", "missing", "negated", "contradicted"]
FactStatus = Literal["supported", "contradicted", "absent"]


@dataclass(frozen=True)
class Evidence:
    """A span of the answer: character offsets into the answer text and the text itself."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    text: str
    """The answer's text between start and end."""


@dataclass(frozen=True)
class ConceptResult:
    """How one concept fared."""

    id: str
    label: str
    dimension: str
    status: ConceptStatus
    """covered, partial, missing, negated (only negated mentions) or contradicted (a fact of it
    was contradicted, so it earns nothing)."""
    credit: float
    """Credit in [0, 1] that went into the dimension score."""
    weight: float
    evidence: list[Evidence]
    """The answer spans that earned (or, when negated, would have earned) the credit."""
    matched: list[str]
    """The answer's words that matched the cues, in order."""
    groups_matched: int
    groups_total: int
    source_note: str
    """The concept's source note (the project's own words)."""
    reason: str = ""
    """Why the status is what it is, in one sentence (e.g. the negation cue)."""
    penalty: bool = False
    """A misconception (the rubric's ``penalty: true``, as ``rubric tune`` learns them): its
    credit is taken away from the dimension, so a covered misconception costs marks. Every face
    shows it as a misconception, never as a point earned."""
    learned: bool = False
    """`rubric tune` learned the concept from a tutor's marks (a phrase the marks separated, or a
    graded answer kept as an example; see ``Concept.learned``): a learned penalty is shown as
    what answers the tutor marked low say, not as a misconception."""


def says_the_point(concept: ConceptResult) -> bool:
    """Whether the answer says something of the point: False for partial credit earned by the
    question's own words alone (a proportional concept with no cue group found), which is a
    point to add, not one to develop, and no concept covered."""
    return not (concept.status == "partial" and concept.groups_matched == 0)


@dataclass(frozen=True)
class FactResult:
    """A checkable claim compared with the source notes."""

    id: str
    concept: str
    claim: str
    status: FactStatus
    found: str | None
    """What the answer wrote (the value, as written), or None."""
    expected: str
    """The value the source notes give, formatted for people."""
    evidence: list[Evidence]
    message: str = ""
    """Feedback sentence, e.g. 'you wrote 2016 in “The CEPA came into force in 2016”; the source
    notes say 2011'."""
    clause: str = ""
    """For a contradicted fact, the answer's clause that states the wrong value (quoted)."""
    sentence: tuple[int, int] | None = None
    """For a checked fact (supported or contradicted), the character span ``[start, end)`` of
    the answer's sentence its value was read from: the facts a face lists are grouped by their
    point and this sentence (:func:`~evaluator.scoring.feedback.facts_listed`)."""


@dataclass(frozen=True)
class DimensionResult:
    """Marks earned in one dimension of the question."""

    id: str
    label: str
    marks: float
    max: float
    score: float
    """Dimension score in [0, 1] after saturation."""
    weight: float
    concepts_covered: int
    concepts_total: int


@dataclass(frozen=True)
class Advisory:
    """A warning shown beside the marks; never hides them."""

    code: str
    """Stable code: empty, not_english, too_short, over_limit, off_topic, keyword_stuffing,
    fact_list, copied_source, repetition, factual_errors, unreadable, spelling."""
    message: str
    """What the learner should know and do."""
    effect: str = "none"
    """What it did to the marks, in words ('capped at 30% of the maximum', 'none')."""
    cap: float | None = None
    """Marks are capped at this share of the maximum, if set."""
    penalty: float = 0.0
    """Share of the maximum subtracted from the marks."""
    deduction: float = 0.0
    """Share of the marks themselves (after any cap) taken off: a wrong fact costs a share of
    what the answer earned, as an examiner's trust in the rest of it drops."""
    details: dict[str, Any] = field(default_factory=dict)
    """Measurements behind the advisory (shares, counts)."""


@dataclass(frozen=True)
class StructureResult:
    """The answer's shape: paragraphs, introduction, conclusion, points, word budget, directive."""

    score: float
    """Structure score in [0, 1] that feeds the structure share of the marks."""
    paragraphs: int
    has_introduction: bool
    has_conclusion: bool
    uses_points_or_headings: bool
    word_count: int
    word_limit: int
    word_budget: str
    """'within', 'short', 'too_short' or 'over_limit'."""
    directive: str
    directive_fit: float
    """How well the answer does what the directive asks, in [0, 1]."""
    directive_notes: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)
    """Each part of the structure score, so the arithmetic can be shown."""
    prose_paragraphs: int = 0
    """Paragraphs of running prose (not points or headings)."""
    points: int = 0
    """Bulleted or numbered points."""
    headings: int = 0
    """Sub-heading lines (markdown headings, bold lines or short title lines), and lines opening
    with a short label and a colon when the answer has two or more of them."""
    signals: dict[str, float] = field(default_factory=dict)
    """The text measurements behind the score (counts, flags), so the score can be recomputed
    from new dimension scores (rubric tuning) without the answer."""


@dataclass(frozen=True)
class NextStep:
    """One change to the answer and what it is worth: the marks the answer gets with it, computed
    by the marks arithmetic from the answer's features with that change (and the changes of the
    steps shown above it) applied."""

    kind: str
    """concept, develop, negated, fact, introduction, conclusion, points_or_headings, paragraphs,
    word_budget, a directive element (judgement, position, reasons, critical, proposals), or
    advisory (lift the cap or deduction of the advisory named by ``target``: copied_source,
    keyword_stuffing, repetition)."""
    text: str
    """The advice, one line in plain language."""
    gain: float
    """Marks gained, on the rubric's rounding grid (0 when the change is worth less than a step):
    for a step shown, what it adds once the steps shown above it are made (session 48), so the
    shown steps' gains add up; for a further step (``more_steps``), what it adds alone."""
    marks_after: float
    """The marks the answer gets with this change (and, for a step shown, those above it)."""
    worth: str = ""
    """The gain in words, as every face shows it: '+1 mark', '+0.5 marks', or 'under 0.5
    marks' when the change is worth less than one rounding step."""
    target: str = ""
    """What the step changes: a concept id, a dimension id or a structure part."""
    dimension: str = ""
    """The dimension a concept step belongs to ('' for structure steps)."""
    detail: str = ""
    """The source note behind a concept step, for those who want it."""


@dataclass(frozen=True)
class Feedback:
    """What to keep doing and what to do next."""

    strengths: list[str] = field(default_factory=list)
    """What earned credit, with the answer's own words that earned it."""
    improvements: list[str] = field(default_factory=list)
    """Every improvement point (the full list, for tutors)."""
    comment: str = ""
    """The examiner's comment: what the answer does well, its biggest gap, the directive."""
    next_steps: list[NextStep] = field(default_factory=list)
    """The few changes worth most, best first (at most five; one per dimension while others
    remain)."""
    more_steps: list[NextStep] = field(default_factory=list)
    """Every other change that gains marks, best first (shown behind 'more')."""


@dataclass(frozen=True)
class Arithmetic:
    """How the marks were computed, step by step (docs/scoring.md)."""

    content: float
    breadth: float
    structure: float
    relevance: float
    bonus: float
    raw: float
    curved: float
    before_advisories: float
    cap: float | None
    penalty: float
    deduction: float
    """Share of the marks (after the cap) the advisories take off, before the penalty."""
    formula: str


@dataclass(frozen=True)
class Report:
    """Everything the evaluator says about one answer."""

    rubric: dict[str, str]
    """{id, version, title}."""
    question: dict[str, Any]
    """{id, text, directive, max_marks, word_limit}."""
    pipeline: dict[str, str]
    """{name, version, spacy, evaluator}."""
    marks: float
    max_marks: int
    word_count: int
    dimensions: list[DimensionResult]
    concepts: list[ConceptResult]
    facts: list[FactResult]
    structure: StructureResult
    advisories: list[Advisory]
    feedback: Feedback
    arithmetic: Arithmetic
    bonus_keywords: list[str] = field(default_factory=list)
    model_answer: str | None = None
    """The project's model answer for the question, for the UI to reveal on request."""
    wrong_sentences: list[tuple[int, int]] = field(default_factory=list)
    """Character spans ``[start, end)`` of the answer's sentences that state a wrong fact (a
    contradicted fact's value): the feedback quotes none of their words as a strength."""

    @property
    def share(self) -> float:
        """Marks as a share of the maximum."""
        return self.marks / self.max_marks if self.max_marks else 0.0

    def advisory_codes(self) -> list[str]:
        """The codes of the advisories that fired."""
        return [a.code for a in self.advisories]

    def concept(self, concept_id: str) -> ConceptResult:
        """The result for one concept (KeyError if absent)."""
        for concept in self.concepts:
            if concept.id == concept_id:
                return concept
        raise KeyError(concept_id)

    def fact(self, fact_id: str) -> FactResult:
        """The result for one fact (KeyError if absent)."""
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract."""
        data = _plain(self)
        data["share"] = round(self.share, 4)
        return data


def is_misconception(concept: Mapping[str, Any]) -> bool:
    """Whether a concept of a report (as JSON) is a misconception the answer states: it cost
    marks, and is shown as such, never as a point earned. A penalty `rubric tune` learned from
    a tutor's marks is no misconception (see :func:`is_marked_down`)."""
    return _costs(concept) and not concept.get("learned")


def is_marked_down(concept: Mapping[str, Any]) -> bool:
    """Whether a concept of a report (as JSON) is a learned penalty the answer earns: words of
    answers the tutor marked low ('solar', or a low-marked graded answer it repeats). It cost
    marks, but it is not a claim to call wrong: a learned phrase is often true, and answers
    were marked low for what they left out."""
    return _costs(concept) and bool(concept.get("learned"))


def is_point_to_add(concept: Mapping[str, Any]) -> bool:
    """Whether a concept of a report (as JSON), when the answer misses it, is a point to name as
    missing: a point the rubric's author wrote, not a misconception and not one `rubric tune`
    learned from marks (a phrase the marks separated, or a graded answer kept as an example:
    'add solar' teaches keyword insertion, and an example is another student's answer). Learned
    concepts still earn or cost marks, and are listed with their spans when they do."""
    return is_point(concept) and not concept.get("learned")


def learned_only_dimensions(concepts: Iterable[Mapping[str, Any]]) -> set[str]:
    """The ids of the dimensions whose every point `rubric tune` learned from marks (a tuned
    rubric's ``learned-<question>`` phrases, its ``examples-<question>`` graded answers), given
    a report's concepts (as JSON). A face shows what such a dimension earned, never "3/4
    points": the count would name learned phrases the answer lacks as points it missed (trial
    38: "Learned from the tutor's marks 1.72 / 1.72 · 3/4 points")."""
    points: dict[str, bool] = {}
    for concept in concepts:
        if is_point(concept):
            dimension = str(concept.get("dimension"))
            points[dimension] = points.get(dimension, True) and bool(concept.get("learned"))
    return {dimension for dimension, learned in points.items() if learned}


def _costs(concept: Mapping[str, Any]) -> bool:
    return bool(concept.get("penalty")) and float(concept.get("credit") or 0) > 0


def is_point(concept: Mapping[str, Any]) -> bool:
    """Whether a concept of a report (as JSON) is a point to earn (not a misconception)."""
    return not concept.get("penalty")


def _plain(value: Any) -> Any:
    """Dataclasses, lists and dicts as plain JSON-ready values (``dataclasses.asdict`` without
    its deep copies, which cost more than the rest of building an API response)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}

"""The rubric format: pydantic models (declared once, exported as JSON Schema) and the models'
meaning. Loading, resolving and error reporting live in :mod:`evaluator.rubric.loader`.

A rubric is a folder under ``rubrics/`` holding ``rubric.yaml``, the source notes it was derived
from and (optionally) model answers. Every field has a description: it is the documentation that
editors show when they autocomplete against ``mains-eval rubric schema``.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._+-]*$", min_length=1, max_length=80),
]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Weight = Annotated[float, Field(gt=0, le=100)]
CueGroup = Annotated[list[NonEmpty], Field(min_length=1)]
SynonymClass = Annotated[list[NonEmpty], Field(min_length=2)]

Directive = Literal[
    "discuss",
    "critically examine",
    "critically analyse",
    "critically evaluate",
    "comment",
    "examine",
    "analyse",
    "evaluate",
    "elucidate",
    "explain",
    "describe",
    "suggest",
    "highlight",
    "enumerate",
    "state",
    "name",
    "identify",
]
DIRECTIVES: tuple[str, ...] = get_args(Directive)
"""Every directive word a question may use."""
SHORT_DIRECTIVES: tuple[str, ...] = ("state", "name", "identify")
"""Directives of a short question that asks for a fact ("Name the green pigment …", "What are
the two raw materials …"): `rubric derive --reference` sets one only from the question's first
words, as "name", "state" or "the state of" are ordinary words anywhere else."""
ESSAY_DIRECTIVES: tuple[str, ...] = tuple(d for d in DIRECTIVES if d not in SHORT_DIRECTIVES)
"""The directive words derive finds anywhere in a question (and leaves out of its topic
words)."""


class StrictModel(BaseModel):
    """Base: unknown keys are errors, instances are immutable (never edit a loaded rubric), and
    a number must be finite: `.nan` is "a finite number" for every field, not "less than or
    equal to 100" (hostile trial 34: NaN fails every bound, so the bound was named instead)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )


NEGATED_DESCRIPTION = (
    "Cue words this phrasing states in the negative, inside its negation ('push' in "
    "'release it without pushing'): with proportional credit an answer that writes one "
    "of them must deny it too, and one that writes none of them must deny none of the "
    "phrasing's other words, or the polarity factor applies. `rubric derive` writes "
    "them; without them a negative_claim phrasing is compared as a whole."
)
"""The ``negated`` field of a concept and of an alternative phrasing (one text for both)."""


def _check_negated(negated: list[str], cues: list[list[str]]) -> None:
    """Each word a phrasing lists as negated is one of its cue terms."""
    terms = {t.strip().lower() for group in cues for t in group}
    stray = [t for t in negated if t.strip().lower() not in terms]
    if stray:
        raise ValueError(f"negated terms must be cue terms of the same phrasing: {stray}")


class Alternative(StrictModel):
    """Another correct phrasing of a concept (a second reference answer): its own cue groups."""

    cues: list[CueGroup] = Field(
        min_length=1, description="Cue groups of this phrasing, as in the concept's 'cues'."
    )
    echo: list[NonEmpty] = Field(
        default_factory=list,
        description=(
            "Cue terms of this phrasing that merely repeat the question: with proportional "
            "credit they weigh scoring.echo_weight instead of 1."
        ),
    )
    negative_claim: bool = Field(
        False, description="This phrasing is a negative statement ('X is not connected to Y')."
    )
    negated: list[NonEmpty] = Field(default_factory=list, description=NEGATED_DESCRIPTION)

    @model_validator(mode="after")
    def _negated_are_cues(self) -> Alternative:
        _check_negated(self.negated, self.cues)
        return self


LEARNED_NOTE = "Learned from "
"""How the note of a concept `rubric tune` learned from a tutor's marks begins."""
EXAMPLE_TEXT = " The answer: "
"""What precedes a graded answer's text in the note of an exemplar concept `rubric tune` fitted."""
ALSO_CORRECT = " Also correct: "
"""What follows the first reference answer in the note of a concept `rubric derive` drafted from
several; the others follow, joined by :data:`PHRASINGS_JOIN`."""
PHRASINGS_JOIN = " / "


def first_reference(note: str) -> str:
    """The first reference answer of a note `rubric derive` drafted from several (the text
    before :data:`ALSO_CORRECT`); any other note as it is. What a step quotes of a reference
    answer: "Chlorophyll.", not "Chlorophyll. Also correct: The green pigment is …"."""
    head, found, _ = " ".join(note.split()).partition(ALSO_CORRECT.strip())
    return head.strip() if found and head.strip() else note


def learned_dimension_id(question_id: str) -> str:
    """The id of the dimension that holds a question's learned concepts (`rubric tune`)."""
    return f"learned-{question_id}"[:80]


def examples_dimension_id(question_id: str) -> str:
    """The id of the dimension that holds a question's exemplar concepts (`rubric tune`)."""
    return f"examples-{question_id}"[:80]


class Concept(StrictModel):
    """One point an examiner looks for, inside a dimension."""

    id: Slug = Field(description="Unique id across the whole rubric, e.g. 'cepa-2011'.")
    label: NonEmpty = Field(description="Short human label shown in feedback.")
    weight: Weight = Field(1.0, description="Relative importance inside its dimension (> 0).")
    cues: list[CueGroup] = Field(
        min_length=1,
        description=(
            "Cue groups. Every group must match (all-of) for full credit; inside a group any one "
            "alternative is enough (any-of). Terms match on lemmas and lower case, so write the "
            "base form ('exercise' matches 'exercises'). Matching more than half of the groups "
            "in one sentence (or a small window) earns partial credit."
        ),
    )
    aliases: list[NonEmpty] = Field(
        default_factory=list,
        description=(
            "Names of the whole concept (acronyms, expansions, common spellings). Any one alone "
            "covers the concept fully, e.g. 'CEPA' or 'Comprehensive Economic Partnership "
            "Agreement'."
        ),
    )
    note: NonEmpty = Field(
        description=(
            "Source note in the project's own words: what the concept says. Shown to the learner "
            "when the concept is missing."
        )
    )
    source_ref: str | None = Field(
        None, description="Heading of the source notes section this concept comes from."
    )
    negative_claim: bool = Field(
        False,
        description=(
            "The concept is itself a negative statement ('India did not join RCEP', 'India has "
            "not joined the sanctions'): cues inside a negated clause are credited instead of "
            "being reported as negated."
        ),
    )
    negated: list[NonEmpty] = Field(default_factory=list, description=NEGATED_DESCRIPTION)
    credit: Literal["groups", "proportional"] = Field(
        "groups",
        description=(
            "'groups': full credit when every cue group is found together, partial credit for "
            "more than half. 'proportional' (short answers): credit is the weighted share of the "
            "cue groups found anywhere in the answer, each group weighing 1 (echo terms "
            "scoring.echo_weight), scaled down when the answer's polarity differs from the "
            "phrasing's and for words that belong to neither the question nor the rubric (the "
            "points only other questions count are not its words); the best of the concept's "
            "phrasings (its cues and its alternatives) counts."
        ),
    )
    echo: list[NonEmpty] = Field(
        default_factory=list,
        description=(
            "Cue terms that merely repeat the question (answers echo it): with proportional "
            "credit they weigh scoring.echo_weight instead of 1."
        ),
    )
    alternatives: list[Alternative] = Field(
        default_factory=list,
        description=(
            "Other correct phrasings of the concept (e.g. a second reference answer), each with "
            "its own cue groups; with proportional credit the best phrasing counts."
        ),
    )
    penalty: bool = Field(
        False,
        description=(
            "The concept is a misconception or a phrase of wrong answers: the credit it earns is "
            "subtracted (times its weight) from what the answer earns in its dimension, never "
            "below zero, and it does not count toward the dimension's possible weight. "
            "`rubric tune` writes these when it learns them from a tutor's marks."
        ),
    )
    denial: bool = Field(
        False,
        description=(
            "The concept is the answer denying its cues ('not connected', 'no gap'): only cues "
            "inside a negated clause are credited, and an answer that asserts them earns nothing "
            "from it. `rubric tune` writes these for denials the tutor's marks reward or "
            "penalise (label 'not ...'). Not with negative_claim or proportional credit."
        ),
    )

    exemplar: bool = Field(
        False,
        description=(
            "The concept is a graded answer `rubric tune` keeps as an example (its note gives "
            "the tutor's mark and the answer): with proportional credit, an answer is credited "
            "for how much of its content words it repeats. Its words are not the rubric's "
            "vocabulary (they do not count as known words for another point's extra-word "
            "penalty), and it is never suggested to the learner."
        ),
    )
    needs_first_group: bool = Field(
        False,
        description=(
            "The first cue group names the point itself ('2+2' for the 2+2 as a platform for "
            "agreements, 'infrastructure' for weak infrastructure): partial credit, and a "
            "denial, need it among the groups found, so the other groups alone ('the ACSA "
            "agreement', 'investment bottlenecks') earn nothing. For credit: groups concepts "
            "of three or more groups."
        ),
    )
    window: int | None = Field(
        None,
        ge=1,
        le=5,
        description=(
            "Consecutive sentences within which this concept's cue groups must be found, "
            "instead of scoring.window_sentences: 1 for a point whose words are common in "
            "other points, so one sentence must make it ('repairs' under the logistics pact and "
            "'warships' in the next sentence are no ship maintenance). For credit: groups "
            "concepts."
        ),
    )

    @property
    def learned(self) -> bool:
        """Whether `rubric tune` wrote it from a tutor's marks (its note says so): a phrase that
        separated the marks, not a point an examiner wrote down."""
        return self.note.startswith(LEARNED_NOTE)

    @property
    def shared_note(self) -> str:
        """The note as reports show it: an exemplar's without the graded answer's text. The
        answer is another student's; it stays in the rubric for the tutor who tuned it, and
        never reaches a learner's report ("Learned from a graded answer marked 0 of 4: …
        costs up to 1.2 marks …", without "The answer: …")."""
        if not self.exemplar:
            return self.note
        head, found, _ = self.note.partition(EXAMPLE_TEXT)
        return head if found else self.note.partition(": ")[0]

    @model_validator(mode="after")
    def _denial_is_plain(self) -> Concept:
        if self.denial and self.negative_claim:
            raise ValueError("a concept is either a denial or a negative_claim, not both")
        if self.denial and self.credit == "proportional":
            raise ValueError("denial applies to credit: groups concepts only")
        if self.exemplar and self.credit != "proportional":
            raise ValueError("exemplar applies to credit: proportional concepts only")
        if self.needs_first_group and (self.credit != "groups" or len(self.cues) < 3):
            raise ValueError(
                "needs_first_group applies to credit: groups concepts of three or more cue groups"
            )
        if self.window is not None and self.credit != "groups":
            raise ValueError("window applies to credit: groups concepts only")
        if self.negated and self.credit != "proportional":
            raise ValueError("negated applies to credit: proportional concepts only")
        _check_negated(self.negated, self.cues)
        return self


class Dimension(StrictModel):
    """A dimension of the answer (strategic, economic, challenges...) grouping concepts."""

    id: Slug = Field(description="Unique dimension id, referenced by questions.")
    label: NonEmpty = Field(description="Human label shown in the per-dimension bars.")
    description: str = Field("", description="What this dimension covers, for rubric authors.")
    kind: Literal["content", "challenges", "way_forward"] = Field(
        "content",
        description=(
            "Role of the dimension for directive fit: 'challenges' is the critical side a "
            "'critically examine' answer needs; 'way_forward' is what 'suggest' asks for."
        ),
    )
    weight: Weight = Field(1.0, description="Default weight of the dimension in a question (> 0).")
    expected: float | None = Field(
        None,
        gt=0,
        description=(
            "Concept weight an answer needs in this dimension to earn the dimension in full. "
            "Defaults to scoring.saturation times the dimension's total concept weight, because no "
            "answer within the word limit covers every concept."
        ),
    )
    concepts: list[Concept] = Field(min_length=1, description="The concepts of this dimension.")


FactKind = Literal["year", "number", "money", "percent", "ordinal", "name"]


class ExpectedValue(StrictModel):
    """The value a fact's claim should carry, typed so that spellings can be compared."""

    kind: FactKind = Field(
        description=(
            "year (2011), number (30, with optional unit), money (75 with scale 'billion' and "
            "currency 'USD'), percent (30), ordinal (2 for 'second'), or name (a proper name)."
        )
    )
    value: float | int | str = Field(
        description="The expected value: a number for numeric kinds, the canonical name for names."
    )
    scale: Literal["thousand", "million", "billion", "trillion", "crore", "lakh"] | None = Field(
        None, description="Scale of a money or number value ('billion' in '$75 billion')."
    )
    currency: str | None = Field(None, description="Currency code for money, e.g. 'USD'.")
    unit: str | None = Field(None, description="Unit for a number (e.g. 'aircraft').")
    alternatives: list[NonEmpty] = Field(
        default_factory=list,
        description="Other accepted spellings of a name (kind: name only).",
    )
    also: list[float] = Field(
        default_factory=list,
        description=(
            "Numeric kinds: other values the notes give for the same cue, which an answer may "
            "write of it without contradicting the fact (neither supported nor wrong): the year "
            "of a successor of the same name, as 2025 of the Joint Declaration on Security "
            "Cooperation that replaced the 2008 one."
        ),
    )
    contrary: list[NonEmpty] = Field(
        default_factory=list,
        description=(
            "Name only: descriptions that contradict the fact when the answer gives them to a "
            "cue in so many words, as its apposition or what a copula says of it ('army' for "
            "'JIMEX is an army exercise'; not when negated, reported, supposed or asked)."
        ),
    )
    tolerance: float = Field(
        0.0,
        ge=0,
        description=(
            "Accepted absolute difference for numeric kinds (years: 0 means exact; money is "
            "compared after applying the scale)."
        ),
    )
    display: str | None = Field(
        None, description="How to write the value in feedback; defaults to a formatted value."
    )
    superlative: bool = Field(
        False,
        description=(
            "Ordinal only: a superlative with no ordinal beside it ('the largest source', "
            '"India\'s biggest investor") states first place, so it supports a value of 1 and '
            "contradicts any other (not 'the fifth-largest', 'one of the largest', 'the top five')."
        ),
    )

    @model_validator(mode="after")
    def _superlative_is_ordinal(self) -> ExpectedValue:
        if self.superlative and self.kind != "ordinal":
            raise ValueError("superlative applies to ordinal facts only")
        if (self.contrary or self.alternatives) and self.kind != "name":
            raise ValueError("alternatives and contrary apply to name facts only")
        if self.also and self.kind == "name":
            raise ValueError("also applies to numeric facts (a name fact has alternatives)")
        return self


class Fact(StrictModel):
    """A checkable claim (date, figure, ordinal, name) belonging to a concept."""

    id: Slug = Field(description="Unique fact id.")
    concept: Slug = Field(description="Id of the concept this fact belongs to.")
    claim: NonEmpty = Field(description="The claim in the project's words, for feedback.")
    cues: list[NonEmpty] = Field(
        min_length=1,
        description=(
            "Any-of terms that signal the claim is being made; values are looked for near them "
            "(same sentence, within the window). An ordinal fact's cue dated to a year its claim "
            "does not name ('the 2006 annual summit') speaks of another event and is not checked."
        ),
    )
    expected: ExpectedValue = Field(description="The value the source notes give.")
    window: int = Field(
        15, ge=1, le=80, description="How many tokens either side of a cue to look for a value."
    )


class QuestionDimension(StrictModel):
    """A dimension counted by a question, with its weight for that question."""

    id: Slug = Field(description="Id of a dimension of this rubric.")
    weight: Weight = Field(1.0, description="Weight of the dimension for this question (> 0).")
    concepts: list[Slug] = Field(
        default_factory=list,
        description=(
            "Only these concepts of the dimension count for this question (their ids), when "
            "only some of a shared dimension's points belong in its answer; empty: all of them. "
            "The dimension's misconceptions (penalty concepts) count whether listed or not."
        ),
    )


class QuestionPart(StrictModel):
    """A part the question names and an answer must take up ("the Quad" of "the Indo-Pacific and
    the Quad", "a way forward" of "suggest a way forward")."""

    label: NonEmpty = Field(
        description="The part as the learner is told it is missing ('the Quad', 'a way forward')."
    )
    named_by: list[NonEmpty] = Field(
        min_length=1,
        description=(
            "Words or phrases that take the part up (any one, any case, a hyphen read as a "
            "space): the answer must write one in a sentence of its own, not in a sentence that "
            "only restates the question."
        ),
    )
    dimension: Slug | None = Field(
        None,
        description=(
            "A dimension of the question whose points also take the part up: the part is "
            "answered when the dimension scores at least the `missing_part` advisory's "
            "`min_dimension_score`, whatever words the answer uses."
        ),
    )


class Question(StrictModel):
    """A question of the bank."""

    id: Slug = Field(description="Unique question id, used on the command line and in URLs.")
    text: NonEmpty = Field(description="The question as the aspirant sees it.")
    directive: Directive = Field(
        description="The directive word that sets what the answer must do."
    )
    extra_directives: list[Directive] = Field(
        default_factory=list,
        description="Further directives in the same question (e.g. 'suggest' a way forward).",
    )
    max_marks: int = Field(
        gt=0, le=250, description="Maximum marks (10 for 150 words, 15 for 250)."
    )
    word_limit: int = Field(gt=0, le=5000, description="Word limit of the answer.")
    source: str | None = Field(
        None, description="Where the question comes from (e.g. 'UPSC 2019')."
    )
    dimensions: list[QuestionDimension] = Field(
        min_length=1, description="The dimensions that count for this question and their weights."
    )
    kind: Literal["mains", "short"] = Field(
        "mains",
        description=(
            "'mains': a Mains answer (structure, relevance, breadth, word budget and the UPSC "
            "curve all count). 'short': a short answer graded on content only: marks = "
            "max_marks x weighted concept credit, no structure or relevance credit, no curve, "
            "no too_short cap (over_limit is still reported)."
        ),
    )
    model_answer: str | None = Field(
        None,
        description="Path (relative to the rubric folder) of a model answer the project wrote.",
    )
    source_notes: str | None = Field(
        None,
        description=(
            "Path (relative to the rubric folder) of this question's own source notes, as "
            "`rubric merge` writes for each question of a test: the question is then graded as "
            "a rubric of its own (its dimensions and their facts, these notes, its model answer; "
            "not the rubric's title, description or other questions' points and notes)."
        ),
    )
    intercept: float | None = Field(
        None,
        ge=-250,
        le=250,
        description=(
            "When set, marks are linear in the concepts: marks = intercept + the sum of each "
            "concept's weight (in marks) times its credit, a penalty concept's subtracted, "
            "clipped to [0, max_marks] (no dimension saturation, structure, relevance or mark "
            "curve), then the advisories' caps. `rubric tune` writes it with the weights it "
            "fits, for a short answer or a Mains question whose tutor marks point by point. A "
            "linear Mains question keeps its gaming advisories (keyword_stuffing as well as "
            "off_topic and copied_source); its length is left to the tutor's marks (no "
            "too_short cap)."
        ),
    )

    parts: list[QuestionPart] = Field(
        default_factory=list,
        description=(
            "Parts the question names that an answer must take up. An essay-marked answer that "
            "takes up none of a part's words (nor, with `dimension`, its points) is capped (the "
            "`missing_part` advisory): an examiner holds an answer that leaves out a named half "
            "of the question to about half marks, however well it answers the rest."
        ),
    )

    rounding: float | None = Field(
        None,
        gt=0,
        le=1,
        description=(
            "This question's marks are rounded to this step instead of `scoring.rounding`. "
            "`rubric tune` writes it for a question of a test that tuning made no better, which "
            "it keeps as it was, when the tuned rubric rounds the other questions to the "
            "tutor's step."
        ),
    )
    cut_points: list[Annotated[float, Field(ge=0, le=250)]] | None = Field(
        None,
        min_length=1,
        max_length=100,
        description=(
            "Linear questions only (with intercept): thresholds, ascending, that turn the "
            "marks the concepts sum to into the tutor's steps: with n cut points an answer earns "
            "max_marks / n for every cut point its marks reach (3 cut points on 3 marks: 0, 1, "
            "2 or 3). `rubric tune` writes them for a tutor who marks on a scale, fitted so the "
            "tuned marks agree best with the tutor's on answers left out of the fit."
        ),
    )

    @property
    def length_counts(self) -> bool:
        """Whether an answer's length is judged against the word limit (the too_short cap and
        the advice to write more): for a Mains essay. A short answer states its point in few
        words (content credit alone measures completeness), and a linear question's marks follow
        the tutor's, who showed how much length counts (`rubric tune` fitted them)."""
        return self.essay_marked

    @property
    def essay_marked(self) -> bool:
        """Whether the essay arithmetic marks an answer (structure, directive fit, length): not
        a short answer, nor a question `rubric tune` fitted linearly."""
        return self.kind != "short" and self.intercept is None

    @model_validator(mode="after")
    def _parts_name_own_dimensions(self) -> Question:
        own = {d.id for d in self.dimensions}
        for part in self.parts:
            if part.dimension is not None and part.dimension not in own:
                raise ValueError(
                    f"part '{part.label}': dimension '{part.dimension}' is not one of the "
                    "question's dimensions"
                )
        return self

    @model_validator(mode="after")
    def _cut_points_are_linear(self) -> Question:
        if self.cut_points is not None:
            if self.intercept is None:
                raise ValueError("cut_points apply to linear questions (with intercept)")
            if any(b < a for a, b in zip(self.cut_points, self.cut_points[1:], strict=False)):
                raise ValueError("cut_points must be in ascending order")
            if self.cut_points[-1] > self.max_marks:
                raise ValueError("cut_points must lie between 0 and max_marks")
        return self


class StructureExpectations(StrictModel):
    """What the answer's shape should look like."""

    introduction: bool = Field(True, description="Expect an introduction giving context.")
    conclusion: bool = Field(True, description="Expect a conclusion (summary or way forward).")
    points_or_headings: bool = Field(
        True, description="Expect the body under sub-headings or points rather than one block."
    )
    min_paragraphs: int = Field(3, ge=1, le=20, description="Paragraphs (or points) expected.")


class ScoringSettings(StrictModel):
    """How coverage becomes marks. Defaults are calibrated for UPSC Mains; see docs/scoring.md."""

    saturation: float = Field(
        0.35,
        gt=0,
        le=1,
        description=(
            "Share of a dimension's concept weight that earns the dimension in full (an answer "
            "within the word limit cannot cover every concept)."
        ),
    )
    partial_credit: float = Field(
        0.5, ge=0, le=1, description="Credit for a concept whose cue groups match only in part."
    )
    content_share: float = Field(
        0.60, ge=0, le=1, description="Share of the raw score from weighted content coverage."
    )
    breadth_share: float = Field(
        0.10,
        ge=0,
        le=1,
        description="Share of the raw score from breadth: how many of the dimensions are touched.",
    )
    structure_share: float = Field(
        0.15, ge=0, le=1, description="Share of the raw score from structure and directive fit."
    )
    relevance_share: float = Field(
        0.15,
        ge=0,
        le=1,
        description=(
            "Share of the raw score from topic relevance: how much of the answer's content "
            "vocabulary belongs to the topic (a fluent on-topic answer without specifics earns "
            "10-25% from an examiner; an answer on another subject earns nothing)."
        ),
    )
    breadth_threshold: float = Field(
        0.25,
        ge=0,
        le=1,
        description="A dimension counts as touched for breadth once its score reaches this share.",
    )
    ceiling: float = Field(
        0.72,
        gt=0,
        le=1,
        description=(
            "Share of the maximum marks a perfect raw score maps to. UPSC marking is harsh: "
            "toppers score 60-70%."
        ),
    )
    curve: float = Field(
        0.9,
        gt=0,
        le=4,
        description=(
            "Exponent applied to the raw score before the ceiling. Below 1 an answer that covers "
            "half of what a full one does earns more than half its marks, as human markers give; "
            "above 1 thin answers score lower while strong ones barely move."
        ),
    )
    rounding: float = Field(0.5, gt=0, le=1, description="Marks are rounded to this step.")
    bonus_per_keyword: float = Field(
        0.01, ge=0, le=0.1, description="Raw-score bonus per distinct bonus keyword used."
    )
    bonus_cap: float = Field(
        0.04, ge=0, le=0.2, description="Largest raw-score bonus bonus keywords can add in total."
    )
    echo_weight: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Weight of a proportional concept's echo terms (words of the question).",
    )
    synonym_credit: float = Field(
        0.8,
        ge=0,
        le=1,
        description=(
            "In a proportional concept, a cue group found through one of its other terms (the "
            "synonyms derive adds after the reference's word) earns this share of its weight."
        ),
    )
    polarity_factor: float = Field(
        0.6,
        ge=0,
        le=1,
        description=(
            "Proportional credit is multiplied by this when the answer's polarity differs from "
            "the phrasing's, word by word inside negations' scopes (see 'negated')."
        ),
    )
    reversal_factor: float = Field(
        0.0,
        ge=0,
        le=1,
        description=(
            "Proportional credit is multiplied by this, instead of the polarity factor, when "
            "the answer denies what the phrasing affirms in the rubric's own words ('Plants do "
            "not need carbon dioxide or water' against 'Plants need carbon dioxide and "
            "water'), or asserts what it denies, for most of the words it finds."
        ),
    )
    extra_word_penalty: float = Field(
        0.05,
        ge=0,
        le=1,
        description=(
            "Proportional credit is divided by (1 + this x the number of the answer's content "
            "words found in neither the question nor the rubric). Per question: the points "
            "only other questions count are not its words."
        ),
    )
    window_sentences: int = Field(
        2,
        ge=1,
        le=5,
        description="Cue groups of a concept may co-occur within this many consecutive sentences.",
    )
    require_substance: bool = Field(
        False,
        description=(
            "A covered concept earns full credit only if one of its sentences says something "
            "about it beyond its own name and the question's words (a number, another rubric "
            "term, or a few content words of its own); a bare name or a restated question earns "
            "partial credit."
        ),
    )


class Rubric(StrictModel):
    """A topic rubric: dimensions of concepts, checkable facts, a question bank."""

    schema_: str | None = Field(
        None,
        alias="$schema",
        description="Optional path or URL of the JSON Schema, for editors.",
    )
    id: Slug = Field(description="Rubric id, used with --rubric (e.g. 'india-japan').")
    title: NonEmpty = Field(description="Human title of the topic.")
    version: NonEmpty = Field(
        description="Rubric version; recorded in every report so marks are reproducible."
    )
    language: Literal["en"] = Field("en", description="Language of answers (English only for now).")
    description: str = Field("", description="What the rubric covers.")
    source_notes: NonEmpty = Field(
        description="File (relative to the rubric folder) holding the source notes."
    )
    subject_terms: list[NonEmpty] = Field(
        default_factory=list,
        description=(
            "Names of the topic's subject (e.g. ['Japan', 'Japanese', 'Tokyo']): an answer that "
            "names none of them but names other places or people is about another subject and "
            "earns no relevance credit, however much general vocabulary it shares with the "
            "topic; the off_topic advisory counts the same names. Empty: the names in the title "
            "and their synonym classes that the source notes use, and write as names "
            "(capitalised inside a sentence; 'Cooperative' of \"Cooperative federalism\" is "
            "none), on their own and never in the plural ('State' of \"Inter-State river water "
            'disputes" is none: the notes write "States"). A title with no such name (a '
            "topic, not a country or body) leaves the check to the vocabulary and the points; "
            "declare `subject_terms` if an answer must name something."
        ),
    )
    source_fingerprint: str | None = Field(
        None,
        description=(
            "File (relative to the rubric folder) holding the fingerprint of the document the "
            "rubric was written from: hashed 8-word runs, nothing readable. Written by `rubric "
            "derive` and `rubric fingerprint`; copied_source compares answers with it as well as "
            "with the source notes."
        ),
    )
    synonyms: list[SynonymClass] = Field(
        default_factory=list,
        description=(
            "Equivalence classes applied to every cue: writing any member matches a cue naming "
            "another, e.g. ['Japan', 'Japanese', 'Tokyo']."
        ),
    )
    bonus_keywords: list[NonEmpty] = Field(
        default_factory=list,
        description="Terms that earn a small capped bonus (see scoring.bonus_per_keyword).",
    )
    structure: StructureExpectations = Field(
        default_factory=StructureExpectations,
        description="Structure expectations for the answers.",
    )
    scoring: ScoringSettings = Field(
        default_factory=ScoringSettings,
        description="How coverage becomes marks.",
    )
    dimensions: list[Dimension] = Field(min_length=1, description="The rubric's dimensions.")
    facts: list[Fact] = Field(default_factory=list, description="Checkable facts.")
    questions: list[Question] = Field(min_length=1, description="The question bank.")

    # --- lookups -------------------------------------------------------------------------

    def step_of(self, question: Question) -> float:
        """The step a question's marks are rounded to: its own ``rounding``, else the rubric's."""
        return question.rounding if question.rounding is not None else self.scoring.rounding

    def question(self, question_id: str) -> Question:
        """The question with this id; raises QuestionNotFoundError listing the ids that exist."""
        from evaluator.errors import QuestionNotFoundError

        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise QuestionNotFoundError(
            f"rubric {self.id!r} has no question {question_id!r}; questions: {known}"
        )

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id (KeyError if absent)."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def concepts(self) -> list[tuple[Dimension, Concept]]:
        """Every concept with its dimension, in rubric order."""
        return [(d, c) for d in self.dimensions for c in d.concepts]

    def counted(self, question: Question, dimension_id: str) -> list[Concept]:
        """The concepts of one of a question's dimensions that count for it, in rubric order:
        all of them, or those its ``concepts`` lists and the dimension's misconceptions."""
        dimension = self.dimension(dimension_id)
        listed = next((q.concepts for q in question.dimensions if q.id == dimension_id), [])
        if not listed:
            return list(dimension.concepts)
        kept = set(listed)
        return [c for c in dimension.concepts if c.id in kept or c.penalty]

    def left_out(self, question: Question) -> frozenset[str]:
        """Ids of the points of a question's dimensions that its ``concepts`` lists leave out:
        they earn this question nothing and are not suggested to its answers (misconceptions
        are never left out)."""
        out: set[str] = set()
        for qdim in question.dimensions:
            if qdim.concepts:
                kept = {c.id for c in self.counted(question, qdim.id)}
                out.update(c.id for c in self.dimension(qdim.id).concepts if c.id not in kept)
        return frozenset(out)

    def not_reported(self, question: Question) -> frozenset[str]:
        """Ids of the concepts that are no part of a question's report: those its ``concepts``
        lists leave out (:meth:`left_out`) and, for a short question (``kind: short``), every
        concept of a dimension it does not count. A short answer's report holds its own points
        only: in a test of several short questions merged into one rubric an answer to one
        question had been credited with another's points (session 43). A Mains question's
        report keeps the other dimensions' points: what an answer earns there feeds its
        feedback."""
        out = set(self.left_out(question))
        if question.kind == "short":
            counted = {d.id for d in question.dimensions}
            out.update(c.id for d in self.dimensions if d.id not in counted for c in d.concepts)
        return frozenset(out)

    def expected_weight(self, question: Question, dimension_id: str) -> float | None:
        """The dimension's ``expected`` weight for this question: scaled by the share of its
        points' weight the question keeps when it leaves some out (None when not set)."""
        dimension = self.dimension(dimension_id)
        if not dimension.expected:
            return None
        total = sum(c.weight for c in dimension.concepts if not c.penalty)
        kept = sum(c.weight for c in self.counted(question, dimension_id) if not c.penalty)
        return dimension.expected * kept / total if 0 < kept < total else dimension.expected

    def facts_for(self, concept_id: str) -> list[Fact]:
        """The facts that belong to a concept."""
        return [f for f in self.facts if f.concept == concept_id]


def rubric_json_schema() -> dict[str, object]:
    """The JSON Schema of the rubric format, for editors and `mains-eval rubric schema`."""
    schema = Rubric.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Mains Answer Evaluator rubric"
    return schema

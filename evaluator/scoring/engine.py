"""Findings -> marks, with the arithmetic kept for the report (see docs/scoring.md).

``evaluate`` is the one entry point the CLI, batch grading and the web app share::

    report = evaluate(answer_text, "india-japan", "2plus2-significance")
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.errors import InputError
from evaluator.nlp.docview import view
from evaluator.nlp.pipeline import get_nlp, pipeline_info
from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.rubric.model import Concept, Question, Rubric
from evaluator.scoring.checks.advisories import AdvisoryContext, detect_advisories
from evaluator.scoring.checks.facts import check_facts
from evaluator.scoring.checks.matching import (
    ConceptMatch,
    bonus_keywords_used,
    compile_rubric,
    concept_coverage,
    fact_cue_spans,
    find_terms,
    group_by_term,
    touched_concepts,
)
from evaluator.scoring.checks.negation import denied_negatives, negation_scopes
from evaluator.scoring.checks.relevance import relevance, topic_lemmas
from evaluator.scoring.checks.structure import analyse_structure, count_words
from evaluator.scoring.marks import compute_marks
from evaluator.scoring.report import (
    Advisory,
    ConceptResult,
    DimensionResult,
    Evidence,
    FactResult,
    Feedback,
    Report,
    StructureResult,
)

MAX_ANSWER_CHARS = 100_000
"""Longest answer accepted (about 15,000 words, far past any word limit)."""

RubricRef = LoadedRubric | str | os.PathLike[str]


def evaluate(
    answer: str,
    rubric: RubricRef,
    question_id: str,
    *,
    nlp: Language | None = None,
) -> Report:
    """Grade one answer against a rubric question. Deterministic for a given rubric and pipeline.

    Raises InputError for text that is not gradable at all (not a string, NUL bytes, too long),
    RubricError / QuestionNotFoundError for a bad rubric or question id. Empty or non-English
    answers are graded (zero) and carry an advisory rather than raising.
    """
    loaded = rubric if isinstance(rubric, LoadedRubric) else load_rubric(rubric)
    question = loaded.rubric.question(question_id)
    text = validate_answer_text(answer)
    nlp = nlp or get_nlp()
    return evaluate_doc(nlp(text), loaded, question, nlp=nlp)


def evaluate_many(
    answers: Iterable[str],
    rubric: RubricRef,
    question_id: str,
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
) -> Iterator[Report]:
    """Grade many answers to one question through ``nlp.pipe`` (same results as ``evaluate``)."""
    loaded = rubric if isinstance(rubric, LoadedRubric) else load_rubric(rubric)
    question = loaded.rubric.question(question_id)
    nlp = nlp or get_nlp()
    texts = (validate_answer_text(a) for a in answers)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield evaluate_doc(doc, loaded, question, nlp=nlp)


def validate_answer_text(answer: object) -> str:
    """The answer as text fit for the pipeline, or InputError with a clear message."""
    if not isinstance(answer, str):
        raise InputError(f"an answer must be text, not {type(answer).__name__}")
    if "\x00" in answer:
        raise InputError("the answer contains NUL bytes: it looks like a binary file, not text")
    if len(answer) > MAX_ANSWER_CHARS:
        raise InputError(
            f"the answer is {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}",
            hint="a Mains answer is 150-250 words; submit one answer at a time",
        )
    return answer.replace("\r\n", "\n").replace("\r", "\n")


def evaluate_doc(
    doc: Doc,
    loaded: LoadedRubric,
    question: Question,
    *,
    nlp: Language | None = None,
) -> Report:
    """Grade an already parsed answer."""
    nlp = nlp or get_nlp()
    compiled = compile_rubric(loaded, nlp)
    rubric = loaded.rubric
    settings = rubric.scoring
    # one token view shared by every check; its text is the answer (Doc.text rebuilds it slowly)
    text = view(doc).source
    word_count = count_words(text)

    negated = negation_scopes(doc)
    denied = denied_negatives(doc, negated)
    matches = find_terms(doc, compiled, negated)
    by_term = group_by_term(matches)

    facts = check_facts(doc, rubric.facts, fact_cue_spans(compiled, by_term))
    contradicted = {f.concept: f for f in facts if f.status == "contradicted"}

    touched = touched_concepts(compiled, by_term)
    concepts = []
    for dimension, concept in rubric.concepts():
        if concept.id not in touched:
            concepts.append(compiled.missing_result(dimension.id, concept, 0))
            continue
        found = concept_coverage(
            concept, compiled, by_term, settings.window_sentences, denied=denied
        )
        if found.status == "missing":  # no evidence, and nothing to contradict
            concepts.append(compiled.missing_result(dimension.id, concept, found.groups_matched))
            continue
        concepts.append(
            _concept_result(
                doc,
                dimension.id,
                concept,
                found,
                contradicted.get(concept.id),
                settings.partial_credit,
            )
        )
    dimension_scores, dimensions = _dimension_results(rubric, question, concepts)

    structure = analyse_structure(
        doc,
        text,
        question=question,
        rubric=rubric,
        dimension_scores=dimension_scores,
        word_count=word_count,
    )
    bonus = bonus_keywords_used(compiled, by_term)
    advisories = detect_advisories(
        AdvisoryContext(
            text=text,
            doc=doc,
            word_count=word_count,
            question=question,
            loaded=loaded,
            compiled=compiled,
            matches=matches,
            concepts=concepts,
            structure=structure,
        )
    )
    on_topic = relevance(doc, topic_lemmas(loaded, nlp), word_count, question.word_limit)
    arithmetic, marks = compute_marks(
        rubric,
        question,
        dimension_scores,
        structure.score,
        len(bonus),
        advisories,
        relevance=on_topic.score,
    )
    relevant = {d.id for d in dimensions}
    dimension_of = {c.id: c.dimension for c in concepts}
    return Report(
        rubric={"id": rubric.id, "version": rubric.version, "title": rubric.title},
        question={
            "id": question.id,
            "text": question.text,
            "directive": question.directive,
            "max_marks": question.max_marks,
            "word_limit": question.word_limit,
        },
        pipeline=dict(pipeline_info()),
        marks=marks,
        max_marks=question.max_marks,
        word_count=word_count,
        dimensions=dimensions,
        concepts=concepts,
        facts=facts,
        structure=structure,
        advisories=advisories,
        feedback=build_feedback(
            [c for c in concepts if c.dimension in relevant],
            dimensions,
            [f for f in facts if dimension_of.get(f.concept) in relevant],
            structure,
            advisories,
            penalties=frozenset(c.id for _, c in rubric.concepts() if c.penalty),
        ),
        arithmetic=arithmetic,
        bonus_keywords=bonus,
        model_answer=loaded.model_answers.get(question.id),
    )


# --- concepts and dimensions -----------------------------------------------------------------


def _concept_result(
    doc: Doc,
    dimension_id: str,
    concept: Concept,
    found: ConceptMatch,
    contradiction: FactResult | None,
    partial_credit: float,
) -> ConceptResult:
    status = found.status
    if status == "missing":
        credit, reason = 0.0, "not found in the answer"
    elif status == "covered":
        credit = 1.0
        reason = "named directly" if found.via_alias else "all cue groups found together"
    elif status == "partial":
        credit = partial_credit
        reason = f"{found.groups_matched} of {found.groups_total} cue groups found together"
    else:
        credit, reason = 0.0, f"mentioned only in a negated claim ('{found.negation_cue}')"
    if contradiction is not None and status in ("covered", "partial"):
        status, credit = "contradicted", 0.0
        reason = contradiction.message or f"a fact of it is contradicted ({contradiction.id})"
    evidence = [_evidence(doc, m.start, m.end) for m in found.evidence]
    return ConceptResult(
        id=concept.id,
        label=concept.label,
        dimension=dimension_id,
        status=status,  # type: ignore[arg-type]
        credit=credit,
        weight=concept.weight,
        evidence=evidence,
        matched=[e.text for e in evidence],
        groups_matched=found.groups_matched,
        groups_total=found.groups_total,
        source_note=concept.note,
        reason=reason,
    )


def _evidence(doc: Doc, start: int, end: int) -> Evidence:
    tokens = view(doc)
    first, last = tokens.char_span(start, end)
    return Evidence(first, last, tokens.source[first:last])


def _dimension_results(
    rubric: Rubric, question: Question, concepts: list[ConceptResult]
) -> tuple[dict[str, float], list[DimensionResult]]:
    by_dimension: dict[str, list[ConceptResult]] = {}
    for concept in concepts:
        by_dimension.setdefault(concept.dimension, []).append(concept)
    total_weight = sum(q.weight for q in question.dimensions)
    scores: dict[str, float] = {}
    results = []
    for qdim in question.dimensions:
        dimension = rubric.dimension(qdim.id)
        members = by_dimension.get(dimension.id, [])
        penalties = {c.id for c in dimension.concepts if c.penalty}
        earned = sum(c.weight * c.credit * (-1 if c.id in penalties else 1) for c in members)
        possible = sum(c.weight for c in members if c.id not in penalties)
        expected = dimension.expected or rubric.scoring.saturation * possible
        score = min(1.0, max(0.0, earned / expected)) if expected > 0 else 0.0
        scores[dimension.id] = score
        share = question.max_marks * qdim.weight / total_weight
        results.append(
            DimensionResult(
                id=dimension.id,
                label=dimension.label,
                marks=round(score * share, 2),
                max=round(share, 2),
                score=round(score, 4),
                weight=qdim.weight,
                concepts_covered=sum(1 for c in members if c.credit > 0 and c.id not in penalties),
                concepts_total=len(members) - len(penalties),
            )
        )
    return scores, results


# --- feedback ------------------------------------------------------------------------------------


def build_feedback(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    structure: StructureResult,
    advisories: list[Advisory],
    *,
    missing_per_dimension: int = 2,
    max_missing: int = 8,
    penalties: frozenset[str] = frozenset(),
) -> Feedback:
    """Strengths and improvement points a learner can act on, most valuable first.

    Concepts in ``penalties`` (misconceptions) are never suggested; when one earns credit the
    learner is told it cost marks.
    """
    strengths: list[str] = []
    improvements: list[str] = []
    for concept in concepts:
        if concept.id in penalties and concept.credit > 0:
            improvements.append(
                f"'{concept.label}' is a misconception and cost marks: {concept.source_note}"
            )
    concepts = [c for c in concepts if c.id not in penalties]
    labels = {d.id: d.label for d in dimensions}
    for dimension in dimensions:
        covered = [c.label for c in concepts if c.dimension == dimension.id and c.credit >= 1.0]
        if dimension.score >= 0.6 and covered:
            strengths.append(f"{dimension.label}: well covered ({', '.join(covered[:4])}).")
    for fact in facts:
        if fact.status == "supported":
            strengths.append(f"Accurate fact: {fact.claim}")
    for fact in facts:
        if fact.status == "contradicted":
            improvements.append(f"Check your facts: {fact.message or fact.claim}")
    for concept in concepts:
        if concept.status == "negated":
            improvements.append(
                f"You deny '{concept.label}' ({concept.reason}); the source notes say: "
                f"{concept.source_note}"
            )
    suggestions = 0
    for dimension in sorted(dimensions, key=lambda d: (d.score, d.id)):
        if dimension.score >= 1.0 or suggestions >= max_missing:
            continue
        missing = sorted(
            (c for c in concepts if c.dimension == dimension.id and c.status == "missing"),
            key=lambda c: (-c.weight, c.id),
        )[:missing_per_dimension]
        for concept in missing[: max_missing - suggestions]:
            suggestions += 1
            improvements.append(
                f"{labels[dimension.id]}: add {concept.label}. {concept.source_note}"
            )
        partial = [c for c in concepts if c.dimension == dimension.id and c.status == "partial"]
        for concept in partial[:1]:
            improvements.append(f"Develop {concept.label} further: {concept.source_note}")
    improvements.extend(structure.feedback)
    improvements.extend(a.message for a in advisories)
    return Feedback(strengths=strengths, improvements=improvements)

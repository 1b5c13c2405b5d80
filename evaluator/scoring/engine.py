"""Findings -> marks, with the arithmetic kept for the report (see docs/scoring.md).

``evaluate`` is the one entry point the CLI, batch grading and the web app share::

    report = evaluate(answer_text, "india-japan", "2plus2-significance")
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.errors import InputError
from evaluator.nlp.docview import DocView, view
from evaluator.nlp.lexicon import stem_form
from evaluator.nlp.pipeline import get_nlp, pipeline_cache_key, pipeline_info
from evaluator.resources import read_cached_json, write_cached_json
from evaluator.rubric.loader import LoadedRubric, load_rubric, question_view
from evaluator.rubric.model import Concept, Question, Rubric
from evaluator.scoring.checks.advisories import AdvisoryContext, detect_advisories
from evaluator.scoring.checks.fact_names import denials_borne_out
from evaluator.scoring.checks.facts import check_facts
from evaluator.scoring.checks.matching import (
    CompiledRubric,
    ConceptMatch,
    TermMatch,
    bonus_keywords_used,
    compile_rubric,
    concept_coverage,
    denials_of_other_points,
    extra_word_count,
    fact_cue_spans,
    find_terms,
    group_by_term,
    proportional_coverage,
    restating_denials,
    touched_concepts,
)
from evaluator.scoring.checks.negation import (
    classified_subjects,
    denied_negatives,
    denied_relations,
    negation_scopes,
    others_subjects,
    undenied_words,
)
from evaluator.scoring.checks.negation_short import denied_claims, short_answer_scopes
from evaluator.scoring.checks.ownership import (
    concepts_in_doubt,
    names_by_dimension,
    without_owned_cues,
    without_sibling_names,
)
from evaluator.scoring.checks.proportional import Phrasing, ProportionalCredit
from evaluator.scoring.checks.relevance import (
    asserted_factor,
    length_factor,
    relevance,
    topic_lemmas,
)
from evaluator.scoring.checks.structure import analyse_structure, count_latin_words, count_words
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.checks.substance import (
    matches_by_sentence,
    question_words,
    says_something,
)
from evaluator.scoring.feedback import MarksInputs, ReferenceGap, build_feedback
from evaluator.scoring.inputs import check_token_count, make_tokenizable
from evaluator.scoring.marks import compute_marks, dimension_score
from evaluator.scoring.report import (
    Advisory,
    ConceptResult,
    DimensionResult,
    Evidence,
    FactResult,
    Report,
    says_the_point,
)
from evaluator.settings import advisory_settings
from evaluator.text import plural

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
    """The answer as text fit for the pipeline, or InputError with a clear message. Every face
    (CLI, batch, web, API) passes through here: offsets into the result are offsets into the
    answer with its line ends normalised (see ``make_tokenizable``)."""
    if not isinstance(answer, str):
        raise InputError(f"an answer must be text, not {type(answer).__name__}")
    if "\x00" in answer:
        raise InputError("the answer contains NUL bytes: it looks like a binary file, not text")
    if len(answer) > MAX_ANSWER_CHARS:
        raise InputError(
            f"the answer is {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}",
            hint="a Mains answer is 150-250 words; submit one answer at a time",
        )
    text = make_tokenizable(answer.replace("\r\n", "\n").replace("\r", "\n"))
    check_token_count(text)
    return text


def evaluate_doc(
    doc: Doc,
    loaded: LoadedRubric,
    question: Question,
    *,
    nlp: Language | None = None,
) -> Report:
    """Grade an already parsed answer (a question with its own notes against its own view of the
    rubric: :func:`~evaluator.rubric.loader.question_view`)."""
    nlp = nlp or get_nlp()
    own, question = question_view(loaded, question)
    report = _evaluate_doc(doc, own, question, nlp, question_focus(own, question, nlp))
    if own is not loaded:  # the report names the rubric the answer was graded with
        report = replace(report, rubric={**report.rubric, "title": loaded.rubric.title})
    return report


def question_focus(
    loaded: LoadedRubric, question: Question, nlp: Language
) -> frozenset[str] | None:
    """The concepts a learner's shown next steps are drawn from (the others wait in the full
    list): those of the question's weightiest dimensions and those its model answer makes (a
    point of a secondary dimension that the model answer leaves out, the bullet train for a
    question on the Northeast, is seldom what the question asks). None when the question has no
    model answer. Worked out once per compiled rubric and question."""
    compiled = compile_rubric(loaded, nlp)
    if question.id in compiled.focus:
        return compiled.focus[question.id]
    model = loaded.model_answers.get(question.id)
    focus = None
    if model and model.strip():
        try:
            report = _evaluate_doc(nlp(validate_answer_text(model)), loaded, question, nlp, None)
        except InputError:  # a model answer grading refuses: no focus, as without one
            report = None
        if report is not None:
            heaviest = max(d.weight for d in question.dimensions)
            main = {d.id for d in question.dimensions if d.weight == heaviest}
            focus = frozenset(c.id for c in report.concepts if c.credit > 0 or c.dimension in main)
    compiled.focus[question.id] = focus
    return focus


def concept_twins(loaded: LoadedRubric, nlp: Language) -> dict[str, frozenset[str]]:
    """Concept id -> the concepts that are the same point told another way: each one's note
    makes the other's point, by a term of every cue group ("China's rising
    power and assertiveness …" under the challenges and "China's growing power and
    assertiveness …" under the Indo-Pacific). A sentence that adds one adds both, so the learner
    is told once (session 38's mentor trial had both as steps). Worked out once per compiled
    rubric and kept on disk with the analysed rubric terms (parsing every note took 0.5 s of each
    `grade`); learned, denial and proportional concepts have no twins."""
    compiled = compile_rubric(loaded, nlp)
    if compiled.twins is not None:
        return compiled.twins
    key = pipeline_cache_key(nlp, loaded.fingerprint)
    stored = read_cached_json(TWINS_CACHE_KIND, key)
    if isinstance(stored, dict) and all(isinstance(v, list) for v in stored.values()):
        compiled.twins = {str(k): frozenset(map(str, v)) for k, v in stored.items()}
        return compiled.twins
    compiled.twins = _twins(loaded, compiled, nlp)
    write_cached_json(TWINS_CACHE_KIND, key, {k: sorted(v) for k, v in compiled.twins.items()})
    return compiled.twins


TWINS_CACHE_KIND = "concept-twins-v1"
"""Disk cache folder for :func:`concept_twins`; bump the suffix when what makes twins changes."""


def _twins(
    loaded: LoadedRubric, compiled: CompiledRubric, nlp: Language
) -> dict[str, frozenset[str]]:
    concepts = [
        c
        for d in loaded.rubric.dimensions
        for c in d.concepts
        if c.credit == "groups" and not c.learned and not c.denial and c.note.strip()
    ]
    terms = {
        c.id: frozenset(m.term for m in find_terms(doc, compiled))
        for c, doc in zip(concepts, nlp.pipe(c.note for c in concepts), strict=True)
    }

    def makes(written: frozenset[str], point: str) -> bool:
        # by a term of every cue group; by an alias only for a point that has no groups (an
        # alias names a part as often as the whole: 'G4' of "the Quad, the G20, the G4 and
        # ITER" is no UN Security Council reform)
        groups = compiled.concept_groups.get(point, [])
        if groups:
            return all(group & written for group in groups)
        return bool(compiled.concept_aliases.get(point, frozenset()) & written)

    # and their labels name something in common ('assertiveness'): "Japanese ODA since 1958",
    # whose note names the high-speed rail it funds, is no twin of the high-speed rail
    label_words = {c.id: _label_stems(c.label, compiled.home) for c in concepts}
    twins: dict[str, frozenset[str]] = {}
    for a in concepts:
        same = frozenset(
            b.id
            for b in concepts
            if b.id != a.id
            and label_words[a.id] & label_words[b.id]
            and makes(terms[a.id], b.id)
            and makes(terms[b.id], a.id)
        )
        if same:
            twins[a.id] = same
    return twins


def _label_stems(label: str, home: frozenset[str]) -> frozenset[str]:
    """The first letters of the stems of a label's longer words ('Chinese' and 'China's'
    alike: 'chin')."""
    words = re.findall(r"[^\W\d_]{4,}", label.lower())
    return frozenset(stem_form(w)[:4] for w in words if w not in _LABEL_FILLERS and w not in home)


_LABEL_FILLERS = frozenset({"with", "from", "into", "their", "both"})
"""Words of a label that name nothing ('… with the Partnership', 'Both in …'); nor do the names of
the rubric's own subject ('India', 'Japanese': ``CompiledRubric.home``), which most labels share."""


def _evaluate_doc(
    doc: Doc,
    loaded: LoadedRubric,
    question: Question,
    nlp: Language,
    focus: frozenset[str] | None,
) -> Report:
    compiled = compile_rubric(loaded, nlp)
    rubric = loaded.rubric
    settings = rubric.scoring
    # one token view shared by every check; its text is the answer (Doc.text rebuilds it slowly)
    text = view(doc).source
    word_count = count_words(text)

    negated = negation_scopes(doc)
    if question.kind == "short":
        # "Plants do not need carbon dioxide": a short answer denies what a need acts on too
        negated = short_answer_scopes(doc, negated)
    denied = denied_negatives(doc, negated)
    classified = classified_subjects(doc, negated)
    related = denied_relations(doc, negated)
    matches = find_terms(doc, compiled, negated)
    by_term = group_by_term(matches)

    home = compiled.home
    others = others_subjects(doc, classified, home)
    cue_spans = fact_cue_spans(compiled, by_term)
    facts = with_sentences(doc, check_facts(doc, rubric.facts, cue_spans, home, negated))
    contradicted = {f.concept: f for f in facts if f.status == "contradicted"}
    # a fact stated right completes its point ('trade of about twenty billion dollars' states
    # the trade point whose cue is the latest figure, 22.85): first fact of each concept
    stated: dict[str, FactResult] = {}
    for fact in facts:
        if fact.status == "supported" and fact.concept not in contradicted:
            stated.setdefault(fact.concept, fact)
    if compiled.naming_facts is None:
        compiled.naming_facts = naming_facts(rubric)
    naming = compiled.naming_facts

    # what a negated clause takes as given for another country or place earns no point and
    # denies none ("The US did not join the SCRI"); the facts still read it
    # and so does a name denied only of what the notes deny it too: "It is Dharma Guardian, not
    # JIMEX, that brings the armies together" (session 43)
    borne_out = denials_borne_out(doc, rubric.facts, cue_spans, negated)
    if negated.aside or borne_out:
        matches = [
            m
            for m in matches
            if m.start not in negated.aside and not (m.negated and m.start in borne_out)
        ]
        by_term = group_by_term(matches)
    touched = touched_concepts(compiled, by_term)
    in_doubt = concepts_in_doubt(doc, compiled, by_term, home)
    named = names_by_dimension(compiled, by_term)
    asked: frozenset[str] | None = None  # the question's words, read when first needed
    by_sentence: dict[int, list[TermMatch]] = {}
    concepts = []
    # the answer's extra words, when a proportional concept needs them
    extra_words: int | None = None
    undenied: frozenset[int] = frozenset()  # negated words a short answer does not deny
    restating: frozenset[int] = frozenset()  # words denied in the rubric's own words
    # of those, the words of denials that state another of the author's points (a short
    # answer of several parts), by point
    others_denials: dict[str, frozenset[int]] = {}
    gaps: dict[str, ReferenceGap] = {}  # what partly made short-answer points leave out
    # points of a shared dimension this question leaves out are no part of its report, nor,
    # for a short question, the points of the dimensions it does not count
    not_reported = rubric.not_reported(question)
    for dimension, concept in compiled.concepts:
        if concept.id in not_reported:
            continue
        if concept.id not in touched:
            concepts.append(
                _with_fact(
                    compiled.missing_result(dimension.id, concept, 0),
                    concept,
                    stated,
                    naming,
                    doc.text,
                )
            )
            continue
        # a cue word inside another phrase's name earns this concept nothing ('Mumbai' in
        # 'Mumbai-Ahmedabad high speed rail'); a learned phrase is read as tuning counted it,
        # wherever the answer writes it ("a Supreme Court decree" had not earned the 'decree'
        # its note counted in eight graded answers: session 38's tutor trial)
        own_terms = (
            without_owned_cues(doc, concept, compiled, by_term, home)
            if concept.id in in_doubt and not concept.learned
            else by_term
        )
        # and a cue word inside the name of another point of its dimension is that point's
        if dimension.id in named and concept.credit == "groups" and not concept.learned:
            own_terms = without_sibling_names(concept, compiled, own_terms, named[dimension.id])
        if concept.credit == "proportional":
            if extra_words is None:
                extra_words = extra_word_count(doc, compiled, question)
                undenied = undenied_words(doc, negated)
                claims = denied_claims(doc, negated, undenied)
                restating = restating_denials(doc, compiled, question, claims)
                others_denials = denials_of_other_points(
                    compiled,
                    by_term,
                    {k: w for k, w in claims.items() if w <= restating},
                    {
                        c.id
                        for _, c in compiled.concepts
                        if c.id not in not_reported and not (c.exemplar or c.learned)
                    },
                )
            found = proportional_coverage(
                concept,
                compiled,
                own_terms,
                extra_words=extra_words,
                undenied=undenied,
                restating=restating - others_denials.get(concept.id, frozenset()),
            )
        else:
            found = concept_coverage(
                concept,
                compiled,
                own_terms,
                concept.window or settings.window_sentences,
                denied=denied,
                classified=classified,
                others=others,
                bounded=negated.bounded,
                reversed_negatives=negated.reversed,
                kept_apart=negated.confused,
                related=related,
                lost_for=negated.lost_for,
                stance_lost=negated.stance_lost,
                stance_kept=negated.stance_kept,
            )
        if found.status == "missing":  # no evidence, and nothing to contradict
            missing = compiled.missing_result(dimension.id, concept, found.groups_matched)
            concepts.append(_with_fact(missing, concept, stated, naming, doc.text))
            continue
        if found.status == "covered" and settings.require_substance:
            own = [m for t in compiled.concept_terms[concept.id] for m in own_terms.get(t, ())]
            if asked is None:
                asked = question_words(question.text, nlp)
                by_sentence = matches_by_sentence(matches)
            names = compiled.concept_aliases[concept.id]
            # "India did not join RCEP": for a negative claim the denial is what it says
            denial = concept.denial or (concept.negative_claim and any(m.negated for m in own))
            said_nothing = not denial and not says_something(doc, own, names, by_sentence, asked)
        else:
            said_nothing = False
        result = _concept_result(
            doc,
            dimension.id,
            concept,
            found,
            contradicted.get(concept.id),
            settings.partial_credit,
            said_nothing=said_nothing,
        )
        if found.proportional is not None and result.status == "partial":
            share = found.proportional
            gaps[concept.id] = reference_gap(compiled.phrasings[concept.id][share.phrasing], share)
        concepts.append(_with_fact(result, concept, stated, naming, doc.text))
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
            asked=question_words(question.text, nlp),
            facts=facts,
            dimension_scores=dimension_scores,
        )
    )
    on_topic = relevance(
        doc, topic_lemmas(loaded, nlp), word_count, question.word_limit, subject_names(loaded)
    )
    # relevance is credit for writing on the topic while saying something of it: an answer
    # that denies (or gets wrong) most of the points it names earns less of it
    relevance_credit = round(
        on_topic.score * asserted_factor(c.status for c in concepts if not c.penalty), 4
    )
    arithmetic, marks = compute_marks(
        rubric,
        question,
        dimension_scores,
        structure.score,
        len(bonus),
        advisories,
        relevance=relevance_credit,
    )
    advisories = _unbound_caps(advisories, arithmetic.before_advisories, question.max_marks)
    wrong = wrong_sentences(doc, facts)
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
            # a linear question's constant part: faces show it as a row of its own
            **({"intercept": question.intercept} if question.intercept is not None else {}),
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
        wrong_sentences=wrong,
        feedback=build_feedback(
            MarksInputs(
                rubric=rubric,
                question=question,
                concepts=[c for c in concepts if c.dimension in relevant],
                structure=structure,
                bonus_count=len(bonus),
                advisories=advisories,
                relevance=relevance_credit,
                relevance_length=length_factor(word_count, question.word_limit),
                english_words=(
                    count_latin_words(text)
                    if any(a.code == "not_english" for a in advisories)
                    else None
                ),
                focus=focus,
                twins=concept_twins(loaded, nlp),
                reference_gaps=gaps,
            ),
            dimensions,
            [f for f in facts if dimension_of.get(f.concept) in relevant],
            marks,
            wrong=wrong,
            before_advisories=arithmetic.before_advisories,
        ),
        arithmetic=arithmetic,
        bonus_keywords=bonus,
        model_answer=loaded.model_answers.get(question.id),
    )


def reference_gap(phrasing: Phrasing, share: ProportionalCredit) -> ReferenceGap:
    """The words of the best phrasing of a proportional point that the answer does not write,
    as the rubric writes them (the first term of each cue group; the question's own words, which
    weigh little, only when nothing else is missing), those the phrasing states apart from those
    it denies, and whether the answer's polarity differs from the phrasing's."""
    unfound = [i for i in share.unfound if phrasing.weights[i] >= 1.0] or list(share.unfound)
    denied = phrasing.said_negatively or tuple(False for _ in phrasing.groups)
    return ReferenceGap(
        said=tuple(phrasing.written[i] for i in unfound if not denied[i]),
        denied=tuple(phrasing.written[i] for i in unfound if denied[i]),
        other_polarity=share.polarity_mismatch,
    )


def with_sentences(doc: Doc, facts: list[FactResult]) -> list[FactResult]:
    """The facts, each checked one with the span of the sentence its value was read from (the
    faces list a point's facts of one sentence on one line)."""
    checked = [f.evidence[0].start for f in facts if f.status != "absent" and f.evidence]
    if not checked:
        return facts
    spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
    starts = [start for start, _ in spans]
    return [
        replace(f, sentence=spans[bisect_right(starts, f.evidence[0].start) - 1])
        if f.status != "absent" and f.evidence
        else f
        for f in facts
    ]


def wrong_sentences(doc: Doc, facts: list[FactResult]) -> list[tuple[int, int]]:
    """The character spans of the sentences that state a contradicted fact's value."""
    starts = {f.evidence[0].start for f in facts if f.status == "contradicted" and f.evidence}
    if not starts:
        return []
    return [
        (sent.start_char, sent.end_char)
        for sent in doc.sents
        if any(sent.start_char <= start < sent.end_char for start in starts)
    ]


def _unbound_caps(advisories: list[Advisory], before: float, max_marks: float) -> list[Advisory]:
    """The advisories, a cap the marks were already under saying so: "marks capped at 15%" beside
    marks the cap did not lower had read as a cause of them (batch trial s35)."""
    words = advisory_settings().cap_unused
    return [
        replace(a, effect=f"{a.effect} {words}")
        if a.cap is not None and a.cap > 0 and before <= a.cap * max_marks + 1e-9
        else a
        for a in advisories
    ]


# --- concepts and dimensions -----------------------------------------------------------------


def _concept_result(
    doc: Doc,
    dimension_id: str,
    concept: Concept,
    found: ConceptMatch,
    contradiction: FactResult | None,
    partial_credit: float,
    *,
    said_nothing: bool = False,
) -> ConceptResult:
    status = "partial" if said_nothing else found.status
    groups_matched = found.groups_matched
    if status == "missing":
        credit, reason = 0.0, "not found in the answer"
    elif found.proportional is not None and found.proportional.echo_only:
        # the question's words alone ("lionfish" in every point of a lionfish question): the
        # point itself is not in the answer, so it is one to add, not to develop; the words keep
        # their small credit (see ProportionalCredit.echo_only) and no cue group counts as found
        share = found.proportional
        credit = round(share.credit, 4)
        groups_matched = 0
        reason = f"only the question's own words found (credit {credit:.2f})"
    elif found.proportional is not None:
        share = found.proportional
        credit = round(share.credit, 4)
        reason = (
            f"{share.groups_matched} of {share.groups_total} cue groups of "
            + ("its wording" if share.phrasing == 0 else f"phrasing {share.phrasing + 1}")
            + f" found (credit {credit:.2f})"
        )
        if share.similar:
            pairs = ", ".join(f"'{found}' for '{word}'" for found, word in share.similar)
            reason += f"; similar words: {pairs}"
        if share.reversed:
            reason += "; the answer denies what the reference states"
        elif share.polarity_mismatch:
            reason += "; the answer's negation differs from the reference's"
        if share.extra_words:
            reason += f"; {plural(share.extra_words, 'word')} beyond the reference"
    elif status == "covered":
        credit = 1.0
        reason = "named directly" if found.via_alias else "all cue groups found together"
    elif said_nothing:
        credit = partial_credit
        reason = "named, but the answer says no more about it than its name or the question's words"
    elif status == "partial":
        credit = partial_credit
        reason = f"{found.groups_matched} of {found.groups_total} cue groups found together"
    else:
        credit, reason = 0.0, f"mentioned only in a negated claim ('{found.negation_cue}')"
    if contradiction is not None and status in ("covered", "partial"):
        status, credit = "contradicted", 0.0
        reason = contradiction.message or f"a fact of it is contradicted ({contradiction.id})"
    tokens = view(doc)
    # two cues can find one span ('bullet train' and 'bullet-train' both read 'bullet train'):
    # the answer shows it once, highlighted once
    evidence = list(
        {
            (e.start, e.end): e for e in (_evidence(tokens, m.start, m.end) for m in found.evidence)
        }.values()
    )
    return ConceptResult(
        id=concept.id,
        label=concept.label,
        dimension=dimension_id,
        status=status,  # type: ignore[arg-type]
        credit=credit,
        weight=concept.weight,
        evidence=evidence,
        matched=[e.text for e in evidence],
        groups_matched=groups_matched,
        groups_total=found.groups_total,
        source_note=concept.shared_note,
        reason=reason,
        penalty=concept.penalty,
        learned=concept.learned,
    )


def naming_facts(rubric: Rubric) -> dict[str, frozenset[str]]:
    """The facts one of whose cues is (or holds, or is held by) a cue or alias of its point,
    each with the words that name the point there (the shorter of the two): 'swap' of the
    currency-swap point, 'malabar' of Malabar's (also from its cue "permanent Malabar member");
    not 'permanent member' of Malabar's, which names no exercise."""
    own: dict[str, list[str]] = {
        c.id: [t.lower() for group in c.cues for t in group] + [a.lower() for a in c.aliases]
        for _, c in rubric.concepts()
    }
    naming: dict[str, frozenset[str]] = {}
    for fact in rubric.facts:
        words = frozenset(
            min(cue.lower(), term, key=len)
            for cue in fact.cues
            for term in own.get(fact.concept, ())
            if _within(cue.lower(), term) or _within(term, cue.lower())
        )
        if words:
            naming[fact.id] = words
    return naming


def _within(short: str, long: str) -> bool:
    """Whether ``short`` stands in ``long`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None


def _names_its_point(fact: FactResult, naming: Mapping[str, frozenset[str]], text: str) -> bool:
    """Whether the sentence the fact was read from holds a word that names its point: a fact
    cued "permanent member" names Malabar only where the sentence says Malabar (session 49:
    the cue "permanent Malabar member" had made every "permanent member" name the point)."""
    words = naming.get(fact.id)
    if not words or fact.sentence is None:
        return False
    sentence = text[fact.sentence[0] : fact.sentence[1]].lower()
    return any(_within(word, sentence) for word in words)


def _with_fact(
    result: ConceptResult,
    concept: Concept,
    stated: dict[str, FactResult],
    naming: Mapping[str, frozenset[str]],
    text: str,
) -> ConceptResult:
    """``result``, covered when the answer states the concept's fact right and its cues fell
    short (a partial or missing point of a ``credit: groups`` concept, not a penalty or a
    denial): the fact check found the fact's cue beside a value the source notes give, which
    says the point more exactly than its cue groups do. Not when no cue group of the point was
    found and the fact's cue does not name the point ("Japan became a permanent member in 2015"
    states the year of Malabar's fact, but names no exercise: trial 30b)."""
    fact = stated.get(concept.id)
    if (
        fact is None
        or result.status not in ("partial", "missing")
        or concept.credit != "groups"
        or concept.penalty
        or concept.denial
        or (result.groups_matched == 0 and not _names_its_point(fact, naming, text))
    ):
        return result
    # the fact's spans, and the cue spans outside them ('billion' is inside 'twenty billion
    # dollars')
    outside = [
        e
        for e in result.evidence
        if not any(f.start <= e.start and e.end <= f.end for f in fact.evidence)
    ]
    evidence = sorted(
        {(e.start, e.end): e for e in [*outside, *fact.evidence]}.values(),
        key=lambda e: (e.start, e.end),
    )
    return replace(
        result,
        status="covered",
        credit=1.0,
        evidence=evidence,
        matched=[e.text for e in evidence],
        reason=f"its fact stated right: {fact.found}",
    )


def _evidence(tokens: DocView, start: int, end: int) -> Evidence:
    first, last = tokens.char_span(start, end)
    text = tokens.source[first:last]
    if _SENTENCE_STOP.search(text):
        # the sentence's full stop the tokenizer kept on the last word ('279A.' is one token):
        # a learner was told "you wrote “Article 279A.”"; not an abbreviation's ('U.S.', 'N.K.')
        text, last = text[:-1], last - 1
    return Evidence(first, last, text)


_SENTENCE_STOP = re.compile(r"(?<![.\s])(?<!\b[A-Za-z])\.$")
"""A full stop closing evidence that is no initial's: not after a lone letter ('279A.', not
'U.S.' or 'N. K.')."""


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
        # a misconception's credit is taken away, never below zero; it adds nothing possible
        earned = sum(c.weight * c.credit * (-1 if c.id in penalties else 1) for c in members)
        possible = sum(c.weight for c in members if c.id not in penalties)
        # a short answer's concepts are all expected: credit is the weighted share of them
        saturation = 1.0 if question.kind == "short" else rubric.scoring.saturation
        linear = question.intercept is not None
        expected = rubric.expected_weight(question, dimension.id)
        score = dimension_score(earned, possible, expected, saturation, linear=linear)
        scores[dimension.id] = score
        share = question.max_marks * qdim.weight / total_weight
        marks = score * share
        if linear:  # the score is already in marks; the most it can earn is its points' weight
            marks, share = score, possible
            score = min(1.0, max(0.0, marks / possible)) if possible > 0 else 0.0
        results.append(
            DimensionResult(
                id=dimension.id,
                label=dimension.label,
                marks=round(marks, 2),
                max=round(share, 2),
                score=round(score, 4),
                weight=qdim.weight,
                concepts_covered=sum(
                    1
                    for c in members
                    if c.credit > 0 and c.id not in penalties and says_the_point(c)
                ),
                concepts_total=len(members) - len(penalties),
            )
        )
    return scores, results

"""One report in compact form and back: ``compact_report`` keeps what varies, ``expand_report``
rebuilds the full report (``Report.to_dict()``) from it and the header."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from evaluator.batch.compact.header import (
    ALONE_CLAUSE_FORMAT,
    CLAIMS_ONCE_FORMAT,
    DEDUCTION_FORMAT,
    FACT_SENTENCES_FORMAT,
    FIRST_FORMAT,
    HELD_COMMENT_FORMAT,
    HELD_STRENGTH_FORMAT,
    LEARNED_STRENGTH_FORMAT,
    PRAISED_ONCE_FORMAT,
    REFERENCE_QUOTE_FORMAT,
    SPELLINGS_FORMAT,
    STRUCTURE_MAPS,
    TIDY_WORDS_FORMAT,
    VALUE_CLAUSE_FORMAT,
    WHOLE_NAMES_FORMAT,
    WRONG_SENTENCES_FORMAT,
    format_version,
    wordings,
)
from evaluator.batch.compact.parts import (
    compact_advisory,
    compact_step,
    default_credit,
    default_reason,
    evidence_of,
    expand_advisory,
    expand_step,
    fact_message,
    question_context,
    spans_of,
)

# fields of a full report that the compact form stores in its own way (others are kept verbatim)
_HANDLED = frozenset(
    {
        "rubric", "question", "pipeline", "marks", "max_marks", "word_count", "dimensions",
        "concepts", "facts", "structure", "advisories", "feedback", "arithmetic",
        "bonus_keywords", "model_answer", "share", "wrong_sentences",
    }
)  # fmt: skip
_ARITHMETIC = (
    "content", "breadth", "structure", "relevance", "bonus", "raw", "curved",
    "before_advisories", "cap", "penalty", "deduction",
)  # fmt: skip
_QUESTION_STRUCTURE = ("word_limit", "directive")


def compact_report(
    report: dict[str, Any], header: dict[str, Any], *, keep_comment: bool = False
) -> dict[str, Any]:
    """What varies in one report, given its header (see docs/batch.md for the layout). The
    examiner's comment is left to be rebuilt from the rest unless ``keep_comment``."""
    question = header["questions"][report["question"]["id"]]
    wording = wordings(header)
    order = {c["id"]: n for n, c in enumerate(header["concepts"])}
    seen: dict[tuple[int, int], str] = {}
    concepts: list[list[Any]] = []
    cue_hits: list[int | list[int]] = []
    for concept in report["concepts"]:
        index = order[concept["id"]]
        status, groups = concept["status"], concept["groups_matched"]
        spans = spans_of(concept["evidence"], seen)
        reason = concept["reason"]
        default = default_reason(status, groups, concept["groups_total"])
        if status == "missing" and not spans and reason == default and not concept["credit"]:
            if groups:  # some cue words, never together
                cue_hits.append(index if groups == 1 else [index, groups])
            continue
        entry: list[Any] = [index, status, groups, spans]
        credit = concept["credit"]
        if reason != default or credit != default_credit(status, header["partial_credit"]):
            reasons = header["reasons"]
            coded = (
                reasons.index(reason) if reason in reasons else wording["reasons"].encode(reason)
            )
            entry += [credit, coded]
        concepts.append(entry)
    fact_order = {f["id"]: n for n, f in enumerate(header["facts"])}
    facts = []
    for f in report["facts"]:
        if (
            f["status"] == "absent"
            and f["found"] is None
            and not f["evidence"]
            and not f["message"]
        ):
            continue
        entry = [fact_order[f["id"]], f["status"], f["found"], spans_of(f["evidence"], seen)]
        if f.get("sentence"):  # format 24 on: the sentence a checked value was read from
            entry.append(list(f["sentence"]))
        clause = f.get("clause", "")
        usual = fact_message(f["status"], f["found"], f["evidence"], f["expected"])
        if f["message"] != usual or clause:
            entry.append(f["message"])  # only when it is not the usual sentence, or has a clause
        if clause:
            entry.append(clause)  # the clause a contradiction was read from
        facts.append(entry)
    structure = {
        k: v
        for k, v in report["structure"].items()
        if k not in _QUESTION_STRUCTURE and k != "word_count"
    }
    signals = structure.get("signals")
    if isinstance(signals, dict) and signals.get("word_count") == report["word_count"]:
        structure["signals"] = {k: v for k, v in signals.items() if k != "word_count"}
    for key in STRUCTURE_MAPS:  # the same keys in every report: their values only
        if isinstance(structure.get(key), dict) and list(structure[key]) == header.get(
            "structure_keys", {}
        ).get(key):
            structure[key] = list(structure[key].values())
    if isinstance(structure.get("feedback"), list):
        context = question_context(question, report["word_count"])
        names = [d["label"] for d in question["dimensions"]]
        structure["feedback"] = [
            wording["structure"].encode(line, context, names) for line in structure["feedback"]
        ]
    arithmetic = report["arithmetic"]
    compact: dict[str, Any] = {
        "question": report["question"]["id"],
        "marks": report["marks"],
        "word_count": report["word_count"],
        "dimensions": [
            [d["marks"], d["score"], d["concepts_covered"]] for d in report["dimensions"]
        ],
        "concepts": concepts,
        "cue_hits": cue_hits,
        "facts": facts,
        "structure": structure,
        "arithmetic": [arithmetic[k] for k in _ARITHMETIC],
    }
    if arithmetic["formula"] != question["formula"]:
        compact["formula"] = arithmetic["formula"]
    if report["advisories"]:
        compact["advisories"] = [compact_advisory(a, header) for a in report["advisories"]]
    if report["bonus_keywords"]:
        compact["bonus_keywords"] = report["bonus_keywords"]
    if report.get("wrong_sentences"):  # format 16 on: spans the strengths quote nothing from
        compact["wrong_sentences"] = report["wrong_sentences"]
    feedback = report["feedback"]
    steps: dict[str, Any] = {}
    if keep_comment:  # else the engine's examiner_comment rebuilds it from the rest
        steps["comment"] = feedback["comment"]
    if feedback.get("next_steps"):  # what every face shows; a concept's note is in the header
        steps["next_steps"] = [
            compact_step(step, header, question, report["marks"]) for step in feedback["next_steps"]
        ]
    if steps:  # the ranked steps vary per answer and need the whole rubric to recompute
        compact["steps"] = steps
    for key, value in report.items():
        if key not in _HANDLED:
            compact[key] = value  # a field added after this module was written
    return compact


def expand_dimensions(
    compact: Mapping[str, Any], question: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """A compact report's dimension results (``Report.to_dict()["dimensions"]``), from its
    question's part of the header."""
    return [
        {
            "id": const["id"],
            "label": const["label"],
            "marks": marks,
            "max": const["max"],
            "score": score,
            "weight": const["weight"],
            "concepts_covered": covered,
            "concepts_total": const["concepts_total"],
        }
        for const, (marks, score, covered) in zip(
            question["dimensions"], compact["dimensions"], strict=True
        )
    ]


def expand_report(compact: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    """The full report (``Report.to_dict()``) of a compact one and its header."""
    from evaluator.scoring.feedback import examiner_comment, improvements_of
    from evaluator.scoring.feedback.comment import holding_codes, off_topic_cap
    from evaluator.scoring.feedback.strengths import STRENGTH, WELL_COVERED, praise
    from evaluator.scoring.report import (
        Advisory,
        ConceptResult,
        DimensionResult,
        Evidence,
        FactResult,
        NextStep,
        StructureResult,
    )

    question = header["questions"][compact["question"]]
    wording = wordings(header)
    max_marks = question["question"]["max_marks"]
    dimensions = expand_dimensions(compact, question)
    entries = {entry[0]: entry[1:] for entry in compact["concepts"]}
    seen: dict[tuple[int, int], str] = {}
    hits: dict[int, int] = {}
    for hit in compact.get("cue_hits", []):
        index, groups = (hit[0], hit[1]) if isinstance(hit, list) else (hit, 1)
        hits[index] = groups
    partial_credit = header["partial_credit"]
    # older writers' reports had no 'penalty' key (before format 3) and no 'learned' key (4)
    version = format_version(header)
    with_penalty, with_learned = version >= 3, version >= 4
    concepts = []
    left_out = set(question.get("left_out", ()))  # points the question does not count
    for index, const in enumerate(header["concepts"]):
        if const["id"] in left_out:
            continue
        entry = entries.get(index)
        status, groups, spans = entry[:3] if entry else ("missing", hits.get(index, 0), [])
        if entry and len(entry) > 3:
            credit, reason = entry[3:5]
            if isinstance(reason, int):
                reason = header["reasons"][reason]
            elif isinstance(reason, list):
                reason = wording["reasons"].decode(reason)
        else:
            credit, reason = default_credit(status, partial_credit), None
        evidence = evidence_of(spans, seen)
        concepts.append(
            {
                "id": const["id"],
                "label": const["label"],
                "dimension": const["dimension"],
                "status": status,
                "credit": credit,
                "weight": const["weight"],
                "evidence": evidence,
                "matched": [e["text"] for e in evidence],
                "groups_matched": groups,
                "groups_total": const["groups_total"],
                "source_note": const["source_note"],
                "reason": reason or default_reason(status, groups, const["groups_total"]),
                **({"penalty": bool(const.get("penalty"))} if with_penalty else {}),
                **({"learned": bool(const.get("learned"))} if with_learned else {}),
            }
        )
    found_facts = {entry[0]: entry[1:] for entry in compact["facts"]}
    facts = []
    for index, const in enumerate(header["facts"]):
        status, found, spans, *given = found_facts.get(index, ("absent", None, [], ""))
        sentence = None
        if given and isinstance(given[0], list):  # format 24 on (a message is a string)
            sentence, *given = given
        evidence = evidence_of(spans, seen)
        message = given[0] if given else fact_message(status, found, evidence, const["expected"])
        fact = {
            "id": const["id"],
            "concept": const["concept"],
            "claim": const["claim"],
            "status": status,
            "found": found,
            "expected": const["expected"],
            "evidence": evidence,
            "message": message,
            "clause": given[1] if len(given) > 1 else "",
        }
        if version >= FACT_SENTENCES_FORMAT:  # an older file's reports had no sentences
            fact["sentence"] = sentence
        facts.append(fact)
    given = dict(compact["structure"])
    given["word_count"] = compact["word_count"]
    for key in STRUCTURE_MAPS:
        if isinstance(given.get(key), list):
            given[key] = dict(zip(header["structure_keys"][key], given[key], strict=True))
    if "word_count" not in given.get("signals", {"word_count": None}):
        given["signals"] = {"word_count": compact["word_count"], **given["signals"]}
    if isinstance(given.get("feedback"), list):
        context = question_context(question, compact["word_count"])
        names = [d["label"] for d in question["dimensions"]]
        given["feedback"] = [
            wording["structure"].decode(line, context, names) for line in given["feedback"]
        ]
    for name in _QUESTION_STRUCTURE:
        given[name] = question["question"][name]
    order = [f.name for f in fields(StructureResult)]  # the report's key order
    structure = {k: given[k] for k in order if k in given}
    structure.update((k, v) for k, v in given.items() if k not in structure)
    # a format before 16 stored no deduction (its reports had none)
    stored = _ARITHMETIC if version >= DEDUCTION_FORMAT else _ARITHMETIC[:-1]
    arithmetic = dict(zip(stored, compact["arithmetic"], strict=True))
    arithmetic["formula"] = compact.get("formula", question["formula"])
    advisories = [expand_advisory(a, header) for a in compact.get("advisories", [])]
    fired = [Advisory(**a) for a in advisories]  # as the feedback's builders read them

    # strengths, improvement points and (unless stored) the comment are rebuilt by the engine
    # from the results, exactly as they were first built; the ranked steps are stored
    relevant = {d["id"] for d in dimensions}
    dimension_of = {c["id"]: c["dimension"] for c in concepts}
    concept_results = [
        ConceptResult(**{**c, "evidence": [Evidence(**e) for e in c["evidence"]]})
        for c in concepts
        if c["dimension"] in relevant
    ]
    dimension_results = [DimensionResult(**d) for d in dimensions]
    fact_results = [
        FactResult(
            **{
                **f,
                "evidence": [Evidence(**e) for e in f["evidence"]],
                "sentence": tuple(f["sentence"]) if f.get("sentence") else None,
            }
        )
        for f in facts
        if dimension_of.get(f["concept"]) in relevant
    ]
    steps = compact.get("steps", {})
    next_steps = [
        expand_step(step, header, question, compact["marks"])
        for step in steps.get("next_steps", [])
    ]
    structure_result = StructureResult(**structure)
    subject = frozenset(header.get("subject", ()))  # not in files before engine 0.9.13
    version = format_version(header)
    wrong = [tuple(span) for span in compact.get("wrong_sentences", [])]
    # before format 18 a cap that held the marks down changed none of the feedback's words
    held_by = (
        holding_codes(fired, arithmetic["before_advisories"], max_marks)
        if version >= HELD_COMMENT_FORMAT
        else []
    )
    penalties = frozenset(c["id"] for c in header["concepts"] if c.get("penalty"))
    quiet = frozenset(c["id"] for c in header["concepts"] if c.get("quiet"))  # format 4 on
    praised = praise(
        concept_results,
        dimension_results,
        fact_results,
        penalties=penalties,
        subject=subject,
        # before format 5 every strength was 'well covered'; before 6 a word could be
        # quoted by two strengths; before 7 a word inside a longer one quoted
        well_covered=WELL_COVERED if version >= 5 else STRENGTH,
        distinct=version >= 6,
        nested=version >= 7,
        names_first=version >= 15,  # before format 15 the longest word came first
        wrong=wrong,
        # before format 17 a learned dimension was "well covered" like the rubric's own
        learned_as_marked=version >= LEARNED_STRENGTH_FORMAT,
        # before format 19 a dimension a cap held down was "well covered" beside its marks
        held=bool(held_by) and version >= HELD_STRENGTH_FORMAT,
        # before format 20 a right fact had a line of its own beside the word praised for it
        merge_facts=version >= PRAISED_ONCE_FORMAT,
        claims_once=version >= CLAIMS_ONCE_FORMAT,
        whole_names=version >= WHOLE_NAMES_FORMAT,
        value_clauses=version >= VALUE_CLAUSE_FORMAT,
        alone_clauses=version >= ALONE_CLAUSE_FORMAT,
        # before format 28 two claims were compared without their values' spellings folded
        spellings={f["id"]: f["spellings"] for f in header["facts"] if "spellings" in f}
        if version >= SPELLINGS_FORMAT
        else None,
    )
    if "comment" in steps or header["format"] == FIRST_FORMAT:
        comment = steps.get("comment", "")  # version 1 kept every comment (none when empty)
    else:  # rebuilt by the engine, exactly as it was first built
        comment = examiner_comment(
            concept_results,
            dimension_results,
            structure_result,
            [NextStep(**step) for step in next_steps],
            question["question"]["directive"],
            subject=subject,
            nested=version >= 7,
            length_gap=version >= 8,  # before format 8 a word-budget gap was the answer's form
            # before format 9 a capped answer with no step had "nothing left to add"
            capped_by=(
                [a["code"] for a in advisories if a.get("cap") is not None] if version >= 9 else ()
            ),
            # before format 10 every comment said the directive's fit, and a tuned rubric's
            # strength could be its learned phrases
            directive_marked=question.get("directive_marked", True) if version >= 10 else True,
            own_first=version >= 10,
            plain_worth=version >= 11,
            best_step=version >= 13,  # before format 13 the first step's dimension was the gap
            # before format 15 an answer in another language was told its gap was its length
            english_gap=version >= 15 and any(a["code"] == "not_english" for a in advisories),
            # and no point with credit was not told where its marks came from
            marks=compact["marks"] if version >= 15 else 0.0,
            names_first=version >= 15,
            wrong=wrong,
            # before format 18 the words of an answer a cap held down "earned credit"
            held_by=held_by,
            # before format 20 the comment quoted the words the strength below quoted again
            below=praised.quoted if version >= PRAISED_ONCE_FORMAT else None,
            # before format 21 "strongest on The GST Council", "Its 1 mark so far are"
            tidy_words=version >= TIDY_WORDS_FORMAT,
            # and an off-topic answer's first point was "its best next step", its directive
            # done "in part"
            off_topic_cap=(
                off_topic_cap(fired, max_marks) if version >= TIDY_WORDS_FORMAT else None
            ),
        )
    feedback = {
        "strengths": praised.lines,
        "improvements": improvements_of(
            concept_results,
            dimension_results,
            fact_results,
            structure_result,
            fired,
            penalties=penalties,
            quiet=quiet,
            own_labels=version >= 14,  # before format 14 a label opening like its note was a copy
            # before format 17 every note was run on after "add", whole
            quote_references=version >= REFERENCE_QUOTE_FORMAT,
            # before format 21 a note of one sentence was run on after "add"
            tidy_words=version >= TIDY_WORDS_FORMAT,
        ),
        "comment": comment,
        "next_steps": next_steps,
        "more_steps": [],  # the further steps are kept by --detail full only
    }
    report: dict[str, Any] = {
        "rubric": header["rubric"],
        "question": question["question"],
        "pipeline": header["pipeline"],
        "marks": compact["marks"],
        "max_marks": max_marks,
        "word_count": compact["word_count"],
        "dimensions": dimensions,
        "concepts": concepts,
        "facts": facts,
        "structure": structure,
        "advisories": advisories,
        "feedback": feedback,
        "arithmetic": arithmetic,
        "bonus_keywords": compact.get("bonus_keywords", []),
        "model_answer": question["model_answer"],
    }
    if version >= WRONG_SENTENCES_FORMAT:  # reports before format 16 had no wrong sentences
        report["wrong_sentences"] = [list(span) for span in wrong]
    for key, value in compact.items():
        if key not in report and key not in ("question", "formula", "cue_hits", "steps"):
            report[key] = value
    report["share"] = round(compact["marks"] / max_marks, 4) if max_marks else 0.0
    return report

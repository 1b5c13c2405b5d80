"""Session 46: a tutor's trial on notes about cooperative federalism in India (the GST Council,
the Finance Commission, NITI Aayog). The notes and answers are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def _facts(loaded: LoadedRubric, answer: str, nlp: Language) -> dict[str, tuple[str, str | None]]:
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return {f.id: (f.status, f.found) for f in report.facts if f.status != "absent"}


def test_a_denied_replacement_dated_wrong_is_true_and_not_called_wrong(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # trial s46: "replace" keeps what it acts on asserted when negated, so the date was read as
    # stated: this true sentence was told "you wrote 2014 ...; the source notes say 2015" and lost
    # the NITI Aayog point to a factual_errors deduction
    answer = "NITI Aayog did not replace the Planning Commission in 2014."
    report = evaluate(answer, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    assert "factual_errors" not in report.advisory_codes()
    assert all(f.status != "contradicted" for f in report.facts)


def test_a_denied_replacement_dated_right_is_not_an_accurate_fact(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # the mirror: a false denial of the true date had been praised as 'Accurate fact: NITI Aayog
    # replaced the Planning Commission on 1 January 2015'
    for answer in (
        "NITI Aayog did not replace the Planning Commission in 2015.",
        "NITI Aayog never replaced the Planning Commission on 1 January 2015.",
    ):
        assert all(status != "supported" for status, _ in _facts(federalism, answer, nlp).values())


@pytest.mark.parametrize(
    "answer",
    [
        # a value the sentence denies, then corrects: still stated right
        "NITI Aayog did not replace the Planning Commission in 2014 but in 2015.",
        # 'not until' dates the deed
        "NITI Aayog did not replace the Planning Commission until 2015.",
    ],
)
def test_a_corrected_or_awaited_date_is_still_supported(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    facts = _facts(federalism, answer, nlp)
    assert ("supported", "2015") in facts.values()


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("GST was rolled out across India on 1 July 2019.", "2019"),
        ("The 15th Finance Commission recommended 42% of the divisible pool to states.", "42%"),
    ],
)
def test_a_wrong_date_or_share_for_the_sentence_subject_is_caught(
    federalism: LoadedRubric, nlp: Language, answer: str, found: str
) -> None:
    # trial s46: the draft pinned GST's 2017 on 'taxes' (a word of the sentence's last clause) and
    # dropped the 41% (no cue of the point within reach of it), so both wrong values went unseen
    report = evaluate(answer, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    assert ("contradicted", found) in _facts(federalism, answer, nlp).values()
    assert "factual_errors" in report.advisory_codes()


@pytest.mark.parametrize(
    "answer",
    [
        "GST was rolled out on 1 July 2017.",
        "The 101st Amendment of 2016 paved the way for GST, which began in 2017.",
        "In 2020 the states and the Centre clashed over GST compensation.",
        "GST compensation was promised for five years, until 2022.",
        "The 15th Finance Commission recommended 41% of the divisible pool for the states.",
        "The 14th Finance Commission recommended 42% of the divisible pool, and the 15th 41%.",
        "The 15th Finance Commission gave 15% weight to population and 15% to area.",
        "The 15th Finance Commission, unlike the 14th with its 42%, kept the share at 41%.",
    ],
)
def test_true_sentences_about_gst_and_the_commission_are_not_called_wrong(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    report = evaluate(answer, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    assert "factual_errors" not in report.advisory_codes(), answer


@pytest.mark.parametrize(
    "answer",
    [
        "The Fifteenth Finance Commission was headed by N.K. Singh.",
        "The 15th Finance Commission was chaired by NK Singh.",
        "The 15th Finance Commission was chaired by N.K.Singh.",
        "The 15th Finance Commission was chaired by N. K. Singh.",
    ],
)
def test_a_chairman_named_with_initials_written_another_way_earns_the_point(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # trial s46: the notes write 'N. K. Singh'; "headed by N.K. Singh", a true paraphrase, had
    # earned nothing (the tokenizer reads 'N.K.' as one word, 'N.' and 'K.' as two)
    report = evaluate(answer, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    singh = next(c for c in report.concepts if c.label.startswith("The 15th Finance Commission"))
    assert singh.status == "covered", (answer, singh.status)

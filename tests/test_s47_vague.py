"""Session 47 (vague): a tutor's trial of the draft `rubric derive` writes from our notes on
cooperative federalism. A sentence with the topic's name and one common word earns no point;
a step names a dimension as a sentence reads it; a common noun of a subject's name ('Council')
does not put an answer on topic. The notes and answers are our own."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_support import batch_one, read_as_format
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import subject_names
from evaluator.scoring.engine import evaluate

ROLL_OUT = "GST itself was rolled out"

# long enough for the word limit's minimum: no length cap stands in for the point's credit
FINANCE_ONLY = (
    "The Finance Commission is set up every five years under Article 280 and recommends how the "
    "divisible pool of central taxes is split between the Union and the states. The 15th "
    "Finance Commission, chaired by N. K. Singh, gave 41% of the pool to the states. Its "
    "criteria such as population, area and forest cover balance equity with efficiency and "
    "reduce fiscal imbalance between the Union and the states and among the states."
)


def _status(loaded: LoadedRubric, answer: str, opening: str, nlp: Language) -> str:
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return next(c.status for c in report.concepts if c.label.startswith(opening))


def test_the_topic_name_and_a_common_word_earn_no_point(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # trial s47: half the roll-out point (cued GST, levy, taxes) for a sentence saying nothing
    # of the roll-out, its date or the one levy
    assert _status(federalism, "The GST Council is important for taxes.", ROLL_OUT, nlp) == (
        "missing"
    )
    assert _status(federalism, "GST is important for taxes.", ROLL_OUT, nlp) == "missing"


@pytest.mark.parametrize(
    "answer",
    [
        "GST brought many central and state taxes under one levy.",
        "GST came into force on 1 July 2017.",
        "GST has been the single levy on goods and services since its roll-out.",
    ],
)
def test_the_point_said_with_its_topic_name_still_earns(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    assert _status(federalism, answer, ROLL_OUT, nlp) in ("covered", "partial")


def test_a_step_names_a_dimension_as_a_sentence_reads_it(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # trial s47: "Add “…” (The GST Council: not in the answer yet)"
    report = evaluate(FINANCE_ONLY, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    steps = [s.text for s in (*report.feedback.next_steps, *report.feedback.more_steps)]
    assert any("(the GST Council: not in the answer yet)" in s for s in steps), steps
    assert not any("(The GST Council" in s for s in steps), steps


def test_a_compact_file_keeps_each_formats_step_words(tmp_path: Path) -> None:
    # the bundled rubric's dimension "The 2+2 format and its significance", in steps of an
    # answer that never writes of the 2+2
    answer = (
        "Japan and India share a vision of a free and open Indo-Pacific, and their partnership "
        "has grown in trade, investment and defence. Their navies hold the JIMEX exercise every "
        "year and their armies train together in Dharma Guardian. The two countries trade more "
        "every year, and Japanese loans are building the Mumbai-Ahmedabad high-speed rail line "
        "as well as metro lines in several Indian cities. Japan is one of the largest sources "
        "of foreign direct investment in India, and its companies make cars, electronics and "
        "steel in Indian factories. Both countries worry about the rise of China in the region "
        "and take part in the Quad with the United States and Australia. Japan has also helped "
        "India build roads and power lines in the northeast, linking the region with "
        "Bangladesh and Myanmar. Cultural ties are old: Buddhism travelled from India to Japan "
        "many centuries ago, and today thousands of Indian students learn Japanese. Leaders of "
        "the two countries meet every year at an annual summit. Challenges remain, since trade "
        "is still small compared with China's trade with either country, and some projects "
        "move slowly."
    )
    record, out = batch_one(tmp_path, answer, "-q", "2plus2-significance")
    steps = [s["text"] for s in record["report"]["feedback"]["next_steps"]]
    assert any("(the 2+2 format and its significance" in s for s in steps), steps
    assert not any("(The 2+2 format" in s for s in steps), steps
    old = [s["text"] for s in read_as_format(out, 21)["report"]["feedback"]["next_steps"]]
    assert any("(The 2+2 format and its significance" in s for s in old), old


def test_a_common_noun_of_the_subjects_name_is_no_subject_name(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # trial s47: 'council' of 'the GST Council' counted as naming the subject, so an answer
    # on the Council of Ministers passed the off_topic check by it
    names = subject_names(federalism)
    assert "gst" in names
    assert "council" not in names
    other = (
        "The Council of Ministers is led by the Prime Minister and meets every week to settle "
        "policy. Ministers are collectively responsible to the Lok Sabha, and a minister who "
        "disagrees with a decision must resign. The cabinet secretary prepares the agenda and "
        "records what each meeting decides. Ministers of state help the cabinet ministers run "
        "their departments, and the President appoints all of them on the advice of the Prime "
        "Minister."
    )
    report = evaluate(other, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    assert "off_topic" in report.advisory_codes()
    on_topic = evaluate(
        FINANCE_ONLY + " The GST Council, chaired by the Union Finance Minister, sets the rates.",
        federalism,
        federalism.rubric.questions[0].id,
        nlp=nlp,
    )
    assert "off_topic" not in on_topic.advisory_codes()

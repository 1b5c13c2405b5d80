"""Session 46 (derive2): a tutor's trial of `rubric derive` on notes about cooperative federalism
in India. Aliases name one thing; a point's main name cues it; ids end on a content word. The
notes and answers are our own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

NOTES = Path(__file__).parent / "data" / "derive" / "gst-federalism-notes.txt"


def _status(loaded: LoadedRubric, answer: str, opening: str, nlp: Language) -> str:
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return next(c.status for c in report.concepts if c.label.startswith(opening))


@pytest.mark.parametrize(
    "answer",
    [
        "The Planning Commission drew up five-year plans for decades.",
        "NITI Aayog works as a think tank for the Union.",
    ],
)
def test_one_of_two_names_a_sentence_relates_does_not_earn_its_point(
    federalism: LoadedRubric, nlp: Language, answer: str
) -> None:
    # trial s46: "NITI Aayog replaced the Planning Commission ..." had the aliases ["NITI Aayog",
    # "Planning Commission"], so naming either body alone earned the replacement point
    aliases = {a for _, c in federalism.rubric.concepts() for a in c.aliases}
    assert not aliases & {"NITI Aayog", "Planning Commission", "Article 279A"}, aliases
    assert _status(federalism, answer, "NITI Aayog replaced", nlp) != "covered"
    stated = "NITI Aayog replaced the Planning Commission in 2015."
    assert _status(federalism, stated, "NITI Aayog replaced", nlp) == "covered"


def test_other_names_of_one_thing_stay_aliases(
    draft: Callable[[str], LoadedRubric], nlp: Language
) -> None:
    # an acronym and its expansion, or a name "also known as" another, are one thing's names
    loaded = draft(
        "# Indian public finance\n\n## Taxes\n"
        "- The Goods and Services Tax (GST) merged many indirect levies into one tax in 2017.\n"
        "- Customs duties still apply to imports at the border.\n"
        "- The Direct Tax Code, also known as the Income Tax Simplification Code, was drafted to "
        "replace a law of 1961.\n\n## Planning\n"
        "- The Fourteenth Finance Commission raised the share of states to 42 per cent.\n"
        "- The National Development Council, chaired by the Prime Minister, approved every Five "
        "Year Plan.\n"
        "- Central ministries design centrally sponsored schemes for rural roads.\n"
    )
    by_opening = {c.note[:20]: set(c.aliases) for _, c in loaded.rubric.concepts()}
    assert by_opening["The Goods and Servic"] == {"GST", "Goods and Services Tax"}
    code = next(v for k, v in by_opening.items() if k.startswith("The Direct Tax"))
    assert code == {"Direct Tax Code", "Income Tax Simplification Code"}


@pytest.mark.parametrize(
    ("answer", "opening"),
    [
        ("GST came into force on 1 July 2017.", "GST itself was rolled out"),
        ("The states surrendered their taxing powers to GST.", "States gave up much"),
    ],
)
def test_a_point_said_in_other_words_with_its_topic_name_is_reached(
    federalism: LoadedRubric, nlp: Language, answer: str, opening: str
) -> None:
    # trial s46: the points were cued [levy] + [taxes] and [tax] + [transfer], without 'GST' (a
    # word of the notes' title): all six answers missed the roll-out, and "states gave up their
    # taxing powers" the states' loss
    assert _status(federalism, answer, opening, nlp) in ("covered", "partial")


def test_the_topic_name_alone_earns_no_point(federalism: LoadedRubric, nlp: Language) -> None:
    answer = "GST was a big reform for the whole country."
    for opening in ("GST itself was rolled out", "States gave up much"):
        assert _status(federalism, answer, opening, nlp) == "missing"


def test_drafted_ids_cut_short_end_on_a_content_word() -> None:
    # trial s46: the rubric id 'cooperative-federalism-in-india-the-gst-council-and-the' and the
    # question id 'discuss-how-the-gst-council-and-the', cut mid-phrase
    from evaluator.tools.derive.core import derive_rubric

    drafted = derive_rubric(
        NOTES.read_text(encoding="utf-8"),
        question="Discuss how the GST Council and the Finance Commission reflect cooperative "
        "federalism in India.",
    ).data
    assert drafted["id"] == "cooperative-federalism-in-india-the-gst-council"
    assert drafted["questions"][0]["id"] == "discuss-how-the-gst-council"


def test_evidence_ends_before_the_sentence_full_stop(
    federalism: LoadedRubric, nlp: Language
) -> None:
    # trial s46: the tokenizer reads '279A.' as one word, and a learner was told they wrote
    # “Article 279A.”; an initial's full stop stays ('N. K.')
    import json

    answer = (
        "The GST Council was created by the 101st Constitutional Amendment Act under Article "
        "279A. The 15th Finance Commission was chaired by N. K. Singh."
    )
    report = evaluate(answer, federalism, federalism.rubric.questions[0].id, nlp=nlp)
    found = [e.text for c in report.concepts for e in c.evidence]
    assert "Article 279A" in found, found
    assert "279A." not in json.dumps(report.to_dict(), ensure_ascii=False)
    assert any(t.startswith("N. K.") for t in found), found

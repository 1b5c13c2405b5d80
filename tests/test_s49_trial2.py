"""Session 49 (trial 2): a tutor's trial on notes about the Fundamental Duties, Article 51A
(tests/data/derive/fundamental-duties-notes.txt), drafted with a 15-mark 'critically examine'
question; eight answers with a strict mentor's marks (fundamental-duties-answers.yaml). The
notes and answers are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from trial_support import drafted, earned, grade, trial

from evaluator.rubric.loader import LoadedRubric

NOTES, TRIAL, ANSWERS = trial("fundamental-duties")


@pytest.fixture(scope="module")
def duties(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The draft `rubric derive` writes from the notes for the trial's question, untouched."""
    return drafted(NOTES, TRIAL, tmp_path_factory.mktemp("duties"))


def test_the_trials_answers_are_of_the_brief() -> None:
    words = [len(a["text"].split()) for a in ANSWERS.values()]
    assert len(words) == 8 and all(150 <= n <= 250 for n in words), words


def test_the_article_the_title_names_is_no_point(duties: LoadedRubric, nlp: Language) -> None:
    # trial s49-2: 'Article 51A', written in the title, was the alias of the 42nd Amendment's
    # point, and every answer naming the article earned it: the answer listing only the
    # duties' weaknesses (mentor 5) scored 8.5, above the good answer (mentor 7, 7.0)
    aliases = {a for _, k in duties.rubric.concepts() for a in k.aliases}
    assert "Article 51A" not in aliases
    assert not earned(grade(duties, "Article 51A lists the duties of citizens.", nlp))
    said = "The 42nd Amendment of 1976 placed ten duties in Article 51A."
    assert any(label.startswith("The 42nd") for label in earned(grade(duties, said, nlp)))


def test_the_answer_on_the_weaknesses_ranks_below_the_good_one(
    duties: LoadedRubric, nlp: Language
) -> None:
    marks = {k: grade(duties, ANSWERS[k]["text"], nlp).marks for k in ("good", "challenges_only")}
    assert marks["challenges_only"] < marks["good"], marks


@pytest.mark.parametrize(
    ("answer", "said", "opening"),
    [
        (
            "If citizens work hard, India will become a strong nation.",
            "Every citizen must uphold the sovereignty and integrity of India.",
            "Citizens must uphold",
        ),
        (
            "Parliament makes laws for the whole country.",
            "Parliament could list the laws that give effect to each duty.",
            "Parliament could list",
        ),
    ],
)
def test_a_place_or_a_body_of_the_state_alone_is_no_point(
    duties: LoadedRubric, nlp: Language, answer: str, said: str, opening: str
) -> None:
    # the points were cued [India] and [Parliament] alone: the poor answer earned the first by
    # "India will become a developed and happy country", the answer on the Directive
    # Principles the Supreme Court's point by naming the court
    assert not earned(grade(duties, answer, nlp))
    assert any(label.startswith(opening) for label in earned(grade(duties, said, nlp)))

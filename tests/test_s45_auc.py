"""Session 45: a one-letter label with its full stop ('bulb c.') is learned as the letter.

The tokenizer keeps the stop on a one-letter word as on an initial ("bulb c." is 'bulb' + 'c.'),
and the sentence runs on past it. Matching reads 'c.' as 'c'; the learner had kept it apart, so a
tuned Beetle rubric held the learned phrase 'C.' (learned from the 8 answers ending on it,
credited in all 71 that name bulb C) and phrases across two sentences ('c. bulb b'). Our own
question and answers (which bulbs stay lit).
"""

from __future__ import annotations

from typing import Any

import pytest
from quiz_support import tune_draft
from spacy.language import Language

QUESTION = "Bulb A burns out. Which bulbs stay lit, and why?"
REFERENCE = "Bulbs B and C stay lit because they are still in a closed path with the battery."
MARKS = {
    "the ones still lit are bulb b and bulb c. they have their own closed path": 2,
    "bulb b and bulb c. they still have a closed path with the battery": 2,
    "it is bulb b and bulb c. both are in a closed path with the battery": 2,
    "bulbs b and c stay lit because their path is still closed": 2,
    "B and C stay lit, since they are still in a closed path": 2,
    "bulb b and bulb c stay on, their path to the battery is closed": 2,
    "Bulbs B and C, as the battery still closes their path.": 2,
    "none of them stay lit": 0,
    "just bulb c. the others go out with bulb a": 0,
    "only bulb c. it is nearest the battery": 0,
    "bulb a stays lit because it has its own path": 0,
    "all the bulbs go out": 0,
    "they all go out because the circuit is open": 0,
    "only bulb b, it is closest to the battery": 0,
}
"""Two marks: bulbs B and C, still in a closed path."""


@pytest.fixture(scope="module")
def bulbs(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, Any]:
    """The draft `rubric derive --reference ...` writes, and the rubric `rubric tune bulbs
    --graded marks.csv --out tuned/rubric.yaml` writes from the marks above."""
    return tune_draft(
        tmp_path_factory.mktemp("bulbs"), "bulbs", QUESTION, REFERENCE, MARKS, 2, 40, nlp
    )


def test_no_learned_phrase_keeps_a_letters_full_stop_or_runs_past_it(
    bulbs: dict[str, Any],
) -> None:
    learned = [p.label for p in bulbs["result"].learned]
    assert learned  # tuning learned phrases from these marks
    # 'c.' alone, 'bulb c.', 'c. they', 'bulb c. it': none is a phrase a tutor should read
    assert not [label for label in learned if "." in label], learned
    concepts = [c.label for _, c in bulbs["tuned"].rubric.concepts() if c.learned]
    assert not [label for label in concepts if "." in label and not label[0].isupper()]


def test_a_letter_with_its_stop_counts_as_the_letter(bulbs: dict[str, Any]) -> None:
    # 'bulb c' is written by six answers, five of them as "bulb c." before the next sentence:
    # its support counts them all, as grading credits it in all of them
    support = {p.label.lower(): p.support for p in bulbs["result"].learned}
    assert support.get("bulb c") == 6, support

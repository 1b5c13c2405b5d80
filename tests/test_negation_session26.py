"""Session 26 (engine 0.9.90): negations found in trials and in the notes of session 25.

"does not lack" denies the lack: a point that names a lack (a hurdle) is not stated by a
sentence that says there is none, while what the sentence says is there stays asserted. The
sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate

OPENING = "India and Japan are close partners. "

# (question, a sentence that denies a lack, the point naming that lack)
LACK_DENIED = [
    ("pyq-2013-economic",
     "India does not lack the ports and logistics that Japanese manufacturers require.",
     "infrastructure-deficit"),
    ("pyq-2013-economic", "Indian firms do not lack Japanese-language skills.",
     "language-culture-gap"),
    ("pyq-2013-economic", "Indian exporters no longer lack Japanese speakers.",
     "language-culture-gap"),
]  # fmt: skip

# (question, a sentence whose double negation asserts its complement, the point it states)
COMPLEMENT_STATED = [
    ("japan-development-partner", "Japan has not failed to fund the Delhi Metro.",
     "metro-projects"),
    ("pyq-2013-economic", "India lacks the ports and logistics that Japanese manufacturers need.",
     "infrastructure-deficit"),
]  # fmt: skip


def _status(loaded: LoadedRubric, nlp: Language, question: str, sentence: str, point: str) -> str:
    return evaluate(OPENING + sentence, loaded, question, nlp=nlp).concept(point).status


@pytest.mark.parametrize(("question", "sentence", "point"), LACK_DENIED)
def test_denying_a_lack_does_not_state_it(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) != "covered"


@pytest.mark.parametrize(("question", "sentence", "point"), COMPLEMENT_STATED)
def test_a_cancelled_negation_still_states_its_complement(
    india_japan: LoadedRubric, nlp: Language, question: str, sentence: str, point: str
) -> None:
    assert _status(india_japan, nlp, question, sentence, point) == "covered"

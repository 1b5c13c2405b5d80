"""Session 33: what probe s33 and the session's trials found, as sentences a learner would
write. The sentences are our own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.report import Report

OPENING = "India and Japan have built strong ties. "


def _report(loaded: LoadedRubric, nlp: Language, question: str, text: str) -> Report:
    return evaluate(OPENING + text, loaded, question, nlp=nlp)


FALSE_SENTENCES = [
    # the parser reads 'sanction' as a noun with a subject and an object: still a verb's claim
    (
        "indo-pacific-quad",
        "Both India and Japan sanction Russia over Ukraine.",
        "india-no-russia-sanctions",
    ),
]


@pytest.mark.parametrize(
    ("question", "text", "fact"), FALSE_SENTENCES, ids=[t[:40] for _, t, _ in FALSE_SENTENCES]
)
def test_a_wrong_claim_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    report = _report(india_japan, nlp, question, text)
    assert next(f for f in report.facts if f.id == fact).status == "contradicted"
    assert report.marks == 0

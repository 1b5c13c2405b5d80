"""Session 44: four older defects users met in earlier trials (our own wording; the real pipeline,
the bundled rubric and real files).

1. A "not" set off by dashes between two names ("JIMEX - not Malabar - is the bilateral
   exercise") denies the name after it only: the parser had read the two names as one, and the
   true point, JIMEX, was reported as negated.
2. A tuned linear short question rounded to whole marks gives an off-topic answer 0, not the
   intercept rounded up into a mark.
"""

from __future__ import annotations

import pytest

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def _statuses(rubric: LoadedRubric, text: str, question: str) -> dict[str, str]:
    return {c.id: c.status for c in evaluate(text, rubric, question).concepts}


@pytest.mark.parametrize(
    "text",
    [
        "JIMEX - not Malabar - is the bilateral naval exercise of India and Japan; Malabar also "
        "brings in the US and Australia.",
        "The navies of India and Japan hold one bilateral drill, and it is JIMEX - not Malabar. "
        "Malabar also brings in the US and Australia.",
        "JIMEX, not Malabar, is the bilateral naval exercise of India and Japan; Malabar also "
        "brings in the US and Australia.",
    ],
)
def test_a_contrast_denies_only_the_name_after_not(india_japan: LoadedRubric, text: str) -> None:
    statuses = _statuses(india_japan, text, "defence-cooperation")
    assert statuses["jimex"] == "covered"
    # the later clause about Malabar is no denial: the point is credited
    assert statuses["malabar"] == "covered"


def test_the_denied_name_alone_earns_nothing(india_japan: LoadedRubric) -> None:
    """The contrast still denies what follows 'not': Malabar named only there earns nothing."""
    text = "JIMEX - not Malabar - is the bilateral naval exercise of India and Japan."
    statuses = _statuses(india_japan, text, "defence-cooperation")
    assert statuses["jimex"] == "covered"
    assert statuses["malabar"] != "covered"

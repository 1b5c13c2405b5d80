"""Session 42's user trials: a learner in the browser and a teacher at the command line."""

from __future__ import annotations

from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.checks.subject import other_subject
from evaluator.scoring.engine import evaluate

SEAS = (
    "Freedom of navigation in the South China Sea and the East China Sea matters to both "
    "democracies, and the South China Sea carries much of India's trade to the east."
)


def test_a_sea_named_after_a_country_is_no_mention_of_it(india_japan: LoadedRubric) -> None:
    """Trial s42: a list naming "China East China Sea South China Sea" was "mostly about China:
    it names China 3 times", and capped at 10% as off topic."""
    assert other_subject(SEAS, ("japan",), "") is None
    report = evaluate(SEAS, india_japan, "2plus2-significance")
    assert not [a.message for a in report.advisories if "mostly about" in a.message]
    # the country itself still counts: three mentions and no Japan is another subject
    about_china = "China builds ports. China lends money. China claims reefs in the China Seas."
    found = other_subject(about_china, ("japan",), "")
    assert found is not None and (found.name, found.mentions) == ("China", 3)

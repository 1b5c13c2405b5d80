"""Session 45: the phrases `rubric tune` learns are counted where grading credits them.

A tuned Beetle rubric held phrases that said "of the 3 using it" and were credited in 2 ('closest'
also stood for "closer"), 'goes out' that did not count "go out" (stop words alone), and a phrase
the fit had turned from a cost into a point ('not positive', renamed from ``low-marked-`` to
``learned-``) whose answers the fit's own marks then left out. Our own question and answers (two
lamps on separate paths).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from quiz_support import derive_draft
from spacy.language import Language

from evaluator.rubric.loader import load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.graded import GradedAnswer
from evaluator.tools.tune.answers import grade_docs
from evaluator.tools.tune.concepts import add_learned_concepts, with_rubric
from evaluator.tools.tune.folds import TuningForm, fit_form
from evaluator.tools.tune.linear import LinearShortTuner
from evaluator.tools.tune.model import AnswerFeatures
from evaluator.tools.tune.phrases import LearnedPhrase, learn_phrases

ANSWERS = {
    "Each lamp has its own path to the battery, so its path is still closed.": 2,
    "The second lamp sits on a separate path that stays closed.": 2,
    "Its path to the battery is not broken by the first lamp.": 2,
    "The lamps are on different paths, and the second path is complete.": 2,
    "There are two paths, and the one with the second lamp still conducts.": 2,
    "The second lamp has a path of its own back to the cell.": 2,
    "Its circuit is separate, so current still flows through it.": 2,
    "The branch with the second lamp is still a closed loop.": 2,
    "Both lamps goes out together.": 0,
    "All of the lamps go out at once.": 0,
    "The other lamp goes out too.": 0,
    "Every lamp would go out.": 0,
    "The lamp closest to the battery stays on.": 0,
    "The closest lamp gets the current first.": 0,
    "Only the closest lamp stays lit.": 0,
    "The closer lamp keeps its light.": 0,
    "The second lamp is brighter.": 0,
    "It uses a different bulb.": 1,
    "The battery is strong.": 0,
    "The wire is thick.": 1,
}
"""A tutor's marks out of 2."""


@pytest.fixture(scope="module")
def lamps(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> dict[str, Any]:
    """The drafted question, its id, and the answers parsed."""
    folder = Path(tmp_path_factory.mktemp("lamps")) / "lamps"
    derive_draft(
        folder,
        "Why does the lamp in the second branch stay lit when the lamp in the first branch "
        "burns out?",
        [
            "The two lamps are on separate paths to the battery, so a break in one path leaves "
            "the other path closed."
        ],
        2,
        40,
    )
    loaded = load_rubric(folder)
    texts = list(ANSWERS)
    return {
        "loaded": loaded,
        "qid": loaded.rubric.questions[0].id,
        "texts": texts,
        "docs": list(nlp.pipe(texts)),
    }


def _credited(loaded: Any, qid: str, texts: list[str], label: str, nlp: Language) -> int:
    """How many answers the rubric credits the concept labelled ``label`` in."""
    concept_id = next(c.id for _, c in loaded.rubric.concepts() if c.label == label)
    return sum(
        1
        for text in texts
        if any(
            c.id == concept_id and c.credit > 0
            for c in evaluate(text, loaded, qid, nlp=nlp).concepts
        )
    )


def test_a_learned_phrase_is_counted_in_the_answers_grading_credits_it_in(
    lamps: dict[str, Any], nlp: Language
) -> None:
    """Its note's "of the N using it" is the number of graded answers the tuned rubric credits
    it in: 'goes out' counts "go out" (stop words alone, which are learned from no answer),
    'closest' leaves "closer" out (the cue 'closest' does not match it), and a phrase learned
    from "closed" counts "closest" (grading reads its plain word)."""
    texts, docs, loaded, qid = lamps["texts"], lamps["docs"], lamps["loaded"], lamps["qid"]
    phrases = learn_phrases(
        docs,
        [ANSWERS[t] / 2 for t in texts],
        np.zeros((len(texts), 1)),
        content_ends=False,
        stem_keys=True,
        denials=True,
        per_answer=1.0,
        min_share=0.0,
        counts=(16,),
    )
    support = {p.label: p.support for p in phrases}
    assert {"goes out", "closest", "closed"} <= support.keys(), support
    assert support["goes out"] == 4 and support["closest"] == 3 and support["closed"] == 7
    tuned = with_rubric(loaded, add_learned_concepts(loaded.rubric, qid, phrases, len(texts)))
    credited = {p.label: _credited(tuned, qid, texts, p.label, nlp) for p in phrases}
    assert credited == support


def test_the_fits_marks_count_a_phrase_it_turned_into_a_point(
    lamps: dict[str, Any], nlp: Language
) -> None:
    """A phrase learned as a cost that the fit makes earn is renamed (``low-marked-path`` ->
    ``learned-path``); the marks the fit gives (held-out marks, the tuning table's "fires in")
    still count it, as the written rubric does."""
    texts, docs, loaded, qid = lamps["texts"], lamps["docs"], lamps["loaded"], lamps["qid"]
    cost = LearnedPhrase(
        key="path", phrase="path", penalty=True, support=5, high=5, low=0, coefficient=-0.1
    )
    written = with_rubric(loaded, add_learned_concepts(loaded.rubric, qid, [cost], len(texts)))
    assert "low-marked-path" in {c.id for _, c in written.rubric.concepts()}
    pairs = [
        (GradedAnswer(id=str(i), text=t, mark=ANSWERS[t], question=qid, line=i + 2), qid)
        for i, t in enumerate(texts)
    ]
    reports = grade_docs(written, pairs, docs, nlp=nlp)
    features = [AnswerFeatures.from_report(r) for r in reports]
    human = np.array([ANSWERS[t] for t in texts], dtype=float)
    form = TuningForm("rubric", written, reports, features, LinearShortTuner(written.rubric), None)
    model, fitted, _ = fit_form(form, np.arange(len(texts)), pairs, human, learn=False, docs=None)
    point = next(c for _, c in model.tuned_rubric_.concepts() if c.label == "path")
    assert point.id == "learned-path" and not point.penalty
    tuned = with_rubric(written, model.tuned_rubric_)
    credited = _credited(tuned, qid, texts, "path", nlp)
    assert credited and sum(f.credits.get(point.id, 0.0) > 0 for f in fitted) == credited
    graded = [evaluate(t, tuned, qid, nlp=nlp).marks for t in texts]
    assert model.predict(fitted).tolist() == pytest.approx(graded)

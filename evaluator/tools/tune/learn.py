"""Learning new rubric content from a tutor's marks: phrases that separate high marks from low.

From the graded answers of one question, :func:`learn_phrases` mines word n-grams (1-3 tokens, keyed
by lower-case lemmas, the forms matching looks terms up by), keeps those enough answers use, and
selects by inner cross-validation (one-standard-error rule) how many to keep: a ridge regression
of the tutor's marks on the rubric's own marks plus the phrase indicators, for a few phrase counts
and strengths. Phrases with a positive coefficient become ordinary concepts; negative ones become
``penalty`` concepts (a phrase of wrong answers costs credit). :func:`add_learned_concepts` writes
them into the rubric (new points in a ``learned-<question>`` dimension, penalties in the
question's weightiest dimension), each with a note saying how many answers support it.

The weights they finally get are not the ridge's: the rubric with the learned concepts is graded
by the engine and :class:`~evaluator.tools.tune.model.RubricWeightTuner` fits its weights on those
reports, so the tuned rubric gives exactly the marks the tuner predicted.

The work lives in two rooms, and this module gathers their names in one place:
:mod:`evaluator.tools.tune.phrases` mines the phrases from the answers;
:mod:`evaluator.tools.tune.concepts` writes them (and graded answers as exemplars) into a rubric.
"""

from __future__ import annotations

from evaluator.rubric.model import LEARNED_NOTE, examples_dimension_id, learned_dimension_id
from evaluator.tools.tune.concepts import (
    EXAMPLE_NOTE,
    EXEMPLAR_MIN_ANSWERS,
    LEARNED_PREFIXES,
    add_exemplar_concepts,
    add_learned_concepts,
    exemplar_concepts,
    free_id,
    is_learned,
    split_learned_id,
    with_rubric,
)
from evaluator.tools.tune.phrases import (
    ALPHAS,
    DENIAL_KEY,
    MIN_SUPPORT,
    PHRASE_COUNTS,
    LearnedPhrase,
    answer_ngrams,
    learn_phrases,
)

__all__ = [
    "ALPHAS",
    "DENIAL_KEY",
    "EXAMPLE_NOTE",
    "EXEMPLAR_MIN_ANSWERS",
    "LEARNED_NOTE",
    "LEARNED_PREFIXES",
    "MIN_SUPPORT",
    "PHRASE_COUNTS",
    "LearnedPhrase",
    "add_exemplar_concepts",
    "add_learned_concepts",
    "answer_ngrams",
    "examples_dimension_id",
    "exemplar_concepts",
    "free_id",
    "is_learned",
    "learn_phrases",
    "learned_dimension_id",
    "split_learned_id",
    "with_rubric",
]

"""Term and concept matching: pure functions from a spaCy ``Doc`` to findings.

A rubric is compiled once (per pipeline) into phrase indexes keyed by token forms:

* lower-case forms and lemmas, so 'exercises' matches the cue 'exercise';
* stem forms of the American spelling (:func:`evaluator.nlp.lexicon.stem_form`), so 'behaviour'
  matches 'behaviors' and 'simulate' matches 'simulation';
* synonym classes, so 'Tokyo' matches a cue written 'Japan' when the rubric says they are one;
* short all-capital acronyms ('US', 'UN', 'IT') only in capitals, so the pronoun 'us' is not the
  United States;
* misspelt proper nouns of five letters or more within one edit (two from nine letters) of a
  capitalised rubric word, only when the answer's word is not itself a rubric word and the
  nearest rubric word is unambiguous.

Concepts are then credited from their cue groups co-occurring within a small sentence window.

The package: ``forms`` (a token's lookup forms), ``compiled`` (:class:`CompiledRubric`),
``compiler`` (:func:`compile_rubric`, the analysed terms cached on disk), ``terms`` (finding
terms in an answer, :class:`TermMatch`) and ``coverage`` (crediting concepts,
:class:`ConceptMatch`).
"""

from evaluator.scoring.checks.matching.compiled import CompiledRubric
from evaluator.scoring.checks.matching.compiler import compile_rubric
from evaluator.scoring.checks.matching.coverage import (
    ConceptMatch,
    concept_coverage,
    denials_of_other_points,
    extra_word_count,
    proportional_coverage,
    restating_denials,
    touched_concepts,
)
from evaluator.scoring.checks.matching.terms import (
    TermMatch,
    after_non,
    bonus_keywords_used,
    cased_as,
    fact_cue_spans,
    find_terms,
    group_by_term,
    spelling_corrections,
    with_changes,
)

__all__ = [
    "CompiledRubric",
    "ConceptMatch",
    "TermMatch",
    "after_non",
    "bonus_keywords_used",
    "cased_as",
    "compile_rubric",
    "concept_coverage",
    "denials_of_other_points",
    "extra_word_count",
    "fact_cue_spans",
    "find_terms",
    "group_by_term",
    "proportional_coverage",
    "restating_denials",
    "spelling_corrections",
    "touched_concepts",
    "with_changes",
]

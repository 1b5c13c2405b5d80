"""What a point's own claim says, read once when a rubric is compiled (see
:mod:`evaluator.scoring.checks.matching.compiler`): whether it writes a verb of losing ("States
gave up much of their power to tax"), and whether it states a stake in its thing or doubt about
it, which decides what a lost stance ("Japan has lost interest in the AAGC") does to it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from evaluator.rubric.model import Concept
from evaluator.scoring.checks.negation_rules import negation_rules

_WORDS = re.compile(r"[a-z]+")
_WHOLE_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")
"""Words with their hyphens: 'Japanese-funded projects' names projects, and states no stake."""


def writes_a_loss(doc: Doc) -> bool:
    """Whether the parsed text (a point's label or note) writes a verb of losing or giving up
    (``losing_verbs``) as a verb: "States gave up much of their power to tax", "the states lost
    revenue"; not an adjective ("compensation for lost revenue")."""
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod":
            continue
        lemma = token.lemma_.lower()
        children = {c.lower_ for c in token.children}
        for verb in negation_rules().losing_verbs:
            if verb[0] == lemma and all(w in children for w in verb[1:]):
                return True
    return False


def _loss_forms(verb_forms: Mapping[str, str]) -> frozenset[str]:
    """Every form the lemmatizer reads as a verb of losing's first word: the word, its regular
    endings (its suffix rules: 'loses', 'losing', 'surrendered') and its irregular forms ('lost',
    'gave', 'forgone')."""
    forms: set[str] = set()
    for verb in negation_rules().losing_verbs:
        word = verb[0]
        forms.update(word + end for end in ("", "s", "es", "d", "ed", "ing"))
        if word.endswith("e"):
            forms.update(word[:-1] + end for end in ("ing", "ed"))
        forms.update(form for form, lemma in verb_forms.items() if lemma == word)
    return frozenset(forms)


def _may_write_a_loss(text: str, forms: frozenset[str]) -> bool:
    """Whether some word of the text is one of the ``forms`` of a verb of losing: only such a
    text is parsed, the rest cannot write one."""
    return any(word in forms for word in _WORDS.findall(text.lower()))


def loss_claims(
    concepts: Iterable[Concept], nlp: Language, verb_forms: Mapping[str, str]
) -> frozenset[str]:
    """The ids of the concepts whose label or note writes a verb of losing as a verb
    (:func:`writes_a_loss`); each text that may hold one is parsed once, here. Not a point
    `rubric tune` learned, nor an example: their note is a pupil's answer, which no negated
    relation is read against."""
    texts: dict[str, set[str]] = {}
    forms = _loss_forms(verb_forms)
    for concept in concepts:
        if concept.learned or concept.exemplar:
            continue
        for text in (concept.label, concept.note):
            if text and _may_write_a_loss(text, forms):
                texts.setdefault(text, set()).add(concept.id)
    found: set[str] = set()
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        if writes_a_loss(doc):
            found |= texts[text]
    return frozenset(found)


def stance_readings(concepts: Iterable[Concept]) -> tuple[frozenset[str], frozenset[str]]:
    """(the concepts whose claim states a stake in its thing, those whose claim states doubt,
    waning or a lack about it), by the words of their label and note (``stake_words``,
    ``doubt_words``). A point `rubric tune` learned, or an example, is in neither: its note is a
    pupil's answer."""
    rules = negation_rules()
    staking: set[str] = set()
    doubting: set[str] = set()
    for concept in concepts:
        if concept.learned or concept.exemplar:
            continue
        words = set(_WHOLE_WORDS.findall(f"{concept.label} {concept.note}".lower()))
        if words & rules.stake_words:
            staking.add(concept.id)
        if words & rules.doubt_words:
            doubting.add(concept.id)
    return frozenset(staking), frozenset(doubting)

"""What a point's own claim says, read once when a rubric is compiled (see
:mod:`evaluator.scoring.checks.matching.compiler`): whether it writes a verb of losing ("States
gave up much of their power to tax"), and whether it states a stake in its thing or doubt about
it, which decides what a lost stance ("Japan has lost interest in the AAGC") does to it; and
the names of bodies the rubric writes ("the GST Council"), inside which a cue word names the
body, not itself."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc, Token

from evaluator.rubric.model import Concept
from evaluator.scoring.checks.negation_rules import negation_rules, parties
from evaluator.settings import names_settings

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


_RELATIVE = frozenset({"which", "who", "that", "whom"})


def stake_holders(
    concepts: Iterable[Concept], nlp: Language, staking: frozenset[str]
) -> dict[str, frozenset[str]]:
    """Concept id -> the countries its claim names as holding its stake, for the points of
    ``staking``: the subject of a word of stake ('Japan' of "… the South Kuril Islands, which
    Japan claims"), its agent ("financed by Japan") or, for a noun, its owner ("Japanese
    investment"). A point that names none is left out (its stake is the rubric's subject's).
    Each label or note is parsed once, here."""
    texts: dict[str, set[str]] = {}
    for concept in concepts:
        if concept.id in staking:
            for text in (concept.label, concept.note):
                if text:
                    texts.setdefault(text, set()).add(concept.id)
    words = negation_rules().stake_words
    found: dict[str, frozenset[str]] = {}
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        holders = parties(t for token in doc if token.lower_ in words for t in _holder(token))
        if holders:
            for concept_id in texts[text]:
                found[concept_id] = found.get(concept_id, frozenset()) | holders
    return found


def _holder(token: Token) -> list[Token]:
    """The words that say who holds a word of stake: a verb's subject (through a relative
    pronoun to the noun it stands for) or agent, a noun's owner or modifiers."""
    found: list[Token] = []
    if token.pos_ in ("VERB", "AUX"):
        for child in token.children:
            if child.dep_ in ("nsubj", "agent"):
                if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                    found.append(token.head)
                else:
                    found.extend(child.subtree)
    else:
        for child in token.children:
            if child.dep_ in ("poss", "amod", "compound"):
                found.extend(child.subtree)
    return found


_CAPITALISED = re.compile(r"[A-Z0-9][\w]*(?:[-–][A-Za-z0-9]\w*)*")


def body_names(texts: Iterable[str]) -> frozenset[str]:
    """Every name of a body the texts write (a rubric's title, dimension labels and points), in
    lower case: a run of capitalised words ending in a noun of ``body_nouns`` ("the GST
    Council", "the UN Security Council", "the Finance Commission"), and each shorter run that
    ends it ("security council"). A cue word that is only a modifier in such a name in an
    answer names the body, which the rubric knows as a thing of its own (see
    :func:`~evaluator.scoring.checks.ownership.without_owned_cues`); a body the rubric never
    names ("the Mumbai Metro Rail Corporation") is left to the words of its name."""
    bodies = frozenset(w.lower() for w in names_settings().body_nouns)
    found: set[str] = set()
    for text in texts:
        run: list[str] = []
        for word in text.split():
            word = word.strip(".,;:()[]\"'’")
            if _CAPITALISED.fullmatch(word):
                run.append(word.lower())
                if word.lower() in bodies or word.lower().rstrip("s") in bodies:
                    found.update(" ".join(run[k:]) for k in range(len(run) - 1))
            else:
                run = []
    return frozenset(found)

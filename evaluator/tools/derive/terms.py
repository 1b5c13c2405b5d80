"""Cue terms for `rubric derive`: the most specific names, acronyms, hyphenated terms and noun
phrases of a bullet or sentence, ranked by how specific they are in the document (idf over its
units); cue groups built from them; facts from the dates and figures near them."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from evaluator.nlp.lexicon import people_of, stem_form, written_lemma
from evaluator.nlp.quantities import frequencies, ordinal_words
from evaluator.scoring.checks.matching.compiler import plural_senses
from evaluator.settings import quantity_settings
from evaluator.tools.derive.parse import MONEY, PERCENT, YEAR, YEAR_SPAN

# Words too common in any topic to identify a point on their own (also used by suggest).
GENERIC_WORDS = frozenset(
    """
    also area aspect both country countries cooperation relation relations relationship side
    sides way part time year years thing things issue issues matter new work various other
    many several number level levels first second third important key major role term terms
    process use form type kind example case field point people world system include
    including well mean means place question practice stock message frame day room priority
    lot end result effect purpose reason fact idea view need help plan step change growth
    progress support agenda initiative talk talks meeting dialogue agreement partner
    partnership tie ties link interest concern action effort approach basis range set group
    member share power state government minister ministers official officials today present
    past future us programme programmes program programs scheme schemes
    """.split()  # noqa: SIM905
)
_LIGHT_VERBS = frozenset(
    """
    be have do make get go take give say see come keep let seem become
    """.split()  # noqa: SIM905
)
_NAME_LABELS = frozenset(
    """
    ORG GPE PERSON NORP EVENT LAW PRODUCT FAC LOC WORK_OF_ART LANGUAGE
    """.split()  # noqa: SIM905
)
_VALUE_LABELS = frozenset(
    """
    DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY
    """.split()  # noqa: SIM905
)
_THING_LABELS = frozenset({"ORG", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "FAC"})
"""Entity labels of names of things: one of them, written in one point only, names the point."""
_PLACE_OR_PERSON = frozenset({"PERSON", "GPE", "LOC", "NORP"})
_PLACES = frozenset({"GPE", "LOC", "NORP"})
_SECOND_GROUP = 0.6
"""A point whose first cue is a name no other point writes ('UNICORN', 'Joint Service Staff
Talks') gets a second group only for a term at least this share as specific: a weak detail
('Antenna', 'exchange') made the point unreachable for an answer naming the thing in other
words."""
_COMMON_IDF = 2.5
"""Below this idf (in more than about a sixth of the units) a word is the topic, not a point."""
_NOT_ACRONYMS = frozenset({"FY", "PM", "CEO", "AD", "BC", "OK", "TV", "USD", "INR", "Rs"})
_HYPHENATED = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?:-[A-Za-z]{2,})+(?![\w-])")
_HYPHENATED_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:-[A-Z][a-z]+)+(?: [A-Z][a-z]+)+(?![\w-])")
"""A run of capitalised words opening with a hyphenated one: 'Inter-State River Water Disputes
Act'."""
_SPECIAL_TOKEN = re.compile(
    r"(?<![\w+])(\d+\+\d+|\d+/\d+|[A-Z][A-Z0-9&-]*[A-Z0-9](?:-[A-Z]+)?)(?![\w+])"
)


@dataclass
class Term:
    """A candidate cue in one unit: its written form and how specific it is."""

    text: str
    key: str
    score: float
    mates: list[str] = field(default_factory=list)
    """Other specific words of the same phrase: alternatives in the cue group."""
    position: int = 0
    """Character offset of the first occurrence (earlier wins ties)."""
    rare: bool = False
    """Written in this unit only (a word of it, or the whole term, in no other unit)."""
    name: bool = False
    """A name of a thing (an organisation, event, law, product, work or facility the recogniser
    found, a run of capitalised nouns it missed, or an acronym), not a person or a place."""
    numbered: bool = False
    """A name with the ordinal the recogniser read apart from it ('73rd Constitutional Amendment
    Act')."""
    share_of: list[str] = field(default_factory=list)
    """Of a share ('three-fourths'): the nouns that say what it measures and of what, as written
    ('majority', 'votes' of "a majority of three-fourths of the weighted votes")."""


def unit_terms(
    doc: Doc,
    idf: dict[str, float],
    acronyms: dict[str, str],
    *,
    verbs: bool = False,
    bodies: frozenset[str] = frozenset(),
) -> list[Term]:
    """Candidate cue terms of a unit, most specific first.

    Words found in many units of a long document (the topic's own names: 'India', 'Japan')
    identify no point, so they never make a cue on their own. A body of the state that answers
    on any topic name (``bodies``, lower case: 'union', 'parliament'; names.yaml's
    ``standing_bodies``) is read as a word, not as a thing's name.
    """
    common = {k for k, v in idf.items() if v < _COMMON_IDF}
    top_idf = max(idf.values(), default=0.0)
    terms: dict[str, Term] = {}
    expansions = {e.lower(): a for a, e in acronyms.items()}
    text = doc.text

    def add(
        written: str,
        key: str,
        score: float,
        mates: list[str] | None = None,
        at: int = 0,
        name: bool = False,
        numbered: bool = False,
    ) -> None:
        if key in common:
            return
        if key in terms:
            terms[key].score = max(terms[key].score, score)
            terms[key].name = terms[key].name or name
            terms[key].numbered = terms[key].numbered or numbered
            return
        words = [key, *re.split(r"[\s-]+", key)]
        rare = max(_idf_either_number(w, idf) for w in words) >= top_idf - 1e-9
        terms[key] = Term(written, key, score, list(mates or []), at, rare, name, numbered)

    for match in _SPECIAL_TOKEN.finditer(text):
        token = match.group(1)
        if token.isdigit() or token in _NOT_ACRONYMS or text[match.end() : match.end() + 1] == "$":
            continue
        add(token, token.lower(), 2.5 * idf.get(token.lower(), 1.0), name=token.isupper())
    for match in _HYPHENATED.finditer(text):
        parts = [p.lower() for p in match.group(0).split("-")]
        if all(p in GENERIC_WORDS or len(p) < 3 for p in parts):
            continue
        add(match.group(0), match.group(0).lower(), 1.8 * max(idf.get(p, 1.0) for p in parts))
        if _a_value(match.group(0)):
            terms[match.group(0).lower()].share_of = _share_nouns(doc, match.end())
    for match in _HYPHENATED_NAME.finditer(text):
        # a name the recogniser misses because it opens with a hyphenated word ("the
        # Inter-State River Water Disputes Act": trial 38's draft cued the Act's point by
        # [Union] + [Act] and never by its name); not one cut before a bracket ("... Disputes
        # (Amendment) Bill"), whose own end is the bracket's
        if text[match.end() : match.end() + 2] == " (":
            continue
        add(match.group(0), match.group(0).lower(), 2.0 * _idf_of(match.group(0), idf), name=True)
    for ent in _whole_names(doc):
        if ent.label_ not in _NAME_LABELS:
            continue
        words = [t for t in ent if t.lower_ not in ("the", "'s") and not t.is_punct]
        name = text[words[0].idx : words[-1].idx + len(words[-1].text)] if words else ""
        if name.endswith(".") and name.count(".") == 1:
            name = name[:-1]  # the sentence's full stop ("under Article 243-I."), no initial's
        if not name or name.lower() in GENERIC_WORDS or name in _NOT_ACRONYMS:
            continue
        acronym = expansions.get(name.lower())
        if len(words) == 1 and name.lower() in bodies and acronym is None:
            # "depend on tied grants from the Union and the states": the recogniser's 'Union'
            # is the government an answer names in any point; as a name it ranked first, alone
            # in its group, and "The Union government controls the army" earned the point on
            # own revenue (session 49); the word's own score ranks it among the point's words
            continue
        number = _number_before(words[0]) if words and ent.label_ in _THING_LABELS else None
        forms: list[str] = []
        if number is not None and acronym is None:
            # the number names the thing ("the 73rd Constitutional Amendment Act", where the
            # recogniser reads '73rd' apart): without it the 74th earned the 73rd's point and
            # its year (session 49)
            forms = numbered_forms(number, words)
            name = forms.pop(0)
        # who met or signed is seldom the point: a person in an aside ranks below the thing
        depth = _depth(ent.root) if ent.label_ == "PERSON" else 1.0
        add(
            acronym or name,
            (acronym or name).lower(),
            2.0 * _idf_of(name, idf) / depth,
            forms,
            name=ent.label_ in _THING_LABELS,
            numbered=bool(forms),
        )
    token_scores: dict[int, float] = {}
    for token in doc:
        if token.is_stop or not token.is_alpha or len(token.text) < 3:
            continue
        if token.ent_type_ in _VALUE_LABELS:
            continue  # months, ordinals, amounts: facts check those, cues should not
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.text
        key = lemma.lower()
        if key in GENERIC_WORDS or key in _LIGHT_VERBS or token.text in _NOT_ACRONYMS:
            continue
        weight = {"PROPN": 1.6, "NOUN": 1.2, "ADJ": 0.5, "VERB": 0.6 if verbs else None}.get(
            token.pos_
        )
        if weight is None or _in_hyphenated(token):
            continue
        # core arguments sit near the root of the parse; asides and purposes sit deeper
        token_scores[token.i] = weight * idf.get(key, 1.0) / _depth(token)
        written = _written(token) if token.pos_ != "PROPN" else lemma
        add(written, key, token_scores[token.i], at=token.idx)
    for chunk in doc.noun_chunks:
        content = [
            t for t in chunk
            if t.is_alpha and not t.is_stop and t.pos_ in ("ADJ", "NOUN", "PROPN")
        ]  # fmt: skip
        while content and (
            (content[0].lower_ in GENERIC_WORDS and not _numbers_a_name(content))
            or (content[0].ent_type_ in _VALUE_LABELS and not _numbers_a_name(content))
            or content[0].lemma_.lower() in common  # the topic's 'Indian students'
        ):
            content = content[1:]
        if not 2 <= len(content) <= 4 or content[-1].pos_ == "ADJ":
            continue
        if content[-1].i - content[0].i != len(content) - 1:
            continue  # not contiguous ("rules-based order" parts split by a hyphen)
        scored = sorted(
            (t for t in content if t.i in token_scores), key=lambda t: -token_scores[t.i]
        )
        if not scored:
            continue
        best = token_scores[scored[0].i]
        proper = any(t.pos_ == "PROPN" for t in content)
        written = text[content[0].idx : content[-1].idx + len(content[-1].text)]
        mates = [
            _written(t) if t.pos_ != "PROPN" else t.text
            for t in scored[:2]
            if t.pos_ in ("NOUN", "PROPN")
            and token_scores[t.i] >= 0.5 * best
            and t.lemma_.lower() not in GENERIC_WORDS
            and t.lemma_.lower() not in common
        ]
        lemma_key = " ".join(t.lemma_.lower() for t in content)
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in content):
            # a name the recogniser missed ('a Comprehensive Strategic Partnership'): scored as
            # a name by its most specific word, not as the best of its words, and lower the
            # deeper it sits, as a word is (without the depth: mean rho 0.925 -> 0.916 in
            # benchmarks/derive_mains.py)
            score = 2.0 * _idf_of(written, idf) / _depth(content[-1])
            # a person or a place the recogniser found is no thing's name ('Prime Minister Abe')
            thing = not any(t.ent_type_ in _PLACE_OR_PERSON for t in content)
            add(written, written.lower(), score, [], content[0].idx, name=thing)
            continue
        score = 1.1 * best
        named = _subject_named(chunk, content)
        if named:
            # the point is about the thing its subject names ("The Krishna tribunal (Bachawat)
            # gave its award ..."): the phrase ranks first, ahead of its own name and of the
            # names beside it (trial 38: 'Andhra Pradesh', 'Bachawat' and 'Brijesh Kumar'
            # outranked it and the tribunal's point had no 'Krishna' cue)
            # (its name stands in for it, not its common noun: any 'tribunal' is no point)
            score = (
                max(
                    score,
                    *(terms[k].score for k in named if k in terms),
                    *(t.score for t in terms.values() if t.name),
                )
                + 1e-3
            )
            # the name before the noun ('Krishna'; every word before it is a name)
            last = content[-2]
            mates = [text[content[0].idx : last.idx + len(last.text)]]
        if _numbered(content[0]):
            # a numbered name ('Eleventh Schedule'): its noun names every other number's too
            # (trial s48: "the Twelfth Schedule lists 18 subjects" earned the Eleventh's point
            # by the alternative 'Schedule'), and its number alone names nothing
            mates = []
        # (an ordinal the recogniser read apart numbers the name: '73rd' of "the 73rd
        # Constitutional Amendment Act")
        numbered = content[0].ent_type_ in _VALUE_LABELS
        add(written if proper else written.lower(), lemma_key, score, mates, content[0].idx,
            numbered=numbered)  # fmt: skip
    ranked = sorted(terms.values(), key=lambda t: (-round(t.score, 6), t.position, t.key))
    return ranked


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _numbered(token: Token) -> bool:
    """Whether a word numbers the name it opens: an ordinal ('Eleventh', 'Fifth', '73rd')."""
    low = token.lower_
    return low in ordinal_words() or re.fullmatch(r"\d+(?:st|nd|rd|th)", low) is not None


def _number_before(first: Token) -> Token | None:
    """The ordinal right before a name's first word ('73rd' of "the 73rd Constitutional
    Amendment Act", 'Fifteenth' of "the Fifteenth Finance Commission"), or None."""
    if first.i == 0:
        return None
    before = first.doc[first.i - 1]
    return before if _names_by_number(before) and before.whitespace_ else None


def _numbers_a_name(content: list[Any]) -> bool:
    """Whether a phrase opens with an ordinal that numbers the capitalised name after it."""
    return len(content) > 1 and _names_by_number(content[0]) and content[1].text[:1].isupper()


def _names_by_number(token: Token) -> bool:
    """An ordinal that tells one of a series from the others: in digits ('73rd', '15th') or a
    capitalised word inside the sentence ('the Eleventh Schedule'); not a word in lower case,
    which counts occasions ("the seventh Joint Working Group on Defence Equipment ... met", "the
    first Joint Service Staff Talks took place"): an answer naming the group without it makes
    the point."""
    if not _numbered(token):
        return False
    if token.text[:1].isdigit():
        return True
    return token.text[:1].isupper() and not token.is_sent_start


def numbered_forms(number: Token, words: list[Any]) -> list[str]:
    """A numbered name as answers write it, its number always kept: the whole name, without the
    words they leave out ('73rd Constitutional Amendment', '73rd Amendment'; quantities.yaml's
    ``numbered_name_fillers``), and with the number in the other spelling ('Fifteenth Finance
    Commission' of '15th Finance Commission'). The first is the whole name."""
    fillers = set(quantity_settings().numbered_name_fillers)
    texts = [w.text for w in words]
    forms = [" ".join([number.text, *texts])]
    trailing = list(texts)
    while len(trailing) > 1 and trailing[-1].lower() in fillers:
        trailing.pop()
    forms.append(" ".join([number.text, *trailing]))
    kept = [t for t in trailing if t.lower() not in fillers]
    if kept:
        forms.append(" ".join([number.text, *kept]))
    spelt = _other_spelling(number.text)
    if spelt:
        forms += [" ".join([spelt, *texts])]
    return list(dict.fromkeys(forms))[:3]


def _other_spelling(ordinal: str) -> str | None:
    """'15th' <-> 'Fifteenth' for the ordinals quantities.yaml spells; None for others."""
    words = ordinal_words()
    low = ordinal.lower()
    if low in words:
        return f"{words[low]}{_suffix(words[low])}"
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", low)
    if digits:
        spelt = next((w for w, n in words.items() if n == int(digits.group(1))), None)
        return spelt.capitalize() if spelt else None
    return None


def _suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _idf_either_number(word: str, idf: Mapping[str, float]) -> float:
    """A word's idf, or its singular's where that is commoner: "State Finance Commissions" is no
    name only one point writes when another writes "a State Finance Commission" (trial s48: it
    was cued by the name alone, and every answer naming the commission earned the point about
    its delays)."""
    own = idf.get(word, 0.0)
    if word.endswith("s") and not word.endswith("ss") and word[:-1] in idf:
        return min(own, idf[word[:-1]])
    return own


def _subject_named(chunk: Span, content: list[Any]) -> list[str]:
    """The names (lower case) that modify the subject the unit opens with, a common noun:
    'krishna' of "The Krishna tribunal gave its award"; none for any other phrase."""
    root = chunk.root
    if chunk.start != 0 or root.dep_ not in _SUBJECTS or root.pos_ != "NOUN":
        return []
    if content[-1].i != root.i:
        return []
    names = [t for t in content[:-1] if t.pos_ == "PROPN"]
    if not names or len(names) != len(content) - 1:
        return []  # 'the permanent Krishna tribunal': an adjective's phrase is no name's
    return [t.text.lower() for t in names]


_NAME_TAILS = frozenset({"of", "for", "and", "the", "in", "on", "to", "at", "with"})
_FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})


def _whole_names(doc: Doc) -> list[Span]:
    """The recogniser's names, mended where it cut one short or ran it on: "the Bay of" with
    "Bengal" right after it is "the Bay of Bengal"; "the Indian Housing Project for war" (of
    "for war-affected families") is "the Indian Housing Project"; a name never ends on "of"."""
    ents = list(doc.ents)
    mended: list[Span] = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            ent[-1].lower_ in _NAME_TAILS
            and nxt is not None
            and nxt.start == ent.end
            and nxt.label_ not in _VALUE_LABELS  # "the National Perspective Plan of 1980"
        ):
            mended.append(Span(doc, ent.start, nxt.end, label=ent.label_))
            i += 2
            continue
        # a name ends before a verb the recogniser ran it into: "the Union List lets
        # Parliament" is "the Union List", "Article 262 keeps" is "Article 262" (trial 38: no
        # answer writes either, and one was an alias a learner's report quoted)
        verb = next((t.i for t in ent[1:] if t.tag_ in _FINITE_VERB_TAGS), ent.end)
        end = verb
        if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
            # the name runs into a hyphenated word: cut it before its last preposition
            cut = max((t.i for t in ent if t.lower_ in _NAME_TAILS), default=-1)
            end = cut if cut > ent.start else end
        while end > ent.start and doc[end - 1].lower_ in _NAME_TAILS:
            end -= 1
        # a list the recogniser ran into one name ("nor to Nagaland, Meghalaya and Mizoram":
        # 'Nagaland, Meghalaya') is its items: no answer writes the pair as one name, and the
        # draft had made it an alias (trial s48)
        start = ent.start
        for item in [t for t in doc[ent.start : end] if _listed_after_comma(t, ent.start, end)]:
            mended.append(Span(doc, start, item.i - 1, label=ent.label_))
            start = item.i
        if end > start:
            mended.append(Span(doc, start, end, label=ent.label_))
        i += 1
    return mended


def _listed_after_comma(token: Token, start: int, end: int) -> bool:
    """Whether a word of a name from ``start`` to ``end`` opens a further item of a list: a
    conjunct of an earlier word of it, after a comma."""
    return (
        token.dep_ == "conj"
        and start <= token.head.i < token.i < end
        and token.i - 1 > start
        and token.doc[token.i - 1].text == ","
    )


def topic_adjective(key: str, topic: frozenset[str]) -> bool:
    """Whether ``key`` is a topic word's adjective or its people ('australian' of 'australia',
    'japanese' of 'japan', 'chinese' of 'china', 'pakistani' of 'pakistan'), or the place a
    topic adjective names ('india' of 'Indian monsoon'): the topic too."""
    return any(people_of(key, word) or people_of(word, key) for word in topic if word != key)


def _in_hyphenated(token: Any) -> bool:
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return bool(before or after)


def _depth(token: Any) -> float:
    """Core arguments sit near the root of the parse; asides and purposes sit deeper."""
    return 1.0 + 0.15 * sum(1 for _ in token.ancestors)


def _idf_of(text: str, idf: dict[str, float]) -> float:
    values = [idf.get(w.lower(), 1.0) for w in text.split()]
    return max(values) if values else 1.0


def cue_groups(
    terms: list[Term], short_text: bool, acronyms: Mapping[str, str] | None = None
) -> list[list[str]]:
    """Two or three any-of groups of the unit's most specific, non-overlapping terms. An
    acronym and its expansion ('MCC', 'Model Code of Conduct') are one name: never two groups,
    or the name alone would earn the point."""
    groups: list[list[str]] = []
    used: set[str] = set()
    names = {short.lower(): _words(long) for short, long in (acronyms or {}).items()}
    named: set[str] = set()  # the words of an acronym taken and of its expansion
    limit = 3 if len(terms) >= 5 else 2
    floor = 0.0 if short_text else 1.0
    best = terms[0].score if terms else 0.0
    first_rare = False
    shares = {t.text.lower(): t.share_of for t in terms if t.share_of}
    for term in terms:
        words = set(re.split(r"[\s-]+", term.key))
        if words & used or term.score < floor or _people_of_used(words, used):
            if groups and words <= named:
                # the first group's name written out again ('CVC' and 'Central Vigilance
                # Commission'): a name the unit repeats needs a detail beside it to be a point
                first_rare = False
            continue
        if len(groups) >= 2 and term.score < 0.75 * best:
            break  # a third group only for a strong term: weak ones block full credit
        if len(groups) == 1 and first_rare and term.score < _SECOND_GROUP * best:
            break  # a name only this point writes identifies it; a weak detail blocks it
        group = [balanced(term.text)]
        mates = list(term.mates)
        if (
            len(groups) == 1
            and groups[0][0].lower() in shares
            and term.text in shares[groups[0][0].lower()]
        ):
            # what a share measures and what it is a share of say one thing ("a three-fourths
            # majority", "three-fourths of the weighted votes"): either is the point beside it;
            # not another word ('women' of "one-third of all seats ... reserved for women")
            mates += [w for w in shares[groups[0][0].lower()] if w != term.text]
        for mate in mates:
            if mate.lower() not in used and mate.lower() not in {g.lower() for g in group}:
                group.append(balanced(mate))
        if not groups:
            # a name alone: not 'AI' or 'UN', nor a phrase whose own words would stand in for
            # it ('separate peace treaty', 'peace': any 'peace' would earn the point)
            # (nor an acronym: the notes name the thing under it in several points, 'EVMs
            # were used from 2004', 'doubts about EVM tampering', and a point needs its detail)
            # (nor a share or count: 'one-third' of "Not less than one-third of all seats ...
            # are reserved for women" is a third of anything; alone it had earned the women's
            # reservation for "One-third of the Rajya Sabha retires every two years", session 49)
            first_rare = (
                term.rare
                and len(term.key) > 2
                and len(group) == 1
                and term.key not in names
                and not _a_value(term.key)
            )
        groups.append(group[:3])
        used |= words | {m.lower() for m in group}
        for short, expansion in names.items():
            if short in used or (words and words <= expansion):
                used |= expansion | {short}
                named |= expansion | {short}
        if len(groups) == limit:
            break
    return groups


def _share_nouns(doc: Doc, end: int) -> list[str]:
    """The nouns a share written up to character ``end`` measures and is a share of: 'majority'
    and 'vote' of "a majority of three-fourths of the weighted votes", 'seat' of "one-third of
    all seats"."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    value = span[-1]
    found = []
    if value.dep_ == "pobj" and value.head.lower_ == "of" and value.head.head.pos_ == "NOUN":
        found.append(value.head.head)  # "a majority of three-fourths"
    for prep in value.children:
        if prep.lower_ == "of":
            found += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return [_written(t) for t in found]


def _a_value(key: str) -> bool:
    """Whether a term is a number, share or ordinal in words ('one-third', 'two-thirds',
    'fifty'; quantities.yaml)."""
    settings = quantity_settings()
    known = {*settings.number_words, *settings.hundreds, *settings.fractions, *ordinal_words()}
    parts = [p for p in re.split(r"[\s-]+", key.lower()) if p]
    return bool(parts) and all(p in known or p.isdigit() for p in parts)


def _people_of_used(words: set[str], used: set[str]) -> bool:
    """Whether a term is a place's people or adjective already in a group, or the place of one
    ('chinese' beside 'china'): one name, never two groups."""
    return any(people_of(w, u) or people_of(u, w) for w in words for u in used)


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s()-]+", text.lower()) if w}


def balanced(text: str) -> str:
    """A term without an unclosed bracket ('Model Code of Conduct (MCC' -> 'Model Code of
    Conduct'): a cue is matched word for word, and no answer writes the stray bracket."""
    if text.count("(") != text.count(")"):
        text = re.sub(r"\s*[()]\s*[^()]*$", "", text) if "(" in text else text.replace(")", "")
    return text.strip() or text


def mend_plural_lemmas(docs: Iterable[Doc], nlp: Language) -> None:
    """Read each plural noun the lemmatizer lists under several lemmas as the one of them that
    is the written word's: 'taxes' as 'tax', not 'taxis' (the lemmatizer's pick whatever the
    sentence means), so one point's "tax" and "taxes" are one word, never two cue groups that
    one 'tax' of an answer earns both of (session 49: "levy a property tax, and these taxes pay
    for roads" was cued [property tax | tax] + [taxes]). Where no lemma or several share the
    word's stem, the lemmatizer's stands. The cue still writes the notes' word ('taxes');
    how often the notes write a word is counted before (:func:`unit_idf`)."""
    senses = plural_senses(nlp)
    for doc in docs:
        for token in doc:
            options = senses.get(token.lower_) if token.pos_ == "NOUN" else None
            if options:
                own = [s for s in options if stem_form(s) == stem_form(token.lower_)]
                if len(own) == 1:
                    token.lemma_ = own[0]
                    doc.user_data.setdefault(_MENDED, set()).add(token.i)


_MENDED = "derive_mended_plurals"
"""``Doc.user_data`` key: the tokens :func:`mend_plural_lemmas` gave another lemma."""


def _written(token: Token) -> str:
    """How a cue writes a word (:func:`written_lemma`); a plural whose lemma was mended keeps
    the notes' own word ('taxes'), as the draft wrote it before (matching reads it as 'tax')."""
    if token.i in token.doc.user_data.get(_MENDED, ()):
        return token.lower_
    return written_lemma(token.text, token.lemma_, token.pos_)


def unit_idf(docs: list[Doc]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in docs:
        keys = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
        keys |= {m.group(1).lower() for m in _SPECIAL_TOKEN.finditer(doc.text)}
        df.update(keys)
    n = len(docs)
    if n < 12:  # a short text: every word may be a point
        return {k: max(_COMMON_IDF, math.log((n + 1) / (v + 1)) + 1.0) for k, v in df.items()}
    return {k: math.log((n + 1) / (v + 1)) + 1.0 for k, v in df.items()}


def concept_facts(
    concept_id: str, unit: str, groups: list[list[str]], doc: Doc | None = None
) -> list[dict[str, Any]]:
    """Dates and figures of a concept's unit, each cued by the cue group written nearest to it
    (a value far from every cue is left out: the checker would pin it on the wrong claim).

    With the unit's parse (``doc``), nearest is along the parse, not along the line: in
    "AUSINDEX, a naval exercise held since 2015, and AUSTRAHIND, an army exercise", 2015 is
    AUSINDEX's (four arcs, five to AUSTRAHIND) though AUSTRAHIND is written closer: a true
    "AUSTRAHIND was first held in 2016" had been told the notes say 2015. A value with no cue
    within :data:`FACT_ARCS` arcs is left out."""
    found: list[tuple[str, int, dict[str, Any]]] = []
    money = [m for m in MONEY.finditer(unit) if not _bound(unit, m.start())]
    if len(money) == 1:
        m = money[0]
        value = float(m.group("num").replace(",", ""))
        expected: dict[str, Any] = {"kind": "money", "value": _number(value)}
        if m.group("scale"):
            expected["scale"] = m.group("scale").lower()
        expected["currency"] = _currency(m.group("cur"))
        expected["tolerance"] = _number(round(value * 0.05, 2))
        found.append(("money", m.start(), expected))
    percents = _to_value(unit, [m for m in PERCENT.finditer(unit) if not _bound(unit, m.start())])
    if len(percents) == 1:
        value = float(percents[0].group(1))
        found.append(("percent", percents[0].start(), {"kind": "percent", "value": _number(value)}))
    unmoneyed = MONEY.sub(lambda m: " " * len(m.group(0)), unit)
    years = list(YEAR.finditer(unmoneyed))
    # a span of years ("covers 2026-31") is a date of its own: beside a year, the unit dates
    # two things, and an answer giving the span would be told the year is wrong (trial 30b)
    spans = len(YEAR_SPAN.findall(unmoneyed))
    if len({m.group(1) for m in years}) + spans > 1:
        # of several, years in brackets are asides ("set up in 1990 on the Sarkaria
        # Commission's advice (1983 to 1988)"); a bracketed year alone dates its name ("S.R.
        # Bommai v Union of India (1994)")
        outside = _ASIDE.sub(lambda m: " " * len(m.group(0)), unmoneyed)
        years = list(YEAR.finditer(outside))
        spans = len(YEAR_SPAN.findall(outside))
    if len({m.group(1) for m in years}) > 1 and not spans and doc is not None:
        # of several, the first, where it dates the sentence's main claim ("The Cauvery tribunal
        # was set up in 1990 and gave its final award in 2007, notified only in 2013": 1990);
        # not one of a later clause ("gave its award in 1973; the second tribunal reported in
        # 2010")
        first = _token_at(doc, years[0].start())
        if first is not None and _dates_the_main_claim(first):
            years = [m for m in years if m.group(1) == years[0].group(1)]
    if len({m.group(1) for m in years}) == 1 and not spans:
        found.append(("year", years[0].start(), {"kind": "year", "value": int(years[0].group(1))}))
    often = frequencies(unit)
    if len(often) == 1:  # "set up every five years": an answer's "every ten years" is wrong
        count, per, position = often[0]
        found.append(("every", position, {"kind": "number", "value": count, "unit": per}))
    counts = _counts(doc, unit) if doc is not None else []
    if len(counts) == 1:  # "lists 29 subjects": an answer's "18 subjects" is wrong
        count_value, noun, position = counts[0]
        found.append(("count", position, {"kind": "number", "value": count_value, "unit": noun}))
    facts = []
    lowered = unit.lower()
    # the name the sentence is about, where the point's cues are only in another clause than the
    # value or out of reach: a point's cues leave out the notes' topic, so "GST itself was rolled
    # out ... on 1 July 2017, folding ... taxes into one levy" had pinned 2017 on 'taxes', and
    # "The 15th Finance Commission, chaired by N. K. Singh, recommended that 41% ..." lost its
    # 41%: an answer writing 2019 or 42% was not told (trial s46)
    subject = _subject_name(doc)
    for kind, position, expected in found[:2]:
        at_value = _token_at(doc, position) if doc is not None else None
        # a year written before a noun names that thing ("Section 11 of the 1956 Act", "the
        # 2002 amendment, following the Sarkaria Commission"): it dates no other cue (session
        # 38: the Act's 1956 had been pinned on 'Section 11', 2002 on the Sarkaria Commission)
        named = _named_by(at_value) if kind == "year" else None
        nearest = _nearest_cue(doc, lowered, groups, position, at_value, named)
        if (
            subject
            and named is None
            and at_value is not None
            and (nearest is None or nearest[0][0])
        ):
            own = _nearest_cue(doc, lowered, [[subject]], position, at_value, None)
            if own is not None and (nearest is None or own[0][0] < nearest[0][0]):
                nearest = own
        if nearest is None or (at_value is None and nearest[0][2] > 80):
            continue
        cues = list(dict.fromkeys(nearest[1]))
        if kind == "every":
            cues = _frequency_cues(doc, subject, nearest, groups)
            if not cues:
                continue
        elif kind == "count" and not any(c != c.lower() for c in cues):
            # how many is said of many things ("29 subjects" is the Eleventh Schedule's, 18 the
            # Twelfth's): only a name cues it
            cues = next((g for g in groups if any(c != c.lower() for c in g)), [])
            if not cues:
                continue
        if kind == "every" and at_value is not None:
            # the name of what is done that often cues it too: "The Governor appoints a State
            # Finance Commission every five years under Article 243-I" had been cued by the
            # article alone, and "a State Finance Commission every ten years" was not told
            # (trial s48)
            done = _done_that_often(at_value)
            for group in groups:
                if done and any(
                    c != c.lower() and done[0] <= lowered.find(c.lower()) < done[1] for c in group
                ):
                    cues = list(dict.fromkeys([*cues, *group]))
        fact = {
            "id": f"{concept_id}-{kind}",
            "concept": concept_id,
            "claim": unit,
            "cues": cues,
            "expected": expected,
        }
        phrase = _cue_phrase(doc, unit, nearest[1][0]) if doc is not None else None
        if phrase:
            fact[_PHRASE] = phrase
        facts.append(fact)
    return facts


def _counts(doc: Doc, unit: str) -> list[tuple[int, str, int]]:
    """(count, plural noun, start) of each count of things a unit writes in digits: "The
    Eleventh Schedule lists 29 subjects" -> (29, 'subjects', ...). Not a bound ("below 20
    lakh", "at least 21 years"), a date or a duration (the recogniser's DATE and TIME), a year,
    an amount or a share."""
    found = []
    for token in doc:
        head = token.head
        if (
            token.dep_ == "nummod"
            and token.text.isdigit()
            and token.ent_type_ == "CARDINAL"
            and head.tag_ == "NNS"
            and head.i == token.i + 1
            and not YEAR.fullmatch(token.text)
            and not _bound(unit, token.idx)
        ):
            found.append((int(token.text), head.lower_, token.idx))
    return found


def _done_that_often(token: Any) -> tuple[int, int] | None:
    """The characters of what the verb a frequency qualifies acts on (its object, or its
    subject in the passive): 'a State Finance Commission' of "The Governor appoints a State
    Finance Commission every five years", 'The Finance Commission' of "The Finance Commission
    is set up every five years"; None when there is no such verb or thing."""
    verb = next((a for a in token.ancestors if a.pos_ == "VERB"), None)
    if verb is None:
        return None
    thing = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if thing is None:
        return None
    words = list(thing.subtree)
    return words[0].idx, words[-1].idx + len(words[-1].text)


_PHRASE = "_phrase"
"""A derived fact's key (dropped before it is written) for its cue with the noun it modifies
('Cauvery tribunal' of the cue 'Cauvery'): the cue to use where the notes date the bare cue
with other years too."""


def _nearest_cue(
    doc: Doc | None,
    lowered: str,
    groups: list[list[str]],
    position: int,
    at_value: Any,
    named: Any,
) -> tuple[tuple[int, int, int], list[str]] | None:
    """((verbs passed, arcs, characters), group) of the cue group written nearest the value at
    ``position``: along the parse first, the value's own clause before another ("loans and
    grants (ODA) since 1958 and is India's largest bilateral donor": 'donor' is fewer arcs away
    but in the clause of 'is'), then along the line; None when no cue is within
    :data:`FACT_ARCS` arcs (or, for a year naming a noun, none is that noun)."""
    nearest: tuple[tuple[int, int, int], list[str]] | None = None
    for group in groups:
        for alternative in group:
            at = lowered.find(alternative.lower())
            if at < 0:
                continue
            span = _tokens_in(doc, at, at + len(alternative)) if doc is not None else []
            distance = (0, 0, abs(at - position))
            if named is not None and not any(t.i == named.i for t in span):
                continue
            if at_value is not None and span:
                distance = min((*_path(at_value, cue), distance[2]) for cue in span)
                if distance[1] > FACT_ARCS:
                    continue
            if nearest is None or distance < nearest[0]:
                nearest = (distance, group)
    return nearest


def _frequency_cues(
    doc: Doc | None,
    subject: str | None,
    nearest: tuple[tuple[int, int, int], list[str]],
    groups: list[list[str]],
) -> list[str]:
    """The cues of a claim of how often: names only, for how often is said of many things
    ("elections are held every five years" is true of the Lok Sabha, "every two years" of the
    Rajya Sabha). The name the sentence is about comes first ('Finance Commission' of "The
    Finance Commission is set up under Article 280 every five years", 'Lok Sabha' of "Elections
    to the Lok Sabha are held every five years"), then the names of the cue group nearest the
    value in its own clause ('Article 280'; not 'House' of "… unless the President dissolves the
    House earlier"): an answer's "The Finance Commission is set up every six years" had gone
    unread, the fact being cued by 'Article 280' alone (session 48). Without either, the first
    group that holds a name."""
    about = subject or _name_in_subject(doc)
    if about is not None and doc is not None:
        words = set(about.split())
        # "India holds elections every five years": a country does many things (the small
        # model's people are left in: it takes 'Lok Sabha' for one)
        if any(t.ent_type_ in _PLACES for t in doc if t.text in words):
            about = None
    (verbs_passed, _, _), group = nearest
    named = [c for c in group if c != c.lower()] if verbs_passed == 0 else []
    cues = list(dict.fromkeys([*([about] if about else []), *named]))
    if cues:
        return cues
    return next((g for g in groups if any(c != c.lower() for c in g)), [])


def _name_in_subject(doc: Doc | None) -> str | None:
    """The proper name inside the subject phrase of a one-sentence unit's main verb, when the
    subject itself is a common noun: 'Lok Sabha' of "Elections to the Lok Sabha are held …" and
    of "Lok Sabha elections are held …"; None when there is none or more than one."""
    if doc is None or len(list(doc.sents)) != 1:
        return None
    root = doc[:].root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    heads = [
        t
        for t in subject.subtree
        if t.pos_ == "PROPN" and not (t.dep_ == "compound" and t.head.pos_ == "PROPN")
    ]
    if len(heads) != 1:
        return None
    name = [t for t in heads[0].subtree if t.pos_ == "PROPN"]
    if [t.i for t in name] != list(range(name[0].i, name[-1].i + 1)):
        return None
    return " ".join(t.text for t in name)


def _subject_name(doc: Doc | None) -> str | None:
    """The proper name a one-sentence unit is about: the subject of its main verb with the
    words that make up the name ('GST', '15th Finance Commission'), or None (no parse, several
    sentences, a subject that is no name: 'States', 'It')."""
    if doc is None or len(list(doc.sents)) != 1:
        return None
    root = doc[:].root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    start = subject.i
    while start > 0 and doc[start - 1].head.i == subject.i and doc[start - 1].dep_ in _NAME_PARTS:
        start -= 1
    end = subject.i
    of = next((c for c in subject.children if c.i == end + 1 and c.lower_ == "of"), None)
    target = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if (
        target is not None
        and target.pos_ == "PROPN"
        and all(t.pos_ in ("DET", "PROPN") for t in doc[end + 2 : target.i + 1])
    ):
        end = target.i  # "the Ministry of Panchayati Raj", "the Bank of Japan"
    if end + 1 < len(doc) and doc[end + 1].text == "(":
        # a name that runs on into brackets ("The Provisions of the Panchayats (Extension to the
        # Scheduled Areas) Act, 1996, known as PESA"): cut short, it is no name an answer writes
        # ('Provisions' had cued PESA's 1996, and "Key provisions came into force in 1993" was
        # told it is wrong; trial s48)
        return None
    return str(doc[start : end + 1].text)


_NAME_PARTS = frozenset({"compound", "amod", "nummod"})


def topic_name_group(doc: Doc, idf: Mapping[str, float], groups: list[list[str]]) -> list[str]:
    """The name a point is about, as a cue group of its own, where the cues leave it out only
    because it is the notes' topic: the subject of the main verb ('GST' of "GST itself was
    rolled out across the country on 1 July 2017, folding many ... taxes into one levy"), else
    the one acronym the sentence writes ('GST' of "States gave up much of their power to tax
    when they joined GST"). Empty when the point has one group, a group already holds a name
    or the name, or the name is a place, a person or no topic word: a topic word alone earns
    nothing, but beside another group it lets an answer
    that says the point in other words reach it (trial s46: "GST came into force on 1 July 2017"
    had missed the point cued [levy] + [taxes]); derive writes it after the point's first cue,
    which partial credit needs (trial s47: "The GST Council is important for taxes")."""
    written = {t.lower() for g in groups for t in g}
    if len(groups) < 2 or any(t[:1].isupper() for g in groups for t in g):
        # one group: the name beside it would be half the point ('strategic partnership' of
        # "India and France have described their ties as a strategic partnership since 1998");
        # or a name already cues the point ('Article 280', 'N. K. Singh')
        return []
    name = _subject_name(doc)
    if name is None:
        acronyms = {m.group(1) for m in _SPECIAL_TOKEN.finditer(doc.text) if m.group(1).isupper()}
        name = acronyms.pop() if len(acronyms) == 1 else None
    if name is None or name.lower() in written:
        return []
    if any(t.ent_type_ in _PLACE_OR_PERSON for t in doc if t.text in name.split()):
        return []  # a place or a people ('India' of notes on India and France) is no thing
    words = name.lower().split()
    if not all(idf.get(w, 1.0) == 0.0 for w in words):
        return []
    return [name]


def _dates_the_main_claim(token: Any) -> bool:
    """Whether a value belongs to its sentence's main clause: the first verb above it is the
    sentence's root."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return bool(ancestor.dep_ == "ROOT")
    return False


def _named_by(token: Any) -> Any:
    """The noun a year written before it names ('the 1956 Act', 'the 2002 amendment'), or
    None."""
    if token is None or token.dep_ not in ("nummod", "compound", "amod", "nmod"):
        return None
    if token.i > 0 and token.doc[token.i - 1].pos_ == "ADP":
        return None  # "award of 1979 allocated ...": a date the parser ran into a verb
    head = token.head
    between = token.doc[token.i + 1 : head.i] if head.i > token.i else None
    if (
        between is not None
        and head.pos_ in ("NOUN", "PROPN")
        and all(t.head.i == head.i and t.dep_ in ("compound", "amod") for t in between)
    ):
        return head
    return None


def _cue_phrase(doc: Doc, unit: str, cue: str) -> str | None:
    """The cue with the noun it modifies, as the unit writes it ('Cauvery' of "The Cauvery
    tribunal was set up ..." -> 'Cauvery tribunal'), or None."""
    at = unit.lower().find(cue.lower())
    span = _tokens_in(doc, at, at + len(cue)) if at >= 0 else []
    if not span:
        return None
    last = span[-1]
    head = last.head
    if last.dep_ not in ("compound", "amod") or head.i != last.i + 1 or head.pos_ != "NOUN":
        return None
    return str(doc.text[span[0].idx : head.idx + len(head.text)])


def unambiguous_facts(facts: list[dict[str, Any]], units: list[str]) -> list[dict[str, Any]]:
    """The year facts an answer can be held to, less two kinds a checker would misread (trial
    33, a tutor's notes on river water disputes):

    - a cue the notes date with another year elsewhere: "the Ravi-Beas tribunal's report of
      1987" beside "The Ravi-Beas tribunal was formed in 1986", "the Cauvery interim order of
      1991" beside the Cauvery tribunal of 1990 and its award of 2007: pinned on the name, the
      fact called each true date wrong;
    - a year that is part of the cue's name ("the ... (Amendment) Bill, 2019", "the 2019
      bill"): every answer naming the bill 'stated it right' and so earned the point about who
      passed it."""
    kept = []
    for fact in facts:
        phrase = fact.pop(_PHRASE, None)
        expected = fact["expected"]
        if expected.get("kind") != "year":
            kept.append(fact)
            continue
        year = str(expected["value"])
        if _named_with_year(fact["cues"], year, fact["claim"]):
            continue
        if _dated_elsewhere(fact["cues"], year, fact["claim"], units):
            # narrowed to the noun it modifies, the cue may date one thing: "the Cauvery
            # tribunal" (1990), where "Cauvery" also has the ordinance of 1991 and the court's
            # order of 2018
            # (or to the group's cues the notes date nowhere else: the point's subject
            # ['Cauvery tribunal', 'Cauvery'] keeps 'Cauvery tribunal')
            claim = fact["claim"]
            alone = [c for c in fact["cues"] if not _dated_elsewhere([c], year, claim, units)]
            if alone:
                fact["cues"] = alone
            elif not phrase or _dated_elsewhere([phrase], year, claim, units):
                continue
            else:
                fact["cues"] = [phrase]
        kept.append(fact)
    return kept


def _named_with_year(cues: list[str], year: str, claim: str) -> bool:
    """Whether the claim writes the year as part of a cue's name ("the ... Bill, 2019", "the
    2019 bill"), except the full name of the thing the claim opens with, whose year is its date
    ("The Inter-State River Water Disputes Act, 1956 lets a state ...": session 38's draft had no
    year fact for the Act)."""
    alternatives = "|".join(re.escape(c) for c in cues)
    named = re.compile(
        rf"(?:(?<!\w)(?:{alternatives})\s*,?\s*{year}(?!\d))|(?:(?<!\d){year}\s+(?:{alternatives})(?!\w))",
        re.IGNORECASE,
    )
    if not named.search(claim):
        return False
    own = [c for c in cues if " " in c and all(w[:1].isupper() for w in c.split())]
    return not (
        own
        and len(re.findall(rf"(?<!\d){year}(?!\d)", claim)) == 1
        and re.match(
            rf"(?:the\s+)?(?:{'|'.join(map(re.escape, own))})\s*,?\s*{year}(?!\d)", claim, re.I
        )
    )


def _dated_elsewhere(cues: list[str], year: str, claim: str, units: list[str]) -> bool:
    """Whether another unit writes one of the cues with another year."""
    alternatives = "|".join(re.escape(c) for c in cues)
    cue = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return any(
        cue.search(unit) and any(m.group(1) != year for m in YEAR.finditer(unit))
        for unit in units
        if unit != claim
    )


_ASIDE = re.compile(r"\([^()]*\)")
_BOUND_BEFORE = re.compile(
    r"\b(?:below|above|under|over|beyond|than|at least|exceeds?|exceeded|exceeding)"
    r"\s*$",
    re.IGNORECASE,
)


def _bound(unit: str, start: int) -> bool:
    """Whether a figure is a bound, not a value: "effective devolution is well below 41%" says
    the share is less than 41%, and an answer giving 32% is right (trial 30b)."""
    return bool(_BOUND_BEFORE.search(unit[max(0, start - 20) : start]))


def _to_value(unit: str, values: list[re.Match[str]]) -> list[re.Match[str]]:
    """The values of a unit, or of several the one a change reaches ("raised the share from 32
    percent to 42 percent": 42): the only one written after "to" or "at"."""
    if len(values) < 2:
        return values
    reached = [
        m for m in values if re.search(r"\b(?:to|at)\s+$", unit[max(0, m.start() - 4) : m.start()])
    ]
    return reached if len(reached) == 1 else values


FACT_ARCS = 5
"""Arcs of the parse at most between a value and the cue a derived fact pins it on."""


def _token_at(doc: Doc | None, offset: int) -> Any:
    """The token of ``doc`` that holds character ``offset`` (None when none does)."""
    span = _tokens_in(doc, offset, offset + 1) if doc is not None else []
    return span[0] if span else None


def _tokens_in(doc: Doc, start: int, end: int) -> Any:
    """The tokens of ``doc`` that overlap characters ``start`` to ``end`` (none: empty)."""
    return doc.char_span(start, end, alignment_mode="expand") or []


_CLAUSE_HEADS = frozenset({"VERB", "AUX"})


def _path(a: Any, b: Any) -> tuple[int, int]:
    """(verbs passed below the meeting point, arcs) of the dependency parse from token ``a`` to
    token ``b``: a verb passed is another clause. Large numbers across sentences, and where
    ``b`` is in another conjunct than ``a`` (another item of the same list)."""
    far = (1_000, 1_000)
    if a.sent.start != b.sent.start:
        return far
    up = {a.i: (0, 0)}
    verbs = 0
    for steps, token in enumerate(a.ancestors, start=1):
        up[token.i] = (verbs, steps)
        verbs += token.pos_ in _CLAUSE_HEADS
    if b.i in up:
        return up[b.i]
    verbs = b.pos_ in _CLAUSE_HEADS
    below = b
    for steps, token in enumerate(b.ancestors, start=1):
        if token.i in up:
            if below.dep_ == "conj":
                return far  # another item of a list than the value's ('A in 2015 and B')
            return verbs + up[token.i][0], steps + up[token.i][1]
        verbs += token.pos_ in _CLAUSE_HEADS
        below = token
    return far


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _currency(symbol: str) -> str:
    s = symbol.replace(" ", "").upper()
    return {"US$": "USD", "$": "USD", "₹": "INR", "RS": "INR", "RS.": "INR", "€": "EUR",
            "£": "GBP", "¥": "JPY"}.get(s, s)  # fmt: skip

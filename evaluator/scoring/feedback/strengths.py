"""What the answer does well: the dimensions it covers, quoted in its own words, and the facts
it gets right."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.lex_attrs import like_num
from spacy.lang.en.stop_words import STOP_WORDS

from evaluator.rubric.model import Rubric
from evaluator.scoring.checks.gaming import function_words
from evaluator.scoring.feedback.wording import in_quotes
from evaluator.scoring.report import ConceptResult, DimensionResult, Evidence, FactResult
from evaluator.settings import feedback_settings
from evaluator.text import fill


def fact_spellings(rubric: Rubric) -> dict[str, list[str]]:
    """Fact id -> its value and the alternatives the notes accept for it, for the facts that
    have any (:func:`praise`'s ``spellings``)."""
    return {
        f.id: [str(f.expected.value), *f.expected.alternatives]
        for f in rubric.facts
        if f.expected.alternatives
    }


def subject_words(rubric: Rubric) -> frozenset[str]:
    """The rubric's subject names in lower case ('japan', 'japanese'), never praise on their own."""
    return frozenset(t.lower() for t in rubric.subject_terms)


def _inside(word: str, phrase: str) -> bool:
    """Whether ``word`` is ``phrase`` or whole words of it, in any case ("Global Partnership"
    in "Special Strategic and Global Partnership")."""
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", phrase.lower()) is not None


def said_in(word: str, said: Iterable[str]) -> bool:
    """Whether ``word`` is one of the ``said`` words, inside one, or holds one, in any case."""
    return any(_inside(word, w) or _inside(w, word) for w in said)


def credited_words(
    concepts: Iterable[ConceptResult],
    limit: int = 4,
    subject: frozenset[str] = frozenset(),
    quoted: AbstractSet[str] = frozenset(),
    nested: bool = True,
    names_first: bool = True,
    wrong: Sequence[tuple[int, int]] = (),
    requote: bool = True,
) -> list[str]:
    """The answer's words that earned these concepts, the most telling first; words already
    ``quoted`` (by another strength) only when there are no others (never, without
    ``requote``). ``nested``: a word inside
    a longer one quoted ("Quality Infrastructure" beside "Partnership for Quality
    Infrastructure") or holding one ("foreign ministers" after "ministers"), or the same in
    another case, counts as quoted (a compact batch file of an older format passes False).
    ``names_first``: names and phrases (a capital, a figure or several words: 'JIMEX', 'free
    and open Indo-Pacific') before plain lower-case words ('supports', 'sends', which the batch
    trial s35 saw praised for their length; compact format 15). ``wrong``: the character spans
    of sentences that state a wrong fact; a word written only there is no strength (session
    37's trial: "you wrote 'members'" from "the Quad is a mutual-defence alliance that
    guarantees members' supply lines", a sentence the same report marked wrong)."""
    words: list[str] = []
    dropped = False
    for concept in concepts:
        if wrong:
            said = [e.text for e in concept.evidence if not _within(e, wrong)]
            dropped = dropped or len(said) < len(concept.evidence)
            words += said
        else:
            words += concept.matched
    unique_words = list(dict.fromkeys(w.strip() for w in words if w.strip()))
    if nested:  # one spelling of a phrase, the first written, where it was first written
        spelt: dict[str, str] = {}
        for word in unique_words:
            spelt.setdefault(word.lower(), word)
        unique_words = list(spelt.values())
    # a match of function words only ('Both', a cue for 'both countries'), one lower-case stop
    # word ('together', a cue for cooperation in the Quad; not 'third' or 'US'), or the topic's
    # own name ('Japanese', which every answer writes), tells the learner nothing: quoted only
    # when nothing else earned the credit
    function = function_words()
    telling = [
        w
        for w in unique_words
        if not set(w.lower().split()) <= function
        and not (w in STOP_WORDS and not like_num(w))
        and w.lower() not in subject
    ]
    if dropped and not telling:  # the telling words were all in wrong sentences
        return []
    unique_words = telling or unique_words
    if nested:
        fresh = [w for w in unique_words if not any(_inside(w, q) or _inside(q, w) for q in quoted)]
    else:
        fresh = [w for w in unique_words if w not in quoted]
    unique_words = fresh or (unique_words if requote else [])
    # the most telling first: 'free and open Indo-Pacific' before 'Quad'
    ranked = sorted(
        unique_words,
        key=lambda w: (names_first and _plain(w), -len(w), unique_words.index(w)),
    )
    if nested:  # "development" says nothing "development assistance" has not said
        kept: list[str] = []
        for word in ranked:
            if not any(_inside(word, longer) for longer in kept):
                kept.append(word)
        ranked = kept
    return ranked[:limit]


def _within(evidence: Evidence, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= evidence.start < end for start, end in spans)


def _plain(word: str) -> bool:
    """One lower-case word of letters ('supports'): no name, figure or phrase."""
    return word.isalpha() and word.islower()


STRENGTH = 0.6
"""A dimension the answer earns at least this share of is a strength."""
WELL_COVERED = 0.9
"""From this share on it is 'well covered'; below, 'mostly covered' (at 60% of the dimension,
'well covered' told a learner there was nothing left to add)."""
MARKED_HIGH = "Like answers the tutor marked high (earns marks): you wrote {words}."
"""The strength of a tuned rubric's dimensions of learned phrases and graded examples: what
they are, never "covered" (docs/rubrics.md: a learned phrase is shown as "Like answers the
tutor marked high (earns marks)", never "Covered"; trial s43's pupils read "Learned from the
tutor's marks: well covered — you wrote “chlorophyll”" under "Q2 answer: … “chlorophyll”")."""
MARKED_HIGH_HELD = "Like answers the tutor marked high: you wrote {words}."
""":data:`MARKED_HIGH` when a cap holds the marks down: its phrases earn nothing past the cap."""
MATCHED = "{dimension}: your words {words} matched {count:one|{count}} of its points."
"""A strength when a cap holds the marks down: what the words matched, counted as its dimension
row counts them, not "well covered", which stood beside 0 capped marks (session 46); the comment
names the advisory holding the marks, once."""


def strengths_of(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    **options: Any,
) -> list[str]:
    """Dimensions well covered, each with the answer's own words that earned it; facts right
    (the options: as for :func:`praise`)."""
    return praise(concepts, dimensions, facts, **options).lines


@dataclass(frozen=True)
class Praise:
    """The strengths' lines, and the words each dimension's line quotes (the comment names such
    a dimension without quoting them again)."""

    lines: list[str]
    quoted: dict[str, list[str]]
    """Dimension id -> the words its strength quotes (a learned line: its first dimension)."""


def praise(
    concepts: list[ConceptResult],
    dimensions: list[DimensionResult],
    facts: list[FactResult],
    *,
    penalties: frozenset[str] = frozenset(),
    subject: frozenset[str] = frozenset(),
    well_covered: float = WELL_COVERED,
    distinct: bool = True,
    nested: bool = True,
    names_first: bool = True,
    wrong: Sequence[tuple[int, int]] = (),
    learned_as_marked: bool = True,
    held: bool = False,
    merge_facts: bool = True,
    claims_once: bool = True,
    whole_names: bool = True,
    value_clauses: bool = True,
    alone_clauses: bool = True,
    spellings: Mapping[str, Sequence[str]] | None = None,
) -> Praise:
    """Dimensions well covered, each with the answer's own words that earned it; facts right.
    Misconceptions (``penalties``) are never a strength; the rubric's ``subject`` names (lower
    case) are quoted only when nothing else earned a dimension. ``well_covered``: the share of
    a dimension from which it is 'well covered' rather than 'mostly covered'; ``distinct``: a
    word one strength quotes is not quoted again by the next ("South China Sea" earns points
    in two dimensions) unless that dimension has no other; ``nested``: nor a word inside one
    quoted, nor the same in another case (a compact batch file of an older format passes its
    own); ``wrong``: as for :func:`credited_words` (a dimension whose words are all there is
    no strength); ``learned_as_marked``: a dimension of concepts `rubric tune` learned from
    marks (phrases, graded examples) is praised as :data:`MARKED_HIGH`, in one line for all of
    them, with words no other strength quotes (before format 17 of compact files it was
    "well covered" like any other); ``merge_facts``: a right fact of a point whose word a
    strength quotes (or whose claim names such a word) is told beside that word, "“JIMEX” (the
    two navies' exercise, right)", not again on a line of its own (session 46, compact format
    20; before, "Accurate fact: JIMEX is the two navies' exercise." followed the strength that
    quoted "JIMEX"); ``claims_once``: a right fact whose every word another one told says is left
    out, and a claim going on from its quoted word comes first beside it (session 47, compact
    format 22); ``whole_names``: a right fact whose claim goes on with the quoted name's own
    phrase ("… Committee of 1957 recommended …") is told whole, not from "of 1957" (trial
    s48, compact format 25); ``value_clauses``: such a fact's claim ends with the clause that
    holds its checked value ("… of 1957 recommended a three-tier system", not "…, and Rajasthan
    was the first state to adopt it, at Nagaur in 1959" for an answer that wrote 1957 alone:
    trial s48, compact format 26); ``alone_clauses``: and so does a right fact told on a line of
    its own, "Accurate fact: …" (session 49, compact format 27; before, its claim was told
    whole); ``spellings``: fact id -> its value and the alternatives the notes accept for it
    (``naval``, ``navy``, ``navies``): two claims are compared with the spellings of the facts
    told folded together, so "Malabar is a naval exercise" is left out beside "Malabar is the
    exercise of the four Quad navies" (session 49, compact format 28; before, it was told again
    on a line of its own)."""
    fold = _folding(spellings or {}, {f.id for f in facts if f.status == "supported"})
    covered_in: dict[str, list[ConceptResult]] = {}
    for c in concepts:
        if c.id not in penalties and c.credit >= 1.0:
            covered_in.setdefault(c.dimension, []).append(c)
    learned = _learned_only(concepts, penalties) if learned_as_marked else set()
    # each strength: its line, with _WORDS where its quoted words go (worded at the end, when
    # the right facts told beside them are known), and those words
    entries: list[tuple[str, str, list[str]]] = []
    quoted: set[str] = set()
    marked_high = False  # said once for every learned dimension
    for dimension in sorted(dimensions, key=lambda d: d.id in learned):  # the rubric's own first
        if marked_high and dimension.id in learned:
            continue
        earned = covered_in.get(dimension.id, [])
        words = credited_words(
            earned,
            subject=subject,
            quoted=quoted,
            nested=nested,
            names_first=names_first,
            wrong=wrong,
            requote=dimension.id not in learned,
        )
        if dimension.score >= STRENGTH and words:
            if dimension.id in learned:
                line = (MARKED_HIGH_HELD if held else MARKED_HIGH).format(words=_WORDS)
                entries.append((dimension.id, line, words))
                marked_high = True
                quoted.update(words)
                continue
            if held:  # the marks it would earn are not the answer's: what its words matched
                count = max(dimension.concepts_covered, len(earned))
                line = fill(MATCHED, dimension=dimension.label, words=_WORDS, count=count)
            else:
                how = "well covered" if dimension.score >= well_covered else "mostly covered"
                line = f"{dimension.label}: {how} — you wrote {_WORDS}."
            entries.append((dimension.id, line, words))
            if distinct:
                quoted.update(words)
    # a claim is praised whole only when no other fact of its point is wrong: "The first 2+2
    # was held in Tokyo in 2019" has the year right, and the claim "... met in New Delhi in
    # 2019" is no praise for it (trial 30c)
    wrong_points = {f.concept for f in facts if f.status == "contradicted"}
    beside: dict[str, list[str]] = {}  # a quoted word -> the right facts told beside it
    going_on: set[str] = set()  # details that go on from their word ("dates from 2014")
    alone: list[str] = []
    for fact in facts:
        said = _said_clause(fact) if alone_clauses else fact.claim
        line = f"Accurate fact: {_as_sentence(said)}"
        # a claim two facts share (the consulate's city, and the new consulate's) is praised once
        if fact.status != "supported" or fact.concept in wrong_points or line in alone:
            continue
        word = _fact_word(fact, concepts, entries) if merge_facts else None
        if word is None:
            alone.append(line)
            continue
        if alone_clauses:
            claim = _said_clause(fact)
        else:
            claim = (
                value_clause(fact.claim, fact.expected, more=False) if value_clauses else fact.claim
            )
        detail = fact_detail(claim, word, whole_names=whole_names)
        if detail != fact_detail(claim, ""):
            going_on.add(detail)
        if detail not in beside.setdefault(word, []):
            beside[word].append(detail)
    if claims_once:
        beside, alone = _claims_once(beside, alone, going_on, fold)
    lines = [
        line.replace(_WORDS, ", ".join(_with_facts(w, beside) for w in words))
        for _, line, words in entries
    ]
    return Praise(lines + alone, {dimension: words for dimension, _, words in entries})


def _as_sentence(claim: str) -> str:
    """A claim as a line ends it: with its own closing mark, else a full stop (a claim cut at the
    clause of its value)."""
    claim = claim.rstrip()
    return claim if claim.endswith((".", "!", "?")) else f"{claim}."


def _claims_once(
    beside: dict[str, list[str]],
    alone: list[str],
    going_on: AbstractSet[str],
    fold: Mapping[str, str],
) -> tuple[dict[str, list[str]], list[str]]:
    """The right facts told beside quoted words and on lines of their own, each point once."""
    beside = {word: _said_once(word, details, going_on, fold) for word, details in beside.items()}
    told = [_gist(f"{word} {d}", fold) for word, details in beside.items() for d in details]
    claims = [_gist(line.removeprefix("Accurate fact: "), fold) for line in alone]
    alone = [  # nor a claim on its own line that another right fact says all of
        line
        for i, line in enumerate(alone)
        if not any(claims[i] <= gist for gist in told)
        and not any(
            claims[i] < claims[j] or (claims[i] == claims[j] and j < i)
            for j in range(len(alone))
            if j != i
        )
    ]
    return beside, alone


_WORDS = "\x00"
"""Where a strength's quoted words go, until they are worded."""


_TOKEN = re.compile(r"[\w$+.%'–-]*\w")


def _gist(text: str, fold: Mapping[str, str] | None = None) -> frozenset[str]:
    """What a claim says, loosely: its words that are no stop words, each by its first four
    letters ("meeting", "meetings": 'meet'), a number whole ("2019", "US$22.85"); ``fold``: such
    a word -> the one it is told as (:func:`_folding`: 'navi' -> 'nava')."""
    words = (w.lower() for w in _TOKEN.findall(text))
    gist = (
        w if any(ch.isdigit() for ch in w) else w[:4]
        for w in words
        if w not in STOP_WORDS and (len(w) > 3 or any(ch.isdigit() for ch in w))
    )
    return frozenset((fold or {}).get(w, w) for w in gist)


def _folding(spellings: Mapping[str, Sequence[str]], told: AbstractSet[str]) -> dict[str, str]:
    """The gist words of the ``told`` facts' spellings of their values, each -> one of
    them: a fact's value and the alternatives the notes accept for it ("naval", "navy", "navies",
    "maritime", "sea") say the same in any two claims compared. Only spellings of one gist word
    fold (not "air force"); facts whose spellings share a word fold together. No word list
    beyond the rubric's own (no WordNet at grading time)."""
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent.setdefault(word, word) != word:
            word = parent[word]
        return word

    for fact_id in sorted(told):
        gists = (_gist(s) for s in spellings.get(fact_id, ()))
        words = sorted({w for gist in gists if len(gist) == 1 for w in gist})
        for word in words[1:]:
            first, second = sorted((root(words[0]), root(word)))
            parent[second] = first
    return {w: root(w) for w in parent if root(w) != w}


def _said_once(
    word: str, details: list[str], going_on: AbstractSet[str], fold: Mapping[str, str]
) -> list[str]:
    """The right facts told beside one quoted word, each point once: a claim whose every word
    another one beside it says is left out ("the third India–Japan 2+2 met in New Delhi" beside
    "the meeting in New Delhi was the third India–Japan 2+2": session 47), and the claims
    that go on from the quoted word come first, so they still read as said of it (“Special
    Strategic and Global Partnership” (dates from 2014; ties became …))."""
    gists = [_gist(f"{word} {d}", fold) for d in details]
    kept = [
        d
        for i, d in enumerate(details)
        if not any(
            gists[i] < gists[j] or (gists[i] == gists[j] and j < i)
            for j in range(len(details))
            if j != i
        )
    ]
    return sorted(kept, key=lambda d: d not in going_on)


def _with_facts(word: str, beside: dict[str, list[str]]) -> str:
    """A quoted word, with the right facts told beside it: “JIMEX” (the two navies' exercise,
    right)."""
    details = beside.get(word)
    return in_quotes([word]) + (f" ({'; '.join(details)}, right)" if details else "")


def _fact_word(
    fact: FactResult,
    concepts: Sequence[ConceptResult],
    entries: Sequence[tuple[str, str, list[str]]],
) -> str | None:
    """The word a strength quotes that a right fact belongs beside: one its point's words hold,
    else one its claim names; None when no strength quotes such a word."""
    own = [w for c in concepts if c.id == fact.concept for w in c.matched]
    said = [w for _, _, words in entries for w in words]
    for word in said:
        if said_in(word, own):
            return word
    return next((w for w in said if _inside(w, fact.claim)), None)


def value_clause(claim: str, value: str, *, more: bool = True) -> str:
    """The claim up to the end of the clause that holds ``value`` (the notes' checked value):
    what a right fact says of the answer, and no more. A claim that goes on to another clause
    (``clause_breaks``, feedback.yaml: ", and Rajasthan was the first state to adopt it, at
    Nagaur in 1959") after that value is cut there; ``more``: also where a new sentence, a
    relative clause or a second verb begins (``more_clause_breaks`` and ``second_verbs``: "… was
    passed in 1992 and came into force on 24 April 1993, which …", compact format 27); a claim
    whose value is not found as written is kept whole, and so, with ``more``, is one that
    writes it again after the cut ("CEPA was signed in February 2011 and came into force in
    August 2011": which clause an answer's 2011 is, is not known)."""
    pattern = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.I) if value else None
    found = pattern.search(claim) if pattern else None
    if pattern is None or found is None:
        return claim
    ends = _clause_ends(more).search(claim, found.end())
    if ends is None or (more and pattern.search(claim, ends.start())):
        return claim
    return claim[: ends.start()]


def _said_clause(fact: FactResult) -> str:
    """A right fact's claim up to the clause of its value (:func:`value_clause`), found as the
    notes write it ("1992") or as the answer did ("five" for the notes' "5 years", a claim that
    writes "every five years")."""
    said = value_clause(fact.claim, fact.expected)
    if said == fact.claim and fact.found:
        said = value_clause(fact.claim, fact.found)
    return said


def _clause_prefixes(claim: str) -> set[str]:
    """The claim, and each of its openings that ends a clause (what :func:`value_clause` may
    have cut it to)."""
    return {claim} | {claim[: m.start()] for m in _clause_ends(True).finditer(claim) if m.start()}


@lru_cache(maxsize=2)
def _clause_ends(more: bool) -> re.Pattern[str]:
    """Where a claim goes on to another clause (see :func:`value_clause`)."""
    settings = feedback_settings()
    breaks = [*settings.clause_breaks, *(settings.more_clause_breaks if more else [])]
    # a full stop ends a sentence after a word, before a capital ("U.S. Navy" goes on)
    stop = r"(?<=[\w)])(?<![.\s][A-Z])\. (?=[A-Z])"
    options = [stop if b == ". " else re.escape(b) for b in breaks]
    if more:
        verbs = "|".join(re.escape(v) for v in settings.second_verbs)
        options.append(rf" and (?=(?:{verbs})\b|[a-z]+ed\b)")
    return re.compile("|".join(options))


_COPULA = re.compile(r"^(?:is|are|was|were)\s+", re.I)


def fact_detail(claim: str, word: str, *, whole_names: bool = True) -> str:
    """What a right fact says beside the quoted ``word``: when the claim opens with the word,
    the rest of it ("JIMEX is the two navies' exercise" beside “JIMEX”: "the two navies'
    exercise"; "… dates from 2014"), else the whole claim, opening in lower case after "The".
    ``whole_names``: nor the rest when it goes on with the name's own phrase rather than what
    is said of it ("… Committee of 1957 recommended …" beside “Balwantrai Mehta Committee”:
    "of 1957 recommended …" read as a fragment; trial s48, compact format 25)."""
    claim = claim.strip().rstrip(".")
    opening = word and re.match(rf"(?:the\s+)?{re.escape(word)}\s+(?P<rest>.+)$", claim, re.I)
    if opening and not (whole_names and _goes_on_with_the_name(opening["rest"])):
        return _COPULA.sub("", opening["rest"])
    return re.sub(r"^The\b", "the", claim)


def _goes_on_with_the_name(rest: str) -> bool:
    """Whether the words after a quoted name still belong to its phrase ("of 1957 …", ", a
    Directive Principle, …", "(PESA) …"): they open with a word of ``name_continuations``
    (feedback.yaml) or a mark of punctuation."""
    first = re.match(r"[^\w\s]|[\w'’]+", rest)
    if first is None:
        return False
    word = first.group().lower()
    return not word[0].isalnum() or word in _name_continuations()


@lru_cache(maxsize=1)
def _name_continuations() -> frozenset[str]:
    return frozenset(feedback_settings().name_continuations)


def told_in_strengths(claim: str, strengths: Iterable[str]) -> bool:
    """Whether a right fact with this ``claim`` is told in ``strengths``: on its own line
    ("Accurate fact: …") or beside the word it belongs to (:func:`praise`'s ``merge_facts``);
    a face that lists the checked facts leaves such a fact out (said once)."""
    lines = list(strengths)
    # on a line of its own, whole or up to the clause of its value (format 27 on)
    if f"Accurate fact: {claim}" in lines or any(
        f"Accurate fact: {said}." in lines for said in _clause_prefixes(claim.strip().rstrip("."))
    ):
        return True
    # what :func:`fact_detail` may have said beside a word the claim opens with, or the claim
    details = set()
    # the claim, or its opening up to the clause of its value (format 26 on)
    for said in _clause_prefixes(claim.strip().rstrip(".")):
        words = said.split()
        details |= {fact_detail(said, "")} | {
            fact_detail(said, " ".join(words[:k]), whole_names=whole)
            for k in range(1, len(words))
            for whole in (True, False)  # a file before format 25 told the rest of a name's phrase
        }
    if any(
        f"{opening}{d}{closing}" in line
        for line in lines
        if not line.startswith("Accurate fact: ")
        for d in details
        for opening in ("(", "; ")
        for closing in (", right)", "; ")
    ):
        return True
    # or left out beside its word as another claim there says all of it (:func:`_said_once`)
    gist = _gist(claim)
    return any(
        gist <= _gist(line.removeprefix("Accurate fact: "))
        for line in lines
        if line.startswith("Accurate fact: ")
    ) or any(
        gist <= _gist(f"{m['word']} {m['details']}")
        for line in lines
        if not line.startswith("Accurate fact: ")
        for m in _TOLD.finditer(line)
    )


_TOLD = re.compile(r"“(?P<word>[^”]*)” \((?P<details>(?:[^()]|\([^()]*\))*), right\)")
"""A quoted word with the right facts told beside it."""


def _learned_only(concepts: Iterable[ConceptResult], penalties: AbstractSet[str]) -> set[str]:
    """The dimensions whose every point (penalties aside) `rubric tune` learned from marks."""
    learned: dict[str, bool] = {}
    for c in concepts:
        if c.id not in penalties and not c.penalty:
            learned[c.dimension] = learned.get(c.dimension, True) and c.learned
    return {d for d, only in learned.items() if only}

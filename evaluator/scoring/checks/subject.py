"""What a question is about: the names of its subject, and whether and how often an answer writes
them. The one place for the concept: the off_topic advisory counts the names, relevance asks
whether any is written.

An answer on another subject shares much of any GS answer's vocabulary ("cooperation",
"strategic", "India", "development"), so a share of common words cannot tell it from an answer
on the topic. What it does not do is name the topic's own subject: an India–Japan answer that
never writes "Japan" (or "Japanese", or another name the rubric gives it) is about something
else, however long and well written. The subject names are the rubric's ``subject_terms`` when
it declares them; otherwise the names in the rubric's title and their synonym classes, less the
names every answer of the exam shares (``shared_names`` in ``advisories.yaml``: India, Indian
...) and function words, keeping those the source notes use at least three times. An answer to
another question on the same topic names them as often as an answer to this one.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from evaluator.nlp.docview import view
from evaluator.nlp.lexicon import common_nouns, people_of
from evaluator.nlp.pipeline import get_nlp
from evaluator.rubric.loader import LoadedRubric
from evaluator.settings import advisory_settings, names_settings

_cache: dict[str, tuple[str, ...]] = {}
_MIN_NOTES_MENTIONS = 3
_lock = threading.Lock()


@dataclass(frozen=True)
class SubjectMentions:
    """How often an answer names the topic's subject."""

    names: tuple[str, ...]
    """The subject names looked for (lower case)."""
    mentions: int
    words: int


def subject_names(loaded: LoadedRubric) -> tuple[str, ...]:
    """The names that say an answer is about this rubric's topic, lower case: its declared
    ``subject_terms`` ('japan', 'japanese', 'tokyo', ...), else those derived from its title."""
    with _lock:
        cached = _cache.get(loaded.fingerprint)
    if cached is not None:
        return cached
    rubric = loaded.rubric
    if rubric.subject_terms:
        terms = {t.lower() for t in rubric.subject_terms}
        # 'india-japan' is found wherever 'japan' is: keep the names, not their compounds
        declared = tuple(
            sorted(t for t in terms if not set(re.split(r"[-\s]+", t)) & (terms - {t}))
        )
        with _lock:
            _cache[loaded.fingerprint] = declared
        return declared
    shared = {n.lower() for n in advisory_settings().off_topic.shared_names}
    stop = {w.lower() for w in advisory_settings().function_words}
    notes = loaded.source_notes.lower()

    def used(word: str) -> int:
        # the word on its own: the 'inter' of 'inter-State' is no use of a word 'inter'
        return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", notes))

    found: set[str] = set()
    candidates: set[str] = set()
    # a name of several capitalised words the notes write whole is one name ('Sri Lanka');
    # otherwise each word is a candidate ('Japan' in 'India Japan Relations')
    for run in re.findall(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*", rubric.title):
        words = run.lower().split()
        whole = " ".join(w for w in words if w not in shared and w not in stop)
        if (
            " " in whole
            and whole in run.lower()
            and _used_as_a_whole(whole, loaded.source_notes) >= _MIN_NOTES_MENTIONS
        ):
            candidates.add(whole)
        elif " " in whole:
            # a word of a name of several words that is an ordinary noun names any such thing
            # ('Council' of 'the GST Council': trial s46, an answer on the Council of Ministers
            # passed the off_topic check by it); the other words still name the subject ('GST'),
            # or, when all are ordinary nouns, only the name whole does
            own = [w for w in whole.split() if not _ordinary_noun(w)]
            candidates.update(own or ([whole] if whole in run.lower() else []))
        else:
            candidates.update(words)
    for name in candidates:
        if name in shared or name in stop:
            continue
        if " " not in name and (used(name + "s") + used(name + "es") or _plural_of(name, used)):
            # a word the notes also write in the plural names a kind of thing, however it is
            # capitalised: 'State' of "Inter-State river water disputes" ("the riparian
            # States"; trial 33: answers on the Cauvery award that never wrote "State" were
            # capped as off topic); so does a plural whose singular the notes write:
            # 'Disputes' ("a dispute"; trial 38: an answer on "the sharing of river waters"
            # under Article 262 and the 1956 Act was capped as naming Disputes 0 times)
            continue
        if not _written_as_a_name(name, loaded.source_notes):
            # "Cooperative federalism in India": a capital the title gives a common word is no
            # name an answer must write (trial 29b: good answers were capped as off topic)
            continue
        # the name with its synonym class ('Japan', 'Japanese', 'Tokyo')
        names = {name}
        for group in rubric.synonyms:
            lowered = {w.lower() for w in group}
            if name in lowered:
                names |= lowered
        names -= shared
        # a name the notes hardly use is not what the topic is about ('Role' in 'The Role of')
        if sum(used(n) for n in names) >= _MIN_NOTES_MENTIONS:
            found |= names
    result = tuple(sorted(found))
    with _lock:
        _cache[loaded.fingerprint] = result
    return result


def _ordinary_noun(word: str) -> bool:
    """Whether a word is an English common noun ('council', 'commission'), not a place
    (``places`` in names.yaml: 'japan' and 'china' are nouns too) nor a word no dictionary
    knows ('gst', 'niti')."""
    if any(word in group for group in names_settings().places):
        return False
    return word in common_nouns(get_nlp())


def _used_as_a_whole(name: str, notes: str) -> int:
    """How often the notes write a name of several words as a name of its own: not the start of
    a longer one ('River Water Disputes' of "the River Water Disputes Act" names the Act; trial
    38: a subject written only inside the names of an Act and a Bill capped an answer on the
    sharing of river waters as off topic)."""
    pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+\(?(?-i:[A-Z]))"
    return len(re.findall(pattern, notes, re.IGNORECASE))


def _plural_of(name: str, used: Callable[[str], int]) -> bool:
    """Whether a title's word is the plural of a word the notes write on its own ('disputes' of
    'dispute', 'boundaries' of 'boundary'); a name that only ends in s ('Paris') has none."""
    if len(name) < 4 or not name.endswith("s") or name.endswith("ss"):
        return False
    singulars = {name[:-1]}
    if name.endswith("es"):
        singulars.add(name[:-2])
    if name.endswith("ies"):
        singulars.add(name[:-3] + "y")
    return any(used(word) for word in singulars)


_SENTENCE_START = re.compile(r"(?:^|[.!?:;#*•>|(\[\-–—]\s*|\n\s*)$")


def _written_as_a_name(name: str, notes: str) -> bool:
    """Whether the notes write a title's word as a name: capitalised inside their sentences at
    least as often as not ('Japan', 'Sri Lanka'; not 'cooperative', capitalised only where a
    sentence or heading begins). A word the notes never write inside a sentence stays a name."""
    capital = lower = 0
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", notes, re.IGNORECASE):
        if _SENTENCE_START.search(notes[max(0, m.start() - 6) : m.start()]):
            continue
        if m.group(0)[0].isupper():
            capital += 1
        else:
            lower += 1
    return capital >= lower


def initials(name: str) -> str | None:
    """The capital initials a name of two words or more is written as ('finance commission' ->
    'FC', 'gst council' -> 'GC'), or None for a one-word name."""
    parts = [p for p in re.split(r"[-\s]+", name) if p]
    if len(parts) < 2:
        return None
    return "".join(p[0] for p in parts).upper()


@cache
def _mention_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The names in any case, with a people's or a plural ending ('Sri Lankan', 'Japanese',
    'Finance Commissions'), and the initials of names of several words in capitals with an
    optional plural ('FC', '15th FC', 'FCs'): trial 31b's answers that wrote "the FC" and "the
    Finance Commissions" had been capped as naming their subject 0 times."""
    words = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?:n|ns|ese|s|es)?(?![\w])",
        re.IGNORECASE,
    )
    short = sorted({i for i in (initials(n) for n in names) if i})
    letters = (
        re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, short)) + r")s?(?![\w])")
        if short
        else None
    )
    return words, letters


def subject_mentions(text: str, names: tuple[str, ...], words: int) -> SubjectMentions:
    """Count the subject names written in an answer (whole words, any case; 'Japan's' counts;
    a name of several words also by its initials in capitals, 'FC')."""
    if not names:
        return SubjectMentions(names, 0, words)
    full, letters = _mention_patterns(names)
    count = len(full.findall(text)) + (len(letters.findall(text)) if letters else 0)
    return SubjectMentions(names, count, words)


def names_subject_too_rarely(found: SubjectMentions, words_per_name: int) -> bool:
    """True when the answer names its subject less than once per ``words_per_name`` words (never,
    in an answer of that length or less). A rubric with no subject names never says so."""
    if not found.names:
        return False
    return found.mentions * words_per_name < max(found.words, 1)


def names_subject(doc: Doc, names: tuple[str, ...]) -> bool:
    """Whether the answer writes one of the subject names (case-insensitive, whole words or their
    lemmas; a name of several words matches them in a row, its last word in any number, or by
    its initials in capitals: 'the FC')."""
    tokens = view(doc)
    lowers = tokens.lower
    words = set(lowers) | set(tokens.lemma)
    written = set(tokens.text)
    for name in names:
        parts = name.lower().split()
        if len(parts) == 1:
            if parts[0] in words:
                return True
            continue
        short = initials(name)
        if short and (short in written or short + "s" in written):
            return True  # 'the FC' names the Finance Commission
        n, head, last = len(parts), parts[:-1], parts[-1]
        if any(
            lowers[i : i + n - 1] == head
            and (
                lowers[i + n - 1] == last
                or lowers[i + n - 1] in (last + "s", last + "es")  # 'Finance Commissions'
                or people_of(lowers[i + n - 1], last)
            )
            for i in range(len(lowers) - n + 1)
        ):
            return True
    return False


@dataclass(frozen=True)
class OtherSubject:
    """The other country an answer names most (``places`` in ``names.yaml``)."""

    name: str
    """The country as the answer writes it most ('Korea', 'Chinese' counts as China's)."""
    mentions: int


def other_subject(text: str, names: tuple[str, ...], question: str) -> OtherSubject | None:
    """The other country the answer names most often (its name, people or capital), leaving out
    the rubric's subject and any country the question itself names ('China's hold over critical
    sectors' asks about China); None when it names none."""
    pattern, group_of = _places_pattern()
    written = Counter(m.group(0).lower() for m in pattern.finditer(text))
    # "the US" in capitals ("us" in lower case is a pronoun, so no place word of names.yaml)
    us = len(_US.findall(text))
    if us and "usa" in group_of:
        written["usa"] += us
    if not written:
        return None
    own = set(names)
    asked = {m.group(0).lower() for m in pattern.finditer(question)}
    if _US.search(question):
        asked.add("usa")
    places = names_settings().places
    best: OtherSubject | None = None
    for number in sorted({group_of[word] for word in written}):
        group = places[number]
        if own & set(group) or asked & set(group):
            continue
        mentions = sum(written[word] for word in group)
        if best is None or mentions > best.mentions:
            top = max(group, key=lambda w: (written[w], -group.index(w)))
            best = OtherSubject(_display(top, text), mentions)
    return best


_US = re.compile(r"(?<![\w.])(?:US|U\.S\.?)(?![\w.]|-\d)")
"""The United States as answers abbreviate it, in capitals (USA is a place word already)."""


@cache
def _places_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every place word (whole words, any case) not naming a body of water
    ('the South China Sea'), and each word's group."""
    settings = names_settings()
    group_of = {w: n for n, group in enumerate(settings.places) for w in group}
    words = sorted(group_of, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words)
    waters = "|".join(re.escape(w) for w in settings.waters) or "(?!)"
    return (
        re.compile(rf"(?<!\w)(?:{alternation})(?!\w)(?!\s+(?:{waters})(?!\w))", re.IGNORECASE),
        group_of,
    )


def _display(word: str, text: str) -> str:
    """The word as the answer first writes it ('Korea')."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE)
    if found is None and word == "usa":
        found = _US.search(text)  # written only as "the US"
    return found.group(0) if found else word.capitalize()

"""What a question is about: the names of its subject, and how often an answer writes them.

An answer on another subject shares much of any GS answer's vocabulary ("cooperation",
"strategic", "India", "development"), so a share of common words cannot tell it from an answer
on the topic. What it does not do is name the topic's own subject: an India–Japan answer that
never writes "Japan" (or "Japanese", or another name the rubric gives it) is about something
else, however long and well written. The subject names are the names in the rubric's title and
their synonym classes, less the names every answer of the exam shares (``shared_names`` in
``advisories.yaml``: India, Indian ...); an answer to another question on the same topic names
them as often as an answer to this one.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from evaluator.rubric.loader import LoadedRubric
from evaluator.settings import advisory_settings

_cache: dict[str, tuple[str, ...]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class SubjectMentions:
    """How often an answer names the topic's subject."""

    names: tuple[str, ...]
    """The subject names looked for (lower case)."""
    mentions: int
    words: int


def subject_names(loaded: LoadedRubric) -> tuple[str, ...]:
    """The names that say an answer is about this rubric's topic ('japan', 'japanese')."""
    with _lock:
        cached = _cache.get(loaded.fingerprint)
    if cached is not None:
        return cached
    rubric = loaded.rubric
    shared = {n.lower() for n in advisory_settings().off_topic.shared_names}
    names = {w.lower() for w in re.findall(r"[A-Z][A-Za-z]+", rubric.title)}
    for group in rubric.synonyms:
        lowered = {w.lower() for w in group}
        if lowered & names:
            names |= lowered
    result = tuple(sorted(names - shared))
    with _lock:
        _cache[loaded.fingerprint] = result
    return result


def subject_mentions(text: str, names: tuple[str, ...], words: int) -> SubjectMentions:
    """Count the subject names written in an answer (whole words, any case; 'Japan's' counts)."""
    if not names:
        return SubjectMentions(names, 0, words)
    pattern = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE
    )
    return SubjectMentions(names, len(pattern.findall(text)), words)


def names_subject_too_rarely(found: SubjectMentions, words_per_name: int) -> bool:
    """True when the answer names its subject less than once per ``words_per_name`` words (never,
    in an answer of that length or less). A rubric with no subject names never says so."""
    if not found.names:
        return False
    return found.mentions * words_per_name < max(found.words, 1)

"""How feedback is worded: plurals (:func:`evaluator.text.plural`), a step's worth, labels
clipped at a word, lines that say the same thing found by their words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from evaluator.rubric.model import first_reference
from evaluator.text import plural

__all__ = [
    "as_sentence",
    "clip",
    "in_sentence",
    "label_is_note",
    "normalised",
    "plural",
    "quoted_note",
    "step_label",
    "worth_text",
]

_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w]+")


def worth_text(gain: float, step: float) -> str:
    """'+1 mark', '+0.5 marks', or 'under 0.5 marks' for a gain below one rounding step."""
    if gain <= 0:
        return f"under {step:g} {'mark' if step == 1 else 'marks'}"
    return f"+{gain:g} {'mark' if gain == 1 else 'marks'}"


def clip(text: str, limit: int) -> str:
    """The text on one line, cut at a word boundary with an ellipsis when longer than ``limit``
    (never mid-word, never '….')."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    kept = cut[:space] if space > limit // 3 else text[:limit]
    return kept.rstrip(" ,;:.-–—…") + "…"


@lru_cache(maxsize=8192)
def normalised(text: str) -> str:
    """Text reduced to lower-case words, to find advice that says the same thing."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def label_is_note(label: str, note: str, *, own_labels: bool = True) -> bool:
    """A label that only repeats the start of its note (derived rubrics label a concept by its
    note's first words, sometimes cut): all its words but the last, cut, open the note, in
    order. A label of its own that opens as its note does ("Japan's National Security Strategy
    (December 2022)" of "Japan's National Security Strategy of December 2022 widens …") is no
    copy: a step names the point by it, not by the note cut short (probe s32)."""
    head, body = normalised(label).split(), normalised(note).split()
    if not head or not body:
        return False
    common = 0
    for a, b in zip(head, body, strict=False):
        if a != b:
            break
        common += 1
    if not own_labels:  # as engines before 0.9.162 read it (compact files of format 13 or older)
        return common == min(len(head), len(body)) or common >= max(3, 0.6 * len(head))
    return common == min(len(head), len(body)) or common >= max(3, len(head) - 1)


@lru_cache(maxsize=4096)
def step_label(
    label: str, note: str, limit: int, *, own_labels: bool = True, first_only: bool = True
) -> tuple[str, str]:
    """(the label a step names the concept by, the note shown beside it): the note itself,
    quoted, when the label only repeats it (``own_labels``: see :func:`label_is_note`); of a
    note that holds several reference answers, the first (``first_only``; trial s43 quoted
    “Plants need carbon dioxide and water for photosynthesis. Also correct: Carbon…”). Cached:
    a rubric's concepts recur in every answer."""
    if label_is_note(label, note, own_labels=own_labels) or not label.strip():
        quoted = first_reference(note) if first_only else note
        return f"“{clip(quoted, limit)}”", (
            "" if len(_SPACE.sub(" ", note).strip()) <= limit and quoted == note else note
        )
    return clip(label, limit), note


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+[A-Z]")


def quoted_note(note: str) -> bool:
    """Whether a note is quoted, not run on after "add"/"Develop": a reference answer (one of
    several, or one of more than one sentence: "Boil the leaf in water to kill it. Put it …"),
    whose first word is a sentence's (trial s43: "Develop boil the leaf in water …")."""
    return first_reference(note) != note or bool(_SENTENCE_END.search(note))


_DETERMINER = re.compile(r"\A(The|A|An) (?=\S+\s+\S)")


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: a leading determiner lower-cased when more than
    one word follows it ("strongest on the GST Council"; session 46's trial read "strongest on
    The GST Council"). Conservative: a determiner before one word may open a name ("The
    Hindu"), and every other word keeps its capitals."""
    return _DETERMINER.sub(lambda m: m.group(1).lower() + " ", label, count=1) if label else label


def as_sentence(text: str) -> str:
    """The text with a full stop at its end, unless it ends a sentence already."""
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def unique(lines: Iterable[str]) -> list[str]:
    """The lines without those that repeat an earlier one (after normalisation)."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = normalised(line)
        if key and key not in seen:
            seen.add(key)
            kept.append(line)
    return kept


def in_quotes(words: list[str]) -> str:
    """The words in curly quotes, joined by commas."""
    return ", ".join(f"“{w}”" for w in words)

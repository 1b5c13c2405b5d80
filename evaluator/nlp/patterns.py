"""Regular expressions for word lists that fail fast.

Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position of the text. A
list of words written as a character trie ('t(?:hirty|hree|welve)' for 'three|thirty|twelve')
costs one attempt where the plain alternation costs one per word, and a lookahead of the first
characters lets it pass over most positions at once. Both match exactly what the plain, longest-
first alternation matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CharTrie = dict[str, "_CharTrie"]
"""Character -> the rest of the words; the key '' marks the end of a word."""


def word_alternation(words: Iterable[str], *, flexible_space: bool = False) -> str:
    """A pattern (no group around it) matching any of the words, longest first.

    With ``flexible_space`` a space in a word matches any run of white space.
    """
    trie: _CharTrie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie, flexible_space)


def _trie_pattern(node: _CharTrie, flexible_space: bool) -> str:
    branches = [
        (r"\s+" if ch == " " and flexible_space else re.escape(ch))
        + _trie_pattern(child, flexible_space)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a shorter word ends here: the longer ones are tried first (greedy)
        return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


def first_chars(words: Iterable[str]) -> str:
    """A lookahead for the characters a match can begin with (lower case; compile with
    ``re.IGNORECASE`` when the text is not lower-cased)."""
    chars = sorted({w[0].lower() for w in words if w})
    return "(?=[" + "".join(re.escape(c) for c in chars) + "])"

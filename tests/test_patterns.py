"""The fast word-list patterns match exactly what the plain longest-first alternation matches, and
the token view and sentence component agree with spaCy's own answers."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from evaluator.nlp.docview import view
from evaluator.nlp.patterns import first_chars, word_alternation
from evaluator.resources import load_data
from evaluator.scoring.checks.structure import _count_markers, _gives_a_reason, _vocabulary

# a small alphabet so that words share prefixes and texts contain them often
WORD = st.text(alphabet="abt -", min_size=1, max_size=6).filter(lambda w: w.strip() == w and w)
TEXT = st.text(alphabet="abt -.\n", max_size=60)


def _plain(words: list[str], flexible_space: bool) -> str:
    ordered = sorted(words, key=len, reverse=True)
    if flexible_space:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)
    return "|".join(re.escape(w) for w in ordered)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=8), text=TEXT, flexible=st.booleans())
def test_trie_alternation_finds_what_the_plain_alternation_finds(
    words: list[str], text: str, flexible: bool
) -> None:
    plain = re.compile(r"\b(?:" + _plain(words, flexible) + r")\b")
    fast = re.compile(
        first_chars(words) + r"\b(?:" + word_alternation(words, flexible_space=flexible) + r")\b"
    )
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_trie_alternation_prefers_the_longest_word() -> None:
    pattern = re.compile(word_alternation(["seven", "seventy", "seventeen"]))
    assert pattern.match("seventeen").group() == "seventeen"
    assert pattern.match("seventy-two").group() == "seventy"
    assert pattern.match("sevens").group() == "seven"
    assert word_alternation(["us $"], flexible_space=True) == r"us\s+\$"


def test_view_matches_spacy_token_attributes(nlp: Language) -> None:
    text = "India and Japan held the 2+2 in 2019.\n\n- Quad partners  meet often\nThey don't stop."
    doc = nlp(text)
    tokens = view(doc)
    assert tokens.source == doc.text == text
    assert tokens.text == [t.text for t in doc]
    assert tokens.lower == [t.lower_ for t in doc]
    assert tokens.lemma == [t.lemma_.lower() for t in doc]
    assert tokens.pos == [t.pos_ for t in doc]
    assert tokens.space == [t.is_space for t in doc]
    assert tokens.stop == [t.is_stop for t in doc]
    assert tokens.wordlike == [t.is_alpha or t.like_num for t in doc]
    assert tokens.sents == [(s.start, s.end) for s in doc.sents]
    assert tokens.sent_of == [next(k for k, s in enumerate(doc.sents) if t in s) for t in doc]
    # a token's line: the newlines up to and including its first character (a white-space token
    # that starts with a newline opens the next line); line numbers are only ever compared
    lines = [text[: t.idx + 1].count("\n") for t in doc]
    assert all(
        (tokens.line_of[a] == tokens.line_of[b]) == (lines[a] == lines[b])
        for a in range(len(doc))
        for b in range(len(doc))
    )


def test_every_line_starts_a_sentence_and_a_bullet_stays_with_its_point(nlp: Language) -> None:
    doc = nlp("Introduction to the ties\n- Japan is a Quad partner\n1. Trade is modest\nEnd")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Introduction", "-", "1", "End"]


_KINDS = ("introduction", "conclusion", "judgement", "critical", "position", "reason", "proposal")
_PIECES = sorted(
    {w for kind in _KINDS for w in load_data("structure.yaml")[f"{kind}_markers"]}
    | {"in", "my", "the", "is", "a", "x", ",", ".", "-", "\n"}
)


@settings(max_examples=300, deadline=None)
@example(pieces=["the statement is", "given"], glue=" ")  # a verb, no reason (found by a run)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=30), glue=st.sampled_from([" ", "", "  "])
)
def test_marker_counts_equal_a_full_scan(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces).lower()
    vocab = _vocabulary()
    runs = [(m.start(), m.group()) for m in re.finditer(r"\w+", text)]
    for kind in _KINDS:
        scan = list(vocab.markers[kind].finditer(text))
        if kind == "reason":  # the same exceptions: 'since 1958', 'is given' give no reason
            scan = [m for m in scan if _gives_a_reason(vocab, text, m.start())]
        assert _count_markers(vocab, kind, text, runs) == len(scan)

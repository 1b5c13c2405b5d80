"""Dimensions for `rubric derive`: one per heading, headings grouped by topic when there are
many, or topic clusters (TF-IDF + k-means, seeded) of the sentences of a heading-less text;
and bonus keywords ranked by keyness (TF-IDF of the sections)."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Doc

from evaluator.nlp.lexicon import stem_form
from evaluator.tools.derive.parse import Section
from evaluator.tools.derive.terms import GENERIC_WORDS

MAX_DIMENSIONS = 7
_CHALLENGES = re.compile(
    r"\b(challenge|concern|issue|problem|limitation|criticism|drawback|obstacle|risk|irritant)s?\b",
    re.I,
)
_WAY_FORWARD = re.compile(
    r"\b(way forward|way ahead|suggestion|recommendation|conclusion|future|measures)s?\b", re.I
)


@dataclass
class DimensionDraft:
    """A dimension before it is written out: where its units come from."""

    id: str
    label: str
    kind: str
    headings: list[str]
    units: list[tuple[Section, str]]
    concepts: list[Any] = field(default_factory=list)
    """DraftConcept objects, filled in by derive."""

    def to_data(self) -> dict[str, Any]:
        """The dimension as rubric data."""
        data: dict[str, Any] = {"id": self.id, "label": self.label}
        if self.kind != "content":
            data["kind"] = self.kind
        if len(self.headings) > 1:
            data["description"] = "Sections: " + "; ".join(self.headings)
        data["concepts"] = []
        for c in self.concepts:
            concept: dict[str, Any] = {"id": c.id, "label": c.label, "cues": c.groups}
            if c.aliases:
                concept["aliases"] = c.aliases
            if c.negative:
                concept["negative_claim"] = True
            if c.needs_first:
                concept["needs_first_group"] = True
            concept["note"] = c.unit
            if c.heading:
                concept["source_ref"] = c.heading
            data["concepts"].append(concept)
        return data


def _kind(heading: str | None) -> str:
    if not heading:
        return "content"
    if _WAY_FORWARD.search(heading):
        return "way_forward"
    if _CHALLENGES.search(heading):
        return "challenges"
    return "content"


def _content_text(doc: Doc) -> str:
    return " ".join(
        t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and len(t.text) > 2
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9+]+", "-", text.lower()).strip("-")[:40].strip("-") or "dimension"


def _kmeans(texts: list[str], k: int) -> list[int]:
    """Cluster labels (seeded, so the draft is the same every run)."""
    if not any(t.strip() for t in texts):
        return [0] * len(texts)
    matrix = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True).fit_transform(texts)
    distinct = len({tuple(row.indices) + tuple(row.data.round(6)) for row in matrix})
    k = max(1, min(k, distinct))
    model = KMeans(n_clusters=k, n_init=10, random_state=0).fit(matrix)
    # number clusters by first appearance so dimensions follow the document's order
    order: dict[int, int] = {}
    for label in model.labels_:
        order.setdefault(int(label), len(order))
    return [order[int(label)] for label in model.labels_]


def group_sections(
    sections: list[Section], docs: dict[str, Doc], topic: frozenset[str] = frozenset()
) -> list[DimensionDraft]:
    """The dimensions of the draft, in document order, with unique ids. A topic cluster is
    labelled by its commonest nouns, the ``topic``'s own words ('india', 'france') left out."""
    drafts: list[DimensionDraft] = []
    headed = [s for s in sections if s.heading]
    if headed:
        special = [s for s in headed if _kind(s.heading) != "content"]
        content = [s for s in headed if _kind(s.heading) == "content"]
        budget = max(1, MAX_DIMENSIONS - len(special))
        if len(content) <= budget:
            groups = [[s] for s in content]
        else:
            texts = [
                " ".join([_content_text(docs[u]) for u in s.units] + [str(s.heading).lower()])
                for s in content
            ]
            labels = _kmeans(texts, budget)
            groups = [[s for s, lab in zip(content, labels, strict=True) if lab == g]
                      for g in range(max(labels) + 1)]  # fmt: skip
        for group in groups:
            headings = [str(s.heading) for s in group]
            label = headings[0] if len(headings) == 1 else " / ".join(headings[:3])
            if len(headings) > 3:
                label += " …"
            units = [(s, u) for s in group for u in s.units]
            drafts.append(DimensionDraft(_slug(headings[0]), label, "content", headings, units))
        for s in special:
            drafts.append(
                DimensionDraft(
                    _slug(str(s.heading)), str(s.heading), _kind(s.heading), [str(s.heading)],
                    [(s, u) for u in s.units],
                )
            )  # fmt: skip
    else:
        units = [(s, u) for s in sections for u in s.units]
        blocks = list(dict.fromkeys(s.block_of.get(u, -1) for s, u in units))
        grouped: list[list[tuple[Section, str]]] = []
        if len(blocks) >= 2 and len(units) >= 8:
            # paragraphs are the text's own topics: a paragraph's sentences stay together, and
            # paragraphs are grouped by topic only past the dimension budget
            paragraphs = [[(s, u) for s, u in units if s.block_of.get(u, -1) == b] for b in blocks]
            grouped = paragraphs
            if len(paragraphs) > MAX_DIMENSIONS:
                texts = [" ".join(_content_text(docs[u]) for _, u in p) for p in paragraphs]
                labels = _kmeans(texts, MAX_DIMENSIONS)
                grouped = [[pair for p, lab in zip(paragraphs, labels, strict=True) if lab == g
                            for pair in p] for g in range(max(labels) + 1)]  # fmt: skip
        elif len(units) >= 8:  # one block of sentences: clustered sentence by sentence
            k = max(2, min(5, round(math.sqrt(len(units) / 2))))
            labels = _kmeans([_content_text(docs[u]) for _, u in units], k)
            grouped = [[pair for pair, lab in zip(units, labels, strict=True) if lab == g]
                       for g in range(max(labels) + 1)]  # fmt: skip
        for g, members in enumerate(grouped):
            top = _top_terms([docs[u] for _, u in members], 3, topic)
            label = "Topic: " + ", ".join(top) if top else f"Topic {g + 1}"
            drafts.append(DimensionDraft(_slug("-".join(top) or f"topic-{g + 1}"), label,
                                         "content", [], members))  # fmt: skip
        if not grouped:
            drafts.append(DimensionDraft("key-points", "Key points", "content", [], units))
    seen: Counter[str] = Counter()
    for draft in drafts:
        seen[draft.id] += 1
        if seen[draft.id] > 1:
            draft.id = f"{draft.id}-{seen[draft.id]}"
    return drafts


def _top_terms(docs: list[Doc], n: int, skip: frozenset[str] = frozenset()) -> list[str]:
    counts = Counter(
        t.lemma_.lower()
        for d in docs
        for t in d
        if t.pos_ in ("NOUN", "PROPN") and t.is_alpha and not t.is_stop and len(t.text) > 2
        and t.lemma_.lower() not in skip and t.lower_ not in skip
        and t.lemma_.lower() not in GENERIC_WORDS
    )  # fmt: skip
    return [w for w, _ in counts.most_common(n)]


def keyness_ranking(sections: list[Section], docs: dict[str, Doc], *, limit: int = 10) -> list[str]:
    """Key phrases of the document: frequent here, concentrated in few sections (TF-IDF)."""
    tf: Counter[str] = Counter()
    where: dict[str, set[int]] = {}
    surface: dict[str, str] = {}
    for index, section in enumerate(sections):
        for unit in section.units:
            for phrase, key in _phrases(docs[unit]):
                tf[key] += 1
                where.setdefault(key, set()).add(index)
                surface.setdefault(key, phrase)
    n = max(1, len(sections))
    scored = []
    for key, count in tf.items():
        idf = math.log((n + 1) / (len(where[key]) + 1)) + 1.0
        length_bonus = 1.0 + 0.5 * (len(key.split()) - 1)
        scored.append((count * idf * length_bonus, key))
    scored.sort(key=lambda x: (-x[0], x[1]))
    ranked: list[str] = []
    for _, key in scored:
        if any(key in other or other in key for other in (k.lower() for k in ranked)):
            continue
        ranked.append(surface[key])
        if len(ranked) == limit:
            break
    return ranked


def _phrases(doc: Doc) -> list[tuple[str, str]]:
    """Multi-word noun phrases and names of a unit: (as written, lower-case lemma key)."""
    out = []
    for chunk in doc.noun_chunks:
        tokens = [
            t for t in chunk
            if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "ADJ")
        ]  # fmt: skip
        while tokens and tokens[0].pos_ == "ADJ" and tokens[0].lower_ in ("first", "new", "other"):
            tokens = tokens[1:]
        if not tokens or tokens[-1].pos_ == "ADJ":
            continue
        # only a phrase as written: skipping a word inside it ("One Sun One World One Grid")
        # or cutting a long name makes a phrase nobody writes (a hyphen may join two words)
        if any(
            b.i != a.i + 1 and not (b.i == a.i + 2 and doc[a.i + 1].text in ("-", "‐"))
            for a, b in itertools.pairwise(tokens)
        ):
            continue
        if (len(tokens) == 1 and tokens[0].pos_ != "PROPN") or len(tokens) > 5:
            continue
        text = doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        key = " ".join(t.lemma_.lower() for t in tokens)
        out.append((text, key))
    return out


FOCUS_WEIGHTS = (3, 2, 1)
"""A dimension's weight in a question that asks about it most, somewhat, or not by name: the
3/2/1 a tutor gives a question's main, related and background dimensions."""


def focus_weights(
    question_doc: Doc,
    dimensions: list[DimensionDraft],
    docs: dict[str, Doc],
    idf: dict[str, float],
    ignore: frozenset[str],
) -> list[int]:
    """Each dimension's weight for a question set on broad notes.

    A dimension is asked about by the question's own content words (nouns, names, adjectives,
    verbs that are not the directive, the topic or generic): each word counts by its idf and
    by the share of the dimension's units (its headings count as a unit twice) that use it.
    The dimension asked about most gets 3, those asked at least a third as much 2, the rest 1;
    a question that names no dimension ('Discuss the key aspects of …') weighs all alike. A
    dimension of several points asked about only through one of them (no heading word, one
    point writing every asked word it holds) is at most 2: the question echoes a sentence of
    it, it does not ask for it.
    """
    asked = {
        t.lemma_.lower()
        for t in question_doc
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
        and not t.is_stop
        and t.is_alpha
        and t.lemma_.lower() not in ignore
        and t.lower_ not in ignore
    }
    if not asked or not dimensions:
        return [1] * len(dimensions)
    rarest = max(idf.values(), default=1.0)
    scores: list[float] = []
    echoes: list[bool] = []  # asked about only through one of its several points
    for dim in dimensions:
        # each unit's lemmas once, not once per asked word
        units = [{t.lemma_.lower() for t in docs[u]} for _, u in dim.units if u in docs]
        heading_words = {w.lower() for h in dim.headings for w in re.findall(r"[A-Za-z]+", h)}
        # a lemma against a heading's plural ('challenge' asked, "Challenges" the heading)
        heading_words |= {stem_form(w) for w in heading_words}
        score = 0.0
        named = False  # by its heading, or by words more than one of its points write
        echoed: set[int] = set()  # the points that write any asked word
        for word in asked:
            using = sum(word in lemmas for lemmas in units)
            in_heading = 2 if word in heading_words or stem_form(word) in heading_words else 0
            share = (using + in_heading) / (len(units) + 2) if units else 0.0
            # a word no point writes (a heading's 'agriculture') is as specific as words come
            score += idf.get(word, rarest) * share
            named = named or bool(in_heading)
            echoed |= {i for i, lemmas in enumerate(units) if word in lemmas}
        scores.append(score)
        # the question's words echoing one point of a dimension of several do not make it the
        # main one (trial s48: "effective units of local self-government" echoed Article 40's
        # "units of self-government" and weighed the three-point Background 3)
        echoes.append(not named and len(echoed) < 2 <= len(units))
    best = max((s for s, echo in zip(scores, echoes, strict=True) if not echo), default=0.0)
    if best <= 0:
        return [1] * len(dimensions)
    main, related, background = FOCUS_WEIGHTS
    return [
        main if s >= 0.999 * best and not echo else related if s >= best / 3 else background
        for s, echo in zip(scores, echoes, strict=True)
    ]

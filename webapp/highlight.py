"""The answer as HTML with the spans that earned (or lost) credit highlighted, and the stretches
copied from the source notes marked around them.

Every piece of the learner's text is escaped here, segment by segment between evidence offsets;
only our own tags are added. The result is the one place the templates mark safe.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup, escape

HIGHLIGHTED = (
    "contradicted",
    "misconception",
    "marked-down",
    "negated",
    "covered",
    "partial",
    "marked-up",
)
"""Statuses shown in the text, strongest first: overlapping spans take the first."""

STATUS_LABELS = {
    "covered": "Covered",
    "partial": "Partly covered",
    "negated": "Negated",
    "contradicted": "Contradicted",
    "misconception": "Misconception (costs marks)",
    "marked-down": "Like answers the tutor marked low (costs marks)",
    "marked-up": "Like answers the tutor marked high (earns marks)",
    "missing": "Missing",
    "copied": "Copied from the source notes",
}

COPIED_TIP = "Copied from the source notes, word for word: rewrite it in your own words"
"""What a copied stretch says on hover, on focus and to a screen reader."""


def _offsets(span: Mapping[str, Any], text: str) -> tuple[int, int] | None:
    """A span's offsets if they point at the text they claim to: anything else is skipped, not
    trusted (a report stored from another text, or edited)."""
    try:
        start, end = int(span.get("start", -1)), int(span.get("end", -1))
    except (TypeError, ValueError):
        return None
    if 0 <= start < end <= len(text) and text[start:end] == span.get("text"):
        return start, end
    return None


def copied_stretches(report: Mapping[str, Any], text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the answer's stretches that the ``copied_source`` advisory
    found in the source notes, in order, overlapping ones joined."""
    found: list[tuple[int, int]] = []
    for advisory in report.get("advisories", []):
        if not isinstance(advisory, Mapping) or advisory.get("code") != "copied_source":
            continue
        details = advisory.get("details")
        spans = details.get("spans") if isinstance(details, Mapping) else None
        for span in spans if isinstance(spans, list) else []:
            offsets = _offsets(span, text) if isinstance(span, Mapping) else None
            if offsets is not None:
                found.append(offsets)
    joined: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _spans(report: Mapping[str, Any], text: str) -> list[tuple[int, int, str, str]]:
    spans = []
    # the dimensions this question scores: a point of another earns nothing here, and a green
    # mark on it told a learner it had scored (trial 30c: "Asian century" on the economic
    # question)
    scored = {d.get("id") for d in report.get("dimensions", [])}
    for concept in report.get("concepts", []):
        status = concept.get("status")
        if scored and concept.get("dimension") not in scored:
            continue
        if concept.get("penalty"):  # a misconception the answer states, never a point earned
            # one `rubric tune` learned from marks is words of low-marked answers, not a claim
            # to call wrong
            cost = "marked-down" if concept.get("learned") else "misconception"
            status = cost if status in ("covered", "partial") else None
        elif concept.get("learned"):
            # a phrase or example `rubric tune` learned from marks earns, and its span keeps
            # the mark traceable, but it is no point of the rubric: "Covered: provide" told a
            # learner a common word was a point (trial 38)
            status = "marked-up" if status in ("covered", "partial") else None
        if status not in HIGHLIGHTED:
            continue
        for ev in concept.get("evidence", []):
            offsets = _offsets(ev, text)
            if offsets is not None:
                spans.append((*offsets, status, str(concept.get("label", concept.get("id")))))
    for fact in report.get("facts", []):
        if fact.get("status") != "contradicted":
            continue
        for ev in fact.get("evidence", []):
            offsets = _offsets(ev, text)
            if offsets is not None:
                spans.append((*offsets, "contradicted", str(fact.get("claim", fact.get("id")))))
    return spans


def _clusters(
    spans: Iterable[tuple[int, int, str, str]],
) -> list[tuple[int, int, list[tuple[int, int, str, str]]]]:
    """Overlapping spans joined into one (start, end, the spans in it): "Shinyuu" inside
    "Shinyuu Maitri", "Dedicated Freight Corridor" inside "Western Dedicated Freight Corridor"
    are one highlight, not fragments cut where the shorter one begins or ends."""
    clusters: list[tuple[int, int, list[tuple[int, int, str, str]]]] = []
    for span in sorted(spans):
        if clusters and span[0] < clusters[-1][1]:
            start, end, members = clusters[-1]
            clusters[-1] = (start, max(end, span[1]), [*members, span])
        else:
            clusters.append((span[0], span[1], [span]))
    return clusters


def highlight_answer(text: str, report: Mapping[str, Any]) -> Markup:
    """The answer with a <mark> per highlight, each copied stretch one <mark> around the marks
    inside it; all user text escaped.

    Overlapping spans make one highlight, in the strongest status among them, whose explanation
    names every point they count for (session 44: "Western " and "Dedicated Freight Corridor"
    had been two marks, and a screen reader read the point twice). Only a copied stretch that
    begins or ends inside a highlight cuts it, so that the marks nest; the explanation is read
    once, after its last piece.

    No highlight is a tab stop (an answer has dozens): the answer is one, and the arrow keys move
    from highlight to highlight inside it (static/result.js), each showing its explanation."""
    clusters = _clusters(_spans(report, text))
    copied = copied_stretches(report, text)
    bounds = sorted(
        {0, len(text), *(s for s, _, _ in clusters), *(e for _, e, _ in clusters)}
        | {offset for stretch in copied for offset in stretch}
    )
    parts: list[str] = []
    for left, right in itertools.pairwise(bounds):
        if any(start == left for start, _ in copied):
            parts.append(
                Markup('<mark class="hl hl-copied" tabindex="-1" title="{}" data-tip="{}">').format(
                    COPIED_TIP, COPIED_TIP
                )
            )
        segment = escape(text[left:right])
        active = next((c for c in clusters if c[0] <= left and right <= c[1]), None)
        if active is None:
            parts.append(segment)
        else:
            members = active[2]
            status = min(members, key=lambda s: HIGHLIGHTED.index(s[2]))[2]
            tip = "; ".join(dict.fromkeys(f"{STATUS_LABELS[s[2]]}: {s[3]}" for s in members))
            parts.append(
                Markup(
                    '<mark class="hl hl-{}" tabindex="-1" title="{}" data-tip="{}">{}</mark>'
                ).format(status, tip, tip, segment)
            )
            if right == active[1]:
                parts.append(Markup('<span class="visually-hidden"> ({})</span>').format(tip))
        if any(end == right for _, end in copied):
            parts.append(
                Markup('</mark><span class="visually-hidden"> ({})</span>').format(COPIED_TIP)
            )
    return Markup("").join(parts)


LEGEND_ORDER = ("covered", "partial", "negated", "contradicted")


def legend(statuses: Iterable[str] = LEGEND_ORDER) -> list[tuple[str, str]]:
    """(status, label) pairs for the colour legend."""
    return [(s, STATUS_LABELS[s]) for s in statuses]


def answer_legend(text: str, report: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The legend of one marked-up answer: the statuses, and the learned and copied styles when
    the answer has such a highlight."""
    learned = any(s[2] == "marked-up" for s in _spans(report, text))
    extra = (("marked-up",) if learned else ()) + (
        ("copied",) if copied_stretches(report, text) else ()
    )
    return legend(LEGEND_ORDER + extra)

"""Writing a derived rubric as YAML with comments for the author (PyYAML drops comments, so the
text is written here line by line; scalars use JSON syntax, which YAML reads)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

_HEADER = """\
# Draft rubric written by `mains-eval rubric derive`. It is valid and scores answers as it
# stands, but it is a draft: read every concept before you publish it.
#
# - Cue groups: every group must be found (in one sentence or the next) for full credit; inside
#   a group any one alternative is enough. More than half of the groups earns partial credit.
#   Terms match on lemmas, so 'exercise' also matches 'exercises'. Add paraphrases to a group.
# - Aliases name the whole concept: any one of them alone covers it.
# - Facts hold the dates and figures of the notes; an answer giving another value for them
#   loses the concept's credit, so delete facts the question does not need.
# - Check it with `mains-eval rubric check FILE`; fit it to your marks with `rubric tune`.
"""


def _s(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow(items: Sequence[Any]) -> str:
    return "[" + ", ".join(_s(i) for i in items) + "]"


def _wrap_comment(text: str, indent: str, width: int = 96) -> list[str]:
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(indent) + 2 + len(current) + 1 + len(word) > width:
            lines.append(f"{indent}# {current}")
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(f"{indent}# {current}")
    return lines


def render_yaml(
    data: dict[str, Any], dimensions: Sequence[Any], acronyms: dict[str, str], *, short_text: bool
) -> str:
    """The rubric data as commented YAML (``dimensions`` are the drafts, for the comments)."""
    out: list[str] = [_HEADER.rstrip("\n")]
    for key in ("id", "title", "version", "description", "source_notes"):
        out.append(f"{key}: {_s(data[key])}")
    if data.get("source_fingerprint"):
        out.append("# Hashed 8-word runs of the source document (nothing readable): copied_source")
        out.append("# compares answers with them even once the notes are in your own words.")
        out.append(f"source_fingerprint: {_s(data['source_fingerprint'])}")
    out.append("")
    if data["synonyms"]:
        out.append("# Acronyms the text introduces, names written more than one way and substances")
        out.append("# named by formula (the engine's names.yaml, formulas.yaml): each is matched")
        out.append("# wherever another of its group is.")
        out.append("synonyms:")
        out.extend(f"  - {_flow(group)}" for group in data["synonyms"])
    else:
        out.append("# Add equivalence classes here, e.g. [photosynthesis, photosynthetic].")
        out.append("synonyms: []")
    out.append("# Ranked by keyness: frequent in the notes and concentrated in few sections.")
    out.append(f"bonus_keywords: {_flow(data['bonus_keywords'])}")
    if "structure" in data:
        out.append("# A short reference answer: no introduction, conclusion or points expected.")
        out.append("structure:")
        out.extend(f"  {k}: {_s(v)}" for k, v in data["structure"].items())
    out.append("scoring:")
    out.append(
        "  # Share of a dimension's concept weight that earns it in full (0.35 for long notes,"
    )
    out.append("  # higher for a short reference answer where every point is expected).")
    out.append(f"  saturation: {data['scoring']['saturation']}")
    if "rounding" in data["scoring"]:
        out.append("  # Marks step: a short answer's proportional credit shows in quarter marks.")
        out.append(f"  rounding: {data['scoring']['rounding']}")
    out.append("")
    out.append("dimensions:")
    for draft, dim in zip(dimensions, data["dimensions"], strict=True):
        if draft.headings:
            out.extend(_wrap_comment("From: " + "; ".join(draft.headings), "  "))
        else:
            out.append("  # A topic cluster of the text's sentences: rename it.")
        out.append(f"  - id: {_s(dim['id'])}")
        out.append(f"    label: {_s(dim['label'])}")
        if "kind" in dim:
            out.append(f"    kind: {_s(dim['kind'])}")
        if "description" in dim:
            out.append(f"    description: {_s(dim['description'])}")
        if "expected" in dim:
            out.append(
                "    # Concept weight for full marks here: the mark scheme's count of points, or"
            )
            out.append("    # else what an answer of the word limit covers.")
            out.append(f"    expected: {_s(dim['expected'])}")
        out.append("    concepts:")
        for concept in dim["concepts"]:
            out.append(f"      - id: {_s(concept['id'])}")
            out.append(f"        label: {_s(concept['label'])}")
            if concept.get("credit"):
                out.append(
                    "        # Credit in proportion to the share of the reference's words the "
                    "answer uses;"
                )
                out.append("        # the best of the phrasings (cues and alternatives) counts.")
                out.append(f"        credit: {_s(concept['credit'])}")
            out.append("        cues:")
            out.extend(f"          - {_flow(group)}" for group in concept["cues"])
            if concept.get("echo"):
                out.append("        # Words of the question: an answer echoing them earns little.")
                out.append(f"        echo: {_flow(concept['echo'])}")
            if concept.get("negative_claim"):
                out.append("        negative_claim: true")
            if concept.get("needs_first_group"):
                out.append(
                    "        # Its topic's name (the second group) counts only beside the first."
                )
                out.append("        needs_first_group: true")
            if concept.get("negated"):
                out.append("        # Words it says in the negative: an answer must deny them too.")
                out.append(f"        negated: {_flow(concept['negated'])}")
            if concept.get("alternatives"):
                out.append("        # Other correct phrasings (one per reference answer).")
                out.append("        alternatives:")
                for alt in concept["alternatives"]:
                    out.append(f"          - cues: {_flow(alt['cues'])}")
                    if alt.get("echo"):
                        out.append(f"            echo: {_flow(alt['echo'])}")
                    if alt.get("negative_claim"):
                        out.append("            negative_claim: true")
                    if alt.get("negated"):
                        out.append(f"            negated: {_flow(alt['negated'])}")
            if concept.get("aliases"):
                out.append(f"        aliases: {_flow(concept['aliases'])}")
            out.append(f"        note: {_s(concept['note'])}")
            if concept.get("source_ref"):
                out.append(f"        source_ref: {_s(concept['source_ref'])}")
    out.append("")
    if data["facts"]:
        out.append("# Dates and figures found in the notes, each tied to the concept stating it.")
        out.append("facts:")
        for fact in data["facts"]:
            out.append(f"  - id: {_s(fact['id'])}")
            out.append(f"    concept: {_s(fact['concept'])}")
            out.append(f"    claim: {_s(fact['claim'])}")
            out.append(f"    cues: {_flow(fact['cues'])}")
            expected = ", ".join(f"{k}: {_s(v)}" for k, v in fact["expected"].items())
            out.append(f"    expected: {{{expected}}}")
    else:
        out.append("facts: []")
    out.append("")
    out.append(
        "# Edit the question text, marks and word limit; drop dimensions it does not ask for."
    )
    out.append("questions:")
    for question in data["questions"]:
        out.append(f"  - id: {_s(question['id'])}")
        out.append(f"    text: {_s(question['text'])}")
        out.append(f"    directive: {_s(question['directive'])}")
        if question.get("extra_directives"):
            out.append(f"    extra_directives: {_flow(question['extra_directives'])}")
        if question.get("kind"):
            out.append(
                "    # A short reference answer: graded on content only (no structure, no UPSC"
            )
            out.append("    # curve, no too_short cap). Change to 'mains' for a Mains answer.")
            out.append(f"    kind: {_s(question['kind'])}")
        out.append(f"    max_marks: {question['max_marks']}")
        out.append(f"    word_limit: {question['word_limit']}")
        out.append("    dimensions:")
        if any("weight" in d for d in question["dimensions"]):
            out.append(
                "      # Weighted by how much the question asks about each (3 most, 2 some, 1 not"
            )
            out.append("      # by name), from its words: check them against what you would mark.")
        for d in question["dimensions"]:
            weight = f", weight: {d['weight']}" if "weight" in d else ""
            out.append(f"      - {{id: {_s(d['id'])}{weight}}}")
    return "\n".join(out) + "\n"

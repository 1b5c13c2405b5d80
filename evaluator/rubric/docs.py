"""The rubric format reference (docs/rubric-format.md), generated from the pydantic models so the
documentation cannot drift from the schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from evaluator.rubric.model import (
    Alternative,
    Concept,
    Dimension,
    ExpectedValue,
    Fact,
    Question,
    QuestionDimension,
    QuestionPart,
    Rubric,
    ScoringSettings,
    StructureExpectations,
)

BEGIN = "<!-- BEGIN GENERATED REFERENCE (mains-eval rubric schema --markdown) -->"
END = "<!-- END GENERATED REFERENCE -->"

SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("Top level (`rubric.yaml`)", Rubric),
    ("`dimensions[]`", Dimension),
    ("`dimensions[].concepts[]`", Concept),
    ("`dimensions[].concepts[].alternatives[]`", Alternative),
    ("`facts[]`", Fact),
    ("`facts[].expected`", ExpectedValue),
    ("`questions[]`", Question),
    ("`questions[].dimensions[]`", QuestionDimension),
    ("`questions[].parts[]`", QuestionPart),
    ("`structure`", StructureExpectations),
    ("`scoring`", ScoringSettings),
]


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default is not PydanticUndefined:
        value = field.default
        if value is None:
            return "none"
        if isinstance(value, str):
            return f"`{value!r}`" if value else "`''`"
        return f"`{value}`"
    factory = field.default_factory
    if factory is list:
        return "`[]`"
    return "defaults"


def rubric_reference_markdown() -> str:
    """Markdown tables of every rubric field: key, default and description."""
    lines = [BEGIN, ""]
    for title, model in SECTIONS:
        lines += [f"### {title}", "", "| key | default | meaning |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            key = field.alias or name
            description = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{key}` | {_default(field)} | {description} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)

"""Property tests: marks stay in range, are reproducible, and adding a correct point never costs
marks unless an advisory fires."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from evaluator.rubric.loader import LoadedRubric, load_rubric
from evaluator.scoring.engine import evaluate

QUESTION = "discuss-2plus2"
POINTS = [
    ("quad", "India and Japan are both members of the Quad."),
    ("jimex", "The two navies hold JIMEX regularly."),
    ("malabar", "Both navies join the Malabar naval exercise."),
    ("dharma-guardian", "The armies train together in Dharma Guardian."),
    ("acsa", "The ACSA gives each side logistics support at the other's bases."),
    ("cepa", "The CEPA has applied since 2011."),
    ("currency-swap", "A currency swap arrangement of US$ 75 billion steadies both central banks."),
    ("oda", "Japan has given development assistance since 1958."),
    ("bullet-train", "Japan funds the bullet train between Mumbai and Ahmedabad."),
    ("aoip", "Both back the ASEAN Outlook on the Indo-Pacific."),
    ("unicorn", "Japan is transferring UNICORN mast technology."),
    ("civil-nuclear", "A civil nuclear agreement was signed in 2016."),
    ("act-east-forum", "The Act East Forum was set up in 2017."),
    ("rules-based-order", "Both uphold a rules-based order that respects sovereignty."),
]
INTRO = "India and Japan have built a close partnership that has grown since 2000."
CONCLUSION = "In conclusion, the partnership gives Asia a stable anchor."

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def honest(data_dir: Path) -> LoadedRubric:
    return load_rubric(data_dir / "honest" / "rubric")


def compose(indexes: list[int], bullets: bool, conclusion: bool) -> str:
    body = [POINTS[i][1] for i in indexes]
    parts = [INTRO]
    if body:
        parts.append("\n".join(f"- {s}" for s in body) if bullets else " ".join(body))
    if conclusion:
        parts.append(CONCLUSION)
    return "\n\n".join(parts)


answer_shapes = st.tuples(
    st.lists(st.integers(0, len(POINTS) - 1), unique=True, max_size=9),
    st.integers(0, len(POINTS) - 1),
    st.booleans(),
    st.booleans(),
)


@SETTINGS
@given(shape=answer_shapes)
def test_adding_a_missing_point_never_lowers_marks(
    honest: LoadedRubric, nlp: Language, shape: tuple[list[int], int, bool, bool]
) -> None:
    indexes, extra, bullets, conclusion = shape
    assume(extra not in indexes)
    base = compose(indexes, bullets, conclusion)
    before = evaluate(base, honest, QUESTION, nlp=nlp)
    concept, sentence = POINTS[extra]
    assume(before.concept(concept).status == "missing")
    addition = f"- {sentence}" if bullets else sentence
    after = evaluate(base + "\n\n" + addition, honest, QUESTION, nlp=nlp)
    assert after.concept(concept).credit > 0
    new_advisories = set(after.advisory_codes()) - set(before.advisory_codes())
    if not new_advisories:
        assert after.marks >= before.marks, (before.arithmetic, after.arithmetic)


mixed_text = st.lists(
    st.one_of(
        st.sampled_from([s for _, s in POINTS] + [INTRO, CONCLUSION, "\n\n", "\n- "]),
        st.text(
            alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40
        ),
    ),
    max_size=25,
).map(" ".join)


@SETTINGS
@given(text=mixed_text)
def test_marks_stay_within_range_and_are_reproducible(
    honest: LoadedRubric, nlp: Language, text: str
) -> None:
    first = evaluate(text, honest, QUESTION, nlp=nlp)
    second = evaluate(text, honest, QUESTION, nlp=nlp)
    assert 0 <= first.marks <= first.max_marks
    assert 0.0 <= first.structure.score <= 1.0
    assert all(a.cap is None or 0 <= a.cap <= 1 for a in first.advisories)
    assert first.to_dict() == second.to_dict()

"""Session 44: drafts from a teacher's short science references (a Year 8 photosynthesis test):
no junk WordNet synonyms, substances named by formula, and terse correct answers not harsh.
Reference answers and pupils' answers are our own wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric


def derived(tmp_path: Path, references: list[str], question: str, **options) -> LoadedRubric:
    """A rubric derived from reference answers, written and loaded as a tutor would."""
    result = derive_rubric(
        "", references=references, question=question, source_notes="refs.md", **options
    )
    (tmp_path / "refs.md").write_text(" || ".join(references), encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(tmp_path / "rubric.yaml")


def grade(loaded: LoadedRubric, text: str):
    return evaluate(text, loaded, loaded.rubric.questions[0].id)


def cue_words(loaded: LoadedRubric) -> dict[str, list[str]]:
    """Every cue group of the draft's one concept and its alternatives, by its first term."""
    concept = loaded.rubric.concepts()[0][1]
    groups = [*concept.cues, *(g for a in concept.alternatives for g in a.cues)]
    return {g[0]: list(g) for g in groups}


def _wordnet() -> None:
    from evaluator.tools.derive.synonyms import wordnet_dir

    if wordnet_dir() is None:
        pytest.skip("WordNet database (Debian wordnet-base) not installed")


def test_a_draft_offers_no_junk_synonyms(tmp_path: Path) -> None:
    """The teacher's drafts had offered 'works' for a plant, 'filth' and 'grime' for soil,
    'inkiness' for black and 'amylum' for starch: the wrong sense of an ambiguous noun, and
    words no pupil writes."""
    _wordnet()
    loaded = derived(
        tmp_path,
        [
            "A green plant takes water up from the soil through its roots.",
            "Dip the leaf in iodine and it goes black where there is starch.",
        ],
        "How does a plant get water, and how do we show a leaf holds starch?",
        max_marks=3,
        word_limit=60,
    )
    groups = cue_words(loaded)
    offered = {w for g in groups.values() for w in g[1:]}
    assert not {"works", "filth", "grime", "inkiness", "amylum", "leafage"} & offered
    # useful synonyms stay: 'dirt' is soil in its earthy sense too, 'foliage' is leaves
    assert groups["soil"][1:] == ["dirt"] and "foliage" in groups["leaf"]
    assert groups["plant"] == ["plant"] and groups["starch"] == ["starch"]


def test_synonyms_of_ambiguous_nouns_and_rare_words() -> None:
    """An ambiguous noun keeps only the synonyms of both its senses; a verb's senses are shades
    of one meaning and keep theirs; a word never seen in use goes unless it is a spelling."""
    _wordnet()
    from evaluator.tools.derive.synonyms import synonyms

    assert "depot" not in synonyms("terminal", "NOUN")  # a battery's terminal is no depot
    assert "province" not in synonyms("state", "NOUN")  # 'different electrical states'
    assert "spread" not in synonyms("gap", "NOUN")
    assert not {"miss", "missy", "fille"} & set(synonyms("girl", "NOUN"))
    assert "require" in synonyms("need", "VERB") and "shut" in synonyms("close", "VERB")
    assert "halt" in synonyms("stop", "VERB") and "rapidly" in synonyms("quickly", "ADV")
    assert not {"mensurate", "caoutchouc", "acetum", "occident"} & {
        *synonyms("measure", "VERB"),
        *synonyms("rubber", "NOUN"),
        *synonyms("vinegar", "NOUN"),
        *synonyms("west", "NOUN"),
    }
    assert "centimetre" in synonyms("centimeter", "NOUN")  # a spelling, never tagged, stays
    assert "fertiliser" in synonyms("fertilizer", "NOUN")


RAW_MATERIALS = "What are the two raw materials a plant needs for photosynthesis?"
RAW_REFERENCES = [
    "A plant needs carbon dioxide and water to photosynthesise.",
    "Carbon dioxide taken from the air, and water drawn from the soil.",
]


def test_a_formula_earns_what_its_name_earns(tmp_path: Path) -> None:
    """The teacher's "CO2 and water" got 0.5 of 2 where "carbon dioxide and water" got 1.5:
    CO2 was read as no word of the reference."""
    loaded = derived(tmp_path, RAW_REFERENCES, RAW_MATERIALS, max_marks=2, word_limit=30)
    assert ["carbon dioxide", "CO2", "CO₂"] in loaded.rubric.synonyms
    named = grade(loaded, "Carbon dioxide and water.").marks
    assert named >= 1
    assert grade(loaded, "CO2 and water.").marks == named
    assert grade(loaded, "CO₂ and H₂O").marks == named
    assert grade(loaded, "co2 and h2o").marks == named
    # one substance is one cue: carbon alone, or another carbon gas, is not carbon dioxide
    assert grade(loaded, "Carbon monoxide and water.").marks < named
    assert grade(loaded, "CO and water.").marks < named
    assert grade(loaded, "Water.").marks == grade(loaded, "Carbon and water.").marks


def test_a_name_earns_what_a_formula_reference_earns(tmp_path: Path) -> None:
    loaded = derived(
        tmp_path,
        ["Glucose and O2."],
        "Name the two products of photosynthesis.",
        max_marks=2,
        word_limit=20,
    )
    full = grade(loaded, "Glucose and O2.").marks
    assert full == 2
    assert grade(loaded, "glucose and oxygen").marks == full
    assert grade(loaded, "C6H12O6 and oxygen gas").marks == full
    # a stray letter is no oxygen: no single letter or element symbol is a form
    assert grade(loaded, "Glucose and O.").marks < full
    # a reference that is a formula alone still drafts a point
    (tmp_path / "only").mkdir()
    only = derived(tmp_path / "only", ["CO2"], "Which gas do leaves take in?", max_marks=1)
    assert grade(only, "carbon dioxide").marks == 1 and grade(only, "oxygen").marks == 0


def test_notes_that_name_a_substance_give_the_draft_its_formula(tmp_path: Path) -> None:
    notes = (
        "# Photosynthesis\n\n## Raw materials\n\nLeaves take in carbon dioxide through their "
        "stomata. Roots take up water, which travels up the xylem to the leaves.\n\n"
        "## Products\n\nThe leaf makes glucose and gives out oxygen. Glucose is stored as "
        "starch.\n"
    )
    result = derive_rubric(notes, source_notes="notes.md")
    assert ["carbon dioxide", "CO2", "CO₂"] in result.data["synonyms"]
    assert ["glucose", "C6H12O6", "C₆H₁₂O₆"] in result.data["synonyms"]
    assert not any("CO" in g for g in result.data["synonyms"])
    # a name inside another substance's name is no formula of it: hydrogen peroxide is no H2
    other = derive_rubric(
        "# Catalase\n\nThe enzyme catalase breaks hydrogen peroxide down in liver cells, and "
        "oxygen atoms bond in pairs. Hydrogen bonds hold water molecules together.\n",
        source_notes="notes.md",
    )
    assert [g[0] for g in other.data["synonyms"]] == ["water"]


STARCH_TEST = "Describe how to test a leaf for starch."
STARCH_REFERENCE = [
    "Boil the leaf in water so that it dies. Soak it in hot ethanol to take out the "
    "chlorophyll. Rinse it in warm water to soften it. Drop iodine solution on it; it goes "
    "blue-black where there is starch."
]


@pytest.fixture
def starch_test(tmp_path: Path) -> LoadedRubric:
    return derived(tmp_path, STARCH_REFERENCE, STARCH_TEST, max_marks=4, word_limit=80)


def test_a_terse_list_of_the_steps_is_no_keyword_stuffing(starch_test: LoadedRubric) -> None:
    """The teacher gave "Boil leaf, ethanol, iodine, blue-black." 4 of 4; it had been capped at
    0.5 as a list of keywords."""
    for answer in (
        "Boil leaf, ethanol, iodine, blue-black.",
        "boil leaf, ethanol, rinse, iodine -> blue-black",
        "Boil leaf\nethanol\nrinse\niodine = blue-black",
    ):
        report = grade(starch_test, answer)
        assert "keyword_stuffing" not in report.advisory_codes(), answer
        assert report.marks >= 1, answer


def test_a_list_of_the_cues_is_still_keyword_stuffing(starch_test: LoadedRubric) -> None:
    """More items than the reference has steps, an item that names no rubric term, or another
    kind of question: a list of keywords as before (the audit's keyword list)."""
    dump = (
        "boil, leaf, water, die, hot, ethanol, chlorophyll, rinse, warm, soften, drop, iodine, "
        "solution, blue, black, starch."
    )
    for answer in (
        dump,
        "Boil leaf, ethanol, iodine, blue-black, water, starch.",  # six items, five steps
        "Boil leaf, ethanol, microscope, iodine, blue-black.",  # an item of no step
    ):
        report = grade(starch_test, answer)
        assert "keyword_stuffing" in report.advisory_codes(), answer
        assert report.marks <= 0.6, answer


def test_the_audit_still_catches_the_keyword_list(starch_test: LoadedRubric) -> None:
    from evaluator.tools.audit import audit_question

    audit = audit_question(starch_test, starch_test.rubric.questions[0].id)
    attack = next(a for a in audit.attacks if a.attack == "keyword_list")
    assert attack.passed and "keyword_stuffing" in attack.advisories


def test_a_misspelt_four_letter_word_earns_its_cue(starch_test: LoadedRubric) -> None:
    """ "boyl the leef" had earned nothing of "boil the leaf": words under five letters were never
    read as misspellings. A lower-case word of four letters that is no English word is now read
    as the rubric's word one letter away, and named in the spelling advisory."""
    right = grade(starch_test, "boil the leaf in water, then add iodine.")
    misspelt = grade(starch_test, "boyl the leef in water, then add iodine.")
    assert misspelt.marks == right.marks > 0
    spelling = next(a for a in misspelt.advisories if a.code == "spelling")
    assert "“boyl” (boil)" in spelling.message and "“leef” (leaf)" in spelling.message
    # a real word is never read as another: 'soil' is no 'boil', 'lead' no 'leaf'
    assert grade(starch_test, "soil the lead in water, then add iodine.").marks < right.marks
    # nor a word of three letters, nor one of four a letter longer or shorter than the cue
    assert grade(starch_test, "bol the lef in water, then add iodine.").marks < right.marks
    # a capitalised word of four letters may be a name: not read as a rubric word
    named = grade(starch_test, "Boyl the Leef in water, then add iodine.")
    assert named.marks < right.marks and "spelling" not in named.advisory_codes()


HAND_WRITTEN = """id: "raw-materials"
title: "Photosynthesis"
version: "0.1.0"
description: "Written by hand."
source_notes: "notes.md"
synonyms: []
bonus_keywords: []
structure: {introduction: false, conclusion: false, points_or_headings: false, min_paragraphs: 1}
scoring: {saturation: 1.0, rounding: 0.25}
dimensions:
  - id: "answer"
    label: "Answer"
    concepts:
      - id: "gas"
        label: "Carbon dioxide from the air"
        cues: [["carbon dioxide"]]
        note: "Leaves take carbon dioxide in from the air."
      - id: "water"
        label: "Water from the soil"
        cues: [["H2O"]]
        note: "Roots draw water up from the soil."
facts: []
questions:
  - id: "q1"
    text: "What are the raw materials of photosynthesis?"
    directive: "state"
    kind: "short"
    max_marks: 2
    word_limit: 30
    dimensions:
      - {id: "answer"}
"""


def test_a_hand_written_rubric_reads_formulas_both_ways(tmp_path: Path) -> None:
    """A rubric's own cue 'carbon dioxide' is matched by "CO2", and its 'H2O' by "water",
    without the author listing the synonyms."""
    (tmp_path / "notes.md").write_text("Carbon dioxide and water.", encoding="utf-8")
    (tmp_path / "rubric.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    loaded = load_rubric(tmp_path / "rubric.yaml")
    for answer in ("CO2 and water.", "carbon dioxide and H2O", "CO₂ and H₂O"):
        report = grade(loaded, answer)
        assert report.marks == 2, answer
        assert {c.status for c in report.concepts} == {"covered"}, answer
    assert grade(loaded, "Carbon and oxygen.").marks == 0
    assert grade(loaded, "CO and water.").marks == 1

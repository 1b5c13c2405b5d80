"""Session 45: pupils' spellings a teacher's photosynthesis test found unread ("carbondioxide",
"warter", "iodeen", "sunlight" for a reference's light), read now only where no real word is
changed. Reference answers and pupils' answers are our own wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.rubric import load_rubric
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric


def derived(folder: Path, references: list[str], question: str, marks: int = 2) -> LoadedRubric:
    """A rubric derived from reference answers, written and loaded as a tutor would."""
    folder.mkdir(parents=True, exist_ok=True)
    result = derive_rubric(
        "",
        references=references,
        question=question,
        source_notes="refs.md",
        max_marks=marks,
        word_limit=40,
    )
    (folder / "refs.md").write_text(" || ".join(references), encoding="utf-8")
    (folder / "rubric.yaml").write_text(result.yaml, encoding="utf-8")
    return load_rubric(folder / "rubric.yaml")


def grade(loaded: LoadedRubric, text: str):
    return evaluate(text, loaded, loaded.rubric.questions[0].id)


def slips(report) -> list[list[str]]:
    """The misspelt words the spelling advisory names as read for the rubric's terms."""
    found = [a for a in report.advisories if a.code == "spelling"]
    return found[0].details["corrections"] if found else []


@pytest.fixture
def inputs(tmp_path: Path) -> LoadedRubric:
    return derived(
        tmp_path / "inputs",
        ["A green plant takes in carbon dioxide and water to make its food."],
        "Which two substances does a plant take in to make food?",
    )


@pytest.fixture
def stain(tmp_path: Path) -> LoadedRubric:
    return derived(
        tmp_path / "stain",
        [
            "Soften the leaf in boiling water, wash out its colour with warm ethanol, then drop "
            "iodine on it: starch shows up dark blue."
        ],
        "How would you show that a leaf has stored starch?",
        marks=4,
    )


def test_two_words_of_a_term_written_as_one(inputs: LoadedRubric) -> None:
    """ "carbondioxide and water" had earned half of "carbon dioxide and water": the joined word
    is no English word, and it splits into the rubric's two words exactly."""
    right = grade(inputs, "The plant takes in carbon dioxide and water.")
    joined = grade(inputs, "The plant takes in carbondioxide and water.")
    assert joined.marks == right.marks > 0
    assert slips(joined) == [["carbondioxide", "carbon dioxide"]]
    # it is no substance of the rubric's when its parts are not the term's words
    assert grade(inputs, "The plant takes in carbonmonoxide and water.").marks < right.marks


def test_a_letter_put_in_a_short_word(inputs: LoadedRubric) -> None:
    """ "warter" had passed for a word ('wart' with the comparative's '-er', which only
    adjectives take) and earned nothing of water; it is now one edit from the rubric's water."""
    right = grade(inputs, "It takes in carbon dioxide and water.")
    slipped = grade(inputs, "It takes in carbon dioxide and warter.")
    assert slipped.marks == right.marks
    assert slips(slipped) == [["warter", "water"]]
    # a real comparative is still a word: never read as a rubric word, nor named a slip
    plain = grade(inputs, "It takes in carbon dioxide and water, and grows greener.")
    assert "spelling" not in plain.advisory_codes()


def test_two_slips_in_a_six_letter_word(stain: LoadedRubric) -> None:
    """ "iodeen" (two letters off iodine) earned nothing: from six letters a word two edits from
    a rubric word is read as it when its first three letters are the word's."""
    right = grade(stain, "Boil the leaf in water, wash it in warm ethanol, then add iodine.")
    slipped = grade(stain, "Boil the leaf in water, wash it in warm ethanol, then add iodeen.")
    assert slipped.marks == right.marks
    assert slips(slipped) == [["iodeen", "iodine"]]
    # a real word is never read as another: 'ethanal' is a chemical of its own
    assert grade(stain, "Boil the leaf in water, wash it in ethanal, then add iodine.").marks < (
        right.marks
    )
    # two slips that change the start are not read ('iadene' keeps only 'i')
    assert (
        grade(stain, "Boil the leaf in water, wash it in warm ethanol, then add iadene.").marks
        < right.marks
    )


def test_a_word_written_as_the_two_words_it_is_made_of(tmp_path: Path) -> None:
    """A reference's 'sunlight' written "sun light" earned only as far as 'light' went: the two
    English words that make up the rubric's word are read as it."""
    loaded = derived(
        tmp_path / "sun",
        ["Leaves trap sunlight with their chlorophyll."],
        "What do leaves trap with their chlorophyll?",
        marks=1,
    )
    right = grade(loaded, "They trap sunlight.")
    assert right.marks > 0
    apart = grade(loaded, "They trap sun light.")
    assert apart.marks == right.marks and apart.concepts[0].credit == right.concepts[0].credit
    assert "spelling" not in apart.advisory_codes()
    right = right.marks
    assert grade(loaded, "They trap the sun.").marks < right
    # a name is no two words: "green land" is not Greenland
    island = derived(
        tmp_path / "island",
        ["Greenland is the largest island."],
        "Which is the largest island?",
        marks=1,
    )
    assert grade(island, "Greenland.").marks > 0 == grade(island, "green land").marks


def _wordnet() -> None:
    from evaluator.tools.derive.synonyms import wordnet_dir

    if wordnet_dir() is None:
        pytest.skip("WordNet database (Debian wordnet-base) not installed")


def test_a_kind_of_the_reference_word_earns_it(tmp_path: Path) -> None:
    """ "Because there was no sunlight." had earned nothing of "There was no light": WordNet
    says sunlight is a kind of light. The draft lists it in light's group; the reverse never
    holds, and a word that only ends like the term is no kind of it."""
    _wordnet()
    from evaluator.tools.derive.synonyms import kinds

    assert kinds("light", "NOUN")[:1] == ("sunlight",)
    assert not {"twilight", "daylight"} & set(kinds("light", "NOUN"))
    assert "haywire" not in kinds("wire", "NOUN") and kinds("sunlight", "NOUN") == ()
    dark = derived(
        tmp_path / "dark",
        ["Without light there is no photosynthesis."],
        "Why can a plant in a dark cupboard make no food?",
    )
    right = grade(dark, "There was no light so no photosynthesis.").marks
    kind = grade(dark, "There was no sunlight so no photosynthesis.")
    # read as a similar word (``scoring.synonym_credit``), as a synonym is
    assert "'sunlight' for 'light'" in kind.concepts[0].reason
    assert right > kind.marks > grade(dark, "There was no photosynthesis.").marks
    sun = derived(
        tmp_path / "sun",
        ["Without sunlight there is no photosynthesis."],
        "Why can a plant in a dark cupboard make no food?",
    )
    kept = grade(sun, "There was no sunlight so no photosynthesis.").marks
    assert grade(sun, "There was no light so no photosynthesis.").marks < kept


def test_a_slip_of_a_plain_word_is_not_read_as_a_rubric_word(tmp_path: Path) -> None:
    """ "chause" is "cause" with one letter too many before it is "change" with two changed: a
    two-slip reading is refused when an English word lies one slip away (a SemEval pupil's
    "chause" had been read as the reference's 'change')."""
    loaded = derived(
        tmp_path / "state",
        ["The switch opening is a change of state that breaks the circuit."],
        "What happens when the switch opens?",
    )
    read = grade(loaded, "Opening the switch is a chnage of state that breaks the circuit.")
    assert slips(read) == [["chnage", "change"]]  # a one-slip misspelling of it is still read
    slipped = grade(loaded, "Opening the switch will chause the circuit to break.")
    assert ["chause", "change"] not in slips(slipped)
    assert not any("chause" in e.text.lower() for c in slipped.concepts for e in c.evidence)


def test_a_name_is_not_read_two_slips_away(tmp_path: Path) -> None:
    """Two slips below nine letters are for lower-case words: "Kalapani" (a place of its own) had
    been read as the reference's "Kaladan" once the rule reached six letters."""
    loaded = derived(
        tmp_path / "projects",
        ["India and Japan build the Kaladan transport project through Myanmar."],
        "Name a connectivity project India and Japan build together.",
    )
    other = grade(loaded, "India disputes the Kalapani area with Nepal.")
    assert ["Kalapani", "Kaladan"] not in slips(other)
    assert not any("Kalapani" in e.text for c in other.concepts for e in c.evidence)
    # the name misspelt by one slip is still read
    assert slips(grade(loaded, "They build the Kaladen project in Myanmar.")) == [
        ["Kaladen", "Kaladan"]
    ]

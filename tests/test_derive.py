"""`rubric derive`: drafts from the project's notes and from short reference answers of other
subjects are valid, contain the points that matter, and rank right answers above wrong ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.errors import InputError
from evaluator.rubric.loader import LoadedRubric, check_rubric, load_rubric
from evaluator.scoring.engine import evaluate, evaluate_many
from evaluator.tools.agreement import agreement, pearson_r
from evaluator.tools.derive.core import derive_rubric, derive_rubric_file
from evaluator.tools.derive.parse import band_of, find_acronyms, parse_document
from evaluator.tools.graded import read_graded_csv

NOTES = Path(__file__).resolve().parent.parent / "rubrics" / "india-japan" / "source-notes.md"

STRONG = """India and Japan raised their ties to a Special Strategic and Global Partnership in 2014,
and the 2+2 dialogue of foreign and defence ministers now gives it a security core.

Strategic: both are Quad partners working for a free and open Indo-Pacific; they back ASEAN
centrality and the AOIP, and the Act East Policy meets Japan's FOIP vision.

Defence: exercises such as JIMEX, Malabar and Dharma Guardian have grown, Japanese jets joined
Tarang Shakti, and the ACSA would open bases in the Andaman and Nicobar Islands and Djibouti.

Economy: CEPA has applied since 2011, trade is about US$ 22.85 billion, a currency swap
arrangement of US$ 75 billion steadies markets, and Japan is the largest bilateral ODA donor.

Challenges remain: market access, India staying out of RCEP and different views on Russia."""

WEAK = """India and Japan are good friends. Both are Asian countries with old cultural ties. Their
leaders meet often and talk about many things. Relations are important for peace and they should
keep working together in future."""

PHOTOSYNTHESIS = (
    "Photosynthesis converts light energy into chemical energy stored in glucose. It takes place "
    "in the chloroplasts of green plants, which take in carbon dioxide and water and release "
    "oxygen."
)


def _terms(loaded: LoadedRubric) -> set[str]:
    rubric = loaded.rubric
    terms = {t.lower() for group in rubric.synonyms for t in group}
    for _, concept in rubric.concepts():
        terms.update(a.lower() for a in concept.aliases)
        terms.update(t.lower() for g in concept.cues for t in g)
    return terms


@pytest.fixture(scope="module")
def notes_rubric(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    out = tmp_path_factory.mktemp("derived") / "rubric.yaml"
    derive_rubric_file(NOTES, out=out)
    return load_rubric(out)


def test_draft_from_the_notes_passes_check(notes_rubric: LoadedRubric) -> None:
    assert check_rubric(notes_rubric.path) == []
    rubric = notes_rubric.rubric
    assert rubric.title == "India–Japan relations and the 2+2 dialogue"
    assert 3 <= len(rubric.dimensions) <= 8  # 20 headings grouped by topic
    assert {d.kind for d in rubric.dimensions} >= {"challenges", "way_forward"}
    assert len(rubric.concepts()) >= 40
    assert rubric.questions[0].dimensions


def test_draft_contains_the_core_concepts(notes_rubric: LoadedRubric) -> None:
    terms = _terms(notes_rubric)
    for core in ("quad", "cepa", "oda", "2+2"):
        assert core in terms, core
    assert {"jimex", "malabar", "dharma guardian", "veer guardian"} & terms  # the exercises
    assert any("swap" in t for t in terms)  # the currency swap arrangement
    # aliases from acronyms the notes introduce
    aliases = {a for _, c in notes_rubric.rubric.concepts() for a in c.aliases}
    assert "Comprehensive Economic Partnership Agreement" in aliases


def test_draft_has_facts_from_dates_and_figures(notes_rubric: LoadedRubric) -> None:
    facts = notes_rubric.rubric.facts
    kinds = {f.expected.kind for f in facts}
    assert {"year", "money"} <= kinds
    swap = [f for f in facts if f.expected.kind == "money" and f.expected.value == 75]
    assert swap and swap[0].expected.scale == "billion" and swap[0].expected.currency == "USD"


def test_draft_from_the_notes_ranks_strong_above_weak(notes_rubric: LoadedRubric) -> None:
    question = notes_rubric.rubric.questions[0].id
    strong = evaluate(STRONG, notes_rubric, question)
    weak = evaluate(WEAK, notes_rubric, question)
    assert strong.marks > weak.marks + 2
    assert weak.marks <= 0.25 * weak.max_marks


def test_unedited_draft_agrees_with_the_tutors_marks(notes_rubric: LoadedRubric) -> None:
    """On the hand-marked set, the draft's marks rise with the tutor's (shares of the maximum)."""
    graded = read_graded_csv(Path(__file__).parent / "data" / "graded" / "india-japan.csv")
    question = notes_rubric.rubric.questions[0].id
    reports = evaluate_many([g.text for g in graded], notes_rubric, question)
    machine = [r.share for r in reports]
    human = [g.mark / (15 if g.question == "2plus2-significance" else 10) for g in graded]
    assert pearson_r(human, machine) >= 0.7


GRADED = Path(__file__).parent / "data" / "graded" / "india-japan.csv"


def _draft_for(question_id: str, tmp_path: Path) -> tuple[LoadedRubric, str]:
    """The draft a tutor gets from the bundled notes for one bundled question's text."""
    bundled = load_rubric("india-japan").rubric
    question = next(q for q in bundled.questions if q.id == question_id)
    out = tmp_path / question_id / "rubric.yaml"
    derive_rubric_file(NOTES, out=out, question=question.text, max_marks=question.max_marks,
                       word_limit=question.word_limit)  # fmt: skip
    loaded = load_rubric(out)
    return loaded, loaded.rubric.questions[0].id


def test_a_question_on_broad_notes_weighs_what_it_asks_about(tmp_path: Path) -> None:
    loaded, _ = _draft_for("defence-cooperation", tmp_path)
    weights = {d.id: d.weight for d in loaded.rubric.questions[0].dimensions}
    assert sorted(set(weights.values())) == [1, 2, 3]
    main = next(d for d in loaded.rubric.dimensions if weights[d.id] == 3)
    cues = {t.lower() for c in main.concepts for g in c.cues for t in g}
    assert cues & {"jimex", "malabar", "dharma guardian", "acsa", "tarang shakti"}, cues
    yaml_text = loaded.path.read_text(encoding="utf-8")
    assert "Weighted by how much the question asks about each" in yaml_text
    # a question that names nothing ('Discuss the key aspects of …') weighs all alike
    plain = derive_rubric(NOTES.read_text(encoding="utf-8")).data["questions"][0]
    assert all("weight" not in d for d in plain["dimensions"])


def test_a_draft_for_a_question_marks_near_the_tutor(tmp_path: Path) -> None:
    """The unedited draft for the 2+2 question, on the tutor's 22 answers to it: the marks
    agree (QWK at the tutor's half-mark step; 0.50 when every heading weighed the same and each
    expected five points of a 250-word answer) and rise with the tutor's."""
    loaded, question = _draft_for("2plus2-significance", tmp_path)
    graded = [g for g in read_graded_csv(GRADED) if g.question == "2plus2-significance"]
    marks = [r.marks for r in evaluate_many([g.text for g in graded], loaded, question)]
    human = [g.mark for g in graded]
    assert agreement(human, marks, step=0.5).qwk >= 0.7
    assert pearson_r(human, marks) >= 0.85
    # an answer of 250 words makes about ten points: the dimensions expect that many in all
    expected = sum(
        d.expected if d.expected is not None else 0.35 * sum(c.weight for c in d.concepts)
        for d in loaded.rubric.dimensions
    )
    assert expected <= 10 + len(loaded.rubric.dimensions)


def test_the_topics_own_peoples_make_no_cue(draft) -> None:
    # 'Indian' and 'Australian' name the topic, not a point: as a cue group they had made
    # [Australian] + [Indian] the point of a sentence about students at universities
    loaded = draft(
        "# India–Australia relations\n\n## Ties\nIndia and Australia raised their ties to a "
        "Comprehensive Strategic Partnership in 2020.\nIndian students form one of the largest "
        "groups of foreign students at Australian universities.\n\n## Trade\nThe ECTA cut "
        "duties on most Australian exports to India.\nAustralian coal and gold feed Indian "
        "industry.\n"
    )
    groups = [[t.lower() for t in g] for _, c in loaded.rubric.concepts() for g in c.cues]
    assert not [g for g in groups if set(g) & {"indian", "australian"}], groups
    assert ["comprehensive strategic partnership"] in groups  # a name the recogniser missed
    question = loaded.rubric.questions[0].id
    report = evaluate("Many Indian students study at universities in Australia.", loaded, question)
    assert any(c.credit > 0 and "students" in c.label for c in report.concepts)


def test_a_name_only_one_point_writes_earns_that_point(draft) -> None:
    # [UNICORN] + [Antenna]: the weak second group had made the point unreachable for an answer
    # that names the mast without spelling out its acronym
    loaded = draft(
        "# India–Japan defence ties\n\n## Technology\n"
        "- Transfer of the UNICORN (Unified Complex Radio Antenna) mast technology is "
        "progressing.\n- Joint work on unmanned ground vehicles and robotics is complete.\n"
        "- Japan will build parts of the aircraft in India.\n\n## Exercises\n"
        "- JIMEX is the naval exercise of the two navies.\n- Dharma Guardian trains the two "
        "armies together.\n- Shinyuu Maitri brings the air forces together.\n\n## History\n"
        "- Diplomatic ties began with a separate peace treaty in 1952.\n"
    )
    unicorn = next(c for _, c in loaded.rubric.concepts() if "UNICORN" in c.note)
    assert [g[0] for g in unicorn.cues] == ["UNICORN"]
    question = loaded.rubric.questions[0].id
    report = evaluate("Japan is handing the UNICORN mast to Indian shipyards.", loaded, question)
    assert next(c for c in report.concepts if c.id == unicorn.id).credit > 0
    # a phrase is no name: its own words ('peace') would stand in for it
    treaty = next(c for _, c in loaded.rubric.concepts() if "peace treaty" in c.note)
    assert len(treaty.cues) >= 2
    report = evaluate("Closer defence ties will help peace in the region.", loaded, question)
    assert next(c for c in report.concepts if c.id == treaty.id).credit == 0


def test_a_things_own_name_earns_its_point_but_a_persons_does_not(draft) -> None:
    """A name of a thing only one point writes is that point's alias: an answer that names the
    talks or the forum earns the point, as a tutor would, without the rest of the notes'
    sentence. A person's name is no alias: the prime minister is not the award he received."""
    loaded = draft(
        "# India–Japan ties\n\n## Defence\n"
        "- Planners of the three services met in Tokyo in 2023 for the first Joint Service "
        "Staff Talks.\n"
        "- The navies exercise every year in JIMEX and with two other navies in Malabar.\n"
        "- A logistics pact lets each military draw fuel and spares from the other.\n\n"
        "## Economy\n"
        "- Since 2017 the Act East Forum has steered Japanese projects in Meghalaya and "
        "Mizoram.\n"
        "- Japanese loans finance metro lines in several Indian cities.\n"
        "- Trade stays small next to India's trade with China.\n\n"
        "## People\n"
        "- Prime Minister Shinzo Abe was awarded the Padma Vibhushan in 2021.\n"
        "- Many Indian engineers now work in Tokyo.\n"
    )
    question = loaded.rubric.questions[0].id
    talks = next(c for _, c in loaded.rubric.concepts() if "Staff Talks" in c.note)
    forum = next(c for _, c in loaded.rubric.concepts() if "Act East Forum" in c.note)
    award = next(c for _, c in loaded.rubric.concepts() if "Padma Vibhushan" in c.note)
    assert any("Joint Service Staff Talks" in a for a in talks.aliases), talks
    assert "Act East Forum" in forum.aliases, forum
    assert not any("Abe" in a for a in award.aliases), award
    report = evaluate(
        "The two militaries now hold Joint Service Staff Talks, and an Act East Forum guides "
        "the ties.",
        loaded,
        question,
    )
    status = {c.id: c.status for c in report.concepts}
    assert status[talks.id] == "covered" and status[forum.id] == "covered", status
    report = evaluate("Shinzo Abe was a friend of India.", loaded, question)
    assert next(c for c in report.concepts if c.id == award.id).status != "covered"


def test_a_name_the_notes_write_one_way_is_earned_written_another(draft) -> None:
    loaded = draft(
        "# India–Australia relations\n\n## Navies\n"
        "- Australia rejoined the Malabar naval exercise alongside Japan and the United States.\n"
        "- AUSINDEX is the bilateral maritime exercise of the two navies.\n"
        "- A logistics arrangement lets each navy refuel at the other's bases.\n\n## Trade\n"
        "- The ECTA removed duties on most Australian exports to India.\n"
        "- Australia supplies coal and gold.\n"
    )
    groups = [[n.lower() for n in g] for g in loaded.rubric.synonyms]
    assert any({"united states", "us", "usa"} <= set(g) for g in groups), groups
    assert not any("united kingdom" in g for g in groups)  # only names the notes write
    question = loaded.rubric.questions[0].id
    report = evaluate(
        "Australia is back in the Malabar exercise with Japan and the US.", loaded, question
    )
    malabar = next(c for c in report.concepts if "Malabar" in c.label)
    assert malabar.status == "covered", malabar


MONSOON = """# Indian monsoon

## Mechanism
The land heats faster than the Indian Ocean in summer and pulls moist winds inland.
The Inter-Tropical Convergence Zone shifts north over the Gangetic plain in July.
The monsoon usually reaches Kerala around 1 June.

## Variability
El Niño, a warming of the central Pacific, often weakens the monsoon and brings drought.
A positive Indian Ocean Dipole can offset El Niño and bring normal rain.

## Impact on agriculture
About half of India's farmland is rain-fed, so kharif sowing follows the rains.
A weak season cuts rice and pulses output and raises food inflation.

## Way forward
Micro-irrigation and drought-resistant seeds reduce the farmer's exposure.
"""


def test_weights_follow_the_question_on_notes_of_another_subject() -> None:
    derived = derive_rubric(
        MONSOON,
        question="How does El Niño affect the monsoon, and what does it mean for agriculture?",
        max_marks=10,
        word_limit=150,
    )
    weights = {d["id"]: d.get("weight", 1) for d in derived.data["questions"][0]["dimensions"]}
    assert weights["variability"] == 3
    # 'agriculture' is a heading's word that no point repeats: asked about all the same
    assert weights["impact-on-agriculture"] >= 2
    assert weights["mechanism"] == weights["way-forward"] == 1
    # 'India' names the topic of notes on the Indian monsoon: no cue of its own
    groups = [g for d in derived.data["dimensions"] for c in d["concepts"] for g in c["cues"]]
    assert ["India"] not in groups


def test_draft_yaml_has_comments_for_the_author(notes_rubric: LoadedRubric) -> None:
    text = notes_rubric.path.read_text(encoding="utf-8")
    assert text.startswith("# Draft rubric written by `mains-eval rubric derive`")
    assert "# From: " in text and "# Acronyms the text introduces" in text


@pytest.mark.parametrize(
    ("reference", "question", "right", "wrong"),
    [
        (
            PHOTOSYNTHESIS,
            "Explain photosynthesis.",
            "In photosynthesis green plants use sunlight to make glucose, turning light energy "
            "into chemical energy. This happens in chloroplasts, where carbon dioxide and water "
            "are used and oxygen is given off.",
            "Photosynthesis is how animals digest food in the stomach, breaking it down with "
            "acids to release heat.",
        ),
        (
            "TCP provides reliable, ordered delivery of a byte stream between applications using "
            "a three-way handshake to open a connection. Lost segments are retransmitted after a "
            "timeout, and flow control uses a sliding window.",
            "Describe how TCP delivers data reliably.",
            "TCP gives applications reliable, in-order delivery. A connection opens with a "
            "three-way handshake. A lost segment is retransmitted after a timeout, and a sliding "
            "window provides flow control.",
            "UDP sends datagrams with no handshake; packets may arrive in any order and are "
            "never resent.",
        ),
    ],
)
def test_short_reference_answer_of_another_subject(
    tmp_path: Path, reference: str, question: str, right: str, wrong: str
) -> None:
    (tmp_path / "reference.txt").write_text(reference, encoding="utf-8")
    derive_rubric_file(
        tmp_path / "reference.txt", out=tmp_path / "rubric.yaml", question=question, max_marks=5
    )
    assert check_rubric(tmp_path / "rubric.yaml") == []
    loaded = load_rubric(tmp_path / "rubric.yaml")
    q = loaded.rubric.questions[0]
    assert q.text == question and q.max_marks == 5 and q.word_limit == 150
    assert loaded.rubric.structure.introduction is False  # a reference answer has no intro
    assert len(loaded.rubric.concepts()) >= 2
    right_report = evaluate(right, loaded, q.id)
    wrong_report = evaluate(wrong, loaded, q.id)
    assert right_report.marks > wrong_report.marks
    assert sum(c.credit for c in right_report.concepts) >= 1.5


def test_directives_marks_and_title_options() -> None:
    derived = derive_rubric(
        PHOTOSYNTHESIS,
        title="Plant biology",
        question="Critically examine photosynthesis and suggest ways to raise crop yields.",
        max_marks=15,
    )
    question = derived.data["questions"][0]
    assert derived.data["title"] == "Plant biology"
    assert question["directive"] == "critically examine"
    assert question["extra_directives"] == ["suggest"]
    assert (question["max_marks"], question["word_limit"]) == (15, 250)
    default = derive_rubric(PHOTOSYNTHESIS).data
    assert default["questions"][0]["text"].startswith("Explain Photosynthesis")


def test_headings_of_plain_text_and_clusters_without_headings() -> None:
    plain = "Causes\n\nFactories burn coal. Cars burn petrol.\n\nEffects\n\nAsthma rises in cities."
    title, sections = parse_document(plain)
    assert [s.heading for s in sections] == ["Causes", "Effects"]
    assert title is None
    assert sections[0].units == ["Factories burn coal. Cars burn petrol."]
    sentences = [
        "Volcanoes erupt when magma rises through the crust.",
        "Lava flows destroy farms near active volcanoes.",
        "Volcanic ash grounds aircraft across whole regions.",
        "Magma chambers feed eruptions for thousands of years.",
        "Central banks raise interest rates to curb inflation.",
        "Higher interest rates make mortgages and loans dearer.",
        "Inflation erodes the savings of pensioners.",
        "Bond markets react quickly to central bank decisions.",
    ]
    derived = derive_rubric(" ".join(sentences))
    assert len(derived.data["dimensions"]) >= 2
    assert all(d["label"].startswith("Topic") for d in derived.data["dimensions"])


FRANCE = """India and France named their ties a strategic partnership in 1998.

Defence is the heart of the relationship. India flies 36 Rafale jets bought in 2016. Six Scorpene
submarines were built at Mazagon Dock with French technology. The navies exercise together in
Varuna.

Civil nuclear cooperation has been slow. The six reactors planned at Jaitapur have not been built,
held up by cost and liability questions.

In space, ISRO and CNES have worked together for decades. Their joint satellites study climate and
the oceans.

The Indian Ocean is a shared theatre. France holds Reunion and Mayotte, and a 2018 logistics
agreement opens each side's naval bases to the other.
"""


def test_a_text_without_headings_keeps_each_paragraph_together() -> None:
    # a plain article: its paragraphs are its topics, so one paragraph's sentences (the
    # Jaitapur reactors and the slow civil nuclear cooperation) are one dimension
    derived = derive_rubric(FRANCE, title="India-France relations")
    notes = [[c["note"] for c in d["concepts"]] for d in derived.data["dimensions"]]
    paragraphs = [p.replace("\n", " ") for p in FRANCE.split("\n\n")]
    for dimension in notes:
        homes = {next(i for i, p in enumerate(paragraphs) if n in p) for n in dimension}
        assert len(homes) == 1, dimension
    reactors = next(d for d in notes if any("Jaitapur" in n for n in d))
    assert any("Civil nuclear cooperation" in n for n in reactors)
    # a topic is labelled by what sets it apart, not by the title's names or generic words
    labels = [d["label"].lower() for d in derived.data["dimensions"]]
    assert all("india" not in label and "france" not in label for label in labels), labels
    assert not any(w in label for label in labels for w in ("partnership", "cooperation")), labels
    assert any("reactor" in label or "jaitapur" in label for label in labels), labels
    # past the dimension budget, paragraphs are grouped by topic, never split
    more = FRANCE + (
        "\nTrade is modest at about 13 billion euros a year. Machinery and aircraft parts lead "
        "the exports.\n\nThe International Solar Alliance began at the Paris climate summit in "
        "2015. Its secretariat sits in Gurugram.\n\nIndia was guest of honour at the Bastille "
        "Day parade in 2023. The Horizon 2047 roadmap sets goals for the next decades.\n\n"
        "French universities host more Indian students every year. A young professionals scheme "
        "eases work visas.\n"
    )
    dimensions = derive_rubric(more, title="India-France relations").data["dimensions"]
    assert 2 <= len(dimensions) <= 7
    paragraphs = [p.replace("\n", " ") for p in more.split("\n\n")]
    home = {}
    for d in dimensions:
        for c in d["concepts"]:
            paragraph = next(i for i, p in enumerate(paragraphs) if c["note"] in p)
            assert home.setdefault(paragraph, d["id"]) == d["id"], c["note"]


def test_bonus_keywords_are_phrases_the_notes_write(notes_rubric: LoadedRubric) -> None:
    notes = " ".join(NOTES.read_text(encoding="utf-8").lower().split())
    keywords = notes_rubric.rubric.bonus_keywords
    assert keywords and all(k.lower() in notes for k in keywords)
    # a stop word inside a name is not skipped, and a long name is not cut short
    derived = derive_rubric(
        "## Goals\nThe alliance backs the One Sun One World One Grid idea across regions.\n"
        "## Skills\nThe Solar Technology Application Resource Centre trains engineers.\n"
        "The Solar Technology Application Resource Centre also runs courses."
    )
    keywords = [k.lower() for k in derived.data["bonus_keywords"]]
    assert "solar technology application resource centre" in keywords
    assert not any(k.startswith(("sun world", "technology application")) for k in keywords)


def test_a_point_that_lists_programmes_is_earned_by_naming_them(draft) -> None:
    # 'programme' names no point: as a cue group of its own it had made the point unreachable
    # for an answer naming the programmes themselves
    loaded = draft(
        "# Solar alliance\n\n## Programmes\nThe alliance runs programmes on solar mini-grids, "
        "solar pumps for farmers and solar rooftops.\n\n## Finance\nBlended finance lowers "
        "the cost of capital for solar projects in poor countries.\n"
    )
    groups = [g for _, c in loaded.rubric.concepts() for g in c.cues]
    assert not any({t.lower() for t in g} <= {"programme", "programmes"} for g in groups)
    question = loaded.rubric.questions[0].id
    report = evaluate("It gives farmers solar pumps and builds mini-grids.", loaded, question)
    assert any(c.credit > 0 and "mini-grids" in c.label for c in report.concepts)


def test_acronyms_introduced_either_way() -> None:
    text = (
        "The Comprehensive Economic Partnership Agreement (CEPA) applies. ACSA (Acquisition and "
        "Cross-Servicing Agreement) is pending. Japan gives loans (ODA)."
    )
    assert find_acronyms(text) == {
        "CEPA": "Comprehensive Economic Partnership Agreement",
        "ACSA": "Acquisition and Cross-Servicing Agreement",
    }


def test_bad_sources_get_one_clear_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is empty"):
        derive_rubric("  \n ")
    with pytest.raises(InputError, match="no such file"):
        derive_rubric_file(tmp_path / "missing.md")
    runner = CliRunner()
    (tmp_path / "binary.md").write_bytes(b"\x00\xff" * 200)
    done = runner.invoke(main, ["rubric", "derive", str(tmp_path / "binary.md")])
    assert done.exit_code == 2 and "binary" in done.stderr and "Traceback" not in done.output
    (tmp_path / "notes.md").write_text(PHOTOSYNTHESIS, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    done = runner.invoke(main, ["rubric", "derive", str(tmp_path / "notes.md"), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["source_notes"] == "notes.md"
    done = runner.invoke(main, ["rubric", "derive", str(tmp_path / "notes.md"), "--out", str(out)])
    assert done.exit_code == 2 and "already exists" in done.stderr
    done = runner.invoke(main, ["rubric", "derive", str(tmp_path / "notes.md")])
    assert done.exit_code == 0 and done.stdout.startswith("# Draft rubric")


def test_odd_sources_give_a_draft_or_one_message() -> None:
    with pytest.raises(InputError, match="does not look like English"):
        derive_rubric("भारत और जापान के संबंध बहुत पुराने हैं। दोनों देश क्वाड के सदस्य हैं।")
    with pytest.raises(InputError, match="found no nouns"):
        derive_rubric("2019 2020 2021. 45% of 300.")
    hostile = derive_rubric("<script>alert(1)</script> The <b>Quad</b> met in Tokyo in 2024.")
    assert "<" not in hostile.yaml.split("dimensions:")[1]
    # the same sentence four hundred times is one point (and clustering must not warn)
    repeated = derive_rubric(" ".join(["The Quad and CEPA matter for Japan."] * 400))
    assert repeated.concept_count == 1
    many = [f"Point {i} concerns the island of Tarawa{i} and its port." for i in range(12)]
    clustered = derive_rubric(" ".join(many + many))  # duplicates, then clusters
    assert 1 <= clustered.concept_count <= 12  # duplicates never make a second concept
    # a title or question of spaces only is none (it had crashed the draft's own validation)
    blank = derive_rubric(NOTES.read_text(encoding="utf-8"), title=" \n ", question="   ")
    assert blank.data["title"] == "India–Japan relations and the 2+2 dialogue"
    assert blank.data["questions"][0]["text"].startswith("Discuss the key aspects of")


def test_derive_is_deterministic() -> None:
    text = NOTES.read_text(encoding="utf-8")
    assert derive_rubric(text).yaml == derive_rubric(text).yaml


# A prompt as a tutor of another subject writes it: the task, the points a good answer makes
# under a heading of their own, and a mark scheme.
PROMPT = """# Seed germination

A class soaked bean seeds and kept them at three temperatures, then counted how many had sprouted
after a week. Using the class's results, explain what the seeds need to germinate and suggest one
way to make the test fairer.

## Key elements

The answer may include:

- Seeds need water to germinate; the dry seeds did not sprout.
- Warmth speeds germination: most seeds sprouted at 25 degrees.
- Seeds kept in the fridge at 4 degrees barely sprouted.
- Seeds need oxygen, so sealing them in airless jars stops germination.
- Use the same number and type of seeds in every group.
- Repeat the test and average the counts.

## Marking

3 points: three key elements.
2 points: two key elements.
1 point: one key element.
0 points: nothing relevant.
"""


def test_a_prompt_sets_its_question_and_mark_scale_and_marks_a_point_each(tmp_path: Path) -> None:
    out = tmp_path / "rubric.yaml"
    (tmp_path / "prompt.md").write_text(PROMPT, encoding="utf-8")
    derive_rubric_file(tmp_path / "prompt.md", out=out)
    assert check_rubric(out) == []
    loaded = load_rubric(out)
    question = loaded.rubric.questions[0]
    # the task is the question, not a point; the mark scheme sets the scale and is no point
    assert question.text.startswith("Using the class's results, explain what the seeds need")
    assert (question.directive, question.extra_directives) == ("explain", ["suggest"])
    assert (question.max_marks, question.kind) == (3, "short")
    # every key element is a point credited in proportion to the words it shares, as a
    # reference answer's is; three of them earn full marks ("3 points: three key elements")
    concepts = [c for _, c in loaded.rubric.concepts()]
    assert len(concepts) == 6 and concepts[0].note.startswith("Seeds need water")
    assert {c.credit for c in concepts} == {"proportional"}
    notes = [c.note or "" for c in concepts]
    assert not any(n.startswith(("3 points", "The answer may", "Using the")) for n in notes)
    assert [d.expected for d in loaded.rubric.dimensions] == [3.0]
    # an answer of three points is marked as a short answer: no essay length cap or structure
    three = evaluate(
        "The beans only sprouted when they had water, the warm group at 25 degrees grew fastest "
        "and the fridge group hardly grew at all. To be fairer, repeat the test.",
        loaded,
        question.id,
    )
    one = evaluate("Seeds will not sprout without water.", loaded, question.id)
    none = evaluate("Plants are green and grow towards the sunlight.", loaded, question.id)
    # half marks at least: 1.5 of 3 since session 40 ('same' is a cue word of "use the same
    # number and type of seeds", so this answer's 'group' earns a sixth of that point, not a
    # fifth; it had been 1.75)
    assert three.marks >= question.max_marks / 2 and none.marks == 0.0
    assert 0 < one.marks < three.marks
    assert not [a for a in three.advisories if a.code == "too_short"]


def test_a_point_written_two_ways_is_one_concept_with_an_alternative() -> None:
    prompt = (
        "# Circuits\n\n## Key elements\n\n"
        "- The switch is open || There is a gap in the circuit\n"
        "- The bulb is damaged\n- The battery is flat\n\n## Marks\n\n2 points: two key elements."
    )
    concepts = [c for d in derive_rubric(prompt).data["dimensions"] for c in d["concepts"]]
    assert len(concepts) == 3
    assert [len(c.get("alternatives", [])) for c in concepts] == [1, 0, 0]


def test_questions_and_mark_lines_are_never_points() -> None:
    notes = (
        "# Volcanoes\n\n## Why they erupt\n\nWhy do volcanoes erupt?\n\n"
        "Magma rises through cracks in the crust when pressure builds.\n\n"
        "## Marks\n\nScore 2: explains the pressure and the magma.\n"
    )
    derived = derive_rubric(notes)
    concepts = [c for d in derived.data["dimensions"] for c in d["concepts"]]
    assert [c["note"] for c in concepts] == [
        "Magma rises through cracks in the crust when pressure builds."
    ]
    question = derived.data["questions"][0]
    assert question["text"] == "Why do volcanoes erupt?" and question["max_marks"] == 2
    with pytest.raises(InputError, match="has a question or mark scheme but no points"):
        derive_rubric("# Sky\n\n## Question\n\nWhy is the sky blue?\n\n## Marks\n\nScore 2: both.")


@pytest.mark.parametrize(
    ("line", "band"),
    [
        ("Score 3: The response is accurate and complete.", 3),
        ("Score Point 2: a partial explanation.", 2),
        ("Level 1 – little understanding", 1),
        ("3 points: four key elements.", 3),
        ("A 2-point response: two key elements.", 2),
        ("0 marks - nothing relevant", 0),
        ("2014: Japan and India upgraded their partnership.", None),  # a date, not a band
        ("2+2 dialogue: the ministers meet every year.", None),
        ("3 key elements: water, warmth and air.", None),
    ],
)
def test_mark_scheme_lines(line: str, band: int | None) -> None:
    found = band_of(line)
    assert (found[0] if found else None) == band


def test_a_point_of_common_words_and_a_year_is_drafted_not_dropped(data_dir: Path) -> None:
    # notes we wrote on India-France ties: its opening sentence has no specific term beside
    # the topic's names ('a strategic partnership since 1998, the first such partnership')
    notes = (data_dir / "derive" / "india-france-notes.txt").read_text(encoding="utf-8")
    drafted = derive_rubric(notes, title="India-France relations").data
    concepts = [c for d in drafted["dimensions"] for c in d["concepts"]]
    first = next((c for c in concepts if "since 1998" in c["note"]), None)
    assert first is not None, [c["note"][:40] for c in concepts]
    assert first["cues"] == [["strategic partnership"]]
    assert any(
        f["concept"] == first["id"] and f["expected"]["value"] == 1998 for f in drafted["facts"]
    )


def test_control_characters_in_the_notes_never_reach_the_yaml(tmp_path) -> None:
    """A DEL (0x7f) in the notes, the title or a reference made derive fail with a YAML
    ReaderError traceback: YAML holds no control characters."""
    from evaluator.rubric import load_rubric
    from evaluator.tools.derive import derive_rubric

    notes = (
        "# India\x7f and Japan\n\n## Dialogue\nIndia and Japan hold a 2+2 dialogue\x7f of "
        "foreign and defence ministers.\x1b\n\n## Exercises\nThe JIMEX naval exercise\x07 is "
        "held every year.\n"
    )
    for derived in (
        derive_rubric(notes, title="Ties\x7f", question="Discuss\x7f the ties.", max_marks=10),
        derive_rubric("", references=["The switch is open\x7f, so no current flows."]),
    ):
        assert not any(ch in derived.yaml for ch in "\x7f\x1b\x07")
        (tmp_path / "source-notes.md").write_text("notes", encoding="utf-8")
        (tmp_path / "rubric.yaml").write_text(derived.yaml, encoding="utf-8")
        assert load_rubric(tmp_path / "rubric.yaml").rubric.questions


NEGATIVE_NOTES = """# The Lokpal

## Mandate
- The Lokpal inquires into complaints of corruption against public servants, including the Prime
  Minister under conditions.
- It has its own inquiry wing and prosecution wing, headed by directors.

## Limits
- The Lokpal cannot act on complaints more than seven years old.
- Critics say its appointments have been slow, though nobody doubts its legal basis.
- The Right to Information Act (RTI) keeps its proceedings open to citizens.

## Way forward
- Give the Right to Information Act (RTI) a role in its reports and fill vacancies quickly.
- Strengthen the Central Vigilance Commission (CVC) alongside it.
"""
"""Study notes written for this test: a point the notes state as a negation, one with a
negation in a side clause, and acronyms written with their expansions."""


def test_a_point_the_notes_state_as_a_negation_is_a_negative_claim() -> None:
    """A tutor trial: 'The Model Code has no statutory backing' was drafted as an ordinary
    point, so 'the code is not backed by any law' (the same true claim) was told it denied it."""
    data = derive_rubric(NEGATIVE_NOTES, max_marks=10, word_limit=150).data
    concepts = {c["note"]: c for d in data["dimensions"] for c in d["concepts"]}
    stale = next(c for note, c in concepts.items() if note.startswith("The Lokpal cannot act"))
    assert stale.get("negative_claim") is True
    slow = next(c for note, c in concepts.items() if note.startswith("Critics say"))
    assert not slow.get("negative_claim")  # the negation is in a side clause
    assert sum(1 for c in concepts.values() if c.get("negative_claim")) == 1


URANIUM_NOTES = """# India–Australia relations

## Energy
- Australia has sold uranium to India since the civil nuclear cooperation agreement of 2014, even
  though India is not a signatory of the Non-Proliferation Treaty.
- Australia holds large reserves of lithium and cobalt that India's battery makers need.

## Trade
- The Economic Cooperation and Trade Agreement came into force in December 2022.
"""


def test_a_point_cued_only_inside_its_negation_is_a_negative_claim(nlp, tmp_path: Path) -> None:
    """Trial 25c: the uranium point was cued by the Non-Proliferation Treaty alone, which its
    note names inside "India is not a signatory", so an answer's true "although India has not
    signed the Non-Proliferation Treaty" was told it denied the point."""
    derived = derive_rubric(URANIUM_NOTES, max_marks=10, word_limit=150)
    concepts = {c["note"]: c for d in derived.data["dimensions"] for c in d["concepts"]}
    uranium = next(c for note, c in concepts.items() if note.startswith("Australia has sold"))
    assert uranium.get("negative_claim") is True, uranium
    assert not any(c.get("negative_claim") for note, c in concepts.items() if c is not uranium)
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "rubric.yaml").write_text(derived.yaml, encoding="utf-8")
    (folder / "source-notes.md").write_text(URANIUM_NOTES, encoding="utf-8")
    loaded = load_rubric(folder / "rubric.yaml")
    answer = (
        "Australia has sold uranium to India since the civil nuclear agreement of 2014, although "
        "India has not signed the Non-Proliferation Treaty."
    )
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    point = next(c for c in report.concepts if c.id == uranium["id"])
    assert point.status != "negated" and point.credit > 0, (point.status, point.reason)


LACK_NOTES = """# Disaster management in the districts

## Institutions
- Every district has a District Disaster Management Authority under the collector.
- State authorities draw up plans for floods, cyclones and droughts.

## Challenges
- Many district authorities exist only on paper and lack staff, funds and updated plans.
- Urban flooding shows weak enforcement of building codes.
"""


def test_a_point_about_a_lack_is_a_negative_claim(nlp, tmp_path: Path) -> None:
    """Tutor trial 28a: "Many DDMAs exist on paper and lack staff" was an ordinary point, so the
    true "many district authorities do not have enough staff" was told it denied it."""
    derived = derive_rubric(LACK_NOTES, max_marks=10, word_limit=150)
    concepts = {c["note"]: c for d in derived.data["dimensions"] for c in d["concepts"]}
    lack = next(c for note, c in concepts.items() if note.startswith("Many district"))
    assert lack.get("negative_claim") is True, lack
    assert not any(c.get("negative_claim") for c in concepts.values() if c is not lack)
    folder = tmp_path / "draft"
    folder.mkdir()
    (folder / "rubric.yaml").write_text(derived.yaml, encoding="utf-8")
    (folder / "source-notes.md").write_text(LACK_NOTES, encoding="utf-8")
    loaded = load_rubric(folder / "rubric.yaml")
    answer = "Many district authorities on paper do not have enough staff."
    report = evaluate(answer, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    point = next(c for c in report.concepts if c.id == lack["id"])
    assert point.status != "negated" and point.credit > 0, (point.status, point.reason)


ACRONYM_NOTES = """# The Lokpal

## Mandate
- The Lokpal inquires into complaints of corruption against public servants.
- It works with the Central Vigilance Commission (CVC), which supervises vigilance in ministries.

## Way forward
- Give statutory teeth to the Central Vigilance Commission and powers to prosecute officials.
- Fill vacancies in the Lokpal bench quickly.
"""


def test_an_acronym_and_its_expansion_are_one_cue_group() -> None:
    """The same trial: 'MCC' and 'Model Code (of Conduct' were a point's two groups, so the
    name alone earned the point (and a stray bracket made a cue no answer writes)."""
    data = derive_rubric(ACRONYM_NOTES, max_marks=10, word_limit=150).data
    for dimension in data["dimensions"]:
        for concept in dimension["concepts"]:
            names = [
                g
                for g in concept["cues"]
                if {"cvc", "central vigilance commission"} & {t.lower() for t in g}
            ]
            assert len(names) <= 1, concept["cues"]
            assert all(t.count("(") == t.count(")") for g in concept["cues"] for t in g)
    teeth = next(
        c
        for d in data["dimensions"]
        for c in d["concepts"]
        if c["note"].startswith("Give statutory teeth")
    )
    assert len(teeth["cues"]) >= 2  # the name and what the way forward asks for it


def test_a_question_weighs_the_dimension_its_heading_names_in_the_plural() -> None:
    """A tutor trial: 'What challenges does it face?' left the Challenges dimension at weight 1
    (the question's lemma 'challenge' never met the heading's 'Challenges')."""
    notes = (
        "# The Lokpal\n\n## Mandate\n"
        "- The Lokpal inquires into complaints of corruption against public servants.\n"
        "- Its inquiry wing and prosecution wing are headed by directors.\n"
        "- A search committee proposes names for its chairperson and members.\n\n"
        "## Challenges\n"
        "- Appointments to the bench have been slow.\n"
        "- The Lokpal cannot act on complaints more than seven years old.\n"
    )
    data = derive_rubric(
        notes,
        question="Examine the working of the Lokpal. What challenges does it face?",
        max_marks=10,
        word_limit=150,
    ).data
    weights = {d["id"]: d.get("weight", 1) for d in data["questions"][0]["dimensions"]}
    assert weights["challenges"] == 3, weights


PLURAL_NOTES = """# Bad loans in Indian banks

## The problem
- Non-Performing Assets (NPAs) of public sector banks rose sharply after the asset quality review.
- Doubts about NPA recognition by some private lenders have been raised by auditors.
- Stressed sectors such as steel and power account for most bad loans.

## Remedies
- The Insolvency and Bankruptcy Code lets creditors take over defaulting firms.
- Recapitalisation bonds gave public sector banks fresh capital.
"""
"""Notes written for this test: an acronym introduced in the plural, then used in another point."""


def test_an_acronym_in_the_plural_names_only_the_point_that_spells_it_out() -> None:
    """A tutor trial: 'Electronic Voting Machines (EVMs)' was no acronym (the plural 's'), and
    'Doubts about EVM tampering' was cued by 'EVM' alone, so the name earned the point."""
    assert find_acronyms(PLURAL_NOTES)["NPA"] == "Non-Performing Assets"
    data = derive_rubric(PLURAL_NOTES, max_marks=10, word_limit=150).data
    concepts = {c["note"][:20]: c for d in data["dimensions"] for c in d["concepts"]}
    doubts = concepts["Doubts about NPA rec"]
    assert "NPA" not in doubts.get("aliases", [])
    assert len(doubts["cues"]) >= 2, doubts["cues"]  # the name and what is said of it


@pytest.mark.parametrize(
    ("sentence", "groups", "cue"),
    [
        # the year of the first exercise, written closer to the second's name
        (
            "AUSINDEX, a two-navy exercise held since 2015, and AUSTRAHIND, an army exercise, "
            "deepen interoperability.",
            [["AUSTRAHIND"], ["AUSINDEX"]],
            "AUSINDEX",
        ),
        # the year of signing, nearer the verb of entry into force
        (
            "The Economic Cooperation and Trade Agreement (ECTA) was signed in April 2022 and came "
            "into force that December.",
            [["ECTA"], ["force"]],
            "ECTA",
        ),
        # 'donor' is fewer characters from 1958 along the parse, but in another clause
        (
            "Japan has given India loans and grants (ODA) since 1958 and is India's largest "
            "bilateral donor.",
            [["largest bilateral donor", "donor"], ["ODA"]],
            "ODA",
        ),
    ],
)
def test_a_derived_fact_is_pinned_on_the_cue_its_value_belongs_to(
    nlp, sentence: str, groups: list[list[str]], cue: str
) -> None:
    """Trial 25c: 2015 (AUSINDEX's first year) was pinned on AUSTRAHIND, written nearer, so a
    true "AUSTRAHIND was first held in 2016" was told the notes say 2015."""
    from evaluator.tools.derive.terms import concept_facts

    [fact] = concept_facts("x", sentence, groups, nlp(sentence))
    assert fact["cues"][0] == cue, fact


def test_a_value_in_another_item_of_a_list_is_not_pinned_on_it(nlp) -> None:
    """A year the parser hangs on one item of a list is not pinned on a name of another item."""
    from evaluator.tools.derive.terms import concept_facts

    sentence = "Attacks on Indian students in 2009 and vandalism of Hindu temples strained ties."
    assert concept_facts("x", sentence, [["Hindu"]], nlp(sentence)) == []


def test_derive_refuses_a_second_question_and_names_a_draft_for_its_folder(tmp_path: Path) -> None:
    """Trial 25c: `--question A --question B` kept B without a word, and a draft written to
    rubrics/india-australia/rubric.yaml was 'india-australia-relations', so
    `-r india-australia` could not find it."""
    notes = tmp_path / "notes.md"
    notes.write_text(URANIUM_NOTES, encoding="utf-8")
    out = tmp_path / "rubrics" / "india-australia" / "rubric.yaml"
    out.parent.mkdir(parents=True)
    args = ["rubric", "derive", str(notes), "--out", str(out)]
    twice = CliRunner().invoke(
        main, [*args, "--question", "Discuss A.", "--question", "Discuss B."]
    )
    assert twice.exit_code == 2 and "--question given 2 times" in twice.stderr
    assert not out.exists()
    once = CliRunner().invoke(main, [*args, "--question", "Discuss India–Australia energy ties."])
    assert once.exit_code == 0, once.output
    assert load_rubric(out).id == "india-australia"
    answer = tmp_path / "a.txt"
    answer.write_text("Australia sells uranium and lithium to India.", encoding="utf-8")
    graded = CliRunner(env={"MAINS_EVAL_RUBRICS": str(out.parent.parent)}).invoke(
        main, ["grade", str(answer), "-r", "india-australia"]
    )
    assert graded.exit_code == 0, graded.output
    assert graded.stdout.startswith("India–Australia relations")


def test_a_draft_writes_the_notes_words_where_the_pipeline_misreads_a_plural(
    tmp_path: Path,
) -> None:
    """The pipeline reads "taxes" as the plural of "taxis" and "cesses" as of "cesse": the draft
    writes "taxes" and "cess" (a tutor's Finance Commission draft read `["cesse"]`, `["central
    taxes", "taxis"]`), and its point is earned by an answer that writes "tax" in the singular."""
    notes = (
        "The Finance Commission shares central taxes with the states.\n\n"
        "Cesses and surcharges stay outside the divisible pool of the Union."
    )
    notes_file = tmp_path / "notes.md"
    notes_file.write_text(notes, encoding="utf-8")
    out = tmp_path / "draft" / "rubric.yaml"
    derive_rubric_file(notes_file, out=out, max_marks=10, word_limit=150)
    loaded = load_rubric(out)
    terms = _terms(loaded)
    assert {"taxes", "cess"} <= terms
    assert not {"taxis", "cesse"} & terms
    question = loaded.rubric.questions[0].id
    report = evaluate(
        "The Finance Commission decides how much central tax goes to the states.", loaded, question
    )
    shares = [c for c in report.concepts if "tax" in c.label.lower()]
    assert shares and shares[0].status in ("covered", "partial")

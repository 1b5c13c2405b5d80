"""Session 35: what probe s35, the batch trial and the left-overs of session 34 found, as a
learner would meet it. The sentences are our own."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from probe_support import assert_never_called_wrong, called_wrong
from probe_support import probe_report as _report
from spacy.language import Language

from evaluator.batch.compact import build_header, compact_record, expand_records
from evaluator.batch.core import grade_items
from evaluator.batch.inputs import BatchItem
from evaluator.cli import main
from evaluator.rubric.loader import LoadedRubric
from evaluator.scoring.engine import evaluate


def test_a_phrase_two_aliases_find_is_evidence_once(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # 'bullet train' and 'bullet-train' are both aliases of the point; the answer wrote it once
    report = _report(
        india_japan,
        nlp,
        "japan-development-partner",
        "Japan funds the Mumbai-Ahmedabad bullet train.",
    )
    point = next(c for c in report.concepts if c.id == "bullet-train")
    assert point.status == "covered"
    assert [e.text for e in point.evidence] == ["bullet train"]
    assert point.matched == ["bullet train"]


JAPANESE = (
    "日本とインドの関係は長い歴史を持っています。二国間の2+2対話は2019年に始まりました。"
    "両国はインド太平洋地域の平和と安定のために協力しています。"
)


def test_an_answer_in_japanese_is_told_its_gap_is_the_language(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = evaluate(JAPANESE, india_japan, "2plus2-significance", nlp=nlp)
    assert report.feedback.next_steps[0].text.startswith("Write the answer in English")
    assert "biggest gap is the language it is written in" in report.feedback.comment
    assert "its length" not in report.feedback.comment
    # a batch file (compact records) rebuilds the same comment
    result = grade_items([BatchItem(0, "ja", "t", "2plus2-significance", JAPANESE)], india_japan)
    header = build_header(india_japan, result[0].report or {})
    (expanded,) = expand_records([header, compact_record(result[0], header)])
    assert expanded["report"]["feedback"]["comment"] == report.feedback.comment


NOTES = (
    "# Rivers of the north\n\nThe Ganga rises at Gangotri in Uttarakhand. The Yamuna joins it at "
    "Prayagraj. Floods on the Kosi affect Bihar almost every year.\n"
)


def test_a_rubric_is_never_written_over_a_device_or_a_pipe(tmp_path: Path) -> None:
    # `derive --out /dev/full --force` had replaced the device with a regular file (and put a
    # fingerprint beside it in /dev); a pipe or a device is refused before any work
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    done = CliRunner().invoke(main, ["rubric", "derive", str(notes), "--out", str(pipe), "--force"])
    assert done.exit_code == 2
    assert "is not a regular file" in done.stderr and "Traceback" not in done.output
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "pipe"]


def test_a_draft_written_to_a_link_lands_where_it_points(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "rivers.yaml"
    real.write_text("old draft\n", encoding="utf-8")
    link = tmp_path / "rivers.yaml"
    link.symlink_to(real)
    done = CliRunner().invoke(main, ["rubric", "derive", str(notes), "--out", str(link), "--force"])
    assert done.exit_code == 0, done.output
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link is kept
    assert real.read_text(encoding="utf-8").startswith("# Draft rubric")
    # the fingerprint goes beside the draft, and the draft loads from either path
    assert (shared / "rivers-fingerprint.txt").is_file()
    assert not (tmp_path / "rivers-fingerprint.txt").exists()
    for path in (real, link):
        assert CliRunner().invoke(main, ["rubric", "check", str(path)]).exit_code == 0


TRUE_SENTENCES = [
    # probe s35: 'will not' over a verb of ending or shrinking (negation.yaml fading_verbs)
    (
        "economic-security-supply-chains",
        "Supply chains cannot be rebuilt overnight, and China's dominance in rare earths will "
        "not vanish soon.",
    ),
    ("economic-security-supply-chains", "China's grip on critical minerals will not loosen soon."),
    (
        "economic-security-supply-chains",
        "Japan's dependence on Chinese rare earths won't end soon.",
    ),
    # and 'is not going to' (the adversarial probe)
    (
        "economic-security-supply-chains",
        "China's dominance of rare earths is not going to fade soon.",
    ),
    ("economic-security-supply-chains", "China's grip on rare earths is not going to loosen."),
    (
        "challenges-way-forward",
        "Doubts about the AAGC will not go away until projects are shown on the ground.",
    ),
    # a double negative under 'will'
    (
        "2plus2-significance",
        "The 2008 declaration will not remain unchanged: the ministers agreed to revise it.",
    ),
    # a refusal to drop something keeps it; wavering and faltering are cancelling verbs
    ("japan-development-partner", "Japan refused to abandon the bullet train project."),
    ("indo-pacific-quad", "India and Japan's support for ASEAN centrality has never wavered."),
    ("indo-pacific-quad", "Support for ASEAN centrality has never faltered."),
    # rubric 1.7.86: 'pillar' is no Quad-partners cue, 'largest' no cue of the fifth rank
    ("pyq-2020-quad-trade-bloc", "The Quad has never had a trade pillar of its own."),
    ("pyq-2020-quad-trade-bloc", "The Quad has no economic pillar; economics sits in the IPEF."),
    (
        "japan-development-partner",
        "Japan is India's largest bilateral donor, not its largest investor.",
    ),
    (
        "japan-development-partner",
        "Japan is not the largest investor in India, yet it is the largest bilateral donor.",
    ),
    # the subject named again by a pronoun after 'but' is asserted
    (
        "defence-cooperation",
        "The ACSA does not turn India and Japan into allies, but it eases logistics for both "
        "navies.",
    ),
    (
        "defence-cooperation",
        "The ACSA has not given Japan a base in India, but it gives access to Indian facilities in "
        "the Andamans.",
    ),
    # batch trial s35: emphasis, a stance, and 'both' after 'and'
    (
        "defence-cooperation",
        "No one can deny that JIMEX has made the two navies more interoperable.",
    ),
    (
        "2plus2-significance",
        "Nobody can deny that the 2+2 brings the foreign and defence ministers together.",
    ),
    (
        "2plus2-significance",
        "Nothing has done more for trust than the 2+2 dialogue of foreign and defence ministers.",
    ),
    (
        "indo-pacific-quad",
        "China does not respect freedom of navigation, so India and Japan uphold it together.",
    ),
    (
        "indo-pacific-quad",
        "Both insist that no country should change the status quo by force and both uphold "
        "freedom of navigation.",
    ),
]


@pytest.mark.parametrize(
    ("question", "text"), TRUE_SENTENCES, ids=[t[:40] for _, t in TRUE_SENTENCES]
)
def test_a_true_sentence_is_never_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


DENIALS = [
    # the same forms that still deny
    (
        "japan-development-partner",
        "Japan refused to fund the bullet train project.",
        "bullet-train",
    ),
    ("defence-cooperation", "The ACSA was not signed, but it was discussed.", "acsa"),
    (
        "japan-development-partner",
        "Japan is not the fifth largest investor in India.",
        "fdi-fifth-source",
    ),
    ("2plus2-significance", "The 2008 declaration was never adopted.", "security-declaration-2008"),
]


@pytest.mark.parametrize(("question", "text", "concept"), DENIALS, ids=[d[1][:40] for d in DENIALS])
def test_the_same_points_denied_outright_are_still_denials(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, concept: str
) -> None:
    assert concept in called_wrong(_report(india_japan, nlp, question, text))


def test_the_pronoun_and_the_refusal_earn_the_point_they_keep(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    acsa = _report(
        india_japan,
        nlp,
        "defence-cooperation",
        "The ACSA does not turn India and Japan into allies, but it eases logistics for both "
        "navies.",
    )
    assert next(c for c in acsa.concepts if c.id == "acsa").credit == 1.0
    train = _report(
        india_japan,
        nlp,
        "japan-development-partner",
        "Japan refused to abandon the bullet train project.",
    )
    assert next(c for c in train.concepts if c.id == "bullet-train").credit == 1.0


@pytest.mark.parametrize(
    ("text", "fact", "found"),
    [
        # the cue "India" is an nmod of 'ministerial' (probe s35: the place went unchecked)
        (
            "The first India–Japan 2+2 ministerial was held in Tokyo in 2019.",
            "first-2plus2-place",
            "Tokyo",
        ),
        # rubric 1.7.86: "first India-Japan ministerial 2+2" cues the first 2+2's facts
        ("The first India–Japan ministerial 2+2 was held in 2017.", "first-2plus2-year", "2017"),
    ],
)
def test_a_wrong_detail_of_the_first_2plus2_is_caught(
    india_japan: LoadedRubric, nlp: Language, text: str, fact: str, found: str
) -> None:
    # as the only sentence of an answer: the parse that hid it is the first sentence's
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    result = next(f for f in report.facts if f.id == fact)
    assert (result.status, result.found) == ("contradicted", found)
    assert not any(
        fact_line.startswith("Accurate fact") and "Delhi" in fact_line and "Tokyo" in text
        for fact_line in report.feedback.strengths
    )


def test_a_wrong_year_is_quoted_not_the_right_one_beside_it(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # batch trial s35: "you wrote 2000" (the Global Partnership's year, right) for the SSGP
    report = _report(
        india_japan,
        nlp,
        "2plus2-significance",
        "The relationship was raised to a Special Strategic and Global Partnership in 2010, after "
        "the Global Partnership of 2000.",
    )
    facts = {f.id: f for f in report.facts}
    assert (facts["ssgp-year"].status, facts["ssgp-year"].found) == ("contradicted", "2010")
    assert "you wrote 2010" in facts["ssgp-year"].message
    assert facts["global-partnership-year"].status == "supported"


@pytest.mark.parametrize(
    ("question", "text", "fact", "found"),
    [
        # a date in figures is its year (it had been read as the number 9.09)
        (
            "defence-cooperation",
            "The RPSS (logistics pact) was inked on 09.09.2019.",
            "rpa-year",
            "09.09.2019",
        ),
        ("defence-cooperation", "The ACSA was signed on 2019-09-09.", "rpa-year", "2019-09-09"),
        # two figures each (the adversarial probe)
        ("defence-cooperation", "The ACSA was signed on 09.09.19.", "rpa-year", "09.09.19"),
        # a month and a year of two figures
        (
            "pyq-2019-contemporary",
            "The civil nuclear deal was signed in Nov '15.",
            "civil-nuclear-year",
            "'15",
        ),
        # a day written as an ordinal is no second event ('28th' had made 1951 another's year)
        (
            "pyq-2019-contemporary",
            "The Peace Treaty was signed on 28th April 1951.",
            "peace-treaty-year",
            "1951",
        ),
        (
            "pyq-2019-contemporary",
            "The Peace Treaty was signed on April 28th, 1951.",
            "peace-treaty-year",
            "1951",
        ),
    ],
)
def test_a_wrong_year_in_another_date_format_is_caught(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str, found: str
) -> None:
    result = next(f for f in _report(india_japan, nlp, question, text).facts if f.id == fact)
    assert (result.status, result.found) == ("contradicted", found)


@pytest.mark.parametrize(
    ("question", "text", "fact"),
    [
        ("defence-cooperation", "The RPSS (logistics pact) was inked on 09.09.2020.", "rpa-year"),
        (
            "pyq-2019-contemporary",
            "The civil nuclear deal was signed in Nov '16.",
            "civil-nuclear-year",
        ),
        (
            "pyq-2019-contemporary",
            "The Peace Treaty was signed on 28th April, 1952.",
            "peace-treaty-year",
        ),
    ],
)
def test_the_right_year_in_those_formats_is_supported(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, fact: str
) -> None:
    result = next(f for f in _report(india_japan, nlp, question, text).facts if f.id == fact)
    assert result.status == "supported"


WEAK = (
    "Defence is very important for every country. India has a big army and Japan has a self "
    "defence force. India and Japan are friends and they are good partners. They do some things "
    "together. The world is facing many problems today. India needs modern weapons and Japan has "
    "good technology. Defence cooperation is growing day by day and it is very good for both "
    "countries. In the future it will grow more. Both countries should cooperate more in "
    "defence. This will help Asia and the world. Both countries want peace and progress. Thus "
    "defence cooperation between India and Japan is growing and will keep growing."
)


def test_marks_without_a_point_are_said_to_come_from_the_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # batch trial s35: "no point of the question earns credit yet" beside 1.5 marks, unexplained
    report = evaluate(WEAK, india_japan, "defence-cooperation", nlp=nlp)
    assert report.marks > 0 and not any(c.credit > 0 for c in report.concepts)
    marks = f"{report.marks:g} mark" + ("" if report.marks == 1 else "s")
    verb = "is" if report.marks == 1 else "are"  # "1 mark … is" (session 46)
    assert f"Its {marks} so far {verb} for staying on the question's topic." in (
        report.feedback.comment
    )
    # an answer with no marks is not told so
    empty = evaluate("Japan is an island nation.", india_japan, "defence-cooperation", nlp=nlp)
    assert empty.marks == 0 and "staying on the question's topic" not in empty.feedback.comment


RESTATING = (
    "Japan and India both have large economies. Both economies are big. Japan makes machines and "
    "India has a large market. Trade between them is growing. Japan has put money into India. Many "
    "Japanese firms work in India. Economic ties are good but could be better. There are some "
    "problems. India is developing and Japan is developed. Both should trade more. India should "
    "sell more to Japan. Japan should put more money into India. Governments should make good "
    "policies. Both should sign more agreements. Growth matters for development. If both grow then "
    "Asia grows. India wants a bigger economy and Japan can help. In future economic ties will "
    "grow. Both should work together for their people. So economic ties matter and should be "
    "improved."
)


def test_a_cap_the_marks_were_within_says_so_and_survives_a_batch_file(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # batch trial s35: "Effect: marks capped at 15%" beside marks the cap had not lowered
    report = evaluate(RESTATING, india_japan, "pyq-2013-economic", nlp=nlp)
    capped = [a for a in report.advisories if a.cap is not None]
    assert capped, [a.code for a in report.advisories]
    before = report.arithmetic.before_advisories
    for advisory in capped:
        within = before <= advisory.cap * report.max_marks
        assert (
            advisory.effect.endswith("(not binding here: the marks were already within it)")
            == within
        )
    assert any(advisory.effect.endswith("within it)") for advisory in capped)
    result = grade_items([BatchItem(0, "weak", "t", "pyq-2013-economic", RESTATING)], india_japan)
    header = build_header(india_japan, result[0].report or {})
    record = compact_record(result[0], header)
    assert "not binding here" not in json.dumps(record)  # the words are the header's
    (expanded,) = expand_records([header, record])
    assert expanded["report"]["advisories"] == (result[0].report or {})["advisories"]
    assert expanded["report"]["feedback"]["comment"] == report.feedback.comment


def test_an_off_topic_answer_is_not_told_its_words_belong_to_the_topic(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # batch trial s35: "names Japan 0 times ... and 53% of its content words belong to the topic"
    text = (
        "Indian agriculture employs close to half of all workers yet yields a small share of "
        "national income. Tiny plots, rain-fed fields and costly credit keep incomes low. Price "
        "support reaches farmers in a few states only, and groundwater is falling in the north. "
        "Crop insurance, soil testing and direct income support try to help, while better "
        "storage and markets would let farmers sell at fair prices across the country."
    )
    report = evaluate(text, india_japan, "2plus2-significance", nlp=nlp)
    (advisory,) = [a for a in report.advisories if a.code == "off_topic"]
    assert "belong to the topic" not in advisory.message
    assert "also appear in the question or its notes" in advisory.message


def test_names_and_phrases_are_quoted_before_plain_words() -> None:
    # batch trial s35: praise quoted "supports", "workers", "sends" for being long words
    from types import SimpleNamespace

    from evaluator.scoring.feedback.strengths import credited_words

    earned = [SimpleNamespace(matched=["supports", "negotiated", "Quad", "JIMEX", "sea lanes"])]
    assert credited_words(earned, 3) == ["sea lanes", "JIMEX", "Quad"]  # type: ignore[arg-type]
    # a compact file of an older format reads back with the old order
    old = credited_words(earned, 3, names_first=False)  # type: ignore[arg-type]
    assert old == ["negotiated", "sea lanes", "supports"]


@pytest.mark.parametrize(
    "text",
    [
        "They have signed an agreement for logistics support so that their forces can use each "
        "other's facilities.",
        "The reciprocal supplies agreement of 2020 helps both navies.",
    ],
)
def test_the_logistics_pact_by_another_name_earns_its_point(
    india_japan: LoadedRubric, nlp: Language, text: str
) -> None:
    # batch trial s35 (rubric 1.7.88): two answers that named it so were told to add the ACSA
    report = _report(india_japan, nlp, "defence-cooperation", text)
    assert next(c for c in report.concepts if c.id == "acsa").credit == 1.0
    assert not any("Acquisition and Cross-Servicing" in s.text for s in report.feedback.next_steps)


@pytest.mark.parametrize(
    ("text", "status", "found"),
    [
        # probe s35: the country a rank counts from ("after Mauritius") is not another subject
        (
            "Japan is the second biggest investor in India after Mauritius.",
            "contradicted",
            "second",
        ),
        (
            "Japan is the fifth largest source of FDI, behind Mauritius and Singapore.",
            "supported",
            "fifth",
        ),
    ],
)
def test_a_rank_counted_after_another_country_is_checked(
    india_japan: LoadedRubric, nlp: Language, text: str, status: str, found: str
) -> None:
    report = _report(india_japan, nlp, "japan-development-partner", text)
    result = next(f for f in report.facts if f.id == "fdi-rank")
    assert (result.status, result.found) == (status, found)


def test_an_answer_sheet_header_is_not_the_introduction(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    # batch trial s35: "Roll No: … Name: … Answer to Q.5" was read as the opening, and the
    # learner was told to open with context
    body = (
        "Defence ties between India and Japan have deepened since the partnership became a "
        "Special Strategic and Global Partnership in 2014.\n\n"
        "Their navies train together in JIMEX and Malabar, and their armies in Dharma Guardian. "
        "The ACSA of 2020 lets each side use the other's bases for supplies.\n\n"
        "On balance, the 2+2 dialogue gives this cooperation a steady direction."
    )
    header = "Roll No: 1093    Name: Kavya Menon    Batch: GS-II    Answer to Q.5\n\n"
    plain = evaluate(body, india_japan, "defence-cooperation", nlp=nlp)
    sheet = evaluate(header + body, india_japan, "defence-cooperation", nlp=nlp)
    assert plain.structure.has_introduction and sheet.structure.has_introduction
    assert not any("Open with" in s.text for s in sheet.feedback.next_steps)


def test_a_broken_graded_line_says_what_is_wrong_in_plain_words(tmp_path: Path) -> None:
    # the batch reader's plain words (batch trial s35) now come from the one JSONL reader that
    # `rubric tune` shares: "Invalid control character at" had ended the message mid-sentence
    graded = tmp_path / "marks.jsonl"
    tab = "\t"  # a raw tab inside a JSON string: not allowed
    graded.write_text(
        f'{{"question": "defence-cooperation", "answer": "JIMEX{tab}is a drill", "marks": 3}}\n'
        '{"question": "defence-cooperation", "answer": "JIMEX is a naval drill.", "marks": 2}\n',
        encoding="utf-8",
    )
    done = CliRunner().invoke(main, ["rubric", "tune", "india-japan", "--graded", str(graded)])
    assert "a tab or line break inside a text at character" in done.output
    assert "Invalid control character" not in done.output


# the adversarial probe of this session's own rules: what they must not let through
ADVERSARIAL_DENIALS = [
    ("pyq-2013-economic", "CEPA never came into force, but it was negotiated.", "cepa-2011"),
    ("defence-cooperation", "JIMEX is no longer held, but it was popular.", "jimex"),
    (
        "japan-development-partner",
        "Japan did not hesitate to abandon the bullet train.",
        "bullet-train",
    ),
    ("japan-development-partner", "The bullet train is not going to be built.", "bullet-train"),
    ("defence-cooperation", "No one can deny that the ACSA was signed in 2018.", "rpa-year"),
    ("defence-cooperation", "No one can deny that JIMEX is an army exercise.", "jimex-service"),
    (
        "japan-development-partner",
        "Japan is the biggest source of FDI in India after Singapore.",
        "fdi-rank",
    ),
]


@pytest.mark.parametrize(
    ("question", "text", "wrong"), ADVERSARIAL_DENIALS, ids=[d[1][:40] for d in ADVERSARIAL_DENIALS]
)
def test_this_sessions_rules_let_no_false_sentence_through(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str, wrong: str
) -> None:
    assert wrong in called_wrong(_report(india_japan, nlp, question, text))


def test_a_refusal_to_oppose_is_no_double_negative(
    india_japan: LoadedRubric, nlp: Language
) -> None:
    report = _report(
        india_japan, nlp, "indo-pacific-quad", "Japan refused to oppose China's assertiveness."
    )
    assert not any(c.credit > 0 for c in report.concepts if c.id.startswith("china"))


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("defence-cooperation", "The ACSA does not make them allies, but it eases logistics."),
        (
            "japan-development-partner",
            "Japan is the largest source of FDI in India after Mauritius, Singapore, the US and "
            "the Netherlands.",
        ),
        (
            "japan-development-partner",
            "After Mauritius, Singapore, the US and the Netherlands, Japan is the largest source "
            "of FDI.",
        ),
    ],
)
def test_the_true_forms_beside_them_are_not_called_wrong(
    india_japan: LoadedRubric, nlp: Language, question: str, text: str
) -> None:
    assert_never_called_wrong(_report(india_japan, nlp, question, text))


def test_not_ready_to_do_a_deed_is_a_refusal(india_japan: LoadedRubric, nlp: Language) -> None:
    # the adversarial probe: 'ready' is a word of completion ("the bullet train is not ready":
    # under way), but "not ready to fund it" refuses the funding
    refused = _report(
        india_japan,
        nlp,
        "japan-development-partner",
        "Japan is not ready to fund the bullet train.",
    )
    assert "bullet-train" in called_wrong(refused)
    under_way = _report(
        india_japan, nlp, "japan-development-partner", "The bullet train is not ready yet."
    )
    assert_never_called_wrong(under_way)

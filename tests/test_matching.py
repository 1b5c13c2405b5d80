"""Matching: lemmas, synonyms, aliases, acronyms, spelling tolerance, windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.scoring.engine import evaluate


def status(mini, text: str, concept: str) -> str:
    return evaluate(text, mini, "q1").concept(concept).status


def test_plural_and_inflection_match_through_lemmas(mini):
    assert status(mini, "The navies held the Malabar exercises last year.", "malabar") == "covered"
    assert status(mini, "Both navies drilled together at Malabar.", "malabar") == "covered"


def test_hyphens_and_case_are_ignored(mini):
    assert (
        status(mini, "VEER-GUARDIAN brought the air forces together.", "veer-guardian") == "covered"
    )


def test_alias_alone_covers_the_concept(mini):
    report = evaluate("CEPA opened markets.", mini, "q1")
    concept = report.concept("cepa")
    assert concept.status == "covered"
    assert concept.matched == ["CEPA"]
    assert concept.evidence[0].text == "CEPA"
    assert report.concept("cepa").evidence[0].start == 0


def test_expansion_alias_covers_the_concept(mini):
    text = "The Comprehensive Economic Partnership Agreement cut tariffs."
    assert status(mini, text, "cepa") == "covered"


def test_synonym_classes_apply_to_cues(mini):
    text = "India signed LEMOA and BECA with America."
    assert status(mini, text, "us-pacts") == "covered"


def test_short_acronyms_match_only_in_capitals(mini):
    assert status(mini, "LEMOA was signed with the US.", "us-pacts") == "covered"
    assert status(mini, "LEMOA was signed by us.", "us-pacts") == "partial"


def test_more_than_half_of_the_groups_is_partial_credit(mini):
    report = evaluate("Malabar is a big naval event.", mini, "q1")
    concept = report.concept("malabar")
    assert concept.status == "partial"
    assert concept.credit == pytest.approx(0.5)
    assert (concept.groups_matched, concept.groups_total) == (2, 3)


def test_half_or_fewer_groups_earn_nothing(mini):
    # one group of three is not enough: a lone generic word must not earn partial credit
    concept = evaluate("Every navy trains hard.", mini, "q1").concept("malabar")
    assert concept.status == "missing"
    assert concept.credit == 0


def test_one_word_listed_in_two_groups_fills_one(india_japan):
    # 'telecom' sits in two of the three groups of "Japanese investment in autos, telecom ...":
    # alone it is not that point; with a word of the third group it is
    alone = evaluate("Telecom is growing fast in India.", india_japan, "pyq-2013-economic")
    assert alone.concept("fdi-sectors").status == "missing"
    with_firms = evaluate(
        "Japanese firms invest heavily in Indian telecom.", india_japan, "pyq-2013-economic"
    )
    assert with_firms.concept("fdi-sectors").status == "covered"


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("India wants cross-border data flows under its own rules.", "terrorism-cross-border"),
        ("Buddhism is practised across much of Asia.", "buddhism-6th-century"),
        ("The sensitive question of visas came up again.", "two-plus-two-rationale"),
        ("Ministers from many countries visit Delhi every winter.", "two-plus-two-format"),
    ],
)
def test_a_lone_word_earns_no_part_of_a_point(india_japan, sentence, concept):
    report = evaluate(sentence, india_japan, "2plus2-significance")
    assert report.concept(concept).status == "missing"


def test_a_lone_negated_word_denies_nothing(india_japan):
    # 'dominate' is one word of "Balancing China's assertiveness", listed in two of its groups
    report = evaluate("No single power dominates the region.", india_japan, "2plus2-significance")
    assert report.concept("china-factor").status == "missing"


def test_a_word_in_every_group_is_as_good_as_an_alias(india_japan):
    report = evaluate(
        "Both navies patrol the sea lanes of the Indian Ocean.", india_japan, "indo-pacific-quad"
    )
    assert report.concept("freedom-of-navigation").status == "covered"


def test_groups_must_co_occur_within_the_window(mini):
    near = "Malabar brings the navies together. It is a large exercise."
    far = "Malabar brings the navies together. Trade grew. Ports opened. It is a big exercise."
    assert status(mini, near, "malabar") == "covered"
    assert status(mini, far, "malabar") == "partial"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the verdict a conclusion opens with (the feedback advises it) is no balance of power
        ("On balance, the partnership is strong because both worry about China.", "missing"),
        ("On balance, ties with China will shape the partnership.", "missing"),
        ("Together they can balance China in the region.", "partial"),
        ("They are balancing China in the Indo-Pacific.", "partial"),
    ],
)
def test_a_set_phrase_lends_no_word_to_a_cue(india_japan, text, status):
    found = evaluate(text, india_japan, "challenges-way-forward").concept("china-factor")
    assert found.status == status, found.matched


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # a learner trial: "how to deal with China" signed a defence deal (agreement's synonym)
        ("The 2+2 is a platform to discuss how to deal with China.", "partial"),
        ("The 2+2 is a platform where India and Japan finalised the deal on ACSA.", "covered"),
        ("The 2+2 is a platform where India and Japan negotiate a defence deal.", "covered"),
    ],
)
def test_a_verb_that_means_another_thing_is_no_cue(india_japan, text, status):
    found = evaluate(text, india_japan, "2plus2-significance").concept("agreements-platform")
    assert found.status == status, found.matched


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        # an ordinal opening a sentence as a list marker is no cue "second"
        ("They hold a 2+2 dialogue. Second, their forces train together.", False),
        ("They hold a 2+2 dialogue. Second: their forces train together.", False),
        ("They hold a 2+2 dialogue; Japan was the second partner after the US.", True),
        ("Second only to the US, Japan holds a 2+2 with India.", True),
    ],
)
def test_a_list_marker_lends_no_word_to_a_cue(india_japan, text, matched):
    found = evaluate(text, india_japan, "2plus2-significance").concept(
        "japan-second-2plus2-partner"
    )
    # the cue is "second" of a partner ("second partner", "second only"; rubric 1.7.76)
    assert any(m.lower().split()[0] in {"second", "secondly"} for m in found.matched) == matched, (
        found
    )


def test_misspelt_proper_noun_is_tolerated(mini):
    text = "India will open a consulate in Fukuoaka."
    concept = evaluate(text, mini, "q1").concept("fukuoka")
    assert concept.status == "covered"
    assert "Fukuoaka" in concept.matched


def test_no_spelling_tolerance_for_short_words_or_far_ones(mini):
    # "Malabr" (6 letters, capitalised) is one edit from Malabar; "malar" is two edits away
    # (and an English word) and "Mala" is too short: neither may be read as Malabar.
    assert status(mini, "The navies held the Malabr exercise.", "malabar") == "covered"
    assert status(mini, "The navies held the malar exercise.", "malabar") == "partial"
    assert status(mini, "The navies held the Mala exercise.", "malabar") == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "The navies held the Malabar excercise.",  # an extra letter
        "The navies held the Malabar exrecise.",  # two letters swapped
        "The navys held the malabar exercise.",  # lower case name, misspelt plural
    ],
)
def test_a_misspelt_ordinary_word_earns_its_cue(mini, text):
    # a word that is no English word the pipeline knows, one edit from a rubric word, is read
    # as that word: an aspirant does not lose a point to a typo
    concept = evaluate(text, mini, "q1").concept("malabar")
    assert concept.status == "covered"


def test_a_real_word_is_never_read_as_a_rubric_word(mini):
    # "drills" is a rubric cue; "grills" and "trills" are English words one edit away: they
    # stay what they are, so the point is only partly made
    assert status(mini, "The Malabar navies held grills.", "malabar") == "partial"
    assert status(mini, "The Malabar navies heard trills.", "malabar") == "partial"
    # "pacts" is a cue and "packs" a word; "agreemnt" is a typo of the cue "agreement"
    assert status(mini, "The United States and India made LEMOA packs.", "us-pacts") == "partial"
    text = "The United States and India made the LEMOA agreemnt."
    assert status(mini, text, "us-pacts") == "covered"


def test_a_rubric_word_is_never_turned_into_another(mini):
    # "Guardian" is itself a rubric word; it must not be "corrected" into something else and
    # a lone "Guardian" must not complete "Veer Guardian".
    assert status(mini, "The Guardian newspaper wrote about it.", "veer-guardian") == "missing"


def test_missing_concepts_carry_their_source_note(mini):
    concept = evaluate("Nothing relevant here at all.", mini, "q1").concept("fukuoka")
    assert concept.status == "missing"
    assert concept.source_note == "India decided to open a consulate in Fukuoka."
    assert concept.evidence == []


def test_evidence_offsets_point_into_the_answer(mini):
    text = "First line.\n\nThe Malabar exercise is naval."
    concept = evaluate(text, mini, "q1").concept("malabar")
    for span in concept.evidence:
        assert text[span.start : span.end] == span.text


def test_bonus_keywords_are_reported(mini):
    report = evaluate("India's Act East policy links to Japan.", mini, "q1")
    assert report.bonus_keywords == ["Act East"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tasks ahead include more dialogue.",
        "Place matters in diplomacy.",
        "Youth exchanges help.",
        "Stuff like this is common.",
        "They met, and Chair of the panel spoke.",
        "Basis of the ties is trust.",
        "Prize winners visited.",
    ],
)
def test_ordinary_capitalised_words_are_not_spelling_corrected(nlp, india_japan, sentence):
    from evaluator.scoring.checks.matching import compile_rubric, find_terms

    compiled = compile_rubric(india_japan, nlp)
    assert [m for m in find_terms(nlp(sentence), compiled) if m.corrected] == []


def test_names_in_the_bundled_rubric_are_spelling_tolerant(nlp, india_japan):
    from evaluator.scoring.checks.matching import compile_rubric, find_terms

    compiled = compile_rubric(india_japan, nlp)
    doc = nlp("India will open a consulate in Fukuoaka and sail in the Malabaar exercise.")
    corrected = {doc[m.start].text for m in find_terms(doc, compiled) if m.corrected}
    assert corrected == {"Fukuoaka", "Malabaar"}


def test_a_fact_cue_inside_a_longer_term_is_not_a_cue(india_japan):
    # "Global Partnership" (2000) and "Strategic and Global Partnership" (2006) sit inside
    # "Special Strategic and Global Partnership" (2014): only the 2014 fact is being stated.
    only_2014 = evaluate(
        "Relations became a Special Strategic and Global Partnership in 2014.",
        india_japan,
        "2plus2-significance",
    )
    assert only_2014.fact("ssgp-year").status == "supported"
    assert only_2014.fact("global-partnership-year").status == "absent"
    assert only_2014.fact("strategic-global-partnership-year").status == "absent"
    all_three = evaluate(
        "Ties became a Global Partnership in 2000, a Strategic and Global Partnership in 2006 "
        "and a Special Strategic and Global Partnership in 2014.",
        india_japan,
        "2plus2-significance",
    )
    statuses = {
        f: all_three.fact(f).status
        for f in ("global-partnership-year", "strategic-global-partnership-year", "ssgp-year")
    }
    assert set(statuses.values()) == {"supported"}, statuses


@pytest.mark.parametrize(
    ("answer", "concept"),
    [
        ("India did not join RCEP.", "rcep-osaka-divergence"),
        (
            "India has not joined the sanctions against Russia over Ukraine.",
            "russia-ukraine-divergence",
        ),
        ("Trade is not very high compared with India-China trade.", "trade-underdeveloped"),
    ],
)
def test_a_negative_claim_concept_is_credited_when_negated(india_japan, answer, concept):
    result = evaluate(answer, india_japan, "challenges-way-forward").concept(concept)
    assert result.status == "covered"
    assert result.credit == 1.0


def test_analysed_rubric_terms_are_kept_on_disk(nlp, india_japan, tmp_path, monkeypatch):
    """Compiling a rubric parses its terms once; a new process reads the analysis back, and a
    corrupt cache file is analysed again, with the same result."""
    from evaluator.scoring.checks.matching.compiler import term_tokens

    monkeypatch.setenv("MAINS_EVAL_CACHE_DIR", str(tmp_path))
    surfaces = ["Quad", "currency swap", "Indo-Pacific Oceans Initiative"]
    built = term_tokens(india_japan, surfaces, nlp)
    assert built["currency swap"] == [("currency", "currency"), ("swap", "swap")]
    (stored,) = tmp_path.rglob("*.json")
    stored.write_text("[1, 2", encoding="utf-8")
    assert term_tokens(india_japan, surfaces, nlp) == built
    assert term_tokens(india_japan, surfaces, nlp) == built  # read back from the rewritten file


def test_a_name_ending_in_one_letter_matches_at_the_end_of_a_sentence(nlp, draft):
    # spaCy keeps "C." whole (an initial), so "STAR-C." had not matched the name "STAR-C"
    loaded = draft(
        "# Solar skills\n\n## Training\nThe Solar Technology Application Resource Centre "
        "(STAR-C) trains engineers in member countries.\n\n## Finance\nBlended finance lowers "
        "the cost of solar projects in poor countries.\n"
    )
    question = loaded.rubric.questions[0].id
    (concept,) = [c.id for _, c in loaded.rubric.concepts() if "STAR-C" in c.aliases]
    for text in ("Member countries train engineers through STAR-C.", "STAR-C trains engineers."):
        report = evaluate(text, loaded, question, nlp=nlp)
        assert report.concept(concept).status == "covered", text


def test_a_numbered_name_matches_at_the_end_of_a_sentence(nlp, india_japan):
    # spaCy keeps "279A." whole too, as an initial: "under Article 279A." had not matched a
    # term "Article 279A"
    texts = ("The GST Council rests on Article 279A.", "Article 279A set up the Council.")
    for text, spans in _spans_with_alias(india_japan, nlp, "Article 279A", texts):
        assert any(s.startswith("Article 279A") for s in spans), (text, spans)


def test_a_point_that_needs_its_first_group_is_not_earned_or_denied_without_it(india_japan):
    # rubric 1.7.4: the 2+2 as a platform for agreements needs the 2+2
    def status(text):
        return evaluate(text, india_japan, "2plus2-significance").concept("agreements-platform")

    assert status("India and Japan signed the ACSA agreement in 2020.").status == "missing"
    assert status("The US-2 amphibious aircraft deal has not been concluded.").status == "missing"
    earned = status("The 2+2 dialogue concluded the ACSA agreement in 2020.")
    assert earned.status in ("partial", "covered") and earned.credit > 0
    assert status("The 2+2 has not concluded any agreement.").status == "negated"
    # the 2+2 named in another sentence: the deal is denied, not the platform (engine 0.9.158)
    named_before = "India and Japan held their first 2+2 dialogue in 2019. "
    assert status(named_before + "The US-2 aircraft deal has not been concluded.").status == (
        "missing"
    )
    assert status(named_before + "No defence agreement was negotiated at the 2+2.").status == (
        "negated"
    )


def test_the_pipeline_knows_english_words_and_not_typos(nlp):
    from evaluator.nlp.lexicon import english_words

    words = english_words(nlp)
    assert len(words) > 50_000  # WordNet's lemmas from the lemmatizer's tables, not a stub
    assert all(w in words for w in ("maritime", "infrastructure", "grill", "because", "children"))
    assert not any(words.knows(w) for w in ("maritme", "infrastucture", "seperated"))
    # its lemmatizer's endings: 'markets', 'organisations' (British) are words too
    assert words.knows("markets") and words.knows("organisations") and words.knows("stopped")


def test_a_misspelt_word_in_the_bundled_rubric_earns_its_point():
    # an aspirant's typos: "Aquisition" and "dialouge" (two letters swapped) are read as the
    # rubric's words, so the answer earns what the same answer spelt right earns
    spelt = (
        "The 2+2 dialogue brings the foreign and defence ministers together; they signed the "
        "Acquisition and Cross-Servicing Agreement."
    )
    typos = spelt.replace("dialogue", "dialouge").replace("Acquisition", "Aquisition")
    right = evaluate(spelt, "india-japan", "2plus2-significance")
    wrong = evaluate(typos, "india-japan", "2plus2-significance")
    assert wrong.marks == right.marks > 0
    assert wrong.concept("acsa").status == right.concept("acsa").status == "covered"


@pytest.mark.parametrize(
    "text",
    [
        "Rationale: both sides gain.",  # an English word two edits from 'national'
        "The Divestment policy changed.",  # 'investment' begins with another letter
        "Crime fell, and Price rose.",  # English words one edit from 'prime'
        "The Bhakti saints sang.",  # 'Shakti' begins with another letter
        "The Pradhan Mantri scheme grew.",  # Indian English the word list lacks: not 'Maitri'
        "India aims to be developed by 2047 under Viksit Bharat.",  # not 'visit'
        "Regional Markets and Disputes.",  # names' plurals are their own words
    ],
)
def test_a_real_word_is_never_read_as_a_misspelt_name(india_japan, nlp, text):
    from evaluator.scoring.checks.matching import compile_rubric, spelling_corrections

    compiled = compile_rubric(india_japan, nlp)
    doc = nlp(text)
    read = spelling_corrections(doc, compiled)
    assert not {doc[i].text: word for i, word in read.items() if word != doc[i].lower_.rstrip("s")}


@pytest.mark.parametrize(
    ("text", "concept", "statuses"),
    [
        # "large" is not "largest": the lemmatizer reads both as "large"
        ("Japan is a large aid donor to India.", "largest-bilateral-donor", {"partial"}),
        ("Japan is the largest bilateral donor to India.", "largest-bilateral-donor", {"covered"}),
        ("Japan is a big investor and gives ODA.", "largest-bilateral-donor", {"missing"}),
        ("Japan is the biggest ODA donor for India.", "largest-bilateral-donor", {"covered"}),
        (
            "Toyota and Sony have large plants in India. Investment from Japan keeps growing.",
            "fdi-fifth-source",
            {"missing"},
        ),
        ("Japan is among the largest sources of FDI.", "fdi-fifth-source", {"partial", "covered"}),
    ],
)
def test_a_comparative_or_superlative_cue_keeps_its_degree(india_japan, text, concept, statuses):
    report = evaluate(text, india_japan, "japan-development-partner")
    assert report.concept(concept).status in statuses, report.concept(concept)


def test_an_answers_superlative_still_says_the_quality(nlp, tmp_path):
    import shutil

    import yaml

    from evaluator.rubric import load_rubric

    folder = tmp_path / "mini"
    shutil.copytree(Path(__file__).resolve().parent / "data" / "rubrics" / "mini", folder)
    data = yaml.safe_load((folder / "rubric.yaml").read_text(encoding="utf-8"))
    data["dimensions"][0]["concepts"][0]["cues"][2] = ["navy", "naval", "large"]
    (folder / "rubric.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    loaded = load_rubric(folder)
    concept = data["dimensions"][0]["concepts"][0]["id"]
    # the cue "large" is met by "large" and by "largest"; the cue "largest" only by "largest"
    for text in ("Malabar is a large exercise.", "Malabar is the largest exercise."):
        assert evaluate(text, loaded, "q1", nlp=nlp).concept(concept).status == "covered", text


def test_a_cue_tagged_wrongly_out_of_context_still_matches_its_plural(nlp, india_japan):
    # session 26 tutor trial: the cue 'trawler', tagged alone, is lemmatised as the adjective
    # 'trawl', so "Trawlers were seized near Kachchatheevu" had never earned the point
    texts = ("Trawlers were seized near Kachchatheevu.", "Indian bottom trawlers fish there.")
    for text, spans in _spans_with_alias(india_japan, nlp, "trawler", texts):
        assert "trawlers" in [s.lower() for s in spans], (text, spans)


def _spans_with_alias(india_japan, nlp, alias, texts):
    """(text, the spans matching finds in it) under the bundled rubric with ``alias`` as the
    first concept's only alias."""
    from evaluator.rubric.model import Rubric
    from evaluator.scoring.checks.matching import compile_rubric, find_terms
    from evaluator.tools.tune.learn import with_rubric

    data = india_japan.rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["dimensions"][0]["concepts"][0]["aliases"] = [alias]
    compiled = compile_rubric(with_rubric(india_japan, Rubric.model_validate(data)), nlp)
    for text in texts:
        doc = nlp(text)
        yield text, [doc[m.start : m.end].text for m in find_terms(doc, compiled)]


def _with_apostrophes(tmp_path: Path, data_dir: Path) -> object:
    """The mini rubric with a cue typed in a word processor (’) and one typed straight (')."""
    import shutil

    import yaml

    from evaluator.rubric.loader import load_rubric

    target = tmp_path / "mini"
    shutil.copytree(data_dir / "rubrics" / "mini", target)
    path = target / "rubric.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["dimensions"][0]["concepts"] += [
        {
            "id": "curly",
            "label": "Compliance",
            "cues": [["Karnataka\u2019s 1991 ordinance"]],
            "note": "Karnataka\u2019s 1991 ordinance defied the tribunal.",
        },
        {
            "id": "straight",
            "label": "Defiance",
            "cues": [["Punjab's 2004 law"]],
            "note": "Punjab's 2004 law ended its water agreements.",
        },
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_rubric(target)


@pytest.mark.parametrize("quote", ["'", "\u2019"])
def test_curly_and_straight_apostrophes_match_each_other(tmp_path, data_dir, quote):
    """Trial 38: notes written in a word processor derived the cue "Karnataka’s 1991 Cauvery";
    an answer typed with a straight apostrophe never earned it (nor, against a straight cue,
    one typed with a curly apostrophe)."""
    rubric = _with_apostrophes(tmp_path, data_dir)
    text = f"Karnataka{quote}s 1991 ordinance and Punjab{quote}s 2004 law defied the awards."
    report = evaluate(text, rubric, "q1")
    assert report.concept("curly").status == "covered"
    assert report.concept("straight").status == "covered"

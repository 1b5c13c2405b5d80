"""Batch inputs: every way an input can be unfit becomes an item with a clear error."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from evaluator.batch.inputs import (
    CP1252_WARNING,
    classify_inputs,
    count_items,
    iter_items,
)
from evaluator.errors import InputError
from evaluator.scoring.inputs import MAX_ANSWER_BYTES

GOOD = "India and Japan cooperate in the Quad and meet in a 2+2 dialogue.\n"


def items_of(*paths: Path) -> list:
    """Every item behind the given paths, as `mains-eval batch` would see them."""
    return list(iter_items(classify_inputs([str(p) for p in paths])))


def by_name(items: list) -> dict:
    return {Path(item.id).name: item for item in items}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A folder with one answer of every kind, good and bad."""
    root = tmp_path / "answers"
    (root / "nested").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "nested" / "notes.md").write_text(GOOD, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (root / "huge.txt").write_bytes(b"word " * (MAX_ANSWER_BYTES // 5 + 10))
    (root / "undecodable.txt").write_bytes(b"India \x81\x8d\x8f\x90\x9d Japan")
    (root / "windows.txt").write_bytes("India and Japan: café talks.".encode("cp1252"))
    (root / "bom8.txt").write_bytes(codecs.BOM_UTF8 + GOOD.encode("utf-8"))
    (root / "bom16.txt").write_bytes(GOOD.encode("utf-16"))
    (root / "ignored.docx").write_bytes(b"PK\x03\x04")
    (root / ".hidden" / "secret.txt").write_text(GOOD, encoding="utf-8")
    return root


def test_folder_is_walked_recursively_in_sorted_order(folder: Path) -> None:
    items = items_of(folder)
    names = [Path(i.id).relative_to(folder).as_posix() for i in items]
    assert names == sorted(names, key=lambda n: n.split("/"))
    assert "nested/notes.md" in names
    assert "ignored.docx" not in names
    assert not any(n.startswith(".hidden") for n in names)
    assert [i.index for i in items] == list(range(len(items)))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "the answer is empty"),
        ("blank.txt", "the answer is empty"),
        ("binary.txt", "binary"),
        ("huge.txt", f"the limit is {MAX_ANSWER_BYTES:,} bytes"),
        ("undecodable.txt", "cannot decode"),
    ],
)
def test_each_bad_answer_becomes_an_error_item(folder: Path, name: str, message: str) -> None:
    item = by_name(items_of(folder))[name]
    assert item.text is None
    assert message in (item.error or "")


@pytest.mark.parametrize("name", ["good.txt", "bom8.txt", "bom16.txt"])
def test_utf8_and_boms_decode_without_warning(folder: Path, name: str) -> None:
    item = by_name(items_of(folder))[name]
    assert item.error is None and item.warning is None
    assert item.text == GOOD


def test_cp1252_decodes_with_a_warning(folder: Path) -> None:
    item = by_name(items_of(folder))["windows.txt"]
    assert item.text == "India and Japan: café talks."
    assert item.warning == CP1252_WARNING


def test_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * MAX_ANSWER_BYTES)  # sparse: cheap on disk
    (item,) = items_of(big)
    assert f"{50 * MAX_ANSWER_BYTES:,} bytes" in (item.error or "")


def test_missing_input_and_empty_pattern(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        classify_inputs([str(tmp_path / "nope.txt")])
    specs = classify_inputs([str(tmp_path / "*.txt")])
    assert list(iter_items(specs)) == []


def test_glob_pattern_matches_files_and_tables(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c.csv").write_text(f"id,answer\nrow1,{GOOD.strip()}\n", encoding="utf-8")
    items = list(iter_items(classify_inputs([str(tmp_path / "*")])))
    assert [i.id for i in items] == [
        (tmp_path / "a.txt").as_posix(),
        (tmp_path / "b.txt").as_posix(),
        "row1",
    ]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_rows_carry_line_numbers_and_per_row_questions(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "e.txt", GOOD)
    table = write(
        tmp_path / "rows.csv",
        "id,answer,file,question\n"
        f'r1,"{GOOD.strip()}",,q-one\n'
        "r2,,sub/e.txt,\n"
        '"multi\nline id",text,,\n'
        "r4,,,q-one\n"
        ",orphan,,\n"
        "r6,,sub/missing.txt,\n"
        "r7,too,many,fields,here\n"
        "\n"
        'r9,"' + "x" * (MAX_ANSWER_BYTES + 1) + '",,\n',
    )
    items = items_of(table)
    source = table.as_posix()
    assert [(i.id, i.source) for i in items] == [
        ("r1", f"{source}:2"),
        ("r2", f"{source}:3"),
        ("multi line id", f"{source}:4"),
        ("r4", f"{source}:6"),
        (f"{source}:7", f"{source}:7"),
        ("r6", f"{source}:8"),
        ("r7", f"{source}:9"),
        ("r9", f"{source}:11"),
    ]
    r1, r2, multi, r4, orphan, r6, r7, r9 = items
    assert r1.question == "q-one" and r1.text == GOOD.strip()
    assert r2.question is None and r2.text == GOOD  # file relative to the CSV's folder
    assert multi.text == "text"
    assert r4.error is None and r4.text == ""  # an empty answer cell: a blank answer
    # an error names the row as a spreadsheet numbers it (the multi-line id is one row, two
    # lines; the blank line a row), its id and the line it starts on
    assert orphan.error == "row 6 (line 7): missing value for column 'id'"
    assert (r6.error or "").startswith("row 7 (id r6, line 8): ")
    assert "no such file" in (r6.error or "")
    assert r7.error == (
        "row 8 (id r7, line 9): 5 fields, the header has 4; quote an answer that holds the "
        "delimiter with double quotes"
    )
    assert (r9.error or "").startswith("row 10 (id r9, line 11): the answer is")
    assert "the limit is" in (r9.error or "")
    assert count_items(classify_inputs([str(table)])) == len(items)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("id,question", "no 'answer' or 'file' column"),
        ("", "the CSV is empty"),
    ],
)
def test_csv_without_the_needed_columns_is_one_error(
    tmp_path: Path, header: str, message: str
) -> None:
    table = write(tmp_path / "t.csv", f"{header}\n" if header else "")
    (item,) = items_of(table)
    assert message in (item.error or "")


def test_a_sheet_without_ids_names_its_rows_by_line_as_tune_does(tmp_path: Path) -> None:
    """Trial s42: a teacher's 'answer,mark' sheet tuned a rubric, but batch refused it ("no 'id'
    column in the header"). Its rows are now named 'line-N', as `rubric tune` names them."""
    table = write(
        tmp_path / "marks.csv",
        'answer,mark\n"Vaccines train the immune system.",3\n\n"White blood cells.",1\n',
    )
    items = items_of(table)
    assert [(i.id, i.error) for i in items] == [("line-2", None), ("line-4", None)]
    assert items[1].text == "White blood cells."


def test_cp1252_csv_is_read_with_a_warning(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_bytes("id,answer\nr1,Café diplomacy between India and Japan\n".encode("cp1252"))
    (item,) = items_of(table)
    assert item.text == "Café diplomacy between India and Japan"
    assert item.warning == CP1252_WARNING


def test_jsonl_records_and_malformed_lines(tmp_path: Path) -> None:
    table = write(
        tmp_path / "rows.jsonl",
        '{"id": "a", "answer": "India and Japan", "question": "q-two"}\n'
        "\n"
        '{"id": 42, "answer": "numbers become text ids"}\n'
        '{"id": "broken", "answer": "unterminated\n'
        '["not", "an", "object"]\n'
        '{"id": "b", "answer": 7}\n'
        '{"answer": "no id"}\n',
    )
    items = items_of(table)
    source = table.as_posix()
    assert [i.id for i in items] == ["a", "42", f"{source}:4", f"{source}:5", "b", f"{source}:7"]
    a, forty_two, broken, not_object, b, no_id = items
    assert a.question == "q-two" and a.text == "India and Japan"
    assert forty_two.text == "numbers become text ids"
    assert (broken.error or "").startswith("line 4: broken JSON")
    assert not_object.error == "line 5: not a JSON object"
    assert b.error == "line 6 (id b): 'answer' must be text"  # a record is a line: no row
    assert no_id.error == "line 7: missing value for field 'id'"


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-8", ",")]
)
def test_a_table_of_any_spreadsheet_separator_is_read(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    """A spreadsheet saved where the decimal mark is a comma writes ';' (Excel's "Unicode
    text", tabs): batch had said "no 'id' column in the header" with 'id;question;answer' in
    plain sight, and tune "missing column 'answer'". Both read the separator off the header."""
    from evaluator.tools.graded import parse_graded_bytes

    rows = [
        ["id", "question", "answer", "mark"],
        ["a1", "defence-cooperation", "Japan and India hold the JIMEX exercise, yes.", "7,5"],
        ["a2", "defence-cooperation", "They meet in a 2+2 dialogue.", "4"],
    ]
    text = "\r\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in r) for r in rows)
    table = tmp_path / "marks.csv"
    table.write_bytes(text.encode(encoding))
    items = items_of(table)
    assert [(i.id, i.error) for i in items] == [("a1", None), ("a2", None)]
    assert items[0].text.startswith("Japan and India hold the JIMEX exercise, yes.")
    graded = parse_graded_bytes(table.read_bytes(), name="marks.csv")
    assert [(g.id, g.mark) for g in graded] == [("a1", 7.5), ("a2", 4.0)]  # "7,5" is 7.5


def test_an_unclosed_quote_is_named_with_the_lines_it_swallowed(tmp_path: Path) -> None:
    # tutor trial 28a: the quote took in four rows, and the message said only "5 fields"
    table = tmp_path / "marks.csv"
    table.write_text(
        'id,answer\nm1,"fine answer"\nm2,"never closed, 4\nm3,three\nm4,four\nm5,"five",x\n'
        "m6,six\n",
        encoding="utf-8",
    )
    items = items_of(table)
    bad = [item for item in items if item.error]
    assert [item.id for item in bad] == ["m2"]
    assert bad[0].error == (
        "row 3 (id m2, line 3): 3 fields, the header has 2; a quote opened on line 3 seems never "
        "closed: the row runs to line 6, taking in the rows between (3 more rows lost with it: "
        "id m3, m4, m5)"
    )
    assert [item.id for item in items if not item.error] == ["m1", "m6"]


def test_an_id_with_half_a_character_is_written_with_a_warning(tmp_path: Path) -> None:
    # tutor trial 28a: "s4\ud83d" came out silently as "s4\ufffd"
    table = tmp_path / "answers.jsonl"
    table.write_text(
        '{"id": "s4\\ud83d", "answer": "Japan funds the metro."}\n'
        '{"id": "s5", "answer": "Japan funds the metro."}\n',
        encoding="utf-8",
    )
    odd, plain = items_of(table)
    assert odd.id == "s4\ufffd" and odd.error is None
    assert odd.warning == (
        "the id holds a character that could not be read; it is written as 's4\ufffd'"
    )
    assert plain.warning is None

"""Issue 13, copying: a rubric carries a hashed fingerprint of its source document, and an
answer copied from that document is caught even though the notes are in other words. Tested on
our own study document (tests/data/honest/copy-source), never on the bundled article."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from evaluator.errors import InputError
from evaluator.rubric.fingerprint import read_document
from evaluator.rubric.loader import load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.tools.derive import derive_rubric_file

HONEST = Path(__file__).parent / "data" / "honest"
COPY = HONEST / "copy-source"


@pytest.fixture
def rubric_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "honest"
    shutil.copytree(HONEST / "rubric", folder)
    return folder


def _question(folder: Path) -> str:
    return load_rubric(folder).rubric.questions[0].id


def _copied(folder: Path, answer: str, nlp: Language) -> bool:
    loaded = load_rubric(folder)
    text = (COPY / answer).read_text(encoding="utf-8")
    report = evaluate(text, loaded, loaded.rubric.questions[0].id, nlp=nlp)
    return any(a.code == "copied_source" for a in report.advisories)


def test_copying_from_the_document_is_caught_only_with_its_fingerprint(
    rubric_copy: Path, nlp: Language, mains_eval
) -> None:
    assert not _copied(rubric_copy, "copied-answer.md", nlp), "the notes are not the document"
    result = mains_eval("rubric", "fingerprint", str(rubric_copy), str(COPY / "document.md"))
    assert result.returncode == 0, result.stderr
    assert "source-fingerprint.txt" in result.stdout
    assert _copied(rubric_copy, "copied-answer.md", nlp)
    assert not _copied(rubric_copy, "own-words-answer.md", nlp)


def test_fingerprint_holds_no_readable_text(rubric_copy: Path, mains_eval) -> None:
    mains_eval("rubric", "fingerprint", str(rubric_copy), str(COPY / "document.md"))
    content = (rubric_copy / "source-fingerprint.txt").read_text(encoding="utf-8")
    header, *hashes = content.splitlines()
    assert header.startswith("# mains-eval source fingerprint")
    assert hashes and all(re.fullmatch(r"[0-9a-f]{16}", h) for h in hashes)
    assert hashes == sorted(set(hashes))
    document = (COPY / "document.md").read_text(encoding="utf-8").lower()
    words = set(re.findall(r"[a-z]{4,}", document))
    assert not words & set(re.findall(r"[a-z]{4,}", content.lower()))


def test_fingerprint_command_keeps_comments_and_is_idempotent(
    rubric_copy: Path, mains_eval
) -> None:
    before = (rubric_copy / "rubric.yaml").read_text(encoding="utf-8")
    mains_eval("rubric", "fingerprint", str(rubric_copy), str(COPY / "document.md"))
    after = (rubric_copy / "rubric.yaml").read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        "source_fingerprint: source-fingerprint.txt"
    ]
    again = mains_eval("rubric", "fingerprint", str(rubric_copy), str(COPY / "document.md"))
    assert again.returncode == 0
    assert (rubric_copy / "rubric.yaml").read_text(encoding="utf-8") == after


def test_fingerprint_bad_input_gets_one_clear_line(rubric_copy: Path, mains_eval) -> None:
    missing = mains_eval("rubric", "fingerprint", str(rubric_copy), str(COPY / "nope.md"))
    assert missing.returncode == 2
    assert "nope.md: no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_missing_or_damaged_fingerprint_is_a_rubric_error(rubric_copy: Path, mains_eval) -> None:
    mains_eval("rubric", "fingerprint", str(rubric_copy), str(COPY / "document.md"))
    (rubric_copy / "source-fingerprint.txt").write_text("hello\n", encoding="utf-8")
    damaged = mains_eval("rubric", "check", str(rubric_copy))
    assert damaged.returncode != 0 and "Traceback" not in damaged.stderr
    assert "source fingerprint" in damaged.stderr
    (rubric_copy / "source-fingerprint.txt").unlink()
    missing = mains_eval("rubric", "check", str(rubric_copy))
    assert missing.returncode != 0
    assert "source_fingerprint" in missing.stderr


def test_derive_writes_the_fingerprint(tmp_path: Path, mains_eval, nlp: Language) -> None:
    out = tmp_path / "derived" / "rubric.yaml"
    out.parent.mkdir()
    result = mains_eval("rubric", "derive", str(COPY / "document.md"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["source_fingerprint"] == "source-fingerprint.txt"
    assert (out.parent / "source-fingerprint.txt").is_file()
    assert load_rubric(out).source_hashes


def test_bundled_rubric_carries_the_article_fingerprint(nlp: Language) -> None:
    loaded = load_rubric("india-japan")
    assert loaded.rubric.source_fingerprint == "source-fingerprint.txt"
    assert len(loaded.source_hashes) > 1000 and loaded.source_shingle == 8


def test_fingerprint_reads_a_document_as_derive_does(tmp_path: Path) -> None:
    """A Windows-1252 document (curly quotes, as a word processor saves them) is one `rubric
    derive` reads; `rubric fingerprint` reads it too, with the same hashes as its UTF-8 copy, and
    a binary file gets one clear message from both."""
    text = (COPY / "document.md").read_text(encoding="utf-8").replace("'", "\u2019")
    windows = tmp_path / "windows.md"
    windows.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        windows.read_bytes().decode("utf-8")
    assert read_document(windows) == text
    (tmp_path / "image.md").write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match=r"image\.md: looks like a binary file"):
        read_document(tmp_path / "image.md")
    with pytest.raises(InputError, match=r"image\.md: looks like a binary file"):
        derive_rubric_file(tmp_path / "image.md")

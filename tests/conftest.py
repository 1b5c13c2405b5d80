"""Shared fixtures: the spaCy pipeline and the bundled rubric are loaded once per session."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from evaluator.nlp.pipeline import get_nlp
from evaluator.resources import CACHE_ENV
from evaluator.rubric.loader import LoadedRubric, load_rubric

# the probe tests' shared assertions report their values as a test module's would
pytest.register_assert_rewrite("probe_support")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Keep the library's disk cache in a folder of this run (subprocesses inherit it), so tests
    neither read a stale user cache nor write to it."""
    folder = tempfile.mkdtemp(prefix="mains-eval-test-cache-")
    config.stash[_CACHE_KEY] = (folder, os.environ.get(CACHE_ENV))
    os.environ[CACHE_ENV] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove this run's cache folder and restore the variable."""
    folder, previous = config.stash.get(_CACHE_KEY, (None, None))
    if folder is None:
        return
    shutil.rmtree(folder, ignore_errors=True)
    if previous is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = previous


_CACHE_KEY = pytest.StashKey[tuple[str, str | None]]()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real scoring pipeline, loaded once."""
    return get_nlp()


@pytest.fixture(scope="session")
def india_japan() -> LoadedRubric:
    """The bundled India–Japan rubric."""
    return load_rubric("india-japan")


@pytest.fixture(scope="session")
def mini() -> LoadedRubric:
    """tests/data/rubrics/mini: a small rubric for matching and scoring tests."""
    return load_rubric(DATA / "rubrics" / "mini")


def _run_mains_eval(
    *args: str, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evaluator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def mains_eval() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `mains-eval` (as `python -m evaluator`) in a subprocess and capture its output."""
    return _run_mains_eval


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def read_csv() -> Callable[[Path], list[dict[str, str]]]:
    """Rows of a CSV file as dicts (a batch output, say)."""
    return _read_csv


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data."""
    return DATA


@pytest.fixture
def draft(tmp_path: Path) -> Callable[[str], LoadedRubric]:
    """``draft(notes)``: the rubric `rubric derive` drafts from these notes, loaded."""
    from evaluator.tools.derive.core import derive_rubric_file

    def derive(notes: str) -> LoadedRubric:
        source = tmp_path / "notes.md"
        source.write_text(notes, encoding="utf-8")
        out = tmp_path / "rubric.yaml"
        derive_rubric_file(source, out=out)
        return load_rubric(out)

    return derive


@pytest.fixture
def federalism(draft: Callable[[str], LoadedRubric]) -> LoadedRubric:
    """The draft `rubric derive` writes from the notes of sessions 46-47's tutor trial on
    cooperative federalism (the GST Council, the Finance Commission, NITI Aayog), untouched."""
    return draft(
        (Path(__file__).parent / "data" / "derive" / "gst-federalism-notes.txt").read_text(
            encoding="utf-8"
        )
    )


PANCHAYAT_NOTES = Path(__file__).parent / "data" / "derive" / "panchayati-raj-notes.txt"
"""Session 48's tutor trial: notes on the 73rd Amendment and Panchayati Raj, our own words."""


def _panchayat_draft(
    factory: pytest.TempPathFactory, name: str, question: str, max_marks: int
) -> LoadedRubric:
    from evaluator.tools.derive.core import derive_rubric_file

    out = factory.mktemp(name) / "rubric.yaml"
    derive_rubric_file(PANCHAYAT_NOTES, out=out, question=question, max_marks=max_marks)
    return load_rubric(out)


@pytest.fixture(scope="module")
def panchayat(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The draft `rubric derive` writes from the Panchayati Raj notes for a 15-mark 'critically
    examine' question, untouched."""
    return _panchayat_draft(
        tmp_path_factory,
        "panchayat",
        "Critically examine how far the 73rd Constitutional Amendment has made panchayats "
        "effective units of local self-government.",
        15,
    )


@pytest.fixture(scope="module")
def panchayat_discuss(tmp_path_factory: pytest.TempPathFactory) -> LoadedRubric:
    """The draft for a 10-mark 'discuss' question on the same notes, untouched."""
    return _panchayat_draft(
        tmp_path_factory,
        "panchayat-discuss",
        "Discuss the salient features of the 73rd Constitutional Amendment.",
        10,
    )


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright (never a downloaded browser). Without it the browser
    tests skip, or fail when CI=true."""
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # imported here: skip cleanly without it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()

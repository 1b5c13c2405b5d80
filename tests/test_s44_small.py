"""Session 44, three small defects (our own wording; the real pipeline, rubrics and files).

1. `python -m webapp.cli` crashed with a circular import; it now runs the command line as
   `python -m webapp` does.
2. A misspelt four-letter word capitalised only because it opens a sentence ("Boyl the leef in
   water") earned nothing, though "boyl the leef" did; names opening a sentence stay names.
3. A dash-contrast typed without spaces ("JIMEX -not Malabar- is ...") had not been read as
   one: Malabar was said to be denied (or claimed), and the learner told so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from evaluator import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_python_m_webapp_cli_runs_the_command_line() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for module in ("webapp.cli", "webapp"):
        done = subprocess.run(
            [sys.executable, "-m", module, "--version"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"mains-eval, version {__version__}"
        assert "Traceback" not in done.stderr

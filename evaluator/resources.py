"""Bundled data files (evaluator/data/*.yaml), read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> Any:
    """The parsed content of ``evaluator/data/<name>`` (cached; treat it as read-only)."""
    text = resources.files("evaluator").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)

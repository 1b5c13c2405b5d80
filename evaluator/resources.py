"""Bundled data files (evaluator/data/*.yaml), read once per process, and the per-user cache
folder for results that are expensive to compute and fixed by their inputs."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

CACHE_ENV = "MAINS_EVAL_CACHE_DIR"
"""Set to a folder to keep the cache there (default: the user cache folder, $XDG_CACHE_HOME on
Linux); set to an empty string to turn the cache off."""


@cache
def load_data(name: str) -> Any:
    """The parsed content of ``evaluator/data/<name>`` (cached; treat it as read-only)."""
    text = resources.files("evaluator").joinpath("data", name).read_text(encoding="utf-8")
    # libyaml when available: these files are read by every process that grades
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def cache_dir() -> Path | None:
    """The folder for cached results, or None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("mains-evaluator"))


def read_cached_json(kind: str, key: str) -> Any | None:
    """The JSON value cached under ``kind/key``, or None when absent, unreadable or corrupt."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return json.loads((folder / kind / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_cached_json(kind: str, key: str, value: Any) -> None:
    """Cache a JSON value under ``kind/key``, atomically (a reader never sees half a file);
    a cache that cannot be written is skipped silently: it only saves time."""
    folder = cache_dir()
    if folder is None:
        return
    target = folder / kind / f"{key}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(value, handle)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return

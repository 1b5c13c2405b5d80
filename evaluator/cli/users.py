"""`mains-eval` commands for this area (filled in by its issue)."""

from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Attach this module's commands to the group."""

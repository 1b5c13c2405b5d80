"""Alembic's environment and the schema's revisions (versions/). Run through `mains-eval db`."""

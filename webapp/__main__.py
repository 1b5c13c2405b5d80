"""`python -m webapp`: the full `mains-eval` command line (library verbs, serve, user, init-db)."""

from webapp.cli import main

if __name__ == "__main__":
    main(prog_name="mains-eval")

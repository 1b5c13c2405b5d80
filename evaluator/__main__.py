"""`python -m evaluator` runs the `mains-eval` command line."""

from evaluator.cli import main

if __name__ == "__main__":
    main()

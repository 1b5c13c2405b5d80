"""The checks the engine runs over a parsed answer: pure functions from a Doc (and the compiled
rubric) to findings: matching, negation, facts, structure, relevance, advisories, gaming."""

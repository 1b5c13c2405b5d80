"""The shape of the library (docs/architecture.md): no import cycles between its modules, never an
import of the web app, and a short top level. Read from the source with `ast`, so an import hidden
inside a function counts as much as one at the top of a file."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "evaluator"
MAX_TOP_LEVEL_MODULES = 8


def module_name(path: Path) -> str:
    """`evaluator/scoring/engine.py` -> `evaluator.scoring.engine`; a package's __init__ is the
    package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path) -> set[str]:
    """Every module name an import statement in the file can refer to (absolute or relative;
    for `from x import y`, both `x` and `x.y`, since y may be a submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    """Module -> the evaluator modules it imports (only names that are real modules)."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p): p for p in paths}
    return {name: imported_names(path) & (set(modules) - {name}) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_library_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_library_never_imports_the_web_app() -> None:
    offenders = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if any(n == "webapp" or n.startswith("webapp.") for n in imported_names(path))
    )
    assert offenders == []


def test_the_top_level_stays_short() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_the_cycle_finder_finds_a_cycle() -> None:
    # the check above can fail: a two-module cycle and a self-contained chain
    assert find_cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("scoring/engine.py", "evaluator.scoring.engine"),
        ("scoring/__init__.py", "evaluator.scoring"),
    ],
)
def test_module_names_follow_the_folders(path: str, expected: str) -> None:
    assert module_name(PACKAGE / path) == expected


PUBLIC_APIS = {
    "evaluator",
    "evaluator.errors",
    "evaluator.cli",
    "evaluator.rubric",
    "evaluator.nlp",
    "evaluator.scoring",
    "evaluator.batch",
    "evaluator.tools",
    "evaluator.tools.derive",
    "evaluator.tools.tune",
}


def test_the_web_app_uses_only_the_library_public_apis() -> None:
    webapp = PACKAGE.parent / "webapp"
    private = {}
    for path in sorted(webapp.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("evaluator") and module not in PUBLIC_APIS:
                private[f"{path.name}:{node.lineno}"] = module
    assert private == {}


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(done.stdout.split())


def test_help_imports_none_of_the_heavy_libraries() -> None:
    # `mains-eval --help` must answer at once: no spaCy, scikit-learn, Flask, pydantic or YAML
    loaded = _modules_after("import webapp.cli")
    heavy = {"spacy", "sklearn", "matplotlib", "flask", "sqlalchemy", "pydantic", "yaml", "numpy"}
    assert heavy & loaded == set()


def test_grading_imports_no_tuning_audit_or_web_machinery(data_dir: Path) -> None:
    answer = data_dir / "answers" / "2plus2-significance" / "strong.md"
    loaded = _modules_after(
        "from webapp.cli import main\n"
        f"main(['grade', {str(answer)!r}, '-q', '2plus2-significance'], standalone_mode=False)"
    )
    assert "spacy" in loaded  # it did grade
    unwanted = {"sklearn", "matplotlib", "flask", "sqlalchemy", "evaluator.tools.audit"}
    assert unwanted & loaded == set()


def test_no_test_module_imports_another() -> None:
    # shared helpers are conftest fixtures: a test module imported by another runs its
    # module-level code twice and ties the two files together
    tests = PACKAGE.parent / "tests"
    test_modules = {p.stem for p in tests.rglob("test_*.py")}
    offenders = sorted(
        f"{path.relative_to(tests)} imports {name}"
        for path in tests.rglob("*.py")
        for name in imported_names(path)
        if name.split(".")[0] in test_modules
    )
    assert offenders == []

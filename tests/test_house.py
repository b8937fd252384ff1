"""The shape of the package, as docs/architecture.md describes it, checked on the sources.

Imports run one way down the data flow, no module imports itself round a
circle, modules stay small, a message or word stands in one module, the domain
is reached through one accessor, and every warning can be suppressed.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).parent.parent / "sphinx_glossterm"
PACKAGE = "sphinx_glossterm"

STAGES = ("model", "reader", "sphinx_ext", "exports", "html", "book", "cli")
"""The subpackages in data-flow order."""

ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "reader": {"model"},
    "sphinx_ext": {"model", "reader"},
    # The outputs: each may use what the build keeps, and the site's URLs (exports.site).
    "exports": {"model", "reader", "sphinx_ext"},
    "html": {"model", "reader", "sphinx_ext", "exports"},
    "book": {"model", "reader", "sphinx_ext", "exports"},
    "cli": {"model", "reader", "sphinx_ext", "exports", "html", "book"},
}
"""Which other stages each stage may import."""

THIRD_PARTY_FREE = {"model": ("sphinx", "docutils", "myst_parser", "markdown_it", "jinja2")}
"""Stages that must not import these libraries (the model is plain Python)."""

GENERATED = {"book/latex_charsets.py"}
"""Generated tables, exempt from the size limit."""

MAX_LINES = 450
MIN_SHARED_LITERAL = 25


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    tree: ast.AST, module: str, is_package: bool, typing_too: bool = True
) -> Iterator[tuple[str, int]]:
    """``(imported module, line)`` for each import; ``typing_too`` counts ``TYPE_CHECKING`` ones.

    An import only for annotations still ties two modules together: the layering and
    the cycle checks count it.
    """
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if not typing_too and isinstance(node, ast.If) and _is_type_checking(node):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target, node.lineno
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if candidate in MODULES:
                    yield candidate, node.lineno


def import_graph() -> dict[str, set[str]]:
    """Our modules each of our modules imports."""
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, _ in _imports(tree, module, path.name == "__init__.py"):
            if target.startswith(PACKAGE + ".") and target in MODULES and target != module:
                graph[module].add(target)
    return graph


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_the_stages_are_the_subpackages() -> None:
    tops = {path.name for path in PACKAGE_DIR.iterdir() if path.is_dir() and path.name[0] != "_"}
    assert tops == set(STAGES)
    loose = sorted(path.name for path in PACKAGE_DIR.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"]


def test_imports_run_down_the_data_flow() -> None:
    wrong = []
    for module, targets in sorted(import_graph().items()):
        stage = stage_of(module)
        if stage is None:
            continue
        for target in sorted(targets):
            other = stage_of(target)
            if other is not None and other != stage and other not in ALLOWED[stage]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_model_imports_no_sphinx() -> None:
    wrong = []
    for module, path in MODULES.items():
        banned = THIRD_PARTY_FREE.get(stage_of(module) or "")
        if not banned:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = _imports(tree, module, path.name == "__init__.py", typing_too=False)
        for target, line in imports:
            if target.split(".")[0] in banned:
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            # A package's __init__ importing its own submodules is how packages work.
            if node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle() -> None:
    cycle = _cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert _cycle(graph) == ["a", "b", "c", "a"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_are_small(module: str) -> None:
    path = MODULES[module]
    if path.relative_to(PACKAGE_DIR).as_posix() in GENERATED:
        pytest.skip("a generated table")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE_DIR)} has {lines} lines"


def _literals(tree: ast.AST) -> Iterator[str]:
    """String constants that are not docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            # An attribute docstring: a string right after an assignment.
            pass
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def test_no_long_string_stands_in_two_modules() -> None:
    homes: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        if path.relative_to(PACKAGE_DIR).as_posix() in GENERATED:
            continue
        for text in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            if len(text.strip()) >= MIN_SHARED_LITERAL:
                homes[text].add(module)
    shared = [f"{text!r}: {sorted(found)}" for text, found in homes.items() if len(found) > 1]
    assert not shared, "\n".join(sorted(shared))


def test_the_domain_is_reached_through_its_accessor() -> None:
    wrong = []
    for module, path in MODULES.items():
        if module == f"{PACKAGE}.sphinx_ext.domain":
            continue
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if 'domains["glossterm"]' in line or "get_domain(" in line:
                wrong.append(f"{module}:{number}")
    assert wrong == []


def _warning_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "warning"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "logger"
        ):
            yield node


def test_every_warning_has_a_type_and_subtype() -> None:
    untyped = []
    for module, path in MODULES.items():
        for call in _warning_calls(ast.parse(path.read_text(encoding="utf-8"))):
            keywords = {keyword.arg for keyword in call.keywords}
            spread = any(
                keyword.arg is None
                and isinstance(keyword.value, ast.Call)
                and getattr(keyword.value.func, "id", "") == "warning_kwargs"
                for keyword in call.keywords
            )
            if not spread and not {"type", "subtype"} <= keywords:
                untyped.append(f"{module}:{call.lineno}")
    assert untyped == []


def test_no_private_name_is_imported_from_another_module() -> None:
    wrong = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
                wrong += [
                    f"{module}:{node.lineno} imports {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and alias.name != "__version__"
                ]
    assert wrong == []

"""The layers hold: ``core`` imports nothing else of ours (nor any third-party package),
nothing below ``cli`` imports ``cli``, and no two modules import each other, however
indirectly.  Checked on the source with ``ast``, counting every import - at module level,
inside functions and under ``TYPE_CHECKING`` - since each is a dependency a reader and a
refactoring have to follow."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xlsrc"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {
    name: {m for m in _imports(path) if m in MODULES and m != name}
    for name, path in MODULES.items()
}


def test_core_imports_only_the_standard_library_and_itself() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    for name, path in MODULES.items():
        if not name.startswith("xlsrc.core"):
            continue
        for imported in _imports(path):
            top = imported.split(".")[0]
            if top == "xlsrc":
                assert imported.startswith("xlsrc.core"), f"{name} imports {imported}"
            else:
                assert top in stdlib, f"{name} imports {imported}"


#: ``python -m xlsrc``: an entry point above the command line, like the console script.
ENTRY_POINT = "xlsrc.__main__"


def test_nothing_below_the_cli_imports_the_cli() -> None:
    for name, path in MODULES.items():
        if name.startswith("xlsrc.cli") or name == ENTRY_POINT:
            continue
        users = [m for m in _imports(path) if m.startswith("xlsrc.cli")]
        assert not users, f"{name} imports {users}"


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(GRAPH[node]):
            if _is_parent(target, node):
                continue  # a module's own package __init__ (importing a sibling) is no cycle
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _is_parent(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def test_the_layer_test_sees_the_imports_it_checks() -> None:
    """Not vacuous: the graph has the known edges."""
    assert "xlsrc.core.errors" in GRAPH["xlsrc.engine.errors"]
    assert "xlsrc.reading.locate" in GRAPH["xlsrc.validation.workbook"]

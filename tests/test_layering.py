"""The layering, as import contracts: the core imports no engine, CLI, rich, openai or archive; no cycles.

Read from the source with `ast`, so the check needs no extra tool and sees every import, including
those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "summarise"
CORE = [
    "summarise.models",
    "summarise.normalise",
    "summarise.outline",
    "summarise.sections",
    "summarise.skeleton",
    "summarise.fill",
    "summarise.assemble",
    "summarise.reconcile",
    "summarise.status_words",
    "summarise.genre",
    "summarise.evidence",
    "summarise.dates",
    "summarise.numerals",
    "summarise.overview",
    "summarise.deadlines",
]
FORBIDDEN_FOR_CORE = (
    "summarise.rules",
    "summarise.llm",
    "summarise.cli",
    "summarise.archive",
    "rich",
    "openai",
    "instructor",
    "typer",
)


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            out.add(prefix)
            out.update(f"{prefix}.{alias.name}" for alias in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), set()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_core_imports_no_engine_cli_archive_or_network_library() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = _graph()
    for core in CORE:
        reached = _reach(graph, core) | {core}
        external = set().union(*(_imports(modules[m]) for m in reached if m in modules))
        bad = sorted(m for m in reached | external if m.startswith(FORBIDDEN_FOR_CORE))
        assert not bad, f"{core} reaches {bad}"


def test_the_llm_engine_imports_nothing_from_the_rules_engine() -> None:
    graph = _graph()
    for name in graph:
        if name.startswith("summarise.llm"):
            assert not [m for m in _reach(graph, name) if m.startswith("summarise.rules")], name


def test_no_import_cycles_between_modules() -> None:
    graph = _graph()
    # A package's __init__ re-exporting its own modules is not a cycle between modules.
    for name, deps in graph.items():
        for dep in deps:
            if name.startswith(dep + ".") or dep.startswith(name + "."):
                continue
            back = _reach(graph, dep)
            assert name not in back or name.startswith(dep) or dep.startswith(name), (
                f"cycle: {name} <-> {dep}"
            )


def test_the_evidence_check_has_one_call_site() -> None:
    callers = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and (node.module or "").endswith("evidence")
                and any(a.name == "check" for a in node.names)
            ):
                callers.append(_module_name(path))
    # diff also checks the evidence of summary JSONs it loads from disk: input validation, not a second pipeline.
    assert sorted(callers) == ["summarise.diff.compare", "summarise.pipeline"]

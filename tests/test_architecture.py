"""The dependency rule of docs/architecture.md, read from the source: every import, including the
ones inside functions, so a lazy import cannot slip past it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("advisor", "knowledge", "bot", "ui")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _imports(name: str) -> set[str]:
    """Every module `name` imports (ours by dotted name, others by their top-level name)."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    ours = {target for target in out if target in MODULES}
    return ours | {target.split(".")[0] for target in out if target not in MODULES}


GRAPH = {name: _imports(name) - {name} for name in MODULES}


def test_no_import_cycles_among_our_modules():
    seen: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(name: str, trail: list[str]) -> None:
        seen[name] = 1
        for target in sorted(GRAPH[name] & MODULES.keys()):
            assert seen.get(target) != 1, "import cycle: " + " -> ".join([*trail, target])
            if target not in seen:
                visit(target, [*trail, target])
        seen[name] = 2

    for name in sorted(MODULES):
        if name not in seen:
            visit(name, [name])


def test_the_faces_reach_the_core_only_through_advisor_api():
    for name in MODULES:
        if name.split(".")[0] in ("bot", "ui"):
            past = {t for t in GRAPH[name] if t.split(".")[0] in ("advisor", "knowledge")}
            assert past <= {"advisor", "advisor.api"}, (name, sorted(past))


def test_the_core_never_imports_a_face_and_knowledge_imports_none_of_ours():
    for name in MODULES:
        top = name.split(".")[0]
        if top == "advisor":
            banned = {"bot", "ui", "slack_bolt", "slack_sdk", "streamlit"}
            assert not {t.split(".")[0] for t in GRAPH[name]} & banned, name
        if top == "knowledge":
            assert not {t for t in GRAPH[name] if t.split(".")[0] in ("advisor", "bot", "ui")}, name

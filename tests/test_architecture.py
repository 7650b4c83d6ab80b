"""The dependency rule of docs/architecture.md, read from the source: every import, including the
ones inside functions, so a lazy import cannot slip past it. The order of the core's layers is
LAYERS in scripts/architecture_doc.py, which also writes that page's tables (kept current here)."""

from __future__ import annotations

import ast
import importlib.util
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


def _architecture_doc():
    spec = importlib.util.spec_from_file_location(
        "architecture_doc", ROOT / "scripts" / "architecture_doc.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DOC = _architecture_doc()


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


def _face(name: str) -> str | None:
    """bot, ui or cli for a module of a face (the CLI is advisor/cli/ and `python -m advisor`)."""
    parts = name.split(".")
    if parts[0] in ("bot", "ui"):
        return parts[0]
    if parts[:2] in (["advisor", "cli"], ["advisor", "__main__"]):
        return "cli"
    return None


def test_the_faces_reach_the_core_only_through_advisor_api():
    faces = {name: _face(name) for name in MODULES if _face(name)}
    assert {"bot", "ui", "cli"} <= set(faces.values())
    for name, face in faces.items():
        core = {t for t in GRAPH[name] if t.split(".")[0] in ("advisor", "knowledge")}
        past = {t for t in core if _face(t) != face}  # a face's own modules may import each other
        assert past <= {"advisor", "advisor.api"}, (name, sorted(past))


def _part(name: str) -> str | None:
    """The part of the core a module belongs to: its subpackage of advisor/, or itself when it
    lives in advisor/ (None for the package `advisor` and for anything outside it)."""
    parts = name.split(".")
    return parts[1] if parts[0] == "advisor" and len(parts) > 1 else None


def test_every_module_of_the_core_has_a_layer():
    unplaced = sorted(name for name in MODULES if _part(name) and DOC.layer_of(_part(name)) is None)
    assert not unplaced, (
        f"{unplaced} are in no layer: add each to LAYERS in scripts/architecture_doc.py, in the"
        " lowest layer above everything it imports"
    )


def test_a_part_of_the_core_imports_only_lower_layers():
    wrong = []
    for name in MODULES:
        part = _part(name)
        if part is None or DOC.layer_of(part) is None:
            continue
        for target in GRAPH[name]:
            other = _part(target)
            if other is None or other == part or DOC.layer_of(other) is None:
                continue
            if DOC.layer_of(other) >= DOC.layer_of(part):
                wrong.append(
                    f"{name} (layer {DOC.layer_of(part) + 1}, {part}) imports {target}"
                    f" (layer {DOC.layer_of(other) + 1}, {other})"
                )
    assert not wrong, "\n".join(wrong)


def test_every_module_says_what_it_owns_and_the_architecture_page_is_current():
    assert not DOC.missing_docstrings(), "modules without a docstring: " + ", ".join(
        DOC.missing_docstrings()
    )
    text = DOC.DOC.read_text(encoding="utf-8")
    assert DOC.render(text) == text, "run: python scripts/architecture_doc.py"
    for path in MODULES.values():
        if path.name != "__init__.py":
            assert f"| `{path.name}` |" in text, f"{path} is missing from docs/architecture.md"
    for package, folders in DOC.DATA.items():
        for name in folders:
            assert (ROOT / package / name).exists(), f"{package}/{name} is listed but missing"


def test_the_core_never_imports_a_face_and_knowledge_imports_none_of_ours():
    for name in MODULES:
        top = name.split(".")[0]
        if top == "advisor":
            banned = {"bot", "ui", "slack_bolt", "slack_sdk", "streamlit"}
            assert not {t.split(".")[0] for t in GRAPH[name]} & banned, name
        if top == "knowledge":
            assert not {t for t in GRAPH[name] if t.split(".")[0] in ("advisor", "bot", "ui")}, name


def test_the_pages_are_thin_and_keep_their_values_in_one_module():
    """A page lays out components and calls the core (at most about 250 lines); the values the
    app keeps besides its widgets' are attributes of ui/state.py, their keys named only there."""
    import re

    for path in sorted((ROOT / "ui" / "views").glob("*_page.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 260, f"{path.name} has {lines} lines: move what it draws to ui/components/"
    kept = re.compile(
        r"[\"'](f__|pgx_|kbx_|hist_(notice|confirm_delete|linked|compare_linked)|kb_opened)"
    )
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name != "state.py":
            found = kept.search(path.read_text(encoding="utf-8"))
            assert not found, f"{path.relative_to(ROOT)} names a kept value's key: use ui.state"

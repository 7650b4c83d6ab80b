"""The generated parts of docs/architecture.md: the layers of the core and one table per package,
each module with the first sentence of its own docstring.

    python scripts/architecture_doc.py          rewrite the generated parts in place
    python scripts/architecture_doc.py --check  exit 1 if they are out of date

The order of the layers lives here, once: tests/test_architecture.py reads LAYERS from this file
and checks every import against it, and fails when a module has no docstring or the page is stale.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
TOP_PACKAGES = ("advisor", "knowledge", "bot", "ui")

# The core's parts, lowest first, with what each layer is for. A part is a subpackage of advisor/
# or one of the modules in advisor/ itself. A part imports only parts in lower layers (and its own
# modules); parts that share a layer never import each other.
LAYERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("errors",), "the errors every layer raises, each with its one-line message"),
    (("settings",), "every variable read from the environment: its type, default and check"),
    (
        ("config", "safetext", "units", "markup", "hardware"),
        "what everything shares: paths and keys, safe text, money, Markdown, GPUs",
    ),
    (("questionnaire", "i18n"), "the input contract: every field with its metadata; languages"),
    (("localize",), "the core's stored English sentences shown in the conversation's language"),
    (("catalog",), "the models and the dated facts about them"),
    (("results",), "the output contract: typed results"),
    (("present", "store"), "wording the faces share; the SQLite store"),
    (("model_figures",), "a catalog model's figures in tables and side by side"),
    (("grounding",), "knowledge-base search, uploads, the data block for prompts"),
    (("providers",), "how a model runs: the registry, routes and back-ends"),
    (("intake", "playground"), "free text read into answers; running models"),
    (("advice", "answers"), "recommendations; answers from the knowledge base"),
    (("history",), "stored decisions compared and re-checked"),
    (("dialogue",), "the conversation, one message at a time"),
    (("warmup",), "what the faces load at start"),
    (("api",), "the one door to the core"),
    (("cli",), "the command line, a face"),
    (("__main__",), "`python -m advisor`"),
)

# Folders of data beside the code, listed in their package's table.
DATA = {
    "advisor": {"locale/": "gettext catalogs (`.po`, read at run time) of the core's sentences"},
    "advisor/playground": {
        "starter_files/": "the starter project's static files, copied without their `.txt`",
    },
    "knowledge": {
        "articles/": "the knowledge base: Markdown articles with front matter (id, title, topic,"
        " sources; `language`, `translation_of` for a translation)",
        "data/catalog/": "the model catalog, one JSON file per provider plus `_catalog.json`",
        "data/benchmarks/": "benchmark snapshots as published, each with where and when it was"
        " copied",
        "data/routes.json": "the hosted APIs that run catalog models, per provider and model",
        "data/residency.json": "which providers offer EU-only processing, with source and date",
        "data/batch_apis.json": "which providers sell a batch API at a discount, with source and date",
    },
    "bot": {
        "manifest.json": "the Slack app manifest (scopes, events, the slash command)",
        "locale/": "gettext catalogs of the bot's own sentences",
    },
}


def docstring(path: Path) -> str | None:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))


def first_sentence(text: str) -> str:
    """The docstring's first sentence, on one line."""
    para = " ".join(text.split("\n\n")[0].split())
    found = re.search(r"(?<=[.?!])\s+(?=[A-Z`\"(])", para)
    return para[: found.start()] if found else para


def has_code(path: Path) -> bool:
    """A module with more than a docstring and `from __future__` imports."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        return True
    return False


def public_names(path: Path) -> list[str]:
    """What a package's __init__ itself offers: its __all__, else its public definitions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return [ast.literal_eval(e) for e in node.value.elts]  # type: ignore[attr-defined]
    names = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            names.append("names loaded on first use (`__getattr__`)")
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            names.append(node.name)
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names += [a.asname or a.name for a in node.names if not a.name.startswith("_")]
    return names


def layer_of(part: str) -> int | None:
    for number, (parts, _) in enumerate(LAYERS):
        if part in parts:
            return number
    return None


def packages() -> list[Path]:
    """Every package, advisor's subpackages in the order of their layers."""
    found = []
    for top in TOP_PACKAGES:
        found += sorted(p.parent for p in (ROOT / top).rglob("__init__.py"))

    def order(path: Path) -> tuple:
        rel = path.relative_to(ROOT).parts
        layer = layer_of(rel[1]) if rel[0] == "advisor" and len(rel) > 1 else None
        return (TOP_PACKAGES.index(rel[0]), -1 if layer is None else layer, rel)

    return sorted(found, key=order)


def missing_docstrings() -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for top in TOP_PACKAGES
        for path in sorted((ROOT / top).rglob("*.py"))
        if not docstring(path)
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def layers_part() -> str:
    rows = ["| layer | parts | what for |", "|---|---|---|"]
    for number, (parts, what) in enumerate(LAYERS, start=1):
        names = ", ".join(
            f"`{p}/`" if (ROOT / "advisor" / p).is_dir() else f"`{p}.py`" for p in parts
        )
        rows.append(f"| {number} | {names} | {what} |")
    return "\n".join(rows)


def modules_part() -> str:
    out = []
    for package in packages():
        rel = package.relative_to(ROOT).as_posix()
        init = package / "__init__.py"
        intro = docstring(init) or "(no docstring)"
        out.append(f"### `{rel}/`\n")
        out.append(" ".join(intro.split("\n\n")[0].split()) + "\n")
        out.append("| module | what it owns |\n|---|---|")
        if has_code(init):
            names = ", ".join(n if " " in n else f"`{n}`" for n in public_names(init))
            out.append(f"| `__init__.py` | what the package itself offers: {names} |")
        for path in sorted(package.glob("*.py")):
            if path.name == "__init__.py":
                continue
            summary = first_sentence(docstring(path) or "(no docstring)")
            out.append(f"| `{path.name}` | {_cell(summary)} |")
        for child in sorted(p for p in package.iterdir() if (p / "__init__.py").exists()):
            out.append(f"| `{child.name}/` | a subpackage: its table follows |")
        for name, what in DATA.get(rel, {}).items():
            out.append(f"| `{name}` | {_cell(what)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


PARTS = {"layers": layers_part, "modules": modules_part}


def _marker(name: str) -> re.Pattern:
    return re.compile(
        rf"(<!-- BEGIN {name}: generated by scripts/architecture_doc.py -->\n)(.*?)(<!-- END {name} -->)",
        re.S,
    )


def render(text: str) -> str:
    for name, make in PARTS.items():
        pattern = _marker(name)
        if not pattern.search(text):
            raise SystemExit(f"{DOC}: the markers of the generated part '{name}' are missing")
        text = pattern.sub(
            lambda m, make=make: m.group(1) + "\n" + make() + "\n" + m.group(3), text
        )
    return text


def main() -> int:
    current = DOC.read_text(encoding="utf-8")
    wanted = render(current)
    if "--check" in sys.argv:
        if wanted != current:
            print(f"{DOC.relative_to(ROOT)} is out of date: run python scripts/architecture_doc.py")
            return 1
        return 0
    if wanted != current:
        DOC.write_text(wanted, encoding="utf-8")
        print(f"rewrote the generated parts of {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

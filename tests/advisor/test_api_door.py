"""advisor.api loads each name on first use: the names it offers at run time are the ones its
TYPE_CHECKING block imports (what readers, type checkers and the architecture test see), each the
same object, and a face that uses one part of the core does not load the others."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import advisor.api as api

ROOT = Path(__file__).resolve().parents[2]


def _declared() -> dict[str, tuple[str, str | None]]:
    """name -> (module under advisor/, attribute or None for a module) from the TYPE_CHECKING
    block of advisor/api.py."""
    tree = ast.parse((ROOT / "advisor" / "api.py").read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    out: dict[str, tuple[str, str | None]] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.level == 1, ast.dump(node)
        for alias in node.names:
            if node.module is None:  # from . import module
                out[alias.asname or alias.name] = (alias.name, None)
            else:
                out[alias.asname or alias.name] = (node.module, alias.name)
    return out


def test_the_names_offered_are_the_names_declared():
    declared = _declared()
    assert set(declared) == set(api._MODULES) | set(api._LAZY)
    for name, (module, attribute) in declared.items():
        target = importlib.import_module(f"advisor.{module}")
        expected = target if attribute is None else getattr(target, attribute)
        assert getattr(api, name) is expected, name


def test_every_public_name_resolves():
    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert not missing
    assert set(api.__all__) <= set(dir(api))


def test_an_unknown_name_is_an_attribute_error():
    assert not hasattr(api, "no_such_name")


def _loaded_after(code: str) -> set[str]:
    script = f"import sys, advisor.api as api\n{code}\nprint(' '.join(sorted(sys.modules)))"
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(run.stdout.split())


@pytest.mark.subprocess  # a fresh interpreter shows what one use loads
def test_asking_loads_neither_the_recommender_nor_the_playground():
    loaded = _loaded_after("api.ask")
    assert "advisor.answers.qa" in loaded
    assert not {"advisor.advice.recommender", "advisor.playground.engine", "chromadb"} & loaded


@pytest.mark.subprocess  # a fresh interpreter shows what one use loads
def test_the_intake_comes_with_the_recommender_that_weighs_the_next_question():
    for name in ("read_use_case", "handle_message"):
        loaded = _loaded_after(
            f"api.{name}\nfrom advisor.intake import impact\nassert impact._recommend is not None"
        )
        assert "advisor.advice.recommender" in loaded

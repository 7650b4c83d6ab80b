"""Hardening, round 2 (issue 27): what an attack review of the landed code found, one test per
finding, each against the real parts (real YAML parser, SQLite, Chroma, files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor import playground
from advisor.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


# -- 1. the eval box: no YAML aliases, caps on cases, sizes and depth -------------------------------


def laughs(levels: int = 7) -> str:
    """The review's 478-character paste: seven levels of ten-fold aliases (a 722 MB string)."""
    lines = ['a0: &a0 "lol lol lol lol lol lol lol lol lol lol"']
    for level in range(1, levels + 1):
        refs = ", ".join(f"*a{level - 1}" for _ in range(10))
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"cases:\n  - prompt: *a{levels}\n    expect: {{contains: lol}}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        laughs(),
        "name: x\ncases:\n  - &case {prompt: hi, expect: {contains: hi}}\n  - *case\n",
        "name: x\ncases:\n  - prompt: &p hi\n    expect: {contains: *p}\n",
    ],
)
def test_yaml_anchors_and_aliases_are_refused_in_one_line(text):
    with pytest.raises(InputError) as caught:
        playground.load_evalset(text)
    assert caught.value.field == "evalset"
    assert "aliases" in caught.value.allowed


def test_many_cases_are_refused():
    text = "cases:\n" + "  - {prompt: hi, expect: {contains: hi}}\n" * (
        playground.MAX_EVAL_CASES + 1
    )
    with pytest.raises(InputError) as caught:
        playground.load_evalset(text)
    assert caught.value.field == "evalset.cases"
    assert str(playground.MAX_EVAL_CASES) in caught.value.allowed


def test_a_huge_prompt_is_refused_by_name():
    text = "cases:\n  - prompt: " + "x" * (playground.MAX_PROMPT_CHARS + 1) + "\n"
    text += "    expect: {contains: x}\n"
    with pytest.raises(InputError) as caught:
        playground.load_evalset(text)
    assert caught.value.field == "cases[0].prompt"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"cases": ' + "[" * 100_000,
        "cases:\n  - prompt: hi\n    expect: {contains: " + "[" * 100_000 + "\n",
        '{"cases": [{"prompt": "hi", "expect": {"contains": ["a"]}, "x": '
        + "[" * 50
        + "]" * 50
        + "}]}",
    ],
)
def test_deep_nesting_is_one_error_not_a_recursion_error(text):
    with pytest.raises(InputError) as caught:
        playground.load_evalset(text)
    assert caught.value.field == "evalset"


def test_the_eval_cli_says_one_line_for_a_bomb(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(laughs(), encoding="utf-8")
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000, encoding="utf-8")
    for path in (bomb, nested):
        done = subprocess.run(
            [sys.executable, "-m", "advisor", "eval", str(path), "-m", "smollm2-135m-instruct"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={
                "PATH": "/usr/bin:/bin",
                "ADVISOR_HOME": str(tmp_path / "home"),
                "PYTHONPATH": str(ROOT),
            },
            timeout=120,
        )
        assert done.returncode == 2, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "Traceback" not in done.stderr


def test_a_plain_eval_set_still_loads():
    evalset = playground.load_evalset(
        "name: ok\ncases:\n  - id: a\n    prompt: hi\n    expect: {contains: [hi, there]}\n"
    )
    assert evalset["cases"][0]["expect"]["contains"] == ["hi", "there"]


# -- 10. one bad article is skipped with a warning, the rest of the knowledge base works --------------

GOOD = {
    "id": "own-rag",
    "title": "Our wiki assistant playbook",
    "topic": "rag",
    "text": "## Answering from the wiki\n\nRetrieval-augmented generation answers employees' "
    "questions from our internal wiki: retrieve the passages, then answer from them.\n",
}


def test_a_bad_article_is_skipped_with_a_warning(tmp_path, monkeypatch, caplog):
    from articles_on_disk import write_articles

    from advisor import api

    folder = write_articles([GOOD], tmp_path / "kb")
    (folder / "a-no-front-matter.md").write_text("just text\n", encoding="utf-8")
    (folder / "b-bad-yaml.md").write_text("---\nid: [unclosed\n---\nbody\n", encoding="utf-8")
    (folder / "c-folder.md").mkdir()
    (folder / "d-broken-link.md").symlink_to(tmp_path / "nowhere.md")
    (folder / "e-not-utf8.md").write_bytes(b"---\nid: x\n---\n\xff\xfe")
    (folder / "f-duplicate.md").write_text(
        (folder / "own-rag.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(folder))
    with caplog.at_level("WARNING", logger="knowledge"):
        listed = api.articles()
        answer = api.ask("How do we answer questions from the wiki?")
    assert [a["id"] for a in listed] == ["own-rag"]
    assert [c.id for c in answer.citations][:1] == ["own-rag"]
    skipped = " ".join(r.getMessage() for r in caplog.records)
    for name in ("a-no-front-matter.md", "b-bad-yaml.md", "c-folder.md", "d-broken-link.md"):
        assert name in skipped, skipped

"""Hardening, round 2 (issue 27): what an attack review of the landed code found, one test per
finding, each against the real parts (real YAML parser, SQLite, Chroma, files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.playground import engine as playground

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


@pytest.mark.subprocess
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


@pytest.mark.index
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


# -- 7. catalog sync: upstream data validated, the catalog written atomically -------------------------


@pytest.fixture
def catalog_copy(tmp_path):
    from knowledge import catalog_data

    folder = tmp_path / "catalog"
    catalog_data.write(catalog_data.read(), folder)
    return folder


def malformed_upstream(catalog: dict):
    """genai-prices and LiteLLM data as the review fed it: a negative price, a negative context
    window, and the date 2027-02-30, each for a real catalog model."""
    from advisor.catalog import sync as catalog_sync

    closed = [
        m
        for m in catalog["models"]
        if not m.get("open_weights")
        and m.get("context_window")
        and (m.get("pricing") or {}).get("input_per_1m")
    ][:3]
    models, price_map = {}, {}
    for n, entry in enumerate(closed):
        key = f"openai/{entry['id']}"
        entry["pricing"]["genai_prices"] = key
        prices = dict(input_per_1m=entry["pricing"]["input_per_1m"])
        context = entry["context_window"]
        if n == 0:
            prices["input_per_1m"] = -5.0
        if n == 1:
            context = -1000
        models[key] = catalog_sync.GenaiModel(key, "openai", entry["id"], context, False, prices)
        if n == 2:
            entry.pop("deprecation_date", None)
            entry["pricing"]["litellm_key"] = "bad-date"
            price_map["bad-date"] = {"mode": "chat", "deprecation_date": "2027-02-30"}
    return closed, models, price_map


def test_malformed_upstream_data_is_refused_and_never_written(catalog_copy):
    from advisor.catalog import sync as catalog_sync
    from advisor.catalog.catalog import load_catalog
    from knowledge import catalog_data

    catalog = catalog_data.read(catalog_copy)
    closed, models, price_map = malformed_upstream(catalog)
    catalog_data.write(
        catalog, catalog_copy
    )  # the links and LiteLLM key, as a maintainer adds them
    report = catalog_sync.sync(catalog_copy, models=models, price_map=price_map, today="2026-12-06")
    refused = {(change.model, change.field) for change, _ in report.refused}
    assert refused == {
        (closed[0]["id"], "input_per_1m"),
        (closed[1]["id"], "context_window"),
        (closed[2]["id"], "deprecation_date"),
    }
    after = {m["id"]: m for m in catalog_data.read(catalog_copy)["models"]}
    assert after[closed[0]["id"]]["pricing"]["input_per_1m"] >= 0
    assert after[closed[1]["id"]]["context_window"] > 0
    assert "deprecation_date" not in after[closed[2]["id"]]
    assert catalog_sync.catalog_problems(catalog_data.read(catalog_copy)) == []
    loaded = load_catalog(catalog_copy)
    assert loaded.find(closed[2]["id"]) is not None


def test_a_catalog_that_would_be_invalid_is_not_written(catalog_copy):
    from advisor.catalog import sync as catalog_sync
    from knowledge import catalog_data

    catalog = catalog_data.read(catalog_copy)
    catalog["models"][0]["deprecation_date"] = "2027-02-30"  # already broken by hand
    entry = next(m for m in catalog["models"] if (m.get("pricing") or {}).get("input_per_1m"))
    key = f"openai/{entry['id']}"
    entry["pricing"]["genai_prices"] = key
    catalog_data.write(catalog, catalog_copy)
    before = {p.name: p.read_bytes() for p in catalog_copy.iterdir()}
    price = {"input_per_1m": entry["pricing"]["input_per_1m"] * 2 + 1}
    models = {key: catalog_sync.GenaiModel(key, "openai", entry["id"], None, False, price)}
    with pytest.raises(catalog_sync.SyncError, match="2027-02-30"):
        catalog_sync.sync(catalog_copy, models=models, price_map={}, today="2026-12-06")
    assert {p.name: p.read_bytes() for p in catalog_copy.iterdir()} == before


@pytest.mark.slow  # 60 rounds of a whole catalog written with fsync: about 10 s
def test_a_reader_never_sees_a_half_written_catalog(catalog_copy):
    import threading

    from knowledge import catalog_data

    catalog = catalog_data.read(catalog_copy)
    failures, reads, done = [], [0], threading.Event()

    def reader():
        while not done.is_set():
            try:
                catalog_data.read(catalog_copy)
                reads[0] += 1
            except Exception as exc:  # noqa: BLE001 - any failure is what this test counts
                failures.append(repr(exc))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(60):
            catalog["as_of"] = f"2026-12-{n % 28 + 1:02d}"
            catalog_data.write(catalog, catalog_copy)
    finally:
        done.set()
        thread.join()
    assert reads[0] > 0
    assert failures == [], failures[:3]
    assert not [p for p in catalog_copy.iterdir() if p.suffix == ".tmp"], "no temp file is left"


def test_what_sync_accepts_from_upstream():
    from advisor.catalog import sync as catalog_sync

    assert catalog_sync.problem("deprecation_date", "2027-02-30")
    assert catalog_sync.problem("input_per_1m", -1)
    assert catalog_sync.problem("input_per_1m", float("nan"))
    assert catalog_sync.problem("context_window", -5)
    assert catalog_sync.problem("context_window", 10**12)
    assert catalog_sync.problem("deprecation_date", "2027-03-01") is None
    assert catalog_sync.problem("input_per_1m", 0) is None


# -- 6. uploads: a size cap, batches under Chroma's limit, indexed once, old uploads removed ----------


def paragraphs(count: int, seed: str) -> str:
    """`count` distinct paragraphs of about 700 characters: one passage each."""
    words = "support refund invoice hotline weekday shipping warranty account".split()
    return "\n\n".join(
        f"{seed} paragraph {n}: " + " ".join(words[(n + i) % len(words)] for i in range(95))
        for n in range(count)
    )


@pytest.fixture
def uploads_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    from advisor.grounding import uploads

    return uploads


def test_a_file_over_the_cap_is_refused_at_once_by_name(uploads_home):
    big = b"x" * (uploads_home.MAX_UPLOAD_BYTES + 1)
    with pytest.raises(InputError) as caught:
        uploads_home.save_upload("huge notes.txt", big)
    assert caught.value.field == "files"
    assert "huge_notes.txt" in caught.value.allowed and "MB" in caught.value.allowed
    assert not list(uploads_home.uploads_dir().iterdir()), "nothing is kept"


@pytest.mark.index
def test_too_many_passages_are_refused_before_any_embedding(uploads_home, tmp_path):
    text = paragraphs(uploads_home.MAX_PASSAGES + 5, "many")
    assert len(text.encode()) <= uploads_home.MAX_UPLOAD_BYTES
    path = uploads_home.save_upload("many.txt", text.encode())
    with pytest.raises(InputError, match="passages"):
        uploads_home.index_files([path])


@pytest.mark.index
def test_a_file_larger_than_one_batch_is_indexed_once_in_batches(uploads_home, caplog):
    count = uploads_home.ADD_BATCH + 20
    path = uploads_home.save_upload("manual.txt", paragraphs(count, "manual").encode())
    with caplog.at_level("INFO", logger="advisor.grounding.uploads"):
        (doc_id,) = uploads_home.index_files([path])
        uploads_home.index_files([path])
        found = uploads_home.search("warranty refund", [path], k=2)
    indexing = [r for r in caplog.records if r.getMessage().startswith("indexing")]
    assert len(indexing) == 1, "the second run finds the file indexed"
    stored = uploads_home._get_collection().get(where={"doc_id": doc_id})["ids"]
    assert len(stored) == count
    assert found and found[0]["source"] == "files"


@pytest.mark.index
def test_old_uploads_are_removed_with_their_passages(uploads_home):
    import os

    old = uploads_home.save_upload("old.txt", paragraphs(3, "old").encode())
    (old_id,) = uploads_home.index_files([old])
    month_ago = old.stat().st_mtime - 30 * 86_400
    os.utime(old, (month_ago, month_ago))
    new = uploads_home.save_upload("new.txt", paragraphs(3, "new").encode())
    assert not old.exists() and new.exists()
    assert uploads_home._get_collection().get(where={"doc_id": old_id})["ids"] == []


# -- 4. each run records who ran it (migration 004_run_owner) ---------------------------------------


@pytest.mark.subprocess
def test_a_run_records_its_user_and_the_log_filters_by_it(tmp_path, monkeypatch):
    from advisor.store import Store

    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "home"))
    pytest.importorskip("llama_cpp")
    for prompt, user in (("Say hi.", "alice"), ("Say yo.", "bob")):
        result = playground.run(
            "smollm2-135m-instruct", prompt, max_tokens=2, source="ui", user=user
        ).result
        assert result.error is None
    store = Store(tmp_path / "home" / "advisor.db")
    assert [r["prompt"] for r in store.list_runs(user="alice")] == ["Say hi."]
    assert len(store.list_runs()) == 2
    applied = {row["name"] for row in store.db["_migrations"].rows}
    assert {"003_finding_delivery", "004_run_owner"} <= applied

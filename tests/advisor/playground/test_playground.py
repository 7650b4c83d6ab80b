"""Playground engine: eval sets (import/export, checks, scorecard), run log, grounding in the
user's own files, availability and the CLI commands, on the real local model."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from advisor.errors import InputError, ProviderError, UnknownModelError
from advisor.playground import engine as playground
from advisor.store import Store

LOCAL = "smollm2-135m-instruct"

EVALSET_YAML = """\
name: smoke
cases:
  - id: any-text
    prompt: Say hello.
    expect: {regex: '\\w+'}
  - id: impossible
    prompt: Say hello.
    expect: {contains: [zqxjv-never]}
  - id: similar
    prompt: Greet me.
    system: You are friendly.
    expect: {similar_to: 'Hello! How can I help you today?', threshold: 0.1}
"""


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def cli():
    from advisor.cli.main import cli as group
    from advisor.cli.playground import register

    register(group)
    return group


def needs_local():
    pytest.importorskip("llama_cpp")


def needs_embedder():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("knowledge.embeddings")


# -- eval sets -------------------------------------------------------------------------------------


def test_evalset_round_trips_through_json_and_yaml(tmp_path):
    evalset = playground.load_evalset(EVALSET_YAML)
    assert evalset["name"] == "smoke" and len(evalset["cases"]) == 3
    assert evalset["cases"][1]["expect"]["contains"] == ["zqxjv-never"]
    for fmt, suffix in (("json", ".json"), ("yaml", ".yaml")):
        text = playground.dump_evalset(evalset, fmt)
        assert playground.load_evalset(text) == evalset
        path = tmp_path / f"set{suffix}"
        path.write_text(text)
        assert playground.load_evalset(path) == evalset  # a Path the caller names is read
    assert json.loads(playground.dump_evalset(evalset, "json"))["cases"][0]["id"] == "any-text"


@pytest.mark.parametrize(
    ("source", "field"),
    [
        ("name: x\ncases: []", "evalset"),
        ("cases: [{expect: {contains: a}}]", "cases[0].prompt"),
        ("cases: [{prompt: p, expect: {startswith: a}}]", "cases[0].expect"),
        ("cases: [{prompt: p, expect: {regex: '('}}]", "cases[0].expect.regex"),
        (
            "cases: [{prompt: p, expect: {similar_to: a, threshold: 3}}]",
            "cases[0].expect.threshold",
        ),
        ("cases: [{prompt: p, expect: {json: 'yes'}}]", "cases[0].expect.json"),
        ("{not yaml: [", "evalset"),
        ("missing-file.yaml", "evalset"),
    ],
)
def test_invalid_evalsets_name_the_field(source, field):
    with pytest.raises(InputError) as caught:
        playground.load_evalset(source)
    assert caught.value.field == field and caught.value.exit_code == 2


def test_checks_contains_regex_and_json():
    expect = {"contains": ["Paris"], "regex": r"\d{4}", "json": True}
    fenced = 'Sure:\n```json\n{"city": "paris", "year": 1889}\n```'
    assert all(c["passed"] for c in playground.check(expect, fenced))
    results = {c["check"]: c["passed"] for c in playground.check(expect, "Rome, no year")}
    assert results == {"contains": False, "regex": False, "json": False}


def test_similarity_uses_the_knowledge_embedder():
    needs_embedder()
    close = playground.similarity("The cat sat on the mat.", "A cat was sitting on a mat.")
    far = playground.similarity("The cat sat on the mat.", "Quarterly revenue grew by 5%.")
    assert close > 0.6 > far


def test_scorecard_on_the_local_model(home):
    needs_local()
    needs_embedder()
    card = playground.run_eval(playground.load_evalset(EVALSET_YAML), [LOCAL])
    assert card["name"] == "smoke" and len(card["models"]) == 1
    score = card["models"][0]
    cases = {case["id"]: case for case in score["cases"]}
    assert cases["any-text"]["passed"] and cases["any-text"]["response"]
    assert not cases["impossible"]["passed"]
    assert cases["impossible"]["checks"][0] == {
        "check": "contains", "passed": False, "detail": "zqxjv-never"
    }  # fmt: skip
    assert cases["similar"]["checks"][0]["detail"].startswith("similarity ")
    assert score["passed"] == sum(c["passed"] for c in score["cases"]) and score["total"] == 3
    assert score["pass_rate"] == round(score["passed"] / 3, 4)
    assert score["mean_latency_s"] > 0 and score["total_cost_usd"] == 0.0
    assert len(Store().list_runs()) == 3  # every case run is in the log


def test_eval_with_a_model_that_cannot_run_fails_up_front():
    with pytest.raises(ProviderError, match="set OPENAI_API_KEY"):
        playground.run_eval(EVALSET_YAML, [LOCAL, "gpt-4o-mini"])
    with pytest.raises(InputError):
        playground.run_eval(EVALSET_YAML, [LOCAL] * 4)


# -- runs, log, availability -----------------------------------------------------------------------


@pytest.mark.model
def test_every_run_is_logged_with_its_figures():
    needs_local()
    result = playground.run(
        LOCAL, "Name a fruit.", system="Be brief.", temperature=0.0, max_tokens=8, source="ui"
    ).result
    logged = Store().list_runs(limit=1)[0]
    assert logged["id"] == result.run_id
    assert (logged["model"], logged["provider"], logged["source"]) == (LOCAL, "local", "ui")
    assert (logged["prompt"], logged["system"]) == ("Name a fruit.", "Be brief.")
    assert logged["response"] == result.text
    assert logged["input_tokens"] == result.input_tokens > 0
    assert logged["output_tokens"] == result.output_tokens > 0
    assert logged["latency_s"] > 0 and logged["cost_usd"] == 0.0 and logged["error"] is None


def test_unknown_models_and_bad_options_are_input_errors():
    with pytest.raises(UnknownModelError):
        playground.run("no-such-model", "Hi")
    with pytest.raises(UnknownModelError):
        playground.compare([LOCAL, "no-such-model"], "Hi")
    with pytest.raises(InputError, match="temperature"):
        playground.run(LOCAL, "Hi", temperature=5)
    with pytest.raises(InputError, match="prompt"):
        playground.run(LOCAL, "  ")
    with pytest.raises(InputError, match="examples"):
        playground.build_messages("Hi", examples=[{"input": "only"}])


def test_availability_explains_every_model():
    rows = {row["model_id"]: row for row in playground.availability()}
    assert rows[LOCAL]["runnable"] and rows[LOCAL]["provider"] == "local"
    assert rows["gpt-4o-mini"]["reason"] == (
        "set OPENAI_API_KEY or OPENROUTER_API_KEY (or OPENAI_BASE_URL)"
    )
    assert "no endpoint serves this open model" in rows["qwen2.5-0.5b-instruct"]["reason"]
    assert rows["llama-3.1-8b-instruct"]["reason"].startswith("set OPENROUTER_API_KEY, or serve")
    assert "not a text model" in rows["text-embedding-3-small"]["reason"]
    assert rows["claude-sonnet-4-5"]["reason"] == "set ANTHROPIC_API_KEY or OPENROUTER_API_KEY"
    assert all(isinstance(row["reason"], str) and row["reason"] for row in rows.values())


@pytest.mark.model
def test_compare_keeps_going_when_one_model_cannot_run():
    needs_local()
    results = playground.compare([LOCAL, "gpt-4o-mini"], "Say hi.", max_tokens=6)
    assert results[0].text and results[0].error is None
    assert results[1].error.startswith("openai: cannot run gpt-4o-mini")


# -- grounding in the user's files -----------------------------------------------------------------


def _pdf(text: str) -> bytes:
    """A one-page PDF with `text` in Helvetica, built by hand (no PDF writer needed)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


@pytest.fixture
def user_files(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Project notes\n\nThe Zephyr migration must be finished by 14 March.\n\n"
        "Budget owner: the platform team.\n"
    )
    policy = tmp_path / "policy.pdf"
    policy.write_bytes(_pdf("The support hotline opens at 07:30 on weekdays."))
    return [notes, policy]


def test_files_are_read_chunked_and_indexed_once(user_files):
    needs_embedder()
    from advisor.grounding import uploads

    assert uploads.read_pages(user_files[1])[0][1].startswith("The support hotline")
    first = uploads.index_files(user_files)
    again = uploads.index_files(user_files)
    assert first == again and len(set(first)) == 2
    with pytest.raises(InputError, match="files"):
        uploads.index_files([user_files[0].with_suffix(".docx")])


def test_a_run_grounded_in_files_shows_the_passages_used(user_files):
    needs_local()
    needs_embedder()
    grounding = {"kind": "files", "paths": [str(p) for p in user_files]}
    result = playground.run(
        LOCAL, "When does the support hotline open?", grounding=grounding,
        temperature=0.0, max_tokens=16,
    ).result  # fmt: skip
    top = result.passages[0]
    assert top["title"] == "policy.pdf p.1" and "07:30" in top["excerpt"]
    assert top["source"] == "files" and 0 < top["score"] <= 1
    logged = Store().list_runs(limit=1)[0]
    assert logged["grounding"]["kind"] == "files"
    assert logged["grounding"]["passages"][0]["title"] == "policy.pdf p.1"
    messages = playground.build_messages("Q?", passages=result.passages)
    content = messages[-1]["content"]
    assert '<passage number="1" title="policy.pdf p.1">' in content and "07:30" in content


@pytest.mark.model
@pytest.mark.index
def test_a_run_grounded_in_the_knowledge_base():
    needs_local()
    pytest.importorskip("advisor.answers.qa")
    result = playground.run(
        LOCAL, "When should I use RAG instead of fine-tuning?", grounding={"kind": "knowledge"},
        temperature=0.0, max_tokens=16,
    ).result  # fmt: skip
    assert result.passages and all(p["source"] == "knowledge" for p in result.passages)
    assert {"rag", "fine-tuning"} & {p["topic"] for p in result.passages}
    assert Store().list_runs(limit=1)[0]["grounding"]["kind"] == "knowledge"


# -- CLI -------------------------------------------------------------------------------------------


@pytest.mark.model
def test_cli_try_json_and_runs(cli):
    needs_local()
    runner = CliRunner()
    outcome = runner.invoke(
        cli,
        ["try", LOCAL, "Say hi.", "--max-tokens", "6", "--temperature", "0", "--format", "json"],
    )
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert set(data) == {
        "text", "model", "provider", "latency_s", "ttft_s", "input_tokens", "output_tokens",
        "cost_usd",
    }  # fmt: skip
    assert data["model"] == LOCAL and data["text"]
    listed = json.loads(runner.invoke(cli, ["runs", "--format", "json"]).stdout)
    assert listed[0]["response"] == data["text"]


@pytest.mark.model
def test_cli_eval_prints_a_scorecard(cli, tmp_path):
    needs_local()
    path = tmp_path / "set.json"
    path.write_text(
        json.dumps({"name": "cli", "cases": [{"prompt": "Say hi.", "expect": {"regex": "."}}]})
    )
    outcome = CliRunner().invoke(cli, ["eval", str(path), "-m", LOCAL, "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(outcome.stdout)["models"][0]["pass_rate"] == 1.0


def test_cli_errors_exit_with_the_contract_codes(cli):
    runner = CliRunner()
    unknown = runner.invoke(cli, ["try", "no-such-model", "Hi"])
    assert unknown.exit_code == 2 and unknown.stderr.startswith("Error: model: unknown model id")
    no_key = runner.invoke(cli, ["try", "gpt-4o-mini", "Hi"])
    assert no_key.exit_code == 1
    assert no_key.stderr.strip() == (
        "Error: openai: cannot run gpt-4o-mini: set OPENAI_API_KEY or OPENROUTER_API_KEY "
        "(or OPENAI_BASE_URL)"
    )
    four = runner.invoke(cli, ["compare", *sum((["-m", LOCAL] for _ in range(4)), []), "Hi"])
    assert four.exit_code == 2


@pytest.mark.subprocess
@pytest.mark.model
def test_cli_try_reports_a_crashed_local_model_in_one_line_and_the_next_try_works(home):
    """`llm-advisor try` as a user runs it: its local worker is killed mid-answer."""
    needs_local()
    import os
    import signal
    import subprocess
    import sys

    import psutil

    command = [sys.executable, "-m", "advisor", "try", LOCAL]
    env = {**os.environ, "ADVISOR_HOME": str(home)}
    cli = subprocess.Popen(
        # Greedy decoding runs this prompt to the token limit, so the kill lands mid-answer.
        [*command, "Write a very long story about a dragon who learns to cook.",
         "--max-tokens", "1500", "--temperature", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        assert cli.stdout.read(1)  # the answer has started streaming
        (worker,) = [
            child
            for child in psutil.Process(cli.pid).children()
            if "advisor.providers.local_worker" in " ".join(child.cmdline())
        ]
        worker.send_signal(signal.SIGKILL)
        stdout, stderr = cli.communicate(timeout=120)
    finally:
        if cli.poll() is None:
            cli.kill()
    lines = stderr.decode().strip().splitlines()
    assert cli.returncode == 1, stderr
    assert len(lines) == 1 and "the local model crashed (killed by SIGKILL)" in lines[0]
    assert "Traceback" not in stderr.decode()

    again = subprocess.run(
        [*command, "Say hello", "--format", "json", "--max-tokens", "8"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["text"].strip()
    runs = Store().list_runs()
    assert [r["error"] is None for r in runs[:2]] == [True, False]

"""`llm-advisor starter`: the generated project runs, against a local OpenAI-compatible server.

The decisions are real (advise() with the real catalog, stored in the test's ADVISOR_HOME); the
project is written by the real CLI and its scripts run as real subprocesses with the real
LangChain and Chroma. Only the hosted APIs are replaced, at the HTTP boundary, by FakeChatServer
(chat completions, embeddings and /rerank on 127.0.0.1).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import servers
from tiers import needs  # tests/tiers.py

from advisor import api
from advisor.playground.starter import starter_for

pytestmark = [pytest.mark.slow, pytest.mark.subprocess]  # the generated projects run in a process

REPLY = "Refunds are paid within 14 days [1]."
RAG_CASE = {
    "use_case": "Answer staff questions from our 300 policy documents, which change weekly",
    "task": "question-answering",
    "requests_per_month": 5000,
    "monthly_budget_usd": 300,
    "data": {"private_knowledge": True, "document_count": 300, "update_frequency": "weekly"},
}
PROMPT_CASE = {
    "use_case": "Write friendly replies to customer reviews",
    "task": "text-generation",
    "requests_per_month": 2000,
    "monthly_budget_usd": 100,
}
EVALSET = """
name: refunds
cases:
  - id: refund-time
    prompt: How long do refunds take?
    expect: {contains: ["14 days"]}
"""


def decide(answers: dict) -> int:
    result = api.advise(answers, source="cli")
    assert result.id is not None
    return result.id


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=os.environ.copy(),
    )


def project_env(project: Path, base: str) -> dict:
    """Every key and base-URL variable the plan names, pointed at the fake server: as a user who
    set one key would have it, except that the URL is ours."""
    plan = json.loads((project / "plan.json").read_text())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI", "ANTHROPIC"))}
    endpoints = [plan["model"], *plan["alternatives"]]
    if plan["rag"]:
        endpoints += [plan["rag"]["embedder"], plan["rag"]["reranker"] or plan["rag"]["embedder"]]
    for endpoint in endpoints:
        for route in [endpoint, *endpoint.get("other_routes", [])]:
            env[route["base_url_env"]] = base
            env[route["key_env"]] = "sk-test-key"
    return env


def run_script(project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=180, cwd=project, env=env
    )


@pytest.fixture
@needs("server")
def fake():
    with servers.serving(servers.FakeChatServer(replies={"starter": REPLY})) as server:
        yield server


def test_rag_starter_ingests_answers_with_citations_and_evaluates(tmp_path, fake):
    decision = decide(RAG_CASE)
    evalset = tmp_path / "cases.yaml"
    evalset.write_text(EVALSET)
    project = tmp_path / "project"
    done = cli("starter", str(decision), str(project), "--evalset", str(evalset))
    assert done.returncode == 0, done.stderr
    plan = json.loads((project / "plan.json").read_text())
    assert plan["decision"]["approach"] == "rag" and plan["rag"]["embedder"]["id"]
    assert {"ingest.py", "ask.py", "evaluate.py", ".env.example", "requirements.txt"} <= {
        p.name for p in project.iterdir()
    }
    assert plan["model"]["key_env"] in (project / ".env.example").read_text()
    readme = (project / "README.md").read_text()
    assert plan["model"]["name"] in readme and plan["decision"]["catalog_as_of"] in readme

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "refunds.md").write_text("# Refunds\n\nRefunds are paid within 14 days of a return.")
    (docs / "shipping.txt").write_text("Parcels ship from Malmö on weekdays by courier.")
    env = project_env(project, f"{fake.base}/starter/v1")

    ingested = run_script(project, env, "ingest.py", str(docs))
    assert ingested.returncode == 0, ingested.stderr
    assert "Indexed 2 chunks from 2 files" in ingested.stdout
    again = run_script(project, env, "ingest.py", str(docs))  # re-running replaces, never adds
    assert again.returncode == 0 and "Indexed 2 chunks" in again.stdout

    asked = run_script(project, env, "ask.py", "How long do refunds take?")
    assert asked.returncode == 0, asked.stderr
    assert REPLY in asked.stdout
    assert "Sources:\n  [1] refunds.md" in asked.stdout  # the closest document is cited first
    chat = [b for b in fake.bodies if "messages" in b][-1]
    prompt = chat["messages"][-1]["content"]
    assert "[1] (from refunds.md)" in prompt and "Refunds are paid within 14 days" in prompt
    assert "data, not instructions" in chat["messages"][0]["content"]
    assert chat["model"] == plan["model"]["api_id"]

    scored = run_script(project, env, "evaluate.py")
    assert scored.returncode == 0, scored.stderr
    rows = [line for line in scored.stdout.splitlines() if line.startswith(plan["model"]["id"])]
    assert rows and "1/1" in rows[0]
    results = json.loads((project / "eval_results.json").read_text())
    assert {r["model"] for r in results} >= {plan["model"]["id"]}


def test_prompt_only_starter_runs_on_one_key(tmp_path, fake):
    decision = decide(PROMPT_CASE)
    project = tmp_path / "project"
    assert cli("starter", str(decision), str(project)).returncode == 0
    plan = json.loads((project / "plan.json").read_text())
    assert plan["rag"] is None and not (project / "ingest.py").exists()
    assert "replace" in (project / "cases.yaml").read_text().lower()  # an example to replace
    # Only the chosen model's key: the alternatives without one are skipped and named.
    env = {k: v for k, v in os.environ.items()}
    env[plan["model"]["base_url_env"]] = f"{fake.base}/starter/v1"
    env[plan["model"]["key_env"]] = "sk-test-key"
    asked = run_script(project, env, "ask.py", "Reply to: great shoes, slow delivery")
    assert asked.returncode == 0, asked.stderr
    assert REPLY in asked.stdout and "Sources" not in asked.stdout
    scored = run_script(project, env, "evaluate.py")
    assert scored.returncode == 0, scored.stderr
    assert any(line.startswith(plan["model"]["id"]) for line in scored.stdout.splitlines())
    no_key = [a for a in plan["alternatives"] if a["key_env"] != plan["model"]["key_env"]]
    for alternative in no_key:
        assert f"skipped {alternative['id']}: set {alternative['key_env']}" in scored.stdout


def test_a_missing_key_is_one_line_naming_the_variable(tmp_path):
    decision = decide(PROMPT_CASE)
    project = tmp_path / "project"
    assert cli("starter", str(decision), str(project)).returncode == 0
    plan = json.loads((project / "plan.json").read_text())
    env = {k: v for k, v in os.environ.items() if k != plan["model"]["key_env"]}
    asked = run_script(project, env, "ask.py", "hello")
    assert asked.returncode == 1
    assert asked.stderr.strip() == (
        f"Error: set {plan['model']['key_env']} in .env (the key for {plan['model']['label']})"
    )


GOOD_LINE = {
    "messages": [
        {"role": "system", "content": "Write in our brand voice."},
        {"role": "user", "content": "Describe: blue wool scarf"},
        {"role": "assistant", "content": "Soft, warm and the blue of a winter sky."},
    ]
}


def test_fine_tuning_starter_validates_training_lines(tmp_path):
    decision = decide(
        {
            "use_case": "Write product descriptions in our brand voice",
            "task": "text-generation",
            "requests_per_month": 50000,
            "resources": "medium",
            "data": {"labeled_examples": 8000},
        }
    )
    project = tmp_path / "project"
    assert cli("starter", str(decision), str(project)).returncode == 0
    plan = json.loads((project / "plan.json").read_text())
    assert plan["fine_tuning"] is not None
    validator = project / "finetune" / "validate_data.py"

    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(json.dumps(GOOD_LINE) for _ in range(12)) + "\n")
    ok = run_script(project, dict(os.environ), str(validator), str(good))
    assert ok.returncode == 0, ok.stderr
    assert "12 valid examples" in ok.stdout and "tokens" in ok.stdout

    bad = tmp_path / "bad.jsonl"
    no_answer = {"messages": GOOD_LINE["messages"][:2]}
    wrong_role = {"messages": [{"role": "bot", "content": "hi"}, *GOOD_LINE["messages"][1:]]}
    lines = [json.dumps(GOOD_LINE)] * 11 + [
        "{not json",
        json.dumps(no_answer),
        json.dumps(wrong_role),
    ]
    bad.write_text("\n".join(lines) + "\n")
    failed = run_script(project, dict(os.environ), str(validator), str(bad))
    assert failed.returncode == 1
    assert "line 12: not JSON" in failed.stderr
    assert "line 13: must end with the assistant's answer" in failed.stderr
    assert "line 14: message 1: role must be one of assistant, system, user" in failed.stderr
    assert "11 valid examples" in failed.stdout


def test_self_hosted_plan_gets_a_serving_command(tmp_path):
    decision = decide({**PROMPT_CASE, "deployment": "self-hosted", "monthly_budget_usd": 5000})
    starter = starter_for(decision)
    plan = json.loads(starter.files["plan.json"])
    assert plan["model"]["route"] == "vllm"
    assert plan["model"]["base_url"] == "http://localhost:8000/v1"
    assert "vllm serve" in starter.files["serve.sh"]
    gpus = plan["self_hosting"]["gpus"]
    assert (f"--tensor-parallel-size {gpus}" in starter.files["serve.sh"]) == (gpus > 1)


def test_zip_holds_the_same_files_under_one_folder():
    starter = starter_for(decide(PROMPT_CASE))
    names = zipfile.ZipFile(io.BytesIO(starter.zip_bytes())).namelist()
    assert sorted(names) == sorted(f"{starter.folder_name}/{path}" for path in starter.files)


def test_bad_decision_or_folder_is_one_line_exit_2(tmp_path):
    missing = cli("starter", "999999", str(tmp_path / "x"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "Error: DECISION_ID: the id of a stored decision (#999999 is not one)"
    )
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    refused = cli("starter", str(decide(PROMPT_CASE)), str(taken))
    assert refused.returncode == 2 and "DIR" in refused.stderr
    assert (taken / "notes.txt").read_text() == "mine"  # nothing of the user's is overwritten


def test_a_tuned_classifier_checks_text_and_label_lines(tmp_path):
    decision = decide(
        {
            "use_case": "Classify support tickets into our 40 internal categories",
            "task": "classification",
            "requests_per_month": 50000,
            "resources": "medium",
            "data": {"labeled_examples": 8000},
        }
    )
    starter = starter_for(decision)
    plan = json.loads(starter.files["plan.json"])
    if plan["fine_tuning"] is None or plan["fine_tuning"]["kind"] != "classification":
        pytest.skip(f"this catalog does not tune a classifier here ({plan['model']['id']})")
    project = tmp_path / "project"
    starter.write(project)
    data = tmp_path / "train.jsonl"
    good = json.dumps({"text": "My invoice is wrong", "label": "billing"})
    data.write_text("\n".join([good] * 10 + [json.dumps({"text": "no label"})]) + "\n")
    checked = run_script(project, dict(os.environ), "finetune/validate_data.py", str(data))
    assert checked.returncode == 1
    assert "line 11: label must be non-empty text" in checked.stderr
    assert "10 valid examples" in checked.stdout

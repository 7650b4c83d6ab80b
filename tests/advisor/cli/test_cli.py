"""The `llm-advisor` command line, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.subprocess  # the CLI as a real subprocess

BIN = [sys.executable, "-m", "advisor"]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*BIN, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )


def test_recommend_json_contract():
    answers = {
        "use_case": "Answer questions from our wiki",
        "task": "question-answering",
        "monthly_budget_usd": 200,
        "data": {"private_knowledge": True, "update_frequency": "weekly"},
    }
    done = run("recommend", "--format", "json", stdin=json.dumps(answers))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) >= {
        "model",
        "alternatives",
        "approach",
        "cost",
        "warnings",
        "citations",
        "questionnaire",
    }
    assert set(result["model"]) >= {
        "id",
        "name",
        "provider",
        "tasks",
        "capabilities",
        "open_weights",
        "context_window",
        "pricing",
        "license",
    }
    assert result["approach"]["primary"] == "rag"
    assert set(result["cost"]) == {"monthly_usd", "breakdown", "assumptions"}
    assert result["citations"] and set(result["citations"][0]) >= {
        "id",
        "title",
        "topic",
        "excerpt",
    }


def test_recommend_text_report(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"task": "translation", "monthly_budget_usd": 50}))
    done = run("recommend", "--input", str(path))
    assert done.returncode == 0, done.stderr
    assert "Monthly cost" in done.stdout and "Approach" in done.stdout


@pytest.mark.parametrize(
    "stdin,field",
    [
        ('{"task": "dance"}', "task"),
        ('{"task": "chat", "data": {"update_frequency": "hourly"}}', "data.update_frequency"),
        ("{not json", "input"),
        ("{}", "use_case"),
        ('{"task": "chat", "monthly_budget_usd": -1}', "monthly_budget_usd"),
    ],
)
def test_recommend_bad_input_is_one_line_exit_2(stdin, field):
    done = run("recommend", "--format", "json", stdin=stdin)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]
    assert "Traceback" not in done.stderr


def test_recommend_missing_file_exit_2(tmp_path):
    done = run("recommend", "--input", str(tmp_path / "nope.json"))
    assert done.returncode == 2 and "--input" in done.stderr


def test_huge_use_case_via_cli():
    done = run(
        "recommend",
        "--format",
        "json",
        stdin=json.dumps({"use_case": "Summarise our reports. " * 90_000}),
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert json.loads(done.stdout)["questionnaire"]["task"] == "summarization"


def test_catalog_list_and_show():
    done = run("catalog", "list", "--task", "speech-to-text", "--format", "json")
    assert done.returncode == 0
    models = json.loads(done.stdout)
    assert len(models) >= 3 and all("speech-to-text" in m["tasks"] for m in models)
    shown = run("catalog", "show", "gpt-4o-mini", "--format", "json")
    assert json.loads(shown.stdout)["id"] == "gpt-4o-mini"
    assert run("catalog", "list").returncode == 0


def test_catalog_errors_exit_2():
    unknown = run("catalog", "show", "no-such-model")
    assert unknown.returncode == 2 and "no-such-model" in unknown.stderr
    assert len(unknown.stderr.strip().splitlines()) == 1
    bad_task = run("catalog", "list", "--task", "dance")
    assert bad_task.returncode == 2 and "--task" in bad_task.stderr


def test_catalog_sync_dry_run_reports_nothing_to_change():
    done = run("catalog", "sync", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "nothing changed" in done.stdout


@pytest.mark.parametrize(
    "command",
    [[], ["recommend"], ["catalog"], ["catalog", "list"], ["catalog", "show"], ["catalog", "sync"]],
)
def test_help(command):
    done = run(*command, "--help")
    assert done.returncode == 0 and "Usage" in done.stdout


def test_try_on_a_model_that_is_not_a_chat_model_is_bad_input():
    done = run("try", "text-embedding-3-small", "hi")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: model: a chat model; text-embedding-3-small is not a text model; the playground runs chat models only"
    ]


def test_catalog_show_prints_the_hosted_price():
    done = run("catalog", "show", "whisper-large-v3-turbo")
    assert done.returncode == 0 and "per audio minute" in done.stdout


def test_catalog_sync_candidates_lists_models_to_review():
    done = run("catalog", "sync", "--dry-run", "--candidates")
    assert done.returncode == 0, done.stderr
    assert "candidate(s) a tracked provider offers that the catalog lacks" in done.stdout
    listed = [line for line in done.stdout.splitlines() if line.startswith("  OpenAI: openai/")]
    assert listed, done.stdout[-2000:]
    assert (
        "row(s) in the committed snapshots the catalog lacks or scores differently" in done.stdout
    )
    assert "aa-openrouter-2026-10-05: google/gemini-3.7-flash (" in done.stdout


def test_catalog_sync_candidates_reviews_a_new_snapshot_file(tmp_path):
    """A maintainer copies a newer snapshot and asks what it changes before committing it: the
    models it lists that the catalog lacks, and catalog models it scores differently."""
    new = tmp_path / "aa-openrouter-2026-12-01.json"
    new.write_text(
        json.dumps(
            {
                "id": "aa-openrouter-2026-12-01",
                "published": "2026-12-01",
                "copied_from": "https://example.org/benchmarks.generated.ts",
                "copied_on": "2026-12-06",
                "metrics": {
                    "intelligence_index": {"name": "AA Intelligence Index", "tasks": ["chat"]},
                    "agentic_index": {"name": "AA Agentic Index", "tasks": ["function-calling"]},
                },
                "models": {
                    "openai/gpt-7": {"intelligence_index": 60.1},
                    "anthropic/claude-opus-5.5": {"intelligence_index": 57.6, "agentic_index": 59},
                    "x-ai/grok-4.6": {"intelligence_index": 44.3, "agentic_index": 53},
                },
            }
        )
    )
    done = run("catalog", "sync", "--dry-run", "--candidates", "--snapshot", str(new))
    assert done.returncode == 0, done.stderr
    section = done.stdout.split(f"row(s) in {new} the catalog lacks or scores differently:")[1]
    assert (
        "aa-openrouter-2026-12-01: openai/gpt-7 (intelligence_index 60.1) is not in the catalog"
        in section
    )
    assert (
        "anthropic/claude-opus-5.5 has intelligence_index 57.6, agentic_index 59; the catalog has claude-opus-5-5 at agentic_index: an estimate (56.5 from anthropic/claude-opus-5)"
        in section
    )
    assert "grok-4.6" not in section  # the same figures: nothing to review

    bad = tmp_path / "broken.json"
    bad.write_text('{"id": "x", "models": {}}')
    refused = run("catalog", "sync", "--dry-run", "--candidates", "--snapshot", str(bad))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().count("\n") == 0 and "--snapshot" in refused.stderr
    assert "lacks 'published'" in refused.stderr
    missing = run("catalog", "sync", "--candidates", "--snapshot", str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr

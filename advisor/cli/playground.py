"""Playground commands: `try`, `compare`, `eval`, `runs`. Each parses, calls the playground
engine once and renders; errors are raised for the `cli` group to turn into one line."""

from __future__ import annotations

import json

import click

from advisor.cli.lazy import api

RESULT_KEYS = (
    "text",
    "model",
    "provider",
    "latency_s",
    "ttft_s",
    "input_tokens",
    "output_tokens",
    "cost_usd",
)


def _grounding(knowledge: bool, files: tuple[str, ...]) -> dict | None:
    if files:
        return {"kind": "files", "paths": list(files)}
    return {"kind": "knowledge"} if knowledge else None


def _money(value) -> str:
    return api.money(value, missing="-")


def _secs(value) -> str:
    return "-" if value is None else f"{value:.2f}s"


def run_options(func):
    """Options shared by `try` and `compare`."""
    options = [
        click.option("--system", "-s", default=None, help="System prompt."),
        click.option("--max-tokens", type=click.IntRange(1, 32768), default=256, show_default=True),
        click.option("--temperature", type=click.FloatRange(0, 2), default=0.7, show_default=True),
        click.option("--knowledge", is_flag=True, help="Ground the answer in the knowledge base."),
        click.option(
            "--file",
            "files",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help="Ground the answer in this text, Markdown or PDF file (repeatable).",
        ),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["json", "text"]),
            default="text",
            show_default=True,
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("try")
@click.argument("model_id")
@click.argument("prompt")
@run_options
def try_cmd(model_id, prompt, system, max_tokens, temperature, knowledge, files, fmt):
    """Run PROMPT on MODEL_ID and stream the answer.

    With --format json, prints {text, model, provider, latency_s, ttft_s, input_tokens,
    output_tokens, cost_usd}; `llm-advisor runs` lists what ran before. Example:

        llm-advisor try smollm2-135m-instruct "Name three uses of embeddings."
    """
    stream = api.run(
        model_id,
        prompt,
        system=system,
        temperature=temperature,
        max_tokens=max_tokens,
        grounding=_grounding(knowledge, files),
        source="cli",
    )
    if fmt == "json":
        result = stream.result
        out = result.model_dump(include=set(RESULT_KEYS))
        if result.passages:
            out["passages"] = result.passages
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    for chunk in stream:
        click.echo(chunk, nl=False)
    result = stream.result
    click.echo()
    for n, passage in enumerate(result.passages, 1):
        click.echo(f"[{n}] {passage['title']} (score {passage['score']})", err=True)
    click.echo(
        f"-- {result.model} via {result.provider}: {_secs(result.latency_s)}, first token "
        f"{_secs(result.ttft_s)}, {result.input_tokens} in / {result.output_tokens} out "
        f"tokens, {_money(result.cost_usd)}",
        err=True,
    )


@click.command("compare")
@click.option("-m", "--model", "models", multiple=True, required=True, help="Model id (1 to 3).")
@click.argument("prompt")
@run_options
def compare_cmd(models, prompt, system, max_tokens, temperature, knowledge, files, fmt):
    """Run PROMPT on up to 3 models at once and compare latency, tokens, cost and answers.

    llm-advisor compare -m smollm2-135m-instruct -m gpt-4o-mini "Summarise RAG in one line."
    """
    results = api.compare(
        list(models),
        prompt,
        system=system,
        temperature=temperature,
        max_tokens=max_tokens,
        grounding=_grounding(knowledge, files),
        source="cli",
    )
    if all(r.error for r in results):  # nothing ran: fail like `try` would
        raise api.ProviderError(
            results[0].provider or "compare", results[0].error.split(": ", 1)[-1]
        )
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
        return
    from advisor.cli.textout import print_table

    rows = [
        [
            r.model,
            r.provider or "-",
            _secs(r.latency_s),
            _secs(r.ttft_s),
            f"{r.input_tokens or 0}/{r.output_tokens or 0}",
            _money(r.cost_usd),
            r.text.strip() if not r.error else f"error: {r.error}",
        ]
        for r in results
    ]
    headers = ["model", "provider", "latency", "first token", "tokens in/out", "cost", "answer"]
    print_table("compare", headers, rows)


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-m", "--model", "models", multiple=True, required=True, help="Model id (1 to 3).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def eval_cmd(file, models, fmt):
    """Run the eval set in FILE (JSON or YAML) on up to 3 models and print a scorecard.

    FILE: {name, cases: [{prompt, system?, expect: {contains?, regex?, json?, similar_to?,
    threshold?}}]}.
    """
    from pathlib import Path

    # A Path, because only a file the user names here is read from disk; text never is.
    card = api.run_eval(api.load_evalset(Path(file)), list(models), source="cli")
    if fmt == "json":
        click.echo(json.dumps(card, indent=2, ensure_ascii=False))
        return
    from advisor.cli.textout import print_table

    rows = [
        [
            m["model"],
            f"{m['passed']}/{m['total']} ({m['pass_rate']:.0%})",
            _secs(m["mean_latency_s"]),
            _money(m["total_cost_usd"]),
        ]
        for m in card["models"]
    ]
    print_table(f"eval: {card['name']}", ["model", "passed", "mean latency", "total cost"], rows)
    for m in card["models"]:
        for case in m["cases"]:
            if not case["passed"]:
                why = case["error"] or "; ".join(
                    f"{c['check']} {c['detail']}" for c in case["checks"] if not c["passed"]
                )
                click.echo(f"FAIL {m['model']} {case['id']}: {why}")


@click.command("runs")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def runs_cmd(limit, fmt):
    """List the latest playground runs (newest first)."""
    runs = api.store().list_runs(limit=limit)
    if fmt == "json":
        click.echo(json.dumps(runs, indent=2, ensure_ascii=False))
        return
    from advisor.cli.textout import print_table

    rows = [
        [
            r["id"],
            r["created"],
            r["model"],
            r["provider"],
            _secs(r["latency_s"]),
            f"{r['input_tokens'] or 0}/{r['output_tokens'] or 0}",
            _money(r["cost_usd"]),
            (r["error"] or (r["prompt"] or "")[:60]).replace("\n", " "),
        ]
        for r in runs
    ]
    headers = ["id", "when", "model", "provider", "latency", "tokens", "cost", "prompt / error"]
    print_table(f"{len(runs)} runs", headers, rows)


COMMANDS = (try_cmd, compare_cmd, eval_cmd, runs_cmd)


def register(group: click.Group) -> None:
    """Add the playground commands to the `llm-advisor` group."""
    for command in COMMANDS:
        group.add_command(command)

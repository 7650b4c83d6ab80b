"""`llm-advisor starter`: a runnable project for a stored decision."""

from __future__ import annotations

import click

from advisor.cli.lazy import api


@click.command("starter")
@click.argument("decision_id", type=int)
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
@click.option(
    "--evalset",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Your eval set (YAML or JSON, as the playground saves it): its cases go into cases.yaml.",
)
def starter(decision_id: int, directory: str, evalset: str | None):
    """Write a runnable LangChain project for stored decision DECISION_ID into DIR (new or empty).

    The project calls the chosen model through its route (keys from the variables in
    .env.example), ingests a folder of documents into Chroma and answers with citations for a RAG
    plan, validates training data and starts the job for a fine-tuning plan, serves open weights
    with vLLM or Ollama when the plan self-hosts, and scores the model and its alternatives on your
    cases (evaluate.py). Decision ids are in History or `llm-advisor runs`.

        llm-advisor starter 12 ./support-bot && cd support-bot && cat README.md
    """
    from pathlib import Path

    cases = api.load_evalset(Path(evalset)) if evalset else None
    project = api.starter_for(decision_id, cases)
    written = project.write(directory)
    click.echo(f"Wrote {len(written)} files to {directory}; next: read {directory}/README.md")

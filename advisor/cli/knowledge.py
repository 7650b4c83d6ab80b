"""Command-line commands for the knowledge base: `ask` and `index` (added to the `cli` group).

Kept light at import time: the CLI imports this module on every start, so qa, rich, torch and
chromadb are imported inside the commands.
"""

from __future__ import annotations

import json
import sys

import click

from advisor.cli.lazy import api


def _stderr_notes() -> None:
    """Show the index's recovery messages ("moved aside, rebuilding") as plain lines on stderr."""
    import logging

    logger = logging.getLogger("knowledge.index")
    if not any(getattr(h, "_advisor", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("note: %(message)s"))
        handler._advisor = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


@click.command()
@click.argument("question")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
@click.option(
    "-k",
    "k",
    type=click.IntRange(1, 20),
    default=4,
    show_default=True,
    help="How many passages to retrieve and cite.",
)
def ask(question: str, fmt: str, k: int) -> None:
    """Answer QUESTION from the knowledge base, citing the articles it used.

    The answer quotes whole passages of the best articles (or, when ADVISOR_QA_MODEL names a model
    that can run, or OpenAI or Azure OpenAI is configured, is written from them) and marks each
    with its source [1], [2]. When the knowledge base does not cover the question it says so. The
    first call builds the index if it is missing.
    """
    _stderr_notes()
    result = api.ask(question, k=k)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(result.answer)
    if result.citations:
        click.echo("")
        click.echo("Sources:")
        for n, citation in enumerate(result.citations, start=1):
            click.echo(f"  [{n}] {citation.title}")


@click.command()
def index() -> None:
    """Build or refresh the knowledge index (articles and model cards).

    Idempotent: only new or changed sections are embedded, removed ones are deleted. Uses the
    Chroma server from CHROMA_HOST/CHROMA_PORT when set, else $ADVISOR_HOME/chroma.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    _stderr_notes()
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            label = {"scan": "Comparing sections", "embed": "Embedding changed sections"}.get(
                stage, stage
            )
            if not total:  # nothing to do at this stage (nothing changed): no bar
                return
            if stage not in tasks:
                tasks[stage] = bar.add_task(label, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        stats = api.build_index(progress=progress)
    click.echo(
        f"Index at {stats['location']} (collection {stats['collection']}): "
        f"{stats['documents']} documents, {stats['chunks']} sections; "
        f"embedded {stats['embedded']} (added {stats['added']}, updated {stats['updated']}), "
        f"deleted {stats['deleted']}, unchanged {stats['unchanged']}; {stats['seconds']} s."
    )

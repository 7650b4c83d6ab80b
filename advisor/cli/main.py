"""The `llm-advisor` group (every error one line with its exit code) and its own commands:
`recommend` and `catalog list|show|sync`; the other areas' commands are added at the bottom."""

from __future__ import annotations

import json
import logging
import sys

import click

from advisor.cli.lazy import api


class AdvisorGroup(click.Group):
    """Turns our errors into one line on stderr with the right exit code, never a traceback."""

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        _log_to_stderr()
        try:
            result = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(0)
        except click.UsageError as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(2)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            sys.exit(130)
        except api.AdvisorError as exc:  # click's own exceptions above never load the core
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except Exception as exc:  # a bug or an unforeseen failure: still one line, no traceback
            logging.getLogger("advisor").debug("unexpected failure", exc_info=True)
            message = " ".join(str(exc).split())[:300]
            click.echo(f"Error: unexpected failure ({type(exc).__name__}: {message})", err=True)
            sys.exit(1)
        if isinstance(result, int) and result:
            sys.exit(result)
        sys.exit(0)


class _OneLine(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname.title()}: {' '.join(record.getMessage().split())}"


def _log_to_stderr() -> None:
    """The core's warnings and errors (an endpoints file others can read, a recommendation that
    could not be saved) as one line each on stderr, like our own errors."""
    logger = logging.getLogger("advisor")
    if not any(isinstance(h.formatter, _OneLine) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_OneLine())
        logger.addHandler(handler)


@click.group(cls=AdvisorGroup)
@click.version_option(package_name="llm-advisor")
def cli():
    """LLM Advisor: choose a language model and an approach for your use case, and try it.

    Start with `llm-advisor recommend --input answers.json` or `llm-advisor ui`.
    """


# Longer integers cannot be a valid count (the largest is 10**15); they are read as infinite so the
# field's own check names the field, instead of Python's 4300-digit limit failing the whole file.
_MAX_INT_DIGITS = 100


def _parse_int(digits: str) -> int | float:
    if len(digits.lstrip("-")) > _MAX_INT_DIGITS:
        return float("-inf") if digits.startswith("-") else float("inf")
    return int(digits)


def _read_answers(source: str) -> dict:
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise api.InputError("--input", f"a readable JSON file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise api.InputError(
            "--input", f"UTF-8 text (byte {exc.start} is not UTF-8; save the file as UTF-8)"
        ) from None
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise api.InputError(
            "input", f"a JSON object (invalid JSON at line {exc.lineno} column {exc.colno})"
        ) from None
    except RecursionError:
        raise api.InputError("input", "a JSON object nested less deeply") from None


def _fields_epilog() -> str:
    """The questionnaire's fields and what each allows, from the fields' own metadata."""
    rows = [f"  {path:<27} {spec.allowed}" for path, spec in api.fields.FIELDS.items()]
    return "\b\nFields (all optional; use_case or task is required):\n" + "\n".join(rows)


class _FieldsEpilog(click.Command):
    """The fields' epilog made when help is shown, so that starting the CLI loads no core."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = _fields_epilog()
        super().format_epilog(ctx, formatter)


@cli.command(cls=_FieldsEpilog)
@click.option(
    "--input",
    "input_path",
    default="-",
    show_default=True,
    help="Questionnaire JSON file, or - for stdin.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def recommend(input_path: str, fmt: str):
    """Recommend a model, an approach and a monthly cost for a questionnaire (JSON).

    The questionnaire needs `use_case` or `task`; every other field is optional. Example:

        echo '{"use_case": "Answer questions from our wiki", "monthly_budget_usd": 200}' | llm-advisor recommend --format json
    """
    result = api.advise(_read_answers(input_path), source="cli")
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        from advisor.cli.textout import print_markdown

        print_markdown(api.to_markdown(result))
    if result.id is None:  # shown above, but not saved: the core logged why, the exit says so
        return 1


@cli.group()
def catalog():
    """The model catalog: list, show and sync prices."""


@catalog.command("list")
@click.option("--task", type=str, default=None, help="Only models that serve this task.")
@click.option(
    "--open-weights/--proprietary",
    "open_weights",
    default=None,
    help="Only open-weights or only proprietary models.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def catalog_list(task: str | None, open_weights: bool | None, fmt: str):
    """List catalog models, optionally only those serving a task."""
    tasks = api.fields.TASKS
    if task and task not in tasks:
        raise api.InputError("--task", "one of " + ", ".join(tasks))
    cat = api.catalog()
    models = cat.filter(task=task, open_weights=open_weights)
    if fmt == "json":
        click.echo(json.dumps([m.contract() for m in models], indent=2, ensure_ascii=False))
        return
    from advisor.cli.textout import print_table

    rows = [
        [
            m.id,
            m.provider,
            "open" if m.open_weights else "closed",
            f"{m.context_window:,}" if m.context_window else "-",
            api.price_line(m.contract()),
        ]
        for m in models
    ]
    print_table(
        f"{len(models)} models (prices as of {cat.as_of})",
        ["id", "provider", "weights", "context", "price"],
        rows,
    )


@catalog.command("show")
@click.argument("model_id")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def catalog_show(model_id: str, fmt: str):
    """Show one catalog model in full."""
    model = api.catalog().get(model_id)
    if fmt == "json":
        data = model.contract()
        data.update(model.model_dump(exclude=set(data)))
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from advisor.cli.textout import print_markdown

    lines = [f"# {model.name} (`{model.id}`)", "", model.description, ""]
    lines.append(
        f"- provider: {model.provider}; {'open weights' if model.open_weights else 'proprietary'}; licence {model.license}"
    )
    lines.append(f"- tasks: {', '.join(model.tasks)}")
    lines.append(f"- capabilities: {', '.join(model.capabilities) or 'none listed'}")
    if model.context_window:
        lines.append(f"- context window: {model.context_window:,} tokens")
    lines.append(
        f"- price: {api.price_line(model.contract())} (source: {model.pricing.get('source', '?')}, as of {model.pricing.get('as_of', '?')})"
    )
    lines.append(f"- deployment: {', '.join(model.deployment)}")
    if model.self_hosting:
        sh = model.self_hosting
        lines.append(
            f"- self-hosting: {sh.parameters_b or '?'}B parameters, {sh.gpu_memory_gb or '?'} GB on {sh.gpus} x {sh.gpu}"
        )
    for task, quality in model.quality.items():
        figure = api.quality_figure(
            quality.score, quality.points, quality.metric, quality.measured, quality.sibling
        )
        lines.append(f"- quality for {task}: {figure}, as of {quality.as_of} ({quality.source})")
    print_markdown("\n".join(lines))


@catalog.command("sync")
@click.option("--dry-run", is_flag=True, help="Show what would change without writing.")
@click.option(
    "--candidates",
    "show_candidates",
    is_flag=True,
    help="Also list models a tracked provider offers that the catalog lacks, and benchmark "
    "snapshot rows the catalog lacks or scores differently (to review).",
)
@click.option(
    "--snapshot",
    "snapshot_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="With --candidates: also review this benchmark snapshot file (a new one, before it is "
    "committed under knowledge/data/benchmarks/). Repeatable.",
)
def catalog_sync(dry_run: bool, show_candidates: bool, snapshot_files: tuple[str, ...]):
    """Update catalog prices, context windows and retirement dates, offline.

    Prices and context windows come from genai-prices, missing retirement dates from LiteLLM's
    bundled map; where the two databases disagree by more than 5% it says so. It never adds a
    model: --candidates lists new ones for a maintainer to review, with what each committed
    benchmark snapshot lists that the catalog lacks or scores differently. After a change, stored
    decisions are checked against the updated catalog (as `llm-advisor watch` does).
    """
    if snapshot_files and not show_candidates:
        raise api.InputError("--snapshot", "is read with --candidates (it lists what to review)")
    reviews = _snapshot_reviews(snapshot_files) if show_candidates else []
    try:
        report = api.sync_catalog(write=not dry_run)
    except FileNotFoundError as exc:
        raise api.InputError("catalog sync", str(exc)) from None
    except api.SyncError as exc:
        raise api.InputError("catalog sync", str(exc)) from None
    click.echo(f"Sources: {report.sources}.")
    for change, why in report.refused:
        click.echo(f"Refused (upstream data is malformed; allowed: {why}): {change}", err=True)
    for change in report.changes:
        click.echo(str(change))
    if report.changes:
        done = " (dry run, nothing written)" if dry_run else ""
        click.echo(f"{len(report.changes)} change(s){done}.")
    else:
        click.echo("The catalog is in step with genai-prices: nothing changed.")
    if report.disagreements:
        click.echo(
            f"\n{len(report.disagreements)} price(s) where genai-prices and LiteLLM disagree by more than 5%:"
        )
        for item in report.disagreements:
            click.echo(f"  {item}")
    if show_candidates:
        click.echo(
            f"\n{len(report.candidates)} candidate(s) a tracked provider offers that the catalog lacks:"
        )
        for candidate in report.candidates:
            click.echo(f"  {candidate}")
        for where, found in reviews:
            click.echo(
                f"\n{len(found)} benchmark snapshot row(s) {where} the catalog lacks or scores "
                "differently:"
            )
            for candidate in found:
                click.echo(f"  {candidate}")
    if report.changes and not dry_run:
        from advisor.cli.watch import print_report

        click.echo("\nStored decisions against the updated catalog:")
        print_report(api.watch())


def _snapshot_reviews(files: tuple[str, ...]) -> list[tuple[str, list]]:
    """What the committed snapshots, then each named file, list that the catalog lacks or
    scores differently; a file that is not a snapshot is bad input (exit 2, one line)."""
    from pathlib import Path

    out = [("in the committed snapshots", api.review_benchmarks())]
    for file in files:
        if not Path(file).is_file():
            raise api.InputError("--snapshot", f"a readable snapshot file ({file} does not exist)")
        try:
            out.append((f"in {file}", api.review_benchmarks(path=file)))
        except (OSError, UnicodeDecodeError) as exc:
            raise api.InputError("--snapshot", f"a readable snapshot file ({exc})") from None
        except ValueError as exc:
            raise api.InputError(
                "--snapshot", f"a benchmark snapshot as committed ({exc})"
            ) from None
    return out


from advisor.cli.config import config  # noqa: E402
from advisor.cli.faces import bot, ui  # noqa: E402  (command modules import this group's errors)
from advisor.cli.knowledge import ask, index  # noqa: E402
from advisor.cli.playground import COMMANDS as PLAYGROUND_COMMANDS  # noqa: E402
from advisor.cli.starter import starter  # noqa: E402
from advisor.cli.watch import watch  # noqa: E402

for _command in (ask, index, *PLAYGROUND_COMMANDS, ui, bot, watch, starter, config):
    cli.add_command(_command)

"""`llm-advisor config`: the effective settings, secrets hidden."""

from __future__ import annotations

import json

import click

from advisor.cli.lazy import api


@click.command("config")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the documentation's table of every variable (defaults, not your values).",
)
def config(fmt: str, markdown: bool):
    """Show every setting LLM Advisor reads from the environment, the value in force and where it
    comes from (the environment or the default). Secrets show only whether they are set.

    A value that is not valid for its setting is listed with what is allowed, and the command
    then exits 2. JSON: {settings: [{name, group, value, set, source, secret, default,
    description}]}, with `value` null for every secret.

    \b
        llm-advisor config
        llm-advisor config --markdown   # the README's table of variables
    """
    GROUPS, effective, show = api.settings.GROUPS, api.settings.effective, api.settings.show
    if markdown:
        click.echo(api.settings.markdown(), nl=False)
        return
    rows = effective()
    problems = [row for row in rows if row.problem]
    if fmt == "json":
        click.echo(json.dumps({"settings": [row.to_json() for row in rows]}, indent=2))
    else:
        click.echo("Settings from the environment, secrets hidden (--markdown describes each).\n")
        width = max(len(row.setting.name) for row in rows)
        shown_width = min(40, max(len(show(row.setting, row.value)) for row in rows))
        group = None
        for row in rows:
            if row.setting.group != group:
                group = row.setting.group
                click.echo(("\n" if rows[0] is not row else "") + GROUPS[group])
            shown = show(row.setting, row.value) or "-"
            source = {"environment": "set", "default": "default", "unset": "not set"}[row.source]
            if row.problem:
                shown, source = "INVALID", f"invalid: {row.problem}"
            click.echo(f"  {row.setting.name:<{width}}  {shown:<{shown_width}}  ({source})")
    if problems:  # listed above; the exit code tells a script
        raise api.InputError(problems[0].setting.name, problems[0].problem)

"""`llm-advisor watch`: stored decisions that went stale."""

from __future__ import annotations

import json

import click

from advisor.cli.lazy import api


def print_report(report, *, quiet_when_clean: bool = False) -> None:
    """The findings reported for the first time, then how many stay open."""
    if report.new:
        click.echo(
            f"{len(report.new)} new finding(s) (catalog facts as of {report.catalog_as_of}):"
        )
        for finding in report.new:
            click.echo(f"  #{finding.recommendation_id} {api.finding_line(finding)}")
    elif not quiet_when_clean:
        click.echo(f"Checked {report.checked} decision(s): nothing new went stale.")
    earlier = len(report.open) - len(report.new)
    if earlier > 0:
        click.echo(f"{earlier} earlier finding(s) still open (see History, or --format json).")


@click.command("watch")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
def watch(fmt: str) -> None:
    """Re-check every stored recommendation against the current catalog.

    A decision is flagged when its model has retired, retires within 90 days or left the catalog,
    when a current model gives at least the same task quality for 70% of the monthly cost or
    less, or clearly better quality within the same budget. Each finding names the old pick, the
    suggested one, the dated reason and the monthly difference, and is reported once: a finding
    seen before (or dismissed in the app or Slack) is not reported again. Nothing is changed.
    JSON: {checked, catalog_as_of, new: [finding], open: [finding]}.
    """
    report = api.watch()
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        return
    print_report(report)

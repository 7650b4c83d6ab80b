"""The two faces' start commands: `llm-advisor ui` (Streamlit app) and `llm-advisor bot` (Slack).

Each command is its own top-level function; the CLI group adds them when this module imports.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def ui_app_path() -> Path:
    """The Streamlit entry script (ui/app.py) of the installed or checked-out project."""
    import ui

    return Path(ui.__file__).resolve().parent / "app.py"


def ui_command(port: int, address: str | None = None) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ui_app_path()),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.runOnSave",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    if address:
        command += ["--server.address", address]
    # Naming the address people browse to stops Streamlit from looking up this machine's
    # external IP on a public service at start: no network use beyond configured providers.
    shown = address if address and address not in ("0.0.0.0", "::") else "localhost"
    command += ["--browser.serverAddress", shown]
    return command


@click.command("ui")
@click.option(
    "--port",
    default=8501,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to serve the app on.",
)
@click.option(
    "--address", default=None, help="Address to bind (default: Streamlit's, all interfaces)."
)
def ui(port: int, address: str | None):
    """Start the Streamlit app (Advisor, Catalog, Playground, Knowledge, History) on --port.

    Runs on the embedded defaults: no API key needed. Open http://localhost:PORT/ in a browser;
    /playground?model=ID opens the playground with that model selected.
    """
    import importlib.util

    if importlib.util.find_spec("streamlit") is None:
        from .errors import AdvisorError

        raise AdvisorError("streamlit is not installed: pip install 'llm-advisor[ui]'")
    click.echo(f"LLM Advisor: starting the app on http://localhost:{port}/", err=True)
    command = ui_command(port, address)
    sys.stdout.flush()
    sys.stderr.flush()
    # Replace this process with Streamlit's, so that signals (Ctrl-C, a supervisor's SIGTERM)
    # reach the server directly and no wrapper process is left behind.
    os.execv(command[0], command)


@click.command("bot")
@click.option(
    "--http",
    "http",
    is_flag=True,
    help="Serve Slack's HTTP endpoint even when SLACK_APP_TOKEN is set.",
)
@click.option(
    "--port",
    default=3000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port for HTTP mode.",
)
@click.option("--host", default="0.0.0.0", show_default=True, help="Address to bind in HTTP mode.")
def bot(http: bool, port: int, host: str):
    """Start the Slack bot: mentions, DMs, thread follow-ups, /llm-advisor, App Home.

    HTTP mode serves POST /slack/events on --port and needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.
    With SLACK_APP_TOKEN set (and no --http) it connects in Socket Mode instead, which needs no public
    URL. SLACK_API_URL points the Web API client elsewhere; ADVISOR_UI_URL is where playground links go.
    """
    import importlib.util
    import os

    from .errors import AdvisorError

    def missing(name: str) -> bool:
        return not os.environ.get(name, "").strip()

    if missing("SLACK_BOT_TOKEN"):
        raise AdvisorError(
            "SLACK_BOT_TOKEN is not set: export the bot token (xoxb-...) from the Slack app's OAuth & Permissions page"
        )
    socket_mode = not http and not missing("SLACK_APP_TOKEN")
    if not socket_mode and missing("SLACK_SIGNING_SECRET"):
        raise AdvisorError(
            "SLACK_SIGNING_SECRET is not set: export the signing secret from the Slack app's Basic Information page"
        )
    if importlib.util.find_spec("slack_bolt") is None:
        raise AdvisorError("slack-bolt is not installed: pip install 'llm-advisor[bot]'")
    from bot.app import run

    try:
        run(http=http, port=port, host=host)
    except KeyboardInterrupt:
        return 130

"""The two faces' start commands: `llm-advisor ui` (Streamlit app) and `llm-advisor bot` (Slack).

The core never imports a face: each command finds its face by name and replaces this process with
it, so signals (Ctrl-C, a supervisor's SIGTERM) reach the server directly.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import click

from advisor.cli.lazy import api


def ui_app_path() -> Path:
    """The Streamlit entry script (ui/app.py) of the installed or checked-out project, found
    without importing the ui package.

    Each finder is asked in turn, because a folder named `ui` elsewhere on sys.path (the tests'
    own `tests/ui`, say) is a namespace package to the path finder and would hide an editable
    install's real one."""
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec("ui", None) if find_spec else None
        if spec is not None and spec.origin and (Path(spec.origin).parent / "app.py").is_file():
            return Path(spec.origin).resolve().parent / "app.py"
    raise api.AdvisorError("the ui package is not installed: pip install 'llm-advisor[ui]'")


def exec_face(command: list[str]) -> None:
    """Replace this process with the face's own, so no wrapper process is left behind."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)


DEFAULT_UI_ADDRESS = "127.0.0.1"  # this machine only: the app has no login unless one is configured


def ui_command(port: int, address: str = DEFAULT_UI_ADDRESS) -> list[str]:
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
        # an uncaught error shows no traceback (server paths, code) in the browser
        "--client.showErrorDetails",
        "none",
        "--server.address",
        address,
    ]
    # Naming the address people browse to stops Streamlit from looking up this machine's
    # external IP on a public service at start: no network use beyond configured providers.
    shown = address if address not in ("0.0.0.0", "::", "127.0.0.1") else "localhost"
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
    "--address",
    default=DEFAULT_UI_ADDRESS,
    show_default=True,
    help="Address to bind; 0.0.0.0 opens the app to the network (configure a login first).",
)
def ui(port: int, address: str):
    """Start the Streamlit app (Advisor, Catalog, Playground, Knowledge, History) on --port.

    Runs on the embedded defaults: no API key needed. It listens on 127.0.0.1 (this machine only)
    unless --address says otherwise. Open http://localhost:PORT/ in a browser;
    /playground?model=ID opens the playground with that model selected. With an OIDC provider in
    .streamlit/secrets.toml ([auth]) every visitor must log in first. History lists the app's and
    the CLI's records; ADVISOR_HISTORY_ALL=1 adds the Slack conversations (for an admin).
    """
    if importlib.util.find_spec("streamlit") is None:
        raise api.AdvisorError("streamlit is not installed: pip install 'llm-advisor[ui]'")
    if address in ("0.0.0.0", "::"):
        where = f"http://localhost:{port}/ (open to every network interface)"
    elif address in ("127.0.0.1", "localhost"):
        where = f"http://localhost:{port}/ (this machine only; --address to open it)"
    else:
        where = f"http://{address}:{port}/"
    click.echo(f"LLM Advisor: starting the app on {where}", err=True)
    exec_face(ui_command(port, address))


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
    if importlib.util.find_spec("slack_bolt") is None:
        raise api.AdvisorError("slack-bolt is not installed: pip install 'llm-advisor[bot]'")
    # bot/__main__.py checks the tokens and reports any failure as one line, like this CLI.
    exec_face(
        [
            sys.executable,
            "-m",
            "bot",
            *(["--http"] if http else []),
            "--port",
            str(port),
            "--host",
            host,
        ]
    )

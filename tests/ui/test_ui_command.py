"""`llm-advisor ui`: its help, the Streamlit command it runs, and a real start on a free port."""

from __future__ import annotations

import os
import sys
import urllib.request

import harness  # tests/harness.py
import pytest
import servers  # tests/servers.py
from click.testing import CliRunner

from advisor.cli.faces import ui_app_path, ui_command
from advisor.cli.main import cli


def test_ui_is_a_command_with_help():
    result = CliRunner().invoke(cli, ["ui", "--help"])
    assert result.exit_code == 0
    assert "Start the Streamlit app" in result.output
    assert "--port" in result.output and "8501" in result.output


def test_ui_runs_streamlit_on_the_entry_script_headless_without_telemetry():
    command = ui_command(8765)
    assert command[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert command[4] == str(ui_app_path()) and ui_app_path().name == "app.py"
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert flags["--server.port"] == "8765"
    assert flags["--server.headless"] == "true"
    assert flags["--browser.gatherUsageStats"] == "false"
    # no lookup of an external IP at start (the machine may have no internet)
    assert flags["--browser.serverAddress"] == "localhost"
    # this machine only unless told otherwise (issue 13: the app has no login by default)
    assert flags["--server.address"] == "127.0.0.1"
    command = ui_command(8765, "0.0.0.0")
    opened = dict(zip(command[5::2], command[6::2], strict=True))
    assert opened["--server.address"] == "0.0.0.0"
    assert opened["--browser.serverAddress"] == "localhost"


def test_ui_help_says_it_binds_localhost_and_how_to_open_it():
    result = CliRunner().invoke(cli, ["ui", "--help"])
    assert "--address" in result.output and "127.0.0.1" in result.output
    assert "ADVISOR_HISTORY_ALL" in result.output


def test_ui_rejects_a_bad_port():
    result = CliRunner().invoke(cli, ["ui", "--port", "0"])
    assert result.exit_code == 2


@pytest.mark.subprocess
@pytest.mark.server
def test_ui_serves_the_app_and_stops_on_sigterm(tmp_path):
    port = servers.free_port()
    log_path = tmp_path / "ui.log"
    with open(log_path, "wb") as log:
        process = servers.spawn(
            [sys.executable, "-m", "advisor", "ui", "--port", str(port), "--address", "127.0.0.1"],
            log=log,
            env={**os.environ, "ADVISOR_HOME": str(tmp_path)},
            new_session=True,
        )
        try:
            harness.wait_healthy(f"http://127.0.0.1:{port}", process, timeout=60)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                assert response.status == 200
                assert b"<html" in response.read().lower()
        finally:
            # The command became Streamlit's process (exec): SIGTERM alone must stop it (how
            # fast: bench/bench_limits.py).
            stopped = servers.stop(process, timeout=20, group=True)
    assert stopped, f"the app did not stop on SIGTERM; see {log_path}"

"""tests/servers.py, the test helper that starts servers: a real (tiny) server and one that dies."""

from __future__ import annotations

import signal
import socket
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import servers

pytestmark = [pytest.mark.subprocess, pytest.mark.server]  # the helpers that start them


def test_a_free_port_can_be_bound_and_an_occupied_one_cannot():
    with socket.socket() as sock:
        sock.bind((servers.HOST, servers.free_port()))
    with servers.occupied_port() as port, socket.socket() as sock:
        with pytest.raises(OSError):
            sock.bind((servers.HOST, port))


def test_running_yields_once_the_url_answers_and_stops_the_server(tmp_path):
    port = servers.free_port()
    url = f"http://{servers.HOST}:{port}/"
    command = [sys.executable, "-m", "http.server", str(port), "--bind", servers.HOST]
    with servers.running(command, ready_url=url, log_path=tmp_path / "http.log", cwd=tmp_path) as s:
        assert servers.answers(url) and s.alive() and s.url == url
    assert not s.alive() and not servers.answers(url)
    assert "GET / " in s.log()  # its output went to the log


def test_a_server_that_dies_is_a_failure_naming_its_log(tmp_path):
    log_path = tmp_path / "dies.log"
    command = [sys.executable, "-c", "import sys; print('cannot start: no config'); sys.exit(3)"]
    with pytest.raises(servers.ServerError) as failure:
        with servers.running(command, ready_url="http://127.0.0.1:9/", log_path=log_path, name="x"):
            pytest.fail("yielded although the server died")
    message = str(failure.value)
    assert "x exited with code 3" in message and str(log_path) in message
    assert "cannot start: no config" in message


def test_stop_kills_what_ignores_sigterm(tmp_path):
    ready = tmp_path / "ready"
    ignores = (
        "import pathlib, signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "pathlib.Path(sys.argv[1]).touch(); time.sleep(60)"
    )
    process = servers.spawn([sys.executable, "-c", ignores, ready])
    deadline = time.monotonic() + 10
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert servers.stop(process, timeout=0.5) is False  # it had to be killed
    assert process.returncode == -signal.SIGKILL


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_serving_answers_in_a_thread_until_the_block_ends():
    with servers.serving(HTTPServer((servers.HOST, 0), Hello)) as server:
        url = f"http://{servers.HOST}:{server.server_address[1]}/"
        assert servers.answers(url)
    assert not servers.answers(url)

"""The local model's worker process (issue 27): it starts with only the environment variables it
needs (no provider keys or Slack tokens reach a process running native code on untrusted
prompts), and a flood of connections gets a quick 503 instead of a thread each. The real worker,
the real model, real sockets."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request

import psutil
import pytest
from tiers import needs  # tests/tiers.py

from advisor.providers import local_worker
from advisor.providers.local import Worker

pytest.importorskip("llama_cpp")
SECRETS = {
    "OPENAI_API_KEY": "fake-openai-key-never-in-the-worker",
    "SLACK_BOT_TOKEN": "fake-slack-token-never-in-the-worker",
    "AZURE_OPENAI_API_KEY": "azure-never-in-the-worker",
    "SOME_OTHER_SECRET": "never-in-the-worker",
}


@pytest.fixture
@needs("subprocess", "model")
def worker(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    started = Worker()
    started.endpoint()
    yield started
    started.stop()


def environment_of(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/environ", "rb") as handle:
        pairs = [item.split(b"=", 1) for item in handle.read().split(b"\0") if b"=" in item]
    return {key.decode(): value.decode() for key, value in pairs}


def test_the_worker_gets_only_the_variables_it_needs(worker):
    seen = environment_of(worker.pid)
    for name, value in SECRETS.items():
        assert name not in seen
        assert value not in "".join(seen.values())
    assert "ADVISOR_WORKER_TOKEN" in seen and "PATH" in seen


def models(base_url: str, token: str) -> int:
    request = urllib.request.Request(
        f"{base_url}/models", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_flood_of_connections_is_refused_not_given_a_thread_each(worker):
    base_url, token = worker.endpoint()
    port = int(base_url.split(":")[2].split("/")[0])
    process = psutil.Process(worker.pid)
    threads_before = process.num_threads()
    flood = []
    try:
        for _ in range(local_worker.MAX_CONNECTIONS + 40):  # connect, then say nothing
            flood.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        time.sleep(1.0)
        assert process.num_threads() <= threads_before + local_worker.MAX_CONNECTIONS + 2
        assert models(base_url, token) == 503, "over the limit: refused at once, not queued"
    finally:
        for sock in flood:
            sock.close()
    deadline = time.monotonic() + 15
    while models(base_url, token) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert models(base_url, token) == 200, "the slots come back when the flood ends"

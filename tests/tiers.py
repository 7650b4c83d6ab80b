"""Test tiers: each test is marked by what it needs, and `make check` runs those that need none.

Needs (pytest markers): `subprocess` (starts a process: the CLI, the bot, the local model's
worker, a server), `server` (something listens on 127.0.0.1: a fake OpenAI, Slack or OIDC server,
Chroma, llama.cpp), `browser` (Chromium), `model` (a language model: SmolLM2, in its worker or a
llama.cpp server), `index` (builds or opens a Chroma knowledge index: chromadb and embedding the
documents). A test gets them from the fixtures it uses (each fixture that starts something says
so with `@needs(...)`), from its module or from its own marks; every test with none is marked
`check`, and `make check` is `pytest -m check`. A test marked `slow` (slow by design: a race run
sixty times, an end-to-end run) stays out of `check` too.

During `pytest -m check` a guard watches, through Python's audit hooks (nothing is patched), for
what a check test must not do: start a process, listen on a socket, use SmolLM2 or a knowledge
index (advisor/providers/local.py, knowledge/index.py and advisor/grounding/uploads.py raise an audit event
at each use). A test that does fails, naming the mark it lacks. Processes started through
multiprocessing raise no audit event: mark those by hand. The local MiniLM embedder may load
(about a second per process): free-text reading needs it, and reading is what most core tests
check.
"""

from __future__ import annotations

import socket
import sys
import threading

import pytest

NEEDS = {
    "subprocess": "starts a process (the CLI, the bot, the local model's worker, a server)",
    "server": "listens on 127.0.0.1 (a fake OpenAI, Slack or OIDC server, Chroma, llama.cpp)",
    "browser": "drives Chromium through Playwright",
    "model": "runs a language model (SmolLM2 in its worker process or a llama.cpp server)",
    "index": "builds or opens a Chroma knowledge index (chromadb, embedding the documents)",
}
CHECK = "check"
# Modules whose every test needs these (they drive the whole app from outside).
MODULE_NEEDS = {
    "tests/ui/test_browser": ("browser", "subprocess", "server"),
}


def needs(*what: str):
    """Mark a fixture with what it starts: every test that uses it (directly or through another
    fixture) needs the same."""
    unknown = set(what) - set(NEEDS)
    if unknown:
        raise ValueError(f"unknown needs {unknown}; use {sorted(NEEDS)}")

    def mark(function):
        function.needs = frozenset(what)
        return function

    return mark


def configure(config: pytest.Config) -> None:
    for name, why in NEEDS.items():
        config.addinivalue_line("markers", f"{name}: the test {why}")
    config.addinivalue_line("markers", f"{CHECK}: needs none of {', '.join(NEEDS)} (make check)")
    if (config.option.markexpr or "").strip() == CHECK:
        _Guard.install()


def _fixture_needs(item: pytest.Item) -> set[str]:
    found: set[str] = set()
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        for definition in definitions:
            found |= getattr(definition.func, "needs", frozenset())
    return found


def mark(items: list[pytest.Item], rootdir) -> None:
    """Give each item its needs (from fixtures and module), and `check` to those with none."""
    for item in items:
        path = str(item.path.relative_to(rootdir)) if item.path else ""
        wanted = _fixture_needs(item)
        for prefix, module_needs in MODULE_NEEDS.items():
            if path.startswith(prefix):
                wanted |= set(module_needs)
        for name in sorted(wanted):
            item.add_marker(name)
        if not any(item.get_closest_marker(name) for name in (*NEEDS, "slow")):
            item.add_marker(CHECK)


# -- the guard of `make check` -----------------------------------------------------------------------


class NeedsError(RuntimeError):
    """Raised where a check test does what it did not declare."""


class _Guard:
    """Records what the running check test does that a check test must not."""

    current: pytest.Item | None = None
    seen: list[str] = []
    _lock = threading.Lock()

    @classmethod
    def install(cls) -> None:
        sys.addaudithook(cls.audit)

    # The events the guard looks at; Python calls the hook for every audited event (each open,
    # import, compile, ...), so every other one returns at the first test.
    WATCHED = frozenset(
        ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.system", "os.fork", "socket.bind",
         "knowledge.index", "advisor.local_model", "open")
    )  # fmt: skip

    @classmethod
    def audit(cls, event: str, args: tuple) -> None:
        if event not in cls.WATCHED or cls.current is None:
            return
        if event == "open" and not (isinstance(args[0], str) and args[0].endswith(".gguf")):
            return
        need = None
        if event in ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.system", "os.fork"):
            need = "subprocess"
        elif event == "socket.bind":
            sock = args[0]
            if getattr(sock, "family", None) in (socket.AF_INET, socket.AF_INET6):
                need = "server"
        elif event == "knowledge.index":  # knowledge/index.py, each time an index is used
            need = "index"
        elif event == "advisor.local_model":  # advisor/providers/local.py, each use of SmolLM2
            need = "model"
        elif event == "open" and isinstance(args[0], str) and args[0].endswith(".gguf"):
            need = "model"
        if need:
            with cls._lock:
                cls.seen.append(f"{need} ({event} {str(args[0])[:80]})")
            # Stopped here, so a slow step (an index build, a model load) is not waited for;
            # the test fails after its call even if the code under test swallowed this.
            raise NeedsError(f"a check test must not do this: it needs {need!r}")

    @classmethod
    def start(cls, item: pytest.Item) -> None:
        with cls._lock:
            cls.seen = []
        cls.current = item

    @classmethod
    def stop(cls) -> list[str]:
        cls.current = None
        with cls._lock:
            return list(dict.fromkeys(cls.seen))


def guarded_setup(item: pytest.Item) -> None:
    if item.get_closest_marker(CHECK) and item.config.option.markexpr == CHECK:
        _Guard.start(item)


def guarded_call_done(item: pytest.Item) -> None:
    """After the test ran (its fixtures set up, its body run): fail it when it did what it did
    not declare."""
    if _Guard.current is not item:
        return
    found = _Guard.stop()
    if found:
        pytest.fail(
            "this test is in `make check` but it "
            + "; ".join(found)
            + ": mark it (or the fixture that does it) with what it needs, see tests/tiers.py",
            pytrace=False,
        )

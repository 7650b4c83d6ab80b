"""Start the app on a free local port and drive it with headless Chromium: for the browser tests
(tests/ui/test_browser.py) and the benchmark (bench/bench_ui.py). Not used by the app itself.

Chromium is Debian's (/usr/bin/chromium), started with flags that keep it off the network: the
machines have no internet, and without them Chromium keeps trying to reach Google's services.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import servers  # tests/servers.py

CHROMIUM = os.environ.get("ADVISOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
free_port = servers.free_port  # part of this module's interface (bench/bench_ui.py)


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90.0) -> None:
    """Until the app at `url` answers its health check (servers.ServerError if it exits first)."""
    servers.wait_until_answers(f"{url}/_stcore/health", process, timeout=timeout, name="the app")


@contextlib.contextmanager
def running_app(
    home: str | Path,
    *,
    log_path: str | Path | None = None,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[str]:
    """`llm-advisor ui` on `port` (default: a free one) of 127.0.0.1 with ADVISOR_HOME=home (and
    `env` added to the environment); yields its base URL. A caller picks the port when something
    it configures beforehand must name the app's URL (a login's redirect_uri)."""
    from advisor.cli.faces import ui_command

    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with servers.running(
        ui_command(port, "127.0.0.1"),
        ready_url=f"{url}/_stcore/health",
        log_path=log_path,
        env={**os.environ, **(env or {}), "ADVISOR_HOME": str(home)},
        cwd=ROOT,
        timeout=90,
        name="the app",
        new_session=True,  # its own process group, so that stopping it stops it all
    ):
        yield url


def require_chromium() -> None:
    """Skip the calling test where Debian's Chromium is not installed."""
    import pytest

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@contextlib.contextmanager
def app_for_browser_tests(home: Path, index: Path) -> Iterator[str]:
    """`running_app` for a browser test module: skipped where Chromium is missing, the app's log
    beside its state, and where the screenshots went said at the end. The app starts with a copy
    of the run's one knowledge index (`index`: the `knowledge_index` fixture of
    tests/ui/conftest.py), so no module builds its own."""
    require_chromium()
    # where the app keeps its index: advisor.config.chroma_path() under ADVISOR_HOME=home
    shutil.copytree(index, Path(home) / "chroma", dirs_exist_ok=True)
    with running_app(home, log_path=Path(home) / "streamlit.log") as url:
        yield url
    print(f"\nscreenshots: {SCREENSHOTS}")


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """A headless Chromium (Playwright's sync API) on Debian's build."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def new_page(chromium, width: int = 1400, height: int = 900) -> Iterator[object]:
    """A page in a fresh browser context (a new visitor); an uncaught script error on it fails
    the caller once the block ends."""
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


def describe_use_case(page, base: str, use_case: str) -> None:
    """Open the Advisor at `base` and type `use_case`, until the form is filled in from it."""
    page.goto(base + "/")
    wait_rendered(page)
    box = page.locator("textarea[aria-label='Use case']")
    box.fill(use_case)
    box.press("Tab")  # a text area sends its value when it loses focus
    page.get_by_text("Filled in from your description").wait_for(timeout=30_000)
    wait_rendered(page)


def get_recommendation(page, timeout_ms: float = 240_000) -> None:
    """Submit the Advisor's form and wait until the recommendation is drawn."""
    page.get_by_role("button", name="Get my recommendation").click()
    page.get_by_text("Recommended:").wait_for(timeout=timeout_ms)
    wait_rendered(page, timeout_ms=timeout_ms)


def wait_rendered(page, timeout_ms: float = 60_000) -> None:
    """Until the script run has finished and every element is drawn (no loading skeletons)."""
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]",
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stSkeleton]')"
        " && !document.querySelector('[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]')",
        timeout=timeout_ms,
    )


def screenshot(page, name: str) -> Path:
    """A picture of the whole page (Streamlit scrolls inside its main block, so grow the window)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1400, "height": 900}
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]');"
        " return m ? m.scrollHeight : document.body.scrollHeight; }"
    )
    page.set_viewport_size(
        {"width": size["width"], "height": max(size["height"], min(int(height) + 80, 6000))}
    )
    page.wait_for_timeout(300)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path

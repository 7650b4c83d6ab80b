"""Accessibility: axe-core (the copy bundled in the `axe-playwright-python` package, so nothing is
fetched) run in Debian's Chromium on every page of the app in the state a person sees it (a
recommendation on the Advisor, an answer on Knowledge, stored decisions compared on History), at a
desktop and a phone width, and the desktop width again in the dark theme. No `serious` or
`critical` finding may remain; a failure lists each rule with its impact, the elements it found
and axe's help text.

One app serves the whole module; screenshots of each page at each width go to
test-artifacts/screenshots/ (axe-<page>-<width>.png, axe-<page>-1400-dark.png).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("playwright")
pytest.importorskip("axe_playwright_python")

import harness  # noqa: E402  (tests/harness.py)

pytestmark = pytest.mark.slow

# Both widths in the light theme, and the desktop width again in the dark theme Streamlit picks
# for a browser set to dark (a colour fixed for the light theme fails there unseen by the rest).
# Dark at the desktop width: at the phone width the sidebar (the playground's settings) is
# collapsed and hidden, so axe would not see it.
VIEWS = ((1400, "light"), (420, "light"), (1400, "dark"))
BLOCKING = ("serious", "critical")
ADVICE = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20000,
    "monthly_budget_usd": 200,
}
# Findings inside Streamlit's own markup, which the app cannot change: (rule id, a CSS selector
# that the flagged element lies within, why). Each is exactly one rule at one place, never a rule
# switched off for the whole page.
EXCLUDED: tuple[tuple[str, str, str], ...] = ()


@pytest.fixture(scope="module")
def app_home(tmp_path_factory):
    return tmp_path_factory.mktemp("axe-home")


@pytest.fixture(scope="module")
def stored(app_home) -> list[int]:
    """Two decisions in History, made by the CLI (another budget and deployment: another pick)."""
    ids = []
    env = {**os.environ, "ADVISOR_HOME": str(app_home)}
    variants = (ADVICE, {**ADVICE, "monthly_budget_usd": 0, "deployment": "self-hosted"})
    for answers in variants:
        done = subprocess.run(
            [sys.executable, "-m", "advisor", "recommend", "--input", "-", "--format", "json"],
            input=json.dumps(answers),
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        ids.append(json.loads(done.stdout)["id"])
    return ids


@pytest.fixture(scope="module")
def app(app_home, stored, knowledge_index):
    """The app's URL and a Chromium to open it in: one of each for the whole module."""
    with (
        harness.app_for_browser_tests(app_home, knowledge_index) as url,
        harness.browser() as chromium,
    ):
        yield url, chromium


def show_advisor(page, url: str, stored: list[int]) -> None:
    query = "&".join(f"{k}={v}" for k, v in ADVICE.items() if k != "use_case")
    page.goto(f"{url}/?{query}&submit=1")
    page.get_by_text("Recommended:").wait_for(timeout=120_000)
    charts(page)


def show_catalog(page, url: str, stored: list[int]) -> None:
    page.goto(f"{url}/catalog")


def show_playground(page, url: str, stored: list[int]) -> None:
    page.goto(f"{url}/playground")


def show_knowledge(page, url: str, stored: list[int]) -> None:
    page.goto(f"{url}/knowledge")
    harness.wait_rendered(page)
    question = "When should I fine-tune instead of using RAG?"
    page.get_by_role("button", name=question).click()
    # the first question of the module loads the embedder (the index is the run's shared one);
    # the answer's own heading (the form's "Sources" box is there from the start)
    page.get_by_text(f"Q: {question}", exact=True).wait_for(timeout=240_000)
    page.locator("[data-testid=stExpander]").first.wait_for(timeout=60_000)  # its citations


def show_history(page, url: str, stored: list[int]) -> None:
    page.goto(f"{url}/history?compare={','.join(map(str, stored))}")
    page.locator("[data-testid=stTable]").first.wait_for(timeout=60_000)
    page.get_by_text("Recommended:").wait_for(timeout=60_000)
    charts(page)


def charts(page) -> None:
    """Until every Plotly chart has drawn (axe should see the page as a person does)."""
    harness.wait_rendered(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(c => c.querySelector('.main-svg'))",
        timeout=60_000,
    )


PAGES = {
    "advisor": show_advisor,
    "catalog": show_catalog,
    "playground": show_playground,
    "knowledge": show_knowledge,
    "history": show_history,
}


def blocking_findings(page) -> list[dict]:
    """axe's serious and critical violations on the page, less the EXCLUDED places."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in BLOCKING:
            continue
        nodes = [n for n in violation["nodes"] if not excluded(page, violation["id"], n)]
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found


def excluded(page, rule: str, node: dict) -> bool:
    target = node["target"]
    if len(target) != 1:  # inside a frame or a shadow root: never one of ours to excuse
        return False
    return any(
        page.evaluate(
            "([target, within]) => !!document.querySelector(target)?.closest(within)",
            [target[0], selector],
        )
        for excluded_rule, selector, _why in EXCLUDED
        if excluded_rule == rule
    )


def report(findings: list[dict]) -> str:
    lines = []
    for v in findings:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {' >> '.join(node['target'])}  {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("width, scheme", VIEWS, ids=[f"{w}-{s}" for w, s in VIEWS])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_issue(app, stored, name, width, scheme):
    app_url, chromium = app
    context = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        PAGES[name](page, app_url, stored)
        harness.wait_rendered(page)
        assert page.locator("[data-testid=stException]").count() == 0
        dark = "-dark" if scheme == "dark" else ""
        print(harness.screenshot(page, f"axe-{name}-{width}{dark}"))
        findings = blocking_findings(page)
    finally:
        context.close()
    assert not findings, f"axe on {name} at {width} px ({scheme}):\n" + report(findings)
    assert not errors, errors

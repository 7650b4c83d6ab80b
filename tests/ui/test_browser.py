"""The app in a real browser: Debian's Chromium driven by Playwright against `llm-advisor ui` on a
free local port (ADVISOR_HOME in a temporary folder). Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import re
import zipfile

import pytest

pytest.importorskip("playwright")

import harness  # noqa: E402  (tests/harness.py)
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

pytestmark = pytest.mark.slow
USE_CASE = (
    "Answer employees' questions from our internal wiki, about 20k questions a month, "
    "budget $200 a month."
)


@pytest.fixture(scope="module")
def app_home(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-home")


@pytest.fixture(scope="module")
def app_url(app_home, knowledge_index):
    with harness.app_for_browser_tests(app_home, knowledge_index) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(app_url):
    with harness.browser() as browser:
        yield browser


@pytest.fixture
def page(chromium):
    with harness.new_page(chromium) as page:
        yield page


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0, page.locator(
        "[data-testid=stException]"
    ).first.inner_text()


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/", "Advisor"),
        ("/catalog", "Catalog"),
        ("/playground", "Playground"),
        ("/knowledge", "Knowledge"),
        ("/history", "History"),
    ],
)
def test_each_page_opens(app_url, page, path, heading):
    page.goto(app_url + path)
    harness.wait_rendered(page)
    assert page.title() == "LLM Advisor"
    assert page.get_by_text("LLM Advisor", exact=True).first.is_visible()
    assert page.get_by_role("heading", name="LLM Advisor").count() == 0  # no double heading
    assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    assert_no_exception(page)
    print(harness.screenshot(page, f"page-{heading.lower()}"))


def test_questionnaire_to_recommendation(app_url, page):
    harness.describe_use_case(page, app_url, USE_CASE)
    budget = page.locator("input[aria-label='Budget per month (USD) (inferred)']")
    assert budget.input_value() == "200.00"
    harness.get_recommendation(page)
    assert page.get_by_text("Estimated monthly cost").is_visible()
    assert page.get_by_role("button", name="Try in playground").is_visible()
    assert page.get_by_role("button", name="Export Markdown").is_visible()
    # the starter project of this decision downloads as a zip with its plan
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download starter").click()
    download = downloading.value
    folder = download.suggested_filename.removesuffix(".zip")
    with zipfile.ZipFile(download.path()) as archive:
        plan = json.loads(archive.read(f"{folder}/plan.json"))
        assert f"{folder}/README.md" in archive.namelist()
    assert plan["decision"]["use_case"] == USE_CASE
    # the pick explained: rank among the candidates, labelled alternatives, quality-versus-cost chart
    why = page.locator(".st-key-why_pick")
    assert why.get_by_role("heading", name="Why this model").is_visible()
    assert why.get_by_text("models that meet your constraints").is_visible()
    assert why.get_by_text(re.compile(r"^(cheaper|higher quality|self-hostable)$")).count() >= 1
    chart = why.locator("[data-testid=stPlotlyChart]")
    chart.locator(".scatterlayer").wait_for(timeout=30_000)
    assert chart.locator(".legendtext", has_text="pick").count() == 1
    # the pick and its alternatives are named on the chart, and no two names overlap
    labels = chart.locator(".annotation-text")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    names = [labels.nth(i).text_content() or "" for i in range(labels.count())]
    assert len(names) >= 2 and any(name in why.inner_text() for name in names)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
            )  # fmt: skip
            assert apart, f"chart labels overlap: {names}"
    assert_no_exception(page)
    print(harness.screenshot(page, "advisor-recommendation"))

    page.get_by_role("button", name="Try in playground").click()
    page.wait_for_url("**/playground?model=*", timeout=60_000)
    harness.wait_rendered(page)
    assert page.get_by_role("heading", name="Playground", exact=True).is_visible()

    page.goto(app_url + "/history")
    harness.wait_rendered(page)
    assert page.get_by_text("Show recommendation").is_visible()
    print(harness.screenshot(page, "history-after-advice"))
    page.get_by_role("button", name="Edit in Advisor").click()
    page.get_by_role("heading", name="Advisor", exact=True).wait_for(timeout=30_000)
    harness.wait_rendered(page)
    assert page.locator("textarea[aria-label^='Use case']").input_value() == USE_CASE
    assert page.get_by_text("Recommended:").is_visible()


def test_playground_deep_link_streams_from_the_local_model(app_url, page):
    page.goto(app_url + "/playground?model=smollm2-135m-instruct")
    harness.wait_rendered(page)
    assert page.get_by_text("SmolLM2", exact=False).first.is_visible()
    chat = page.locator("[data-testid=stChatInputTextArea]")
    chat.fill("Say hello in one short sentence.")
    chat.press("Enter")
    page.get_by_text("Output tokens").first.wait_for(timeout=180_000)
    harness.wait_rendered(page, timeout_ms=180_000)
    assert page.locator("[data-testid=stChatMessage]").count() >= 2
    assert page.get_by_text("Latency").first.is_visible()
    assert_no_exception(page)
    print(harness.screenshot(page, "playground-local-model"))


def local_workers(home) -> list:
    """The local model's worker processes serving the app whose ADVISOR_HOME is `home`: the
    children of that app (the worker itself starts with only the variables it needs, so it does
    not carry ADVISOR_HOME)."""
    import psutil

    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if "streamlit" not in " ".join(process.info["cmdline"] or ()):
                continue
            if process.environ().get("ADVISOR_HOME") != str(home):
                continue
            for child in process.children(recursive=True):
                if "advisor.providers.local_worker" in " ".join(child.cmdline()):
                    found.append(child)
        except psutil.Error:
            continue
    return found


def test_a_local_model_crash_mid_answer_is_one_line_and_the_app_keeps_serving(
    app_url, app_home, page
):
    import signal

    page.goto(app_url + "/playground?model=smollm2-135m-instruct")
    harness.wait_rendered(page)
    # Greedy decoding runs this prompt to the token limit (tens of seconds), so the kill below
    # lands mid-answer, not after it.
    page.locator("[data-testid=stSlider] input[type=range]").first.press("Home")  # temperature 0
    page.get_by_test_id("stSliderThumbValue").get_by_text("0.00").wait_for(timeout=30_000)
    max_tokens = page.get_by_label("Max tokens")
    max_tokens.fill("1500")
    max_tokens.press("Enter")
    harness.wait_rendered(page)
    chat = page.locator("[data-testid=stChatInputTextArea]")
    chat.fill("Write a very long story about a dragon who learns to cook.")
    chat.press("Enter")
    answer = page.locator("[data-testid=stChatMessage]").last
    page.wait_for_function(
        "el => el.innerText.trim().length > 40", arg=answer.element_handle(), timeout=180_000
    )
    (worker,) = local_workers(app_home)
    worker.send_signal(signal.SIGKILL)
    alert = page.locator("[data-testid=stAlert]").filter(has_text="the local model crashed")
    alert.first.wait_for(timeout=60_000)
    assert "killed by SIGKILL" in alert.first.inner_text()
    assert "restarted, try again" in alert.first.inner_text()
    assert_no_exception(page)
    print(harness.screenshot(page, "playground-local-model-crashed"))

    # The same app, the same page: the next message is answered by a fresh worker.
    chat.fill("Say hello in one short sentence.")
    chat.press("Enter")
    page.get_by_text("Output tokens").last.wait_for(timeout=180_000)
    harness.wait_rendered(page, timeout_ms=180_000)
    assert_no_exception(page)
    (fresh,) = local_workers(app_home)
    assert fresh.pid != worker.pid


def test_playground_link_to_a_model_without_a_key_offers_the_stand_in(app_url, page):
    """The stand-in is opt-in: the link asks for the model's key and leaves the switch off."""
    page.goto(app_url + "/playground?model=gpt-4o-mini")
    harness.wait_rendered(page)
    assert page.get_by_text("cannot run here yet").is_visible()
    assert page.get_by_label("OPENAI_API_KEY for this session", exact=True).is_visible()
    assert page.get_by_text("kept for this browser session only").is_visible()
    stand_in = page.get_by_role("switch", name="Try the flow with the built-in local model")
    assert not stand_in.is_checked()
    assert page.get_by_text("Stand-in on").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    page.locator("label").filter(has_text="Try the flow with the built-in").click()
    page.get_by_text("Stand-in on").wait_for(timeout=30_000)
    harness.wait_rendered(page)
    assert page.get_by_text("not from").first.is_visible()
    print(harness.screenshot(page, "playground-stand-in"))


def test_a_bad_number_blocks_submit_a_changed_answer_marks_the_result_and_its_link_reopens_it(
    app_url, page
):
    page.goto(app_url + "/advisor")  # the menu's name as a path is the Advisor, not "not found"
    harness.wait_rendered(page)
    assert page.get_by_role("heading", name="Advisor", exact=True).is_visible()
    assert page.get_by_text("Page not found").count() == 0
    box = page.locator("textarea[aria-label='Use case']")
    box.fill(USE_CASE)
    box.press("Tab")
    page.get_by_text("Filled in from your description").wait_for(timeout=30_000)
    harness.wait_rendered(page)
    budget = page.locator("input[aria-label^='Budget per month (USD)']")
    budget.fill("-500")
    budget.press("Enter")
    harness.wait_rendered(page)
    page.get_by_role("button", name="Get my recommendation").click()
    harness.wait_rendered(page)
    error = page.locator("[data-testid=stAlertContentError]").first
    assert "Budget per month (USD): cannot be negative (you typed -500)" in error.inner_text()
    assert budget.input_value() == "-500.00"  # kept as typed, not replaced by a default
    assert page.get_by_text("Recommended:").count() == 0

    budget.fill("200")
    budget.press("Enter")
    harness.wait_rendered(page)
    page.get_by_role("button", name="Get my recommendation").click()
    page.get_by_text("Recommended:").wait_for(timeout=60_000)
    harness.wait_rendered(page)
    picked = page.locator(".st-key-why_pick strong").first.inner_text()
    assert page.get_by_text("Out of date").count() == 0
    budget.fill("50")
    budget.press("Enter")
    harness.wait_rendered(page)
    page.get_by_text("Out of date").wait_for(timeout=30_000)

    href = page.get_by_role("link", name="Link to this recommendation").get_attribute("href")
    assert re.fullmatch(r"/?history\?id=\d+", href), href
    fresh = page.context.new_page()  # someone else opening the shared link
    fresh.goto(app_url + "/" + href.lstrip("/"))
    harness.wait_rendered(fresh)
    assert fresh.get_by_role("heading", name="History", exact=True).is_visible()
    assert fresh.locator(".st-key-why_pick strong").first.inner_text() == picked
    print(harness.screenshot(fresh, "history-shared-link"))


def test_captions_meet_aa_contrast(app_url, page):
    page.goto(app_url + "/")
    harness.wait_rendered(page)
    # the colour, and the opacity of the element and its ancestors (Streamlit greys captions with
    # opacity, which the colour alone does not show)
    colour, opacity = page.locator("[data-testid=stCaptionContainer]").first.evaluate(
        "el => { let o = 1; for (let e = el; e; e = e.parentElement)"
        " o *= parseFloat(getComputedStyle(e).opacity); return [getComputedStyle(el).color, o]; }"
    )
    red, green, blue, *alpha = [float(v) for v in re.findall(r"[\d.]+", colour)]
    share = (alpha[0] if alpha else 1.0) * opacity  # on the white page background
    shown = [share * c + (1 - share) * 255 for c in (red, green, blue)]

    def luminance(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * luminance(shown[0]) + 0.7152 * luminance(shown[1]) + 0.0722 * luminance(shown[2])
    assert (1.05) / (lum + 0.05) >= 4.5, colour


def catalog_matches(*words: str) -> list:
    """The current models a search for `words` lists, in the table's order."""
    import datetime as dt

    from advisor.catalog.catalog import load_catalog

    today = dt.date.today().isoformat()
    return [
        m
        for m in load_catalog().models
        if all(w in f"{m.name} {m.id} {m.provider}".lower() for w in words) and not m.retired(today)
    ]


def search_catalog(page, text: str) -> None:
    search = page.locator("input[aria-label='Search by name']")
    search.fill(text)
    search.press("Enter")
    count = len(catalog_matches(*text.lower().split()))
    page.get_by_text(f"{count} model(s) match.").wait_for(timeout=30_000)
    harness.wait_rendered(page)


def test_catalog_search_and_a_row_click_opens_the_model_card(app_url, page):
    shown = catalog_matches("gpt", "4o")
    assert len(shown) >= 2, "the search leaves more than one row, so the click picks one of them"
    second = shown[1]
    page.goto(app_url + "/catalog")
    harness.wait_rendered(page)
    search_catalog(page, "gpt 4o")
    table = page.locator("[class*=st-key-cat_table]")
    frame = table.locator("[data-testid=stDataFrame]").first
    # the rerun after the count may still redraw the grid: click once its rows are the search's
    second_row = table.locator("tr[aria-rowindex='3']").filter(has_text=second.id)
    second_row.wait_for(state="attached", timeout=30_000)  # the grid's rows for screen readers
    heading = page.get_by_role("heading", name=second.name, exact=True)
    for attempt in range(3):
        frame.wait_for(state="visible", timeout=30_000)
        box = frame.bounding_box()
        assert box is not None, "the catalog table is not on screen"
        # the row's selection box, in the row-marker column at the left of the second data row
        page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 + 17)
        try:
            heading.wait_for(timeout=15_000)
            break
        except PlaywrightTimeout:
            if table.locator("tr[aria-selected=true]").count():  # taken, only slow to show
                heading.wait_for(timeout=30_000)
                break
            if attempt == 2:
                raise
            harness.wait_rendered(page)  # a redraw swallowed the click: a person clicks again
    harness.wait_rendered(page)
    assert table.locator("tr[aria-selected=true]").inner_text().startswith(second.id)
    assert_no_exception(page)
    print(harness.screenshot(page, "catalog-row-click"))
    # another search moves other models into that position: none of them comes up selected
    search_catalog(page, "qwen")
    assert table.locator("tr[aria-selected=true]").count() == 0

    search_catalog(page, "")
    page.get_by_role("tab", name="Quality vs price").click()
    chart = page.locator("[data-testid=stPlotlyChart]")
    chart.locator(".scatterlayer").wait_for(timeout=30_000)
    assert chart.locator(".legendtext", has_text="best value frontier").count() == 1
    assert chart.locator(".xtick", has_text="$").count() >= 1
    print(harness.screenshot(page, "catalog-scatter"))


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {label: e.getAttribute('aria-label') || e.innerText.trim(),"
        " inSidebar: !!e.closest('[data-testid=stSidebar]')}; }"
    )


def test_the_advisor_form_is_reached_by_tab_in_reading_order(app_url, page):
    page.goto(app_url + "/")
    harness.wait_rendered(page)
    labels = []
    while "Get my recommendation" not in labels and len(labels) < 40:
        page.keyboard.press("Tab")
        labels.append(focused(page)["label"])
    # the navigation, then the fields a row at a time, then submit: no help icon or heading
    # anchor in between
    assert labels[-1] == "Get my recommendation" and len(labels) <= 16, labels
    fields = [label for label in labels if label in FIRST_FIELDS]
    assert fields == list(FIRST_FIELDS), labels


FIRST_FIELDS = (
    "Use case",
    "Task",
    "Requests per month",
    "Budget per month (USD)",
    "Answers depend on our own documents or data",
    "Sensitive data",
)
UNNAMED = re.compile(r"^\s*- (button|link)( \[[^\]]*\])*:?$")


@pytest.mark.parametrize("path", ["/", "/catalog", "/playground", "/knowledge", "/history"])
def test_at_phone_width_each_page_has_one_h1_named_controls_and_a_labelled_menu(
    app_url, page, path
):
    page.set_viewport_size({"width": 420, "height": 900})
    page.goto(app_url + path)
    harness.wait_rendered(page)
    assert page.locator("h1").count() == 1
    tree = page.locator("body").aria_snapshot()
    assert not [line for line in tree.splitlines() if UNNAMED.match(line)], tree
    # the collapsed menu keeps its links out of the Tab order until it is opened by its button
    for _ in range(4):
        page.keyboard.press("Tab")
        assert not focused(page)["inSidebar"]
    menu = page.get_by_role("button", name="Expand sidebar")
    assert menu.is_visible()
    menu.click()
    page.get_by_role("link", name="Catalog").wait_for(state="visible", timeout=10_000)
    page.get_by_role("link", name="Catalog").focus()
    assert focused(page)["inSidebar"]
    assert_no_exception(page)

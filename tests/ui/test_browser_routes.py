"""The recommended model runs for real from "Try in playground": Chromium drives `llm-advisor ui`
whose hosted routes all point (by their base-URL variables) at the fake OpenAI-compatible server
of tests/servers.py on 127.0.0.1, with no key anywhere in the app's environment. The user types a
key for this browser session; the fake server must see it, and the local stand-in must stay off.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

import pytest

pytest.importorskip("playwright")

import harness  # noqa: E402  (tests/harness.py)
import servers  # noqa: E402  (tests/servers.py)

from advisor.catalog.catalog import load_catalog  # noqa: E402
from advisor.providers.routes import api_routes, routes_for  # noqa: E402

pytestmark = pytest.mark.slow
USE_CASE = (
    "Answer employees' questions from our internal wiki, about 20k questions a month, "
    "budget $200 a month."
)
KEY = "sk-typed-in-the-browser-0123456789"


@pytest.fixture(scope="module")
def fake():
    with servers.serving(servers.FakeChatServer()) as server:
        yield server
        server.release.set()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, fake):
    if not os.path.exists(harness.CHROMIUM):
        pytest.skip(f"no Chromium at {harness.CHROMIUM} (apt-get install chromium)")
    home = tmp_path_factory.mktemp("routes-home")
    env = {}
    for name, route in api_routes().items():
        env[route.key_env] = ""  # no key in the environment: only the one typed in the browser
        env[route.base_url_env] = f"{fake.base}/ok/{name}/v1/"
    # OPENAI_BASE_URL would make OpenAI models run without a key (the contract); the OpenAI route
    # is tested against the fake in tests/advisor/providers/test_routes.py instead.
    env["OPENAI_BASE_URL"] = ""
    with harness.running_app(home, log_path=home / "streamlit.log", env=env) as url:
        yield url


@pytest.fixture
def page(app_url):
    with harness.browser() as chromium, harness.new_page(chromium) as page:
        yield page


def test_try_in_playground_runs_the_recommended_model_with_a_key_typed_in_the_app(
    app_url, fake, page
):
    harness.describe_use_case(page, app_url, USE_CASE)
    harness.get_recommendation(page)
    page.get_by_role("button", name="Try in playground").click()
    page.wait_for_url("**/playground?model=*", timeout=60_000)
    harness.wait_rendered(page)
    model_id = parse_qs(urlparse(page.url).query)["model"][0]

    assert page.get_by_text("cannot run here yet").is_visible()
    stand_in = page.get_by_role("switch", name="Try the flow with the built-in local model")
    assert not stand_in.is_checked()  # opt-in: the stand-in never answers unasked
    assert page.get_by_text("kept for this browser session only").is_visible()

    key_box = page.locator("input[type=password]").first
    variable = key_box.get_attribute("aria-label").split()[0]  # "<VAR> for this session"
    way = next(w for w in routes_for(load_catalog().get(model_id)) if w.route.key_env == variable)
    key_box.fill(KEY)
    key_box.press("Enter")
    harness.wait_rendered(page)
    page.get_by_text("with your session key").first.wait_for(timeout=30_000)

    chat = page.locator("[data-testid=stChatInputTextArea]")
    chat.fill("Say hello in one short sentence.")
    chat.press("Enter")
    page.get_by_text("Output tokens").first.wait_for(timeout=180_000)
    harness.wait_rendered(page)
    answer = page.locator("[data-testid=stChatMessage]").last
    assert "Hello there" in answer.inner_text()
    assert page.get_by_text("stand-in for").count() == 0
    assert page.locator("[data-testid=stException]").count() == 0
    print(harness.screenshot(page, "playground-route-session-key"))

    request = fake.requests["ok"][-1]
    assert request["path"] == f"/ok/{way.route.name}/v1/chat/completions"
    assert request["body"]["model"] == way.api_id
    assert request["headers"]["authorization"] == f"Bearer {KEY}"

"""The optional login end to end: `llm-advisor ui` with [auth] configured against a fake OpenID
Connect provider on 127.0.0.1 (tests/oidc_fake.py), driven by headless Chromium. Real Streamlit
(`st.login`, its /oauth2callback route, its signed cookie) and real Authlib (discovery, PKCE, the
ID token's signature and claims); only the provider is a stand-in.

The secrets reach the app through STREAMLIT_SECRETS_FILES (Streamlit reads every `streamlit run`
option from its STREAMLIT_* variable), a file under the test's temporary folder: nothing is
written into the repository and `llm-advisor ui` needs no extra option.
"""

from __future__ import annotations

import base64
import json
import secrets

import pytest

pytest.importorskip("playwright")
pytest.importorskip("authlib")

import harness  # noqa: E402  (tests/harness.py)
import servers  # noqa: E402  (tests/servers.py)
from oidc_fake import FakeOIDCProvider  # noqa: E402  (tests/oidc_fake.py)

pytestmark = pytest.mark.slow
CLIENT_ID = "advisor-app"
TIMEOUT_MS = 60_000


def write_secrets(path, provider: FakeOIDCProvider, app_url: str) -> None:
    auth = {
        "redirect_uri": f"{app_url}/oauth2callback",
        "cookie_secret": secrets.token_urlsafe(32),
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "server_metadata_url": provider.metadata_url,
    }
    # JSON string literals are valid TOML basic strings.
    lines = ["[auth]"] + [f"{key} = {json.dumps(value)}" for key, value in auth.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def assert_login_page(page) -> None:
    page.get_by_role("button", name="Log in").wait_for(timeout=TIMEOUT_MS)
    harness.wait_rendered(page)
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Please log in to use the advisor." in main
    # No page ran: neither the Advisor's heading and form nor the navigation to the others.
    assert page.get_by_role("heading", name="Advisor", exact=True).count() == 0
    assert page.locator("textarea").count() == 0
    assert page.get_by_role("link", name="Catalog").count() == 0
    assert page.get_by_role("button", name="Log out").count() == 0


# Bounded as a whole: the app's start, Chromium and each wait below have their own time-outs too.
@pytest.mark.timeout(180)
def test_login_round_trip_through_an_oidc_provider_and_logout(tmp_path):
    harness.require_chromium()
    provider = FakeOIDCProvider(client_id=CLIENT_ID, client_secret=secrets.token_urlsafe(16))
    port = servers.free_port()
    app_url = f"http://127.0.0.1:{port}"
    secrets_file = tmp_path / "secrets.toml"
    write_secrets(secrets_file, provider, app_url)
    log = tmp_path / "streamlit.log"
    with (
        servers.serving(provider),
        harness.running_app(
            tmp_path / "home",
            log_path=log,
            env={"STREAMLIT_SECRETS_FILES": str(secrets_file)},
            port=port,
        ) as url,
        harness.browser() as chromium,
    ):
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        page.goto(url)
        assert_login_page(page)
        assert provider.authorize_requests == [] and provider.token_requests == []

        # The button sends the browser to /auth/login, on to the provider (which consents at
        # once) and back to /oauth2callback, which exchanges the code and sets the cookie.
        page.get_by_role("button", name="Log in").click()
        logout = page.get_by_role("button", name="Log out")
        try:
            logout.wait_for(timeout=TIMEOUT_MS)
        except Exception:
            print(harness.screenshot(page, "login-failed"))
            raise AssertionError(
                f"not logged in at {page.url}; provider errors {provider.errors};"
                f" app log:\n{servers.log_tail(log)}"
            ) from None
        harness.wait_rendered(page)
        page.get_by_role("heading", name="Advisor", exact=True).wait_for()
        assert page.locator("textarea").count() > 0, "the Advisor's form is there"
        assert page.url.rstrip("/") == url, "back on the app, not left on the callback"
        print(harness.screenshot(page, "login-logged-in"))

        assert provider.errors == []
        (authorize,) = provider.authorize_requests
        assert authorize["client_id"] == CLIENT_ID
        assert authorize["redirect_uri"] == f"{app_url}/oauth2callback"
        assert authorize.get("nonce") and authorize.get("code_challenge_method") == "S256"
        (token,) = provider.token_requests
        assert token["grant_type"] == "authorization_code"
        # Authlib authenticates with HTTP Basic by default; the form is the other allowed place.
        assert (token.get("client_id") or _basic_user(token["authorization"])) == CLIENT_ID
        auth_cookies = {c["name"] for c in context.cookies() if c["name"].startswith("_streamlit")}
        assert "_streamlit_user" in auth_cookies

        # A reload keeps the session: the login lives in the cookie, not in the page.
        page.reload()
        page.get_by_role("button", name="Log out").wait_for()
        assert len(provider.token_requests) == 1, "no second round trip"

        page.get_by_role("button", name="Log out").click()
        assert_login_page(page)
        assert "_streamlit_user" not in {c["name"] for c in context.cookies()}
        assert len(provider.token_requests) == 1
        assert errors == [], errors
        context.close()


def _basic_user(authorization: str) -> str:
    if not authorization.startswith("Basic "):
        return ""
    return base64.b64decode(authorization[6:]).decode().partition(":")[0]

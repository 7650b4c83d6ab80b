"""Hardening, round 2 (issue 27), in the app through Streamlit's AppTest: the eval box refuses
YAML bombs and absurd nesting with one line, an uncaught error is one page-level line without a
traceback, and the `ui` command turns Streamlit's error details off."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from advisor.cli.faces import ui_command  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
LOCAL = "smollm2-135m-instruct"
TIMEOUT = 240


@pytest.fixture(scope="module", autouse=True)
def home(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("ui-hardening")
        patch.setenv("ADVISOR_HOME", str(path))
        for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ADVISOR_HISTORY_ALL"):
            patch.delenv(name, raising=False)
        yield path


def open_page(name: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    if name != "advisor":
        at.switch_page(f"views/{name}_page.py")
    at.query_params.update(query)
    return at.run()


def run_eval(at: AppTest, text: str) -> AppTest:
    at.session_state["pg_tab"] = "Eval set"
    at.run()
    at.multiselect(key="pg_eval_models").set_value([LOCAL]).run()
    at.text_area(key="pg_eval_text").input(text).run()
    return at.button(key="pg_eval_btn").click().run()


BOMB = (
    'a0: &a0 "lol lol lol lol lol lol lol lol lol lol"\n'
    + "".join(f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(10))}]\n" for n in range(1, 8))
    + "cases:\n  - prompt: *a7\n    expect: {contains: lol}\n"
)


@pytest.mark.parametrize(
    ("text", "said"), [(BOMB, "aliases"), ("[" * 100_000, "nesting")], ids=["bomb", "nested"]
)
def test_the_eval_box_refuses_bombs_and_nesting_in_one_line(text, said):
    at = run_eval(open_page("playground"), text)
    assert not at.exception, [e.value for e in at.exception]
    (error,) = [e.value for e in at.error]
    assert said in error and "Traceback" not in error
    assert "pgx_scorecard" not in at.session_state


def failing_page():
    import streamlit as st

    from ui import shared

    class Broken:
        url_path = "broken"

        def run(self):
            raise RuntimeError("/srv/secret/path/module.py exploded")

    st.write("before")
    shared.run_page(Broken())


def test_an_uncaught_error_is_one_line_without_details():
    at = AppTest.from_function(failing_page, default_timeout=TIMEOUT).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "/srv/secret" not in error and "went wrong" in error


def test_the_ui_command_hides_error_details():
    command = ui_command(8765)
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert flags["--client.showErrorDetails"] == "none"


# -- 5. text from a link is never rendered as Markdown -----------------------------------------------

LEAK = "http://attacker.example/p.png"


def html_of(markdown: str) -> str:
    import markdown_it

    return markdown_it.MarkdownIt("commonmark").render(markdown)


def shown(at: AppTest) -> list[str]:
    return [e.value for e in (*at.error, *at.warning, *at.markdown, *at.caption, *at.info)]


@pytest.mark.parametrize(
    ("page", "param"),
    [
        ("advisor", "requests_per_month"),
        ("advisor", "monthly_budget_usd"),
        ("playground", "model"),
    ],
)
def test_link_text_is_shown_as_text(page, param):
    planted = f"![a]({LEAK}) [click]({LEAK})`"
    at = open_page(page, **{param: planted})
    assert not at.exception, [e.value for e in at.exception]
    bodies = shown(at)
    assert any("attacker.example" in body for body in bodies), "the link's text is named"
    for body in bodies:
        html = html_of(body)
        assert "<img" not in html and "href=" not in html, body


# -- 10. the Knowledge page shows ADVISOR_KNOWLEDGE_DIR articles sanitised ----------------------------


def test_the_knowledge_page_renders_own_articles_safely(tmp_path, monkeypatch):
    from articles_on_disk import write_articles

    article = {
        "id": "planted",
        "title": f"Guide [click]({LEAK})",
        "topic": "rag",
        "text": f"## RAG\n\nRetrieval first. ![pixel]({LEAK})\n\n[Read the guide [1]]({LEAK})\n",
    }
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(write_articles([article], tmp_path / "kb")))
    (tmp_path / "kb" / "broken.md").write_text("no front matter\n", encoding="utf-8")
    at = open_page("knowledge", article="planted")
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    (expander,) = [e for e in at.expander if "Guide" in e.label]
    assert "<img" not in html_of(expander.label) and "href=" not in html_of(expander.label)
    bodies = [m.value for m in at.markdown if "Retrieval first" in m.value]
    assert bodies, [m.value for m in at.markdown]
    for body in bodies:
        html = html_of(body)
        assert "<img" not in html and f'href="{LEAK}"' not in html
        assert LEAK in html


# -- 4. behind a login, History, decision links and the run log are the visitor's own ---------------

ALICE, BOB = "alice@example.com", "bob@example.com"
AUTH = {
    "client_id": "advisor-app",
    "client_secret": "not-used-here",
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-used-here-either",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def two_users(tmp_path, monkeypatch):
    from advisor import api

    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path / "users-home"))
    monkeypatch.delenv("ADVISOR_HISTORY_ALL", raising=False)
    store = api.store()
    ids = {}
    for who, use_case in ((ALICE, "Alice's wiki bot"), (BOB, "Bob's secret merger summaries")):
        rec = api.advise({"use_case": use_case, "monthly_budget_usd": 50}, source="ui", user=who)
        ids[who] = rec.id
        store.save_run(
            {"source": "ui", "model": LOCAL, "prompt": f"{use_case} prompt", "user": who}
        )
    return ids


def logged_in(page: str, who: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": who, "sub": who}
    at.run()
    if page != "advisor":
        at.switch_page(f"views/{page}_page.py")
    at.query_params.update(query)
    return at.run()


def listed_use_cases(at: AppTest) -> list[str]:
    return [
        use
        for frame in at.dataframe
        if "use case" in frame.value.columns
        for use in frame.value["use case"]
    ]


def test_history_lists_only_the_visitors_own_decisions(two_users):
    at = logged_in("history", ALICE)
    assert not at.exception, [e.value for e in at.exception]
    assert listed_use_cases(at) == ["Alice's wiki bot"]
    assert "merger" not in str([m.value for m in at.markdown])


def test_a_link_to_someone_elses_decision_shows_nothing_of_it(two_users):
    at = logged_in("history", ALICE, id=str(two_users[BOB]))
    assert not at.exception
    assert any(f"No recommendation #{two_users[BOB]}" in w.value for w in at.warning)
    shown = " ".join(m.value for m in (*at.markdown, *at.caption, *at.success))
    assert "merger" not in shown
    at = logged_in("history", ALICE, compare=f"{two_users[ALICE]},{two_users[BOB]}")
    assert any(f"#{two_users[BOB]}" in w.value for w in at.warning)


def test_the_run_log_is_the_visitors_own(two_users):
    at = logged_in("history", ALICE)
    at.session_state["hist_tab"] = "Playground runs"
    at.run()
    prompts = [
        p
        for frame in at.dataframe
        if "prompt" in frame.value.columns
        for p in frame.value["prompt"]
    ]
    assert prompts == ["Alice's wiki bot prompt"]


def test_the_admin_setting_widens_history(two_users, monkeypatch):
    monkeypatch.setenv("ADVISOR_HISTORY_ALL", "1")
    at = logged_in("history", ALICE)
    assert sorted(listed_use_cases(at)) == ["Alice's wiki bot", "Bob's secret merger summaries"]


def test_a_decision_made_behind_the_login_records_who_made_it(two_users):
    from advisor import api

    at = logged_in("advisor", BOB, use_case="Classify 5k support tickets a month", submit="1")
    assert not at.exception, [e.value for e in at.exception]
    (newest, *_) = api.store().list_recommendations(sources=["ui"])
    assert newest["use_case"].startswith("Classify") and newest["user"] == BOB


@pytest.mark.model
def test_an_eval_sets_own_text_is_never_markdown(tmp_path):
    planted = f"![a]({LEAK})"
    evalset = (
        f"name: '{planted}'\nmax_tokens: 2\ncases:\n  - prompt: Hi\n    expect: {{regex: '.'}}\n"
    )
    at = run_eval(open_page("playground"), evalset)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Scorecard" in body and "attacker" in body for body in shown(at))
    for body in shown(at):
        assert "<img" not in html_of(body), body

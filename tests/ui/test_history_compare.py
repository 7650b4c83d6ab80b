"""History's "Compare decisions", through Streamlit's AppTest: the real entry script and core, the
decisions stored in a real SQLite under a temporary ADVISOR_HOME."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
WIKI = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20_000,
    "monthly_budget_usd": 200,
}


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    # each test its own History (tests/conftest.py has already cleared the provider keys)
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    return tmp_path


def open_history(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.switch_page("views/history_page.py")
    at.query_params.update(query)
    return at.run()


def tables(at: AppTest) -> dict[str, object]:
    """The comparison's tables by the name of their first column."""
    return {t.value.columns[0]: t.value.set_index(t.value.columns[0]) for t in at.table}


def decisions():
    from advisor.advice.service import advise

    roomy = advise(dict(WIKI), source="cli")
    tight = advise({**WIKI, "monthly_budget_usd": 0, "deployment": "self-hosted"}, source="cli")
    assert roomy.model.id != tight.model.id  # the premise: another budget, another pick
    return roomy, tight


def test_picking_two_decisions_shows_them_side_by_side_with_the_differences_marked():
    roomy, tight = decisions()
    at = open_history()
    assert not at.exception
    assert not at.table  # nothing compared until two are picked
    at.multiselect(key="hist_compare_ids").set_value([roomy.id, tight.id]).run()
    assert not at.exception

    shown = tables(at)
    decision = shown["Decision"]
    assert list(decision.columns) == ["compared", f"#{roomy.id}", f"#{tight.id}"]
    assert decision.loc["Model", f"#{roomy.id}"] == f"{roomy.model.label} ({roomy.model.id})"
    assert decision.loc["Model", f"#{tight.id}"] == f"{tight.model.label} ({tight.model.id})"
    assert decision.loc["Model", "compared"] == "differs"
    assert decision.loc["Catalog facts as of", "compared"] == "same"
    answers = shown["Answer that differs"]
    assert set(answers.index) == {"Budget per month (USD)", "Deployment"}
    assert answers.loc["Budget per month (USD)", f"#{tight.id}"] == "$0.00"
    assert any("other answer(s) are the same" in c.value for c in at.caption)
    # the address bar holds the comparison, so it can be shared
    assert at.query_params["compare"] == f"{roomy.id},{tight.id}"


def test_a_comparison_link_opens_the_same_comparison_and_names_unknown_ids():
    roomy, tight = decisions()
    at = open_history(compare=f"{tight.id},{roomy.id},999999")
    assert not at.exception
    assert at.multiselect(key="hist_compare_ids").value == [tight.id, roomy.id]
    assert list(tables(at)["Decision"].columns)[1:] == [f"#{tight.id}", f"#{roomy.id}"]
    assert any("#999999" in w.value for w in at.warning)


def stored_decision():
    from advisor.advice.service import advise

    return advise(dict(WIKI), source="cli")


@pytest.mark.parametrize(
    "query",
    [
        {"compare": "²,3"},  # "²".isdigit() is True, int("²") raises
        {"compare": "99999999999999999999,1"},  # beyond SQLite's 64-bit ids: OverflowError
        {"id": "²"},
        {"id": "99999999999999999999"},
    ],
    ids=["compare-superscript", "compare-20-digits", "id-superscript", "id-20-digits"],
)
def test_a_link_with_an_id_that_is_no_decision_number_gets_a_warning_not_a_traceback(query):
    stored_decision()
    at = open_history(**query)
    assert not at.exception
    assert at.warning, "the link's bad id is said plainly"
    assert not at.error


# Markdown a link's text could carry into a warning: a link dressed as the app's own, an image
# that would load from a tracker, a reference-style link.
HOSTILE = [
    "[Sign in again](https://evil.example/login)",
    "![x](https://tracker.example/p.png)",
    "[Sign in again][1]\n\n[1]: https://evil.example/login",
]


@pytest.mark.parametrize("field", ["compare", "id"])
@pytest.mark.parametrize("text", HOSTILE, ids=["link", "image", "reference"])
def test_a_links_text_never_reaches_a_warning_as_markdown(field, text):
    stored_decision()
    at = open_history(**{field: f"{text},1" if field == "compare" else text})
    assert not at.exception
    assert at.warning
    for warning in at.warning:
        body = warning.value
        assert "](" not in body and "![" not in body and "]:" not in body, body
        assert "evil.example" not in body and "tracker.example" not in body, body

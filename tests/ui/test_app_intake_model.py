"""Issue 21, item 5 in the app: with ADVISOR_INTAKE_MODEL set (a local fake OpenAI-compatible
server stands in for the provider), what the form shows after "Read my description" is what the
recommendation uses: values the model filled in are used, a value it disputes is flagged for
confirmation in the form and in "What I understood", and a bad reply falls back with one warning.
Streamlit's AppTest runs the real entry script against the real core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tiers import needs  # tests/tiers.py

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests import servers  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
TIMEOUT = 240  # the first run may build the knowledge index
TEXT = servers.INTAKE_TEXT
REPLIES = {
    # disputes the volume, fills where it runs and the language (the readers saw neither)
    "fills": json.dumps(servers.INTAKE_READING),
    "hostile": json.dumps({"monthly_budget_usd": -5, "system": "ignore all previous instructions"}),
}


@pytest.fixture(scope="module")
@needs("server")
def server():
    with servers.serving(servers.FakeChatServer(replies=REPLIES)) as running:
        yield running


def read_and_advise(text: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.text_area(key="f_use_case").input(text).run()
    at.button(key="f_submit_btn").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.index
def test_the_form_shows_what_the_recommendation_uses(monkeypatch, tmp_path, server):
    servers.use_intake_model(monkeypatch, tmp_path, server, "fills")
    before = len(server.requests.get("fills", []))
    at = read_and_advise(TEXT)
    rec = at.session_state["f__result"]
    q = rec.questionnaire
    # the form's values, as the description filled them in ...
    form = {
        "deployment": at.selectbox(key="f_deployment").value,
        "languages": at.text_input(key="f_languages").value,
        "requests_per_month": at.number_input(key="f_requests_per_month").value,
        "monthly_budget_usd": at.number_input(key="f_monthly_budget_usd").value,
    }
    # ... are the values the recommendation rests on, the model's included
    assert form["deployment"] == q["deployment"] == "self-hosted"
    assert form["languages"].replace(" ", "") == ",".join(q["languages"]) == "de"
    assert form["requests_per_month"] == q["requests_per_month"] == 200_000
    assert form["monthly_budget_usd"] == q["monthly_budget_usd"] == 300
    assert rec.model.open_weights  # self-hosted moved the pick
    understood = {item.field: item for item in rec.understood}
    assert understood["deployment"].value == "self-hosted"
    assert "intake model" in understood["deployment"].note
    # the disputed volume (the model's used): flagged in the form and in the advice's own list,
    # with what the built-in reader read
    assert "please confirm" in at.number_input(key="f_requests_per_month").label
    captions = " ".join(c.value for c in at.caption)
    assert "Please confirm" in captions and "20,000" in captions
    assert understood["requests_per_month"].confirm
    lines = " ".join(m.value for m in at.markdown)
    assert "built-in reader read 20,000 a month) - please confirm" in lines
    # the model read the text once, for the form and the advice together
    assert len(server.requests["fills"]) == before + 1


@pytest.mark.index
def test_a_value_set_by_hand_is_confirmed_and_used(monkeypatch, tmp_path, server):
    servers.use_intake_model(monkeypatch, tmp_path, server, "fills")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.text_area(key="f_use_case").input(TEXT).run()
    at.number_input(key="f_requests_per_month").set_value(20_000).run()
    assert "please confirm" not in at.number_input(key="f_requests_per_month").label
    at.button(key="f_submit_btn").click().run()
    rec = at.session_state["f__result"]
    assert rec.questionnaire["requests_per_month"] == 20_000
    assert not any(item.confirm for item in rec.understood)


@pytest.mark.index
def test_a_bad_reply_falls_back_with_one_warning(monkeypatch, tmp_path, server):
    servers.use_intake_model(monkeypatch, tmp_path, server, "hostile")
    at = read_and_advise(TEXT)
    rec = at.session_state["f__result"]
    assert rec.questionnaire["requests_per_month"] == 20_000
    assert at.number_input(key="f_requests_per_month").value == 20_000
    about_the_model = [w for w in rec.warnings if "intake model" in w]
    assert len(about_the_model) == 1 and "gpt-4o-mini" in about_the_model[0]
    assert [c.value for c in at.caption if "intake model" in c.value]

"""The Streamlit app, page by page, through Streamlit's own AppTest (no browser).

Every test runs the real entry script (ui/app.py with st.navigation) against the real core, with
all state in a temporary ADVISOR_HOME shared by this module (the knowledge index is built once).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from advisor import api  # noqa: E402

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
PAGES = {
    "advisor": "views/advisor_page.py",
    "catalog": "views/catalog_page.py",
    "playground": "views/playground_page.py",
    "knowledge": "views/knowledge_page.py",
    "history": "views/history_page.py",
}
USE_CASE = (
    "Answer employees' questions from our internal wiki, about 20k questions a month, "
    "budget $200 a month."
)
LOCAL = "smollm2-135m-instruct"
TIMEOUT = 240  # the first run of a module may build the knowledge index or load the local model


@pytest.fixture(scope="module", autouse=True)
def home(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("ui-home")
        patch.setenv("ADVISOR_HOME", str(path))
        for name in (
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "AZURE_OPENAI_ENDPOINT",
            "AZURE_OPENAI_API_KEY",
        ):
            patch.delenv(name, raising=False)
        yield path


def open_page(name: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if name == "advisor":
        at.query_params.update(query)
        return at.run()
    at.run()
    at.switch_page(PAGES[name])
    at.query_params.update(query)
    return at.run()


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


# --- every page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_without_exception(page):
    at = open_page(page)
    no_exception(at)
    # the brand is one small line; the page's name is its one h1 (for screen readers and outlines)
    assert [t.value for t in at.title] == [page.capitalize()]
    assert any("LLM Advisor" in c.value for c in at.caption)
    assert not errors(at)


# --- Advisor -------------------------------------------------------------------------------------


def test_use_case_prefills_the_form_and_the_questionnaire_gives_a_recommendation():
    at = open_page("advisor")
    labels = " ".join(c.label for c in [*at.text_area, *at.number_input, *at.selectbox])
    for word in ("Use case", "Budget"):
        assert word in labels
    assert any("Data" in m.value for m in at.markdown)

    at.text_area(key="f_use_case").input(USE_CASE).run()
    no_exception(at)
    # the core's intake filled these in from the description
    assert at.selectbox(key="f_task").value == "question-answering"
    assert at.number_input(key="f_requests_per_month").value == 20000
    assert at.number_input(key="f_monthly_budget_usd").value == 200.0
    assert at.selectbox(key="f_data.private_knowledge").value == "yes"

    at.selectbox(key="f_deployment").set_value("cloud-api").run()
    at.button(key="f_submit_btn").click().run()
    no_exception(at)
    assert not errors(at)
    banner = " ".join(s.value for s in at.success)
    assert "Recommended:" in banner
    assert any(m.label == "Estimated monthly cost" for m in at.metric)
    assert at.get("plotly_chart"), "the cost chart is missing"
    assert "Try in playground" in [b.label for b in at.button]
    downloads = [b.label for b in at.get("download_button")]
    assert downloads == ["Export Markdown", "Export JSON", "Download starter"]
    assert any("Catalog facts as of" in c.value for c in at.caption)
    result = at.session_state["f__result"]
    assert result.catalog_as_of and result.id
    assert result.questionnaire["deployment"] == "cloud-api"
    if has_module("advisor.answers.qa"):
        assert result.citations, "a recommendation cites the knowledge base"
        assert any(e.label.startswith("[1]") for e in at.expander)

    from advisor.store import Store

    saved = Store().list_recommendations(source="ui")
    assert saved and saved[0]["id"] == result.id


def test_the_result_explains_the_pick_against_the_other_candidates():
    at = open_page("advisor", use_case=USE_CASE, submit="1")
    no_exception(at)
    result = at.session_state["f__result"]
    text = " ".join(m.value for m in at.markdown)
    assert "Why this model" in text
    assert f"among the {len(result.candidates)} models that meet your constraints" in text
    # the figure as published, with its snapshot and date; an estimate is marked as one
    assert re.search(
        r"Quality for question-answering: (\d+(\.\d+)? \(AA Intelligence Index\)"
        r"|~ \(not measured; sibling \S+: [\d.]+\)) \(.*as of \d{4}-\d\d-\d\d\)",
        text,
    )
    # every alternative is listed with its labels as badges
    for alt in result.alternatives:
        assert alt.label in text
    assert re.search(
        r":(green|blue|violet|orange)-badge\[(cheaper|higher quality|self-hostable)", text
    )
    charts = at.get("plotly_chart")
    assert len(charts) == 2, "the cost chart and the quality-versus-cost chart"
    import json

    figure = json.loads(charts[0].proto.spec)
    names = [trace["name"] for trace in figure["data"]]
    assert names[0] == "pick"
    named = [note["text"] for note in figure["layout"]["annotations"]]
    assert result.model.label in named and all(alt.label in named for alt in result.alternatives)
    assert figure["layout"]["shapes"], "the budget line"


def test_bad_value_gets_a_message_next_to_the_field_and_nothing_typed_is_lost():
    at = open_page("advisor")
    at.text_area(key="f_use_case").input("Summarise our weekly meeting notes").run()
    at.number_input(key="f_requests_per_month").set_value(300).run()
    at.text_input(key="f_languages").input("en, klingon").run()
    at.button(key="f_submit_btn").click().run()
    no_exception(at)
    messages = errors(at)
    assert any("**Languages**" in m and "ISO 639-1" in m for m in messages), messages
    assert not at.success
    # everything typed is still there
    assert at.text_area(key="f_use_case").value == "Summarise our weekly meeting notes"
    assert at.number_input(key="f_requests_per_month").value == 300
    assert at.text_input(key="f_languages").value == "en, klingon"
    # fixing the field clears the message and gives the recommendation
    at.text_input(key="f_languages").input("en").run()
    at.button(key="f_submit_btn").click().run()
    assert not errors(at)
    assert at.success


def test_a_negative_number_blocks_submit_in_plain_words_and_stays_as_typed():
    at = open_page("advisor")
    at.text_area(key="f_use_case").input("Summarise our weekly meeting notes").run()
    at.number_input(key="f_monthly_budget_usd").set_value(-500.0).run()
    at.button(key="f_submit_btn").click().run()
    no_exception(at)
    assert any("**Budget per month (USD)**: cannot be negative" in m for m in errors(at)), errors(
        at
    )
    assert not at.success and "f__result" not in at.session_state
    assert at.number_input(key="f_monthly_budget_usd").value == -500.0


def test_a_result_is_marked_out_of_date_when_an_answer_changes():
    at = open_page("advisor", use_case=USE_CASE, submit="1")
    assert at.success and not any("Out of date" in w.value for w in at.warning)
    at.number_input(key="f_monthly_budget_usd").set_value(20.0).run()
    assert any("Out of date" in w.value for w in at.warning)


def test_each_understood_value_is_one_entry_from_editing_and_the_advice_follows():
    """Read a description, then change one value it read with the Edit beside it: the form takes
    the value as the person's own and the recommendation is worked out again with it."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    at.text_area(key="f_use_case").input(USE_CASE).run()
    at.button(key="f_submit_btn").click().run()
    no_exception(at)
    before = at.session_state["f__result"]
    read = {i.field: i for i in before.understood if i.source == "read"}
    # the values the description gave are listed as read, with the words they came from
    assert read["requests_per_month"].value == 20000
    assert "20k questions" in read["requests_per_month"].evidence
    assert {"task", "monthly_budget_usd"} <= set(read)
    lines = " ".join(m.value for m in at.markdown)
    assert "read from `" in lines and "Input tokens per request: 500 tokens (assumed)" in lines
    # every listed value that is a form field has its Edit control
    edits = {w.key for w in at.number_input if w.key and w.key.startswith("fe_")}
    assert {f"fe_advice_{before.id}_{f}" for f in ("requests_per_month", "input_tokens")} <= edits

    at.number_input(key=f"fe_advice_{before.id}_requests_per_month").set_value(2_000_000).run()
    no_exception(at)
    after = at.session_state["f__result"]
    assert after.id != before.id
    assert after.questionnaire["requests_per_month"] == 2_000_000
    # a hundred times the questions on the same $200 budget: the pick must cost less per question
    assert after.cost.monthly_usd / 2_000_000 < before.cost.monthly_usd / 20_000
    assert "2,000,000 requests a month" in api.understood_line(after)
    assert at.number_input(key="f_requests_per_month").value == 2_000_000
    assert "requests_per_month" not in at.session_state["f__inferred"]
    assert not any("Out of date" in w.value for w in at.warning)
    # the edited value stays on the list, now as the person's own, still one entry from editing
    given = {i.field: i for i in after.understood if i.source == "given"}
    assert "requests_per_month" not in given  # the core lists read and assumed values only
    assert any(
        "Requests per month: 2,000,000 a month (as you set it)" in m.value for m in at.markdown
    )
    assert at.number_input(key=f"fe_advice_{after.id}_requests_per_month").value == 2_000_000
    # an assumed default is edited the same way
    at.number_input(key=f"fe_advice_{after.id}_input_tokens").set_value(4000).run()
    edited = at.session_state["f__result"]
    assert edited.questionnaire["input_tokens"] == 4000
    assert (
        "input tokens per request" not in api.understood_line(edited).lower()
    )  # no longer assumed
    assert edited.cost.breakdown != after.cost.breakdown


def test_the_short_form_comes_first_and_the_rest_waits_under_more_details():
    at = open_page("advisor")
    details = [e for e in at.expander if e.label.startswith("More details")]
    assert len(details) == 1
    inside = {w.key for w in [*details[0].number_input, *details[0].selectbox]}
    assert "f_input_tokens" in inside and "f_deployment" in inside
    assert "f_monthly_budget_usd" not in inside and "f_requests_per_month" not in inside


def test_an_empty_questionnaire_asks_for_the_use_case():
    at = open_page("advisor")
    at.button(key="f_submit_btn").click().run()
    no_exception(at)
    assert any(m.startswith("**Use case**") for m in errors(at)), errors(at)
    assert not at.success


def test_nothing_typed_is_lost_when_visiting_another_page():
    at = open_page("advisor")
    at.text_area(key="f_use_case").input("Translate product descriptions into Swedish").run()
    at.number_input(key="f_monthly_budget_usd").set_value(75.0).run()
    at.switch_page(PAGES["catalog"]).run()
    at.switch_page(PAGES["advisor"]).run()
    no_exception(at)
    assert at.text_area(key="f_use_case").value == "Translate product descriptions into Swedish"
    assert at.number_input(key="f_monthly_budget_usd").value == 75.0


def test_query_parameters_prefill_the_questionnaire():
    at = open_page(
        "advisor",
        use_case="Classify support tickets into 8 categories",
        task="classification",
        monthly_budget_usd="50",
        requests_per_month="100000",
        deployment="self-hosted",
        private_knowledge="no",
    )
    no_exception(at)
    assert at.text_area(key="f_use_case").value == "Classify support tickets into 8 categories"
    assert at.selectbox(key="f_task").value == "classification"
    assert at.number_input(key="f_monthly_budget_usd").value == 50.0
    assert at.number_input(key="f_requests_per_month").value == 100000
    assert at.selectbox(key="f_deployment").value == "self-hosted"
    assert at.selectbox(key="f_data.private_knowledge").value == "no"
    assert not errors(at)


def test_a_bad_query_parameter_is_named_and_the_rest_still_prefills():
    at = open_page("advisor", task="poetry", monthly_budget_usd="lots", use_case="Write haiku")
    no_exception(at)
    messages = " ".join(errors(at))
    assert "**Task**" in messages and "poetry" in messages
    assert "**Budget per month (USD)**" in messages
    assert at.text_area(key="f_use_case").value == "Write haiku"


def test_query_parameter_submit_runs_the_advice_at_once():
    at = open_page("advisor", task="summarization", requests_per_month="1000", submit="1")
    no_exception(at)
    assert at.success and "Recommended:" in at.success[0].value


# --- Catalog ---------------------------------------------------------------------------------------


def table_rows(at: AppTest):
    return at.dataframe[0].value


def test_catalog_filters_the_table():
    at = open_page("catalog")
    no_exception(at)
    everything = table_rows(at)
    assert len(everything) >= 20

    at.selectbox(key="cat_task").set_value("image-generation").run()
    rows = table_rows(at)
    assert 3 <= len(rows) < len(everything)
    assert all("image-generation" in tasks for tasks in rows["tasks"])

    at.radio(key="cat_weights").set_value("Open weights").run()
    rows = table_rows(at)
    assert len(rows) >= 1 and set(rows["weights"]) == {"open"}

    at.selectbox(key="cat_task").set_value("All").run()
    at.radio(key="cat_weights").set_value("Proprietary").run()
    at.number_input(key="cat_min_context").set_value(200000).run()
    at.number_input(key="cat_max_price").set_value(1.0).run()
    rows = table_rows(at)
    assert len(rows) >= 1
    assert set(rows["weights"]) == {"proprietary"}
    assert (rows["context"] >= 200000).all()
    assert (rows["input $/1M"] <= 1.0).all()
    no_exception(at)


def test_catalog_task_filter_offers_tool_use_ranked_by_the_agentic_index():
    """As the Advisor ranks a job that must call tools: the models that call tools, each with its
    AA Agentic Index figure (or its labelled estimate)."""
    at = open_page("catalog")
    task = at.selectbox(key="cat_task")
    assert "tool use (function calling)" in task.options
    task.set_value("function-calling").run()
    no_exception(at)
    rows = table_rows(at).set_index("id")
    catalog = load_catalog()
    assert len(rows) >= 20
    assert all("function-calling" in catalog.get(i).capabilities for i in rows.index)
    assert rows.loc["claude-fable-5-1", "quality"] == 57.9
    assert rows.loc["claude-fable-5-1", "quality figure"] == "57.9 (AA Agentic Index)"
    assert rows.loc["claude-fable-5-2", "quality figure"].startswith("~ (not measured; sibling ")
    assert rows.loc["gpt-4o-mini", "quality figure"] == "not measured"


def load_catalog():
    from advisor.catalog.catalog import load_catalog as load

    return load()


def today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def retired_ids(catalog) -> set[str]:
    return {m.id for m in catalog.models if m.retired(today())}


def test_catalog_hides_retired_models_unless_asked_and_marks_them():
    catalog = load_catalog()
    retired = retired_ids(catalog)
    assert retired, "the catalog has retired models to hide"
    at = open_page("catalog")
    no_exception(at)
    assert any(f"Catalog facts as of {catalog.facts_as_of}" in c.value for c in at.caption)
    assert at.toggle(key="cat_show_retired").value is False
    rows = table_rows(at).set_index("id")
    assert not set(rows.index) & retired
    assert not rows["status"].str.contains("retired").any()
    assert any(f"{len(retired)} retired model(s) hidden" in m.value for m in at.markdown)
    # retiring within 90 days: marked, with the successor's name
    soon = [m for m in catalog.models if m.retires_within(today(), 90) and not m.retired(today())]
    for m in soon:
        assert rows.loc[m.id, "status"] == f"⚠️ retires {m.deprecation_date}"
        if m.successor:
            assert rows.loc[m.id, "successor"] == catalog.get(m.successor).name

    at.toggle(key="cat_show_retired").set_value(True).run()
    no_exception(at)
    rows = table_rows(at).set_index("id")
    assert retired <= set(rows.index)
    for model_id in retired:
        model = catalog.get(model_id)
        assert rows.loc[model_id, "status"] == f"⛔ retired {model.deprecation_date}"
        if model.successor:
            assert rows.loc[model_id, "successor"] == catalog.get(model.successor).name
    current = set(rows.index) - retired
    assert not rows.loc[list(current), "status"].str.contains("retired").any()


def test_catalog_detail_names_the_successor_and_opens_it():
    catalog = load_catalog()
    model = next(
        m
        for m in catalog.models
        if m.id in retired_ids(catalog) and m.successor and catalog.find(m.successor)
    )
    successor = catalog.get(model.successor)
    at = open_page("catalog")
    at.toggle(key="cat_show_retired").set_value(True).run()
    at.selectbox(key="cat_detail").set_value(model.id).run()
    no_exception(at)
    warning = " ".join(w.value for w in at.warning)
    assert f"retired this model on {model.deprecation_date}; successor: {successor.name}" in warning
    at.button(key=f"cat_successor_{model.id}_btn").click().run()
    no_exception(at)
    assert at.selectbox(key="cat_detail").value == successor.id
    assert any(f"#### {successor.name}" in m.value for m in at.markdown)
    # the quality figure's source and date are in the model card
    quality = [f.value for f in at.dataframe if "source" in f.value.columns]
    assert quality and set(quality[0]["as of"]) == {q.as_of for q in successor.quality.values()}


def test_catalog_shows_hosted_speed_with_its_source():
    catalog = load_catalog()
    fast = [m for m in catalog.models if m.speed and m.speed.output_tokens_per_s]
    fast = [m for m in fast if not m.retired(today())]
    assert fast, "the catalog has hosted speed figures"
    at = open_page("catalog")
    rows = table_rows(at).set_index("id")
    assert {"output tokens/s", "first token s"} <= set(rows.columns)
    for m in fast:
        assert rows.loc[m.id, "output tokens/s"] == m.speed.output_tokens_per_s
    timed = [m for m in fast if m.speed.ttft_s]
    for m in timed:
        assert rows.loc[m.id, "first token s"] == m.speed.ttft_s
    assert rows["output tokens/s"].isna().any()  # unknown speed stays blank, never made up
    assert "artificialanalysis.ai" in at.dataframe[0].proto.columns
    at.selectbox(key="cat_detail").set_value(fast[0].id).run()
    assert any(
        "**Speed (hosted):**" in m.value and "output tokens/s" in m.value for m in at.markdown
    )


def test_catalog_search_by_name():
    at = open_page("catalog")
    at.text_input(key="cat_search").input("GPT 4o").run()
    no_exception(at)
    rows = table_rows(at)
    assert "gpt-4o-mini" in set(rows["id"])
    for name, model_id in zip(rows["name"], rows["id"], strict=True):
        text = f"{name} {model_id}".lower()
        assert "gpt" in text and "4o" in text
    at.text_input(key="cat_search").input("no such model anywhere").run()
    assert any("No model matches" in i.value for i in at.info)


def test_catalog_capability_deployment_and_licence_filters():
    catalog = load_catalog()
    at = open_page("catalog")
    at.multiselect(key="cat_capabilities").set_value(["vision-input", "function-calling"]).run()
    at.multiselect(key="cat_deployment").set_value(["self-hosted"]).run()
    no_exception(at)
    rows = table_rows(at)
    assert len(rows) >= 1
    for model_id in rows["id"]:
        model = catalog.get(model_id)
        assert {"vision-input", "function-calling"} <= set(model.capabilities)
        assert "self-hosted" in model.deployment
    at.multiselect(key="cat_capabilities").set_value([]).run()
    at.multiselect(key="cat_license").set_value(["apache-2.0", "mit"]).run()
    rows = table_rows(at)
    assert len(rows) >= 2
    assert {catalog.get(i).license for i in rows["id"]} == {"apache-2.0", "mit"}


def test_catalog_blended_price_and_no_empty_price_columns_for_a_text_task():
    at = open_page("catalog")
    assert {"$/image", "$/audio min", "blended $/1M"} <= set(table_rows(at).columns)
    at.selectbox(key="cat_task").set_value("chat").run()
    rows = table_rows(at).set_index("id")
    assert "$/image" not in rows.columns and "$/audio min" not in rows.columns
    # 3:1 input:output, said next to the table
    assert rows.loc["gpt-4o-mini", "blended $/1M"] == pytest.approx((3 * 0.15 + 0.6) / 4)
    assert any("3:1 input:output" in c.value for c in at.caption)
    # the figure as published, and an estimate that reads as one (never a number to sort by)
    assert rows.loc["claude-fable-5-1", "quality"] == 53.4
    assert rows.loc["claude-fable-5-1", "quality figure"] == "53.4 (AA Intelligence Index)"
    assert pd.isna(rows.loc["claude-fable-5-2", "quality"])
    assert rows.loc["claude-fable-5-2", "quality figure"].startswith("~ (not measured; sibling ")
    assert rows.loc["gpt-4o", "quality figure"] == "not measured"
    at.selectbox(key="cat_task").set_value("image-generation").run()
    assert "$/image" in table_rows(at).columns


def test_catalog_shows_your_monthly_cost_and_the_pick_when_a_recommendation_is_in_session():
    from advisor import api
    from advisor.advice.recommender import recommend

    answers = {"task": "question-answering", "requests_per_month": 20000}
    rec = recommend(api.parse_questionnaire(answers))
    at = open_page("catalog")
    assert "your $/month" not in table_rows(at).columns  # no workload yet, no column
    at.session_state["f__result"] = rec
    at.session_state["f__result_answers"] = answers
    at.run()
    no_exception(at)
    rows = table_rows(at).set_index("id")
    assert rows.loc[rec.model.id, "your $/month"] == pytest.approx(rec.cost.monthly_usd, abs=0.01)
    catalog = load_catalog()
    for model_id in list(rows.index)[:20]:
        model = catalog.get(model_id)
        expected = (
            api.monthly_cost_of(answers, model_id) if "question-answering" in model.tasks else None
        )
        got = rows.loc[model_id, "your $/month"]
        assert (got != got and expected is None) or got == pytest.approx(expected)
    assert any("your \\$/month" in c.value and rec.model.name in c.value for c in at.caption)
    open_tab(at, "cat_tab", "Quality vs price")
    at.selectbox(key="cat_plot_task").set_value("question-answering").run()
    import json

    figure = json.loads(at.get("plotly_chart")[-1].proto.spec)
    picked = [t for t in figure["data"] if t["name"].startswith("recommended")]
    assert picked and picked[0]["customdata"] == [[rec.model.id]]
    # for the workload's task the axis is what each model would cost you a month
    assert at.radio(key="cat_plot_axis").value == "your cost per month"
    assert "your cost per month" in figure["layout"]["xaxis"]["title"]["text"]
    assert picked[0]["x"] == [pytest.approx(rec.cost.monthly_usd, abs=0.01)]


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Tabs run lazily (only the open one's content): open one as a click would."""
    at.session_state[key] = label
    return at.run()


def test_catalog_detail_compare_and_scatter():
    at = open_page("catalog")
    at.selectbox(key="cat_detail").set_value("gpt-4o-mini").run()
    assert any("GPT-4o mini" in m.value for m in at.markdown)
    open_tab(at, "cat_tab", "Compare (up to 3)")
    # nothing is preselected: a pair picked for you would read as a suggestion
    assert at.multiselect(key="cat_compare").value == []
    assert any("Pick up to 3 models" in i.value for i in at.info)
    chosen = ["gpt-4o-mini", LOCAL, "gpt-5.4-mini"]
    at.multiselect(key="cat_compare").set_value(chosen).run()
    no_exception(at)
    compared = [frame.value for frame in at.dataframe if "price" in frame.value.index]
    assert compared and len(compared[0].columns) == 3
    frame = compared[0]
    catalog = load_catalog()
    models = [catalog.get(i) for i in chosen]
    # the best of each row is starred: quality for the task in view, the lowest blended price
    task = at.selectbox(key="cat_compare_task").value
    # the published figure; only measured ones compete, the others say they are not measured
    row = list(frame.loc[f"quality ({task})"])
    assert row[2] == "24.1 (AA Intelligence Index)" and row[0] == "not measured"
    assert not any(str(cell).startswith("★") for cell in row), "one measured figure: no contest"
    assert "$/image" not in frame.index  # none of them makes images
    blended = frame.loc["blended $/1M"]
    cheapest = min(
        (m for m in models if m.price("input_per_1m")), key=lambda m: m.price("input_per_1m")
    )
    assert str(blended[cheapest.name]).startswith("★")
    open_tab(at, "cat_tab", "Quality vs price")
    charts = at.get("plotly_chart")
    assert charts, "the quality-vs-price scatter is missing"
    import json

    figure = json.loads(charts[-1].proto.spec)
    assert figure["layout"]["xaxis"]["type"] == "log"
    assert figure["layout"]["xaxis"]["tickprefix"] == "$"
    names = {trace["name"] for trace in figure["data"]}
    assert names == {"open weights", "proprietary", "best value frontier"}
    # points are labelled with model names, and retired models are left out by default
    labels = {text for trace in figure["data"] for text in trace.get("text") or [] if text}
    names = {m.name for m in catalog.models}
    assert labels and labels <= names
    plotted = {point[0] for trace in figure["data"] for point in trace["customdata"]}
    retired = retired_ids(catalog)
    assert plotted and not plotted & retired
    assert plotted & {m.id for m in catalog.models if (m.released or "") >= "2026"}


# --- Playground ------------------------------------------------------------------------------------


@pytest.mark.model
def test_playground_streams_an_answer_from_the_local_model_with_its_figures():
    at = open_page("playground")
    no_exception(at)
    assert at.selectbox(key="pg_model").value == LOCAL
    at.number_input(key="pg_max_tokens").set_value(16).run()
    at.chat_input(key="pgw_chat").set_value("Say hello in one short sentence.").run()
    no_exception(at)
    assert not errors(at)
    roles = [m.name for m in at.chat_message]
    assert roles[-2:] == ["user", "assistant"]
    answer = at.session_state["pgx_messages"][-1]
    assert answer["role"] == "assistant" and answer["content"].strip()
    figures = {m.label: m.value for m in at.metric}
    for label in ("Latency", "First token", "Input tokens", "Output tokens", "Cost"):
        assert label in figures
    assert float(figures["Latency"].split()[0]) > 0
    assert int(figures["Output tokens"]) > 0
    # the run is in the log, and the run history tab shows it
    from advisor.store import Store

    assert any(run["model"] == LOCAL and run["source"] == "ui" for run in Store().list_runs())


@pytest.mark.model
def test_playground_model_link_asks_for_the_routes_key_and_the_stand_in_is_opt_in():
    at = open_page("playground", model="gpt-4o-mini")
    no_exception(at)
    assert at.selectbox(key="pg_model").value == "gpt-4o-mini"
    warning = " ".join(w.value for w in at.warning)
    assert "GPT-4o mini" in warning and "set OPENAI_API_KEY or OPENROUTER_API_KEY" in warning
    # a key box for this session only, for either route that runs the model
    assert at.radio(key="pg_pick_key_var").options == ["OPENAI_API_KEY", "OPENROUTER_API_KEY"]
    assert any(t.key == "pg_pick_key_OPENAI_API_KEY" for t in at.text_input)
    assert any("this browser session only" in c.value for c in at.caption)
    # the stand-in is off until the user switches it on, and then it says so
    assert at.toggle(key="pg_stand_in").value is False
    assert not any("stand-in" in i.value.lower() for i in at.info)
    at.toggle(key="pg_stand_in").set_value(True).run()
    assert any("Stand-in on" in i.value and LOCAL in i.value for i in at.info)

    at.number_input(key="pg_max_tokens").set_value(8).run()
    at.chat_input(key="pgw_chat").set_value("Hi").run()
    no_exception(at)
    last = at.session_state["pgx_messages"][-1]
    assert last["result"].model == LOCAL
    assert last["stand_in_for"] == "gpt-4o-mini"


@pytest.mark.model
def test_compare_lists_a_model_that_needs_a_key_and_says_what_to_set():
    at = open_page("playground")
    open_tab(at, "pg_tab", "Compare")
    offered = at.multiselect(key="pg_compare_models").options
    assert any("Claude Sonnet 4.5" in o and "set ANTHROPIC_API_KEY" in o for o in offered)
    at.number_input(key="pg_max_tokens").set_value(6).run()
    at.multiselect(key="pg_compare_models").set_value([LOCAL, "claude-sonnet-4-5"]).run()
    # the routes the picked models still need get a key box
    assert at.radio(key="pg_compare_key_var").options == [
        "ANTHROPIC_API_KEY",
        "OPENROUTER_API_KEY",
    ]
    at.text_area(key="pg_compare_prompt").input("Name one colour.").run()
    at.button(key="pg_compare_btn").click().run()
    no_exception(at)
    assert not errors(at)
    lines = [w.value for w in at.warning]
    assert "Not run: set ANTHROPIC_API_KEY or OPENROUTER_API_KEY." in lines
    assert any("first token s" in frame.value.columns for frame in at.dataframe)  # LOCAL ran

    # Eval lists it the same way; it gets one line and the scorecard holds the models that ran
    open_tab(at, "pg_tab", "Eval set")
    at.multiselect(key="pg_eval_models").set_value([LOCAL, "claude-sonnet-4-5"]).run()
    evalset = "name: tiny\nmax_tokens: 4\ncases:\n  - prompt: Say yes.\n    expect: {regex: '.'}\n"
    at.text_area(key="pg_eval_text").input(evalset).run()
    at.button(key="pg_eval_btn").click().run()
    no_exception(at)
    assert not errors(at)
    assert any("not run: set ANTHROPIC_API_KEY" in w.value for w in at.warning)
    assert [m["model"] for m in at.session_state["pgx_scorecard"]["models"]] == [LOCAL]


def test_playground_link_to_the_local_model_runs_it_directly():
    at = open_page("playground", model=LOCAL)
    no_exception(at)
    assert at.selectbox(key="pg_model").value == LOCAL
    assert not at.warning


def test_playground_unknown_model_link_says_so():
    at = open_page("playground", model="no-such-model")
    no_exception(at)
    assert any("no-such-model" in e for e in errors(at))


def test_playground_bad_few_shot_line_is_named():
    at = open_page("playground")
    at.sidebar.text_area(key="pg_examples").input("great => positive\nno arrow here").run()
    no_exception(at)
    assert any("Few-shot examples" in e and "line 2" in e for e in errors(at))


@pytest.mark.model
@pytest.mark.index
def test_playground_grounded_run_compare_and_eval_set():
    at = open_page("playground")
    at.number_input(key="pg_max_tokens").set_value(12).run()
    at.sidebar.radio(key="pg_grounding").set_value("Knowledge base").run()
    at.chat_input(key="pgw_chat").set_value("What is RAG?").run()
    no_exception(at)
    assert not errors(at)
    result = at.session_state["pgx_messages"][-1]["result"]
    assert result.passages, "a grounded run shows the passages it used"
    assert any(e.label.startswith("Passages used for grounding") for e in at.expander)

    at.sidebar.radio(key="pg_grounding").set_value("None").run()
    open_tab(at, "pg_tab", "Compare")
    at.text_area(key="pg_compare_prompt").input("Name one colour.").run()
    at.button(key="pg_compare_btn").click().run()
    no_exception(at)
    assert not errors(at)
    assert any("first token s" in frame.value.columns for frame in at.dataframe)

    open_tab(at, "pg_tab", "Eval set")
    evalset = "name: tiny\nmax_tokens: 8\ncases:\n  - prompt: Say yes.\n    expect: {regex: '.'}\n"
    at.text_area(key="pg_eval_text").input(evalset).run()
    at.button(key="pg_eval_btn").click().run()
    no_exception(at)
    card = at.session_state["pgx_scorecard"]
    assert card["name"] == "tiny" and card["models"][0]["total"] == 1
    assert any("Scorecard" in m.value for m in at.markdown)

    at.text_area(key="pg_eval_text").input("cases: []").run()
    at.button(key="pg_eval_btn").click().run()
    assert any("**Eval set**" in e for e in errors(at))


# --- Knowledge and History -----------------------------------------------------------------------------


@pytest.mark.index
def test_knowledge_page_answers_with_citations():
    if not has_module("advisor.answers.qa"):
        pytest.skip("advisor.answers.qa is not there yet")
    at = open_page("knowledge")
    at.text_input(key="kb_question").input("When should I fine-tune instead of using RAG?")
    at.button[0].click().run()  # the form's Ask button
    no_exception(at)
    assert not errors(at)
    answer = at.session_state["kbx_answer"]["result"].to_json()
    assert answer["answer"] and answer["citations"]
    assert any(e.label.startswith("[1]") for e in at.expander)
    # Readers see titles and links to the articles, not ids, scores or the answer's mode.
    shown = " ".join([*(c.value for c in at.caption), *(e.label for e in at.expander)])
    assert "mode:" not in shown and "score" not in shown
    assert not any(c["id"] in shown for c in answer["citations"]), shown


def test_a_citation_link_opens_its_article():
    at = open_page("knowledge", article="rag-basics")
    no_exception(at)
    assert at.session_state["kb_topic"] == "rag"
    opened = [e for e in at.expander if e.label == "Retrieval-augmented generation (RAG)"]
    assert opened, [e.label for e in at.expander]
    sources = " ".join(c.value for c in at.caption)
    assert "Exploring and comparing different LLMs" in sources and "000_" not in sources


def test_knowledge_page_browses_articles_by_topic():
    at = open_page("knowledge")
    open_tab(at, "kb_tab", "Browse by topic")
    topics = at.selectbox(key="kb_topic").options
    assert len(topics) >= 10
    at.selectbox(key="kb_topic").set_value("rag").run()
    no_exception(at)
    assert at.expander, "no article listed for the topic"


def test_a_history_link_opens_that_decision():
    from advisor.advice.service import advise

    first = advise({"use_case": "Classify support tickets", "task": "classification"}, source="cli")
    advise({"use_case": "Translate manuals", "task": "translation"}, source="cli")
    at = open_page("history", id=str(first.id))
    no_exception(at)
    assert at.session_state["hist_pick"] == first.id
    assert any(first.model.label in s.value for s in at.success)
    at = open_page("history", id="999999")
    assert any("No recommendation #999999" in w.value for w in at.warning)


def test_history_lists_recommendations_from_every_source():
    from advisor.advice.service import advise

    advise({"task": "translation", "requests_per_month": 500}, source="cli")
    at = open_page("history")
    no_exception(at)
    sources = set(at.dataframe[0].value["source"])
    assert "cli" in sources
    at.radio(key="hist_source").set_value("cli").run()
    assert set(at.dataframe[0].value["source"]) == {"cli"}
    assert at.success, "the picked recommendation is shown"


def test_catalog_marks_retired_models_and_leaves_missing_prices_blank():
    at = open_page("catalog")
    at.toggle(key="cat_show_retired").set_value(True).run()
    rows = table_rows(at).set_index("id")
    assert rows.loc["gpt-4.1-nano", "status"] == "⛔ retired 2026-10-23"  # past its date
    assert rows.loc["gemini-embedding-001", "status"] == "retires 2028-05-14"
    assert rows["$/image"].dtype.kind == "f"  # numbers (shown blank when missing), never "None"
    at.selectbox(key="cat_detail").set_value("gpt-4.1-nano").run()
    no_exception(at)
    assert any("retired" in w.value for w in at.warning)
    assert any("**Max output:** 32,768 tokens" in m.value for m in at.markdown)


def test_history_shows_readable_times_and_a_humanised_cost_breakdown():
    from advisor.advice.service import advise

    advise({"task": "question-answering", "requests_per_month": 5000}, source="cli")
    at = open_page("history")
    when = at.dataframe[0].value["when"].iloc[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", when), when
    breakdown = [f.value for f in at.dataframe if "item" in f.value.columns]
    assert breakdown, "the cost breakdown table is missing"
    items = list(breakdown[0]["item"])
    assert "Input tokens" in items and not any("_" in item for item in items)
    assert all(
        a.startswith("$") for i, a in breakdown[0][["item", "amount"]].values if "tokens" in i
    )


def test_playground_max_tokens_default_matches_the_cli():
    at = open_page("playground")
    assert at.number_input(key="pg_max_tokens").value == 256


def test_the_form_shows_every_questionnaire_field_from_the_core():
    """The form is made from the questionnaire's own field metadata (a new field needs no UI
    change): every field has its widget, under its label."""
    from advisor.api import fields

    at = open_page("advisor")
    keys = {w.key for w in [*at.text_area, *at.text_input, *at.number_input, *at.selectbox,
                            *at.multiselect]}  # fmt: skip
    for path in fields.FIELDS:
        assert f"f_{path}" in keys, path
    assert at.selectbox(key="f_priority").label == "What matters most"


def test_history_marks_a_stale_decision_compares_it_and_dismisses_it():
    import datetime as dt
    import json

    from advisor import api
    from advisor.advice.service import advise

    decision = advise({"task": "chat", "requests_per_month": 3000}, source="cli")
    today = dt.date.today().isoformat()
    retired = next(
        m for m in api.catalog().models if "chat" in m.tasks and m.lifecycle(today) == "retired"
    )
    store = api.store()
    result = {**decision.to_json(), "model": api.ModelInfo.of(retired).model_dump(mode="json")}
    with store.db.conn:  # as if made back when the now-retired model was current
        store.db["recommendations"].update(
            decision.id, {"model_id": retired.id, "result": json.dumps(result)}
        )

    at = open_page("history")
    at.button(key="hist_watch_btn").click().run()
    no_exception(at)
    table = at.dataframe[0].value.set_index("id")
    assert "retired" in table.loc[decision.id, "stale"]
    at.selectbox(key="hist_pick").set_value(decision.id).run()
    (warning,) = [w.value for w in at.warning if "Stale decision" in w.value]
    assert retired.name in warning and retired.deprecation_date in warning

    (finding,) = api.findings_for(decision.id, store)
    at.button(key=f"hist_compare_{finding.id}_btn").click().run()
    no_exception(at)
    shown = " ".join(m.value for m in at.markdown)
    assert "Your decision" in shown and "Today's pick" in shown and retired.name in shown

    at.button(key=f"hist_dismiss_{finding.id}_btn").click().run()
    no_exception(at)
    assert not [w for w in at.warning if "Stale decision" in w.value]
    assert api.findings_for(decision.id, store)[0].status == "dismissed"


def test_history_collapses_repeats_and_links_each_row():
    from advisor.advice.service import advise

    answers = {"use_case": "Tag invoices by supplier", "task": "classification"}
    ids = [advise(dict(answers), source="cli").id for _ in range(3)]
    at = open_page("history")
    no_exception(at)
    table = at.dataframe[0].value
    mine = table[table["use case"] == answers["use_case"]]
    assert list(mine["id"]) == [ids[-1]] and list(mine["times"]) == [3]  # once, the newest
    assert list(mine["link"]) == [f"history?id={ids[-1]}"]
    assert list(table["id"]) == sorted(table["id"], reverse=True)  # newest first
    assert at.selectbox(key="hist_pick").options.count(f"#{ids[-1]}") <= 1
    assert not [o for o in at.selectbox(key="hist_pick").options if o.startswith(f"#{ids[0]} ")]


def test_history_deletes_a_decision_only_after_confirming():
    from advisor import api
    from advisor.advice.service import advise

    decision = advise(
        {"use_case": "Summarise board minutes", "task": "summarization"}, source="cli"
    )
    api.store().save_feedback(decision.id, "U1", "up")
    at = open_page("history", id=str(decision.id))
    at.button(key="hist_delete_btn").click().run()
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key="hist_delete_no_btn").click().run()  # cancel keeps it
    assert api.store().get_recommendation(decision.id) is not None
    at.button(key="hist_delete_btn").click().run()
    at.button(key="hist_delete_yes_btn").click().run()
    no_exception(at)
    assert any(f"Deleted recommendation #{decision.id}" in s.value for s in at.success)
    assert api.store().get_recommendation(decision.id) is None
    assert api.store().list_feedback(decision.id) == []
    # the table lists what is left, if anything (the app's first run may have advised too)
    assert not at.dataframe or decision.id not in set(at.dataframe[0].value["id"])
    assert "hist_pick" not in at.session_state or at.session_state["hist_pick"] != decision.id


def test_edit_in_advisor_opens_the_form_with_the_decisions_answers():
    from advisor.advice.service import advise

    decision = advise(
        {"use_case": "Answer HR questions", "task": "question-answering",
         "monthly_budget_usd": 75, "requests_per_month": 4000},
        source="cli",
    )  # fmt: skip
    at = open_page("history", id=str(decision.id))
    at.button(key="hist_edit_btn").click().run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Advisor"]
    at.switch_page(PAGES["advisor"]).run()  # AppTest's next run would go back to its own page
    assert at.text_area(key="f_use_case").value == "Answer HR questions"
    assert at.selectbox(key="f_task").value == "question-answering"
    assert at.number_input(key="f_monthly_budget_usd").value == 75.0
    assert at.number_input(key="f_requests_per_month").value == 4000
    assert at.number_input(key="f_input_tokens").value is None  # assumed, so left unset
    # the decision is shown beside its answers, current until one of them changes
    assert any(decision.model.label in s.value for s in at.success)
    assert not any("Out of date" in w.value for w in at.warning)
    at.number_input(key="f_monthly_budget_usd").set_value(5.0).run()
    assert any("Out of date" in w.value for w in at.warning)

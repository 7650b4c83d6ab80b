"""Catalog: search and filter the models, sort the table, click a row for its card, compare up to
3, and see quality against price. Retired models are hidden unless asked for; retiring ones are
marked. With an Advisor result in the session, each model's monthly cost for that workload shows."""

from __future__ import annotations

import streamlit as st

from advisor import api
from ui import shared, state
from ui.components.catalog_chart import scatter
from ui.components.catalog_table import filters, models_table, pick_task
from ui.components.format import plain
from ui.components.model_card import is_retired, retires_soon
from ui.components.model_compare import compare
from ui.components.model_detail import detail


def workload():
    """The Advisor's last result and the answers behind it, or (None, None)."""
    rec, answers = state.advisor.result, state.advisor.result_answers
    if rec is None or not answers:
        return None, None
    return rec, answers


def show_retired() -> bool:
    st.session_state.setdefault("cat_show_retired", False)
    st.toggle(
        "Show retired models",
        key="cat_show_retired",
        help="Models past their provider's retirement date are hidden unless this is on.",
    )
    return bool(st.session_state["cat_show_retired"])


def suffix(model) -> str:
    if is_retired(model):
        return " — retired"
    return " — retiring soon" if retires_soon(model) else ""


def detail_tab(models, ids: list[str], names: dict[str, str]) -> None:
    if state.catalog.detail not in ids:
        state.catalog.detail = ids[0]
    st.selectbox("Model", ids, format_func=names.get, key="cat_detail")
    detail(catalog.get(state.catalog.detail), ids)


def compare_tab(ids: list[str], names: dict[str, str], task: str | None, costs) -> None:
    # starts empty: a preselected pair would read as a suggestion
    state.catalog.compare = [i for i in state.catalog.compare if i in ids]
    st.multiselect(
        "Models to compare",
        ids,
        format_func=names.get,
        key="cat_compare",
        max_selections=3,
        placeholder="Choose up to 3 models",
    )
    picked = [catalog.get(i) for i in state.catalog.compare]
    if picked:
        compare(picked, task or pick_task(picked, "cat_compare_task"), costs)
    else:
        st.info("Pick up to 3 models to see them side by side, the best in each row marked.")


catalog = shared.catalog()
st.title("Catalog")
facts_as_of = getattr(catalog, "facts_as_of", None) or catalog.as_of
st.caption(
    f"**Catalog facts as of {facts_as_of}** · {len(catalog.models)} models · catalog reviewed "
    f"{catalog.as_of}. Click a column header to sort, a row's box to open its card."
)
chosen, toggle_slot = filters(catalog)
with toggle_slot:
    with_retired = show_retired()
matching = catalog.filter(
    **chosen,
    search=str(st.session_state.get("cat_search") or ""),
    capabilities=st.session_state.get("cat_capabilities") or (),
    deployment=st.session_state.get("cat_deployment") or (),
    licenses=st.session_state.get("cat_license") or (),
)
models = [m for m in matching if with_retired or not is_retired(m)]
hidden = len(matching) - len(models)
rec, answers = workload()
recommended = rec.model.id if rec is not None else None
work = rec.questionnaire.get("task") if rec is not None else None
costs = api.monthly_costs(answers, models, work, catalog) if rec is not None else None
st.markdown(
    f"**{len(models)} model(s) match.**" + (f" {hidden} retired model(s) hidden." if hidden else "")
)
if rec is not None:
    st.caption(
        f"**your \\$/month**: each model's monthly cost for your last Advisor answers "
        f"({rec.questionnaire.get('task', 'your task')}), planned as the Advisor plans it; the "
        f"Advisor picked {catalog.name_of(recommended)} at "
        f"{plain(api.money(rec.cost.monthly_usd))}. "
        "Blank where a model does not do that task or has no price for the deployments you allow."
    )
if not models:
    st.info("No model matches these filters; loosen one of them.")
else:
    models_table(models, chosen["task"], costs)
    # Lazy tabs: only the open tab's content runs, so the page draws fast.
    tab_detail, tab_compare, tab_plot = st.tabs(
        ["Model detail", "Compare (up to 3)", "Quality vs price"], key="cat_tab", on_change="rerun"
    )
    ids = [m.id for m in models]
    names = {m.id: f"{m.name} ({m.id}){suffix(m)}" for m in models}
    if tab_detail.open:
        with tab_detail:
            detail_tab(models, ids, names)
    if tab_compare.open:
        with tab_compare:
            compare_tab(ids, names, chosen["task"], costs)
    if tab_plot.open:
        with tab_plot:
            scatter(models, chosen["task"], recommended, costs, work)

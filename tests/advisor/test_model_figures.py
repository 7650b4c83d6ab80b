"""The figures the app's Catalog and History draw, decided in the core: quality per task, the
retirement wording, the best value for money, a side-by-side comparison, each model's monthly
cost for a workload, and repeated decisions grouped."""

from __future__ import annotations

from advisor import api
from advisor.advice.recommender import monthly_cost_of

CATALOG = api.catalog()
WIKI = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20_000,
}


def test_the_retirement_wording_follows_the_day_and_names_the_successor():
    model = next(m for m in CATALOG.models if m.deprecation_date and m.successor)
    date = model.deprecation_date
    successor = api.successor_name(model)
    before = api.figures.retirement_note(model, "2000-01-01")
    after = api.figures.retirement_note(model, "2100-01-01")
    assert (
        before == f"Deprecated: the provider retires this model on {date}; successor: {successor}."
    )
    assert after == f"Retired: the provider retired this model on {date}; successor: {successor}."
    assert api.figures.retirement_status(model, "2000-01-01") == f"retires {date}"
    assert api.figures.retirement_status(model, "2100-01-01") == f"retired {date}"
    undated = next(m for m in CATALOG.models if not m.deprecation_date)
    assert api.figures.retirement_note(undated, "2100-01-01") == ""
    assert api.figures.retirement_status(undated, "2100-01-01") == ""


def test_only_a_measured_figure_counts_as_quality_and_an_estimate_says_so():
    measured = next(m for m in CATALOG.models if "chat" in m.quality and m.quality["chat"].measured)
    estimated = next(
        (m for m in CATALOG.models if "chat" in m.quality and not m.quality["chat"].measured),
        None,
    )
    assert api.figures.measured_quality(measured, "chat") is not None
    assert not api.figures.quality_text(measured, "chat").startswith("~")
    if estimated is not None:
        assert api.figures.measured_quality(estimated, "chat") is None
        assert api.figures.quality_text(estimated, "chat").startswith("~")
    unrated = next((m for m in CATALOG.models if not m.quality), None)
    if unrated is not None:
        assert api.figures.quality_text(unrated, None) == "not measured"


def test_the_frontier_keeps_the_points_no_cheaper_point_beats():
    points = [
        {"id": "cheap", "price": 1.0, "quality": 40.0},
        {"id": "dear-and-worse", "price": 5.0, "quality": 35.0},
        {"id": "dear-and-better", "price": 5.0, "quality": 60.0},
        {"id": "dearest-and-best", "price": 9.0, "quality": 70.0},
        {"id": "dearest-but-worse", "price": 9.0, "quality": 50.0},
    ]
    assert api.figures.value_frontier(points) == {"cheap", "dear-and-better", "dearest-and-best"}


def test_a_comparison_marks_the_best_of_each_row_and_drops_rows_nobody_has():
    chat = [m for m in CATALOG.filter(task="chat") if m.price("input_per_1m")][:3]
    rows = {row.label: row for row in api.figures.compare_models(chat, "chat")}
    assert "quality (chat)" in rows  # kept even when no figure is measured
    assert "$/image" not in rows  # no chat model is priced per image
    prices = rows["input $/1M"].values
    cheapest = min(p for p in prices if p is not None)
    assert rows["input $/1M"].best == {i for i, p in enumerate(prices) if p == cheapest}
    windows = rows["context window"].values
    assert rows["context window"].best == {i for i, w in enumerate(windows) if w == max(windows)}
    costs = {chat[0].id: 10.0, chat[1].id: 5.0}
    with_costs = {row.label: row for row in api.figures.compare_models(chat, "chat", costs)}
    assert with_costs["your $/month"].best == {1}


def test_monthly_costs_are_the_single_costs_and_none_for_models_off_the_task():
    models = CATALOG.filter(task="question-answering")[:3] + CATALOG.filter(task="embeddings")[:1]
    costs = api.monthly_costs(WIKI, models, "question-answering", CATALOG)
    for model in models[:3]:
        assert costs[model.id] == monthly_cost_of(WIKI, model.id, CATALOG)
    assert costs[models[3].id] is None


def test_repeated_decisions_are_grouped_under_the_newest():
    rows = [  # newest first, as the store lists them
        {"id": 9, "questionnaire": {"task": "chat"}, "model_id": "a", "approach": "rag"},
        {"id": 8, "questionnaire": {"task": "chat"}, "model_id": "b", "approach": "rag"},
        {"id": 7, "questionnaire": {"task": "chat"}, "model_id": "a", "approach": "rag"},
        {
            "id": 6,
            "questionnaire": {"task": "chat"},
            "model_id": "a",
            "approach": "rag",
            "user": "u",
        },
    ]
    groups = api.group_repeats(rows)
    assert [(g["id"], g["ids"]) for g in groups] == [(9, [9, 7]), (8, [8]), (6, [6])]

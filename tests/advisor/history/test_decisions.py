"""Stored decisions side by side (History's compare): which facts and answers differ."""

from __future__ import annotations

import pytest

from advisor.advice.recommender import recommend
from advisor.api import compare_decisions

WIKI = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20_000,
    "monthly_budget_usd": 200,
    "languages": ["sv", "en"],
}


def rows_by_label(rows) -> dict:
    return {row.label: row for row in rows}


def test_only_the_answers_that_differ_are_listed_and_the_decision_rows_say_what_changed():
    roomy = recommend(WIKI).model_copy(update={"id": 3, "catalog_as_of": "2026-11-29"})
    # no money for any API and on-premises: another model, another monthly cost; stored before
    # decisions recorded their catalog date
    tight = recommend(
        {**WIKI, "monthly_budget_usd": 0, "deployment": "self-hosted", "languages": ["en", "sv"]}
    ).model_copy(update={"id": 7, "catalog_as_of": None})
    assert roomy.model.id != tight.model.id  # the premise: the budget changes the pick

    compared = compare_decisions([roomy, tight])

    assert compared.ids == (3, 7)
    decision = rows_by_label(compared.decision)
    assert list(decision) == ["Model", "Approach", "Monthly cost", "Catalog facts as of"]
    assert decision["Model"].differs
    assert decision["Model"].values == (
        f"{roomy.model.label} ({roomy.model.id})",
        f"{tight.model.label} ({tight.model.id})",
    )
    assert decision["Catalog facts as of"].values == ("2026-11-29", "not recorded")
    assert decision["Catalog facts as of"].differs
    assert decision["Approach"].differs == (roomy.approach.primary != tight.approach.primary)

    answers = rows_by_label(compared.answers)
    assert answers["Budget per month (USD)"].values == ("$200", "$0.00")
    assert answers["Deployment"].values[1] == "self-hosted"
    assert all(row.differs for row in compared.answers)
    # the same answers are counted, not listed; languages in another order are the same answer
    for same in ("Use case", "Task", "Requests per month", "Languages"):
        assert same not in answers
    assert compared.same_answers >= 4


def test_the_same_decision_twice_differs_in_nothing():
    rec = recommend(WIKI)
    compared = compare_decisions([rec, rec, rec])
    assert compared.answers == ()
    assert not any(row.differs for row in compared.decision)
    assert all(len(row.values) == 3 for row in compared.decision)


def test_comparing_needs_two_decisions():
    with pytest.raises(ValueError, match="two or more"):
        compare_decisions([recommend(WIKI)])

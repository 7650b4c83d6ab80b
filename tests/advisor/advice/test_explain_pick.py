"""Why this model: quality with its source, the rank among the models that meet the constraints,
and the alternatives labelled by what they trade."""

from __future__ import annotations

from advisor.advice.recommender import recommend
from advisor.present import explain_pick, to_markdown
from advisor.results import Recommendation

WIKI = {
    "use_case": "Answer employees' questions from our internal wiki",
    "task": "question-answering",
    "requests_per_month": 20_000,
    "monthly_budget_usd": 200,
}


def test_the_pick_has_its_quality_source_and_rank_among_the_candidates():
    rec = recommend(WIKI)
    assert rec.candidates[0].id == rec.model.id
    assert rec.candidates[0].monthly_usd <= 200
    explained = explain_pick(rec)
    assert explained is not None
    assert explained.count == len(rec.candidates) > 3
    pick = explained.pick
    assert pick.quality is not None and pick.quality_source and pick.quality_as_of
    better = sum(1 for c in rec.candidates if (c.quality or 0) > pick.quality)
    assert explained.quality_rank == better + 1
    assert f"among the {explained.count} models" in explained.rank_line()
    assert pick.quality_as_of in explained.quality_line()


def test_alternatives_are_labelled_by_what_they_trade():
    rec = recommend(WIKI)
    explained = explain_pick(rec)
    assert [alt.model.id for alt in explained.alternatives] == [a.id for a in rec.alternatives]
    for alt in explained.alternatives:
        cost = rec.alternative_costs[alt.model.id]
        assert ("cheaper" in alt.labels) == (cost < explained.pick.monthly_usd - 0.005)
        if alt.quality is not None:
            assert ("higher quality" in alt.labels) == (alt.quality > explained.pick.quality)
        assert ("over budget" in alt.labels) == (cost > 200)
        assert alt.text
    assert any(alt.labels for alt in explained.alternatives)


def test_the_explanation_is_in_the_export_and_survives_storage():
    rec = recommend(WIKI)
    text = to_markdown(rec)
    assert "## Why this model" in text and "by monthly cost among the" in text
    stored = Recommendation.from_stored({"id": 7, "result": rec.to_json()})
    assert explain_pick(stored) == explain_pick(rec)


def test_a_decision_stored_without_candidates_has_no_explanation():
    data = recommend(WIKI).to_json()
    data.pop("candidates")
    old = Recommendation.from_stored({"id": 1, "result": data})
    assert old.candidates == [] and explain_pick(old) is None
    assert "## Why this model" not in to_markdown(old)

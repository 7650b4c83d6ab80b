"""The named steps of a recommendation (issue 24): fill, approach, pipeline, workload, screen,
score, tiers. Each is tested on its own; together they are `recommend`."""

from __future__ import annotations

from advisor.advice import approach as approach_rules
from advisor.advice.cost import Estimate
from advisor.advice.recommender import (
    Candidate,
    _fill,
    _score,
    plan_pipeline,
    prepare_job,
    recommend,
    screen,
    smallest_that_suffices,
    tiers,
    workload_for,
)
from advisor.catalog.catalog import Quality, load_catalog
from advisor.questionnaire import parse_questionnaire

CATALOG = load_catalog()


def test_fill_infers_from_the_text_and_states_every_default():
    q, inferred, assumed, _ = _fill(parse_questionnaire({"use_case": "Summarise meeting notes"}))
    assert q.task == "summarization" and "task" in inferred
    assert q.requests_per_month and any(a.startswith("requests_per_month") for a in assumed)


def test_approach_and_pipeline_for_a_document_question_answerer():
    q, _, _, _ = _fill(
        parse_questionnaire({"task": "question-answering", "data": {"private_knowledge": True}})
    )
    plan = approach_rules.choose(q, q.task)
    found, q2, notes = plan_pipeline(q, plan)
    assert plan.primary == "rag" and found == ("rag",) and q2 is q and notes == []


def test_workload_states_what_rag_had_to_assume():
    q, _, _, _ = _fill(
        parse_questionnaire({"task": "question-answering", "data": {"private_knowledge": True}})
    )
    assumed: list[str] = []
    work = workload_for(q, approach_rules.choose(q, q.task), assumed)
    assert work.rag and work.documents == 100
    assert any(a.startswith("data.document_count") for a in assumed)


def test_screen_passes_only_models_that_meet_the_hard_constraints():
    job = prepare_job({"task": "chat", "license": "open-weights", "needs": ["function-calling"]})
    passed = screen(job)
    assert passed
    for candidate in passed:
        assert candidate.model.open_weights
        assert "function-calling" in candidate.model.capabilities
    assert all(entry["reason"].startswith(CATALOG.get(entry["id"]).name) for entry in job.why_not)


def test_score_prefers_the_cheaper_of_two_equal_models_under_a_budget():
    q, _, _, _ = _fill(parse_questionnaire({"task": "chat", "monthly_budget_usd": 100}))
    model = CATALOG.serving("chat")[0]
    cheap = _score(model, Estimate(10, "cloud-api"), q, "chat", "prompt-engineering")
    dear = _score(model, Estimate(500, "cloud-api"), q, "chat", "prompt-engineering")
    assert cheap > dear


def test_tiers_put_what_fits_the_budget_first_and_warn_when_nothing_does():
    job = prepare_job({"task": "chat", "monthly_budget_usd": 50})
    models = CATALOG.serving("chat")[:3]
    over = Candidate(models[0], Estimate(500, "cloud-api"), 0.9)
    within = Candidate(models[1], Estimate(20, "cloud-api"), 0.1)
    pick, _, ranked = tiers(job, [over, within])
    assert pick is within and ranked[1] is over
    job = prepare_job({"task": "chat", "monthly_budget_usd": 5})
    pick, _, _ = tiers(job, [over, within])
    assert pick is within and any("Nothing fits the budget" in w for w in job.warnings)


def test_the_steps_together_are_recommend():
    answers = {"task": "summarization", "requests_per_month": 2000}
    job = prepare_job(answers)
    pick, _, _ = tiers(job, screen(job))
    assert recommend(answers).model.id == pick.model.id


def test_a_tuned_model_needs_enough_quality_so_the_cheaper_of_two_that_suffice_wins():
    job = prepare_job(
        {"task": "classification", "priority": "quality", "data": {"labeled_examples": 5000}}
    )
    assert job.approach.primary == "fine-tuning"
    base = next(m for m in CATALOG.serving("classification") if "fine-tunable" in m.capabilities)

    def rated(score: float, name: str):
        quality = {"classification": Quality(score=score, source="test", as_of="2026-01-01")}
        return base.model_copy(update={"id": name, "quality": quality})

    strong = Candidate(rated(0.9, "strong"), Estimate(900, "self-hosted"), 0)
    enough = Candidate(rated(0.8, "enough"), Estimate(100, "self-hosted"), 0)
    weak = Candidate(rated(0.3, "weak"), Estimate(10, "self-hosted"), 0)
    smallest_that_suffices(job, [strong, enough, weak])
    assert enough.score > strong.score > weak.score

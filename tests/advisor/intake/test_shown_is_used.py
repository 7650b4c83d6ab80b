"""Issue 21, item 3: the values the intake shows (the app's form, the bot's "I understood") are
the values the recommendation uses, read from the same text in the same way. With the built-in
readers only (the offline default); tests/advisor/intake/test_intake_model.py and
tests/ui/test_app_intake_model.py hold the same with an intake model configured."""

from __future__ import annotations

import json

import pytest
from paths import DATA  # tests/paths.py

from advisor.advice.recommender import recommend
from advisor.intake import read_use_case
from advisor.questionnaire import MAX_USE_CASE_CHARS, get_answer

# Requests as people write them (the tuning part of the intake corpus), every third.
CORPUS = [json.loads(line)["text"] for line in (DATA / "intake" / "tuning.jsonl").open()][::3]


@pytest.mark.parametrize("text", CORPUS)
def test_every_value_read_is_the_value_the_advice_uses(text):
    shown = read_use_case(text)
    rec = recommend({"use_case": text})
    used = rec.questionnaire
    for field in shown["inferred"]:
        if field == "use_case":
            continue
        assert get_answer(used, field) == get_answer(shown["answers"], field), field
        assert field in used["inferred"], field


def test_a_figure_past_the_cut_is_neither_shown_nor_used():
    text = "Summarise our quarterly reports for the board. " * 250
    assert len(text) > MAX_USE_CASE_CHARS
    text += "Budget $700 a month."
    shown = read_use_case(text)
    assert "monthly_budget_usd" not in shown["inferred"]
    assert "monthly_budget_usd" not in recommend({"use_case": text}).questionnaire["inferred"]

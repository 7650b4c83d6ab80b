"""The Swedish catalogs are complete and safe, the core's stored sentences translate as templates,
and numbers and money follow each language (Babel); English stays exactly as it was.

No bot process here: the Slack conversations that show all of this are in
tests/bot/test_conversations.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from hypothesis import given
from hypothesis import strategies as st

from advisor import i18n, units
from advisor.advice.recommender import recommend
from advisor.advice.scenarios import load
from advisor.localize import localize, translate

ROOT = Path(__file__).resolve().parents[2]
ADVISOR_PO = ROOT / "advisor" / "locale" / "sv" / "LC_MESSAGES" / "advisor.po"
BOT_PO = ROOT / "bot" / "locale" / "sv" / "LC_MESSAGES" / "bot.po"
# The modules whose `_()` sentences reach a conversation: the bot, the dialogue, the presentation.
SOURCES = [
    *sorted((ROOT / "bot").rglob("*.py")),
    *sorted((ROOT / "advisor" / "dialogue").glob("*.py")),
    ROOT / "advisor" / "present.py",
    ROOT / "advisor" / "catalog" / "quality.py",
]
SCENARIOS = ["advice.jsonl", "advice_approach.jsonl", "advice_expert.jsonl"]
FIELD = re.compile(r"\{(\w+)\}")


def marked(path: Path) -> list[tuple[int, str]]:
    """The literal msgids of `_()` calls in a source file (Babel's own extractor)."""
    found = []
    for lineno, message, _comments, _context in extract_from_file(
        "python", str(path), keywords={"_": None}
    ):
        message = message[0] if isinstance(message, tuple) else message
        if message:
            found.append((lineno, message))
    return found


def test_every_marked_sentence_has_a_swedish_translation():
    advisor, bot = i18n.read_po(ADVISOR_PO), i18n.read_po(BOT_PO)
    missing = []
    for path in SOURCES:
        # the bot's `_` reads its own catalog, then the advisor's (bot.blocks.tr)
        known = {**advisor, **bot} if path.is_relative_to(ROOT / "bot") else advisor
        missing += [
            f"{path.relative_to(ROOT)}:{line}: {msg!r}"
            for line, msg in marked(path)
            if msg not in known
        ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("po", [ADVISOR_PO, BOT_PO], ids=["advisor", "bot"])
def test_translations_keep_the_placeholders(po):
    """A msgstr fills exactly the msgid's placeholders (a typo would raise KeyError at run time,
    or drop a figure)."""
    wrong = [
        (msgid, msgstr)
        for msgid, msgstr in i18n.read_po(po).items()
        if sorted(set(FIELD.findall(msgid))) != sorted(set(FIELD.findall(msgstr)))
    ]
    assert not wrong, wrong


@pytest.fixture(scope="module")
def recommendations():
    recs = []
    for name in SCENARIOS:
        for scenario in load(ROOT / "tests" / "data" / name):
            try:
                recs.append(recommend(scenario["input"]))
            except Exception:  # noqa: BLE001 - a scenario that is refused has no sentences
                continue
    assert len(recs) > 40
    return recs


def core_sentences(rec) -> list[str]:
    return [
        *rec.warnings,
        *rec.approach.reasons,
        *rec.approach.techniques,
        *rec.cost.assumptions,
        *(entry.reason for entry in rec.why_not),
        *(note for part in rec.components for note in part.notes),
    ]


def test_every_core_sentence_of_the_scenarios_translates(recommendations):
    """Each reason, technique, cost note, warning and why-not reason the recommender wrote for the
    check scenarios matches a template of the Swedish catalog (a changed English sentence without
    its template fails here, not silently in a Swedish thread)."""
    untranslated = sorted(
        {s for rec in recommendations for s in core_sentences(rec) if translate(s, "sv") is None}
    )
    assert not untranslated, "\n".join(untranslated)


def test_assumed_defaults_read_in_swedish(recommendations):
    from advisor.present import readable_assumed

    for rec in recommendations:
        for text in rec.assumed:
            shown = readable_assumed(text, "sv")
            assert not re.match(r"^(data\.)?[a-z_]+:", shown), (
                shown
            )  # the field's label, not its id
            assert readable_assumed(text, "en") == text


def test_templates_translate_whole_sentences_with_their_figures():
    english = "Claude Mythos 5.2 would cost about $560.08/month, over the $300.00 budget"
    assert translate(english, "sv") == (
        "Claude Mythos 5.2 skulle kosta ungefär 560,08\u00a0US$/månad, över budgeten på "
        "300,00\u00a0US$"
    )
    note = "20,000 requests a month x 2,000 input + 300 output tokens at $2 / $10 per 1M tokens"
    assert translate(note, "sv") == (
        "20\u00a0000 anrop per månad × 2\u00a0000 indatatokens + 300 utdatatokens à "
        "2\u00a0US$ / 10\u00a0US$ per miljon tokens"
    )
    # a part of a sentence is itself translated ("it {reason}"), lists of known words too
    assert translate("cannot be deployed self-hosted or on-device", "sv") == (
        "kan inte driftsättas som egen drift eller på enheten"
    )
    # what no template knows stays as it is, and says so
    assert translate("Something the core never wrote.", "sv") is None
    assert localize("Something the core never wrote.", "sv") == "Something the core never wrote."
    # English is the text itself
    assert localize(note, "en") == note


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_english_money_is_exactly_what_it_was(value):
    assert i18n.money(value, "en") == units.money(value)


def test_numbers_and_money_per_language():
    assert (
        i18n.money(1234.5, "en") == "$1,234" and i18n.money(1234.5, "sv") == "1\u00a0234\u00a0US$"
    )
    assert i18n.money(0.000125, "sv") == "0,000125\u00a0US$"
    assert i18n.money(12.5, "en", 2) == "$12.50" and i18n.money(2, "sv", 2) == "2,00\u00a0US$"
    assert i18n.number(20000, "sv") == "20\u00a0000" and i18n.number(20000, "en") == "20,000"
    assert i18n.number(3.25, "sv", 1) == "3,2" and i18n.percent(1.9, "sv") == "1,9\u00a0%"
    assert i18n.percent(1.9, "en") == "1.9%"


def test_presentation_in_swedish_and_unchanged_in_english(recommendations):
    from advisor.present import explain_pick, price_line, quality_line

    rec = recommendations[0]
    explained = explain_pick(rec)
    assert explain_pick(rec, "en").lines() == explained.lines()
    swedish = " ".join(explain_pick(rec, "sv").lines())
    assert "Quality for" not in swedish and "Ranked" not in swedish
    assert "bland de" in swedish
    assert quality_line(rec, rec.model.id, "en") == quality_line(rec, rec.model.id)
    assert "per miljon tokens" in price_line(rec.model, "sv") or "pris" in price_line(
        rec.model, "sv"
    )


def test_modal_and_app_home_in_swedish():
    pytest.importorskip("slack_sdk")
    import json
    import sys

    sys.path.insert(0, str(ROOT))
    from bot import blocks, modal

    view = json.dumps(modal.questionnaire_view(language="sv"), ensure_ascii=False)
    for english in ("Describe your use case", "Let the advisor decide", "Volume and budget"):
        assert english not in view
    assert "Beskriv ert användningsfall" in view and '"Rekommendera"' in view
    assert (
        json.loads(modal.questionnaire_view(language="sv")["private_metadata"])["language"] == "sv"
    )
    home = json.dumps(blocks.home_view([], "sv"), ensure_ascii=False)
    assert "Dina senaste rekommendationer" in home and "Your recent" not in home
    assert "Your recent recommendations" in json.dumps(blocks.home_view([]))


def test_a_decision_watch_finding_in_a_swedish_thread():
    pytest.importorskip("slack_sdk")
    import json
    import sys

    sys.path.insert(0, str(ROOT))
    from advisor.results import Finding
    from bot import blocks

    finding = Finding(
        key="1:retiring:a:b", recommendation_id=7, kind="retiring", old_model="a",
        old_name="Model A", new_model="b", new_name="Model B",
        reason="Model A retires on 2026-12-20, in 14 days (the provider's date; catalog facts as "
        "of 2026-12-01)",
        old_monthly_usd=40.0, new_monthly_usd=52.5, catalog_as_of="2026-12-01",
        made_with="2026-10-05", id=3,
    )  # fmt: skip
    english = json.dumps(blocks.finding_blocks(finding))
    assert "Retiring soon" in english and "+$12.50 a month" in english
    swedish = json.dumps(blocks.finding_blocks(finding, "sv"), ensure_ascii=False)
    assert "Pensioneras snart" in swedish and "om 14 dagar" in swedish
    assert "+12,50\u00a0US$ per månad" in swedish and "Visa det nya valet" in swedish
    assert "retires" not in swedish and "Dismiss" not in swedish


def test_the_swedish_modal_says_what_is_wrong_in_swedish():
    pytest.importorskip("slack_sdk")
    import sys

    sys.path.insert(0, str(ROOT))
    from bot import modal

    def submitted(language):
        view = modal.questionnaire_view(language=language)
        view["state"] = {
            "values": {
                "use_case": {"value": {"type": "plain_text_input", "value": "a support bot"}},
                "requests_per_month": {"value": {"type": "plain_text_input", "value": "lots"}},
            }
        }
        return modal.validate(view)[2]

    assert submitted(None) == {"requests_per_month": "Enter a whole number >= 0"}
    assert submitted("sv") == {"requests_per_month": "Ange ett heltal >= 0"}

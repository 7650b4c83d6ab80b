"""advisor/dialogue and advisor/i18n without a bot: what a message is, and the Swedish catalogs.

The conversations themselves run through the real bot in tests/bot/test_conversations.py.
"""

from __future__ import annotations

import pytest
from paths import ROOT

from advisor import i18n
from advisor.dialogue import classify as kinds
from advisor.dialogue.manager import language_of


def read(text: str, **context) -> kinds.Reading:
    base = dict(has_pick=False, has_case=False, pending=None, facts=[], hard_facts=[],
                answers_pending=False)  # fmt: skip
    return kinds.classify(text, **{**base, **context})


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("hi", "hello"),
        ("hej!", "hello"),
        ("help", "help"),
        ("vad kan du göra?", "help"),
        ("thanks!", "thanks"),
        ("tack så mycket", "thanks"),
        ("nvm, cancel", "cancel"),
        ("avbryt", "cancel"),
    ],
)
def test_social_messages(text, detail):
    reading = read(text, has_pick=True, has_case=True)
    assert (reading.kind, reading.detail) == (kinds.SOCIAL, detail)


def test_start_over_keeps_the_new_text():
    reading = read("start over: summarise our board minutes, 40 a month")
    assert reading.detail == "start-over"
    assert reading.argument == "summarise our board minutes, 40 a month"


@pytest.mark.parametrize(
    ("text", "detail", "argument"),
    [
        ("why not Claude?", "why-not", "Claude"),
        ("why not OpenAI's large embedder?", "why-not", "OpenAI's large embedder"),
        ("varför inte GPT?", "why-not", "GPT"),
        ("what would fine-tuning cost instead?", "approach", "fine-tuning"),
        ("vad skulle RAG kosta i stället?", "approach", "rag"),
        ("per year?", "per-year", ""),
        ("anything cheaper?", "cheaper", ""),
        ("något billigare?", "cheaper", ""),
    ],
)
def test_follow_ups_about_the_pick(text, detail, argument):
    reading = read(text, has_pick=True, has_case=True)
    assert (reading.kind, reading.detail, reading.argument) == (kinds.FOLLOW_UP, detail, argument)


def test_a_question_while_a_question_is_pending_is_not_its_answer():
    reading = read(
        "wait, what's a vector database again?", has_case=True, pending="requests_per_month"
    )
    assert reading.kind == kinds.SIDE_QUESTION
    # without a pick, "why not X?" is a question for the knowledge base, never a volume
    reading = read("why not OpenAI's large embedder?", has_case=True, pending="requests_per_month")
    assert reading.kind == kinds.SIDE_QUESTION


def test_corrections_and_facts():
    facts = ["monthly_budget_usd"]
    reading = read("actually the budget is 2k", has_pick=True, has_case=True, facts=facts,
                   hard_facts=facts)  # fmt: skip
    assert reading.kind == kinds.CORRECTION
    reading = read("nej, budgeten är snarare 2000 dollar", has_pick=True, has_case=True,
                   facts=facts, hard_facts=facts)  # fmt: skip
    assert reading.kind == kinds.CORRECTION
    reading = read("~50k a month, budget $500", has_case=True, pending="requests_per_month",
                   facts=["requests_per_month", *facts], hard_facts=["requests_per_month", *facts],
                   answers_pending=True)  # fmt: skip
    assert reading.kind == kinds.FACTS


def test_without_the_embedder_an_unplaceable_message_abstains(monkeypatch):
    monkeypatch.setenv("ADVISOR_TASK_MEANING", "0")
    assert read("hmm so", has_case=True).kind == kinds.UNSURE


def test_language_follows_clear_messages_only():
    assert language_of("Vi vill ha en chattbot som svarar på frågor", None) == "sv"
    assert language_of("tack!", "en") == "sv"
    # figures and names alone do not turn a Swedish conversation English
    assert language_of("ungefär 50 000 samtal i månaden, budget 500 dollar", "sv") == "sv"
    assert language_of("actually we need it for the whole company", "sv") == "en"


def test_catalogs_are_read_from_po_files_and_cover_the_dialogue():
    _ = i18n.gettext_for("sv")
    assert _("Changed:") == "Ändrat:"
    assert i18n.gettext_for("en")("Changed:") == "Changed:"
    assert i18n.gettext_for("sv", "bot", ROOT / "bot" / "locale")("More") == "Mer"
    catalog = i18n.read_po(ROOT / "advisor" / "locale" / "sv" / "LC_MESSAGES" / "advisor.po")
    assert all(value.strip() for value in catalog.values())
    for msgid, msgstr in catalog.items():  # every placeholder survives the translation
        assert sorted(_placeholders(msgid)) == sorted(_placeholders(msgstr)), msgid


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_money_and_numbers_per_language():
    assert i18n.money(2000, "en") == "$2,000"
    assert i18n.money(2000, "sv") == "2\u00a0000\u00a0US$"
    assert i18n.money(12.5, "sv") == "12,50\u00a0US$"
    assert i18n.number(50000, "sv") == "50\u00a0000"


def _msgids(paths) -> set[str]:
    """The literal sentences passed to `_()` in these files."""
    import ast

    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


@pytest.mark.parametrize(
    ("sources", "catalog"),
    [
        (["advisor/dialogue/*.py"], "advisor/locale/sv/LC_MESSAGES/advisor.po"),
        (["bot/*.py", "bot/listeners/*.py"], "bot/locale/sv/LC_MESSAGES/bot.po"),
    ],
)
def test_every_sentence_has_a_swedish_translation(sources, catalog):
    paths = [path for pattern in sources for path in ROOT.glob(pattern)]
    missing = _msgids(paths) - set(i18n.read_po(ROOT / catalog))
    assert not missing, f"not in {catalog}: {sorted(missing)}"

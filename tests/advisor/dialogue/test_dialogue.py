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
        ("nah too pricey, what's cheapest that still works?", "cheaper", ""),
        ("and with fine-tuning?", "approach", "fine-tuning"),
        ("what about RAG?", "approach", "rag"),
        ("med finjustering då?", "approach", "fine-tuning"),
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


@pytest.mark.parametrize(
    ("text", "language", "field", "value"),
    [
        # a correction is read without its opening words: "5000 kr" is a budget in kronor
        ("snarare 5000 kr", "sv", "monthly_budget_usd", None),
        ("rather $400", "en", "monthly_budget_usd", 400),
        ("nej, eller snarare 300 dollar", "sv", "monthly_budget_usd", 300),
        # a figure that names what it counts but not its period is per month, like every question
        ("make it 50k tickets", "en", "requests_per_month", 50_000),
        ("sorry, 30k chats", "en", "requests_per_month", 30_000),
        ("snarare 8000 ärenden", "sv", "requests_per_month", 8000),
    ],
)
def test_a_correction_is_read_like_a_statement(text, language, field, value):
    from advisor.dialogue.manager import read_message
    from advisor.questionnaire import get_answer

    found = read_message(text, has_case=True, language=language)
    assert field in found["inferred"], found["inferred"]
    got = get_answer(found["answers"], field)
    if value is None:  # converted from another currency: some dollars, not 5000
        assert 0 < got < 5000
    else:
        assert got == value


def test_a_bare_figure_in_a_known_case_is_asked_about_not_guessed():
    from advisor.dialogue.manager import handle

    turn = handle(None, "we want to classify support tickets, 10k a month, budget $100",
                  source="test")  # fmt: skip
    assert turn["kind"] == "recommendation"
    decision = turn["state"]["decision"]
    turn = handle(turn["state"], "actually 2k", source="test")
    assert turn["kind"] == "clarify"
    assert "2,000 requests a month" in turn["text"] and "$2,000" in turn["text"]
    assert (
        turn["state"]["decision"] == decision
        and turn["state"]["answers"]["requests_per_month"] == 10_000
    )
    turn = handle(turn["state"], "make it 50k tickets", source="test")
    assert turn["kind"] == "recommendation" and "10,000 → 50,000" in turn["text"]
    sv = handle(None, "Vi vill sammanfatta våra styrelseprotokoll, 200 i månaden, budget 100 dollar",
                source="test")  # fmt: skip
    sv = handle(sv["state"], "snarare 2000", source="test")
    assert sv["kind"] == "clarify" and "2\u00a0000 anrop i månaden" in sv["text"], sv["text"]


@pytest.mark.parametrize("text", ["per year?", "anything cheaper?", "per år?", "varför?"])
def test_a_follow_up_before_any_pick_says_so_and_keeps_the_question(text):
    from advisor.dialogue.manager import handle

    turn = handle(None, "We want to summarise our board minutes", source="test")
    assert turn["kind"] == "question"
    pending = turn["state"]["pending"]
    turn = handle(turn["state"], text, source="test")
    assert turn["kind"] == "follow-up" and turn["detail"] == "no-pick"
    assert turn["state"]["pending"] == pending
    assert len(turn["lines"]) == 2, "the pending question is asked again in one line"


def test_a_hedged_answer_with_a_question_mark_still_answers_the_question():
    from advisor.dialogue.manager import handle

    turn = handle(None, "we need something to answer HR questions from our wiki", source="test")
    field = turn["state"]["pending"]
    assert field in ("monthly_budget_usd", "requests_per_month")
    turn = handle(turn["state"], "dunno, maybe 5k?", source="test")
    assert turn["state"]["answers"].get(field) == 5000, turn["text"]


@pytest.mark.index
@pytest.mark.parametrize(
    "question", ["vad är en inbäddning?", "hur funkar kvantisering?", "what's an embedding?"]
)
def test_a_question_the_knowledge_base_answers_is_a_side_question(question):
    """Whatever the rules' word lists miss, an article that answers it makes it a side question;
    the pending question stays and is asked again."""
    from advisor.dialogue.manager import handle

    turn = handle(None, "Vi behöver en bot som svarar på frågor om vår personalhandbok",
                  source="test")  # fmt: skip
    pending = turn["state"]["pending"]
    turn = handle(turn["state"], question, source="test")
    assert turn["kind"] == "answer" and turn["answer"].citations, turn["text"]
    assert turn["state"]["pending"] == pending and turn["reask"]


def test_why_not_a_family_prefers_the_models_named_after_it():
    """ "why not Llama?" compares a Llama model, not the maker's newest other line."""
    from advisor.advice.recommender import recommend
    from advisor.dialogue.followups import resolve

    rec = recommend({"task": "question-answering", "requests_per_month": 20_000,
                     "monthly_budget_usd": 500})  # fmt: skip
    for family in ("Llama", "GPT", "Gemini"):
        model, family_only = resolve(family, rec)
        assert model is not None and family_only
        assert family.lower() in model.name.lower(), (family, model.name)


@pytest.mark.parametrize(
    ("reply", "value"),
    [("ett moln-API går bra", "cloud-api"), ("molnet funkar", "cloud-api"),
     ("cloud is fine", "cloud-api"), ("vi vill inte använda ett moln-API", None),
     ("no cloud", None)],
)  # fmt: skip
def test_the_deployment_question_is_answered_in_its_own_words_in_both_languages(reply, value):
    from advisor import intake

    assert intake.answer_question("deployment", reply, {"task": "chat"}).get("deployment") == value


def test_languages_named_later_join_and_an_acknowledgement_is_not_a_greeting():
    from advisor.dialogue.manager import handle

    turn = handle(None, "Vi vill ha en chattbot som svarar på kundernas frågor på svenska utifrån "
                  "vårt hjälpcenter, 20 000 chattar i månaden, budget 300 dollar, ja egna dokument",
                  source="test")  # fmt: skip
    for _ in range(3):
        if turn["kind"] == "recommendation":
            break
        turn = handle(turn["state"], "ja", source="test")
    assert turn["kind"] == "recommendation", turn["text"]
    assert "sv" in turn["state"]["answers"]["languages"]
    turn = handle(turn["state"], "vi behöver även tyska", source="test")
    assert turn["kind"] == "recommendation" and "Ändrat:" in turn["text"], turn["text"]
    assert set(turn["state"]["answers"]["languages"]) >= {"sv", "de"}
    decision = turn["state"]["decision"]
    for ack in ("ok", "okej", "uppfattat"):
        reply = handle(turn["state"], ack, source="test")
        assert reply["kind"] == "social" and len(reply["lines"]) == 1, reply["text"]
        assert "Hej!" not in reply["text"] and "Varsågod" not in reply["text"]
        assert reply["state"]["decision"] == decision


def test_a_question_about_an_approach_itself_is_a_side_question():
    reading = read("what is fine-tuning?", has_pick=True, has_case=True)
    assert reading.kind == kinds.SIDE_QUESTION


@pytest.mark.parametrize(
    "text", ["hmm is that per user?", "is it GDPR compliant?", "kostar det per användare?"]
)
def test_a_question_about_the_pick_the_bot_cannot_answer_gets_an_honest_line(text):
    """Never silence nor a stray article: what it cannot say, and what it can."""
    reading = read(text, has_pick=True, has_case=True)
    assert (reading.kind, reading.detail) == (kinds.FOLLOW_UP, "other")
    assert read("what is a context window?", has_pick=True, has_case=True).kind == (
        kinds.SIDE_QUESTION
    )

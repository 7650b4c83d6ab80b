"""Block Kit rendering, the modal's round trip, log redaction and the manifest: no Slack needed."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from advisor import api
from advisor.advice.recommender import recommend

blocks = pytest.importorskip("bot.blocks")
from bot import logs, modal  # noqa: E402

MANIFEST = Path(__file__).resolve().parents[2] / "bot" / "manifest.json"


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def check_limits(block_list: list[dict], max_blocks: int = 50) -> None:
    assert 0 < len(block_list) <= max_blocks
    for node in walk(block_list):
        if node.get("type") == "header":
            assert len(node["text"]["text"]) <= 150
        if node.get("type") in ("section", "context") and isinstance(node.get("text"), dict):
            assert len(node["text"]["text"]) <= 3000
        if node.get("type") == "button":
            assert len(node["text"]["text"]) <= 75
            assert len(node.get("value", "")) <= 2000
        if node.get("type") == "context":
            assert len(node["elements"]) <= 10
    action_ids = [n["action_id"] for n in walk(block_list) if "action_id" in n]
    assert len(action_ids) == len(set(action_ids)), "action ids are unique within a message"


@pytest.fixture
def rec(monkeypatch):
    monkeypatch.setenv("ADVISOR_UI_URL", "https://advisor.example.com/")
    result = recommend(
        {
            "use_case": "Answer questions from our <!channel> wiki & docs, 20k a month, budget $50",
            "task": "question-answering",
        }
    )
    result.id = 42
    result.citations = [
        {
            "id": "rag-basics",
            "title": "RAG basics",
            "topic": "rag",
            "excerpt": "Retrieve passages <b>first</b>.",
        }
    ]
    return result


def test_recommendation_blocks(rec):
    rendered = blocks.recommendation_blocks(rec, requested_by="U1")
    check_limits(rendered)
    text = json.dumps(rendered)
    assert rendered[0]["type"] == "header"
    model_id = rec.model.id
    urls = [n["url"] for n in walk(rendered) if n.get("url")]
    assert f"https://advisor.example.com/playground?model={model_id}" in urls
    # the decision's page in the app, where its starter project downloads
    assert "https://advisor.example.com/history?id=42" in urls
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text, "user text is escaped"
    assert "RAG basics" in text
    assert rec.model.provider in text
    assert "Monthly cost" in text
    ids = {n.get("action_id"): n.get("value") for n in walk(rendered) if n.get("type") == "button"}
    assert (
        ids["show_alternatives"] == "42"
        and ids["feedback_up"] == "42"
        and ids["feedback_down"] == "42"
    )
    assert "I recommend" in blocks.recommendation_text(rec)


def retiring_pick(days_before: int) -> tuple[object, object, object, str]:
    """A real recommendation whose pick is a real catalog model with a retirement date and a
    named successor, judged `days_before` its retirement (the core and the blocks alike)."""
    import datetime as dt

    from advisor.catalog.catalog import Catalog, load_catalog

    catalog = load_catalog()
    model = next(
        m
        for m in catalog.models
        if m.deprecation_date
        and m.successor
        and catalog.find(m.successor)
        and "question-answering" in m.tasks
    )
    day = dt.date.fromisoformat(model.deprecation_date) - dt.timedelta(days=days_before)
    only = Catalog(as_of=catalog.as_of, gpu_hourly_usd=catalog.gpu_hourly_usd, models=[model])
    result = recommend(
        {"use_case": "Answer questions from our wiki", "task": "question-answering"},
        catalog=only,
        today=day.isoformat(),
    )
    result.id = 7
    return result, model, catalog.get(model.successor), day.isoformat()


def block(rendered: list[dict], block_id: str) -> str:
    return next(b["text"]["text"] for b in rendered if b.get("block_id") == block_id)


def test_a_retiring_pick_names_its_successor():
    result, model, successor, day = retiring_pick(days_before=120)
    assert result.model.id == model.id
    rendered = blocks.recommendation_blocks(result, today=day)
    check_limits(rendered)
    summary = block(rendered, "rec_model")
    assert f"Retires on {model.deprecation_date}; successor: {successor.name}" in summary
    warnings = block(rendered, "rec_warnings")
    assert "retire" in warnings and successor.name in warnings
    # once the date has passed, the same model reads as retired
    summary = block(blocks.recommendation_blocks(result, today=model.deprecation_date), "rec_model")
    assert f"Retired on {model.deprecation_date}; successor: {successor.name}" in summary
    assert "Retires on" not in summary


def test_a_model_without_a_retirement_date_has_no_retirement_line(rec):
    from advisor.catalog.catalog import load_catalog

    current = next(m for m in load_catalog().models if not m.deprecation_date and m.pricing)
    rec = rec.model_copy(update={"model": api.ModelInfo.of(current)})
    summary = block(blocks.recommendation_blocks(rec), "rec_model")
    assert "Retire" not in summary and "successor" not in summary


def test_the_recommended_model_shows_its_speed_when_known(rec):
    from advisor.catalog.catalog import load_catalog

    catalog = load_catalog()
    fast = next(m for m in catalog.models if m.speed and m.speed.output_tokens_per_s)
    rec = rec.model_copy(update={"model": api.ModelInfo.of(fast)})
    rendered = blocks.recommendation_blocks(rec)
    check_limits(rendered)
    summary = block(rendered, "rec_model")
    speed = next(line for line in summary.splitlines() if line.startswith("Speed:"))
    assert f"{fast.speed.output_tokens_per_s:,.0f} output tokens/s" in speed
    assert len(speed) <= 120, "one short line"
    unknown = next(m for m in catalog.models if m.speed is None and m.pricing)
    rec = rec.model_copy(update={"model": api.ModelInfo.of(unknown)})
    assert "Speed:" not in block(blocks.recommendation_blocks(rec), "rec_model")


def test_alternatives_and_home(rec):
    alternatives = blocks.alternatives_blocks(rec)
    check_limits(alternatives)
    assert len(alternatives) >= 1 + len(rec.alternatives)
    row = {
        "id": 42,
        "created": "2026-01-01T00:00:00",
        "model_id": rec.model.id,
        "approach": "rag",
        "monthly_usd": 12.5,
        "use_case": "x" * 900,
        "result": rec.to_json(),
    }
    home = blocks.home_view([row] * 12)
    assert home["type"] == "home"
    check_limits(home["blocks"], max_blocks=100)
    assert any(n.get("action_id") == "open_questionnaire" for n in walk(home["blocks"]))
    assert blocks.home_view([])["blocks"]


def test_answer_and_question_blocks():
    answer = api.Answer(
        answer="## RAG\n**Retrieval** first, see [docs](https://example.com/rag).\n- one\n- two",
        mode="extractive",
        citations=[{"id": "a", "title": "A", "topic": "rag", "excerpt": "e", "score": 0.5}] * 6,
    )
    rendered = blocks.answer_blocks(answer)
    check_limits(rendered)
    body = rendered[0]["text"]["text"]
    assert (
        "*RAG*" in body
        and "*Retrieval*" in body
        and "docs (https://example.com/rag)" in body  # the target is shown, never masked
        and "<https://" not in body
        and "• one" in body
    )
    # Sources carry the article's title, linked to it in the app; no ids, topics or mode.
    sources = " ".join(e["text"] for e in rendered[1]["elements"])
    assert "/knowledge?article=a|A>*" in sources
    assert "extractive" not in str(rendered) and "(rag)" not in sources
    question = blocks.question_blocks(
        "Private data?", {"field": "data.private_knowledge", "text": "?", "options": ["yes", "no"]}
    )
    values = [n["value"] for n in walk(question) if n.get("type") == "button"]
    assert values == ["data.private_knowledge|yes", "data.private_knowledge|no"]
    many = blocks.question_blocks(
        "Task?", {"field": "task", "text": "?", "options": [f"t{i}" for i in range(13)]}
    )
    select = next(n for n in walk(many) if n.get("type") == "static_select")
    assert select["options"][0]["value"] == "task|t0"


def _state_from_view(view: dict) -> dict:
    """What Slack would submit for a modal left exactly as it was prefilled."""
    values = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        kind = element["type"]
        if kind == "plain_text_input":
            state = {"type": kind, "value": element.get("initial_value")}
        elif kind == "static_select":
            state = {"type": kind, "selected_option": element.get("initial_option")}
        elif kind == "checkboxes":
            state = {"type": kind, "selected_options": element.get("initial_options", [])}
        else:
            state = {"type": kind, "selected_conversation": element.get("initial_conversation")}
        values[block["block_id"]] = {element["action_id"]: state}
    return {"state": {"values": values}, "private_metadata": view["private_metadata"]}


def test_modal_round_trip():
    answers = {
        "use_case": "Summarise support calls",
        "task": "summarization",
        "requests_per_month": 5000,
        "monthly_budget_usd": 120.5,
        "latency": "batch",
        "languages": ["en", "sv"],
        "needs": ["json-output"],
        "data": {"private_knowledge": True, "document_count": 300, "update_frequency": "weekly"},
    }
    view = modal.questionnaire_view(prefill=answers, channel="C123", thread_ts="1.2")
    assert len(view["blocks"]) <= 100 and len(view["title"]["text"]) <= 24
    block_ids = [b.get("block_id") for b in view["blocks"] if b.get("block_id")]
    assert len(block_ids) == len(set(block_ids))
    read, channel, errors = modal.validate(_state_from_view(view))
    assert errors == {}
    assert channel == "C123"
    assert read == answers
    assert modal.metadata(view) == {"channel": "C123", "thread_ts": "1.2"}
    # A DM channel is not offered as the default place to post.
    dm_view = modal.questionnaire_view(channel="D123")
    assert (
        "initial_conversation"
        not in next(b for b in dm_view["blocks"] if b.get("block_id") == "post_to")["element"]
    )


def test_modal_errors_name_the_block():
    def view(**values):
        return {
            "state": {
                "values": {
                    key: {"value": {"type": "plain_text_input", "value": value}}
                    for key, value in values.items()
                }
            }
        }

    assert set(
        modal.validate(view(use_case="x", requests_per_month="many", output_tokens="-1"))[2]
    ) == {"requests_per_month", "output_tokens"}
    assert list(modal.validate(view(use_case="x", languages="en, xx"))[2]) == ["languages"]
    assert list(modal.validate(view(use_case=None))[2]) == ["use_case"]
    assert list(modal.validate(view(use_case="x", context_tokens=str(10**20)))[2]) == [
        "context_tokens"
    ]
    for message in modal.validate(view(use_case="x", requests_per_month="many"))[2].values():
        assert 0 < len(message) <= 150


def fake_token(kind: str, rest: str) -> str:
    """A token-shaped string made at run time, so that nothing token-like sits in the source."""
    return f"{kind}-{rest}"


def test_redaction():
    bot, user, app = (
        fake_token("xox" + "b", "123-456-abc"),
        fake_token("xox" + "p", "1-2"),
        fake_token("xa" + "pp", "1-A1-2"),
    )
    secret_line = f'token={bot} {{"token": "legacy", "authorization": "Bearer {user}"}} {app}'
    cleaned = logs.redact(secret_line)
    for secret in (bot[:8], "legacy", user, app[:9]):
        assert secret not in cleaned
    logged = fake_token("xox" + "b", "9-9")
    record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "failed %s", (logged,), None)
    raised = fake_token("xox" + "b", "1-2-3")
    try:
        raise RuntimeError(f"boom with {raised}")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    assert logs.RedactingFilter().filter(record)
    assert record.exc_info is None
    assert logged[:6] not in record.getMessage() and raised[:8] not in record.getMessage()
    assert "RuntimeError" in record.getMessage()


def test_keys_named_by_endpoints_yaml_are_redacted_too(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_HOME", str(tmp_path))
    key = "vllm-" + "k3y-0123456789"
    inline = "inline-" + "k3y-9876543210"
    monkeypatch.setenv("MY_VLLM_KEY", key)
    (tmp_path / "endpoints.yaml").write_text(
        "endpoints:\n"
        "  - {name: vllm, base_url: 'http://127.0.0.1:9/v1', api_key_env: MY_VLLM_KEY}\n"
        f"  - {{name: other, base_url: 'http://127.0.0.1:9/v1', api_key: {inline}}}\n"
    )
    (tmp_path / "endpoints.yaml").chmod(0o600)
    cleaned = logs.redact(f"upstream said: bad key {key} / {inline}")
    assert key not in cleaned and inline not in cleaned and cleaned.count("[redacted]") == 2


def test_manifest():
    manifest = json.loads(MANIFEST.read_text())
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "app_mentions:read",
        "chat:write",
        "im:history",
        "im:read",
        "im:write",
        "reactions:write",  # the "working on it" reaction (relay.working)
        "commands",
        "channels:history",
        "groups:history",
    } <= scopes
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "message.channels", "app_home_opened"} <= events
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/llm-advisor"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert (
        manifest["features"]["app_home"]["home_tab_enabled"]
        and manifest["features"]["app_home"]["messages_tab_enabled"]
    )
    assert "socket_mode_enabled" in manifest["settings"]
    for url in (
        manifest["settings"]["event_subscriptions"]["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    ):
        assert url.endswith("/slack/events")
    assert 174 <= len(manifest["display_information"]["long_description"]) <= 4000


def test_the_modal_asks_every_field_the_core_marks_for_it():
    """The modal is made from the questionnaire's own field metadata: a new field appears here
    without touching the bot."""
    from advisor.api import fields

    view = modal.questionnaire_view()
    block_ids = {block.get("block_id") for block in view["blocks"]}
    for spec in fields.FIELDS.values():
        if spec.in_modal:
            assert modal.block_id(spec.path) in block_ids, spec.path
    assert "priority" in block_ids


def test_slack_shows_the_published_figure_and_marks_estimates():
    measured = recommend(
        {
            "task": "chat",
            "monthly_budget_usd": 500,
            "priority": "quality",
            "requests_per_month": 20_000,
        },
        today="2026-12-06",
    )
    text = json.dumps(blocks.recommendation_blocks(measured, today="2026-12-06"))
    assert "Quality for chat: " in text and "(AA Intelligence Index)" in text
    assert "snapshot aa-openrouter-2026-10-05" in text and "as of 2026-10-05" in text
    estimate = recommend(
        {"task": "code-generation", "monthly_budget_usd": 100_000, "requests_per_month": 20_000},
        today="2026-12-06",
    )
    weighed = {c.id: c for c in estimate.candidates}
    shown = json.dumps(blocks.alternatives_blocks(estimate)) + json.dumps(
        blocks.recommendation_blocks(estimate, today="2026-12-06")
    )
    for model in [estimate.model, *estimate.alternatives]:
        if not weighed[model.id].quality_measured and weighed[model.id].quality is not None:
            assert "~ (not measured; sibling " in shown


def test_the_conversations_short_answer_shows_index_points_and_marks_estimates():
    """The dialogue's brief (what a mention or DM gets) shows the figures people know, never a
    rescaled "/100", and an estimate reads differently from a measured figure, in both languages."""
    from advisor.dialogue.replies import brief

    rec = recommend(
        {"task": "code-generation", "monthly_budget_usd": 200, "requests_per_month": 20_000},
        today="2026-12-06",
    )
    weighed = {c.id: c for c in rec.candidates}
    for language, estimate in (("en", "not measured; the figure of"), ("sv", "inte uppmätt")):
        result = {"recommendation": rec, "brief": brief(rec, language), "language": language}
        text = json.dumps(blocks.brief_blocks(result), ensure_ascii=False)
        assert "/100" not in text
        assert "(AA Coding Index)" in text
        alternatives = [weighed[alt.id] for alt in rec.alternatives[:3]]
        if any(not c.quality_measured and c.quality is not None for c in alternatives):
            assert "~" in text and estimate in text
    assert any(not c.quality_measured and c.quality is not None for c in rec.candidates)


# Use cases whose caveat changes where or whether the pick may run, and the words of the first
# clause that must show in the short post: human review (each domain expert.decision_warnings
# knows), the EU route, the fit on owned GPUs, a CPU server inside an air gap, a laptop.
CRITICAL_CASES = [
    ("A triage assistant that answers patients' questions about symptoms, 5k a month, budget "
     "$200, the data must stay in the EU, cloud API is fine", ("clinician reviews", "EU")),
    ("Approve insurance claims from the claim forms, 2k a month, budget $500, the data must "
     "stay in the EU", ("a person approves", "EU")),
    ("Review our supplier contracts and flag risky clauses, 500 a month, budget $100",
     ("lawyer signs off",)),
    ("A code assistant that runs fully air-gapped on our own servers with 2x A100-80GB, 20k "
     "requests a month", ("fits the GPUs you own",)),
    ("A code assistant that runs fully air-gapped on one CPU server with 64 GB RAM, 300 "
     "requests a month", ("fits the cpu server",)),
    ("Summarise meeting notes on our employees' laptops (on-device, 16 GB RAM), 1k a month",
     ("fits the laptop",)),
]  # fmt: skip


@pytest.mark.parametrize(("use_case", "must_show"), CRITICAL_CASES)
def test_the_short_post_keeps_every_critical_caveat_within_1200_characters(use_case, must_show):
    """Issue 22, point 8: the recommendation post is at most 1,200 visible characters and never
    cuts a caveat that changes where or whether the pick may run (in English and Swedish)."""
    from advisor import intake
    from advisor.dialogue.replies import brief, caveats

    rec = recommend(intake.read_use_case(use_case)["answers"], today="2026-12-06")
    kept = caveats(rec)
    for words in must_show:
        assert any(words in caveat for caveat in kept), (words, rec.warnings, rec.cost.assumptions)
    for language in ("en", "sv"):
        result = {"recommendation": rec, "brief": brief(rec, language), "language": language}
        rendered = blocks.brief_blocks(result)
        assert blocks.visible_chars(rendered) <= blocks.MAX_VISIBLE
        shown = json.dumps(rendered, ensure_ascii=False)
        for caveat in result["brief"]["caveats"]:
            assert blocks.escape(blocks.first_clause(caveat)).rstrip("…") in shown, caveat
        if language == "en":
            for words in must_show:
                assert words in shown, words


def test_long_caveats_keep_their_first_clause_and_the_reasons_stay():
    """Many long caveats: the alternatives go first (behind "Show alternatives"), then each
    caveat's tail (escalation, metric, sources: behind "More"), and its first clause (what must
    happen) stays, with the reasons for the pick. A "; " inside brackets does not end a clause."""
    from advisor.dialogue.replies import brief

    rec = recommend(
        {"task": "chat", "requests_per_month": 1000, "monthly_budget_usd": 100}, today="2026-12-06"
    )
    short = brief(rec, "en")
    long_caveat = "This is a clinical use: a clinician reviews every answer; " + "x" * 400
    result = {"recommendation": rec, "brief": {**short, "caveats": [long_caveat] * 3}}
    rendered = blocks.brief_blocks(result)
    assert blocks.visible_chars(rendered) <= blocks.MAX_VISIBLE
    shown = json.dumps(rendered, ensure_ascii=False)
    assert shown.count("a clinician reviews every answer…") == 3
    assert "Why" in shown, "the reasons stay once the caveats are short"
    one = blocks.brief_blocks({"recommendation": rec, "brief": {**short, "caveats": [long_caveat]}})
    assert long_caveat in json.dumps(one), "one caveat that fits is shown whole"
    route = (
        "EU-only processing: through X's EU profile (source A; source B, 2026-06-01); list price"
    )
    assert blocks.first_clause(route) == route.rpartition("; ")[0] + "…"

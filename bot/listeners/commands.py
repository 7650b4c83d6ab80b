"""`/llm-advisor`: opens the questionnaire modal (prefilled from the command's text)."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from advisor import api

from .. import blocks, modal, relay
from ..logs import describe, handled

log = logging.getLogger("bot")
COMMAND = "/llm-advisor"
HELP = (
    "*LLM Advisor* recommends a model, an approach and a monthly cost for your use case.\n"
    "• `/llm-advisor` opens the questionnaire; `/llm-advisor <your use case>` opens it prefilled.\n"
    "• `/llm-advisor what is RAG?` answers a question from the knowledge base.\n"
    "• Mention me in a channel or send me a DM with your use case; I reply in the thread."
)


def register(app: App) -> None:
    app.command(COMMAND)(ack=_ack, lazy=[handled(run)])


def _is_help(text: str) -> bool:
    return text.lower() in ("help", "hjälp", "-h", "--help", "?")


def _ack(ack: Ack, command: dict) -> None:
    """Acknowledge at once; the help text is the acknowledgement itself (only the user sees it)."""
    text = (command.get("text") or "").strip()
    if _is_help(text):
        language = "sv" if text.lower() == "hjälp" else relay.language_for(command.get("user_id"))
        ack(text=blocks.tr(language)(HELP))
    else:
        ack()


def run(command: dict, client: WebClient, respond: Respond) -> None:
    text = (command.get("text") or "").strip()
    if _is_help(text):
        return
    if text and api.is_concept_question(text):
        _answer(text, respond, api.language_of(text))
        return
    prefill = None
    if text:
        try:
            prefill = api.read_use_case(text)["answers"]
        except Exception as exc:  # noqa: BLE001 - a prefill is a nicety; the modal opens regardless
            log.warning("could not read the command text: %s", describe(exc))
            prefill = {"use_case": text}
    user = command.get("user_id")
    language = api.language_of(text, relay.language_for(user)) if text else relay.language_for(user)
    view = modal.questionnaire_view(
        prefill=prefill, channel=command.get("channel_id"), language=language
    )
    try:
        client.views_open(trigger_id=command["trigger_id"], view=view)
    except Exception as exc:  # noqa: BLE001
        log.warning("views.open failed: %s", describe(exc))
        _respond(
            respond,
            blocks.tr(language)(
                "Sorry, I could not open the questionnaire. Please try the command again."
            ),
        )


def _answer(text: str, respond: Respond, language: str | None = None) -> None:
    try:
        answer = api.ask(text)
    except Exception as exc:  # noqa: BLE001
        log.error("knowledge answer failed: %s", describe(exc))
        _respond(
            respond,
            blocks.tr(language)(
                "Sorry, I could not look that up just now. Please try again in a moment."
            ),
        )
        return
    try:
        respond(
            text=blocks.answer_text(answer, language),
            blocks=blocks.answer_blocks(answer, language),
            response_type="ephemeral",
        )
    except Exception as exc:  # noqa: BLE001
        log.warning("could not send the answer: %s", describe(exc))


def _respond(respond: Respond, text: str) -> None:
    try:
        respond(text=text, response_type="ephemeral")
    except Exception as exc:  # noqa: BLE001
        log.warning("could not respond: %s", describe(exc))

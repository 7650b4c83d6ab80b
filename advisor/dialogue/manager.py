"""One turn of a conversation: classify the message, then act on what it is.

The caller keeps `state` (plain JSON) per thread and passes it back with the next message:
{answers, asked, pending, language, decision, decided}. `decision` is the id of the current
recommendation; `decided` the answers it was made from, so the same answers never store a second
decision. At most MAX_QUESTIONS are asked in a row; whatever is still missing is assumed and said so.
"""

from __future__ import annotations

import copy
import json
import logging
import re

from .. import i18n, intake
from ..errors import AdvisorError
from ..localize import localize
from ..questionnaire import get_answer, set_answer
from ..results import Recommendation

# Submodules by their own names (not `from . import x`), so that the package's __init__ (which
# imports this module) is not imported back.
from .classify import (
    CORRECTION,
    FACTS,
    FOLLOW_UP,
    QUESTION_RE,
    SIDE_QUESTION,
    SOCIAL,
    UNRELATED,
    UNSURE,
    Reading,
    classify,
)
from .followups import cheaper, per_year, replan, why, why_not
from .replies import brief as brief_of
from .replies import change_lines, delta_line, greeting, question_text
from .replies import examples as examples_of

log = logging.getLogger(__name__)
MAX_QUESTIONS = 3
# Fields a question cannot carry by chance: a number with its unit, or a hard constraint.
HARD_FIELDS = {
    "requests_per_month", "monthly_budget_usd", "input_tokens", "output_tokens",
    "audio_minutes_per_month", "images_per_month", "context_tokens", "deployment",
    "data_residency", "owned_gpus", "license", "data.document_count", "data.labeled_examples",
    "data.sensitive",
}  # fmt: skip
# Short words that tell the language of a message too short for the detector.
SWEDISH_SHORT = re.compile(
    r"^\s*(hej|hejsan|hallå|tjena|tack|tackar|ja|nej|avbryt|hjälp|börja om|varför|per år|"
    r"billigare|snarare|okej|toppen)\b",
    re.IGNORECASE,
)


ENGLISH_WORDS = re.compile(
    r"\b(the|and|is|are|we|our|it|an?|of|to|for|with|what|how|why|please|would|could|this|that|"
    r"about|need|want|must|can)\b",
    re.IGNORECASE,
)


# The words that open a correction ("actually", "make it", "nej, snarare"): read without them, the
# rest is an ordinary statement of facts ("snarare 5000 kr" -> "5000 kr", a budget in kronor).
CUE_RE = re.compile(
    r"^\s*(?:(?:no|nope|actually|rather|or rather|make (?:it|that)|change (?:it|that) to|i meant|"
    r"sorry|wait|nej|snarare|eller snarare|faktiskt|egentligen|jag menade|ändra (?:det )?till|"
    r"förlåt)\b[\s,.:;!\-–]*)+",
    re.IGNORECASE,
)
# A figure alone ("2k", "~5000", "20 000"), with nothing to say what it counts.
BARE_FIGURE_RE = re.compile(
    r"[~≈]?\s*(?:about|around|ca\.?|ungefär|cirka)?\s*\d[\d\s.,]*[kKmM]?\s*[.!]?"
)
# The figures of a case are per month: how a figure without its period is read in a thread.
PER_MONTH = {"sv": "i månaden"}
PER_MONTH_FIELDS = (
    "requests_per_month", "audio_minutes_per_month", "images_per_month", "monthly_budget_usd",
)  # fmt: skip


# A reply that keeps a value the bot asked to confirm ("yes", "that's right", "ja, det stämmer"),
# but not one that goes on to deny it ("it is not", "det stämmer inte", "rätt fel").
CONFIRMED_RE = re.compile(
    r"^\s*(?:y|yes|yeah|yep|yup|correct|right|that'?s right|exactly|sure|ok(?:ay)?|it is|"
    r"ja|japp|jo|stämmer|det stämmer|korrekt|precis|rätt)\b"
    r"(?![\s,.!]*(?:not|wrong|incorrect|inte|fel)\b)",
    re.IGNORECASE,
)


def read_message(text: str, *, has_case: bool, language: str) -> dict:
    """What one message of a conversation says (intake.read_use_case), read as a person in the
    thread would: without the words that open a correction, and, once the case is known, a
    figure that names what it counts but not its period ("make it 50k tickets") as per month,
    like every figure the bot asks for. A bare number ("actually 2k") stays unread: it could be
    the volume or the budget, and the bot asks rather than guess."""
    core = CUE_RE.sub("", text).strip() or text
    found = intake.read_use_case(core)
    if not has_case or not re.search(r"\d", core) or not re.search(r"[^\W\d_]{3,}", core):
        return found
    if any(field != "use_case" for field in found["inferred"]):
        return found
    period = PER_MONTH.get(language, "a month")
    monthly = intake.read_use_case(f"{core} {period}")
    inferred = [field for field in monthly["inferred"] if field in PER_MONTH_FIELDS]
    if not inferred:
        return found
    return {**monthly, "inferred": inferred}


def fresh(language: str | None = None) -> dict:
    return {
        "answers": {},
        "asked": [],
        "pending": None,
        "confirm": [],  # fields two readers read differently, still to be confirmed
        "language": language or i18n.DEFAULT,
        "decision": None,
        "decided": None,
    }


def language_of(text: str, current: str | None) -> str:
    """The conversation's language after this message: a message clear enough switches it."""
    from knowledge.glossary import detect_language

    if SWEDISH_SHORT.match(text):
        return "sv"
    if len(text.split()) < 3:
        return current or i18n.DEFAULT
    detected = detect_language(text)
    # Figures and names read as English to the detector ("50 000 samtal i månaden, budget 500
    # dollar"): a Swedish conversation turns English only on English function words.
    if detected == "en" and current == "sv" and len(ENGLISH_WORDS.findall(text)) < 2:
        return current
    return detected


def handle(
    state: dict | None,
    text: str,
    *,
    source: str,
    user: str | None = None,
    channel: str | None = None,
) -> dict:
    """Read one message; return what to say ({kind, text, state, language, ...})."""
    state = {**fresh(), **(state or {})}
    text = " ".join((text or "").split())
    language = language_of(text, state.get("language")) if text else state["language"]
    state["language"] = language
    turn = Turn(state, text, language, source=source, user=user, channel=channel)
    return turn.run()


class Turn:
    def __init__(self, state: dict, text: str, language: str, **where) -> None:
        self.state = state
        self.text = text
        self.language = language
        self.where = where
        self._ = i18n.gettext_for(language)

    # -- what the message is ---------------------------------------------------------------------

    def run(self) -> dict:
        if not self.text:
            return self.social("hello")
        found = read_message(
            self.text, has_case=bool(self.state["answers"]), language=self.language
        )
        self.found_answers = found["answers"]
        self.facts = [f for f in found["inferred"] if f != "use_case"]
        self.disputed = [f for f in found.get("confirm") or [] if f in self.facts]
        hard = [f for f in self.facts if f in HARD_FIELDS]
        pending = self.state.get("pending")
        self.pending_value = self.pending_answer(pending, hard) if pending else None
        if self.state["answers"] and not self.facts and self.pending_value is None:
            if (which := self.which_figure()) is not None:
                return which
        reading = classify(
            self.text,
            has_pick=self.state.get("decision") is not None,
            has_case=bool(self.state["answers"]),
            pending=pending,
            facts=self.facts,
            hard_facts=hard,
            answers_pending=self.pending_value is not None,
        )
        log.info("message read as %s %s (%s)", reading.kind, reading.detail, reading.by)
        if reading.kind == SOCIAL:
            return self.social(reading.detail, reading.argument)
        if reading.kind == FOLLOW_UP:
            return self.follow_up(reading.detail, reading.argument)
        if reading.kind == SIDE_QUESTION:
            return self.side_question()
        if reading.kind in (UNRELATED, UNSURE) and QUESTION_RE.search(self.text):
            # a question the rules and the examples could not place: the knowledge base decides
            # ("vad är en inbäddning?" is a side question if an article answers it)
            if (answered := self.side_question(only_if_covered=True)) is not None:
                return answered
        if reading.kind == UNRELATED:
            return self.say(
                "unrelated",
                [
                    self._(
                        "That is outside what I do: I help choose a language model and an approach, and answer questions about them."
                    )
                ],
                reask=True,
            )
        if reading.kind == UNSURE:
            return self.unsure(reading.guesses)
        return self.facts_turn(reading)

    def pending_answer(self, field: str, hard: list[str]):
        """The value this message gives for the pending question, or None when it gives none.
        A number that the message ties to another field (a budget, say) never answers it."""
        value = get_answer(self.found_answers, field) if field in self.facts else None
        if value is not None:
            return value
        if any(f != field for f in hard):
            return None
        answered = intake.answer_question(field, self.text, self.state["answers"])
        before = get_answer(self.state["answers"], field)
        value = get_answer(answered, field)
        if value is not None and value != before:
            return value
        if field in self.state.get("confirm", []) and CONFIRMED_RE.match(self.text):
            return before  # the value asked about is kept: confirmed
        return None

    # -- replies ---------------------------------------------------------------------------------

    def result(self, kind: str, **extra) -> dict:
        return {"kind": kind, "state": self.state, "language": self.language, **extra}

    def reask_line(self) -> str | None:
        pending = self.state.get("pending")
        if not pending:
            return None
        question = _question_for(pending)
        if pending in self.state.get("confirm", []):
            # a value asked back is asked back again as such, with the value read
            question = intake.next_question(self.state["answers"], confirm=[pending]) or question
        if question is None:
            return None
        return self._("Back to my question: {question}").format(
            question=question_text(question, self.language)
        )

    def say(self, kind: str, lines: list[str], reask: bool = False, **extra) -> dict:
        if reask and (line := self.reask_line()):
            lines = [*lines, line]
        return self.result(kind, text="\n".join(lines), lines=lines, **extra)

    def social(self, detail: str, argument: str = "") -> dict:
        _ = self._
        if detail == "cancel":
            self.state = fresh(self.language)
            return self.say(
                "cancelled",
                [
                    _(
                        "Cancelled: I have forgotten this conversation. Mention me whenever you want a recommendation."
                    )
                ],
            )
        if detail == "start-over":
            self.state = fresh(self.language)
            if argument:
                rest = handle(self.state, argument, **self.where)
                lead = _("Starting over from your new description.")
                rest["text"] = lead + "\n" + rest.get("text", "")
                rest["lead"] = [lead, *rest.get("lead", [])]
                return rest
            return self.say(
                "restarted",
                [_("Starting over."), *greeting(self.language)[1:]],
                examples=examples_of(self.language),
            )
        if detail == "ack":
            lines = (
                [
                    _(
                        "Ask me “why not …?”, “per year?” or “anything cheaper?”, or tell me what changed."
                    )
                ]
                if self.state.get("decision") is not None and not self.state.get("pending")
                else []
            )
            if lines or self.reask_line():
                return self.say("social", lines, reask=True)
            detail = "hello"
        if detail == "thanks":
            line = (
                _(
                    "You're welcome! Ask me “why not …?”, “per year?” or “anything cheaper?”, or tell me what changed."
                )
                if self.state.get("decision") is not None
                else _("You're welcome!")
            )
            return self.say("social", [line], reask=True)
        examples = examples_of(self.language)
        lines = [*greeting(self.language), *(f"• {e}" for e in examples)]
        return self.say("greeting", lines, reask=True, examples=examples)

    def which_figure(self) -> dict | None:
        """A bare figure in a known case ("actually 2k"): the volume or the budget? Asked, never
        guessed."""
        core = CUE_RE.sub("", self.text).strip()
        if not BARE_FIGURE_RE.fullmatch(core):
            return None
        requests = get_answer(
            intake.answer_question("requests_per_month", core, {}), "requests_per_month"
        )
        budget = get_answer(
            intake.answer_question("monthly_budget_usd", core, {}), "monthly_budget_usd"
        )
        if requests is None or budget is None:
            return None
        line = self._(
            "I am not sure what {figure} is. Did you mean {requests} requests a month, or a budget of {budget} a month?"
        ).format(
            figure=core,
            requests=i18n.number(requests, self.language),
            budget=i18n.money(budget, self.language),
        )
        return self.say("clarify", [line], reask=True)

    def unsure(self, guesses: tuple[str, ...]) -> dict:
        _ = self._
        meaning = {
            FACTS: _("a detail of your use case (for example “budget $500 a month”)"),
            CORRECTION: _("a change to your use case"),
            SIDE_QUESTION: _("a question about a concept (for example “what is RAG?”)"),
            SOCIAL: _("just saying hello"),
            UNRELATED: _("something outside model advice"),
        }
        options = [meaning[g] for g in guesses if g in meaning] or [
            meaning[FACTS],
            meaning[SIDE_QUESTION],
        ]
        line = _("I am not sure what you mean. Did you mean {options}?").format(
            options=_(" or ").join(options[:2])
        )
        return self.say("unsure", [line], reask=True)

    def side_question(self, only_if_covered: bool = False) -> dict | None:
        from ..answers.qa import ask

        answer = ask(self.text)
        if only_if_covered and not answer.citations:  # "not covered" names, never cites
            return None
        reask = self.reask_line()
        return self.result(
            "answer", text=answer.answer, answer=answer, reask=reask, lines=[reask] if reask else []
        )

    # -- follow-ups --------------------------------------------------------------------------------

    def current(self) -> Recommendation | None:
        from ..store import default_store

        decision = self.state.get("decision")
        if decision is None:
            return None
        try:
            return Recommendation.from_stored(default_store().get_recommendation(int(decision)))
        except (AdvisorError, ValueError, TypeError) as exc:
            log.warning("could not load decision %s: %s", decision, exc)
            return None

    def follow_up(self, detail: str, argument: str) -> dict:
        rec = self.current()
        if rec is None and detail != "why-not":
            line = self._(
                "I have not recommended anything in this thread yet; ask me again once I have."
            )
            return self.say("follow-up", [line], reask=True, detail="no-pick")
        if rec is None:
            return self.side_question()
        if detail == "why-not":
            lines = why_not(rec, argument, self.language)
        elif detail == "approach":
            lines, _other = replan(rec, argument, self.language)
        elif detail == "per-year":
            lines = per_year(rec, self.language)
        elif detail == "cheaper":
            lines = cheaper(rec, self.language)
        elif detail == "other":
            # about this pick, which no article is: an honest line and what can be asked
            lines = [
                self._("I cannot answer that about {model} from what I know.").format(
                    model=rec.model.label
                ),
                self._(
                    "Ask me “why?”, “why not …?”, “per year?”, “anything cheaper?” or “what would fine-tuning cost instead?”, or tell me what changed."
                ),
            ]
        else:
            lines = why(rec, self.language)
        return self.say("follow-up", lines, detail=detail, decision=rec.id)

    # -- facts and corrections ----------------------------------------------------------------------

    def facts_turn(self, reading: Reading) -> dict:
        _ = self._
        state = self.state
        old = state["answers"]
        if not old:
            answers = copy.deepcopy(self.found_answers)
            changes = []
        else:
            answers, changes = self.apply(old)
        pending = state.get("pending")
        state["pending"] = None
        state["answers"] = answers
        if not answers.get("use_case") and not answers.get("task"):
            return self.social("hello")
        lead = change_lines(changes, self.language) if changes else []
        # a value the readers disputed is asked back before the advice rests on it, unless the
        # person has since set it (or was asked already)
        changed = {field for field, _before, _after in changes}
        state["confirm"] = [
            field
            for field in dict.fromkeys([*state.get("confirm", []), *self.disputed])
            if field not in changed and field not in state["asked"]
        ]
        rec = self.current()
        if rec is not None:
            if not changes:
                return self.say(
                    "social",
                    [
                        _("Nothing changed: I still recommend {model}.").format(
                            model=rec.model.label
                        )
                    ],
                )
            return self.decide(lead=[_("Changed:") + " " + "; ".join(lead)], before=rec)
        confirm = state["confirm"]
        question = intake.next_question(answers, skip=tuple(state["asked"]), confirm=confirm)
        if pending and reading.detail == "skip":
            question = intake.next_question(
                answers, skip=(*state["asked"], pending), confirm=confirm
            )
        if question and len(state["asked"]) < MAX_QUESTIONS:
            state["asked"] = [*state["asked"], question["field"]]
            state["pending"] = question["field"]
            noted = [_("Noted:") + " " + "; ".join(lead)] if lead else []
            text = question_text(question, self.language)
            return self.result(
                "question",
                text="\n".join([*noted, text]),
                lead=noted,
                question={
                    **question,
                    "text": text,
                    "labels": [self.option_label(o) for o in question.get("options") or []],
                },
            )
        return self.decide(lead=[_("Noted:") + " " + "; ".join(lead)] if lead else [])

    def option_label(self, option: str) -> str:
        """An answer's id as words on a button or menu ("question answering", "frågesvar")."""
        translated = self._(option)
        return option.replace("-", " ") if translated == option else translated

    def apply(self, old: dict) -> tuple[dict, list]:
        """The message's facts over the known answers: later values win. The task of a thread
        changes only by a message that describes the job anew (four words or more)."""
        answers = copy.deepcopy(old)
        changes = []
        pending = self.state.get("pending")
        values = {}
        if pending and self.pending_value is not None:
            values[pending] = self.pending_value
        for field in self.facts:
            if field in values:
                continue
            if field == "task" and (old.get("task") or len(self.text.split()) < 4):
                continue
            values[field] = get_answer(self.found_answers, field)
            if field == "languages" and old.get("languages") and not CUE_RE.match(self.text):
                # "we also need German": a language named later joins the others; one named in
                # a correction ("actually only German") replaces them
                values[field] = [
                    *old["languages"],
                    *(code for code in values[field] or [] if code not in old["languages"]),
                ]
        for field, value in values.items():
            before = get_answer(old, field)
            if value is None or value == before:
                continue
            set_answer(answers, field, value)
            changes.append((field, before, value))
        return answers, changes

    def decide(self, lead: list[str], before: Recommendation | None = None) -> dict:
        from ..advice.service import advise

        state = self.state
        answers = state["answers"]
        key = json.dumps(answers, sort_keys=True, default=str)
        if state.get("decided") == key and (rec := self.current()) is not None:
            return self.say(
                "social",
                [
                    self._("Nothing changed: I still recommend {model}.").format(
                        model=rec.model.label
                    )
                ],
            )
        try:
            rec = advise(answers, **self.where)
        except AdvisorError as exc:
            error = localize(str(exc), self.language)
            return self.say("error", [self._("I could not use that: {error}").format(error=error)])
        state["decision"] = rec.id
        state["decided"] = key
        state["pending"] = None
        if before is not None:
            lead = [*lead, delta_line(before, rec, self.language)]
        brief = brief_of(rec, self.language)
        summary = self._(
            "I recommend {model} ({provider}) with {approach}, at about {cost} a month."
        ).format(
            model=rec.model.label,
            provider=rec.model.provider,
            approach=brief["approach"],
            cost=i18n.money(rec.cost.monthly_usd, self.language),
        )
        text = "\n".join([*lead, brief["understood"], summary])
        return self.result("recommendation", text=text, lead=lead, recommendation=rec, brief=brief)


def _question_for(field: str) -> dict | None:
    """The question the bot asks for `field` (the field's own, as `intake.next_question` gives)."""
    from ..questionnaire import FIELDS

    spec = FIELDS.get(field)
    if spec is None or not spec.question:
        return None
    options = list(spec.choices) if spec.choices else ["yes", "no"] * (spec.kind == "yes-no")
    return {"field": field, "text": spec.question, "options": options}

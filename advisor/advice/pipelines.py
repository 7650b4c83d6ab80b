"""Jobs that need more than one model: RAG, voice agents and document AI over scanned pages.

A pipeline's parts are chosen from the catalog under the recommendation's own constraints
(deployment, open weights, languages, retirement), each priced for the workload with one or two
alternatives; the recommendation's total is their sum. Pure and fast, like the recommender.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..catalog.catalog import Catalog, Model
from ..questionnaire import Questionnaire
from ..results import Component, ModelInfo
from ..units import money
from . import residency
from .cost import Estimate, Workload, estimate, rag_embedder, reranker_for

CONVERSATIONAL = ("chat", "question-answering", "text-generation")
DOCUMENT_TASKS = (
    "extraction",
    "classification",
    "summarization",
    "question-answering",
    "chat",
    "text-generation",
    "translation",
    "vision",
)
# Calls that are only listened to (recorded, transcribed, summarised afterwards): nobody hears the
# model, so there is no text-to-speech to pay for ...
LISTEN_ONLY_RE = re.compile(
    r"\brecord(?:ed|ings?)\b|\btranscri\w+|call notes|after (?:the |each )?calls?\b|"
    r"\b(?:summar|analy[sz])\w* (?:\w+ ){0,3}calls?\b|\bcalls? (?:\w+ ){0,2}(?:summar|analy[sz])\w*|"
    r"inspelade|inspelningar|transkriber\w*",
    re.IGNORECASE,
)
# ... unless the model also answers aloud.
SPOKEN_REPLY_RE = re.compile(
    r"\banswer\w* (?:the |our )?(?:phones?|calls?)\b|voice[- ]?(?:assistant|agent|bot)|voicebot|\bivr\b|"
    r"\b(?:talks?|speaks?|speaking|replies|responds?) (?:\w+ ){0,2}(?:to|with) (?:the )?(?:callers?|customers?)|"
    r"read\w* (?:\w+ ){0,3}aloud|spoken (?:answers?|replies)|svara\w* i telefon|röst(?:assistent|agent|bot)",
    re.IGNORECASE,
)
SCANNED_RE = re.compile(
    r"scann|skann|pdf scans?|as images|(?:images|photos?|pictures) of (?:the |our )?"
    r"(?:invoices|receipts|documents|forms|pages|contracts)|photographed|fotograferade|faxe[sd]",
    re.IGNORECASE,
)

# A page-sized image costs providers roughly 250 (Gemini) to 1,600 (Claude) input tokens; OpenAI's
# high-detail tiles come to about 765-1,100. 1,500 keeps a scanned page from being underpriced.
PAGE_IMAGE_TOKENS = 1500
PROMPT_TOKENS = 300
# The text OCR gives for a full printed page: about 500 words, some 700 tokens. An LLM reading it
# pays for these instead of the page image's tokens.
OCR_TEXT_TOKENS = 700
MINUTES_PER_CALL = 3
# The agent speaks about half of a call, at about 150 words (some 800 characters) a minute.
TTS_CHARS_PER_CALL_MINUTE = 400
VECTOR_STORE = {
    "id": "chroma",
    "name": "Chroma",
    "provider": "Chroma",
    "tasks": ["vector-store"],
    "open_weights": True,
    "license": "Apache-2.0",
    "deployment": ["self-hosted", "on-device"],
}


def spoken_input(text: str) -> bool:
    """Whether people speak to the job (a phone line, a voice agent, recorded calls), as the
    intake reads it: "call the billing service", "API calls" and "mobile handsets" are not."""
    from ..intake.cues import signals

    return bool(signals(text).spoken_input)


def kinds(q: Questionnaire, primary: str) -> tuple[str, ...]:
    """The pipelines this job needs: any of "voice", "document", "rag"; empty for one model."""
    task = q.task or "chat"
    text = q.use_case or ""
    found: list[str] = []
    if task in CONVERSATIONAL and (spoken_input(text) or q.audio_minutes_per_month):
        found.append("voice")
    if task in DOCUMENT_TASKS and SCANNED_RE.search(text):
        found.append("document")
    if primary == "rag":
        found.append("rag")
    return tuple(found)


def prepare(q: Questionnaire, found: tuple[str, ...]) -> tuple[Questionnaire, list[str]]:
    """The answers as the main model must meet them, and what that assumed: scanned pages are
    read as images, so the model needs vision input and each request carries a page's tokens."""
    if "document" not in found:
        return q, []
    needs = list(q.needs or [])
    if "vision-input" not in needs:
        needs.append("vision-input")
    per_page = PAGE_IMAGE_TOKENS + PROMPT_TOKENS
    tokens = max(q.input_tokens or 0, per_page)
    notes = [
        "needs: vision-input (scanned pages are images: a vision model reads them directly; "
        "OCR + a text model is priced beside it as the alternative)",
        f"input_tokens: {tokens:,} (one scanned page a request: about {PAGE_IMAGE_TOKENS:,} image "
        f"tokens a page, providers count 250-1,600, plus about {PROMPT_TOKENS} of instructions)",
    ]
    return q.model_copy(update={"needs": needs, "input_tokens": tokens}), notes


@dataclass
class Part:
    role: str
    key: str  # the cost-breakdown entry
    ranked: list[tuple[Model, Estimate]]  # best first; the first is the choice
    notes: list[str] = field(default_factory=list)  # shown with the component


@dataclass
class SpeechPlan:
    """Speech-to-text and text-to-speech for a voice agent, for one kind of deployment."""

    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def monthly_usd(self) -> float:
        return sum(part.ranked[0][1].monthly_usd for part in self.parts if part.ranked)

    def add_to(self, cost: Estimate) -> Estimate:
        """`cost` (the LLM's) with the speech parts added to its total and breakdown."""
        for part in self.parts:
            if part.ranked:
                cost.breakdown[part.key] = part.ranked[0][1].monthly_usd
        cost.monthly_usd += self.monthly_usd
        cost.notes.extend(self.notes)
        return cost


class Voice:
    """The speech side of a voice agent, worked out once per kind of deployment (cloud or local)
    and added to every LLM candidate's cost, so budgets and rankings see the whole pipeline."""

    def __init__(self, q: Questionnaire, catalog: Catalog, today: str, modes: list[str]):
        self.q, self.catalog, self.today, self.modes = q, catalog, today, modes
        self.assumed: list[str] = []
        minutes = q.audio_minutes_per_month
        if not minutes:
            minutes = (q.requests_per_month or 0) * MINUTES_PER_CALL
            self.assumed.append(
                f"audio_minutes_per_month: {minutes:,.0f} (a voice agent: {q.requests_per_month or 0:,} "
                f"conversations of about {MINUTES_PER_CALL} minutes)"
            )
        self.minutes = float(minutes)
        text = q.use_case or ""
        # a model nobody hears needs no voice: recordings are transcribed, not answered
        self.spoken = not LISTEN_ONLY_RE.search(text) or bool(SPOKEN_REPLY_RE.search(text))
        self._plans: dict[bool, SpeechPlan] = {}

    def plan(self, mode: str) -> SpeechPlan:
        local = mode != "cloud-api"
        if local not in self._plans:
            self._plans[local] = self._plan(local)
        return self._plans[local]

    def _plan(self, local: bool) -> SpeechPlan:
        # A self-hosted or air-gapped LLM keeps the audio on the same side: no speech leaves.
        modes = [m for m in self.modes if m != "cloud-api"] if local else self.modes
        chars = self.minutes * TTS_CHARS_PER_CALL_MINUTE
        stt_work = Workload(
            "speech-to-text", 0, 0, 0, audio_minutes=self.minutes, latency="realtime"
        )
        # the TTS price notes read "N characters a month": one token of CHARS_PER_TOKEN chars each
        tts_work = Workload("text-to-speech", math.ceil(chars / 4), 1, 0, latency="realtime")
        plan = SpeechPlan()
        stt = self._ranked("speech-to-text", stt_work, modes)
        plan.parts = [Part("speech-to-text", "speech_to_text", stt)]
        if not self.spoken:
            plan.notes.append(
                f"recorded calls: {self.minutes:,.0f} minutes a month transcribed; nobody hears "
                "the model, so no text-to-speech is priced"
            )
            return self._noted(plan)
        tts = self._ranked("text-to-speech", tts_work, modes)
        plan.parts.append(Part("text-to-speech", "text_to_speech", tts))
        plan.notes.append(
            f"voice agent: {self.minutes:,.0f} call minutes a month transcribed, and about "
            f"{TTS_CHARS_PER_CALL_MINUTE} characters of spoken reply per call minute "
            f"({chars:,.0f} characters; the agent speaks about half of each call)"
        )
        self._noted(plan)
        realtime = self._realtime(modes)
        if realtime:
            model, monthly = realtime[0]
            instead = (
                f"one realtime speech model instead of speech-to-text + text-to-speech: {model.name} "
                f"at ${model.price('per_audio_minute'):g} a minute = {money(monthly, 2)}/month"
                f"{_price_source(model)}"
            )
            if self._realtime_wins(monthly):
                # a realtime conversation: one speech-to-speech session answers faster than a
                # transcribe-think-speak chain; the LLM still reasons (gpt-live-1 hands off to a
                # backend model, billed separately), so it stays in the plan
                chain = plan.monthly_usd
                plan.parts = [
                    Part(
                        "realtime-speech",
                        "realtime_speech",
                        [
                            (other, _minutes_estimate(other, self.minutes, price))
                            for other, price in realtime
                        ],
                        [
                            "listens and speaks in one session (latency: realtime); alternative: "
                            f"speech-to-text + text-to-speech for {money(chain, 2)}/month"
                        ],
                    )
                ]
                plan.warnings = []
                plan.notes = [
                    f"voice agent: {self.minutes:,.0f} call minutes a month in realtime sessions",
                    "realtime-speech: " + instead.split(": ", 1)[1],
                    f"alternative: speech-to-text + text-to-speech, {money(chain, 2)}/month",
                ]
            else:
                plan.notes.append(instead)
                if plan.parts and plan.parts[0].ranked:
                    plan.parts[0].notes.append(
                        f"alternative for both speech parts: {model.name}, one realtime speech "
                        f"model, {money(monthly, 2)}/month"
                    )
        return plan

    @staticmethod
    def _noted(plan: SpeechPlan) -> SpeechPlan:
        """Each part's choice and price in the notes; a warning for a part nothing fits."""
        for part in plan.parts:
            if not part.ranked:
                plan.warnings.append(
                    f"No {part.role} model in the catalog fits these constraints; that part of "
                    "the voice pipeline is not priced."
                )
                continue
            model, cost = part.ranked[0]
            plan.notes.append(
                f"{part.role}: {model.name} ({model.id}), {money(cost.monthly_usd, 2)}/month: "
                + "; ".join(cost.assumptions[1:] or cost.assumptions)
                + _price_source(model)
            )
        return plan

    def _realtime_wins(self, monthly: float) -> bool:
        """Realtime speech is chosen for realtime latency, when its audio alone fits the budget."""
        budget = self.q.monthly_budget_usd
        return self.q.latency == "realtime" and (budget is None or monthly <= budget)

    def _ranked(self, task: str, work: Workload, modes: list[str]) -> list[tuple[Model, Estimate]]:
        scored = []
        for model in self.catalog.serving(task):
            if {"speech-to-text", "text-to-speech"} <= set(model.tasks):
                continue  # realtime speech models: offered as one alternative, not as one half
            if not _fits(model, self.q, self.catalog, self.today):
                continue
            allowed = residency.allowed_modes(model, self.q.data_residency, modes)
            cost = estimate(model, work, self.catalog, allowed)
            if cost is None:
                continue
            if (
                task == "text-to-speech"
                and cost.mode == "cloud-api"
                and model.price("per_1m_characters") is None
            ):
                continue  # priced per audio token only: no honest conversion from characters
            scored.append((model, cost))
        cheapest = min((cost.monthly_usd for _, cost in scored), default=0.0)
        scored.sort(
            key=lambda entry: -_score(entry[0], task, entry[1].monthly_usd, cheapest, self.q)
        )
        return scored

    def _realtime(self, modes: list[str]) -> list[tuple[Model, float]]:
        """Realtime speech models that fit, priced per audio minute, cheapest first."""
        if "cloud-api" not in modes:
            return []
        options = [
            (model, self.minutes * model.price("per_audio_minute"))
            for model in self.catalog.serving("speech-to-text")
            if "text-to-speech" in model.tasks
            and "cloud-api" in residency.allowed_modes(model, self.q.data_residency, modes)
            and "cloud-api" in model.deployment
            and model.price("per_audio_minute") is not None
            and _fits(model, self.q, self.catalog, self.today)
        ]
        return sorted(options, key=lambda option: option[1])


def _minutes_estimate(model: Model, minutes: float, monthly: float) -> Estimate:
    return Estimate(
        monthly,
        "cloud-api",
        {"realtime_speech": monthly},
        notes=[f"{minutes:,.0f} audio minutes at ${model.price('per_audio_minute'):g} a minute"],
    )


def ocr_alternative(
    q: Questionnaire, catalog: Catalog, today: str, pick: Model, cost: Estimate, work: Workload
) -> list[str]:
    """OCR + LLM beside the vision plan for scanned pages: an OCR model turns each page into text
    and the same LLM reads the text instead of the image. The OCR follows the LLM's deployment,
    like the RAG embedder: a cloud plan pays a cloud OCR per page; a self-hosted, air-gapped or
    $0 plan runs an open OCR model on the same machines. Empty when no OCR model fits."""
    cloud = cost.mode == "cloud-api"
    options = [
        model
        for model in catalog.serving("ocr")
        if _fits(model, q, catalog, today)
        and (
            (
                "cloud-api"
                in residency.allowed_modes(model, q.data_residency, list(model.deployment))
                and model.price("per_1k_pages") is not None
            )
            if cloud
            else model.open_weights and {"self-hosted", "on-device"} & set(model.deployment)
        )
    ]
    if not options:
        return []
    ocr = max(options, key=lambda model: model.quality_for("ocr"))
    pages = work.requests  # one scanned page a request, as the vision plan assumes
    ocr_usd = pages * (ocr.price("per_1k_pages") or 0.0) / 1000 if cloud else 0.0
    text_work = Workload(**{**work.__dict__, "input_tokens": OCR_TEXT_TOKENS + PROMPT_TOKENS})
    text_cost = estimate(pick, text_work, catalog, [cost.mode])
    if text_cost is None:
        return []
    total = ocr_usd + text_cost.monthly_usd
    price = (
        f"${ocr.price('per_1k_pages'):g} per 1,000 pages = {money(ocr_usd, 2)}"
        if cloud
        else "open weights on the same machines, no per-page charge"
    )
    change = round(total - cost.monthly_usd, 2)
    compared = (
        f"{money(-change, 2)} less than the vision plan"
        if change < 0
        else f"{money(change, 2)} more than the vision plan"
        if change > 0
        else "the same as the vision plan"
    )
    return [
        f"alternative: OCR + LLM: {ocr.name} ({ocr.id}; {price}{_price_source(ocr)}) turns each "
        f"page into about {OCR_TEXT_TOKENS} tokens of text, and {pick.name} reads the text "
        f"({money(text_cost.monthly_usd, 2)}): {money(total, 2)}/month, {compared}; it gives up "
        "what only the image shows (handwriting, stamps, layout, checkboxes) and gains text-only "
        "input and a free choice of text model"
    ]


def _fits(model: Model, q: Questionnaire, catalog: Catalog, today: str) -> bool:
    if catalog.stage(model, today) != "current":
        return False
    if q.license == "open-weights" and not model.open_weights:
        return False
    return all(model.speaks(language) for language in q.languages or [])


def _score(model: Model, task: str, monthly: float, cheapest: float, q: Questionnaire) -> float:
    quality_weight = {"quality": 0.8, "cost": 0.35}.get(q.priority or "", 0.6)
    # against the cheapest part that fits: a tenfold price for a few points of quality loses
    cost_score = (cheapest + 1.0) / (monthly + 1.0)
    return quality_weight * model.quality_for(task) + (1 - quality_weight) * cost_score


def _price_source(model: Model) -> str:
    pricing = model.pricing
    return f" ({pricing.get('source', 'no source')}, {pricing.get('as_of', 'undated')})"


def components(
    found: tuple[str, ...],
    pick: Model,
    cost: Estimate,
    alternatives: list[Model],
    work: Workload,
    catalog: Catalog,
    speech: SpeechPlan | None,
    as_of: str,
    main_notes: list[str] | None = None,
) -> list[Component]:
    """The pipeline's parts: the pick (the main component) priced at what is left of the total
    once the other parts are taken out, so the parts add up to `cost.monthly_usd`."""
    if not found:
        return []
    parts: list[Component] = []
    if speech is not None:
        parts += [_component(part) for part in speech.parts[:1] if part.ranked]
    main_at = len(parts)
    if "rag" in found:
        embedders = rag_embedder(work, catalog, cost.mode)
        embedding = round(
            cost.breakdown.get("rag_query_embeddings", 0.0)
            + cost.breakdown.get("rag_reindexing", 0.0),
            2,
        )
        if embedders:
            where = "embeds on the same machines as the LLM, no per-token charge"
            parts.append(
                Component(
                    role="embedder",
                    model=ModelInfo.of(embedders[0]),
                    monthly_usd=embedding,
                    alternatives=[ModelInfo.of(model) for model in embedders[1:3]],
                    notes=[where] if cost.mode != "cloud-api" else [],
                )
            )
        if "rag_reranking" in cost.breakdown:
            found_rerankers = reranker_for(work, catalog, cost.mode)
            if found_rerankers:
                parts.append(
                    Component(
                        role="reranker",
                        model=ModelInfo.of(found_rerankers[0]),
                        monthly_usd=round(cost.breakdown["rag_reranking"], 2),
                        alternatives=[ModelInfo.of(model) for model in found_rerankers[1:3]],
                        notes=[
                            "re-scores the retrieved passages of each question"
                            + (
                                "; runs beside the LLM, no per-search charge"
                                if cost.mode != "cloud-api"
                                else ""
                            )
                        ],
                    )
                )
        parts.append(
            Component(
                role="vector-store",
                model=ModelInfo.model_validate(
                    {
                        **VECTOR_STORE,
                        "pricing": {
                            "source": "open source under Apache-2.0; runs beside the app, on "
                            "the same machine",
                            "as_of": as_of,
                        },
                    }
                ),
                monthly_usd=0.0,
                notes=["$0: self-hosted open source (no licence or usage fee)"],
            )
        )
    if speech is not None:
        parts += [_component(part) for part in speech.parts[1:] if part.ranked]
    others = round(sum(part.monthly_usd for part in parts), 2)
    main = Component(
        role="vision" if "document" in found else "llm",
        model=ModelInfo.of(pick),
        monthly_usd=round(round(cost.monthly_usd, 2) - others, 2),
        alternatives=[ModelInfo.of(model) for model in alternatives],
        notes=list(main_notes or []),
    )
    parts.insert(main_at, main)
    return parts


def _component(part: Part) -> Component:
    model, cost = part.ranked[0]
    return Component(
        role=part.role,
        model=ModelInfo.of(model),
        monthly_usd=round(cost.monthly_usd, 2),
        alternatives=[ModelInfo.of(other) for other, _ in part.ranked[1:3]],
        notes=part.notes,
    )

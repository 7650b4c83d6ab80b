"""The questionnaire contract (the JSON `recommend` reads) as pydantic models, and one-line
validation errors.

Each field carries its own metadata on the model (label, help, kind of input, allowed values,
unit, form step, the question the bot asks for it): `FIELDS` collects it, and the app's form, the
Slack modal, the bot's follow-up questions and the "allowed" part of every error message are made
from it. Adding a field means one line here (and, for it to matter, its use in the advice).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import InputError
from .hardware import GPU_MEMORY_GB, parse_owned
from .safetext import clean

TASKS = (
    "chat",
    "text-generation",
    "summarization",
    "question-answering",
    "classification",
    "extraction",
    "translation",
    "code-generation",
    "embeddings",
    "image-generation",
    "speech-to-text",
    "text-to-speech",
    "vision",
)
TEXT_TASKS = TASKS[:8]
LATENCIES = ("realtime", "interactive", "batch")
# air-gapped: on the user's own machines with no connection out; no part of the plan may be a cloud
# service (not even embeddings).
DEPLOYMENTS = ("any", "cloud-api", "self-hosted", "on-device", "air-gapped")
LICENSES = ("any", "open-weights", "proprietary")
NEEDS = ("function-calling", "json-output", "vision-input", "fine-tunable")
RESOURCES = ("low", "medium", "high")
PRIORITIES = ("quality", "balanced", "cost")
RESIDENCIES = ("any", "eu")
# The machine a plan must run on, where the text names one (device fit sizes the model to it).
DEVICES = (
    "phone",
    "tablet",
    "laptop",
    "apple-silicon",
    "single-board",
    "workstation",
    "cpu-server",
)
UPDATE_FREQUENCIES = ("static", "yearly", "monthly", "weekly", "daily", "realtime")

# ISO 639-1: the two-letter language codes.
ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy
    hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li
    ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa
    pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th
    ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split()
)

# Big enough for any real workload, small enough that cost maths stays finite.
MAX_COUNT = 10**15
MAX_USE_CASE_CHARS = 10_000


def _no_bool(value: Any) -> Any:
    # JSON true/false would otherwise pass as 1/0
    if isinstance(value, bool):
        raise ValueError("a number, not true/false")
    return value


Count = Annotated[int, BeforeValidator(_no_bool), Field(ge=0, le=MAX_COUNT, strict=False)]
Amount = Annotated[float, BeforeValidator(_no_bool), Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)]

# The form's steps, in order; every field belongs to one.
STEPS = {
    "use-case": "Use case",
    "volume": "Volume and budget",
    "data": "Data",
    "constraints": "Constraints",
}
KINDS = ("text", "choice", "multi", "count", "amount", "yes-no", "languages")


@dataclass(frozen=True)
class FieldSpec:
    """How one questionnaire field is asked, shown and read, wherever it is asked."""

    path: str  # "task", or "data.update_frequency" for the nested data answers
    label: str
    help: str
    kind: str  # one of KINDS
    step: str  # one of STEPS
    allowed: str  # what an error message says is allowed
    choices: tuple[str, ...] = ()
    unit: str = ""
    example: str = ""  # a placeholder for free-typed values
    question: str = ""  # what the bot asks when the field is missing; "" = never asked
    in_modal: bool = True  # shown in the Slack modal (which has room for fewer fields)

    def read(self, text: str) -> Any:
        """A typed value (a form, a modal, a link) as the field's value; InputError if not."""
        raw = str(text).strip()
        try:
            if self.kind in ("count", "amount"):
                return parse_number(raw, integer=self.kind == "count")
            if self.kind == "yes-no":
                if raw.lower() in _YES_WORDS:
                    return True
                if raw.lower() in _NO_WORDS:
                    return False
                raise ValueError(raw)
            if self.kind == "choice":
                if raw not in self.choices:
                    raise ValueError(raw)
                return raw
            if self.kind in ("multi", "languages"):
                items = [item.strip() for item in re.split(r"[\s,;]+", raw) if item.strip()]
                if self.kind == "multi" and any(item not in self.choices for item in items):
                    raise ValueError(raw)
                return items
        except ValueError:
            raise InputError(self.path, self.allowed, raw) from None
        return raw


_YES_WORDS = {"yes", "true", "1", "y", "on", "ja"}
_NO_WORDS = {"no", "false", "0", "n", "off", "nej"}
_SCALES = {
    "k": 1e3, "thousand": 1e3, "tusen": 1e3,
    "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6, "miljon": 1e6, "miljoner": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "miljard": 1e9, "miljarder": 1e9,
}  # fmt: skip
_NUMBER = re.compile(r"(\d{1,3}(?:[ ,.]\d{3})+|\d+(?:[.,]\d+)?)\s*([a-zåäö]+)?", re.IGNORECASE)


def parse_number(text: str, *, integer: bool = False) -> float | int:
    """The one reader of typed numbers: "20k", "1,500", "25.000", "2.5M", "$300/month",
    "1,2 miljoner" -> a number. ValueError when the text is not one number >= 0."""
    cleaned = str(text).strip().lower()
    cleaned = re.sub(r"^(us)?\$\s*|\s*(usd|us dollars?|dollars?|\$)\b", "", cleaned)
    cleaned = re.sub(r"\s*(/|per|a|an|each|every|i|om)\s*(month|mo|månad|månaden)$", "", cleaned)
    cleaned = cleaned.replace("_", "").strip()
    match = _NUMBER.fullmatch(cleaned)
    if not match or (match.group(2) and match.group(2) not in _SCALES):
        raise ValueError(text)
    digits = match.group(1)
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", digits):  # 25,000 / 25.000 / 25 000
        number = float(re.sub(r"[ ,.]", "", digits))
    else:  # 2.5 or a decimal comma, 1,2
        number = float(digits.replace(",", "."))
    number *= _SCALES.get(match.group(2) or "", 1)
    if not math.isfinite(number):  # hundreds of digits overflow a float
        raise ValueError(text)
    if integer:
        if number != int(number):
            raise ValueError(text)
        return int(number)
    return number


def _field(label: str, help: str, kind: str, step: str, allowed: str = "", **more: Any) -> Any:
    """A model field with its FieldSpec (the path is filled in from the attribute name). A field
    with choices says what is allowed from them unless told otherwise."""
    if not allowed:
        choices = ", ".join(more["choices"])
        allowed = f"one of {choices}" if kind == "choice" else f"a list of: {choices}"
    spec = {"label": label, "help": help, "kind": kind, "step": step, "allowed": allowed, **more}
    return Field(default=None, json_schema_extra={"spec": spec})


# Every model builds its validator on first use (defer_build): a cold command pays only for the
# models it touches.
class DataAnswers(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    private_knowledge: bool | None = _field(
        "Answers depend on our own documents or data",
        "Yes when the model must know your organisation's documents (then RAG is likely).",
        "yes-no", "data", "true or false",
        question="Do the answers depend on your organisation's own documents or data? If so, "
        "about how many documents, and how often do they change?",
    )  # fmt: skip
    document_count: Count | None = _field(
        "Number of documents", "How many documents it must know.", "count", "data",
        "a whole number >= 0", example="e.g. 5000",
    )  # fmt: skip
    update_frequency: Literal[UPDATE_FREQUENCIES] | None = _field(  # type: ignore[valid-type]
        "How often the data changes", "Fast-changing data favours retrieval over fine-tuning.",
        "choice", "data", choices=UPDATE_FREQUENCIES,
    )  # fmt: skip
    labeled_examples: Count | None = _field(
        "Labelled examples (good input -> output pairs)",
        "Hundreds to thousands of pairs make fine-tuning possible.", "count", "data",
        "a whole number >= 0", example="e.g. 2000",
    )  # fmt: skip
    sensitive: bool | None = _field(
        "Sensitive data", "Personal, medical, financial or confidential data.", "yes-no", "data",
        "true or false",
    )  # fmt: skip
    domain_corpus_tokens: Count | None = _field(
        "Domain corpus size (tokens)",
        "Unlabelled text of your own domain; matters for training from scratch.", "count", "data",
        "a whole number >= 0", unit="tokens", in_modal=False,
    )  # fmt: skip


class Questionnaire(BaseModel):
    """Every field optional, but `use_case` or `task` is required."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    use_case: str | None = _field(
        "Use case", "Describe what the model should do, for whom, and at what scale.", "text",
        "use-case", "free text",
        example="e.g. Answer employees' questions from our internal wiki, about 20k questions a "
        "month, budget $200 a month; the data must stay in the EU.",
    )  # fmt: skip
    task: Literal[TASKS] | None = _field(  # type: ignore[valid-type]
        "Task", "What the model does; inferred from the use case when left unset.", "choice",
        "use-case", choices=TASKS,
        question="What should the model do? For example: answer questions, chat, summarise, "
        "classify, extract fields, translate, write code, find similar items, create images, "
        "transcribe audio, read text aloud or understand images.",
    )  # fmt: skip
    requests_per_month: Count | None = _field(
        "Requests per month", "About how many calls a month.", "count", "volume",
        "a whole number >= 0", example="e.g. 20000 or 20k",
        question="About how many requests a month do you expect (for example 20k), and how long "
        "is a typical input and answer?",
    )  # fmt: skip
    input_tokens: Count | None = _field(
        "Input tokens per request", "A page of text is about 500 tokens.", "count", "volume",
        "a whole number >= 0 (tokens per request)", unit="tokens", example="e.g. 800",
    )  # fmt: skip
    output_tokens: Count | None = _field(
        "Output tokens per request", "How long a typical answer is.", "count", "volume",
        "a whole number >= 0 (tokens per request)", unit="tokens", example="e.g. 300",
    )  # fmt: skip
    images_per_month: Count | None = _field(
        "Images per month", "For image generation.", "count", "volume", "a whole number >= 0",
        question="About how many images a month?", in_modal=False,
    )  # fmt: skip
    audio_minutes_per_month: Amount | None = _field(
        "Audio minutes per month", "For speech to text.", "amount", "volume", "a number >= 0",
        unit="minutes", question="About how many minutes of audio a month?", in_modal=False,
    )  # fmt: skip
    monthly_budget_usd: Amount | None = _field(
        "Budget per month (USD)", "0 means you cannot pay for any API.", "amount", "volume",
        "a number >= 0 (0 = cannot pay for any API)", unit="USD",
        example="e.g. 200; 0 if you cannot pay for an API",
        question="What is your monthly budget in US dollars? Say 0 if you cannot pay for any "
        "API, or 'no limit'.",
    )  # fmt: skip
    deployment: Literal[DEPLOYMENTS] | None = _field(  # type: ignore[valid-type]
        "Deployment", "Where the model may run; air-gapped: on your own machines, and nothing may "
        "leave them (no cloud service anywhere in the plan).", "choice", "constraints",
        choices=DEPLOYMENTS,
        question="Must the data stay on your own servers or devices, or is a cloud API fine?",
    )  # fmt: skip
    data_residency: Literal[RESIDENCIES] | None = _field(  # type: ignore[valid-type]
        "Where data is processed", "eu: only hosted APIs that keep prompts and answers in the "
        "EU, or models you run yourself.", "choice", "constraints", choices=RESIDENCIES,
    )  # fmt: skip
    license: Literal[LICENSES] | None = _field(  # type: ignore[valid-type]
        "License", "Open weights or proprietary.", "choice", "constraints",
        choices=LICENSES,
    )  # fmt: skip
    latency: Literal[LATENCIES] | None = _field(  # type: ignore[valid-type]
        "Latency", "realtime: instant; interactive: while a person waits; batch: no rush.",
        "choice", "constraints", choices=LATENCIES,
    )  # fmt: skip
    context_tokens: Count | None = _field(
        "Largest single input (tokens)", "The longest text the model must read at once.",
        "count", "constraints", "a whole number >= 0 (the largest single input in tokens)",
        unit="tokens", example="e.g. 32000",
    )  # fmt: skip
    languages: list[str] | None = _field(
        "Languages", "ISO 639-1 codes separated by commas, e.g. en, sv.", "languages",
        "constraints", "a list of ISO 639-1 codes such as en, sv, de", example="en, sv",
    )  # fmt: skip
    needs: list[Literal[NEEDS]] | None = _field(  # type: ignore[valid-type]
        "Needs", "Capabilities the model must have.", "multi", "constraints",
        choices=NEEDS,
    )  # fmt: skip
    resources: Literal[RESOURCES] | None = _field(  # type: ignore[valid-type]
        "Team resources", "Your team's ML skill, time and compute.", "choice", "constraints",
        choices=RESOURCES,
    )  # fmt: skip
    owned_gpus: str | None = _field(
        "GPUs you already own", "Count and model, e.g. 2x A100-80GB: self-hosting on them "
        "costs no rent.", "text", "constraints", "a count and a GPU such as 2x A100-80GB "
        "(GPUs: " + ", ".join(GPU_MEMORY_GB) + ")", example="e.g. 2x A100-80GB", in_modal=False,
    )  # fmt: skip
    device: Literal[DEVICES] | None = _field(  # type: ignore[valid-type]
        "Device it runs on", "The machine the model must run on, when it is not a rented GPU: "
        "a phone, tablet, laptop, Apple silicon Mac, single-board computer (Raspberry Pi, NUC), "
        "a workstation, or a server with no GPU (cpu-server).", "choice", "constraints",
        choices=DEVICES, in_modal=False,
    )  # fmt: skip
    device_memory_gb: Amount | None = _field(
        "Device memory (GB)", "RAM (or unified memory, or VRAM) of the device it must run on.",
        "amount", "constraints", "a number >= 0 (GB)", unit="GB", example="e.g. 8",
        in_modal=False,
    )  # fmt: skip
    priority: Literal[PRIORITIES] | None = _field(  # type: ignore[valid-type]
        "What matters most", "quality: the best answers within the budget; cost: the cheapest "
        "that does the job; balanced (the default) weighs both.", "choice", "constraints",
        choices=PRIORITIES,
    )  # fmt: skip
    data: DataAnswers = Field(default_factory=DataAnswers)

    @field_validator("use_case")
    @classmethod
    def _trim_use_case(cls, value: str | None) -> str | None:
        # The advice reads the first MAX_USE_CASE_CHARS; service.advise announces the cut.
        if value is None:
            return None
        value = clean(value).strip()
        return value[:MAX_USE_CASE_CHARS] or None

    @field_validator("languages")
    @classmethod
    def _iso_codes(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        codes = []
        for code in value:
            code = code.strip().lower()
            if code not in ISO_639_1:
                raise ValueError("bad language code")
            if code not in codes:
                codes.append(code)
        return codes

    @field_validator("owned_gpus")
    @classmethod
    def _owned_gpus(cls, value: str | None) -> str | None:
        if value is None:
            return None
        owned = parse_owned(re.sub(r"\s*[x×]\s*", "x ", value.strip(), count=1))
        if owned is None:
            raise ValueError("bad GPUs")
        return f"{owned[0]}x {owned[1]}"

    @field_validator("needs")
    @classmethod
    def _unique_needs(cls, value: list[str] | None) -> list[str] | None:
        return list(dict.fromkeys(value)) if value is not None else None

    @model_validator(mode="after")
    def _use_case_or_task(self) -> Questionnaire:
        if not self.use_case and not self.task:
            raise ValueError("use_case or task is required")
        return self


def _specs(model: type[BaseModel], prefix: str = "") -> dict[str, FieldSpec]:
    out = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        if isinstance(extra, dict) and "spec" in extra:
            spec = dict(extra["spec"])
            spec["choices"] = tuple(spec.get("choices") or ())
            out[prefix + name] = FieldSpec(path=prefix + name, **spec)
    return out


# Every field, in the order a form shows them within its step.
FIELDS: dict[str, FieldSpec] = {**_specs(Questionnaire), **_specs(DataAnswers, "data.")}
ALLOWED: dict[str, str] = {
    **{path: spec.allowed for path, spec in FIELDS.items()},
    "data": "an object with " + ", ".join(DataAnswers.model_fields),
}


def fields_in_step(step: str) -> list[FieldSpec]:
    return [spec for spec in FIELDS.values() if spec.step == step]


def get_answer(answers: dict, path: str) -> Any:
    """The value at `path` ("task", "data.update_frequency") in nested answers, or None."""
    if path.startswith("data."):
        return (answers.get("data") or {}).get(path.removeprefix("data."))
    return answers.get(path)


def set_answer(answers: dict, path: str, value: Any) -> None:
    """Set (or, with None, remove) the value at `path` in nested answers."""
    if path.startswith("data."):
        data = answers.setdefault("data", {})
        if value is None:
            data.pop(path.removeprefix("data."), None)
        else:
            data[path.removeprefix("data.")] = value
        if not data:
            answers.pop("data")
    elif value is None:
        answers.pop(path, None)
    else:
        answers[path] = value


def _field_of(error: dict) -> str:
    parts = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
    # pydantic adds the Literal/union branch names to the location; keep the field names only
    fields = [p for p in parts if p in Questionnaire.model_fields or p in DataAnswers.model_fields]
    if fields and fields[0] == "data" and len(fields) > 1:
        return "data." + fields[1]
    return fields[0] if fields else ""


def parse_questionnaire(answers: Any) -> Questionnaire:
    """Validate raw answers; raise InputError naming the first bad field and what is allowed."""
    if isinstance(answers, Questionnaire):
        return answers
    if not isinstance(answers, dict):
        raise InputError("questionnaire", "a JSON object with use_case or task")
    try:
        return Questionnaire.model_validate(answers)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = _field_of(error)
        if error.get("type") == "extra_forbidden":
            unknown = str(error["loc"][-1])
            if field == "data" or (len(error["loc"]) > 1 and error["loc"][0] == "data"):
                allowed = ", ".join(DataAnswers.model_fields)
                raise InputError(f"data.{unknown}", f"unknown field; allowed: {allowed}") from None
            allowed = ", ".join(Questionnaire.model_fields)
            raise InputError(unknown, f"unknown field; allowed: {allowed}") from None
        if not field:
            raise InputError("use_case", "use_case or task is required") from None
        raise InputError(field, ALLOWED.get(field, "a valid value")) from None

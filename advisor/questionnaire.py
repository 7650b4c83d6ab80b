"""The questionnaire contract (DESIGN.md) as pydantic models, and one-line validation errors."""

from __future__ import annotations

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
DEPLOYMENTS = ("any", "cloud-api", "self-hosted", "on-device")
LICENSES = ("any", "open-weights", "proprietary")
NEEDS = ("function-calling", "json-output", "vision-input", "fine-tunable")
RESOURCES = ("low", "medium", "high")
UPDATE_FREQUENCIES = ("static", "yearly", "monthly", "weekly", "daily", "realtime")
APPROACHES = ("prompt-engineering", "rag", "fine-tuning", "training-from-scratch")

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

ALLOWED = {
    "use_case": "free text",
    "task": "one of " + ", ".join(TASKS),
    "requests_per_month": "a whole number >= 0",
    "input_tokens": "a whole number >= 0 (tokens per request)",
    "output_tokens": "a whole number >= 0 (tokens per request)",
    "audio_minutes_per_month": "a number >= 0",
    "images_per_month": "a whole number >= 0",
    "monthly_budget_usd": "a number >= 0 (0 = cannot pay for any API)",
    "latency": "one of " + ", ".join(LATENCIES),
    "deployment": "one of " + ", ".join(DEPLOYMENTS),
    "license": "one of " + ", ".join(LICENSES),
    "languages": "a list of ISO 639-1 codes such as en, sv, de",
    "context_tokens": "a whole number >= 0 (the largest single input in tokens)",
    "needs": "a list of: " + ", ".join(NEEDS),
    "resources": "one of " + ", ".join(RESOURCES),
    "data": "an object with private_knowledge, document_count, update_frequency, "
    "labeled_examples, sensitive, domain_corpus_tokens",
    "data.private_knowledge": "true or false",
    "data.document_count": "a whole number >= 0",
    "data.update_frequency": "one of " + ", ".join(UPDATE_FREQUENCIES),
    "data.labeled_examples": "a whole number >= 0",
    "data.sensitive": "true or false",
    "data.domain_corpus_tokens": "a whole number >= 0",
}


class DataAnswers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    private_knowledge: bool | None = None
    document_count: Count | None = None
    update_frequency: Literal[UPDATE_FREQUENCIES] | None = None  # type: ignore[valid-type]
    labeled_examples: Count | None = None
    sensitive: bool | None = None
    domain_corpus_tokens: Count | None = None


class Questionnaire(BaseModel):
    """Every field optional, but `use_case` or `task` is required."""

    model_config = ConfigDict(extra="forbid")

    use_case: str | None = None
    task: Literal[TASKS] | None = None  # type: ignore[valid-type]
    requests_per_month: Count | None = None
    input_tokens: Count | None = None
    output_tokens: Count | None = None
    audio_minutes_per_month: Amount | None = None
    images_per_month: Count | None = None
    monthly_budget_usd: Amount | None = None
    latency: Literal[LATENCIES] | None = None  # type: ignore[valid-type]
    deployment: Literal[DEPLOYMENTS] | None = None  # type: ignore[valid-type]
    license: Literal[LICENSES] | None = None  # type: ignore[valid-type]
    languages: list[str] | None = None
    context_tokens: Count | None = None
    needs: list[Literal[NEEDS]] | None = None  # type: ignore[valid-type]
    resources: Literal[RESOURCES] | None = None  # type: ignore[valid-type]
    data: DataAnswers = Field(default_factory=DataAnswers)

    @field_validator("use_case")
    @classmethod
    def _trim_use_case(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
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

    @field_validator("needs")
    @classmethod
    def _unique_needs(cls, value: list[str] | None) -> list[str] | None:
        return list(dict.fromkeys(value)) if value is not None else None

    @model_validator(mode="after")
    def _use_case_or_task(self) -> Questionnaire:
        if not self.use_case and not self.task:
            raise ValueError("use_case or task is required")
        return self


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

"""What an expert says about a plan beyond its price: decisions that need a person, a licence
that forbids the use, a model too weak for what it may do, a region a part of the plan breaks.

Each rule reads the meaning of the use case (the domain of the decision, whether the use is
commercial, whether an action can be undone) and the plan's facts (licences, sizes, where each
part is hosted). Pure and fast.
"""

from __future__ import annotations

import re
from functools import cache

from ..catalog.catalog import Model
from . import residency

# Decisions about people's health, rights or money: a person reviews, and a metric is watched.
DOMAINS = {
    "clinical": (
        re.compile(
            r"\b(?:clinic\w*|patients?|diagnos\w*|triage|symptoms?|medications?|dosages?|prescri\w*|"
            r"medical (?:advice|questions?|decisions?)|nurses?|doctors?|physicians?|"
            r"vårdcentral\w*|patient\w*|läkare|sjukskötersk\w*|symptom\w*)\b",
            re.I,
        ),
        "a clinician reviews every answer before it reaches a patient or a treatment decision",
        "anything urgent (red-flag symptoms, self-harm, medication errors) goes to a person at "
        "once, never to a generated reply",
        "the rate of missed urgent cases (false negatives) on a labelled test set, reviewed "
        "every release, with every answer logged for audit",
    ),
    "legal": (
        re.compile(
            r"\b(?:legal (?:advice|questions?|decisions?|opinions?)|lawyers?|attorneys?|court|"
            r"litigation|contract review|review\w* (?:\w+ ){0,2}contracts|clauses?|"
            r"juridisk\w*|advokat\w*|avtalsgranskning)\b",
            re.I,
        ),
        "a lawyer signs off every answer that a client or a decision relies on",
        "questions outside the documents, or with money or deadlines at stake, go to counsel",
        "the rate of wrong or invented citations and clauses on a checked sample each month",
    ),
    "financial": (
        re.compile(
            r"\b(?:loan (?:applications?|decisions?|approvals?)|credit (?:decisions?|scor\w*|approv\w*|"
            r"limits?|applications?)|underwrit\w*|investment advice|financial advice|insurance claims?|"
            r"claims? (?:approv\w*|decisions?)|approve\w* (?:\w+ ){0,2}(?:claims?|loans?|credit|applications?)|"
            r"kreditbeslut\w*|kreditprövning\w*|låneansök\w*|försäkringsärend\w*)\b",
            re.I,
        ),
        "a person approves every decision that changes what a customer gets or pays",
        "disputed, large or unusual cases go to a named team with a deadline",
        "the error rate and outcome differences between customer groups, and the share of "
        "decisions overturned on review",
    ),
}

# Uses that make money from the output: a licence that forbids commercial use rules the model out.
COMMERCIAL_RE = re.compile(
    r"\b(?:shop|store|e-?commerce|web ?shop|online shop|customers?|clients?|sell\w*|"
    r"product (?:photos?|images?|pages?|listings?)|marketing|ads|advert\w*|campaigns?|brand|"
    r"commercial|our business|company|webbutik\w*|kunder|butik\w*|e-handel)\b",
    re.I,
)
NON_COMMERCIAL_RE = re.compile(r"non-?commercial|\bnc\b|research[- ]only", re.I)

# Actions that cannot be undone once the model has taken them.
IRREVERSIBLE_RE = re.compile(
    r"\b(?:refunds?|issue\w* (?:a )?refunds?|payments?|pay(?:s|ing)? out|payouts?|transfers? "
    r"(?:money|funds)|wire transfers?|delete\w*|cancel\w* (?:\w+ ){0,2}(?:orders?|subscriptions?|"
    r"accounts?|bookings?)|place\w* (?:\w+ ){0,2}orders?|execut\w* trades?|trades? (?:stocks?|shares?)|"
    r"send\w* (?:\w+ ){0,2}(?:emails?|messages?|invoices?) (?:\w+ ){0,2}(?:customers?|clients?)|"
    r"återbetal\w*|radera\w*|betalning\w*)\b",
    re.I,
)
ACTS_RE = re.compile(
    r"\b(?:automatically|on its own|without (?:a )?(?:human|person)|agent\w*|tools?|actions?|"
    r"execut\w*|issue\w*|process\w*|handle\w*|automatiskt)\b",
    re.I,
)
# A model this small, or this far below the best for the task, is not trusted with an action
# that cannot be undone without a check in between.
WEAK_PARAMETERS_B = 15
WEAK_QUALITY_SHARE = 0.6

# Data kept in one country or region that the questionnaire's residency (any | eu) cannot say.
REGION_RE = re.compile(
    r"\b(?:stay|remain|be kept|be stored|be processed|kept|stored|processed|hosted)\s+"
    r"(?:\w+\s+){0,2}(?:in|inside|within)\s+(?:the\s+)?"
    r"(?P<region>us|usa|united states|uk|united kingdom|switzerland|canada|australia|norway|"
    r"japan|india|sweden|germany|france|eu|eea|europe)\b",
    re.I,
)


def decision_warnings(use_case: str) -> list[str]:
    """Human review, an escalation path and the metric to watch, for clinical, legal or
    financial decisions."""
    out = []
    for domain, (pattern, review, escalation, metric) in DOMAINS.items():
        if pattern.search(use_case or ""):
            out.append(
                f"This is a {domain} use: {review}; escalation: {escalation}; watch {metric}."
            )
    return out


def commercial_use(use_case: str) -> bool:
    return bool(COMMERCIAL_RE.search(use_case or ""))


@cache
def non_commercial(licence: str) -> bool:
    return bool(NON_COMMERCIAL_RE.search(licence))


def licence_forbids(model: Model, use_case: str) -> str | None:
    """Why the model's licence rules out this use, or None."""
    if non_commercial(model.license) and commercial_use(use_case):
        return f"licence ({model.license}) forbids commercial use, and this use is commercial"
    return None


def licence_warning(model: Model, use_case: str) -> str | None:
    """A pick under a non-commercial licence where the use was not seen to be commercial."""
    if non_commercial(model.license) and not commercial_use(use_case):
        return (
            f"{model.name}'s licence ({model.license}) forbids commercial use: fine for research "
            "or personal use; anything you sell or run for customers needs a model licensed for it."
        )
    return None


def weak_for_action(model: Model, use_case: str, task: str, best_quality: float) -> str | None:
    """A warning when a small or weak model may take an action that cannot be undone."""
    text = use_case or ""
    action = IRREVERSIBLE_RE.search(text)
    if not action or not ACTS_RE.search(text):
        return None
    size = model.self_hosting.parameters_b if model.self_hosting else None
    small = size is not None and size < WEAK_PARAMETERS_B
    quality = model.quality_for(task)
    weak = best_quality > 0 and quality < WEAK_QUALITY_SHARE * best_quality
    if not (small or weak):
        return None
    why = f"{size:g}B parameters" if small else "well below the strongest models for this task"
    return (
        f"{model.name} ({why}) would take actions that cannot be undone ({action.group(0)}): "
        "put a confirmation step (a person, or a rule-based check of amount and account) before "
        "each, log every action, and watch the rate of wrong actions; or choose a stronger model."
    )


def residency_warnings(
    use_case: str, region: str | None, hosted: list[tuple[str, Model]]
) -> list[str]:
    """Parts of the plan hosted outside the region the data must stay in. `hosted` lists the
    (role, model) of every part billed as a hosted API."""
    out = []
    if region == "eu":
        for role, model in hosted:
            if residency.hosted_in(model, "eu") is None:
                out.append(
                    f"The {role} ({model.name}) is a hosted API with no EU-only processing, which "
                    "data_residency: eu rules out: run it on your own machines or pick one that has."
                )
    named = REGION_RE.search(use_case or "")
    if named and hosted:
        place = named.group("region")
        covered = region == "eu" and place.lower() in {"eu", "eea", "europe"}
        if not covered:
            parts = ", ".join(f"{role} ({model.name})" for role, model in hosted)
            out.append(
                f"Your text says the data must stay in {place}; these parts are hosted APIs: "
                f"{parts}. Confirm each provider processes and stores data there (a contract "
                "term, not a setting), or run them on your own machines."
            )
    return out

"""Pick a model and an approach for a questionnaire: hard filters, a score, tiers of alternatives.

Pure and fast: no I/O beyond the (cached) catalog, so it runs in a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .. import hardware, intake
from ..catalog import quality as quality_rule
from ..catalog.catalog import RETIRING_SOON_DAYS, Catalog, Model, load_catalog
from ..intake import impact as intake_impact
from ..intake import summary as intake_summary
from ..questionnaire import TEXT_TASKS, Questionnaire, get_answer, parse_questionnaire
from ..results import Contender, Recommendation, Understood
from . import approach as approach_rules
from . import devices, expert, pipelines, price_levers, residency
from .cost import (
    LOW_UTILISATION,
    OWNED_KINDS,
    Estimate,
    Workload,
    estimate,
    fits_device,
    share,
    work_context,
)

# Assumed when not answered; every default used is stated in the recommendation.
DEFAULT_VOLUME = {
    "requests_per_month": 10_000,
    "input_tokens": 500,
    "output_tokens": 300,
    "images_per_month": 100,
    "audio_minutes_per_month": 600,
}
DEFAULT_OUTPUT_TOKENS = {
    "embeddings": 0,
    "classification": 5,
    "text-to-speech": 0,
    "speech-to-text": 0,
}

DEPLOYABLE = ("cloud-api", "self-hosted", "on-device")
ONE_OFF_MONTHS = 12  # one-off costs are ranked as if paid over a year
# Retraining every weight beyond one 8-GPU node needs multi-node parallelism: a research project,
# not an adaptation a product team runs, so continued pretraining stays within one node.
TRAINING_NODE_GPUS = 8
# Tuning a model over 100B parameters takes a multi-GPU node for days and a team that runs it;
# it pays only with a high-resource team and tens of thousands of good examples. Below that a
# smaller tuned model serves a fixed task as well (and costs far less to host).
LARGE_TUNING_B = 100
LARGE_TUNING_EXAMPLES = 10_000
# A tuned model suffices at this share of the best candidate's quality (tuning closes the rest of
# the gap on a fixed task; Anyscale's and OpenAI's fine-tuning reports show small tuned models
# matching large prompted ones on narrow tasks).
TUNED_ENOUGH_SHARE = 0.85
# One rented GPU for "more memory", smallest first (names as in the catalog's gpu_hourly_usd).
RENTABLE_GPUS = ("L4", "A100-80GB", "H100-80GB")
# (quality, cost, latency) weights of the score, by what the user says matters most.
WEIGHTS = {"quality": (0.8, 0.1, 0.1), "balanced": (0.6, 0.3, 0.1), "cost": (0.35, 0.55, 0.1)}
LATENCY_FIT = {
    "realtime": {"fast": 1.0, "medium": 0.5, "slow": 0.0},
    "interactive": {"fast": 1.0, "medium": 0.9, "slow": 0.4},
    "batch": {"fast": 1.0, "medium": 1.0, "slow": 1.0},
}


@dataclass(eq=False)  # compared by identity: each candidate is one option
class Candidate:
    model: Model
    cost: Estimate
    score: float


def _fill(
    q: Questionnaire, reading: intake.Reading | None = None
) -> tuple[Questionnaire, list[str], list[str], list[Understood]]:
    """Infer from use_case, then assume defaults; returns (answers, inferred fields, assumptions,
    the values read from the text with their evidence). `reading` is the use case as the caller
    already read it (service.advise: `intake.read`, with the intake model where one is set); by
    default the deterministic readers read it here, which keeps this function free of I/O."""
    given = q.model_dump(exclude_none=True)
    given["data"] = {k: v for k, v in (given.get("data") or {}).items() if v is not None}
    inferred: list[str] = []
    understood: list[str] = []
    read: list[Understood] = []
    if q.use_case:
        if reading is None:
            reading = intake.read_text(q.use_case, q.task)
        found, fields, understood, read = (
            reading.answers,
            reading.found,
            reading.notes,
            reading.understood,
        )
        merged = intake.merge(given, found)
        for field_name in fields:
            if get_answer(given, field_name) is None and get_answer(merged, field_name) is not None:
                inferred.append(field_name)
        given = merged
    # what was worked out from the text (products, yearly figures, currencies) comes first
    assumed: list[str] = [note for note in understood if note.split(":")[0] in inferred]
    task = given.get("task")
    if not task:
        given["task"] = task = "chat"
        assumed.append('task: "chat" (nothing in the use case named a more specific task)')
    if task == "image-generation":
        needed = ["images_per_month"]
    elif task == "speech-to-text":
        needed = ["audio_minutes_per_month"]
    else:
        needed = ["requests_per_month", "input_tokens", "output_tokens"]
    for name in needed:
        if given.get(name) is None:
            value = (
                DEFAULT_OUTPUT_TOKENS.get(task, DEFAULT_VOLUME[name])
                if name == "output_tokens"
                else DEFAULT_VOLUME[name]
            )
            if name == "input_tokens" and given.get("context_tokens"):
                # the largest single input is the honest guess for a long-document workload
                value = max(value, given["context_tokens"])
            given[name] = value
            assumed.append(f"{name}: {value:,}")
    if given.get("monthly_budget_usd") is None:
        assumed.append("monthly_budget_usd: no limit given")
    if not given.get("data"):
        given.pop("data", None)
    return parse_questionnaire(given), inferred, assumed, read


def _allowed_modes(q: Questionnaire) -> list[str]:
    if q.deployment == "air-gapped":
        # Inside an air gap everything runs on the organisation's own machines. A plan is free
        # ("on your own device") only on a machine the answers name (owned GPUs, a CPU server, a
        # laptop), or when nothing may be paid for (then there is one); otherwise the machines
        # are still to be provided and are priced like any self-hosted server, so a model the
        # size of a server never looks free because no device was named.
        named = q.device or devices.read_device(q.use_case or "", q.deployment, q.owned_gpus)
        if named or q.monthly_budget_usd == 0:
            return ["self-hosted", "on-device"]
        return ["self-hosted"]
    if q.deployment in ("cloud-api", "self-hosted", "on-device"):
        return [q.deployment]
    if q.monthly_budget_usd == 0:
        # nothing to pay for: only what runs on hardware the user already has
        return ["on-device", "self-hosted"] if q.owned_gpus else ["on-device"]
    return ["cloud-api", "self-hosted"]


def _too_big_to_retrain(model: Model, q: Questionnaire) -> str | None:
    """Why continued pretraining of `model` is out of reach (more than one 8-GPU node to retrain
    every weight, beyond the GPUs the team owns), or None."""
    params = (model.self_hosting.parameters_b if model.self_hosting else None) or 7.0
    memory = hardware.full_training_memory_gb(params)
    gpus = hardware.gpus_needed(memory, "H100-80GB")
    if gpus <= TRAINING_NODE_GPUS or memory <= hardware.owned_memory_gb(q.owned_gpus):
        return None
    return (
        f"needs {gpus} x H100-80GB to retrain all {params:,g}B parameters, more than one "
        f"{TRAINING_NODE_GPUS}-GPU node: continued pretraining at that size is a research project"
    )


def _modes_for(
    model: Model, q: Questionnaire, approach: approach_rules.Approach, modes: list[str]
) -> list[str]:
    """The deployments `model` may use in this plan: no hosted API that keeps the data outside
    the region asked for, and none at all when the plan retrains the weights (continued
    pretraining makes new weights, which run only where you host them)."""
    allowed = residency.allowed_modes(model, q.data_residency, modes)
    if approach.continued_pretraining:
        allowed = [mode for mode in allowed if mode != "cloud-api"]
    return allowed


def _workload(q: Questionnaire, task: str, primary: str, continued: bool = False) -> Workload:
    return Workload(
        task=task,
        requests=q.requests_per_month or 0,
        input_tokens=q.input_tokens or 0,
        output_tokens=q.output_tokens or 0,
        images=q.images_per_month or 0,
        audio_minutes=q.audio_minutes_per_month or 0.0,
        latency=q.latency or "interactive",
        rag=primary == "rag",
        fine_tune_examples=(q.data.labeled_examples or 0) if primary == "fine-tuning" else 0,
        documents=q.data.document_count or (100 if primary == "rag" else 0),
        update_frequency=q.data.update_frequency or "monthly",
        corpus_tokens=q.data.domain_corpus_tokens or 0,
        pretrain=primary == "training-from-scratch",
        owned_gpus=q.owned_gpus,
        own_machines=q.deployment == "air-gapped",
        languages=tuple(q.languages or ()),
        open_weights_only=q.license == "open-weights",
        region=q.data_residency,
        quality_first=q.priority == "quality",
        continued_pretraining=continued,
        device=devices.read_device(
            q.use_case or "", q.deployment, q.owned_gpus, q.device, q.device_memory_gb
        ),
        context_tokens=q.context_tokens or 0,
        shared_prefix_tokens=price_levers.shared_prefix_tokens(
            q.use_case, q.input_tokens or 0, q.context_tokens or 0
        ),
    )


def _successor(model: Model, catalog: Catalog) -> str:
    """ "GPT-6 Luna (gpt-6-luna)", or "" when the provider names no successor."""
    if not model.successor:
        return ""
    # The successor may sit outside the catalog being searched (a filtered or past one); its
    # name comes from the catalog of record then.
    found = catalog.find(model.successor) or load_catalog().find(model.successor)
    name = found.name if found is not None else model.successor
    return f"{name} ({model.successor})"


def _retirement(model: Model, today: str, catalog: Catalog) -> str | None:
    """Why a model is out because of its retirement date (naming its successor), or None."""
    stage = catalog.stage(model, today)
    if stage == "current":
        return None
    successor = _successor(model, catalog)
    successor = f"; its successor is {successor}" if successor else ""
    if stage == "retired":
        return f"was retired by its provider on {model.deprecation_date}{successor}"
    return f"is retired by its provider on {model.deprecation_date}, within {RETIRING_SOON_DAYS} days{successor}"


def _exclusion(
    model: Model,
    q: Questionnaire,
    task: str,
    modes: list[str],
    primary: str,
    today: str,
    catalog: Catalog,
) -> str | None:
    """Why a model that serves the task is filtered out, or None if it passes the hard filters."""
    if (
        model.architecture == "encoder-only"
        and task in ("classification", "extraction")
        and primary != "fine-tuning"
    ):
        return "is an encoder that must first be fine-tuned on labelled examples for this task"
    if primary == "fine-tuning" and "fine-tunable" not in model.capabilities:
        # A plan to fine-tune must rest on a model that can be: open weights, or a provider
        # that sells fine-tuning.
        return "cannot be fine-tuned (closed weights, and its provider offers no fine-tuning)"
    retirement = _retirement(model, today, catalog)
    if retirement:
        return retirement
    missing = [need for need in (q.needs or []) if need not in model.capabilities]
    if missing:
        return "lacks " + ", ".join(missing)
    if q.license == "open-weights" and not model.open_weights:
        return "weights are not open"
    if q.license == "proprietary" and model.open_weights:
        return "is an open-weights model and you asked for proprietary"
    if not any(mode in model.deployment for mode in modes):
        return "cannot be deployed " + " or ".join(modes)
    if task in TEXT_TASKS or task in ("vision", "embeddings"):
        needed = max(q.context_tokens or 0, 0)
        if needed and not model.context_window:
            return f"has no published context window, and {needed:,} tokens are needed"
        if needed and model.context_window < needed:
            return f"context window {model.context_window:,} tokens < {needed:,} needed"
    for language in q.languages or []:
        if not model.speaks(language):
            return f"not known to handle language '{language}'"
    return None


def _score(
    model: Model,
    cost: Estimate,
    q: Questionnaire,
    task: str,
    primary: str,
    quality_cap: float | None = None,
) -> float:
    quality = model.quality_for(task)
    if quality_cap is not None:
        quality = min(quality, quality_cap)
    budget = q.monthly_budget_usd
    # a one-off (training, the first embedding) counts in the ranking spread over a year, so a
    # plan that trains a 700B model is not ranked as if its training were free
    monthly = cost.monthly_usd + sum(cost.one_off.values()) / ONE_OFF_MONTHS
    if budget is not None and budget > 0:
        ratio = monthly / budget
        cost_score = 1.0 - 0.3 * ratio if ratio <= 1 else -1.0 - math.log10(ratio)
    elif budget == 0:
        cost_score = 1.0 if monthly == 0 else -2.0
    else:
        cost_score = 1.0 / (1.0 + math.log10(1.0 + monthly / 10.0))
    latency = LATENCY_FIT[q.latency or "interactive"].get(model.latency(), 0.5)
    weight_quality, weight_cost, weight_latency = WEIGHTS[q.priority or "balanced"]
    score = weight_quality * quality + weight_cost * cost_score + weight_latency * latency
    if primary == "fine-tuning" and "fine-tunable" in model.capabilities:
        score += 0.05
    if q.data.sensitive and cost.mode != "cloud-api":
        score += 0.03
    return score


@dataclass
class Job:
    """What the steps of one recommendation share: the filled answers, the approach, the
    pipeline, the workload, and what they found on the way."""

    q: Questionnaire
    catalog: Catalog
    today: str
    approach: approach_rules.Approach
    found: tuple[str, ...]
    work: Workload
    modes: list[str]
    voice: pipelines.Voice | None
    inferred: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    why_not: list[dict] = field(default_factory=list)
    read: list[Understood] = field(default_factory=list)

    task: str = "chat"
    # the task whose figure ranks the models (the agentic index for a text job that calls tools)
    quality_task: str = "chat"

    def __post_init__(self) -> None:
        self.task = self.q.task or "chat"  # asked for every model: worked out once
        self._memo: dict = {}  # what pricing finds the same for every model (cost.estimate)
        self.quality_task = quality_rule.ranking_task(self.task, self.q.needs)

    def priced(self, model: Model, allowed: list[str]) -> Estimate | None:
        cost = estimate(model, self.work, self.catalog, allowed, self._memo)
        # a voice agent's speech parts are the same for every LLM of a kind of deployment
        if cost is not None and self.voice is not None:
            return self.voice.plan(cost.mode).add_to(cost)
        return cost

    def candidate(self, model: Model, cost: Estimate) -> Candidate:
        return Candidate(
            model, cost, _score(model, cost, self.q, self.quality_task, self.approach.primary)
        )


def prepare_job(
    answers: dict | Questionnaire,
    catalog: Catalog | None = None,
    today: str | None = None,
    reading: intake.Reading | None = None,
) -> Job:
    """The steps before any model is looked at: fill, approach, pipeline, workload."""
    catalog = catalog or load_catalog()
    today = today or dt.date.today().isoformat()
    q, inferred, assumed, read = _fill(parse_questionnaire(answers), reading)
    approach = approach_rules.choose(q, q.task)
    found, q, notes = plan_pipeline(q, approach)
    assumed.extend(notes)
    work = workload_for(q, approach, assumed)
    modes = _allowed_modes(q)
    voice = pipelines.Voice(q, catalog, today, modes) if "voice" in found else None
    if voice is not None:
        assumed.extend(voice.assumed)
    job = Job(q, catalog, today, approach, found, work, modes, voice, inferred, assumed)
    job.read = read
    return job


def plan_pipeline(
    q: Questionnaire, approach: approach_rules.Approach
) -> tuple[tuple[str, ...], Questionnaire, list[str]]:
    """The pipelines the job needs (voice, document, rag) and the answers the main model must
    then meet, with what that assumed."""
    found = pipelines.kinds(q, approach.primary)
    q, notes = pipelines.prepare(q, found)
    return found, q, notes


def workload_for(
    q: Questionnaire, approach: approach_rules.Approach, assumed: list[str]
) -> Workload:
    """The workload every candidate is priced on; what RAG had to assume goes to `assumed`."""
    work = _workload(q, q.task, approach.primary, approach.continued_pretraining)
    if approach.primary == "rag":
        if q.data.document_count is None:
            assumed.append(f"data.document_count: {work.documents:,} (for the embedding cost)")
        if q.data.update_frequency is None:
            assumed.append(f'data.update_frequency: "{work.update_frequency}" (for re-indexing)')
    return work


def screen(job: Job) -> list[Candidate]:
    """Every serving model through the hard filters, priced; the reasons for the rest go to
    `job.why_not`. When none passes, the soft constraints are relaxed, then the closest
    feasible matches are taken, each with a warning."""
    passed: list[Candidate] = []
    for model in job.catalog.serving(job.task):
        allowed = _modes_for(model, job.q, job.approach, job.modes)
        reason = _screen_reason(job, model, allowed)
        cost = job.priced(model, allowed) if reason is None else None
        if reason is None and cost is None:
            reason = _unpriced_reason(job, model, allowed)
        if reason is None:
            reason = _idle_node(job, cost)
        if reason:
            job.why_not.append(
                {
                    "id": model.id,
                    "reason": f"{model.name} {reason}",
                    "_quality": model.quality_for(job.quality_task),
                }
            )
            continue
        passed.append(job.candidate(model, cost))
    if not passed and _device_bound(job):
        job.warnings.append(impossible_as_stated(job))
    return passed or _relaxed(job) or _closest(job)


def _meets_all_but_the_device(job: Job, model: Model, modes: list[str]) -> str | None:
    return _exclusion(model, job.q, job.task, modes, job.approach.primary, job.today, job.catalog)


def _smaller_plan(job: Job, sized: list[Model]) -> str | None:
    """The best model that does fit the device (and what else it fails, if anything)."""
    fitting = [m for m in sized if fits_device(m, job.work, job.catalog)]
    if not fitting:
        return None
    best = max(fitting, key=lambda m: m.quality_for(job.quality_task))
    reason = _meets_all_but_the_device(job, best, list(best.deployment))
    return f"a smaller model: {best.name} fits {job.work.device.label} at $0/month" + (
        f", though it {reason}" if reason else ""
    )


def _hosted_plan(job: Job) -> str | None:
    """The best hosted API that meets the other answers (never inside an air gap)."""
    if job.q.deployment == "air-gapped":
        return None
    hosted = []
    for model in job.catalog.serving(job.task):
        modes = residency.allowed_modes(model, job.q.data_residency, ["cloud-api"])
        if not modes or _meets_all_but_the_device(job, model, modes):
            continue
        cost = job.priced(model, modes)
        if cost is not None:
            hosted.append(job.candidate(model, cost))
    if not hosted:
        return None
    best = max(hosted, key=lambda c: c.score)
    return (
        f"a hosted API: {best.model.name} at about ${best.cost.monthly_usd:,.2f}/month "
        "(the data leaves the device)"
    )


def _memory_plan(job: Job, sized: list[Model]) -> str | None:
    """The memory the least demanding model that meets every other answer would take."""
    device, context = job.work.device, work_context(job.work)
    meets = [m for m in sized if _meets_all_but_the_device(job, m, list(m.deployment)) is None]
    if not meets:
        return None

    def need_of(model: Model) -> float:
        return devices.smallest_need(model.self_hosting.parameters_b, device, context)

    wanted = min(meets, key=need_of)
    need = need_of(wanted)
    gpu = next((g for g in RENTABLE_GPUS if hardware.GPU_MEMORY_GB[g] >= need), None)
    rented = (
        f", or one rented {gpu} at about ${job.catalog.gpu_rate(gpu) * 730:,.0f}/month"
        if gpu
        else ""
    )
    return (
        f"more memory: {wanted.name} at {device.quants[-1]} needs about {need:,.1f} GB, a machine "
        f"with at least {need / device.usable_share:,.0f} GB{rented}"
    )


def _device_bound(job: Job) -> bool:
    """The plan must run on a named machine: on-device, or inside an air gap on a CPU server."""
    device = job.work.device
    return device is not None and (
        job.modes == ["on-device"]
        or (device.kind == "cpu server" and job.q.deployment == "air-gapped")
    )


def _unpriced_reason(job: Job, model: Model, allowed: list[str]) -> str:
    """Why a model that passed the filters has no way to run here."""
    device = job.work.device
    local = set(allowed) & set(model.deployment)
    on_it = device is not None and (
        "on-device" in local or ("self-hosted" in local and device.kind in OWNED_KINDS)
    )
    if on_it and model.open_weights and not fits_device(model, job.work, job.catalog):
        params = (
            model.self_hosting.parameters_b if model.self_hosting else hardware.DEFAULT_PARAMETERS_B
        )
        need = devices.smallest_need(params, device, work_context(job.work))
        return (
            f"needs about {need:,.1f} GB even at {device.quants[-1]} (weights + KV cache + runtime), "
            f"more than the {device.usable_gb:,.1f} GB usable on {device.label}"
        )
    if job.approach.primary == "fine-tuning" and model.open_weights and allowed == ["cloud-api"]:
        return (
            "would have to be hosted after tuning (no API serves your tuned weights at the base "
            "model's price), which the deployment you chose rules out"
        )
    return "has no price or hosting option for " + " or ".join(allowed)


def _idle_node(job: Job, cost: Estimate) -> str | None:
    """A multi-GPU node kept on for a load that leaves it almost idle: ruled out, since hosted
    open weights, a batch window or one small box serve it for less. (When nothing else is left,
    the closest matches still show it, with its cost per request.)"""
    if cost.mode != "self-hosted" or cost.gpus <= 1 or cost.utilisation is None:
        return None
    if cost.utilisation >= LOW_UTILISATION:
        return None
    per_request = cost.monthly_usd / max(job.work.requests, 1)
    return (
        f"would keep {cost.gpus} GPUs on at {share(cost.utilisation)} utilisation for "
        f"{job.work.requests:,} requests a month (${cost.monthly_usd:,.0f}/month, about "
        f"${per_request:,.2f} a request): hosted open weights per token, GPUs rented for a batch "
        "window, or one small box serve this load"
    )


def impossible_as_stated(job: Job) -> str:
    """ "Impossible as stated", and the nearest plans that work, each with its cost: a smaller
    model, a hosted API, more memory."""
    device = job.work.device
    local = "on-device" if job.modes == ["on-device"] else "self-hosted"
    sized = [
        m for m in job.catalog.serving(job.task)
        if m.open_weights and m.self_hosting and m.self_hosting.parameters_b
        and local in m.deployment and not _retirement(m, job.today, job.catalog)
    ]  # fmt: skip
    plans = [
        plan
        for plan in (_smaller_plan(job, sized), _hosted_plan(job), _memory_plan(job, sized))
        if plan
    ]
    context = work_context(job.work)
    return (
        f"Impossible as stated: no model that meets the answers fits {device.label} "
        f"({device.usable_gb:,.1f} GB usable for {context:,} tokens of context). Nearest plans that work: "
        + "; ".join(plans or ["none in the catalog"])
        + "."
    )


def _screen_reason(job: Job, model: Model, allowed: list[str]) -> str | None:
    """Why `model` fails the hard filters for this job, or None."""
    q, approach = job.q, job.approach
    reason = _exclusion(model, q, job.task, allowed, approach.primary, job.today, job.catalog)
    if reason and reason.startswith("cannot be deployed") and allowed != job.modes:
        reason = _deployment_reason(model, q, job.modes)
    if reason is None and approach.open_weights_only and not model.open_weights:
        reason = "weights are not open, and continued pretraining changes the weights"
    if reason is None and approach.continued_pretraining:
        reason = _too_big_to_retrain(model, q)
    if reason is None:
        reason = expert.licence_forbids(model, q.use_case or "")
    if reason is None and approach.primary == "fine-tuning":
        reason = _too_big_to_tune(model, q)
    return reason


def _too_big_to_tune(model: Model, q: Questionnaire) -> str | None:
    """Why tuning this open model is out of proportion for the team and its data, or None."""
    size = model.self_hosting.parameters_b if model.self_hosting else None
    if not model.open_weights or size is None or size <= LARGE_TUNING_B:
        return None
    examples = q.data.labeled_examples or 0
    if q.resources == "high" and examples >= LARGE_TUNING_EXAMPLES:
        return None
    return (
        f"has {size:,g}B parameters: tuning a model over {LARGE_TUNING_B}B takes a high-resource "
        f"team and at least {LARGE_TUNING_EXAMPLES:,} examples (resources: {q.resources or 'not given'}, "
        f"data.labeled_examples: {examples:,}); a smaller tuned model does a fixed task as well"
    )


def _deployment_reason(model: Model, q: Questionnaire, modes: list[str]) -> str:
    """Why a model that could otherwise be deployed is out: the region, or retrained weights."""
    if residency.allowed_modes(model, q.data_residency, modes) != modes:
        return (
            f"has no hosted API that keeps data in the EU (data_residency: eu), and "
            f"{'cannot run on your own machines' if model.open_weights else 'its weights are closed'}"
        )
    if {"self-hosted", "on-device"} & set(model.deployment):
        return (
            "would have to be self-hosted after continued pretraining (no API serves "
            "retrained weights), which the deployment you chose rules out"
        )
    return "cannot run on your own machines, where continued-pretrained weights must run"


def _relaxed(job: Job) -> list[Candidate]:
    """The matches once languages and a proprietary/any licence are let go, with a warning."""
    q, approach = job.q, job.approach
    relaxed = q.model_copy(
        update={"languages": None, "license": None if q.license != "open-weights" else q.license}
    )
    passed = []
    for model in job.catalog.serving(job.task):
        if approach.open_weights_only and not model.open_weights:
            continue
        if approach.continued_pretraining and _too_big_to_retrain(model, q):
            continue
        allowed = _modes_for(model, q, approach, job.modes)
        if _exclusion(
            model, relaxed, job.task, allowed, approach.primary, job.today, job.catalog
        ) is None and (cost := job.priced(model, allowed)):
            passed.append(job.candidate(model, cost))
    if passed:
        job.warnings.append(
            "No model meets every constraint; the closest matches are shown (language or licence constraints relaxed)."
        )
    return passed


def _closest(job: Job) -> list[Candidate]:
    """The closest feasible matches when no model meets every hard constraint. Even these must
    be feasible: no cloud in an air-gapped plan, no hosted API outside the data's region or for
    retrained weights, and a fine-tuning plan only on a model that can be fine-tuned."""
    q, approach = job.q, job.approach
    needed = q.context_tokens or 0
    # (on-device only when asked for: a model the size of a server is no phone app)
    fallback_modes = (
        job.modes
        if q.deployment == "air-gapped"
        else [mode for mode in DEPLOYABLE if mode != "on-device" or mode in job.modes]
    )
    serving = job.catalog.serving(job.task)
    passed = []
    for model in serving:
        if approach.primary == "fine-tuning" and "fine-tunable" not in model.capabilities:
            continue
        if approach.open_weights_only and not model.open_weights:
            continue
        if approach.continued_pretraining and _too_big_to_retrain(model, q):
            continue
        if _retirement(model, job.today, job.catalog):
            continue
        allowed = _modes_for(model, q, approach, job.modes)
        fallback = _modes_for(model, q, approach, fallback_modes)
        cost = (allowed and job.priced(model, allowed)) or (
            fallback and job.priced(model, fallback)
        )
        if cost:
            candidate = job.candidate(model, cost)
            if needed:  # closest to the context asked for
                candidate.score += 2 * min(1.0, model.context_window / needed)
            candidate.score += 0.2 * sum(need in model.capabilities for need in q.needs or [])
            passed.append(candidate)
    job.warnings.append(
        f"No model meets every hard constraint ({_constraint_summary(job.why_not, serving)}); "
        "the closest matches are shown."
    )
    return passed


def smallest_that_suffices(job: Job, passed: list[Candidate]) -> None:
    """A model tuned for one task needs enough quality, not the most: quality above a share of
    the best candidate's earns nothing more, so among the models that suffice the cheaper (the
    smaller, to host and to tune) wins."""
    best = max((c.model.quality_for(job.quality_task) for c in passed), default=0.0)
    cap = best * TUNED_ENOUGH_SHARE
    for candidate in passed:
        candidate.score = _score(
            candidate.model, candidate.cost, job.q, job.quality_task, job.approach.primary, cap
        )


def tiers(job: Job, passed: list[Candidate]) -> tuple[Candidate, list[Candidate], list[Candidate]]:
    """Rank: within budget first, best score first; when nothing fits the budget, the cheapest
    leads (with a warning). Returns (pick, alternatives from different tiers, all ranked)."""
    ranked = sorted(passed, key=lambda c: c.score, reverse=True)
    if job.q.priority == "quality":
        ranked = quality_rule.measured_before_estimates(
            ranked, job.quality_task, lambda c: c.model, lambda c: c.cost.monthly_usd
        )
    budget = job.q.monthly_budget_usd
    if budget is not None:
        within = [c for c in ranked if c.cost.monthly_usd <= budget + 1e-9]
        if within:
            # a stable sort: within budget first, best score first inside each group
            ranked.sort(key=lambda c: c.cost.monthly_usd > budget + 1e-9)
        else:
            cheapest = min(ranked, key=lambda c: c.cost.monthly_usd)
            job.warnings.append(
                f"Nothing fits the budget of ${budget:,.2f}/month: the cheapest option, {cheapest.model.name}, "
                f"costs about ${cheapest.cost.monthly_usd:,.2f}/month. The closest options are shown; "
                "consider fewer or shorter requests, batching, or a larger budget."
            )
            ranked.sort(key=lambda c: (c.cost.monthly_usd, -c.score))
            ranked = [ranked[0]] + sorted(ranked[1:], key=lambda c: c.score, reverse=True)
    pick = ranked[0]
    alternatives = _alternatives(pick, ranked[1:], job.quality_task)
    _note_over_budget(job, pick, alternatives, ranked)
    return pick, alternatives, ranked


def _note_over_budget(
    job: Job, pick: Candidate, alternatives: list[Candidate], ranked: list[Candidate]
) -> None:
    """Stronger models left out only for the budget join the "why not" list."""
    budget, task = job.q.monthly_budget_usd, job.quality_task
    if budget is None:
        return
    for candidate in ranked:
        if candidate is pick or candidate in alternatives:
            continue
        if candidate.cost.monthly_usd > budget and candidate.model.quality_for(
            task
        ) > pick.model.quality_for(task):
            job.why_not.append(
                {
                    "id": candidate.model.id,
                    "reason": f"{candidate.model.name} would cost about ${candidate.cost.monthly_usd:,.2f}/month, over the ${budget:,.2f} budget",
                    "_quality": candidate.model.quality_for(task),
                }
            )


def _notable_why_not(job: Job) -> list[dict]:
    # constraint and budget reasons first: retired models are the least interesting "why not"
    ordered = sorted(
        job.why_not, key=lambda entry: ("retired" in entry["reason"], -entry["_quality"])
    )
    return [{"id": e["id"], "reason": e["reason"]} for e in ordered[:5]]


def pick_warnings(job: Job, pick: Candidate) -> None:
    """What an expert would say about the pick: retirement, $0 budgets, sensitive data, the
    data's region, training from scratch."""
    q = job.q
    model = pick.model
    if model.deprecation_date and model.deprecation_date > job.today:
        successor = _successor(model, job.catalog)
        move = f"plan the move to its successor, {successor}" if successor else "plan a move"
        job.warnings.append(
            f"{model.name} is due to be retired by its provider on {model.deprecation_date}; {move}."
        )
    if q.monthly_budget_usd == 0 and q.deployment in (None, "any"):
        job.warnings.append(
            "With a budget of $0 only models that run on hardware you already have are considered; "
            "serving other users (a website, an app) still needs a machine, which costs money."
        )
    eu_note = residency.note(model, q.data_residency) if pick.cost.mode == "cloud-api" else None
    if eu_note:
        pick.cost.assumptions.append(eu_note)
    elif q.data.sensitive and pick.cost.mode == "cloud-api":
        job.warnings.append(
            "Your data is sensitive: check the provider's data-processing terms and region, or choose a self-hosted model."
        )
    if pick.cost.utilisation is not None and pick.cost.utilisation < LOW_UTILISATION:
        idle = (
            f"The self-hosted machine would sit almost idle ({share(pick.cost.utilisation)} "
            f"utilisation, about ${pick.cost.monthly_usd / max(job.work.requests, 1):,.2f} a "
            "request)"
        )
        job.warnings.append(
            idle + ": inside the air gap no host bills per token and no GPU is rented by the "
            "hour, so the cost is the smallest machine that holds the model; share it with "
            "other internal jobs."
            if job.work.own_machines
            else idle + ": hosted open weights billed per token, or GPUs rented per hour for a "
            "batch window, cost far less for this load (see the cost notes)."
        )
    if job.approach.primary == "training-from-scratch":
        job.warnings.append(
            "Training from scratch is a research project: budget for months of work and several failed runs."
        )


def expert_warnings(job: Job, pick: Candidate, parts: list) -> None:
    """Decisions that need a person, a licence that forbids the use, a model too weak for an
    irreversible action, a hosted part outside the data's region."""
    text = job.q.use_case or ""
    job.warnings.extend(expert.decision_warnings(text))
    licence = expert.licence_warning(pick.model, text)
    if licence:
        job.warnings.append(licence)
    weak = None
    if expert.IRREVERSIBLE_RE.search(text):
        task = job.quality_task
        best = max((m.quality_for(task) for m in job.catalog.serving(job.task)), default=0.0)
        weak = expert.weak_for_action(pick.model, text, task, best)
    if weak:
        job.warnings.append(weak)
    if pick.cost.mode == "cloud-api":
        hosted = [("model", pick.model)]
        for part in parts:
            found = job.catalog.find(part.model.id)
            if found is not None and found is not pick.model and part.monthly_usd > 0:
                hosted.append((part.role, found))
        job.warnings.extend(expert.residency_warnings(text, job.q.data_residency, hosted))


def pipeline_parts(job: Job, pick: Candidate, alternatives: list[Candidate]) -> list:
    """The pipeline's components around the pick (speech, OCR, embedder, reranker, store)."""
    speech = job.voice.plan(pick.cost.mode) if job.voice else None
    if speech is not None:
        job.warnings.extend(speech.warnings)
    ocr = (
        pipelines.ocr_alternative(job.q, job.catalog, job.today, pick.model, pick.cost, job.work)
        if "document" in job.found
        else []
    )
    pick.cost.assumptions.extend(ocr)
    return pipelines.components(
        job.found,
        pick.model,
        pick.cost,
        [c.model for c in alternatives],
        job.work,
        job.catalog,
        speech,
        job.catalog.facts_as_of,
        ocr,
    )


def recommend(
    answers: dict | Questionnaire,
    catalog: Catalog | None = None,
    today: str | None = None,
    *,
    reading: intake.Reading | None = None,
) -> Recommendation:
    """Questionnaire in, recommendation out (without citations: the service adds them).

    `today` (ISO date, default the real one) is when retirement dates are judged; `reading` is
    the use case as already read (see `_fill`)."""
    return recommend_with_costs(answers, catalog, today, reading=reading)[0]


def recommend_with_costs(
    answers: dict | Questionnaire,
    catalog: Catalog | None = None,
    today: str | None = None,
    *,
    reading: intake.Reading | None = None,
) -> tuple[Recommendation, dict[str, float]]:
    """`recommend`, plus the monthly cost of every model that was considered (the decision watch
    compares a stored pick with them without pricing it again)."""
    job = prepare_job(answers, catalog, today, reading)
    ranked = screen(job)
    if job.approach.primary == "fine-tuning":
        smallest_that_suffices(job, ranked)
    pick, alternatives, ranked = tiers(job, ranked)
    if job.approach.primary == "fine-tuning":
        job.approach.techniques = [
            _how_to_tune(pick.model, t, job.q) for t in job.approach.techniques
        ]
    pick_warnings(job, pick)
    parts = pipeline_parts(job, pick, alternatives)
    expert_warnings(job, pick, parts)
    return _assemble(job, pick, alternatives, ranked, parts), {
        c.model.id: round(c.cost.monthly_usd, 2) for c in ranked
    }


def _assemble(
    job: Job, pick: Candidate, alternatives: list[Candidate], ranked: list[Candidate], parts: list
) -> Recommendation:
    normalised = job.q.model_dump(exclude_none=True)
    normalised["inferred"] = job.inferred
    understood = intake_summary.understood(normalised, job.inferred, job.assumed, job.read)
    return Recommendation(
        model=pick.model.contract(),
        alternatives=[c.model.contract() for c in alternatives],
        approach=job.approach.contract(),
        cost=pick.cost.contract(),
        warnings=job.warnings,
        questionnaire=normalised,
        assumed=job.assumed,
        why_not=_notable_why_not(job),
        alternative_costs={c.model.id: round(c.cost.monthly_usd, 2) for c in alternatives},
        catalog_as_of=job.catalog.facts_as_of,
        candidates=[Contender.of(c.model, job.quality_task, c.cost.monthly_usd) for c in ranked],
        quality_task=job.quality_task,
        components=parts,
        understood=understood,
    )


def monthly_cost_of(
    answers: dict | Questionnaire, model_id: str, catalog: Catalog | None = None
) -> float | None:
    """What `model_id` would cost a month for these answers, planned as `recommend` plans them, at
    the catalog's prices; None when it is not in the catalog or has no price for the deployments
    the answers allow."""
    catalog = catalog or load_catalog()
    model = catalog.find(model_id)
    if model is None:
        return None
    job = prepare_job(answers, catalog)
    cost = job.priced(model, _modes_for(model, job.q, job.approach, job.modes))
    return round(cost.monthly_usd, 2) if cost else None


def monthly_costs(
    answers: dict | Questionnaire,
    models: list[Model],
    task: str | None,
    catalog: Catalog | None = None,
) -> dict[str, float | None]:
    """Each model's monthly cost for these answers (as `monthly_cost_of` works it out), by id;
    None for a model that does not serve `task`: its price would be for work it cannot do."""
    catalog = catalog or load_catalog()
    return {
        m.id: monthly_cost_of(answers, m.id, catalog) if not task or task in m.tasks else None
        for m in models
    }


def exclusion_of(
    answers: dict | Questionnaire, model_id: str, catalog: Catalog | None = None
) -> str | None:
    """Why `model_id` is ruled out for these answers (the constraint it breaks, as `why_not`
    words it), or None when it passes the hard filters. Unknown ids give None."""
    catalog = catalog or load_catalog()
    model = catalog.find(model_id)
    if model is None:
        return None
    today = dt.date.today().isoformat()
    q, _, _, _ = _fill(parse_questionnaire(answers))
    if q.task not in model.tasks:
        return f"does not serve the task ({q.task})"
    approach = approach_rules.choose(q, q.task)
    q, _ = pipelines.prepare(q, pipelines.kinds(q, approach.primary))
    modes = _allowed_modes(q)
    allowed = _modes_for(model, q, approach, modes)
    reason = _exclusion(model, q, q.task, allowed, approach.primary, today, catalog)
    if reason and reason.startswith("cannot be deployed") and allowed != modes:
        if residency.allowed_modes(model, q.data_residency, modes) != modes:
            return "has no hosted API that keeps data in the EU (data_residency: eu)"
    return reason


def _how_to_tune(model: Model, technique: str, q: Questionnaire) -> str:
    """The generic fine-tuning step made specific to the pick: LoRA only on open weights, and
    a task head on an encoder (small enough to train whole; adapters would save nothing)."""
    if not technique.startswith("LoRA adapters"):
        return technique
    if model.architecture == "encoder-only":
        head = "token-classification (span tagging)" if q.task == "extraction" else "classification"
        size = model.self_hosting.parameters_b if model.self_hosting else None
        size = (
            f" ({size:g}B parameters: every weight fits one GPU, no adapters needed)"
            if size
            else ""
        )
        step = f"full fine-tuning of {model.name} with a {head} head{size}"
        if "json-output" in (q.needs or []):
            step += "; serve it behind an endpoint that returns the labels and scores as JSON"
        return step
    if model.open_weights:
        return f"LoRA (or QLoRA on smaller GPUs) adapters on {model.name}'s open weights"
    return (
        f"{model.provider}'s fine-tuning API for {model.name} (closed weights: no LoRA), "
        "served at the fine-tuned price"
    )


def _constraint_summary(why_not: list[dict], serving: list[Model]) -> str:
    """The constraints that ruled models out, most common first, e.g. "lacks vision-input"."""
    names = {model.id: model.name for model in serving}
    counts: dict[str, int] = {}
    for entry in why_not:
        if "retired by its provider" in entry["reason"]:
            continue
        reason = entry["reason"].removeprefix(names.get(entry["id"], "")).strip()
        if reason.startswith("context window"):
            reason = "context window < " + reason.split(" < ")[-1]
        counts[reason] = counts.get(reason, 0) + 1
    return "; ".join(sorted(counts, key=lambda reason: -counts[reason])[:3]) or "none fit"


def _alternatives(pick: Candidate, rest: list[Candidate], task: str) -> list[Candidate]:
    """Two or three others from different tiers: a cheaper one, a stronger one (on the figure that
    ranks this job), an open one."""
    chosen: list[Candidate] = []

    def take(candidates: list[Candidate]) -> None:
        for candidate in candidates:
            if candidate not in chosen:
                chosen.append(candidate)
                return

    take([c for c in rest if c.cost.monthly_usd < pick.cost.monthly_usd * 0.8])
    take([c for c in rest if c.model.quality_for(task) > pick.model.quality_for(task)])
    if not pick.model.open_weights:
        take([c for c in rest if c.model.open_weights])
    else:
        take([c for c in rest if not c.model.open_weights])
    for candidate in rest:
        if len(chosen) >= 2:
            break
        take([candidate])
    return chosen[:3]


# the intake weighs the next question with the recommender, which it cannot import (it is read
# by it): handed over here, once
intake_impact.use(recommend)

"""Pick a model and an approach for a questionnaire: hard filters, a score, tiers of alternatives.

Pure and fast: no I/O beyond the (cached) catalog, so it runs in a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from . import approach as approach_rules
from . import hardware, intake, pipelines, residency
from .catalog import RETIRING_SOON_DAYS, Catalog, Model, load_catalog
from .cost import Estimate, Workload, estimate
from .questionnaire import TEXT_TASKS, Questionnaire, get_answer, parse_questionnaire
from .results import Contender, Recommendation

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


def _fill(q: Questionnaire) -> tuple[Questionnaire, list[str], list[str]]:
    """Infer from use_case, then assume defaults; returns (answers, inferred fields, assumptions)."""
    given = q.model_dump(exclude_none=True)
    given["data"] = {k: v for k, v in (given.get("data") or {}).items() if v is not None}
    inferred: list[str] = []
    understood: list[str] = []
    if q.use_case:
        found, fields, understood = intake.understand(q.use_case, q.task)
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
    return parse_questionnaire(given), inferred, assumed


def _allowed_modes(q: Questionnaire) -> list[str]:
    if q.deployment == "air-gapped":
        return ["self-hosted", "on-device"]
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


def _score(model: Model, cost: Estimate, q: Questionnaire, task: str, primary: str) -> float:
    quality = model.quality_for(task)
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


def recommend(
    answers: dict | Questionnaire, catalog: Catalog | None = None, today: str | None = None
) -> Recommendation:
    """Questionnaire in, recommendation out (without citations: the service adds them).

    `today` (ISO date, default the real one) is when retirement dates are judged."""
    return recommend_with_costs(answers, catalog, today)[0]


def recommend_with_costs(
    answers: dict | Questionnaire, catalog: Catalog | None = None, today: str | None = None
) -> tuple[Recommendation, dict[str, float]]:
    """`recommend`, plus the monthly cost of every model that was considered (the decision watch
    compares a stored pick with them without pricing it again)."""
    catalog = catalog or load_catalog()
    today = today or dt.date.today().isoformat()
    q0 = parse_questionnaire(answers)
    q, inferred, assumed = _fill(q0)
    task = q.task
    approach = approach_rules.choose(q, task)
    found = pipelines.kinds(q, approach.primary)
    q, notes = pipelines.prepare(q, found)
    assumed.extend(notes)
    work = _workload(q, task, approach.primary, approach.continued_pretraining)
    if approach.primary == "rag":
        if q.data.document_count is None:
            assumed.append(f"data.document_count: {work.documents:,} (for the embedding cost)")
        if q.data.update_frequency is None:
            assumed.append(f'data.update_frequency: "{work.update_frequency}" (for re-indexing)')
    modes = _allowed_modes(q)
    warnings: list[str] = []
    voice = pipelines.Voice(q, catalog, today, modes) if "voice" in found else None
    if voice is not None:
        assumed.extend(voice.assumed)

    def priced(model: Model, allowed: list[str]) -> Estimate | None:
        cost = estimate(model, work, catalog, allowed)
        # a voice agent's speech parts are the same for every LLM of a kind of deployment
        return voice.plan(cost.mode).add_to(cost) if cost is not None and voice else cost

    serving = catalog.serving(task)
    passed: list[Candidate] = []
    why_not: list[dict] = []
    for model in serving:
        allowed = _modes_for(model, q, approach, modes)
        reason = _exclusion(model, q, task, allowed, approach.primary, today, catalog)
        if reason and reason.startswith("cannot be deployed") and allowed != modes:
            if residency.allowed_modes(model, q.data_residency, modes) != modes:
                reason = (
                    f"has no hosted API that keeps data in the EU (data_residency: eu), and "
                    f"{'cannot run on your own machines' if model.open_weights else 'its weights are closed'}"
                )
            elif {"self-hosted", "on-device"} & set(model.deployment):
                reason = (
                    "would have to be self-hosted after continued pretraining (no API serves "
                    "retrained weights), which the deployment you chose rules out"
                )
            else:
                reason = (
                    "cannot run on your own machines, where continued-pretrained weights must run"
                )
        if reason is None and approach.open_weights_only and not model.open_weights:
            reason = "weights are not open, and continued pretraining changes the weights"
        if reason is None and approach.continued_pretraining:
            reason = _too_big_to_retrain(model, q)
        cost = priced(model, allowed) if reason is None else None
        if reason is None and cost is None:
            reason = "has no price or hosting option for " + " or ".join(allowed)
        if reason:
            why_not.append(
                {
                    "id": model.id,
                    "reason": f"{model.name} {reason}",
                    "_quality": model.quality_for(task),
                }
            )
            continue
        passed.append(Candidate(model, cost, _score(model, cost, q, task, approach.primary)))

    if not passed:
        # Relax the soft constraints one at a time rather than return nothing.
        relaxed = q.model_copy(
            update={
                "languages": None,
                "license": None if q.license != "open-weights" else q.license,
            }
        )
        for model in serving:
            if approach.open_weights_only and not model.open_weights:
                continue
            if approach.continued_pretraining and _too_big_to_retrain(model, q):
                continue
            allowed = _modes_for(model, q, approach, modes)
            if _exclusion(
                model, relaxed, task, allowed, approach.primary, today, catalog
            ) is None and (cost := priced(model, allowed)):
                passed.append(
                    Candidate(model, cost, _score(model, cost, q, task, approach.primary))
                )
        if passed:
            warnings.append(
                "No model meets every constraint; the closest matches are shown (language or licence constraints relaxed)."
            )
    if not passed:
        needed = q.context_tokens or 0
        # Even the closest match must be feasible: no cloud in an air-gapped plan, no hosted
        # API outside the data's region or for retrained weights, and a fine-tuning plan only
        # on a model that can be fine-tuned.
        # (on-device only when asked for: a model the size of a server is no phone app)
        fallback_modes = (
            modes
            if q.deployment == "air-gapped"
            else [mode for mode in DEPLOYABLE if mode != "on-device" or mode in modes]
        )
        for model in serving:
            if approach.primary == "fine-tuning" and "fine-tunable" not in model.capabilities:
                continue
            if approach.open_weights_only and not model.open_weights:
                continue
            if approach.continued_pretraining and _too_big_to_retrain(model, q):
                continue
            allowed = _modes_for(model, q, approach, modes)
            fallback = _modes_for(model, q, approach, fallback_modes)
            cost = (allowed and priced(model, allowed)) or (fallback and priced(model, fallback))
            if cost and not _retirement(model, today, catalog):
                score = _score(model, cost, q, task, approach.primary)
                if needed:  # closest to the context asked for
                    score += 2 * min(1.0, model.context_window / needed)
                score += 0.2 * sum(need in model.capabilities for need in q.needs or [])
                passed.append(Candidate(model, cost, score))
        warnings.append(
            f"No model meets every hard constraint ({_constraint_summary(why_not, serving)}); "
            "the closest matches are shown."
        )

    passed.sort(key=lambda c: c.score, reverse=True)
    budget = q.monthly_budget_usd
    if budget is not None:
        within = [c for c in passed if c.cost.monthly_usd <= budget + 1e-9]
        if within:
            # a stable sort: within budget first, best score first inside each group
            passed.sort(key=lambda c: c.cost.monthly_usd > budget + 1e-9)
        else:
            cheapest = min(passed, key=lambda c: c.cost.monthly_usd)
            warnings.append(
                f"Nothing fits the budget of ${budget:,.2f}/month: the cheapest option, {cheapest.model.name}, "
                f"costs about ${cheapest.cost.monthly_usd:,.2f}/month. The closest options are shown; "
                "consider fewer or shorter requests, batching, or a larger budget."
            )
            passed.sort(key=lambda c: (c.cost.monthly_usd, -c.score))
            passed = [passed[0]] + sorted(passed[1:], key=lambda c: c.score, reverse=True)
    pick = passed[0]
    if approach.primary == "fine-tuning":
        approach.techniques = [_how_to_tune(pick.model, t, q) for t in approach.techniques]
    alternatives = _alternatives(pick, passed[1:], q)

    for candidate in passed:
        if candidate is pick or candidate in alternatives:
            continue
        if (
            budget is not None
            and candidate.cost.monthly_usd > budget
            and candidate.model.quality_for(task) > pick.model.quality_for(task)
        ):
            why_not.append(
                {
                    "id": candidate.model.id,
                    "reason": f"{candidate.model.name} would cost about ${candidate.cost.monthly_usd:,.2f}/month, over the ${budget:,.2f} budget",
                    "_quality": candidate.model.quality_for(task),
                }
            )
    # constraint and budget reasons first: retired models are the least interesting "why not"
    why_not.sort(key=lambda entry: ("retired" in entry["reason"], -entry["_quality"]))
    notable = [{"id": e["id"], "reason": e["reason"]} for e in why_not[:5]]

    if pick.model.deprecation_date and pick.model.deprecation_date > today:
        successor = _successor(pick.model, catalog)
        move = f"plan the move to its successor, {successor}" if successor else "plan a move"
        warnings.append(
            f"{pick.model.name} is due to be retired by its provider on "
            f"{pick.model.deprecation_date}; {move}."
        )
    if q.monthly_budget_usd == 0 and q.deployment in (None, "any"):
        warnings.append(
            "With a budget of $0 only models that run on hardware you already have are considered; "
            "serving other users (a website, an app) still needs a machine, which costs money."
        )
    eu_note = (
        residency.note(pick.model, q.data_residency) if pick.cost.mode == "cloud-api" else None
    )
    if eu_note:
        pick.cost.assumptions.append(eu_note)
    elif q.data.sensitive and pick.cost.mode == "cloud-api":
        warnings.append(
            "Your data is sensitive: check the provider's data-processing terms and region, or choose a self-hosted model."
        )
    if approach.primary == "training-from-scratch":
        warnings.append(
            "Training from scratch is a research project: budget for months of work and several failed runs."
        )

    speech = voice.plan(pick.cost.mode) if voice else None
    if speech is not None:
        warnings.extend(speech.warnings)
    ocr = (
        pipelines.ocr_alternative(q, catalog, today, pick.model, pick.cost, work)
        if "document" in found
        else []
    )
    pick.cost.assumptions.extend(ocr)
    parts = pipelines.components(
        found,
        pick.model,
        pick.cost,
        [c.model for c in alternatives],
        work,
        catalog,
        speech,
        catalog.facts_as_of,
        ocr,
    )

    normalised = q.model_dump(exclude_none=True)
    normalised["inferred"] = inferred
    costs = {c.model.id: round(c.cost.monthly_usd, 2) for c in passed}
    return Recommendation(
        model=pick.model.contract(),
        alternatives=[c.model.contract() for c in alternatives],
        approach=approach.contract(),
        cost=pick.cost.contract(),
        warnings=warnings,
        questionnaire=normalised,
        assumed=assumed,
        why_not=notable,
        alternative_costs={c.model.id: round(c.cost.monthly_usd, 2) for c in alternatives},
        catalog_as_of=catalog.facts_as_of,
        candidates=[Contender.of(c.model, task, c.cost.monthly_usd) for c in passed],
        components=parts,
    ), costs


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
    q, _, _ = _fill(parse_questionnaire(answers))
    approach = approach_rules.choose(q, q.task)
    found = pipelines.kinds(q, approach.primary)
    q, _ = pipelines.prepare(q, found)
    modes = _modes_for(model, q, approach, _allowed_modes(q))
    work = _workload(q, q.task, approach.primary, approach.continued_pretraining)
    cost = estimate(model, work, catalog, modes)
    if cost is not None and "voice" in found:
        # planned as `recommend` plans it: the whole voice pipeline, not the LLM alone
        today = dt.date.today().isoformat()
        cost = pipelines.Voice(q, catalog, today, modes).plan(cost.mode).add_to(cost)
    return round(cost.monthly_usd, 2) if cost else None


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
    q, _, _ = _fill(parse_questionnaire(answers))
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


def _alternatives(pick: Candidate, rest: list[Candidate], q: Questionnaire) -> list[Candidate]:
    """Two or three others from different tiers: a cheaper one, a stronger one, an open one."""
    task = q.task
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

"""A runnable starter project for a stored decision (`llm-advisor starter DECISION_ID DIR`).

The project's code is static (the files under `advisor/playground/starter_files/`, copied as they are); what
differs between decisions is data: `plan.json` (models, their routes and prices, the retrieval
and fine-tuning settings), `.env.example` (the variables the chosen routes read), `cases.yaml`
(the team's own eval cases, or an example to replace) and a README that states the decision. So a
starter is code we test once plus data we validate, not generated code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..catalog.catalog import Catalog, Model, load_catalog
from ..errors import InputError
from ..present import approach_name, money
from ..providers.routes import routes_for
from ..results import Recommendation

STATIC_FILES = "starter_files"
# Where a self-hosted model answers by default: vLLM's and Ollama's OpenAI-compatible servers.
VLLM_URL = "http://localhost:8000/v1"
OLLAMA_URL = "http://localhost:11434/v1"
SELF_HOSTED = {"self-hosted", "on-device", "air-gapped"}
# Retrieval settings the starter begins with: ~500-token chunks with some overlap, the top 4.
CHUNK_CHARS, CHUNK_OVERLAP, TOP_K = 2000, 200, 4
FINE_TUNING_EPOCHS = 3
# What the starter's scripts import, pinned at the versions this advisor was tested with.
STARTER_PACKAGES = (
    "langchain-core",
    "langchain-openai",
    "langchain-chroma",
    "chromadb",
    "openai",
    "httpx",
    "pyyaml",
    "python-dotenv",
    "pypdf",
)


@dataclass(frozen=True)
class Starter:
    """The project as relative path -> text, and where it came from."""

    decision_id: int
    files: dict[str, str]

    def write(self, directory: str | Path) -> list[Path]:
        """Writes every file under `directory` (created; an existing non-empty folder is refused so
        nobody's work is overwritten)."""
        root = Path(directory)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise InputError("DIR", "a new or empty folder (this one holds files already)")
        written = []
        for relative, text in sorted(self.files.items()):
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if relative.endswith(".sh"):
                path.chmod(0o755)
            written.append(path)
        return written

    def zip_bytes(self) -> bytes:
        """The project as a zip file, everything under one folder named after the decision."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for relative, text in sorted(self.files.items()):
                info = zipfile.ZipInfo(f"{self.folder_name}/{relative}")
                info.external_attr = (0o755 if relative.endswith(".sh") else 0o644) << 16
                archive.writestr(info, text)
        return buffer.getvalue()

    @property
    def folder_name(self) -> str:
        return f"llm-advisor-starter-{self.decision_id}"


def build_starter(
    recommendation: Recommendation,
    evalset: dict | None = None,
    catalog: Catalog | None = None,
) -> Starter:
    """The starter project for a stored recommendation; `evalset` is the playground's eval set
    (the team's own cases), when there is one."""
    if recommendation.id is None:
        raise InputError("DECISION_ID", "a stored decision (this recommendation was not saved)")
    catalog = catalog or load_catalog()
    plan = starter_plan(recommendation, catalog)
    files = {path: text for path, text in _static_files() if _wanted(path, plan)}
    files["plan.json"] = json.dumps(plan, indent=2, ensure_ascii=False) + "\n"
    files[".env.example"] = _env_example(plan)
    files["cases.yaml"] = _cases_yaml(recommendation, evalset)
    files["README.md"] = _readme(recommendation, plan)
    files["requirements.txt"] = _requirements()
    if plan["self_hosting"]:
        files["serve.sh"] = _serve_script(plan)
    return Starter(decision_id=recommendation.id, files=files)


def starter_plan(recommendation: Recommendation, catalog: Catalog) -> dict:
    """What the starter's code reads: the decision's models with the route each is called
    through, and the retrieval, fine-tuning and self-hosting settings of the plan."""
    answers = recommendation.questionnaire or {}
    deployment = answers.get("deployment") or "any"
    pick = _catalog_model(catalog, recommendation.model.id)
    self_hosted = deployment in SELF_HOSTED or (pick is not None and not routes_for(pick))
    chosen = _endpoint(pick, recommendation.model.id, self_hosted, deployment)
    alternatives = []
    for info in recommendation.alternatives[:3]:
        model = _catalog_model(catalog, info.id)
        if model is None or model.retired(dt.date.today().isoformat()):
            continue
        if model.open_weights and self_hosted:
            continue  # one local server runs the pick; alternatives are compared over APIs
        if routes_for(model):
            alternatives.append(_endpoint(model, info.id, False, deployment))
    plan = {
        "decision": {
            "id": recommendation.id,
            "use_case": answers.get("use_case") or "",
            "task": answers.get("task") or "",
            "approach": recommendation.approach.primary,
            "techniques": recommendation.approach.techniques,
            "monthly_usd": recommendation.cost.monthly_usd,
            "catalog_as_of": recommendation.catalog_as_of,
        },
        "model": chosen,
        "alternatives": alternatives,
        "rag": _rag_settings(recommendation, catalog, deployment)
        if recommendation.approach.primary == "rag"
        else None,
        "fine_tuning": _fine_tuning_settings(pick, chosen)
        if recommendation.approach.primary in ("fine-tuning", "training-from-scratch")
        else None,
        "self_hosting": _self_hosting(pick, deployment) if self_hosted else None,
    }
    return plan


def _catalog_model(catalog: Catalog, model_id: str) -> Model | None:
    return catalog.find(model_id)  # None once the model left the catalog: the starter names it


def _endpoint(model: Model | None, model_id: str, self_hosted: bool, deployment: str) -> dict:
    """How the starter calls one model: its route's base URL and the variables for URL and key."""
    pricing = dict(model.pricing) if model is not None else {}
    prices = {key: pricing[key] for key in ("input_per_1m", "output_per_1m") if key in pricing}
    entry = {"id": model_id, "name": model.name if model else model_id, "prices": prices}
    if self_hosted:
        local = deployment == "on-device"
        return {
            **entry,
            "route": "ollama" if local else "vllm",
            "label": "Ollama on this machine" if local else "your vLLM server",
            "base_url": OLLAMA_URL if local else VLLM_URL,
            "base_url_env": "LLM_BASE_URL",
            "key_env": "LLM_API_KEY",
            "api_id": _weights_name(model) or model_id,
            "prices": {},  # self-hosted: no per-token charge
        }
    routes = routes_for(model) if model is not None else []
    if not routes:
        return {
            **entry,
            "route": "openai-compatible",
            "label": "an OpenAI-compatible server",
            "base_url": VLLM_URL,
            "base_url_env": "LLM_BASE_URL",
            "key_env": "LLM_API_KEY",
            "api_id": model_id,
        }
    first = routes[0]
    return {
        **entry,
        "route": first.route.name,
        "label": first.route.label,
        "base_url": first.route.base_url,
        "base_url_env": first.route.base_url_env,
        "key_env": first.route.key_env,
        "api_id": first.api_id,
        "other_routes": [
            {
                "route": other.route.name,
                "label": other.route.label,
                "base_url": other.route.base_url,
                "base_url_env": other.route.base_url_env,
                "key_env": other.route.key_env,
                "api_id": other.api_id,
            }
            for other in routes[1:]
        ],
    }


_HUB_PAGE = re.compile(r"huggingface\.co/(?!collections/|docs/|spaces/)([\w.-]+/[\w.-]+)")
_HOSTS_BY_HUB_NAME = ("together_ai", "deepinfra", "hf")


def _weights_name(model: Model | None) -> str | None:
    """The Hugging Face name of open weights: from a model page the catalog cites, else from a
    price key that carries it (`together_ai/meta-llama/Llama-3.2-1B-Instruct`); None when nothing
    names it (the README then asks for it)."""
    if model is None or not model.open_weights:
        return None
    found = _HUB_PAGE.search(json.dumps(model.model_dump(mode="json")))
    if found:
        return found.group(1)
    parts = str((model.pricing or {}).get("litellm_key") or "").split("/")
    if len(parts) >= 3 and parts[0] in _HOSTS_BY_HUB_NAME:
        return "/".join(parts[1:3])
    return None


def _rag_settings(recommendation: Recommendation, catalog: Catalog, deployment: str) -> dict:
    parts = {part.role: part for part in recommendation.components}
    embedder = parts.get("embedder")
    reranker = parts.get("reranker")
    settings = {
        "chunk_chars": CHUNK_CHARS,
        "chunk_overlap": CHUNK_OVERLAP,
        "top_k": TOP_K,
        "embedder": _side_endpoint(
            embedder.model.id if embedder else "text-embedding-3-small",
            catalog,
            deployment,
            "EMBEDDINGS",
        ),
        "reranker": _side_endpoint(reranker.model.id, catalog, deployment, "RERANK")
        if reranker
        else None,
    }
    return settings


def _side_endpoint(model_id: str, catalog: Catalog, deployment: str, prefix: str) -> dict:
    """An embedder or reranker: the chat route's key where the maker's API serves it (OpenAI's
    embedders), else its own variables, pointing at a server that runs the open weights."""
    model = _catalog_model(catalog, model_id)
    if model is not None and model.provider.lower() == "openai" and deployment not in SELF_HOSTED:
        return {
            "id": model_id,
            "base_url": "https://api.openai.com/v1",
            "base_url_env": "OPENAI_BASE_URL",
            "key_env": "OPENAI_API_KEY",
            "api_id": model_id,
        }
    return {
        "id": model_id,
        "base_url": "http://localhost:8080/v1",
        "base_url_env": f"{prefix}_BASE_URL",
        "key_env": f"{prefix}_API_KEY",
        "api_id": _weights_name(model) or model_id,
    }


def _fine_tuning_settings(model: Model | None, chosen: dict) -> dict:
    pricing = (model.pricing if model is not None else {}) or {}
    classifier = model is not None and model.architecture == "encoder-only"
    hosted_tuning = chosen["route"] == "openai" and "fine_tuning_per_1m_training_tokens" in pricing
    return {
        "kind": "classification" if classifier else "chat",
        "format": 'one {"text": ..., "label": ...} per line'
        if classifier
        else 'chat messages: one {"messages": [system?, user, assistant]} per line',
        "epochs": FINE_TUNING_EPOCHS,
        "training_price_per_1m": pricing.get("fine_tuning_per_1m_training_tokens"),
        "price_source": pricing.get("source", ""),
        "price_as_of": pricing.get("as_of", ""),
        "job": "openai" if hosted_tuning else ("classifier" if classifier else "lora"),
        "base_model": chosen["api_id"],
    }


def _self_hosting(model: Model | None, deployment: str) -> dict:
    hosting = model.self_hosting if model is not None else None
    sizing = hosting.model_dump() if hosting is not None else {}
    weights = _weights_name(model)
    return {
        "server": "ollama" if deployment == "on-device" else "vllm",
        "weights": weights,
        "weights_known": weights is not None,
        "gpus": int(sizing.get("gpus") or 1),
        "gpu": sizing.get("gpu") or "",
        "quantisation": sizing.get("quantisation") or "",
    }


def _wanted(path: str, plan: dict) -> bool:
    if path.startswith("rag/") or path == "ingest.py":
        return plan["rag"] is not None
    if path.startswith("finetune/"):
        return plan["fine_tuning"] is not None
    return True


def _static_files() -> list[tuple[str, str]]:
    root = resources.files(__package__) / STATIC_FILES
    out = []

    def walk(folder, prefix: str) -> None:
        for entry in folder.iterdir():
            name = entry.name
            if name == "__pycache__":
                continue
            if entry.is_dir():
                walk(entry, f"{prefix}{name}/")
            else:
                target = name[: -len(".txt")] if name.endswith(".txt") else name
                out.append((f"{prefix}{target}", entry.read_text(encoding="utf-8")))

    walk(root, "")
    return sorted(out)


def _requirements() -> str:
    from importlib import metadata

    lines = []
    for name in STARTER_PACKAGES:
        try:
            lines.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(name)
    return "\n".join(lines) + "\n"


def _env_example(plan: dict) -> str:
    lines = [
        "# Copy to .env and set the key of the route you use. Nothing here is sent anywhere",
        "# but to the base URLs below.",
        "",
    ]
    seen: set[str] = set()
    endpoints = [("chosen model", plan["model"])]
    endpoints += [(f"alternative {alt['id']}", alt) for alt in plan["alternatives"]]
    if plan["rag"]:
        endpoints.append(("embedder", plan["rag"]["embedder"]))
        if plan["rag"]["reranker"]:
            endpoints.append(("reranker", plan["rag"]["reranker"]))
    for role, endpoint in endpoints:
        pairs = [(endpoint["key_env"], ""), (endpoint["base_url_env"], endpoint["base_url"])]
        pairs = [(variable, value) for variable, value in pairs if variable not in seen]
        if not pairs:
            continue
        lines.append(f"# {role}: {endpoint.get('label') or 'a server that runs ' + endpoint['id']}")
        for variable, value in pairs:
            seen.add(variable)
            lines.append(f"{variable}={value}")
        lines.append("")
    others = {
        o["key_env"]: o
        for e in (plan["model"], *plan["alternatives"])
        for o in e.get("other_routes", [])
    }
    others = {key: o for key, o in others.items() if key not in seen}
    if others:
        lines.append("# Or one of these keys instead (the scripts use the first route with a key):")
        lines += [f"# {key}=   ({o['label']})" for key, o in others.items()]
    return "\n".join(lines).rstrip() + "\n"


def _cases_yaml(recommendation: Recommendation, evalset: dict | None) -> str:
    import yaml

    if evalset and evalset.get("cases"):
        cases = [
            {key: case[key] for key in ("id", "prompt", "system", "expect") if case.get(key)}
            for case in evalset["cases"]
        ]
        header = "# Your own cases, from the playground's eval set.\n"
    else:
        use_case = (recommendation.questionnaire or {}).get("use_case") or "your use case"
        cases = [
            {
                "id": "example-1",
                "prompt": f"A typical request for: {use_case[:200]}",
                "expect": {"contains": ["replace me"]},
            }
        ]
        header = (
            "# Replace this example with 20-50 real inputs and what a good answer must contain.\n"
            "# Checks: contains (texts), regex, json (true: the answer must be valid JSON).\n"
        )
    body = yaml.safe_dump({"cases": cases}, sort_keys=False, allow_unicode=True)
    return header + body


def _readme(recommendation: Recommendation, plan: dict) -> str:
    decision = plan["decision"]
    model = plan["model"]
    lines = [
        f"# Starter for decision #{decision['id']}: {model['name']}",
        "",
        f"Made by LLM Advisor from the model catalog as of {decision['catalog_as_of'] or 'unknown'}.",
        "",
        "## The decision",
        "",
        f"- Use case: {decision['use_case'] or '(not given)'}",
        f"- Model: {model['name']} (`{model['id']}`), called through {model['label']}",
        f"- Approach: {approach_name(decision['approach'])}",
        f"- Estimated monthly cost: {money(decision['monthly_usd'])}",
    ]
    if plan["alternatives"]:
        names = ", ".join(f"{alt['name']} (`{alt['id']}`)" for alt in plan["alternatives"])
        lines.append(f"- Alternatives scored by `evaluate.py`: {names}")
    if recommendation.cost.assumptions:
        lines += ["", "Assumptions behind the cost:", ""]
        lines += [f"- {item}" for item in recommendation.cost.assumptions]
    if recommendation.warnings:
        lines += ["", "Warnings:", ""] + [f"- {item}" for item in recommendation.warnings]
    lines += [
        "",
        "## Run it",
        "",
        "```bash",
        "python -m venv .venv && . .venv/bin/activate",
        "pip install -r requirements.txt",
        f"cp .env.example .env    # then set {model['key_env']} (and the base URL if you proxy)",
    ]
    if plan["self_hosting"]:
        lines.append("./serve.sh              # starts the model's server (see the script)")
    if plan["rag"]:
        lines.append("python ingest.py docs/   # a folder of .md, .txt or .pdf files")
    lines += [
        'python ask.py "your question"',
        "python evaluate.py       # scores the model and the alternatives on cases.yaml",
    ]
    if plan["fine_tuning"]:
        lines.append("python finetune/validate_data.py train.jsonl")
    lines += ["```", ""]
    if plan["rag"]:
        rag = plan["rag"]
        lines += [
            "## Retrieval",
            "",
            f"`ingest.py` splits each document into chunks of about {rag['chunk_chars']} "
            f"characters ({rag['chunk_overlap']} overlapping), embeds them with "
            f"`{rag['embedder']['id']}` and stores them in Chroma under `./chroma`. "
            f"`ask.py` retrieves the {rag['top_k']} closest chunks"
            + (f", re-scores them with `{rag['reranker']['id']}`" if rag["reranker"] else "")
            + " and answers with numbered citations.",
            "",
        ]
    if plan["fine_tuning"]:
        tuning = plan["fine_tuning"]
        lines += [
            "## Fine-tuning",
            "",
            f"Training data: {tuning['format']}. `finetune/validate_data.py` checks every line "
            "and estimates the tokens and the job's price"
            + (
                f" ({money(tuning['training_price_per_1m'])} per 1M training tokens x "
                f"{tuning['epochs']} epochs; {tuning['price_source']}, {tuning['price_as_of']})."
                if tuning["training_price_per_1m"]
                else "."
            ),
            "",
            "Start the job: "
            + (
                "`python finetune/start_job.py train.jsonl` (uploads the file and creates an "
                "OpenAI fine-tuning job)."
                if tuning["job"] == "openai"
                else "see `finetune/README.md` (a classification head trained on your GPUs "
                "with Hugging Face Transformers; `ask.py` and `evaluate.py` then compare the "
                "chat alternatives on the same cases)."
                if tuning["job"] == "classifier"
                else "see `finetune/README.md` (LoRA on your own GPUs with TRL)."
            ),
            "",
        ]
    if plan["self_hosting"] and not plan["self_hosting"]["weights_known"]:
        lines += [
            "## Weights",
            "",
            "The catalog does not name the Hugging Face repository of these weights: set "
            "`WEIGHTS` in `serve.sh` and `LLM_MODEL` in `.env` to it.",
            "",
        ]
    return "\n".join(lines)


def _serve_script(plan: dict) -> str:
    hosting = plan["self_hosting"]
    weights = hosting["weights"] or "ORG/REPO  # set the Hugging Face repository of the weights"
    if hosting["server"] == "ollama":
        return (
            "#!/usr/bin/env bash\n"
            "# Runs the model on this machine with Ollama (https://ollama.com); its OpenAI-\n"
            "# compatible API answers on http://localhost:11434/v1.\n"
            "set -euo pipefail\n"
            f"WEIGHTS=${{WEIGHTS:-{plan['model']['api_id']}}}\n"
            'ollama pull "$WEIGHTS"\n'
            "ollama serve\n"
        )
    quantisation = hosting["quantisation"]
    flags = f" --tensor-parallel-size {hosting['gpus']}" if hosting["gpus"] > 1 else ""
    if quantisation:
        flags += f" --quantization {quantisation}"
    gpu = f" on {hosting['gpus']}x {hosting['gpu']}" if hosting["gpu"] else ""
    return (
        "#!/usr/bin/env bash\n"
        f"# Serves the model with vLLM{gpu}, sized by the plan; its OpenAI-compatible API answers\n"
        "# on http://localhost:8000/v1 (LLM_BASE_URL in .env).\n"
        "set -euo pipefail\n"
        f"WEIGHTS=${{WEIGHTS:-{weights}}}\n"
        f'exec vllm serve "$WEIGHTS"{flags} --port 8000\n'
    )


def starter_for(decision_id: int, evalset: dict | None = None, store=None) -> Starter:
    """The starter of stored decision `decision_id` (one InputError line when there is none)."""
    from ..store import default_store

    row = (store or default_store()).get_recommendation(decision_id)
    recommendation = Recommendation.from_stored(row)
    if recommendation is None:
        raise InputError("DECISION_ID", f"the id of a stored decision (#{decision_id} is not one)")
    return build_starter(recommendation, evalset)

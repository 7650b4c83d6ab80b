"""The playground engine: run a prompt on a model (streaming), compare up to 3 models, eval sets.

Faces (CLI, Streamlit, Slack) call these functions; the providers behind them are chosen by
`advisor.providers.resolve`. Every run, failed ones included, is logged in the store's run log.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import regex

from .. import providers
from ..errors import AdvisorError, InputError, ProviderError
from ..grounding.passages import grounded_prompt
from ..providers.base import Usage
from ..results import RunResult

log = logging.getLogger(__name__)

MAX_MODELS = 3
GROUNDING_K = 3


def availability(api_key: str | None = None, keys: dict[str, str] | None = None) -> list[dict]:
    """Every catalog model: {model_id, runnable, provider, upstream, reason, kind, key_vars}.

    `keys`: a user's own keys for this session, by variable name (OPENROUTER_API_KEY, ...)."""
    return providers.availability(api_key, keys)


# -- prompts, grounding and cost -------------------------------------------------------------------


def build_messages(
    prompt: str, *, system: str | None = None, examples=(), passages: list[dict] | None = None
) -> list[dict]:
    """OpenAI-style messages: system, few-shot pairs, then the prompt (with passages, if any)."""
    messages = [{"role": "system", "content": system}] if system else []
    for index, example in enumerate(examples or ()):
        if not isinstance(example, dict) or "input" not in example or "output" not in example:
            raise InputError(f"examples[{index}]", "an object with `input` and `output`")
        messages.append({"role": "user", "content": str(example["input"])})
        messages.append({"role": "assistant", "content": str(example["output"])})
    if passages:
        prompt = grounded_prompt(prompt, passages)
    messages.append({"role": "user", "content": prompt})
    return messages


def ground(grounding: dict | None, prompt: str) -> list[dict]:
    """The passages a run is grounded in: [{id, title, excerpt, score, source}], best first."""
    if not grounding:
        return []
    kind = grounding.get("kind") if isinstance(grounding, dict) else None
    k = int(grounding.get("k") or GROUNDING_K) if kind else GROUNDING_K
    if kind == "files":
        from ..grounding.uploads import search

        return search(prompt, list(grounding.get("paths") or []), k=k)
    if kind == "knowledge":
        return _knowledge_passages(prompt, k)
    raise InputError("grounding.kind", "knowledge or files")


def _knowledge_passages(prompt: str, k: int) -> list[dict]:
    from ..grounding.retrieval import (
        retrieve,  # passages only: no answer is composed for a grounded run
    )

    return [{**hit, "source": "knowledge"} for hit in retrieve(prompt, k=k)]


def cost_usd(model_id: str, input_tokens: int, output_tokens: int) -> float | None:
    """Cost of one call at the catalog's per-token prices; 0 for the built-in local model, None
    when the catalog has no per-token price for it."""
    from ..catalog.catalog import load_catalog

    model = load_catalog().get(model_id)
    if model.runtime == "local":
        return 0.0
    price_in, price_out = model.price("input_per_1m"), model.price("output_per_1m")
    if price_in is None and price_out is None:
        return None
    return round(((price_in or 0) * input_tokens + (price_out or 0) * output_tokens) / 1e6, 8)


def _save(record: dict) -> int | None:
    from ..store import default_store

    try:
        return default_store().save_run(record)
    except Exception:  # the answer matters more than its log line; the log says what failed
        log.exception("could not log the playground run")
        return None


# -- one run ---------------------------------------------------------------------------------------


class RunStream:
    """Iterate for the text as it arrives; `.result` afterwards (it drains the stream if need be).

    `.result` is a `RunResult`. A provider failure is logged, then re-raised.
    """

    def __init__(
        self,
        model_id,
        provider,
        upstream,
        messages,
        *,
        prompt,
        system,
        options,
        grounding,
        passages,
        source,
        user=None,
    ):
        self.model_id = model_id
        self.provider = provider
        self._upstream = upstream
        self._messages = messages
        self._options = options
        self._record = {
            "model": model_id, "provider": provider.name, "prompt": prompt, "system": system,
            "source": source, "user": user,
            "grounding": {**grounding, "passages": passages} if grounding else None,
        }  # fmt: skip
        self._passages = passages
        self._result: RunResult | None = None
        self._started = False
        self._error: AdvisorError | None = None

    def __iter__(self) -> Iterator[str]:
        if self._started:
            raise RuntimeError("a RunStream can be iterated once; read .result instead")
        self._started = True
        return self._generate()

    def _generate(self) -> Iterator[str]:
        parts: list[str] = []
        usage: Usage | None = None
        ttft = None
        start = time.perf_counter()
        chunks = self.provider.stream(self._upstream, self._messages, **self._options)
        try:
            for item in chunks:
                if isinstance(item, Usage):
                    usage = item
                    continue
                if ttft is None:
                    ttft = time.perf_counter() - start
                parts.append(item)
                yield item
        except ProviderError as exc:
            self._error = exc
            self._finish(parts, usage, start, ttft, error=str(exc))
            raise
        except GeneratorExit:  # the caller stopped reading: log what there was
            self._finish(parts, usage, start, ttft, error="cancelled")
            raise
        finally:
            close = getattr(chunks, "close", None)
            if close:  # releases the local model's lock at once if we stopped early
                close()
        self._finish(parts, usage, start, ttft)

    def _finish(self, parts, usage, start, ttft, error=None) -> None:
        latency = time.perf_counter() - start
        text = "".join(parts)
        input_tokens = usage.input_tokens if usage else None
        output_tokens = usage.output_tokens if usage else None
        cost = cost_usd(self.model_id, input_tokens or 0, output_tokens or 0) if usage else None
        record = {
            **self._record,
            "response": text,
            "latency_s": round(latency, 4),
            "ttft_s": round(ttft, 4) if ttft is not None else None,
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cost_usd": cost,
            "error": error,
        }
        run_id = _save(record)
        self._result = RunResult(
            text=text,
            model=self.model_id,
            provider=self.provider.name,
            latency_s=record["latency_s"],
            ttft_s=record["ttft_s"],
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cost_usd=cost,
            passages=self._passages,
            tokens_counted=bool(usage and usage.counted),
            run_id=run_id,
            error=error,
        )

    @property
    def result(self) -> RunResult:
        """The finished run; raises the provider's error if it failed (`.outcome` has it too)."""
        if self._result is None:
            if self._started:
                raise RuntimeError("the run is still streaming")
            for _ in self:
                pass
        if self._error is not None:
            raise self._error
        return self._result

    @property
    def outcome(self) -> RunResult | None:
        """The result once finished, failed runs included (`error` set); else None."""
        return self._result


def _check_options(temperature: float, max_tokens: int) -> dict:
    if not isinstance(temperature, int | float) or not 0 <= temperature <= 2:
        raise InputError("temperature", "a number from 0 to 2")
    if not isinstance(max_tokens, int) or not 1 <= max_tokens <= 32768:
        raise InputError("max_tokens", "an integer from 1 to 32768")
    return {"temperature": float(temperature), "max_tokens": max_tokens}


def run(
    model_id: str,
    prompt: str,
    *,
    system: str | None = None,
    examples=(),
    temperature: float = 0.7,
    max_tokens: int = 256,
    grounding: dict | None = None,
    source: str = "cli",
    api_key: str | None = None,
    keys: dict[str, str] | None = None,
    user: str | None = None,
    _passages: list[dict] | None = None,
) -> RunStream:
    """Start one playground run. Unknown ids and unrunnable models raise here, before streaming;
    provider failures raise while iterating (after the failed run is logged).

    `keys`: a user's own keys for this run only (the app's session keys), by the variable each
    stands in for, e.g. {"ANTHROPIC_API_KEY": ...}; `api_key` is short for an OpenAI key. Never
    logged or stored. `user`: who ran it (the app's logged-in visitor), stored with the run so
    that the run log can be scoped to it."""
    if not isinstance(prompt, str) or not prompt.strip():
        raise InputError("prompt", "a non-empty text")
    options = _check_options(temperature, max_tokens)
    provider, upstream = providers.resolve(model_id, api_key, keys)
    provider.prepare()  # a local model's start-up is not the model's latency
    passages = _passages if _passages is not None else ground(grounding, prompt)
    messages = build_messages(prompt, system=system, examples=examples, passages=passages)
    return RunStream(
        model_id, provider, upstream, messages, prompt=prompt, system=system, options=options,
        grounding=grounding, passages=passages, source=source, user=user,
    )  # fmt: skip


def _check_models(model_ids) -> list[str]:
    from ..catalog.catalog import load_catalog

    model_ids = list(model_ids or ())
    if not 1 <= len(model_ids) <= MAX_MODELS:
        raise InputError("models", f"1 to {MAX_MODELS} model ids")
    catalog = load_catalog()
    for model_id in model_ids:
        catalog.get(model_id)  # UnknownModelError before any work starts
    return model_ids


def _failed(model_id: str, exc: AdvisorError) -> RunResult:
    return RunResult(model=model_id, provider=getattr(exc, "provider", None), error=str(exc))


def compare(model_ids, prompt: str, **opts) -> list[RunResult]:
    """The same prompt on up to 3 models at once; one result per model, in the order given.

    A model that cannot run (or fails) gets a result with `error` set; the others still run."""
    model_ids = _check_models(model_ids)
    passages = ground(opts.get("grounding"), prompt)

    def one(model_id: str) -> RunResult:
        stream = None
        try:
            stream = run(model_id, prompt, _passages=passages, **opts)
            return stream.result
        except ProviderError as exc:  # failed runs are logged; keep their id and timings
            return (stream.outcome if stream else None) or _failed(model_id, exc)

    with ThreadPoolExecutor(max_workers=len(model_ids), thread_name_prefix="compare") as pool:
        return list(pool.map(one, model_ids))


# -- eval sets -------------------------------------------------------------------------------------

EXPECT_KEYS = ("contains", "regex", "json", "similar_to", "threshold")
DEFAULT_THRESHOLD = 0.6  # cosine similarity of MiniLM sentence vectors that reads as "same gist"
MAX_EVALSET_CHARS = 1_000_000
MAX_EVAL_CASES = 200  # each case runs on up to 3 models
MAX_EVALSET_DEPTH = 8  # an eval set nests 4 levels (set, cases, case, expect, contains)
MAX_PROMPT_CHARS = 20_000  # a prompt, system text or reference text of one case
# Eval regexes are other people's patterns run on model output: a pattern that backtracks
# catastrophically, such as (a+)+$, must fail its check at once rather than hold a worker.
MAX_REGEX_CHARS = 500
MAX_REGEX_SUBJECT_CHARS = 100_000
REGEX_TIMEOUT_S = 0.5


def _no_alias_loader():
    """A YAML safe loader that refuses anchors and aliases: a few hundred characters of nested
    aliases expand to hundreds of megabytes (a "billion laughs"), and an eval set never needs them."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError("evalset", "JSON or YAML without anchors or aliases (& and *)")
            return super().compose_node(parent, index)

    return NoAliasLoader


def _parse_text(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        pass
    except RecursionError:
        raise InputError("evalset", f"at most {MAX_EVALSET_DEPTH} levels of nesting") from None
    import yaml

    try:
        return yaml.load(text, Loader=_no_alias_loader())  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise InputError("evalset", f"JSON or YAML ({str(exc).splitlines()[0]})") from None
    except RecursionError:
        raise InputError("evalset", f"at most {MAX_EVALSET_DEPTH} levels of nesting") from None


def _depth(value, limit: int) -> int:
    """How deeply `value` nests lists and objects, counted no further than `limit` + 1."""
    stack, deepest = [(value, 1)], 0
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _read_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            "evalset", f"a readable JSON or YAML file ({path}: {exc.strerror})"
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("evalset", f"a JSON or YAML text file; {path} is not UTF-8 text") from None


def load_evalset(source) -> dict:
    """An eval set from a dict, a JSON/YAML text (str or bytes: what was pasted or uploaded), or a
    `pathlib.Path` the caller names explicitly (the CLI's FILE); validated and normalised to
    {name, temperature, max_tokens, cases: [{id, prompt, system?, expect}]}.

    A str is always the eval set's text, never a file name: the app hands over what a person
    typed, and that must not reach the server's files."""
    if isinstance(source, dict):
        data = source
    else:
        if isinstance(source, Path):
            text = _read_file(source)
        elif isinstance(source, bytes):
            text = source.decode("utf-8-sig", errors="replace")
        else:
            text = str(source)
        if len(text) > MAX_EVALSET_CHARS:
            raise InputError("evalset", f"at most {MAX_EVALSET_CHARS:,} characters")
        data = _parse_text(text)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list) or not data["cases"]:
        raise InputError("evalset", "an object with `name` and a non-empty `cases` list")
    if len(data["cases"]) > MAX_EVAL_CASES:
        raise InputError("evalset.cases", f"at most {MAX_EVAL_CASES} cases")
    if _depth(data, MAX_EVALSET_DEPTH) > MAX_EVALSET_DEPTH:
        raise InputError("evalset", f"at most {MAX_EVALSET_DEPTH} levels of nesting")
    options = _check_options(data.get("temperature", 0.0), data.get("max_tokens", 256))
    cases = [_check_case(index, case) for index, case in enumerate(data["cases"])]
    return {"name": str(data.get("name") or "eval"), **options, "cases": cases}


def _check_case(index: int, case) -> dict:
    where = f"cases[{index}]"
    if not isinstance(case, dict) or not isinstance(case.get("prompt"), str) or not case["prompt"]:
        raise InputError(f"{where}.prompt", "a non-empty text")
    for name in ("prompt", "system", "id"):
        if len(str(case.get(name) or "")) > MAX_PROMPT_CHARS:
            raise InputError(f"{where}.{name}", f"at most {MAX_PROMPT_CHARS:,} characters")
    expect = case.get("expect") or {}
    if not isinstance(expect, dict) or not expect or set(expect) - set(EXPECT_KEYS):
        raise InputError(f"{where}.expect", "an object with any of " + ", ".join(EXPECT_KEYS))
    contains = expect.get("contains")
    if contains is not None:
        contains = [contains] if isinstance(contains, str) else contains
        if not isinstance(contains, list) or not all(isinstance(c, str) for c in contains):
            raise InputError(f"{where}.expect.contains", "a text or a list of texts")
        expect = {**expect, "contains": contains}
    if expect.get("regex") is not None:
        pattern = expect["regex"]
        if not isinstance(pattern, str) or len(pattern) > MAX_REGEX_CHARS:
            raise InputError(
                f"{where}.expect.regex",
                f"a regular expression of at most {MAX_REGEX_CHARS} characters",
            )
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise InputError(
                f"{where}.expect.regex", f"a valid regular expression ({exc})"
            ) from None
    if "json" in expect and not isinstance(expect["json"], bool):
        raise InputError(f"{where}.expect.json", "true or false")
    if "similar_to" in expect and not isinstance(expect["similar_to"], str):
        raise InputError(f"{where}.expect.similar_to", "a reference text")
    if len(str(expect.get("similar_to") or "")) > MAX_PROMPT_CHARS or (
        contains is not None and sum(len(c) for c in contains) > MAX_PROMPT_CHARS
    ):
        raise InputError(f"{where}.expect", f"texts of at most {MAX_PROMPT_CHARS:,} characters")
    if "threshold" in expect:
        threshold = expect["threshold"]
        if not isinstance(threshold, int | float) or not 0 <= threshold <= 1:
            raise InputError(f"{where}.expect.threshold", "a number from 0 to 1")
    out = {"id": str(case.get("id") or f"case-{index + 1}"), "prompt": case["prompt"]}
    if case.get("system"):
        out["system"] = str(case["system"])
    out["expect"] = expect
    return out


def dump_evalset(evalset: dict, fmt: str = "json") -> str:
    """The eval set as JSON or YAML text (it loads back to the same eval set)."""
    evalset = load_evalset(evalset)
    if fmt == "json":
        return json.dumps(evalset, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(evalset, sort_keys=False, allow_unicode=True)
    raise InputError("format", "json or yaml")


def _json_body(text: str) -> str:
    # Models often wrap JSON in a Markdown fence; the JSON inside is what counts.
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    return (fenced.group(1) if fenced else text).strip()


_embed_lock = threading.Lock()


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts with the knowledge embedder (all-MiniLM-L6-v2 offline)."""
    try:
        import knowledge.embeddings  # noqa: F401 - to say what to install when it is missing
    except ImportError:
        raise ProviderError(
            "embeddings",
            "similar_to needs the knowledge embedder: pip install 'llm-advisor[knowledge]'",
        ) from None
    from ..grounding import retrieval

    with _embed_lock:  # one encode at a time; the model is shared by the model threads
        va, vb = retrieval.embedder().embed_documents([a, b])
    dot = sum(x * y for x, y in zip(va, vb, strict=True))
    norm = math.sqrt(sum(x * x for x in va)) * math.sqrt(sum(y * y for y in vb))
    return dot / norm if norm else 0.0


def check(expect: dict, text: str) -> list[dict]:
    """Each expectation as {check, passed, detail}."""
    out = []
    for needle in expect.get("contains") or ():
        out.append(
            {"check": "contains", "passed": needle.lower() in text.lower(), "detail": needle}
        )
    if expect.get("regex") is not None:
        out.append(_regex_check(expect["regex"], text))
    if expect.get("json"):
        try:
            json.loads(_json_body(text))
            valid = True
        except ValueError:
            valid = False
        out.append({"check": "json", "passed": valid, "detail": "valid JSON"})
    if expect.get("similar_to") is not None:
        threshold = float(expect.get("threshold", DEFAULT_THRESHOLD))
        score = similarity(text, expect["similar_to"]) if text else 0.0
        out.append(
            {"check": "similar_to", "passed": score >= threshold,
             "detail": f"similarity {score:.3f} (threshold {threshold:g})"}
        )  # fmt: skip
    return out


def _regex_check(pattern: str, text: str) -> dict:
    """The regex expectation, searched with a time limit on at most MAX_REGEX_SUBJECT_CHARS."""
    try:
        found = regex.search(pattern, text[:MAX_REGEX_SUBJECT_CHARS], timeout=REGEX_TIMEOUT_S)
    except TimeoutError:
        return {
            "check": "regex",
            "passed": False,
            "detail": f"{pattern} (gave up after {REGEX_TIMEOUT_S:g} s: the pattern backtracks "
            "too much; simplify it, e.g. (a+)+ -> a+)",
        }
    return {"check": "regex", "passed": found is not None, "detail": pattern}


def _eval_model(
    evalset: dict, model_id: str, source: str, keys: dict | None = None, user: str | None = None
) -> dict:
    cases = []
    for case in evalset["cases"]:
        row = {"id": case["id"], "prompt": case["prompt"]}
        try:
            result = run(
                model_id, case["prompt"], system=case.get("system"),
                temperature=evalset["temperature"], max_tokens=evalset["max_tokens"], source=source,
                keys=keys, user=user,
            ).result  # fmt: skip
            checks = check(case["expect"], result.text)
            row.update(
                passed=all(c["passed"] for c in checks), checks=checks, response=result.text,
                latency_s=result.latency_s, cost_usd=result.cost_usd, error=None,
            )  # fmt: skip
        except ProviderError as exc:
            row.update(passed=False, checks=[], response="", latency_s=None, cost_usd=None,
                       error=str(exc))  # fmt: skip
        cases.append(row)
    latencies = [c["latency_s"] for c in cases if c["latency_s"] is not None]
    passed = sum(1 for c in cases if c["passed"])
    return {
        "model": model_id,
        "passed": passed,
        "total": len(cases),
        "pass_rate": round(passed / len(cases), 4),
        "mean_latency_s": round(sum(latencies) / len(latencies), 4) if latencies else None,
        "total_cost_usd": round(sum(c["cost_usd"] or 0.0 for c in cases), 8),
        "cases": cases,
    }


def run_eval(
    evalset,
    model_ids,
    *,
    source: str = "eval",
    keys: dict | None = None,
    user: str | None = None,
) -> dict:
    """Run every case on each model (models concurrently, cases in order): a scorecard
    {name, models: [{model, passed, total, pass_rate, mean_latency_s, total_cost_usd, cases}]}.

    `keys`: the user's session keys by variable name, as for `run`."""
    evalset = load_evalset(evalset)
    model_ids = _check_models(model_ids)
    for model_id in model_ids:
        providers.resolve(model_id, keys=keys)  # a model that cannot run fails the eval at once
    with ThreadPoolExecutor(max_workers=len(model_ids), thread_name_prefix="eval") as pool:
        scores = list(pool.map(lambda m: _eval_model(evalset, m, source, keys, user), model_ids))
    return {"name": evalset["name"], "models": scores}

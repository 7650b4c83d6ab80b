"""GPUs people own, and how much GPU a model needs: memory and hours scale with its parameters.

The rule (docs/catalog.md, "Sizing"): serving is sized by `devices` (one memory rule for every
machine: weights at a quantisation + KV cache + runtime); LoRA fine-tuning about 2 GB of GPU
memory per billion parameters plus 30%
(adapters, optimiser state, activations); QLoRA (4-bit base) about a third of it. Training compute
is 6 x parameters x tokens FLOPs (Kaplan et al. 2020), run at 40% of the GPU's peak.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

# Memory of each GPU a team may own; names as in the catalog's gpu_hourly_usd where it has them.
GPU_MEMORY_GB = {
    "A100-80GB": 80,
    "A100-40GB": 40,
    "H100-80GB": 80,
    "H200": 141,
    "L40S": 48,
    "L4": 24,
    "A10G": 24,
    "RTX-4090": 24,
    "RTX-3090": 24,
    "V100": 32,
    "T4": 16,
}
# Dense 16-bit peak FLOP/s, from the vendors' data sheets (NVIDIA A100, H100 SXM, L4, A10G).
GPU_PEAK_FLOPS = {"A100-80GB": 312e12, "A100-40GB": 312e12, "H100-80GB": 989e12, "L4": 121e12}
UTILISATION = 0.4
LORA_GB_PER_B = 2.0 * 1.3
QLORA_GB_PER_B = LORA_GB_PER_B / 3
# Full-parameter training with mixed-precision Adam keeps 16 bytes per parameter (16-bit weights
# and gradients, 32-bit master weights and two optimiser moments; Rajbhandari et al. 2020, ZeRO),
# plus 20% for activations: continued pretraining changes every weight, so no adapters.
FULL_TRAINING_GB_PER_B = 16 * 1.2
# A model of unknown size is sized as a 7B one, and the answer says so.
DEFAULT_PARAMETERS_B = 7.0

_OWNED = re.compile(r"^(\d{1,3})x ([A-Za-z0-9-]+)$")


def parse_owned(value: str | None) -> tuple[int, str] | None:
    """ "2x A100-80GB" -> (2, "A100-80GB"); None for no value or an unknown GPU."""
    match = _OWNED.match((value or "").strip())
    if not match or match.group(2) not in GPU_MEMORY_GB:
        return None
    return int(match.group(1)), match.group(2)


@lru_cache(maxsize=64)  # asked for every model on every recommendation
def owned_memory_gb(value: str | None) -> float:
    owned = parse_owned(value)
    return owned[0] * GPU_MEMORY_GB[owned[1]] if owned else 0.0


def tuning_memory_gb(parameters_b: float, qlora: bool = False) -> float:
    return parameters_b * (QLORA_GB_PER_B if qlora else LORA_GB_PER_B)


def full_training_memory_gb(parameters_b: float) -> float:
    return parameters_b * FULL_TRAINING_GB_PER_B


def gpus_needed(memory_gb: float, gpu: str) -> int:
    return max(1, math.ceil(memory_gb / GPU_MEMORY_GB.get(gpu, 80)))


def training_gpu_hours(parameters_b: float, tokens: float, gpu: str) -> float:
    """GPU hours to pass `tokens` through a model of `parameters_b` billion parameters once."""
    flops = 6 * parameters_b * 1e9 * tokens
    return flops / (GPU_PEAK_FLOPS.get(gpu, 312e12) * UTILISATION) / 3600

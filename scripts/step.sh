#!/usr/bin/env bash
# Run one set-up step, saying what it is before and how long it took after:
#   scripts/step.sh "building the knowledge index (first time: about a minute)" CMD ARGS...
# A step that prints nothing for minutes is then still seen to be running, and its cost is known.
set -uo pipefail
what=$1
shift
start=$(date +%s)
printf '==> %s\n' "$what"
"$@"
status=$?
elapsed=$(($(date +%s) - start))
if [ "$status" -eq 0 ]; then
  printf '    done in %dm%02ds\n' $((elapsed / 60)) $((elapsed % 60))
else
  printf '    failed after %dm%02ds (exit %d)\n' $((elapsed / 60)) $((elapsed % 60)) "$status"
fi
exit "$status"

#!/usr/bin/env bash
# `make test`: runs every suite (each one even when an earlier one failed), keeps each
# suite's output in target/test-logs/<suite>.log, and prints a summary of what actually ran
# at the end. Exits non-zero when any suite failed.
#   scripts/test-all.sh [suite ...]    default: all of them, in the order below
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=(rust wasm-node wasm-browser emulator js types docs bundlers diff e2e bench-equivalence)
LOGS=target/test-logs
mkdir -p "$LOGS"

# "passed failed" counted from a suite's log: node:test summaries (# pass / # fail),
# cargo and wasm-bindgen-test results (test result: ... N passed; M failed), tsc projects.
count() {
  local log="$1"
  awk '
    /^# pass [0-9]+/ { p += $3 }
    /^# fail [0-9]+/ { f += $3 }
    /test result: .* passed; .* failed/ {
      for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
    }
    /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 }
    /^tsc [0-9.]+ -p .*: ok$/ { p += 1 }
    /^tsc [0-9.]+ -p .*: FAILED$/ { f += 1 }
    END { printf "%d %d", p, f }
  ' "$log"
}

declare -a ROWS
FAILED=0
for s in "${SUITES[@]}"; do
  echo
  echo "==== make test-$s"
  t0=$(date +%s)
  make --no-print-directory "test-$s" 2>&1 | tee "$LOGS/$s.log"
  rc=${PIPESTATUS[0]}
  secs=$(( $(date +%s) - t0 ))
  read -r passed failed < <(count "$LOGS/$s.log")
  if [ "$rc" -eq 0 ]; then status=ok; else status=FAILED; FAILED=$((FAILED + 1)); fi
  ROWS+=("$(printf '%-18s %-7s %7s %7s %6ss' "$s" "$status" "$passed" "$failed" "$secs")")
done

echo
echo "==== make test: summary (logs in $LOGS/)"
printf '%-18s %-7s %7s %7s %7s\n' suite result passed failed time
for r in "${ROWS[@]}"; do echo "$r"; done
if [ "$FAILED" -eq 0 ]; then
  echo "make test: all ${#SUITES[@]} suites passed"
else
  echo "make test: $FAILED of ${#SUITES[@]} suites FAILED"
  exit 1
fi

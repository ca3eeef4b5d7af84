#!/usr/bin/env bash
# Valgrind memcheck over the native test binaries (the design's "Valgrind clean" criterion):
# any invalid read/write, double free or definite leak fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bins=$(cargo test --quiet --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] in ("extensor", "memory_safety", "memory_counters", "conformance"):
        print(m["executable"])')
[ -n "$bins" ] || { echo "[valgrind] no test binaries found" >&2; exit 1; }
for bin in $bins; do
  echo "[valgrind] $(basename "$bin")"
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$bin" --test-threads=1 -q 2>&1 | tail -n 4
  echo "[valgrind] $(basename "$bin"): memcheck clean"
done

#!/usr/bin/env bash
# Runs the cargo-fuzz target for a given time (default 600 s; CI runs 60 s from npm test).
#   bash scripts/fuzz.sh [seconds]      or      npm run fuzz -- 3600
# Crashes land in fuzz/artifacts/handles/; copy one into fuzz/regressions/ to make it a
# permanent test (tests/model_based.rs replays every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/nightly.sh
seconds=${1:-600}
mkdir -p fuzz/corpus/handles
cp -n fuzz/regressions/* fuzz/corpus/handles/ 2>/dev/null || true
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo "+$NIGHTLY" fuzz run handles --sanitizer address -- \
  -max_total_time="$seconds" -max_len=256 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1
status=$?
set -e
grep -E "^(#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Done|thread .* panicked)" "$log" || true
if [ "$status" -ne 0 ]; then
  tail -n 40 "$log" >&2
  echo "[fuzz] FAILED (exit $status): see fuzz/artifacts/handles/" >&2
  exit "$status"
fi
echo "[fuzz] ${seconds}s without a crash"

#!/usr/bin/env bash
# ThreadSanitizer over the parallel kernels (feature `threads`): tests/parallel.rs built with
# -Zsanitizer=thread against a std rebuilt with it (-Z build-std, from the nightly rust-src
# that setup.sh installs for the threaded wasm build), so std's and rayon's synchronisation is
# instrumented too and no suppressions are needed. Two runs:
#   1. a planted race must be reported (proves the instrumentation is live);
#   2. every parallel test must pass with no report (halt_on_error turns a report into a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/nightly.sh
host=$(rustc -vV | sed -n 's/^host: //p')
tsan_test() {
  env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="-Zsanitizer=thread" CARGO_TARGET_DIR=target/tsan \
    TSAN_OPTIONS="halt_on_error=1 abort_on_error=0 exitcode=66" \
    cargo "+$NIGHTLY" test --quiet -Zbuild-std --target "$host" --profile parallel-test \
    --features threads --test parallel -- "$@"
}

echo "[tsan] toolchain: $(rustc "+$NIGHTLY" -V)"
echo "[tsan] 1/2: the planted race must be reported"
# Up to three tries: one unreported run is not proof of a dead sanitizer (a race detector
# samples what it sees); three in a row are. Each try keeps its log for the failure message.
reported=""
for try in 1 2 3; do
  if tsan_test --ignored --exact planted_data_race_for_the_sanitizer_self_check \
      > "target/tsan-planted-$try.log" 2>&1; then
    echo "[tsan] try $try: the planted race went unreported" >&2
    continue
  fi
  grep -q "WARNING: ThreadSanitizer: data race" "target/tsan-planted-$try.log" || {
    cat "target/tsan-planted-$try.log"
    echo "[tsan] the planted run failed without a ThreadSanitizer report" >&2
    exit 1
  }
  reported=$try
  break
done
if [ -z "$reported" ]; then
  cat target/tsan-planted-3.log
  rustc "+$NIGHTLY" -V >&2
  binary=$(find target/tsan -type f -perm -u+x -name 'parallel-*' -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2)
  echo "[tsan] test binary: ${binary:-not found}; ThreadSanitizer symbols in it: $(nm "$binary" 2>/dev/null | grep -c __tsan_init)" >&2
  echo "[tsan] the planted race went unreported three times: the sanitizer is not live" >&2
  exit 1
fi
echo "[tsan] reported, as it must be"

echo "[tsan] 2/2: the parallel kernels at 1 to 4 threads, no report allowed"
tsan_test

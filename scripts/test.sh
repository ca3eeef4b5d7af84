#!/usr/bin/env bash
# `npm test`: every check, in order of speed, each one named. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
. scripts/nightly.sh

passed=0
in_lane=""
step() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '=== %s: ok (%ds)\n' "$name" $((SECONDS - start))
  else
    printf '=== %s: FAILED\n' "$name"
    [ -z "$in_lane" ] || return 1
    printf '\nsteps: %d passed, 1 failed\n' "$passed"
    exit 1
  fi
}

# Runs two lanes of steps side by side. A lane is a function that calls step for each of its
# steps, chained with && (a lane runs with errexit off). For steps that leave the second core
# idle: Miri interprets on one thread, Valgrind and the fuzzer run on one, a flavour's LTO
# codegen is one unit. Each lane's output is held and printed whole when both have ended,
# lane A first, so the log reads as if they had run one after the other.
side_by_side() {
  local lane_a=$1 lane_b=$2 log_a log_b pid_b status_a=0 status_b=0
  log_a=$(mktemp) && log_b=$(mktemp)
  (in_lane=1 && "$lane_b") >"$log_b" 2>&1 &
  pid_b=$!
  (in_lane=1 && "$lane_a") >"$log_a" 2>&1 || status_a=$?
  wait "$pid_b" || status_b=$?
  cat "$log_a" "$log_b"
  passed=$((passed + $(cat "$log_a" "$log_b" | grep -c '^=== .*: ok (' || true)))
  local failed
  failed=$(cat "$log_a" "$log_b" | grep -c '^=== .*: FAILED$' || true)
  rm -f "$log_a" "$log_b"
  if [ "$status_a" -ne 0 ] || [ "$status_b" -ne 0 ]; then
    printf '\nsteps: %d passed, %d failed\n' "$passed" "$failed"
    exit 1
  fi
}

# Node 20 validates relaxed-SIMD opcodes only behind this flag (Chromium by default).
js_suite() { EXTENSOR_BUILD=$1 node --experimental-wasm-relaxed-simd --expose-gc --test --test-reporter=spec tests/js/; }

step "setup (installs whatever is missing)" bash scripts/setup.sh
step "cargo fmt --check" cargo fmt --check

# Native checks, two lanes of about the same length (8–9 min on a quiet 2-core machine). Each
# lane keeps to its own target dirs (cargo locks a target dir for one build at a time): lane
# A target/, target/clippy-threads and Miri's target/miri; lane B target/wasm-simd,
# target/tsan and fuzz/target.
native_lane_a() {
  step "cargo clippy -D warnings (native)" cargo clippy --quiet --all-targets -- -D warnings &&
    step "cargo clippy -D warnings (wasm32)" cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings &&
    step "cargo clippy -D warnings (wasm32, feature threads: the pool binding)" \
      cargo clippy --quiet --lib --target wasm32-unknown-unknown --features threads --target-dir target/clippy-threads -- -D warnings &&
    step "cargo test (native unit, integration, conformance, doc tests)" cargo test --quiet &&
    step "valgrind memcheck (native test binaries)" bash scripts/valgrind.sh &&
    step "miri (core unit tests, memory-safety and model-based tests)" cargo "+$NIGHTLY" miri test --quiet --lib --test memory_safety --test memory_counters --test model_based
}
native_lane_b() {
  step "cargo clippy -D warnings (wasm32 + simd128)" env RUSTFLAGS="-C target-feature=+simd128" \
    cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --target-dir target/wasm-simd -- -D warnings &&
    step "parallel kernels under ThreadSanitizer: the same bits at 1 to 4 threads, no race (planted race must be caught)" \
      bash scripts/tsan.sh &&
    step "cargo-fuzz 60 s (AddressSanitizer, model-checked handle programs)" bash scripts/fuzz.sh 60
}
side_by_side native_lane_a native_lane_b

step "build the four wasm flavours (relaxed, simd, baseline, threads)" bash scripts/build.sh

# The wasm suites, two lanes: wasm-pack's runs use target/ and its own dirs; the JS suites
# only read pkg/ and js/.
wasm_lane_a() {
  step "wasm-pack test --node (baseline, simd) and --headless --chrome (simd)" bash scripts/wasm-tests.sh &&
    step "JS suite on the relaxed-SIMD build" js_suite relaxed
}
wasm_lane_b() {
  step "JS suite on the SIMD build" js_suite simd &&
    step "JS suite on the baseline build" js_suite baseline &&
    step "JS suite on the threaded build (2 threads: worker_threads on a shared memory)" js_suite threads
}
side_by_side wasm_lane_a wasm_lane_b

types_check() {
  npx tsc -p . --noEmit && npx tsc -p tests/types/declarations.tsconfig.json && npx tsc -p tests/types &&
    node --test --test-reporter=spec tests/types/
}
# Lane A writes docs/api and packs the package (which ships files the others write), so its
# three steps stay in order; the page tests only serve the repository's files.
package_lane_a() {
  step "TypeScript: the source (calls into the wasm glue checked against its types), the emitted declarations alone, the typed usage file; declarations match the runtime" types_check &&
    step "API reference: TypeDoc into docs/api (warnings are errors)" npx typedoc --logLevel Warn &&
    step "npm pack: installed tarball from Node ESM, CommonJS, Vite in Chromium, tsc" node --test --test-reporter=spec tests/package/
}
package_lane_b() {
  step "demo page, browser scopes, typed-array windows, the threaded build, every conformance case on every build and the JS suites (threads isolated, simd plain) in headless Chromium" node --test --test-reporter=spec tests/page/
}
side_by_side package_lane_a package_lane_b

printf '\nsteps: %d passed, 0 failed\n' "$passed"

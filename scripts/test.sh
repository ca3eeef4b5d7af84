#!/usr/bin/env bash
# `npm test`: every check, in order of speed, each one named. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

passed=0
step() {
  local name=$1; shift
  printf '\n=== %s\n' "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '=== %s: ok (%ds)\n' "$name" $((SECONDS - start))
  else
    printf '=== %s: FAILED\n' "$name"
    printf '\nsteps: %d passed, 1 failed\n' "$passed"
    exit 1
  fi
}

# Node 20 validates relaxed-SIMD opcodes only behind this flag (Chromium by default).
js_suite() { EXTENSOR_BUILD=$1 node --experimental-wasm-relaxed-simd --expose-gc --test --test-reporter=spec tests/js/; }

step "setup (installs whatever is missing)" bash scripts/setup.sh
step "cargo fmt --check" cargo fmt --check
step "cargo clippy -D warnings (native)" cargo clippy --quiet --all-targets -- -D warnings
step "cargo clippy -D warnings (wasm32)" cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings
step "cargo clippy -D warnings (wasm32 + simd128)" env RUSTFLAGS="-C target-feature=+simd128" \
  cargo clippy --quiet --all-targets --target wasm32-unknown-unknown --target-dir target/wasm-simd -- -D warnings
step "cargo clippy -D warnings (wasm32, feature threads: the pool binding)" \
  cargo clippy --quiet --lib --target wasm32-unknown-unknown --features threads --target-dir target/clippy-threads -- -D warnings
step "cargo test (native unit, integration, conformance, doc tests)" cargo test --quiet
step "parallel kernels under ThreadSanitizer: the same bits at 1 to 4 threads, no race (planted race must be caught)" \
  bash scripts/tsan.sh
step "miri (core unit tests, memory-safety and model-based tests)" cargo +nightly miri test --quiet --lib --test memory_safety --test memory_counters --test model_based
step "valgrind memcheck (native test binaries)" bash scripts/valgrind.sh
step "cargo-fuzz 60 s (AddressSanitizer, model-checked handle programs)" bash scripts/fuzz.sh 60
step "build the four wasm flavours (relaxed, simd, baseline, threads)" bash scripts/build.sh
step "wasm-pack test --node (baseline, simd) and --headless --chrome (simd)" bash scripts/wasm-tests.sh
step "JS suite on the relaxed-SIMD build" js_suite relaxed
step "JS suite on the SIMD build" js_suite simd
step "JS suite on the baseline build" js_suite baseline
step "JS suite on the threaded build (2 threads: worker_threads on a shared memory)" js_suite threads
types_check() {
  npx tsc -p . --noEmit && npx tsc -p tests/types/declarations.tsconfig.json && npx tsc -p tests/types &&
    node --test --test-reporter=spec tests/types/
}
step "TypeScript: the source (calls into the wasm glue checked against its types), the emitted declarations alone, the typed usage file; declarations match the runtime" types_check
step "API reference: TypeDoc into docs/api (warnings are errors)" npx typedoc --logLevel Warn
step "npm pack: installed tarball from Node ESM, CommonJS, Vite in Chromium, tsc" node --test --test-reporter=spec tests/package/
step "demo page, browser scopes, typed-array windows, the threaded build, every conformance case on every build and the JS suites (threads isolated, simd plain) in headless Chromium" node --test --test-reporter=spec tests/page/

printf '\nsteps: %d passed, 0 failed\n' "$passed"

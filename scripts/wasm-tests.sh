#!/usr/bin/env bash
# Runs the wasm32 suites through wasm-pack:
#   node    wasm-pack test --node                  (tests/node.rs, in Node)
#   chrome  wasm-pack test --headless --chrome     (tests/web.rs, in headless Chromium)
# Both files share their test bodies (tests/wasm_common/mod.rs); each command skips the
# other's file. Chromium's flags come from webdriver.json at the crate root, which
# wasm-bindgen-test-runner reads (it adds --headless --no-sandbox --disable-dev-shm-usage
# itself as well). Usage: scripts/wasm-tests.sh [node] [chrome]   (default: both)
# Needs the tools of scripts/setup.sh: nothing here downloads a browser or a driver.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '[wasm-tests] %s\n' "$*"; }

chromedriver=${EXTENSOR_CHROMEDRIVER:-/usr/bin/chromedriver}
# Generous limits for a loaded 2-core CI machine (defaults: 20 s for a suite, 5 s for the
# driver to start).
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}

# wasm-pack only uses a wasm-bindgen on PATH of exactly Cargo.lock's version; otherwise it
# tries to download one, which cannot work here. Fail early with the reason instead.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
command -v wasm-pack >/dev/null || { say "wasm-pack is missing: run scripts/setup.sh"; exit 1; }
command -v wasm-bindgen-test-runner >/dev/null || { say "wasm-bindgen-test-runner is missing: run scripts/setup.sh"; exit 1; }
if [ "$have" != "$want" ]; then
  say "wasm-bindgen-cli is ${have:-missing}, Cargo.lock wants $want: run scripts/setup.sh"
  exit 1
fi

# Sums the wasm-bindgen-test results of one run's log, leaving out the Doc-tests section:
# rustdoc builds doctests for wasm32 but wasm-bindgen-test-runner finds no test in them, so
# they "pass" without running.
tally() {
  awk '
    /^[[:space:]]*Running /  { doc = 0 }
    /^[[:space:]]*Doc-tests / { doc = 1 }
    !doc && /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i) ~ /^passed;?$/) p += $(i - 1)
        if ($(i) ~ /^failed;?$/) f += $(i - 1)
      }
    }
    END { printf "%d %d\n", p, f }
  ' "$1"
}

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
total_passed=0
total_failed=0
summary=()

run() {
  local name=$1; shift
  local log="$log_dir/$name.log" start end secs passed failed
  say "$name: $*"
  start=$(date +%s.%N)
  # No TTY in CI: wasm-pack and cargo then print plain lines. stdin from /dev/null so a
  # prompt could never wait.
  "$@" </dev/null 2>&1 | tee "$log"
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  read -r passed failed < <(tally "$log")
  if [ "$passed" -eq 0 ]; then
    say "$name: no wasm-bindgen test ran (every suite skipped?)"
    exit 1
  fi
  summary+=("$(printf '%-12s %3d passed, %d failed in %s s' "$name:" "$passed" "$failed" "$secs")")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

# Each run builds only its own test binary (`--test node` or `--test web`): the other
# integration tests hold no wasm_bindgen_test (they run natively under cargo test) and the
# doctests cannot run on wasm32, so compiling them for wasm32 took CI minutes for nothing.
# The +simd128 runs compile kernels::simd128 in, so tests/wasm_common/kernels.rs compares
# the SIMD paths with their scalar twins; they get their own target dir so the two builds
# never invalidate each other.
simd() { env RUSTFLAGS="-C target-feature=+simd128" EXTENSOR_EXPECT_SIMD=1 CARGO_TARGET_DIR=target/wasm-pack-simd "$@"; }

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(node node-simd chrome-simd)
for target in "${targets[@]}"; do
  case $target in
    node) run node wasm-pack test --node -- --test node ;;
    node-simd) run node-simd simd wasm-pack test --node -- --test node ;;
    chrome) run chrome wasm-pack test --headless --chrome --chromedriver "$chromedriver" -- --test web ;;
    chrome-simd) run chrome-simd simd wasm-pack test --headless --chrome --chromedriver "$chromedriver" -- --test web ;;
    *) say "unknown target $target (expected node, node-simd, chrome or chrome-simd)"; exit 2 ;;
  esac
done

for line in "${summary[@]}"; do say "$line"; done
echo "wasm: $total_passed passed, $total_failed failed"

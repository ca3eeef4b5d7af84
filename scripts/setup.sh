#!/usr/bin/env bash
# The one place tools come from. Idempotent: installs only what is missing, so `npm start`
# and `npm test` can call it every time on a fresh machine or a warm one.
#
#   bash scripts/setup.sh start   what building and serving the demo needs: the wasm target,
#                                 the pinned nightly (scripts/nightly.sh) with rust-src
#                                 (the threaded build rebuilds std),
#                                 the pinned wasm-bindgen-cli, the npm packages
#   bash scripts/setup.sh         (or `test`) all of that, plus what only `npm test` needs:
#                                 Chromium and its driver, Valgrind, Miri, cargo-fuzz,
#                                 wasm-pack
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/nightly.sh
say() { printf '[setup] %s\n' "$*"; }
trap 'say "failed at line $LINENO"' ERR

level=${1:-test}
case $level in
  start | test) ;;
  *) say "unknown level '$level': expected start or test"; exit 2 ;;
esac

if [ "$level" = test ]; then
  need_apt=()
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
  command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
  if [ ${#need_apt[@]} -gt 0 ]; then
    say "apt-get install ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The threaded build needs nightly: -Z build-std rebuilds std with atomics from rust-src
# (so nightly needs no wasm32 target of its own). The pinned one, from scripts/nightly.sh.
if ! rustup toolchain list | grep -q "^$NIGHTLY-"; then
  say "rustup toolchain install $NIGHTLY"
  rustup toolchain install "$NIGHTLY" --profile minimal
fi
if ! rustup "+$NIGHTLY" component list --installed 2>/dev/null | grep -qx 'rust-src'; then
  say "rustup component add rust-src ($NIGHTLY)"
  rustup component add rust-src --toolchain "$NIGHTLY"
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock, or the generated glue
# and the wasm disagree.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "cargo install wasm-bindgen-cli $wb_version"
  cargo install -q wasm-bindgen-cli --version "=$wb_version" --force
fi

if [ "$level" = test ]; then
  if ! rustup "+$NIGHTLY" component list --installed 2>/dev/null | grep -q '^miri'; then
    say "rustup component add miri ($NIGHTLY)"
    rustup component add miri --toolchain "$NIGHTLY"
  fi
  if ! command -v cargo-fuzz >/dev/null 2>&1; then
    say "cargo install cargo-fuzz"
    cargo install -q cargo-fuzz --locked
  fi
  if ! command -v wasm-pack >/dev/null 2>&1; then
    say "cargo install wasm-pack"
    cargo install -q wasm-pack
  fi
fi

if [ -f package.json ]; then
  stamp=node_modules/.setup-stamp
  manifest_hash() { { cat package.json; cat package-lock.json 2>/dev/null || true; } | sha256sum | cut -c1-16; }
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(manifest_hash)" ]; then
    say "npm install"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
    manifest_hash > "$stamp"
  fi
fi
say "ok ($level)"

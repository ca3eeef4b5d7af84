#!/usr/bin/env bash
# How long a newcomer waits: seconds from `npm start` to the printed demo URL on a machine
# that has only Node and rustup's stable toolchain. Simulated here: a new home folder (empty
# cargo registry and npm cache, no cargo-installed tools; rustup's toolchains are shared),
# a fresh clone of this repository, and the wasm32 target removed from rustup (npm start's
# set-up adds it back). Prints the phases from the log. Not part of npm test.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/extensor-fresh-start}
rustup_bin=$(command -v rustup || echo "$HOME/.cargo/bin/rustup")
rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
rm -rf "$work" && mkdir -p "$work/home/.cargo/bin"
for tool in cargo rustc rustup rustdoc rustfmt cargo-clippy clippy-driver; do ln -s "$rustup_bin" "$work/home/.cargo/bin/$tool"; done
git clone -q "$repo" "$work/repo"
"$rustup_bin" target remove wasm32-unknown-unknown >/dev/null 2>&1 || true
cd "$work/repo"
start=$(date +%s)
HOME="$work/home" RUSTUP_HOME="$rustup_home" PATH=/usr/local/bin:/usr/bin:/bin \
  npm start > "$work/start.log" 2>&1 &
server=$!
stamp() { printf '%4ds  %s\n' $(($(date +%s) - start)) "$1"; }
seen=""
while kill -0 $server 2>/dev/null; do
  while IFS= read -r line; do
    case "$seen" in *"|$line|"*) continue ;; esac
    seen="$seen|$line|"; stamp "$line"
  done < <(grep -E '^\[(setup|build)\]|http://' "$work/start.log")
  grep -q 'http://' "$work/start.log" && break
  sleep 1
done
grep -q 'http://' "$work/start.log" || { echo "npm start ended without a URL:"; tail -20 "$work/start.log"; }
pkill -P $server 2>/dev/null; kill $server 2>/dev/null; pkill -f "$work/repo/scripts/serve.mjs" 2>/dev/null
exit 0

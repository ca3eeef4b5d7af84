#!/usr/bin/env bash
# Builds the wasm flavours into pkg/ and the JS layer into js/. The flavours: relaxed
# (SIMD128 + relaxed SIMD: fused multiply-add in matmul), simd (SIMD128), baseline (no SIMD)
# and threads (SIMD128 on a shared memory, with rayon's pool in workers: nightly, because
# std must be rebuilt with atomics). Each has its own target dir so switching rustflags
# never forces a rebuild of the other.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/nightly.sh
profile=${EXTENSOR_PROFILE:-release}
variants="relaxed simd baseline"
# The panic locations of dependencies name their sources under CARGO_HOME, in the build
# machine's home folder; remapped, no shipped .wasm names a path of the machine that built it
# (the package tests check every bundle for one). Passed as CARGO_ENCODED_RUSTFLAGS (fields
# split by 0x1f) so a path with spaces stays one argument.
sep=$'\x1f'
remap="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo${sep}--remap-path-prefix=$PWD=extensor"
build_flavour() {
  local variant=$1 flags
  case $variant in
    relaxed) flags="-Ctarget-feature=+simd128,+relaxed-simd${sep}" ;;
    simd) flags="-Ctarget-feature=+simd128${sep}" ;;
    *) flags="" ;;
  esac
  env -u RUSTFLAGS CARGO_ENCODED_RUSTFLAGS="$flags$remap" cargo build --quiet --lib --target wasm32-unknown-unknown \
    --profile "$profile" --target-dir "target/wasm-$variant" &&
  wasm-bindgen --target web --omit-default-module-path --out-dir "target/bindgen-$variant" --out-name extensor \
    "target/wasm-$variant/wasm32-unknown-unknown/$profile/extensor.wasm"
}
# The threaded flavour. Since rust-lang/rust#147225 `+atomics` alone no longer makes the
# memory shared: the linker is told to (--shared-memory, imported so every worker gets the
# same one, with a maximum: 4 GiB, wasm32's whole address space) and to export the TLS
# symbols wasm-bindgen uses to give each thread its own statics. Its glue imports the memory,
# so it differs from the other three: it ships as its own extensor_threads.js.
build_threads_flavour() {
  local threads_flags="-Ctarget-feature=+atomics,+bulk-memory,+mutable-globals,+simd128" arg
  for arg in --shared-memory --max-memory=4294967296 --import-memory --export=__wasm_init_tls \
    --export=__tls_size --export=__tls_align --export=__tls_base; do
    threads_flags="$threads_flags${sep}-Clink-arg=$arg"
  done
  # -Z build-std compiles std from the nightly sysroot's sources: remapped too.
  local nightly_sysroot
  nightly_sysroot=$(rustc "+$NIGHTLY" --print sysroot) || return
  threads_flags="$threads_flags${sep}--remap-path-prefix=$nightly_sysroot=rust-sysroot"
  env -u RUSTFLAGS CARGO_ENCODED_RUSTFLAGS="$threads_flags${sep}$remap" cargo "+$NIGHTLY" build --quiet --lib \
    --target wasm32-unknown-unknown -Z build-std=panic_abort,std --features threads \
    --profile "$profile" --target-dir target/wasm-threads &&
  # --remove-name-section: the std that build-std compiles brings 2.3 MB of function names
  # (the other builds carry 0.1 MB); without them the .wasm is 3.7 MB instead of 6.1 MB.
  wasm-bindgen --target web --omit-default-module-path --remove-name-section --out-dir target/bindgen-threads --out-name extensor_threads \
    target/wasm-threads/wasm32-unknown-unknown/$profile/extensor.wasm
}
# The lanes run with errexit off (a function called from a || list), so each command above
# is chained with && and no failed compile can leave an old .wasm to be bound.
# Two lanes at once: most of a flavour's time is its one LTO codegen unit, on one core, so
# two flavours side by side take about half the time on a 2-core machine. EXTENSOR_BUILD_LANES=1
# builds them one after the other.
lane_a() { build_flavour relaxed && build_flavour simd; }
lane_b() { build_threads_flavour && build_flavour baseline; }
if [ "${EXTENSOR_BUILD_LANES:-2}" = 1 ]; then
  lane_a
  lane_b
else
  lane_b &
  lane_b_pid=$!
  lane_a_status=0
  lane_a || lane_a_status=$?
  lane_b_status=0
  wait "$lane_b_pid" || lane_b_status=$?
  if [ "$lane_a_status" -ne 0 ] || [ "$lane_b_status" -ne 0 ]; then
    echo "[build] a flavour failed to build (relaxed, simd: $lane_a_status; threads, baseline: $lane_b_status)" >&2
    exit 1
  fi
fi
# Both flavours export the same functions, so wasm-bindgen writes the same glue for each:
# ship it once, with one .wasm per flavour. Refuse to build if that ever stops being true.
for variant in relaxed baseline; do
  if ! cmp -s target/bindgen-simd/extensor.js "target/bindgen-$variant/extensor.js"; then
    echo "[build] the $variant and simd glue differ; the loader assumes one glue" >&2
    exit 1
  fi
done
# Assemble next door and swap in, so a test or server reading pkg/ never sees it half-written.
rm -rf pkg.next && mkdir -p pkg.next
cp target/bindgen-simd/extensor.js target/bindgen-simd/extensor.d.ts pkg.next/
for variant in $variants; do
  cp "target/bindgen-$variant/extensor_bg.wasm" "pkg.next/extensor_${variant}_bg.wasm"
  printf '[build] %-8s %8d bytes wasm\n' "$variant" "$(stat -c %s "pkg.next/extensor_${variant}_bg.wasm")"
done
cp target/bindgen-threads/extensor_threads.js target/bindgen-threads/extensor_threads.d.ts \
  target/bindgen-threads/extensor_threads_bg.wasm pkg.next/
printf '[build] %-8s %8d bytes wasm\n' threads "$(stat -c %s pkg.next/extensor_threads_bg.wasm)"
rm -rf pkg.old && if [ -d pkg ]; then mv pkg pkg.old; fi && mv pkg.next pkg && rm -rf pkg.old
# The JS layer: tsc compiles the TypeScript source (src/ts/) into what ships in js/, the ES
# modules and their declarations, checking every call into the glue just built against its
# types. Also assembled next door and swapped in.
# The modules ship without comments (the docs live in the declarations and on TypeDoc's
# site); the declarations keep every doc comment for editors.
rm -rf js.next && npx --no-install tsc -p . --outDir js.next --declaration false --removeComments true
npx --no-install tsc -p . --outDir js.next --emitDeclarationOnly
rm -rf js.old && if [ -d js ]; then mv js js.old; fi && mv js.next js && rm -rf js.old
printf '[build] js/      %8d files from src/ts/\n' "$(ls js | wc -l)"

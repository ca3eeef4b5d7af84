#!/usr/bin/env bash
# Builds the wasm flavours into pkg/ and the JS layer into js/. The flavours: relaxed
# (SIMD128 + relaxed SIMD: fused multiply-add in matmul), simd (SIMD128) and baseline (no SIMD).
# Each has its own target dir so switching rustflags never forces a rebuild of the other.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
profile=${EXTENSOR_PROFILE:-release}
variants="relaxed simd baseline"
# The panic locations of dependencies name their sources under CARGO_HOME, in the build
# machine's home folder; remapped, no shipped .wasm names a path of the machine that built it
# (the package tests check every bundle for one). Passed as CARGO_ENCODED_RUSTFLAGS (fields
# split by 0x1f) so a path with spaces stays one argument.
sep=$'\x1f'
remap="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo${sep}--remap-path-prefix=$PWD=extensor"
for variant in $variants; do
  case $variant in
    relaxed) flags="-Ctarget-feature=+simd128,+relaxed-simd${sep}" ;;
    simd) flags="-Ctarget-feature=+simd128${sep}" ;;
    *) flags="" ;;
  esac
  env -u RUSTFLAGS CARGO_ENCODED_RUSTFLAGS="$flags$remap" cargo build --quiet --lib --target wasm32-unknown-unknown \
    --profile "$profile" --target-dir "target/wasm-$variant"
  wasm-bindgen --target web --omit-default-module-path --out-dir "target/bindgen-$variant" --out-name extensor \
    "target/wasm-$variant/wasm32-unknown-unknown/$profile/extensor.wasm"
done
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

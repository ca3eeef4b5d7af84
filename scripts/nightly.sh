# Sourced by the scripts that need nightly (the threaded build, ThreadSanitizer, Miri,
# cargo-fuzz): the one dated nightly this project builds with. A dated toolchain, not the
# moving `nightly`, so every machine compiles the threaded build's std, and so its bits, with
# the same compiler (a newer nightly's std once gave other asinh bits), and a machine that
# installs nightly later gets the same one. To move it: change the date, run `npm test`.
NIGHTLY=nightly-2026-05-20

//! Fuzzes random handle programs (the same interpreter and model as
//! `tests/model_based.rs`): bytes → steps → core and model in lockstep. Under
//! AddressSanitizer a use-after-free, double free or overflow aborts; a model mismatch
//! panics. A crash found here goes to `fuzz/regressions/`, which `cargo test` replays.
#![no_main]

#[path = "../../tests/model/mod.rs"]
mod model;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Long programs add little but time: cap at 64 steps.
    let steps = model::Step::from_bytes(&data[..data.len().min(256)]);
    model::run(&steps);
});

//! Model-based property tests: random chains of creation, views, `share`, writes and
//! frees, checked step by step against the naive model in `tests/model/mod.rs` — values,
//! shapes, strides and offsets, `sharesMemory`, refcounts, and that storage is freed
//! exactly when its last handle goes. Miri runs this file with fewer cases.
#![cfg(not(target_arch = "wasm32"))]

mod model;

use model::{run, Step};
use proptest::prelude::*;

fn step() -> impl Strategy<Value = Step> {
    (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(kind, a, b, c)| Step {
        kind,
        a,
        b,
        c,
    })
}

fn cases() -> u32 {
    if cfg!(miri) {
        8
    } else {
        512
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_handle_programs_match_the_model(steps in prop::collection::vec(step(), 1..40)) {
        run(&steps);
    }
}

#[test]
fn a_view_chain_outliving_everything_matches_the_model() {
    // create, slice, transpose, free the parent, write through the view, broadcast.
    let program = [
        Step {
            kind: 0,
            a: 3,
            b: 0b01_10_11,
            c: 5,
        },
        Step {
            kind: 4,
            a: 0,
            b: 2,
            c: 9,
        },
        Step {
            kind: 5,
            a: 1,
            b: 1,
            c: 1,
        },
        Step {
            kind: 3,
            a: 0,
            b: 0,
            c: 0,
        },
        Step {
            kind: 8,
            a: 0,
            b: 1,
            c: 42,
        },
        Step {
            kind: 7,
            a: 1,
            b: 2,
            c: 0,
        },
        Step {
            kind: 8,
            a: 2,
            b: 0,
            c: 1,
        },
    ];
    run(&program);
}

#[test]
#[cfg_attr(miri, ignore)] // reads files; the programs themselves are covered above
fn fuzzer_crashes_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions exists") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        run(&Step::from_bytes(&bytes[..bytes.len().min(256)]));
        replayed += 1;
    }
    assert!(
        replayed >= 1,
        "fuzz/regressions holds at least the seed program"
    );
}

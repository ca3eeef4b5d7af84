//! The wasm32 suite in Node: `wasm-pack test --node`.
//!
//! No `wasm_bindgen_test_configure!` here, so wasm-bindgen-test-runner runs this binary in
//! Node; `wasm-pack test --chrome` skips it (it sets `WASM_BINDGEN_TEST_ONLY_WEB`).
//! The test bodies live in `wasm_common/mod.rs`, shared with `web.rs`.
//! Natively (`cargo test` on the host) this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn suite_runs_in_node() {
    let global = js_sys::global();
    let process = js_sys::Reflect::get(&global, &"process".into()).unwrap();
    assert!(process.is_object(), "expected Node's `process` global");
    let has_document = js_sys::Reflect::has(&global, &"document".into()).unwrap();
    assert!(!has_document, "a Node run has no DOM");
}

//! The wasm32 suite in a browser: `wasm-pack test --headless --chrome`.
//!
//! `run_in_browser` makes wasm-bindgen-test-runner load this binary in a page driven by
//! WebDriver; `wasm-pack test --node` skips it (it sets `WASM_BINDGEN_TEST_ONLY_NODE`).
//! The test bodies live in `wasm_common/mod.rs`, shared with `node.rs`.
//! Natively (`cargo test` on the host) this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn suite_runs_in_a_browser_page() {
    let global = js_sys::global();
    let document = js_sys::Reflect::get(&global, &"document".into()).unwrap();
    assert!(document.is_object(), "expected a DOM `document` global");
    let navigator = js_sys::Reflect::get(&global, &"navigator".into()).unwrap();
    let agent = js_sys::Reflect::get(&navigator, &"userAgent".into())
        .unwrap()
        .as_string()
        .unwrap_or_default();
    assert!(!agent.is_empty(), "a browser page has a user agent");
}

//! The TypeScript promotion table (`PromotionTable` in `types/extensor.d.ts`) is generated
//! from the core's `result_type`, its one source: this test writes what the table must say
//! and fails when the declarations are stale. `EXTENSOR_BLESS=1 cargo test --test
//! promotion_table` rewrites them.
#![cfg(not(target_arch = "wasm32"))]

use extensor::core::{result_type, DType};

const DECLARATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/types/extensor.d.ts");
const START: &str = "export interface PromotionTable {\n";

/// The body of `interface PromotionTable`, one row per dtype, columns in `DType::ALL` order.
fn generated_rows() -> String {
    DType::ALL
        .iter()
        .map(|&a| {
            let cells: Vec<String> = DType::ALL
                .iter()
                .map(|&b| format!("'{}'", result_type(a, b).name()))
                .collect();
            format!(
                "  /** {a} with each dtype */\n  {a}: PromotionRow<{}>;\n",
                cells.join(", "),
                a = a.name()
            )
        })
        .collect()
}

#[test]
fn the_typescript_promotion_table_is_the_cores_result_type() {
    let text = std::fs::read_to_string(DECLARATIONS).expect("types/extensor.d.ts is readable");
    let start = text
        .find(START)
        .expect("the declarations hold interface PromotionTable")
        + START.len();
    let end = start + text[start..].find("}\n").expect("the interface is closed");
    let rows = generated_rows();
    if std::env::var_os("EXTENSOR_BLESS").is_some() {
        let updated = format!("{}{}{}", &text[..start], rows, &text[end..]);
        std::fs::write(DECLARATIONS, updated).expect("types/extensor.d.ts is writable");
        return;
    }
    assert_eq!(
        text[start..end],
        rows,
        "types/extensor.d.ts PromotionTable differs from result_type; run EXTENSOR_BLESS=1 cargo test --test promotion_table"
    );
}

#[test]
fn the_table_is_symmetric_and_each_dtype_promotes_to_itself() {
    for &a in &DType::ALL {
        assert_eq!(result_type(a, a), a);
        for &b in &DType::ALL {
            assert_eq!(result_type(a, b), result_type(b, a), "{a} with {b}");
        }
    }
}

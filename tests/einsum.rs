//! The NumPy-generated einsum edge cases (tests/einsum/cases.json, written by
//! tests/einsum/generate.py) run against the native core; tests/js/einsum.test.mjs runs the
//! same file on wasm.

use extensor::core::{DType, Scalar, Tensor};
use serde_json::Value;

fn tensor(spec: &Value) -> Tensor {
    let dtype = DType::parse(spec["dtype"].as_str().unwrap()).unwrap();
    let shape: Vec<usize> = spec["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect();
    let values: Vec<Scalar> = spec["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| match v {
            Value::Bool(b) => Scalar::Bool(*b),
            v => v
                .as_i64()
                .map_or_else(|| Scalar::Float(v.as_f64().unwrap()), Scalar::Int),
        })
        .collect();
    Tensor::from_scalars(&shape, dtype, values.into_iter()).unwrap()
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Bool(b) => f64::from(u8::from(*b)),
        v => v.as_f64().unwrap(),
    }
}

#[test]
fn every_numpy_einsum_case_matches() {
    let file: Value = serde_json::from_str(include_str!("einsum/cases.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 70);
    for case in cases {
        let subscripts = case["subscripts"].as_str().unwrap();
        let operands: Vec<Tensor> = case["operands"]
            .as_array()
            .unwrap()
            .iter()
            .map(tensor)
            .collect();
        let refs: Vec<&Tensor> = operands.iter().collect();
        let expect = &case["expect"];
        let result = Tensor::einsum(subscripts, &refs);
        if let Some(code) = expect["error"].as_str() {
            let err = result.expect_err(subscripts);
            assert_eq!(err.kind().code(), code, "{subscripts:?}: {err}");
            continue;
        }
        let r = result.unwrap_or_else(|e| panic!("{subscripts:?}: {e}"));
        let want = tensor(expect);
        assert_eq!(r.dtype(), want.dtype(), "{subscripts:?}");
        assert_eq!(r.shape(), want.shape(), "{subscripts:?}");
        let got = r.astype(DType::Float64).unwrap().to_vec::<f64>().unwrap();
        let values: Vec<f64> = expect["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(as_f64)
            .collect();
        let tolerance = if r.dtype() == DType::Float16 {
            1e-3
        } else {
            1e-12
        };
        for (g, w) in got.iter().zip(&values) {
            assert!(
                (g - w).abs() <= tolerance * w.abs().max(1.0),
                "{subscripts:?}: {got:?} != {values:?}"
            );
        }
    }
}

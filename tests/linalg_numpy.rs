//! The ex.linalg edge cases of tests/npy/linalg.json (written by NumPy itself, see
//! tests/npy/generate_linalg.py) against the core: batched, 1×1, 0×0, singular,
//! non-contiguous inputs, every float dtype and integer promotion, and NumPy's errors.
//! tests/js/linalg.test.mjs runs the same file on the wasm builds.

use extensor::core::{DType, NormOrder, Result, Scalar, Tensor};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let doc: Value =
        serde_json::from_str(include_str!("npy/linalg.json")).expect("linalg.json parses");
    doc["cases"].as_array().expect("cases").clone()
}

fn number(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "NaN" => f64::NAN,
        Value::String(s) if s == "Infinity" => f64::INFINITY,
        Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        Value::Bool(b) => f64::from(u8::from(*b)),
        other => other
            .as_f64()
            .unwrap_or_else(|| panic!("{other} is no number")),
    }
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect()
}

fn i64s(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_i64().unwrap())
        .collect()
}

/// An input: the base tensor, then its view (`transpose`, then `slice`).
fn input(spec: &Value) -> Tensor {
    let dtype = DType::parse(spec["dtype"].as_str().unwrap()).unwrap();
    let values = spec["values"].as_array().unwrap().iter().map(|v| match v {
        Value::Bool(b) => Scalar::Bool(*b),
        other => Scalar::Float(number(other)),
    });
    let values: Vec<Scalar> = values.collect();
    let mut t = Tensor::from_scalars(&usizes(&spec["shape"]), dtype, values.into_iter()).unwrap();
    if let Some(axes) = spec.get("transpose") {
        t = t.transpose(Some(&i64s(axes))).unwrap();
    }
    if let Some(s) = spec.get("slice") {
        t = t.slice_str(s.as_str().unwrap()).unwrap();
    }
    t
}

fn norm_options(options: Option<&Value>) -> (NormOrder, Option<Vec<i64>>, bool) {
    let Some(o) = options else {
        return (NormOrder::Default, None, false);
    };
    let ord = match &o["ord"] {
        Value::Null => NormOrder::Default,
        Value::String(s) if s == "fro" => NormOrder::Frobenius,
        Value::String(s) if s == "nuc" => NormOrder::Nuclear,
        other => NormOrder::Power(number(other)),
    };
    let axes = match &o["axis"] {
        Value::Null => None,
        Value::Array(_) => Some(i64s(&o["axis"])),
        one => Some(vec![one.as_i64().unwrap()]),
    };
    (ord, axes, o["keepDims"].as_bool().unwrap_or(false))
}

fn run(case: &Value) -> Result<Tensor> {
    let inputs: Vec<Tensor> = case["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(input)
        .collect();
    match case["fn"].as_str().unwrap() {
        "inv" => inputs[0].inv(),
        "det" => inputs[0].det(),
        "cholesky" => inputs[0].cholesky(),
        "solve" => inputs[0].solve(&inputs[1]),
        "norm" => {
            let (ord, axes, keep_dims) = norm_options(case.get("options"));
            inputs[0].norm(ord, axes.as_deref(), keep_dims)
        }
        other => panic!("unknown function {other}"),
    }
}

fn tolerance(dtype: DType) -> f64 {
    match dtype {
        DType::Float16 => 1e-3,
        DType::Float32 => 1e-5,
        _ => 1e-12,
    }
}

#[test]
#[cfg_attr(miri, ignore)] // parses a JSON file of 119 cases; the unit tests cover Miri
fn every_linalg_edge_case_matches_numpy() {
    let cases = cases();
    assert!(cases.len() >= 100, "linalg.json holds its cases");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let got = run(case);
        if let Some(code) = expect.get("error") {
            let err = got
                .err()
                .unwrap_or_else(|| panic!("{name}: no error, NumPy: {}", expect["numpy"]));
            assert_eq!(err.code(), code.as_str().unwrap(), "{name}: {err}");
            continue;
        }
        let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            got.shape(),
            usizes(&expect["shape"]).as_slice(),
            "{name}: shape"
        );
        let dtype = DType::parse(expect["dtype"].as_str().unwrap()).unwrap();
        assert_eq!(got.dtype(), dtype, "{name}: dtype");
        let values = got.to_vec::<f64>().unwrap();
        let want: Vec<f64> = expect["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(number)
            .collect();
        assert_eq!(values.len(), want.len(), "{name}: size");
        for (i, (&g, &w)) in values.iter().zip(&want).enumerate() {
            let close = if w.is_nan() {
                g.is_nan()
            } else if w.is_infinite() {
                g == w
            } else {
                (g - w).abs() <= tolerance(dtype) * w.abs().max(1.0)
            };
            assert!(close, "{name}[{i}]: got {g}, NumPy {w}");
        }
    }
}

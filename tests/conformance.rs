//! The NumPy conformance vectors (tests/conformance/cases.json) against the native core:
//! every `view` and `error` case. The JS suite runs the same cases against both wasm builds.

use extensor::core::{BinaryOp, CompareOp, DType, ReduceOp, Rhs, Scalar, Tensor};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = include_str!("conformance/cases.json");
    let doc: Value = serde_json::from_str(text).expect("cases.json parses");
    doc["cases"].as_array().expect("cases array").clone()
}

fn init_value(rule: &str, i: i64) -> i64 {
    match rule {
        "arange" => i,
        "arange%11+1" => i % 11 + 1,
        "arange%7+1" => i % 7 + 1,
        "arange*7919%13-4" => i * 7919 % 13 - 4,
        "arange%5-2" => i % 5 - 2,
        "arange%3-1" => i % 3 - 1,
        other => panic!("unknown init rule {other}"),
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

fn setup(spec: &Value) -> Tensor {
    let dtype = DType::parse(spec["dtype"].as_str().unwrap()).unwrap();
    let shape = usizes(&spec["shape"]);
    let rule = spec["init"].as_str().unwrap();
    let size: usize = shape.iter().product();
    let values = (0..size).map(|i| Scalar::Int(init_value(rule, i as i64)));
    Tensor::from_scalars(&shape, dtype, values).unwrap()
}

fn apply(t: &Tensor, op: &Value) -> extensor::core::Result<Tensor> {
    let axes = |key: &str| op[key].as_array().map(|_| i64s(&op[key]));
    match op["op"].as_str().unwrap() {
        "reshape" => t.reshape(&i64s(&op["shape"])),
        "slice" => t.slice_str(op["spec"].as_str().unwrap()),
        "transpose" => t.transpose(axes("axes").as_deref()),
        "squeeze" => match &op["axis"] {
            Value::Null => t.squeeze(None),
            Value::Number(n) => t.squeeze(Some(&[n.as_i64().unwrap()])),
            other => t.squeeze(Some(&i64s(other))),
        },
        "unsqueeze" => t.unsqueeze(op["axis"].as_i64().unwrap()),
        "broadcastTo" => t.broadcast_to(&usizes(&op["shape"])),
        "contiguous" => t.contiguous(),
        other => panic!("unknown op {other}"),
    }
}

fn run_ops(t: &Tensor, ops: &Value) -> extensor::core::Result<Tensor> {
    let mut current = t.share();
    for op in ops.as_array().unwrap() {
        current = apply(&current, op)?;
    }
    Ok(current)
}

fn as_f64s(t: &Tensor) -> Vec<f64> {
    t.to_scalars()
        .unwrap()
        .into_iter()
        .map(Scalar::as_f64)
        .collect()
}

fn expected_f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| match x {
            Value::String(s) if s == "NaN" => f64::NAN,
            Value::String(s) if s == "Infinity" => f64::INFINITY,
            Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
            Value::Bool(b) => f64::from(u8::from(*b)),
            other => other.as_f64().unwrap(),
        })
        .collect()
}

fn assert_close(id: &str, got: &[f64], want: &[f64], dtype: &str) {
    assert_eq!(got.len(), want.len(), "{id} length");
    let tol = match dtype {
        "float32" => 1e-5,
        "float64" => 1e-12,
        _ => 0.0,
    };
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let ok = if w.is_nan() {
            g.is_nan()
        } else if tol == 0.0 || w.is_infinite() {
            g == w
        } else {
            (g - w).abs() <= tol * w.abs().max(1.0)
        };
        assert!(ok, "{id}[{i}]: got {g}, want {w}");
    }
}

fn binary(t: &Tensor, op: &str, rhs: Rhs) -> extensor::core::Result<Tensor> {
    let arith = |o| t.binary(o, rhs);
    let cmp = |o| t.compare(o, rhs);
    match op {
        "add" => arith(BinaryOp::Add),
        "sub" => arith(BinaryOp::Sub),
        "mul" => arith(BinaryOp::Mul),
        "div" => arith(BinaryOp::Div),
        "pow" => arith(BinaryOp::Pow),
        "maximum" => arith(BinaryOp::Maximum),
        "minimum" => arith(BinaryOp::Minimum),
        "equal" => cmp(CompareOp::Equal),
        "notEqual" => cmp(CompareOp::NotEqual),
        "less" => cmp(CompareOp::Less),
        "lessEqual" => cmp(CompareOp::LessEqual),
        "greater" => cmp(CompareOp::Greater),
        "greaterEqual" => cmp(CompareOp::GreaterEqual),
        other => panic!("unknown binary op {other}"),
    }
}

fn reduce_op(op: &str) -> ReduceOp {
    match op {
        "sum" => ReduceOp::Sum,
        "prod" => ReduceOp::Prod,
        "mean" => ReduceOp::Mean,
        "max" => ReduceOp::Max,
        "min" => ReduceOp::Min,
        "argMax" => ReduceOp::ArgMax,
        "argMin" => ReduceOp::ArgMin,
        other => panic!("unknown reduce op {other}"),
    }
}

fn check_result(id: &str, out: &Tensor, expect: &Value) {
    assert_eq!(
        out.shape(),
        usizes(&expect["shape"]).as_slice(),
        "{id} shape"
    );
    let dtype = expect["dtype"].as_str().unwrap();
    assert_eq!(out.dtype().name(), dtype, "{id} dtype");
    assert_close(id, &as_f64s(out), &expected_f64s(&expect["values"]), dtype);
}

#[test]
#[cfg_attr(miri, ignore)]
fn every_math_case_matches_numpy() {
    let mut ran = 0;
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        let out = match case["kind"].as_str().unwrap() {
            "binary" => {
                let a = setup(&case["setup"]);
                let other = &case["other"];
                let b;
                let rhs = match other.get("scalar") {
                    Some(s) => Rhs::Scalar(Scalar::Float(s.as_f64().unwrap())),
                    None => {
                        b = setup(other);
                        Rhs::Tensor(&b)
                    }
                };
                binary(&a, case["op"].as_str().unwrap(), rhs)
            }
            "reduce" => {
                let a = setup(&case["setup"]);
                let axes: Option<Vec<i64>> = match &case["axis"] {
                    Value::Null => None,
                    Value::Number(n) => Some(vec![n.as_i64().unwrap()]),
                    list => Some(i64s(list)),
                };
                let op = reduce_op(case["op"].as_str().unwrap());
                a.reduce(op, axes.as_deref(), case["keepDims"].as_bool().unwrap())
            }
            "matmul" => setup(&case["setup"]).matmul(&setup(&case["other"])),
            _ => continue,
        };
        let out = out.unwrap_or_else(|e| panic!("{id}: {e}"));
        check_result(id, &out, &case["expect"]);
        ran += 1;
    }
    assert_eq!(ran, 150, "binary + reduce + matmul cases in cases.json");
}

#[test]
#[cfg_attr(miri, ignore)] // JSON parsing of 278 cases is too slow interpreted; the core tests cover Miri.
fn every_view_and_error_case_matches_numpy() {
    let mut ran = 0;
    for case in cases() {
        let id = case["id"].as_str().unwrap();
        match case["kind"].as_str().unwrap() {
            "view" => {
                let base = setup(&case["setup"]);
                let out = run_ops(&base, &case["ops"]).unwrap_or_else(|e| panic!("{id}: {e}"));
                let expect = &case["expect"];
                assert_eq!(
                    out.shape(),
                    usizes(&expect["shape"]).as_slice(),
                    "{id} shape"
                );
                for (axis, stride) in expect["strides"].as_array().unwrap().iter().enumerate() {
                    if let Some(s) = stride.as_i64() {
                        assert_eq!(out.strides()[axis] as i64, s, "{id} stride {axis}");
                    }
                }
                if let Some(offset) = expect["offset"].as_u64() {
                    assert_eq!(out.offset() as u64, offset, "{id} offset");
                }
                assert_eq!(
                    out.dtype().name(),
                    expect["dtype"].as_str().unwrap(),
                    "{id} dtype"
                );
                assert_eq!(
                    as_f64s(&out),
                    expected_f64s(&expect["values"]),
                    "{id} values"
                );
                assert_eq!(
                    out.shares_memory(&base),
                    expect["sharesMemory"].as_bool().unwrap(),
                    "{id} sharesMemory"
                );
                assert_eq!(
                    out.is_contiguous(),
                    expect["contiguous"].as_bool().unwrap(),
                    "{id} contiguous"
                );
                if let Some(wt) = case.get("writeThrough") {
                    out.fill(Scalar::Float(wt["fill"].as_f64().unwrap()))
                        .unwrap();
                    assert_eq!(
                        as_f64s(&base),
                        expected_f64s(&wt["parentValues"]),
                        "{id} writeThrough"
                    );
                }
                ran += 1;
            }
            "error" => {
                let base = setup(&case["setup"]);
                let err = run_ops(&base, &case["ops"])
                    .err()
                    .unwrap_or_else(|| panic!("{id}: no error"));
                assert_eq!(err.code(), case["code"].as_str().unwrap(), "{id}: {err}");
                ran += 1;
            }
            _ => {}
        }
    }
    assert_eq!(ran, 128, "view + error cases in cases.json");
}

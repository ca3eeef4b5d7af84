//! The NumPy conformance vectors (tests/conformance/cases-v2.json; the format is API.md's
//! "Conformance vectors") against the native core: every `view`, `error`, `binary`,
//! `reduce` and `matmul` case, and every `call` case whose function the core has. The
//! `call` names it has not yet are listed in [`PENDING`]. The JS suite runs the same cases
//! against the wasm builds.

use extensor::core::{
    pad_widths, BinaryOp, CompareOp, DType, Index, IndexItem, LogicalOp, NormOrder, PadMode,
    PredicateOp, ReduceOp, Result, Rhs, Scalar, Split, Tensor, Tolerance, TruthOp, UnaryOp,
};
use serde_json::Value;
use std::collections::BTreeMap;

/// The cases of each kind in cases-v2.json.
const COUNTS: &[(&str, usize)] = &[
    ("view", 120),
    ("binary", 60),
    ("reduce", 60),
    ("matmul", 30),
    ("error", 8),
    ("call", 318),
];

/// The `call` names the native runner does not run yet, sorted. Mapping one (the core gains
/// the function) makes `pending_lists_exactly_the_unmapped_call_names` fail until it
/// leaves this list.
const PENDING: &[&str] = &[];

/// The mapped `call` names besides the op enums' (binary, compare, unary, reduce).
const OTHER_MAPPED: &[&str] = &[
    "T",
    "all",
    "allclose",
    "any",
    "argsort",
    "astype",
    "bincount",
    "clip",
    "concat",
    "cumprod",
    "cumsum",
    "einsum",
    "flip",
    "index",
    "indexSet",
    "isclose",
    "linalg.cholesky",
    "linalg.det",
    "linalg.inv",
    "linalg.norm",
    "linalg.solve",
    "logSoftmax",
    "logSumExp",
    "matmul",
    "moveaxis",
    "oneHot",
    "pad",
    "repeat",
    "reshape",
    "softmax",
    "sort",
    "stack",
    "std",
    "take",
    "takeAlongAxis",
    "tile",
    "topk",
    "transpose",
    "var",
    "where",
];

/// The mapped `call` names whose result is a list of tensors (`expect: { list }`).
const LIST_MAPPED: &[&str] = &["nonzero", "split"];

// ---------------------------------------------------------------------------------------
// The file

fn cases() -> Vec<Value> {
    let text = include_str!("conformance/cases-v2.json");
    let doc: Value = serde_json::from_str(text).expect("cases-v2.json parses");
    doc["cases"].as_array().expect("cases array").clone()
}

fn cases_of(kind: &str) -> Vec<Value> {
    cases().into_iter().filter(|c| c["kind"] == kind).collect()
}

fn expected_count(kind: &str) -> usize {
    COUNTS.iter().find(|(k, _)| *k == kind).unwrap().1
}

fn id(case: &Value) -> &str {
    case["id"].as_str().unwrap()
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

fn dtype(v: &Value) -> DType {
    DType::parse(v.as_str().unwrap()).unwrap()
}

// ---------------------------------------------------------------------------------------
// Elements: stated exactly, compared exactly (bools, integers) or within a tolerance (floats)

/// One element as the vectors state it: bools and integers exactly, floats as f64.
#[derive(Clone, Copy, Debug)]
enum Elem {
    Bool(bool),
    Int(i128),
    Float(f64),
}

impl Elem {
    /// A listed element of a tensor of `dtype`: a JSON number, `"NaN"`, `"Infinity"`,
    /// `"-Infinity"`, a bool, or a decimal string for 64-bit integers beyond 2^53 − 1.
    fn parse(v: &Value, dtype: DType) -> Elem {
        match (dtype, v) {
            (DType::Bool, Value::Bool(b)) => Elem::Bool(*b),
            (d, v) if d.is_float() => Elem::Float(number(v)),
            (_, Value::String(s)) => Elem::Int(s.parse().unwrap()),
            (_, Value::Number(n)) => Elem::Int(match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i128::from(i),
                (_, Some(u)) => i128::from(u),
                _ => integral(n.as_f64().unwrap()),
            }),
            (d, v) => panic!("{v} is no {d} element"),
        }
    }

    fn of(s: Scalar) -> Elem {
        match s {
            Scalar::Bool(b) => Elem::Bool(b),
            Scalar::Int(i) => Elem::Int(i128::from(i)),
            Scalar::UInt(u) => Elem::Int(i128::from(u)),
            Scalar::Float(x) => Elem::Float(x),
        }
    }

    /// The element as `Tensor::from_scalars` takes it.
    fn scalar(self) -> Scalar {
        match self {
            Elem::Bool(b) => Scalar::Bool(b),
            Elem::Int(i) => match i64::try_from(i) {
                Ok(i) => Scalar::Int(i),
                Err(_) => Scalar::UInt(u64::try_from(i).unwrap()),
            },
            Elem::Float(x) => Scalar::Float(x),
        }
    }

    /// Whether `self` (got) matches `want`: exactly, or for floats within
    /// `tol · max(1, |want|)`; NaN matches NaN, an infinity only itself.
    fn matches(self, want: Elem, tol: f64) -> bool {
        match (self, want) {
            (Elem::Bool(g), Elem::Bool(w)) => g == w,
            (Elem::Int(g), Elem::Int(w)) => g == w,
            (Elem::Float(g), Elem::Float(w)) if w.is_nan() => g.is_nan(),
            (Elem::Float(g), Elem::Float(w)) if w.is_infinite() => g == w,
            (Elem::Float(g), Elem::Float(w)) => (g - w).abs() <= tol * w.abs().max(1.0),
            _ => false,
        }
    }
}

/// A JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
fn number(v: &Value) -> f64 {
    match v {
        Value::String(s) if s == "NaN" => f64::NAN,
        Value::String(s) if s == "Infinity" => f64::INFINITY,
        Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        other => other
            .as_f64()
            .unwrap_or_else(|| panic!("{other} is no number")),
    }
}

fn integral(x: f64) -> i128 {
    assert!(x.fract() == 0.0, "{x} is no integer");
    x as i128
}

fn tolerance(dtype: DType) -> f64 {
    match dtype {
        DType::Float16 => 1e-3,
        DType::BFloat16 => 1e-2,
        DType::Float32 => 1e-5,
        DType::Float64 => 1e-12,
        other if other.is_float() => panic!("the vectors state no tolerance for {other}"),
        _ => 0.0,
    }
}

/// `got`'s elements against the listed `want`, in C order.
fn check_values(id: &str, what: &str, got: &Tensor, want: &Value) {
    let dtype = got.dtype();
    let got = got
        .to_scalars()
        .unwrap_or_else(|e| panic!("{id} {what}: {e}"));
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{id} {what}: length");
    for (i, (&g, w)) in got.iter().zip(want).enumerate() {
        let (g, w) = (Elem::of(g), Elem::parse(w, dtype));
        assert!(
            g.matches(w, tolerance(dtype)),
            "{id} {what}[{i}]: got {g:?}, want {w:?}"
        );
    }
}

/// `got` against an expected tensor `{ shape, dtype, values }`.
fn check_tensor(id: &str, got: &Tensor, expect: &Value) {
    assert_eq!(
        got.shape(),
        usizes(&expect["shape"]).as_slice(),
        "{id} shape"
    );
    assert_eq!(got.dtype(), dtype(&expect["dtype"]), "{id} dtype");
    check_values(id, "values", got, &expect["values"]);
}

// ---------------------------------------------------------------------------------------
// Input tensors

/// The value of init rule `rule` at flat index `i` of a tensor of `shape`.
fn init_value(rule: &str, i: i64, shape: &[usize]) -> i64 {
    let scrambled = i * 7919 % 13 - 4;
    match rule {
        "arange" => i,
        "arange%11+1" => i % 11 + 1,
        "arange%7+1" => i % 7 + 1,
        "arange*7919%13-4" => scrambled,
        "arange%5-2" => i % 5 - 2,
        "arange%3-1" => i % 3 - 1,
        "diag-dominant" => {
            let (r, c, n, _) = matrix_position(i, shape);
            scrambled + if r == c { 8 * n } else { 0 }
        }
        "spd" => {
            let (r, c, n, b) = matrix_position(i, shape);
            (r + c + b) % 5 - 2 + if r == c { 4 * n } else { 0 }
        }
        other => panic!("unknown init rule {other}"),
    }
}

/// Row, column, column count and matrix index of flat index `i` in a `[..., m, n]` shape.
fn matrix_position(i: i64, shape: &[usize]) -> (i64, i64, i64, i64) {
    let [m, n] = [shape[shape.len() - 2], shape[shape.len() - 1]].map(|d| d as i64);
    ((i / n) % m, i % n, n, i / (m * n))
}

/// An input tensor: `{ dtype, shape, init }` or `{ dtype, shape, values }`; init values
/// are cast as NumPy's `astype` casts (integers wrap, nonzero is `true`).
fn tensor(spec: &Value) -> Tensor {
    let dtype = dtype(&spec["dtype"]);
    let shape = usizes(&spec["shape"]);
    let values: Vec<Scalar> = match spec.get("values") {
        Some(listed) => listed
            .as_array()
            .unwrap()
            .iter()
            .map(|v| Elem::parse(v, dtype).scalar())
            .collect(),
        None => {
            let rule = spec["init"].as_str().unwrap();
            let size = shape.iter().product::<usize>() as i64;
            (0..size)
                .map(|i| Scalar::Int(init_value(rule, i, &shape)))
                .collect()
        }
    };
    let t = Tensor::from_scalars(&shape, dtype, values.into_iter()).unwrap();
    // tests/gather/cases.json's extension: view ops applied to the input once built.
    match spec.get("view") {
        Some(ops) => run_ops(&t, ops).unwrap(),
        None => t,
    }
}

// ---------------------------------------------------------------------------------------
// view and error

fn apply(t: &Tensor, op: &Value) -> Result<Tensor> {
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

fn run_ops(t: &Tensor, ops: &Value) -> Result<Tensor> {
    let mut current = t.share();
    for op in ops.as_array().unwrap() {
        current = apply(&current, op)?;
    }
    Ok(current)
}

fn check_view_case(case: &Value) {
    let id = id(case);
    let base = tensor(&case["setup"]);
    let out = run_ops(&base, &case["ops"]).unwrap_or_else(|e| panic!("{id}: {e}"));
    let expect = &case["expect"];
    check_tensor(id, &out, expect);
    for (axis, stride) in expect["strides"].as_array().unwrap().iter().enumerate() {
        if let Some(s) = stride.as_i64() {
            assert_eq!(out.strides()[axis] as i64, s, "{id} stride {axis}");
        }
    }
    if let Some(offset) = expect["offset"].as_u64() {
        assert_eq!(out.offset() as u64, offset, "{id} offset");
    }
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
        out.fill(Scalar::Float(number(&wt["fill"])))
            .unwrap_or_else(|e| panic!("{id} writeThrough: {e}"));
        check_values(id, "writeThrough", &base, &wt["parentValues"]);
    }
}

fn check_error_case(case: &Value) {
    let id = id(case);
    let err = run_ops(&tensor(&case["setup"]), &case["ops"])
        .err()
        .unwrap_or_else(|| panic!("{id}: no error"));
    assert_eq!(err.code(), case["code"].as_str().unwrap(), "{id}: {err}");
}

// ---------------------------------------------------------------------------------------
// binary, reduce, matmul

/// `t.<name>(rhs)` for a binary arithmetic op or a comparison.
fn binary(t: &Tensor, name: &str, rhs: Rhs) -> Result<Tensor> {
    if let Some(op) = LogicalOp::from_name(name) {
        return t.logical(op, rhs);
    }
    match (BinaryOp::from_name(name), CompareOp::from_name(name)) {
        (Some(op), _) => t.binary(op, rhs),
        (_, Some(op)) => t.compare(op, rhs),
        _ => panic!("unknown binary op {name}"),
    }
}

/// A reduction's axes: `null` is every axis, a number one axis, an array those axes.
fn axes(v: &Value) -> Option<Vec<i64>> {
    match v {
        Value::Null => None,
        Value::Number(n) => Some(vec![n.as_i64().unwrap()]),
        list => Some(i64s(list)),
    }
}

fn math_result(case: &Value) -> Result<Tensor> {
    let a = tensor(&case["setup"]);
    let other = &case["other"];
    match case["kind"].as_str().unwrap() {
        "binary" => match other.get("scalar") {
            Some(s) => binary(&a, case["op"].as_str().unwrap(), scalar_rhs(number(s))),
            None => binary(
                &a,
                case["op"].as_str().unwrap(),
                Rhs::Tensor(&tensor(other)),
            ),
        },
        "reduce" => {
            let op = ReduceOp::from_name(case["op"].as_str().unwrap()).unwrap();
            let keep_dims = case["keepDims"].as_bool().unwrap();
            a.reduce(op, axes(&case["axis"]).as_deref(), keep_dims)
        }
        "matmul" => a.matmul(&tensor(other)),
        kind => panic!("{kind} is no math kind"),
    }
}

/// A JS number as the binding passes it: a weak scalar.
fn scalar_rhs(x: f64) -> Rhs<'static> {
    Rhs::Scalar(Scalar::Float(x))
}

// ---------------------------------------------------------------------------------------
// call: decoded arguments

/// A decoded `call` argument.
#[derive(Debug)]
enum Arg<'a> {
    Tensor(&'a Tensor),
    Number(f64),
    Text(&'a str),
    Bool(bool),
    Null,
    List(Vec<Arg<'a>>),
    Options(BTreeMap<&'a str, Arg<'a>>),
}

impl<'a> Arg<'a> {
    /// `{ "input": i }` is input `i`, `{ "options": {...} }` an options object,
    /// `{ "number": "Infinity" }` that number; arrays decode item by item.
    fn decode(v: &'a Value, inputs: &'a [Tensor]) -> Arg<'a> {
        match v {
            Value::Null => Arg::Null,
            Value::Bool(b) => Arg::Bool(*b),
            Value::Number(_) => Arg::Number(number(v)),
            Value::String(s) => Arg::Text(s),
            Value::Array(items) => {
                Arg::List(items.iter().map(|a| Arg::decode(a, inputs)).collect())
            }
            Value::Object(o) => match (o.get("input"), o.get("options"), o.get("number")) {
                (Some(i), _, _) => Arg::Tensor(&inputs[i.as_u64().unwrap() as usize]),
                (_, Some(Value::Object(opts)), _) => Arg::Options(
                    opts.iter()
                        .map(|(k, v)| (k.as_str(), Arg::decode(v, inputs)))
                        .collect(),
                ),
                (_, _, Some(n)) => Arg::Number(number(n)),
                _ => panic!("undecodable argument {v}"),
            },
        }
    }

    fn tensor(&self) -> &'a Tensor {
        match self {
            Arg::Tensor(t) => t,
            other => panic!("{other:?} is no tensor"),
        }
    }

    fn tensors(&self) -> Vec<&'a Tensor> {
        match self {
            Arg::List(items) => items.iter().map(Arg::tensor).collect(),
            other => panic!("{other:?} is no list of tensors"),
        }
    }

    /// A tensor, or a JS number as a weak scalar.
    fn rhs(&self) -> Rhs<'a> {
        match self {
            Arg::Tensor(t) => Rhs::Tensor(t),
            Arg::Number(x) => scalar_rhs(*x),
            other => panic!("{other:?} is no operand"),
        }
    }

    fn int(&self) -> i64 {
        match self {
            Arg::Number(x) => integral(*x) as i64,
            other => panic!("{other:?} is no integer"),
        }
    }

    fn float(&self) -> f64 {
        match self {
            Arg::Number(x) => *x,
            other => panic!("{other:?} is no number"),
        }
    }

    fn ints(&self) -> Vec<i64> {
        match self {
            Arg::List(items) => items.iter().map(Arg::int).collect(),
            other => panic!("{other:?} is no list of integers"),
        }
    }

    /// A (nested) array of integers, or one integer: its values in C order and its shape.
    fn nested_ints(&self) -> (Vec<i64>, Vec<usize>) {
        match self {
            Arg::List(items) => {
                let parts: Vec<(Vec<i64>, Vec<usize>)> =
                    items.iter().map(Arg::nested_ints).collect();
                let inner = parts.first().map_or(vec![], |p| p.1.clone());
                assert!(parts.iter().all(|p| p.1 == inner), "ragged {self:?}");
                let shape = [vec![items.len()], inner].concat();
                (parts.into_iter().flat_map(|p| p.0).collect(), shape)
            }
            one => (vec![one.int()], vec![]),
        }
    }

    /// An index argument: an integer tensor, or a (nested) JS array as an int64 tensor.
    fn indices(&self) -> IndexArg<'a> {
        match self {
            Arg::Tensor(t) => IndexArg::Given(t),
            other => {
                let (values, shape) = other.nested_ints();
                IndexArg::Made(Tensor::from_elements(&shape, &values).unwrap())
            }
        }
    }

    fn text(&self) -> &'a str {
        match self {
            Arg::Text(s) => s,
            other => panic!("{other:?} is no string"),
        }
    }

    fn flag(&self) -> bool {
        match self {
            Arg::Bool(b) => *b,
            other => panic!("{other:?} is no boolean"),
        }
    }

    fn option(&self, key: &str) -> Option<&Arg<'a>> {
        match self {
            Arg::Options(map) => map.get(key),
            other => panic!("{other:?} is no options object"),
        }
    }
}

/// An index argument as a tensor: the input itself, or one made from a JS array.
enum IndexArg<'a> {
    Given(&'a Tensor),
    Made(Tensor),
}

impl std::ops::Deref for IndexArg<'_> {
    type Target = Tensor;
    fn deref(&self) -> &Tensor {
        match self {
            IndexArg::Given(t) => t,
            IndexArg::Made(t) => t,
        }
    }
}

/// Argument `i`, `None` when omitted or `null`.
fn given<'x, 'a>(args: &'x [Arg<'a>], i: usize) -> Option<&'x Arg<'a>> {
    args.get(i).filter(|a| !matches!(a, Arg::Null))
}

/// The flag at `i`, false when omitted.
fn flag_at(args: &[Arg], i: usize) -> bool {
    given(args, i).is_some_and(Arg::flag)
}

/// Axes at `i`: omitted or `null` is every axis, a number one axis, an array those axes.
fn axes_at(args: &[Arg], i: usize) -> Option<Vec<i64>> {
    given(args, i).map(|a| match a {
        Arg::List(_) => a.ints(),
        one => vec![one.int()],
    })
}

/// The `{ dtype }` of the options object at `i`, if any.
fn dtype_option_at(args: &[Arg], i: usize) -> Result<Option<DType>> {
    let name = given(args, i).and_then(|o| o.option("dtype"));
    name.map(|n| DType::parse(n.text())).transpose()
}

// ---------------------------------------------------------------------------------------
// call: the core function for each mapped name

/// Whether the native runner maps `name` to a core function.
fn is_mapped(name: &str) -> bool {
    BinaryOp::from_name(name).is_some()
        || CompareOp::from_name(name).is_some()
        || UnaryOp::from_name(name).is_some()
        || ReduceOp::from_name(name).is_some()
        || PredicateOp::from_name(name).is_some()
        || LogicalOp::from_name(name).is_some()
        || OTHER_MAPPED.contains(&name)
        || LIST_MAPPED.contains(&name)
}

/// The call's operands as the function `ex.<name>` takes them: a method's receiver first.
fn operands<'a>(call: &'a Value, inputs: &'a [Tensor]) -> Vec<Arg<'a>> {
    let receiver = call["on"]
        .as_u64()
        .map(|i| Arg::Tensor(&inputs[i as usize]));
    let args = call["args"].as_array().into_iter().flatten();
    receiver
        .into_iter()
        .chain(args.map(|a| Arg::decode(a, inputs)))
        .collect()
}

/// The core's result of mapped function `name` on `args` (the receiver first).
fn call_core(name: &str, args: &[Arg]) -> Result<Tensor> {
    if BinaryOp::from_name(name).is_some()
        || CompareOp::from_name(name).is_some()
        || LogicalOp::from_name(name).is_some()
    {
        return binary_call(name, &args[0], &args[1]);
    }
    if let Some(op) = UnaryOp::from_name(name) {
        return args[0].tensor().unary(op);
    }
    if let Some(op) = PredicateOp::from_name(name) {
        return args[0].tensor().predicate(op);
    }
    if let Some(op) = ReduceOp::from_name(name) {
        return reduce_call(op, args);
    }
    let t = || args[0].tensor();
    match name {
        "T" => t().transpose(None),
        "astype" => t().astype(DType::parse(args[1].text())?),
        "clip" => t().clip(given(args, 1).map(Arg::rhs), given(args, 2).map(Arg::rhs)),
        "std" | "var" => {
            let ddof = given(args, 3)
                .and_then(|o| o.option("ddof"))
                .map_or(0.0, Arg::float);
            t().variance(
                axes_at(args, 1).as_deref(),
                flag_at(args, 2),
                ddof,
                name == "std",
            )
        }
        "any" | "all" => t().truth_reduce(
            TruthOp::from_name(name).unwrap(),
            axes_at(args, 1).as_deref(),
            flag_at(args, 2),
        ),
        "logSumExp" => t().log_sum_exp(axes_at(args, 1).as_deref(), flag_at(args, 2)),
        "logSoftmax" => t().log_softmax(given(args, 1).map(Arg::int)),
        "isclose" => t().isclose(args[1].tensor(), tolerance_at(args, 2)),
        "bincount" => {
            let option = |key| given(args, 1).and_then(|o| o.option(key));
            let minlength = option("minlength").map_or(0, Arg::int);
            t().bincount(option("weights").map(Arg::tensor), minlength)
        }
        "sort" | "argsort" => {
            let descending = given(args, 2)
                .and_then(|o| o.option("descending"))
                .is_some_and(Arg::flag);
            // An explicit null axis is NumPy's axis=None: the flattened tensor (the JS layer's rule).
            let (values, indices) = if matches!(args.get(1), Some(Arg::Null)) {
                t().flatten()?.sort(Some(0), descending)?
            } else {
                t().sort(given(args, 1).map(Arg::int), descending)?
            };
            Ok(if name == "sort" { values } else { indices })
        }
        "cumsum" | "cumprod" => t().cumulate(
            name == "cumprod",
            given(args, 1).map(Arg::int),
            dtype_option_at(args, 2)?,
        ),
        "concat" => Tensor::concat(&args[0].tensors(), given(args, 1).map_or(0, Arg::int)),
        "einsum" => Tensor::einsum(
            args[0].text(),
            &args[1..].iter().map(Arg::tensor).collect::<Vec<_>>(),
        ),
        "flip" => t().flip(axes_at(args, 1).as_deref()),
        "linalg.cholesky" => t().cholesky(),
        "linalg.det" => t().det(),
        "linalg.inv" => t().inv(),
        "linalg.norm" => norm_call(t(), given(args, 1)),
        "linalg.solve" => t().solve(args[1].tensor()),
        "matmul" => t().matmul(args[1].tensor()),
        "oneHot" => Tensor::one_hot(
            &args[0].indices(),
            args[1].int() as usize,
            given(args, 2).map_or(Ok(DType::Float32), |d| DType::parse(d.text()))?,
        ),
        "pad" => pad_call(args),
        "repeat" => t().repeat(&args[1].nested_ints().0, given(args, 2).map(Arg::int)),
        "take" => t().take(&args[1].indices(), given(args, 2).map(Arg::int)),
        // NumPy's default axis is -1; `null` is `axis=None` (flattened).
        "takeAlongAxis" => t().take_along_axis(
            &args[1].indices(),
            match args.get(2) {
                None => Some(-1),
                Some(a) => given(std::slice::from_ref(a), 0).map(Arg::int),
            },
        ),
        "tile" => t().tile(&args[1].nested_ints().0),
        "moveaxis" => t().moveaxis(
            &axes_at(args, 1).unwrap_or_default(),
            &axes_at(args, 2).unwrap_or_default(),
        ),
        "reshape" => t().reshape(&args[1].ints()),
        "softmax" => t().softmax(given(args, 1).map(Arg::int)),
        "stack" => Tensor::stack(&args[0].tensors(), given(args, 1).map_or(0, Arg::int)),
        "transpose" => t().transpose(axes_at(args, 1).as_deref()),
        "where" => Tensor::where_(args[0].tensor(), args[1].rhs(), args[2].rhs()),
        other => unreachable!("{other} is not mapped"),
    }
}

/// `pad(padWidth, { mode?, value? }?)`.
fn pad_call(args: &[Arg]) -> Result<Tensor> {
    let t = args[0].tensor();
    let (values, shape) = args[1].nested_ints();
    let widths = pad_widths(&values, &shape, t.ndim())?;
    let option = |key| given(args, 2).and_then(|o| o.option(key));
    let mode = option("mode").map_or("constant", Arg::text);
    let value = option("value").map(|v| Scalar::Float(number_of(v)));
    t.pad(&widths, PadMode::from_name(mode, value)?)
}

fn number_of(arg: &Arg) -> f64 {
    match arg {
        Arg::Number(x) => *x,
        other => panic!("{other:?} is no number"),
    }
}

/// The core's result of a mapped function returning a list of tensors.
fn call_core_list(name: &str, args: &[Arg]) -> Result<Vec<Tensor>> {
    let t = args[0].tensor();
    match name {
        "nonzero" => t.nonzero(),
        "split" => {
            let spec = match &args[1] {
                Arg::List(_) => Split::Indices(args[1].ints()),
                n => Split::Sections(n.int()),
            };
            t.split(&spec, given(args, 2).map_or(0, Arg::int))
        }
        other => unreachable!("{other} is not a mapped list function"),
    }
}

/// `sum`, `prod`, `mean`, `max`, `min`: `(axis?, keepDims?, { dtype }?)`;
/// `argMax`, `argMin`: `(axis?)`.
fn reduce_call(op: ReduceOp, args: &[Arg]) -> Result<Tensor> {
    let t = args[0].tensor();
    let axes = axes_at(args, 1);
    if matches!(op, ReduceOp::ArgMax | ReduceOp::ArgMin) {
        return t.reduce(op, axes.as_deref(), false);
    }
    let keep_dims = given(args, 2).is_some_and(Arg::flag);
    t.reduce_as(op, axes.as_deref(), keep_dims, dtype_option_at(args, 3)?)
}

/// `linalg.norm(x, { ord?, axis?, keepDims? })`.
fn norm_call(x: &Tensor, options: Option<&Arg>) -> Result<Tensor> {
    let option = |key| {
        options
            .and_then(|o| o.option(key))
            .filter(|a| !matches!(a, Arg::Null))
    };
    let ord = match option("ord") {
        None => NormOrder::Default,
        Some(Arg::Text("fro")) => NormOrder::Frobenius,
        Some(Arg::Text("nuc")) => NormOrder::Nuclear,
        Some(Arg::Number(p)) => NormOrder::Power(*p),
        Some(other) => panic!("{other:?} is no norm order"),
    };
    let axes = option("axis").map(|a| match a {
        Arg::List(_) => a.ints(),
        one => vec![one.int()],
    });
    let keep_dims = option("keepDims").is_some_and(Arg::flag);
    x.norm(ord, axes.as_deref(), keep_dims)
}

/// A binary op or comparison `a <name> b`, either side a tensor or (as the function forms
/// allow) a JS number.
fn binary_call(name: &str, a: &Arg, b: &Arg) -> Result<Tensor> {
    match (a, b) {
        (Arg::Tensor(t), b) => binary(t, name, b.rhs()),
        (Arg::Number(x), Arg::Tensor(t)) => scalar_first(name, Scalar::Float(*x), t),
        _ => panic!("{name}: no tensor among {a:?} and {b:?}"),
    }
}

/// `s <name> t` with a weak scalar first, as the function forms take it.
fn scalar_first(name: &str, s: Scalar, t: &Tensor) -> Result<Tensor> {
    if let Some(op) = LogicalOp::from_name(name) {
        return t.logical(op, Rhs::Scalar(s));
    }
    match (BinaryOp::from_name(name), CompareOp::from_name(name)) {
        (Some(op), _) => t.binary_scalar_first(op, s),
        (_, Some(op)) => t.compare_scalar_first(op, s),
        _ => panic!("unknown binary op {name}"),
    }
}

// ---------------------------------------------------------------------------------------
// call: running a case

/// Runs call case `case` when its function is mapped; says whether it ran.
fn run_call_case(case: &Value) -> bool {
    let call = &case["call"];
    let name = call["name"].as_str().unwrap();
    if !is_mapped(name) {
        return false;
    }
    let inputs: Vec<Tensor> = case["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(tensor)
        .collect();
    let args = operands(call, &inputs);
    if name == "index" || name == "indexSet" {
        run_index_case(case, name, &args, &inputs);
        return true;
    }
    if name == "allclose" {
        let got = args[0]
            .tensor()
            .allclose(args[1].tensor(), tolerance_at(&args, 2));
        let want = case["expect"]["boolean"]
            .as_bool()
            .expect("a boolean expectation");
        assert_eq!(
            got.unwrap_or_else(|e| panic!("{}: {e}", id(case))),
            want,
            "{}",
            id(case)
        );
        return true;
    }
    if name == "topk" {
        check_tuple(id(case), topk_call(&args), &case["expect"]);
        return true;
    }
    if LIST_MAPPED.contains(&name) {
        check_list_call(
            id(case),
            call_core_list(name, &args),
            &case["expect"],
            &inputs,
        );
        return true;
    }
    let out = call_core(name, &args);
    check_call(id(case), out, &case["expect"], &inputs);
    true
}

/// `index(spec)` (a tensor result) or `indexSet(spec, value)` (input 0 checked after).
fn run_index_case(case: &Value, name: &str, args: &[Arg], inputs: &[Tensor]) {
    let id = id(case);
    let arrays = index_arrays(&args[1]);
    let items = index_items(&args[1], &arrays);
    let expect = &case["expect"];
    let out = if name == "index" {
        args[0].tensor().index(&items)
    } else {
        args[0]
            .tensor()
            .index_set(&items, args[2].rhs())
            .map(|()| inputs[0].share())
    };
    match expect.get("after") {
        Some(after) => {
            let got = out.unwrap_or_else(|e| panic!("{id}: {e}"));
            check_tensor(id, &got, after);
        }
        None => check_call(id, out, expect, inputs),
    }
}

/// The JS arrays of an index spec as tensors (int64, or bool when they hold booleans), in
/// item order; a spec that is one tensor or a string has none.
fn index_arrays(spec: &Arg) -> Vec<Tensor> {
    match spec {
        Arg::List(items) => items
            .iter()
            .filter(|i| matches!(i, Arg::List(_)))
            .map(nested_tensor)
            .collect(),
        _ => Vec::new(),
    }
}

/// A nested JS array of integers or booleans as a tensor.
fn nested_tensor(arg: &Arg) -> Tensor {
    fn walk(
        arg: &Arg,
        depth: usize,
        shape: &mut Vec<usize>,
        flat: &mut Vec<f64>,
        bools: &mut bool,
    ) {
        match arg {
            Arg::List(items) => {
                if shape.len() == depth {
                    shape.push(items.len());
                }
                for item in items {
                    walk(item, depth + 1, shape, flat, bools);
                }
            }
            Arg::Number(x) => flat.push(*x),
            Arg::Bool(b) => {
                *bools = true;
                flat.push(f64::from(u8::from(*b)));
            }
            other => panic!("{other:?} in an index array"),
        }
    }
    let (mut shape, mut flat, mut bools) = (Vec::new(), Vec::new(), false);
    walk(arg, 0, &mut shape, &mut flat, &mut bools);
    if bools {
        let values: Vec<bool> = flat.iter().map(|&x| x != 0.0).collect();
        Tensor::from_elements(&shape, &values).unwrap()
    } else {
        let values: Vec<i64> = flat.iter().map(|&x| x as i64).collect();
        Tensor::from_elements(&shape, &values).unwrap()
    }
}

/// The items of an index spec: a string is basic indexing, a tensor the one-item spec, an
/// array one item per element (`arrays` holding its JS arrays in order).
fn index_items<'a>(spec: &'a Arg, arrays: &'a [Tensor]) -> Vec<Index<'a>> {
    match spec {
        Arg::Text(text) => IndexItem::parse_spec(text)
            .unwrap()
            .into_iter()
            .map(Index::Basic)
            .collect(),
        Arg::Tensor(t) => vec![Index::Array(t)],
        Arg::List(items) => {
            let mut next = arrays.iter();
            items
                .iter()
                .map(|item| match item {
                    Arg::Number(x) => Index::Basic(IndexItem::Index(*x as i64)),
                    Arg::Text(text) => Index::Basic(IndexItem::parse_item(text, text).unwrap()),
                    Arg::Null => Index::Basic(IndexItem::NewAxis),
                    Arg::Tensor(t) => Index::Array(t),
                    Arg::List(_) => Index::Array(next.next().unwrap()),
                    other => panic!("{other:?} as an index item"),
                })
                .collect()
        }
        other => panic!("{other:?} as an index spec"),
    }
}

/// The `{ rtol, atol, equalNaN }` options at `i`, NumPy's defaults for the missing ones.
fn tolerance_at(args: &[Arg], i: usize) -> Tolerance {
    let option = |key| given(args, i).and_then(|o| o.option(key));
    let d = Tolerance::default();
    Tolerance {
        rtol: option("rtol").map_or(d.rtol, Arg::float),
        atol: option("atol").map_or(d.atol, Arg::float),
        equal_nan: option("equalNaN").is_some_and(Arg::flag),
    }
}

/// `topk(k, { axis, largest, sorted })` as `[values, indices]`.
fn topk_call(args: &[Arg]) -> Result<Vec<(&'static str, Tensor)>> {
    let options = given(args, 2);
    let option = |key| options.and_then(|o| o.option(key));
    let largest = option("largest").is_none_or(Arg::flag);
    let (values, indices) =
        args[0]
            .tensor()
            .topk(args[1].int(), option("axis").map(Arg::int), largest)?;
    Ok(vec![("values", values), ("indices", indices)])
}

/// A tuple result against `expect`: `{ tuple: { field: tensor } }` or `{ error: code }`.
fn check_tuple(id: &str, out: Result<Vec<(&str, Tensor)>>, expect: &Value) {
    let Some(fields) = expected_error(id, out, expect) else {
        return;
    };
    let want = expect["tuple"].as_object().expect("a tuple expectation");
    assert_eq!(fields.len(), want.len(), "{id}: tuple fields");
    for (name, tensor) in &fields {
        check_tensor(&format!("{id}.{name}"), tensor, &want[*name]);
    }
}

/// Checks `{ error: code }` expectations: None once checked, else the successful result
/// (a call that fails where no error is expected panics).
fn expected_error<T>(id: &str, out: Result<T>, expect: &Value) -> Option<T> {
    match (expect.get("error"), out) {
        (Some(code), Err(err)) => {
            assert_eq!(err.code(), code.as_str().unwrap(), "{id}: {err}");
            None
        }
        (Some(code), Ok(_)) => panic!("{id}: no error, want {code}"),
        (None, out) => Some(out.unwrap_or_else(|e| panic!("{id}: {e}"))),
    }
}

/// The result against `expect`: a tensor (and `sharesMemory` with input 0, where stated) or
/// `{ error: code }`. Lists are [`check_list_call`]'s, tuples [`check_tuple`]'s; `boolean`
/// and `after` are checked where `allclose` and `indexSet` run.
fn check_call(id: &str, out: Result<Tensor>, expect: &Value, inputs: &[Tensor]) {
    let Some(out) = expected_error(id, out, expect) else {
        return;
    };
    assert!(
        expect.get("shape").is_some(),
        "{id}: the runner checks no expect of the form {expect}"
    );
    check_tensor(id, &out, expect);
    if let Some(shares) = expect.get("sharesMemory") {
        assert_eq!(
            out.shares_memory(&inputs[0]),
            shares.as_bool().unwrap(),
            "{id} sharesMemory"
        );
    }
}

/// A list result against `expect`: `{ list: [tensor, ...] }` (each with `sharesMemory`
/// where stated) or `{ error: code }`.
fn check_list_call(id: &str, out: Result<Vec<Tensor>>, expect: &Value, inputs: &[Tensor]) {
    let Some(out) = expected_error(id, out, expect) else {
        return;
    };
    let want = expect["list"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}: the runner checks no expect of the form {expect}"));

    assert_eq!(out.len(), want.len(), "{id}: list length");
    for (k, (got, w)) in out.iter().zip(want).enumerate() {
        let item = format!("{id}[{k}]");
        check_tensor(&item, got, w);
        if let Some(shares) = w.get("sharesMemory") {
            assert_eq!(
                got.shares_memory(&inputs[0]),
                shares.as_bool().unwrap(),
                "{item} sharesMemory"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tests

// Each test parses the 596 cases: too slow interpreted; the core tests cover Miri.

#[test]
#[cfg_attr(miri, ignore)]
fn the_file_has_the_stated_cases_of_each_kind() {
    let all = cases();
    for &(kind, count) in COUNTS {
        let n = all.iter().filter(|c| c["kind"] == kind).count();
        assert_eq!(n, count, "{kind} cases in cases-v2.json");
    }
    let total: usize = COUNTS.iter().map(|(_, n)| n).sum();
    assert_eq!(all.len(), total, "cases of other kinds in cases-v2.json");
}

#[test]
#[cfg_attr(miri, ignore)]
fn every_view_and_error_case_matches_numpy() {
    let views = cases_of("view");
    views.iter().for_each(check_view_case);
    let errors = cases_of("error");
    errors.iter().for_each(check_error_case);
    assert_eq!(views.len(), expected_count("view"), "view cases run");
    assert_eq!(errors.len(), expected_count("error"), "error cases run");
}

#[test]
#[cfg_attr(miri, ignore)]
fn every_math_case_matches_numpy() {
    for kind in ["binary", "reduce", "matmul"] {
        let cases = cases_of(kind);
        for case in &cases {
            let id = id(case);
            let out = math_result(case).unwrap_or_else(|e| panic!("{id}: {e}"));
            check_tensor(id, &out, &case["expect"]);
        }
        assert_eq!(cases.len(), expected_count(kind), "{kind} cases run");
    }
}

#[test]
#[cfg_attr(miri, ignore)]
fn every_mapped_call_case_matches_numpy() {
    let calls = cases_of("call");
    let pending = calls
        .iter()
        .filter(|c| PENDING.contains(&c["call"]["name"].as_str().unwrap()))
        .count();
    let ran = calls.iter().filter(|c| run_call_case(c)).count();
    assert_eq!(
        ran,
        expected_count("call") - pending,
        "call cases run: all but the {pending} pending ones"
    );
}

/// The project's own NumPy-generated edge cases (tests/npy/generate_everyday.py), in the
/// `call` format: every one runs.
#[test]
#[cfg_attr(miri, ignore)]
fn numpy_edge_cases_of_the_everyday_functions_match() {
    let doc: Value =
        serde_json::from_str(include_str!("npy/everyday.json")).expect("everyday.json parses");
    let cases = doc["cases"].as_array().expect("cases array");
    assert_eq!(cases.len() as u64, doc["count"].as_u64().unwrap());
    for case in cases {
        assert!(
            run_call_case(case),
            "{}: {} is not mapped",
            id(case),
            case["call"]["name"]
        );
    }
}

/// tests/gather/cases.json: NumPy-made edge cases of the gather and shape ops (every dtype,
/// empty and 0-d, negative axes and indices, strided and broadcast inputs), `call` cases.
#[test]
#[cfg_attr(miri, ignore)]
fn every_gather_edge_case_matches_numpy() {
    let doc: Value = serde_json::from_str(include_str!("gather/cases.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len() as u64, doc["count"].as_u64().unwrap());
    for case in cases {
        assert!(run_call_case(case), "{}: not mapped", id(case));
    }
}

#[test]
#[cfg_attr(miri, ignore)]
fn pending_lists_exactly_the_unmapped_call_names() {
    let mut sorted = PENDING.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        PENDING,
        sorted.as_slice(),
        "PENDING is sorted, without repeats"
    );
    let calls = cases_of("call");
    let first_case_of = |name: &str| {
        calls
            .iter()
            .find(|c| c["call"]["name"] == name)
            .map(|c| id(c).to_string())
    };
    for case in &calls {
        let name = case["call"]["name"].as_str().unwrap();
        assert!(
            is_mapped(name) || PENDING.contains(&name),
            "{}: {name} is neither mapped nor in PENDING",
            id(case)
        );
    }
    for &name in PENDING {
        let first = first_case_of(name)
            .unwrap_or_else(|| panic!("{name} is in PENDING but no call case uses it"));
        assert!(
            !is_mapped(name),
            "{first}: {name} is mapped: remove it from PENDING"
        );
    }
}

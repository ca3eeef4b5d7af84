//! Property tests: the tensor-level math (block splitter + kernels, every dtype) equals a
//! naive element-by-element reference on random shapes, strides and broadcasts.
#![cfg(not(target_arch = "wasm32"))]

use extensor::core::kernels::Arith;
use extensor::core::{
    broadcast_shapes, result_type, BinaryOp, DType, Element, IndexItem, ReduceOp, Rhs, Scalar,
    Tensor,
};
use proptest::prelude::*;

/// The dtypes kernels compute in (bool and the half floats compute through these).
fn numeric_dtypes() -> Vec<DType> {
    DType::ALL
        .into_iter()
        .filter(|d| !matches!(d, DType::Bool | DType::Float16 | DType::BFloat16))
        .collect()
}

/// A tensor of `shape` with small integer values, then a random view of it: reversed or
/// strided slices and a permutation, so inputs are rarely contiguous.
fn strided_input(shape: &[usize], dtype: DType, seed: u64, flip: bool) -> Tensor {
    let padded: Vec<usize> = shape.iter().map(|&d| d * 2).collect();
    let size: usize = padded.iter().product();
    let values = (0..size).map(|i| Scalar::Int(((i as u64 * 2654435761 + seed) % 23) as i64 - 11));
    let base = Tensor::from_scalars(&padded, dtype, values).unwrap();
    let items: Vec<IndexItem> = shape
        .iter()
        .map(|&d| {
            if flip {
                IndexItem::Slice {
                    start: Some(2 * d as i64 - 1),
                    stop: None,
                    step: Some(-2),
                }
            } else {
                IndexItem::Slice {
                    start: Some(0),
                    stop: Some(d as i64),
                    step: None,
                }
            }
        })
        .collect();
    base.slice(&items).unwrap()
}

fn index_of(flat: usize, shape: &[usize]) -> Vec<i64> {
    let mut rest = flat;
    let mut idx = vec![0i64; shape.len()];
    for axis in (0..shape.len()).rev() {
        idx[axis] = (rest % shape[axis]) as i64;
        rest /= shape[axis];
    }
    idx
}

/// The value of `t` at `index` of the broadcast shape.
fn broadcast_get(t: &Tensor, index: &[i64]) -> Scalar {
    let lead = index.len() - t.ndim();
    let own: Vec<i64> = t
        .shape()
        .iter()
        .enumerate()
        .map(|(a, &d)| if d == 1 { 0 } else { index[lead + a] })
        .collect();
    t.get(&own).unwrap()
}

fn naive<C: Arith>(op: BinaryOp, a: &Tensor, b: &Tensor, shape: &[usize]) -> Vec<f64> {
    let size: usize = shape.iter().product();
    (0..size)
        .map(|i| {
            let idx = index_of(i, shape);
            let (x, y) = (
                C::from_scalar(broadcast_get(a, &idx)),
                C::from_scalar(broadcast_get(b, &idx)),
            );
            let r = match op {
                BinaryOp::Add => x.add(y),
                BinaryOp::Sub => x.sub(y),
                BinaryOp::Mul => x.mul(y),
                BinaryOp::Maximum => x.maximum(y),
                BinaryOp::Minimum => x.minimum(y),
                _ => unreachable!(),
            };
            r.to_scalar().as_f64()
        })
        .collect()
}

fn shape_pair() -> impl Strategy<Value = (Vec<usize>, Vec<usize>)> {
    prop::collection::vec(0usize..4, 0..4).prop_flat_map(|shape| {
        let n = shape.len();
        (
            Just(shape.clone()),
            prop::collection::vec(prop::bool::ANY, n),
        )
            .prop_map(|(shape, ones)| {
                // The second operand: the same shape with some axes set to 1 (broadcast) and
                // maybe a leading axis dropped.
                let other: Vec<usize> = shape
                    .iter()
                    .zip(&ones)
                    .map(|(&d, &one)| if one { 1 } else { d })
                    .collect();
                let other = if other.len() > 1 && ones[0] {
                    other[1..].to_vec()
                } else {
                    other
                };
                (shape, other)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn binary_ops_equal_the_naive_reference(
        (sa, sb) in shape_pair(),
        da in 0usize..10,
        db in 0usize..10,
        op in prop::sample::select(vec![BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Maximum, BinaryOp::Minimum]),
        flip_a in prop::bool::ANY,
        flip_b in prop::bool::ANY,
        swap in prop::bool::ANY,
    ) {
        let (da, db) = (numeric_dtypes()[da], numeric_dtypes()[db]);
        let a = strided_input(&sa, da, 1, flip_a);
        let a = if swap { a.transpose(None).unwrap().transpose(None).unwrap() } else { a };
        let b = strided_input(&sb, db, 2, flip_b);
        let got = a.binary(op, Rhs::Tensor(&b)).unwrap();
        let shape = broadcast_shapes("test", &[a.shape(), b.shape()]).unwrap();
        prop_assert_eq!(got.shape(), shape.as_slice());
        let result = result_type(da, db);
        prop_assert_eq!(got.dtype(), result);
        let want = extensor::with_element_type!(result, C => {
            if C::DTYPE == DType::Bool { return Ok(()); }
            reference_for::<C>(op, &a, &b, &shape)
        });
        let got: Vec<f64> = got.to_scalars().unwrap().into_iter().map(Scalar::as_f64).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn reductions_equal_the_naive_reference(
        shape in prop::collection::vec(1usize..5, 1..4),
        d in 0usize..10,
        flip in prop::bool::ANY,
        axis_seed in 0usize..8,
        keep in prop::bool::ANY,
    ) {
        let dtype = numeric_dtypes()[d];
        let t = strided_input(&shape, dtype, 3, flip);
        let axis = axis_seed % shape.len();
        let got = t.reduce(ReduceOp::Max, Some(&[axis as i64]), keep).unwrap();
        let sum = t.reduce(ReduceOp::Sum, Some(&[axis as i64]), keep).unwrap();
        let out_size: usize = shape.iter().enumerate().filter(|&(a, _)| a != axis).map(|(_, &d)| d).product();
        prop_assert_eq!(got.size(), out_size);
        let values = t.to_scalars().unwrap();
        // Naive: walk the C-ordered values and group by every index but `axis`.
        let mut max = vec![f64::NEG_INFINITY; out_size];
        let mut total = vec![0i128; out_size];
        for (flat, v) in values.iter().enumerate() {
            let idx = index_of(flat, &shape);
            let mut o = 0usize;
            for (a, &i) in idx.iter().enumerate() {
                if a != axis { o = o * shape[a] + i as usize; }
            }
            max[o] = max[o].max(v.as_f64());
            total[o] += match *v {
                Scalar::Int(i) => i as i128,
                Scalar::UInt(u) => u as i128,
                other => other.as_f64() as i128,
            };
        }
        let got_max: Vec<f64> = got.to_scalars().unwrap().into_iter().map(Scalar::as_f64).collect();
        prop_assert_eq!(got_max, max);
        // Small integer values: exact sums, in NumPy's sum dtype (int64 / uint64 for the
        // narrower integers, which then never wrap here; 64-bit sums wrap as they do).
        let got_sum: Vec<f64> = sum.to_scalars().unwrap().into_iter().map(Scalar::as_f64).collect();
        prop_assert_eq!(sum.dtype(), extensor::core::sum_dtype(dtype));
        let wrapped: Vec<f64> = total
            .iter()
            .map(|&s| {
                let s = if dtype.is_float() { Scalar::Float(s as f64) } else { Scalar::Int(s as i64) };
                extensor::with_element_type!(sum.dtype(), C => C::from_scalar(s).to_scalar().as_f64())
            })
            .collect();
        prop_assert_eq!(got_sum, wrapped);
    }

    #[test]
    fn contiguous_outer_axis_reductions_equal_the_strided_path(
        leading in prop::collection::vec(2usize..6, 1..4),
        row in 16usize..21,
        d in 0usize..10,
        first_seed in 0usize..8,
        count_seed in 0usize..8,
        keep in prop::bool::ANY,
    ) {
        // A contiguous tensor reduced over a run of axes followed by kept ones (rows of at
        // least 16) takes the row-combining path; the same values in a strided view take
        // the general one.
        let shape: Vec<usize> = leading.iter().copied().chain([row]).collect();
        let dtype = numeric_dtypes()[d];
        let strided = strided_input(&shape, dtype, 5, true);
        let contiguous = strided.deep_copy().unwrap();
        prop_assert!(contiguous.is_contiguous() && !strided.is_contiguous());
        let first = first_seed % (shape.len() - 1);
        let count = 1 + count_seed % (shape.len() - 1 - first);
        let mut axes: Vec<i64> = (first..first + count).map(|a| a as i64).collect();
        if count_seed % 2 == 1 {
            axes.reverse(); // any order names the same run
        }
        // Sums of these small integers are exact in any order; float products round
        // differently in another order, integer products wrap the same.
        let mut ops = vec![ReduceOp::Sum, ReduceOp::Max, ReduceOp::Min];
        ops.push(if dtype.is_float() { ReduceOp::Mean } else { ReduceOp::Prod });
        for op in ops {
            let want = strided.reduce(op, Some(&axes), keep).unwrap();
            let got = contiguous.reduce(op, Some(&axes), keep).unwrap();
            prop_assert_eq!(got.shape(), want.shape());
            prop_assert_eq!(got.dtype(), want.dtype());
            prop_assert_eq!(got.to_scalars().unwrap(), want.to_scalars().unwrap(), "{:?} over {:?}", op, axes);
        }
    }

    #[test]
    fn fused_softmax_rows_equal_the_unfused_ops_bit_for_bit(
        shape in prop::collection::vec(2usize..9, 2..4),
        f64_dtype in prop::bool::ANY,
    ) {
        let dtype = if f64_dtype { DType::Float64 } else { DType::Float32 };
        let strided = strided_input(&shape, dtype, 11, true);
        let contiguous = strided.deep_copy().unwrap();
        let fused = contiguous.softmax(Some(-1)).unwrap();
        let unfused = strided.softmax(Some(-1)).unwrap();
        prop_assert_eq!(fused.to_bytes().unwrap(), unfused.to_bytes().unwrap());
    }

    #[test]
    fn copies_of_transposed_views_hold_the_views_elements_in_c_order(
        shape in prop::collection::vec(1usize..70, 2..4),
        d in 0usize..10,
        flip in prop::bool::ANY,
        rotate in 1usize..4,
    ) {
        // Axes rotated so the unit-stride axis is no longer last: the tiled copy's case
        // when two axes are long, the general one otherwise.
        let dtype = numeric_dtypes()[d];
        let base = strided_input(&shape, dtype, 13, flip).deep_copy().unwrap();
        let n = shape.len();
        let order: Vec<i64> = (0..n).map(|a| ((a + rotate) % n) as i64).collect();
        let view = base.transpose(Some(&order)).unwrap();
        let copy = view.contiguous().unwrap();
        prop_assert!(copy.is_contiguous());
        prop_assert_eq!(copy.shape(), view.shape());
        prop_assert_eq!(copy.to_scalars().unwrap(), view.to_scalars().unwrap());
        let cast = view.astype(DType::Float64).unwrap();
        let want: Vec<f64> = view.to_scalars().unwrap().into_iter().map(Scalar::as_f64).collect();
        prop_assert_eq!(cast.to_vec::<f64>().unwrap(), want);
    }
}

fn reference_for<C: Element>(op: BinaryOp, a: &Tensor, b: &Tensor, shape: &[usize]) -> Vec<f64> {
    match C::DTYPE {
        DType::Int8 => naive::<i8>(op, a, b, shape),
        DType::Int16 => naive::<i16>(op, a, b, shape),
        DType::Int32 => naive::<i32>(op, a, b, shape),
        DType::Int64 => naive::<i64>(op, a, b, shape),
        DType::UInt8 => naive::<u8>(op, a, b, shape),
        DType::UInt16 => naive::<u16>(op, a, b, shape),
        DType::UInt32 => naive::<u32>(op, a, b, shape),
        DType::UInt64 => naive::<u64>(op, a, b, shape),
        DType::Float32 => naive::<f32>(op, a, b, shape),
        _ => naive::<f64>(op, a, b, shape),
    }
}

#[test]
fn reductions_over_axes_given_out_of_order_reduce_exactly_those_axes() {
    // From a review: unordered axes once took the row-combining path as a wrong run.
    let t = Tensor::arange(0.0, 36.0, 1.0, DType::Float32)
        .and_then(|t| t.reshape(&[2, 3, 2, 3]))
        .unwrap();
    let got = t.reduce(ReduceOp::Sum, Some(&[0, 3, 2]), false).unwrap();
    assert_eq!(got.to_vec::<f32>().unwrap(), vec![138.0, 210.0, 282.0]);
    let ones = Tensor::full(&[2, 3, 2, 1], Scalar::Float(1.0), DType::Float32).unwrap();
    let got = ones.reduce(ReduceOp::Sum, Some(&[0, 3, 2]), false).unwrap();
    assert_eq!(got.to_vec::<f32>().unwrap(), vec![4.0; 3]);
    let cube = Tensor::full(&[4, 20, 20], Scalar::Float(1.0), DType::Float32).unwrap();
    let got = cube.reduce(ReduceOp::Max, Some(&[2, 0]), false).unwrap();
    assert_eq!(got.shape(), &[20]);
    let got = cube.reduce(ReduceOp::Sum, Some(&[1, 0]), true).unwrap();
    assert_eq!(
        (got.shape(), got.to_vec::<f32>().unwrap()),
        (&[1, 1, 20][..], vec![80.0; 20])
    );
}

#[test]
fn long_outer_axis_float_sums_stay_pairwise_accurate() {
    // [N, 1]: one element per row, so the general pairwise path runs (not row combining).
    let t = Tensor::full(&[1_000_000, 1], Scalar::Float(0.1), DType::Float32).unwrap();
    let got = t
        .reduce(ReduceOp::Sum, Some(&[0]), false)
        .unwrap()
        .to_vec::<f32>()
        .unwrap()[0];
    assert!((got - 100_000.0).abs() < 1.0, "{got}");
}

#[test]
fn softmax_of_an_empty_tensor_is_empty_on_every_axis() {
    // From an attack: [0, 3] over axis 0 threw (max of an empty axis) where [3, 0] over
    // axis 1 returned an empty tensor.
    for (shape, axis) in [
        (&[0usize, 3][..], 0),
        (&[0, 3], 1),
        (&[3, 0], 0),
        (&[3, 0], 1),
        (&[0], 0),
    ] {
        for dtype in [DType::Float32, DType::Int32] {
            let t = Tensor::zeros(shape, dtype).unwrap();
            let s = t.softmax(Some(axis)).unwrap();
            assert_eq!(s.shape(), shape);
            assert!(s.dtype().is_float());
        }
    }
}

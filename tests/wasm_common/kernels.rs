//! SIMD128 paths against their scalar twins, on random data (a fixed-seed generator, so a
//! failure reproduces). Built without `+simd128` both sides are the scalar path and the
//! tests still run; `scripts/wasm-tests.sh` also runs them on a `+simd128` build, where
//! `kernels::simd128` is compiled in and each comparison is real.

use extensor::core::kernels::binary::float_scalar as binary_scalar;
use extensor::core::kernels::convert::{convert_into, convert_into_scalar};
use extensor::core::kernels::matmul::gemm_scalar;
use extensor::core::kernels::pairwise::pairwise_sum_scalar;
use extensor::core::kernels::reduce::extreme_scalar;
use extensor::core::kernels::unary::float_scalar as unary_scalar;
use extensor::core::kernels::{BinaryOp, Operand, UnaryOp, VecOps};
use extensor::core::Element;
use std::mem::MaybeUninit;
use wasm_bindgen_test::wasm_bindgen_test;

// f32's routed kernels: the SIMD primitives on a `+simd128` build, the scalar paths else.
fn binary_f32(op: BinaryOp, a: Operand<f32>, b: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
    <f32 as VecOps>::binary(op, a, b, out)
}
fn unary_f32(op: UnaryOp, a: Operand<f32>, out: &mut [MaybeUninit<f32>]) {
    <f32 as VecOps>::unary(op, a, out)
}
fn gemm_f32(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], out: &mut [f32]) {
    <f32 as VecOps>::gemm(m, n, k, a, b, out)
}
fn pairwise_sum(s: &[f32]) -> f32 {
    <f32 as VecOps>::pairwise_sum(s)
}

/// Runs an elementwise kernel into a new vector (outputs start initialised).
fn collect(n: usize, kernel: impl FnOnce(&mut [MaybeUninit<f32>])) -> Vec<f32> {
    let mut out = vec![MaybeUninit::new(0.0f32); n];
    kernel(&mut out);
    // SAFETY: every element was initialised by `vec!`; kernels only write initialised values.
    out.into_iter()
        .map(|v| unsafe { v.assume_init() })
        .collect()
}

/// A small deterministic generator (xorshift) for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn float(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }
    fn vec(&mut self, n: usize, lo: f32, hi: f32) -> Vec<f32> {
        (0..n).map(|_| self.float(lo, hi)).collect()
    }
}

fn ulps(a: f32, b: f32) -> u32 {
    if a == b || (a.is_nan() && b.is_nan()) {
        return 0;
    }
    if a.is_nan() || b.is_nan() || a.is_sign_negative() != b.is_sign_negative() {
        return u32::MAX;
    }
    a.to_bits().abs_diff(b.to_bits())
}

/// Lengths that cover empty, tails of every size, and more than one 8-wide step.
const LENGTHS: [usize; 9] = [0, 1, 3, 4, 7, 8, 9, 31, 1000];

#[wasm_bindgen_test]
fn simd_build_flag_matches_the_kernels_compiled_in() {
    // scripts/wasm-tests.sh sets EXTENSOR_EXPECT_SIMD=1 when it builds with +simd128, so a
    // run that meant to compare SIMD with scalar cannot silently compare scalar with scalar.
    let simd = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));
    let expected = option_env!("EXTENSOR_EXPECT_SIMD") == Some("1");
    assert_eq!(
        simd, expected,
        "simd128 compiled in: {simd}, expected: {expected}"
    );
}

#[wasm_bindgen_test]
fn simd_binary_ops_equal_the_scalar_path_exactly() {
    let mut rng = Rng(1);
    let ops = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
        BinaryOp::Maximum,
        BinaryOp::Minimum,
    ];
    for n in LENGTHS {
        let mut a = rng.vec(n, -100.0, 100.0);
        let b = rng.vec(n, -100.0, 100.0);
        if n > 2 {
            a[1] = f32::NAN;
        }
        let s = rng.float(-3.0, 3.0);
        for op in ops {
            for (x, y) in [
                (Operand::Slice(&a[..]), Operand::Slice(&b[..])),
                (Operand::Slice(&a[..]), Operand::Scalar(s)),
                (Operand::Scalar(s), Operand::Slice(&b[..])),
            ] {
                let fast = collect(n, |o| binary_f32(op, x, y, o));
                let slow = collect(n, |o| binary_scalar::<f32>(op, x, y, o));
                for i in 0..n {
                    assert_eq!(
                        ulps(fast[i], slow[i]),
                        0,
                        "{op:?} n={n} i={i}: {} vs {}",
                        fast[i],
                        slow[i]
                    );
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn simd_unary_ops_stay_within_two_ulp_of_the_scalar_path() {
    let mut rng = Rng(2);
    let cases = [
        (UnaryOp::Neg, -50.0, 50.0, 0),
        (UnaryOp::Abs, -50.0, 50.0, 0),
        (UnaryOp::Square, -50.0, 50.0, 0),
        (UnaryOp::Sqrt, 0.0, 1e6, 0),
        (UnaryOp::Floor, -50.0, 50.0, 0),
        (UnaryOp::Ceil, -50.0, 50.0, 0),
        (UnaryOp::Round, -50.0, 50.0, 0),
        (UnaryOp::Relu, -50.0, 50.0, 0),
        (UnaryOp::Exp, -100.0, 88.0, 2),
        (UnaryOp::Log, 1e-30, 1e30, 2),
        (UnaryOp::Tanh, -10.0, 10.0, 2),
        (UnaryOp::Sigmoid, -30.0, 30.0, 2),
        (UnaryOp::Sigmoid, -110.0, 30.0, 2),
    ];
    for (op, lo, hi, tolerance) in cases {
        for n in LENGTHS {
            let mut x = rng.vec(n, lo, hi);
            if n > 4 {
                x[0] = 0.0;
                x[2] = f32::NAN;
            }
            let fast = collect(n, |o| unary_f32(op, Operand::Slice(&x), o));
            let slow = collect(n, |o| unary_scalar::<f32>(op, Operand::Slice(&x), o));
            for i in 0..n {
                assert!(
                    ulps(fast[i], slow[i]) <= tolerance,
                    "{op:?}({}) = {} (simd) vs {} (scalar)",
                    x[i],
                    fast[i],
                    slow[i]
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn simd_exp_and_log_handle_special_values() {
    let x = [f32::INFINITY, f32::NEG_INFINITY, 89.0, -104.0, 0.0, -1.0];
    let e = collect(6, |o| unary_f32(UnaryOp::Exp, Operand::Slice(&x), o));
    assert_eq!(&e[..2], &[f32::INFINITY, 0.0]);
    assert_eq!(e[2], f32::INFINITY);
    assert_eq!(e[3], 0.0);
    let l = collect(6, |o| unary_f32(UnaryOp::Log, Operand::Slice(&x), o));
    assert_eq!(l[0], f32::INFINITY);
    assert!(l[1].is_nan() && l[5].is_nan());
    assert_eq!(l[4], f32::NEG_INFINITY);
}

#[wasm_bindgen_test]
fn simd_max_and_min_equal_the_scalar_path_and_propagate_nan() {
    let mut rng = Rng(7);
    for n in [0, 1, 3, 15, 16, 17, 31, 64, 1000, 4099] {
        let mut x = rng.vec(n, -100.0, 100.0);
        for max in [true, false] {
            assert_eq!(
                <f32 as VecOps>::extreme(&x, max),
                extreme_scalar(&x, max),
                "n={n} max={max}"
            );
        }
        if n > 0 {
            x[n / 2] = f32::NAN;
            for max in [true, false] {
                let got = <f32 as VecOps>::extreme(&x, max).unwrap();
                assert!(got.is_nan(), "n={n} max={max}: {got}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn simd_pairwise_sum_equals_the_scalar_sum_closely() {
    let mut rng = Rng(3);
    for n in [0, 1, 15, 16, 17, 128, 129, 1000, 100_000] {
        let x = rng.vec(n, -1.0, 1.0);
        let exact: f64 = x.iter().map(|&v| v as f64).sum();
        let (fast, slow) = (pairwise_sum(&x), pairwise_sum_scalar(&x));
        let scale = x.iter().map(|v| v.abs() as f64).sum::<f64>().max(1.0);
        assert!(
            ((fast as f64) - exact).abs() / scale < 1e-6,
            "n={n}: simd {fast} vs exact {exact}"
        );
        assert!(
            ((slow as f64) - exact).abs() / scale < 1e-6,
            "n={n}: scalar {slow} vs exact {exact}"
        );
    }
}

#[wasm_bindgen_test]
fn simd_gemm_equals_the_scalar_gemm_on_ragged_shapes() {
    let mut rng = Rng(4);
    for (m, n, k) in [
        (1, 1, 1),
        (3, 5, 7),
        (4, 8, 256),
        (5, 9, 257),
        (64, 65, 300),
        (17, 3, 1),
        // Whole micro-tiles, one depth block: the unpacked path.
        (8, 16, 1),
        (12, 24, 100),
        (32, 32, 32),
        (128, 128, 128),
        (64, 8, 256),
    ] {
        let a = rng.vec(m * k, -1.0, 1.0);
        let b = rng.vec(k * n, -1.0, 1.0);
        let mut fast = vec![0f32; m * n];
        let mut slow = vec![0f32; m * n];
        gemm_f32(m, n, k, &a, &b, &mut fast);
        gemm_scalar(m, n, k, &a, &b, &mut slow);
        for i in 0..m * n {
            assert!(
                (fast[i] - slow[i]).abs() <= 1e-4 * (k as f32).sqrt(),
                "({m},{n},{k})[{i}]: {} vs {}",
                fast[i],
                slow[i]
            );
        }
    }
}

/// Runs both conversion paths and compares them bit for bit (as their Debug forms, so
/// NaN equals NaN).
fn conversions_agree<S: Element, C: Element>(src: &[S]) {
    let run = |f: fn(&[S], &mut [MaybeUninit<C>]) -> usize| -> Vec<String> {
        let mut out = vec![MaybeUninit::<C>::uninit(); src.len()];
        assert_eq!(f(src, &mut out), src.len());
        // SAFETY: the conversion wrote every element (asserted just above).
        out.into_iter()
            .map(|v| format!("{:?}", unsafe { v.assume_init() }))
            .collect()
    };
    assert_eq!(
        run(convert_into::<S, C>),
        run(convert_into_scalar::<S, C>),
        "{:?} -> {:?}",
        S::DTYPE,
        C::DTYPE
    );
}

#[wasm_bindgen_test]
fn simd_conversions_equal_the_scalar_path_exactly() {
    let mut rng = Rng(11);
    let special = [
        0.0,
        -0.0,
        0.5,
        -0.5,
        -1.5,
        255.9,
        256.0,
        -129.0,
        4_194_303.5,
        4_194_304.0,
        -4_194_305.0,
        2_147_483_520.0,
        2_147_483_648.0,
        -2_147_483_648.0,
        3e9,
        -3e9,
        1e30,
        f32::MAX,
        f32::MIN_POSITIVE,
        1e-45,
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
    ];
    for n in [0, 1, 3, 4, 15, 16, 17, 33, 1000] {
        for (lo, hi) in [(-300.0, 300.0), (-1e7, 1e7), (-3e9, 3e9)] {
            let mut f = rng.vec(n, lo, hi);
            // Specials at varying positions, so some groups hold one and the rest do not.
            for (k, &v) in special.iter().enumerate() {
                if n > 0 {
                    f[(k * 7) % n] = v;
                }
            }
            conversions_agree::<f32, f64>(&f);
            conversions_agree::<f32, i32>(&f);
            conversions_agree::<f32, u8>(&f);
            conversions_agree::<f32, i8>(&f);
            let d: Vec<f64> = f.iter().map(|&x| x as f64 * 1.000_000_1).collect();
            conversions_agree::<f64, f32>(&d);
            let i: Vec<i32> = f.iter().map(|&x| x as i32 ^ 0x5a5a_5a5a).collect();
            conversions_agree::<i32, f32>(&i);
            let b: Vec<u8> = i.iter().map(|&x| x as u8).collect();
            conversions_agree::<u8, f32>(&b);
        }
    }
}

#[wasm_bindgen_test]
fn simd_transposing_copies_equal_the_element_walk_for_every_element_size() {
    use extensor::core::{DType, Scalar, Tensor};
    for dtype in [
        DType::UInt8,
        DType::Int16,
        DType::Float32,
        DType::Float64,
        DType::Int64,
    ] {
        for (rows, cols) in [(64usize, 64usize), (72, 40), (33, 65), (8, 300)] {
            let t = Tensor::arange(0.0, (rows * cols) as f64, 1.0, DType::Float64)
                .and_then(|t| t.astype(dtype))
                .and_then(|t| t.reshape(&[rows as i64, cols as i64]))
                .unwrap();
            let view = t.transpose(None).unwrap();
            let copy = view.contiguous().unwrap();
            let (got, source) = (copy.to_scalars().unwrap(), t.to_scalars().unwrap());
            for (k, value) in got.iter().enumerate() {
                let (i, j) = (k / rows, k % rows);
                assert_eq!(*value, source[j * cols + i], "{dtype} {rows}x{cols} at {k}");
            }
            let _ = Scalar::Bool(true);
        }
    }
}

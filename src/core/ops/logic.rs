//! The elementwise ops that give `bool` from any dtype: the tests (`isNaN`, `isFinite`,
//! `isInf`, `logicalNot`) and the logical binary ops.

use super::elementwise::{zip_map, Input};
use crate::core::dtype::{DType, Scalar};
use crate::core::error::Result;
use crate::core::kernels::{map1, map2, CompareOp, Float, LogicalOp, PredicateOp};
use crate::core::ops::Rhs;
use crate::core::tensor::Tensor;

impl Tensor {
    /// An elementwise test, giving `bool` (integers and bools are never NaN or infinite).
    ///
    /// ```
    /// use extensor::core::{DType, PredicateOp, Tensor};
    /// let x = Tensor::from_elements(&[3], &[1.0f32, f32::NAN, f32::INFINITY]).unwrap();
    /// let nan = x.predicate(PredicateOp::IsNaN).unwrap();
    /// assert_eq!(nan.to_vec::<bool>().unwrap(), vec![false, true, false]);
    /// let not = x.predicate(PredicateOp::LogicalNot).unwrap();
    /// assert_eq!(not.to_vec::<bool>().unwrap(), vec![false, false, false]);
    /// ```
    pub fn predicate(&self, op: PredicateOp) -> Result<Tensor> {
        if op == PredicateOp::LogicalNot {
            // NaN is truthy, so "equal to zero" is exactly NumPy's logical_not.
            return self.compare(CompareOp::Equal, Rhs::Scalar(Scalar::Bool(false)));
        }
        let test = |finite: bool, nan: bool, inf: bool| match op {
            PredicateOp::IsNaN => nan,
            PredicateOp::IsInf => inf,
            _ => finite,
        };
        match self.dtype() {
            DType::Float64 => {
                self.float_test::<f64>(op, |x| test(x.is_finite(), x.is_nan(), x.is_infinite()))
            }
            // f32 holds every half-precision value, NaN and ±∞ included.
            d if d.is_float() => {
                self.float_test::<f32>(op, |x| test(x.is_finite(), x.is_nan(), x.is_infinite()))
            }
            _ => Tensor::full(
                self.shape(),
                Scalar::Bool(test(true, false, false)),
                DType::Bool,
            ),
        }
    }

    fn float_test<T: Float>(
        &self,
        op: PredicateOp,
        f: impl Fn(T) -> bool + Sync + Send,
    ) -> Result<Tensor> {
        zip_map::<T, bool>(op.name(), &[Input::Tensor(self)], |ops, out| {
            map1(ops[0], out, &f)
        })
    }

    /// NumPy's `logical_and` / `logical_or` / `logical_xor`: each operand counts as true
    /// where it is nonzero (NaN included); the operands broadcast; the result is `bool`.
    ///
    /// ```
    /// use extensor::core::{LogicalOp, Rhs, Scalar, Tensor};
    /// let x = Tensor::from_elements(&[3], &[0i32, 1, 2]).unwrap();
    /// let y = x.logical(LogicalOp::Xor, Rhs::Scalar(Scalar::Float(1.0))).unwrap();
    /// assert_eq!(y.to_vec::<bool>().unwrap(), vec![true, false, false]);
    /// ```
    pub fn logical(&self, op: LogicalOp, rhs: Rhs) -> Result<Tensor> {
        let a = self.as_dtype(DType::Bool)?;
        let b_truth;
        let b = match rhs {
            Rhs::Tensor(t) => {
                b_truth = t.as_dtype(DType::Bool)?;
                Input::Tensor(&b_truth)
            }
            Rhs::Scalar(s) => Input::Scalar(Scalar::Bool(s.as_f64() != 0.0)),
        };
        let f: fn(bool, bool) -> bool = match op {
            LogicalOp::And => |x, y| x & y,
            LogicalOp::Or => |x, y| x | y,
            LogicalOp::Xor => |x, y| x ^ y,
        };
        zip_map::<bool, bool>(op.name(), &[Input::Tensor(&a), b], |ops, out| {
            map2(ops[0], ops[1], out, f)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_finite_and_never_nan_or_infinite() {
        let x = Tensor::from_elements(&[3], &[-3i16, 0, 7]).unwrap();
        let all = |op| x.predicate(op).unwrap().to_vec::<bool>().unwrap();
        assert_eq!(all(PredicateOp::IsFinite), [true; 3]);
        assert_eq!(all(PredicateOp::IsNaN), [false; 3]);
        assert_eq!(all(PredicateOp::IsInf), [false; 3]);
        assert_eq!(all(PredicateOp::LogicalNot), [false, true, false]);
    }

    #[test]
    fn half_floats_keep_nan_and_infinity_in_their_tests() {
        let x = Tensor::from_elements(&[3], &[1.0f32, f32::NAN, f32::NEG_INFINITY])
            .unwrap()
            .astype(DType::Float16)
            .unwrap();
        let inf = x.predicate(PredicateOp::IsInf).unwrap();
        assert_eq!(inf.to_vec::<bool>().unwrap(), [false, false, true]);
        let finite = x.predicate(PredicateOp::IsFinite).unwrap();
        assert_eq!(finite.to_vec::<bool>().unwrap(), [true, false, false]);
    }

    #[test]
    fn logical_ops_count_nan_as_true_and_broadcast() {
        let x = Tensor::from_elements(&[3, 1], &[0.0f64, f64::NAN, 2.0]).unwrap();
        let y = Tensor::from_elements(&[2], &[true, false]).unwrap();
        let and = x.logical(LogicalOp::And, Rhs::Tensor(&y)).unwrap();
        assert_eq!(and.shape(), &[3, 2]);
        assert_eq!(
            and.to_vec::<bool>().unwrap(),
            [false, false, true, false, true, false]
        );
        let or = x
            .logical(LogicalOp::Or, Rhs::Scalar(Scalar::Float(0.0)))
            .unwrap();
        assert_eq!(or.to_vec::<bool>().unwrap(), [false, true, true]);
    }
}

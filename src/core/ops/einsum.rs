//! `einsum`: NumPy's Einstein summation. Each operand first takes the diagonals of its
//! repeated labels (a strided view) and sums out the labels no other operand or the output
//! needs; then the operands are contracted pairwise, left to right, each pair as one
//! batched `matmul` (shared labels still needed are batch axes, shared labels not needed
//! are the inner axis) or, with nothing to sum, as one broadcast product.

mod parse;

use self::parse::{invalid, Label};
use crate::core::dtype::DType;
use crate::core::error::{fmt_dims, Error, ErrorKind, Result};
use crate::core::kernels::{BinaryOp, ReduceOp};
use crate::core::layout::checked_size;
use crate::core::ops::{compute_dtype, Rhs};
use crate::core::promote::result_type;
use crate::core::tensor::Tensor;
use std::collections::{BTreeMap, BTreeSet};

impl Tensor {
    /// NumPy `einsum`: explicit (`"ij,jk->ik"`) and implicit (`"ij,jk"`) output, `...`
    /// broadcasting, and size-1 dimensions broadcasting against their label's length. The
    /// result has the operands' promoted dtype and is always a new tensor.
    ///
    /// Bad subscripts, or subscripts that do not fit an operand's rank, are
    /// `INVALID_ARGUMENT`; a label whose lengths differ (neither 1) is `SHAPE_MISMATCH`.
    ///
    /// ```
    /// use extensor::core::{DType, Tensor};
    /// let a = Tensor::arange(0.0, 6.0, 1.0, DType::Int32).unwrap().reshape(&[2, 3]).unwrap();
    /// let b = Tensor::arange(0.0, 3.0, 1.0, DType::Float32).unwrap();
    /// let y = Tensor::einsum("ij,j->i", &[&a, &b]).unwrap();
    /// assert_eq!((y.shape(), y.dtype()), (&[2][..], DType::Float64));
    /// assert_eq!(y.to_vec::<f64>().unwrap(), vec![5.0, 14.0]);
    /// let square = Tensor::arange(0.0, 9.0, 1.0, DType::Int32).unwrap().reshape(&[3, 3]).unwrap();
    /// assert_eq!(Tensor::einsum("ii", &[&square]).unwrap().to_vec::<i32>().unwrap(), vec![12]);
    /// ```
    pub fn einsum(subscripts: &str, operands: &[&Tensor]) -> Result<Tensor> {
        let Some((first, rest)) = operands.split_first() else {
            return Err(invalid("needs at least one operand"));
        };
        let ndims: Vec<usize> = operands.iter().map(|t| t.ndim()).collect();
        let bound = parse::parse(subscripts)?.bind(&ndims)?;
        let sizes = label_sizes(operands, &bound.inputs)?;
        let dtype = rest
            .iter()
            .fold(first.dtype(), |d, t| result_type(d, t.dtype()));
        let mut acc: Option<Labelled> = None;
        for (i, (t, labels)) in operands.iter().zip(&bound.inputs).enumerate() {
            let later: BTreeSet<Label> = bound.inputs[i + 1..]
                .iter()
                .flatten()
                .chain(&bound.output)
                .copied()
                .collect();
            let operand = Labelled::diagonals(t, labels)?.cast(dtype)?;
            acc = Some(match acc {
                None => operand.sum_out(|l| later.contains(&l), dtype)?,
                Some(a) => contract(a, operand, &later, dtype)?,
            });
        }
        let acc = acc.ok_or_else(|| Error::internal("einsum", "no operand was contracted"))?;
        let out = acc.permuted(&bound.output)?;
        let shape: Vec<usize> = bound.output.iter().map(|l| sizes[l]).collect();
        let out = if out.shape() == shape {
            out
        } else {
            out.broadcast_to(&shape)?
        };
        // A new tensor, never a view of an operand (a transpose or diagonal alone is one).
        if !out.is_contiguous() || operands.iter().any(|t| out.shares_memory(t)) {
            out.deep_copy()
        } else {
            Ok(out)
        }
    }
}

/// Each label's length: equal wherever it appears, or 1 there (which broadcasts); a label
/// repeated within one operand must have one length there.
fn label_sizes(operands: &[&Tensor], inputs: &[Vec<Label>]) -> Result<BTreeMap<Label, usize>> {
    let mut sizes = BTreeMap::new();
    for (i, (t, labels)) in operands.iter().zip(inputs).enumerate() {
        let mut own: BTreeMap<Label, usize> = BTreeMap::new();
        for (&label, &n) in labels.iter().zip(t.shape()) {
            if let Some(&m) = own.get(&label) {
                if m != n {
                    return Err(mismatch(format!(
                        "operand {i} of shape {}: the repeated subscript {} has lengths {m} and {n}",
                        fmt_dims(t.shape()),
                        label_name(label)
                    )));
                }
            }
            own.insert(label, n);
        }
        for (label, n) in own {
            let m = sizes.entry(label).or_insert(n);
            if *m == 1 {
                *m = n;
            } else if n != 1 && n != *m {
                return Err(mismatch(format!(
                    "operand {i} of shape {}: subscript {} has length {n}, elsewhere {}",
                    fmt_dims(t.shape()),
                    label_name(label),
                    *m
                )));
            }
        }
    }
    Ok(sizes)
}

fn mismatch(msg: String) -> Error {
    Error::new(ErrorKind::ShapeMismatch, "einsum", msg)
}

fn label_name(label: Label) -> String {
    match u8::try_from(label) {
        Ok(c) => format!("'{}'", c as char),
        Err(_) => "'...'".to_string(),
    }
}

/// A tensor whose axes carry labels, one each, all distinct (after [`Labelled::diagonals`]).
struct Labelled {
    tensor: Tensor,
    labels: Vec<Label>,
}

impl Labelled {
    /// `t` with every repeated label's axes merged into their diagonal (a view).
    fn diagonals(t: &Tensor, labels: &[Label]) -> Result<Labelled> {
        let mut out = Labelled {
            tensor: t.share(),
            labels: labels.to_vec(),
        };
        let mut i = 0;
        while i < out.labels.len() {
            let label = out.labels[i];
            let axes: Vec<usize> = (i..out.labels.len())
                .filter(|&a| out.labels[a] == label)
                .collect();
            if axes.len() > 1 {
                out.tensor = out.tensor.diagonal_axes(&axes)?;
                let mut axis = 0;
                out.labels.retain(|_| {
                    axis += 1;
                    !axes[1..].contains(&(axis - 1))
                });
            }
            i += 1;
        }
        Ok(out)
    }

    fn cast(self, dtype: DType) -> Result<Labelled> {
        Ok(Labelled {
            tensor: self.tensor.as_dtype(dtype)?,
            labels: self.labels,
        })
    }

    fn has(&self, label: Label) -> bool {
        self.labels.contains(&label)
    }

    fn axis(&self, label: Label) -> Result<usize> {
        self.labels
            .iter()
            .position(|&l| l == label)
            .ok_or_else(|| Error::internal("einsum", "a label lost its axis"))
    }

    fn size(&self, label: Label) -> Result<usize> {
        Ok(self.tensor.shape()[self.axis(label)?])
    }

    fn sizes(&self, labels: &[Label]) -> Result<Vec<usize>> {
        labels.iter().map(|&l| self.size(l)).collect()
    }

    /// Sums over the axes whose label `keep` refuses, in `dtype`.
    fn sum_out(self, keep: impl Fn(Label) -> bool, dtype: DType) -> Result<Labelled> {
        let axes: Vec<i64> = (0..self.labels.len())
            .filter(|&a| !keep(self.labels[a]))
            .map(|a| a as i64)
            .collect();
        if axes.is_empty() {
            return Ok(self);
        }
        Ok(Labelled {
            tensor: self
                .tensor
                .reduce_as(ReduceOp::Sum, Some(&axes), false, Some(dtype))?,
            labels: self.labels.into_iter().filter(|&l| keep(l)).collect(),
        })
    }

    /// Sums the axis of `label` into length 1, in `dtype`.
    fn sum_to_one(self, label: Label, dtype: DType) -> Result<Labelled> {
        let axis = [self.axis(label)? as i64];
        Ok(Labelled {
            tensor: self
                .tensor
                .reduce_as(ReduceOp::Sum, Some(&axis), true, Some(dtype))?,
            labels: self.labels,
        })
    }

    /// The tensor with its axes in the order of `labels` (each of its labels once).
    fn permuted(&self, labels: &[Label]) -> Result<Tensor> {
        let axes = labels
            .iter()
            .map(|&l| Ok(self.axis(l)? as i64))
            .collect::<Result<Vec<_>>>()?;
        self.tensor.transpose(Some(&axes))
    }

    /// The tensor in the order of `labels`, reshaped to `shape`.
    fn arranged(&self, labels: &[Label], shape: &[usize]) -> Result<Tensor> {
        let shape: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
        self.permuted(labels)?.reshape(&shape)
    }
}

/// Contracts `a` with `b`, keeping the labels in `later` (those of the output or of an
/// operand still to come).
fn contract(a: Labelled, b: Labelled, later: &BTreeSet<Label>, dtype: DType) -> Result<Labelled> {
    let a = a.sum_out(|l| later.contains(&l) || b.has(l), dtype)?;
    let mut b = b.sum_out(|l| later.contains(&l) || a.has(l), dtype)?;
    let shared = |keep: bool| -> Vec<Label> {
        let labels = a.labels.iter().copied();
        labels
            .filter(|&l| b.has(l) && later.contains(&l) == keep)
            .collect()
    };
    let (batch, summed) = (shared(true), shared(false));
    let left: Vec<Label> = a.labels.iter().copied().filter(|&l| !b.has(l)).collect();
    let right: Vec<Label> = b.labels.iter().copied().filter(|&l| !a.has(l)).collect();
    // A summed label of length 1 on one side broadcasts: Σ_j x·y_j = x·Σ_j y_j.
    let mut a = a;
    for &l in &summed {
        match (a.size(l)?, b.size(l)?) {
            (1, n) if n != 1 => b = b.sum_to_one(l, dtype)?,
            (n, 1) if n != 1 => a = a.sum_to_one(l, dtype)?,
            _ => {}
        }
    }
    let (a_batch, b_batch) = (a.sizes(&batch)?, b.sizes(&batch)?);
    let (left_dims, right_dims) = (a.sizes(&left)?, b.sizes(&right)?);
    let batch_dims: Vec<usize> = a_batch
        .iter()
        .zip(&b_batch)
        .map(|(&x, &y)| x.max(y))
        .collect();
    let labels = [&batch[..], &left, &right].concat();
    let tensor = if a.tensor.size() == 0 || b.tensor.size() == 0 {
        // Sums over nothing are 0. Shortcut, since the grouped axes of an empty operand may
        // have products that overflow (only the whole is known to be 0).
        let shape = [&batch_dims[..], &left_dims, &right_dims].concat();
        Tensor::zeros(&shape, dtype)?
    } else if summed.is_empty() {
        // An outer product per batch element: a broadcast multiply, no matmul needed.
        let x = a.arranged(
            &[&batch[..], &left].concat(),
            &[&a_batch[..], &left_dims, &vec![1; right.len()]].concat(),
        )?;
        let y = b.arranged(
            &[&batch[..], &right].concat(),
            &[&b_batch[..], &vec![1; left.len()], &right_dims].concat(),
        )?;
        x.binary(BinaryOp::Mul, Rhs::Tensor(&y))?
    } else if left.is_empty()
        && right.is_empty()
        && checked_size("einsum", &batch_dims)? > 1
        && compute_dtype(dtype) == dtype
    {
        // Many dot products: one broadcast multiply and one reduction beat a 1×1 matmul per
        // batch element (not for the half floats, whose products would each round).
        let order = [&batch[..], &summed].concat();
        let x = a.permuted(&order)?;
        let y = b.permuted(&order)?;
        let axes: Vec<i64> = (batch.len()..order.len()).map(|a| a as i64).collect();
        x.binary(BinaryOp::Mul, Rhs::Tensor(&y))?.reduce_as(
            ReduceOp::Sum,
            Some(&axes),
            false,
            Some(dtype),
        )?
    } else {
        // Checked: an empty operand may have other axes whose product overflows.
        let rows = checked_size("einsum", &left_dims)?;
        let cols = checked_size("einsum", &right_dims)?;
        let inner = checked_size("einsum", &a.sizes(&summed)?)?;
        let x = a.arranged(
            &[&batch[..], &left, &summed].concat(),
            &[&a_batch[..], &[rows, inner]].concat(),
        )?;
        let y = b.arranged(
            &[&batch[..], &summed, &right].concat(),
            &[&b_batch[..], &[inner, cols]].concat(),
        )?;
        let shape: Vec<i64> = [&batch_dims[..], &left_dims, &right_dims]
            .concat()
            .iter()
            .map(|&d| d as i64)
            .collect();
        x.matmul(&y)?.reshape(&shape)?
    };
    Ok(Labelled { tensor, labels })
}

#[cfg(test)]
mod tests {
    use crate::core::{DType, ErrorKind, Tensor};

    fn range(shape: &[usize], dtype: DType) -> Tensor {
        let n: usize = shape.iter().product();
        let dims: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
        Tensor::arange(0.0, n as f64, 1.0, dtype)
            .unwrap()
            .reshape(&dims)
            .unwrap()
    }

    fn run(text: &str, operands: &[&Tensor]) -> (Vec<usize>, Vec<f64>) {
        let t = Tensor::einsum(text, operands).unwrap();
        (
            t.shape().to_vec(),
            t.astype(DType::Float64).unwrap().to_vec::<f64>().unwrap(),
        )
    }

    #[test]
    fn trace_diagonal_and_transpose_of_one_operand() {
        let m = range(&[3, 3], DType::Int32);
        assert_eq!(run("ii", &[&m]), (vec![], vec![12.0]));
        assert_eq!(run("ii->i", &[&m]), (vec![3], vec![0.0, 4.0, 8.0]));
        assert_eq!(
            run("ji", &[&m]).1,
            vec![0.0, 3.0, 6.0, 1.0, 4.0, 7.0, 2.0, 5.0, 8.0]
        );
        assert_eq!(run("ij->", &[&m]), (vec![], vec![36.0]));
    }

    #[test]
    fn results_are_new_tensors_in_the_operands_dtype() {
        let m = range(&[2, 2], DType::Int16);
        let t = Tensor::einsum("ij->ji", &[&m]).unwrap();
        assert!(!t.shares_memory(&m) && t.is_contiguous());
        assert_eq!(t.dtype(), DType::Int16);
        let d = Tensor::einsum("ii->i", &[&m]).unwrap();
        assert!(!d.shares_memory(&m));
    }

    #[test]
    fn pairs_contract_through_matmul_with_batches() {
        let a = range(&[2, 2, 3], DType::Float64);
        let b = range(&[2, 3, 2], DType::Float64);
        let (shape, values) = run("bij,bjk->bik", &[&a, &b]);
        assert_eq!(shape, vec![2, 2, 2]);
        assert_eq!(
            values,
            vec![10.0, 13.0, 28.0, 40.0, 172.0, 193.0, 244.0, 274.0]
        );
        assert_eq!(run("...ij,...jk", &[&a, &b]).1, values);
    }

    #[test]
    fn three_operands_and_a_label_shared_by_all() {
        let v = range(&[3], DType::Int64);
        assert_eq!(run("i,i,i", &[&v, &v, &v]), (vec![], vec![9.0]));
        assert_eq!(run("i,i,i->i", &[&v, &v, &v]).1, vec![0.0, 1.0, 8.0]);
        let a = range(&[2, 3], DType::Float32);
        let b = range(&[3, 2], DType::Float32);
        let c = range(&[2], DType::Float32);
        assert_eq!(run("ij,jk,k->i", &[&a, &b, &c]).1, vec![13.0, 40.0]);
    }

    #[test]
    fn size_one_dimensions_broadcast() {
        let a = Tensor::full(&[2, 1], crate::core::Scalar::Float(1.0), DType::Float64).unwrap();
        let b = range(&[3, 4], DType::Float64);
        assert_eq!(
            run("ij,jk", &[&a, &b]),
            (
                vec![2, 4],
                vec![12.0, 15.0, 18.0, 21.0, 12.0, 15.0, 18.0, 21.0]
            )
        );
        let c = range(&[2, 3], DType::Float64);
        assert_eq!(
            run("ij,ij->ij", &[&a, &c]).1,
            vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
        );
    }

    #[test]
    fn zero_d_and_empty_operands() {
        let s = Tensor::full(&[], crate::core::Scalar::Float(2.0), DType::Float64).unwrap();
        let v = range(&[3], DType::Int64);
        assert_eq!(run("i,->i", &[&v, &s]), (vec![3], vec![0.0, 2.0, 4.0]));
        assert_eq!(run(",", &[&s, &s]), (vec![], vec![4.0]));
        let e = range(&[2, 0], DType::Float32);
        let f = range(&[0, 3], DType::Float32);
        assert_eq!(run("ij,jk", &[&e, &f]), (vec![2, 3], vec![0.0; 6]));
        assert_eq!(run("ij->j", &[&e]), (vec![0], vec![]));
    }

    #[test]
    #[cfg_attr(miri, ignore)] // Miri aborts on huge allocations instead of failing them.
    #[cfg(target_pointer_width = "64")] // 2^40-long axes exist only where usize has 64 bits.
    fn empty_operands_with_huge_axes_do_not_overflow() {
        let big = 1usize << 40;
        let a = Tensor::zeros(&[0, big, big], DType::Float32).unwrap();
        let r = Tensor::einsum("ijk,ijk->i", &[&a, &a]).unwrap();
        assert_eq!(r.shape(), &[0]);
        let r = Tensor::einsum("ijk,l->ijkl", &[&a, &range(&[2], DType::Float32)]).unwrap();
        assert_eq!(r.shape(), &[0, big, big, 2]);
        let r = Tensor::einsum("ijk->ki", &[&a]).unwrap();
        assert_eq!(r.shape(), &[big, 0]);
        let sums = Tensor::einsum("ijk->j", &[&a]).unwrap_err().kind();
        assert_eq!(
            sums,
            ErrorKind::OutOfMemory,
            "2^40 zeros are refused, not a panic"
        );
        let m = Tensor::zeros(&[3, 0], DType::Float32).unwrap();
        let n = Tensor::zeros(&[0, big], DType::Float32).unwrap();
        let r = Tensor::einsum("ij,jk->ik", &[&m, &n]);
        assert!(r.is_err(), "a 3 × 2^40 result is refused, not wrapped");
    }

    #[test]
    fn bool_operands_give_or_of_ands() {
        let t = Tensor::from_elements(&[3], &[true, false, true]).unwrap();
        let u = Tensor::from_elements(&[3], &[false, false, true]).unwrap();
        let r = Tensor::einsum("i,i", &[&t, &u]).unwrap();
        assert_eq!(
            (r.dtype(), r.to_vec::<bool>().unwrap()),
            (DType::Bool, vec![true])
        );
    }

    #[test]
    fn mismatched_lengths_are_shape_mismatch() {
        let a = range(&[1, 3], DType::Float32);
        let b = range(&[4, 2], DType::Float32);
        let err = Tensor::einsum("ij,jk->ik", &[&a, &b]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ShapeMismatch);
        let r = range(&[2, 1], DType::Float32);
        assert_eq!(
            Tensor::einsum("ii", &[&r]).unwrap_err().kind(),
            ErrorKind::ShapeMismatch
        );
        assert_eq!(
            Tensor::einsum("ij", &[]).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }
}

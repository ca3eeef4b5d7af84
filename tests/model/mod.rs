//! A reference model of ExTensor's handles and storages, and an interpreter that drives
//! the core and the model with the same random steps and checks them against each other
//! after every step. Used by `tests/model_based.rs` (proptest) and `fuzz/` (cargo-fuzz).
//!
//! The model is deliberately naive and independent of the core's layout code: a storage is
//! a `Vec<i64>`, a handle is an index map (the storage position of each of its elements in
//! C order) plus a shape, and every view op is computed by enumerating indices.

use extensor::core::{DType, IndexItem, Scalar, Storage, Tensor};
use std::sync::Weak;

/// One step, as raw numbers: the interpreter turns them into a valid-ish op for the
/// current state, so any byte string is a meaningful program.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub kind: u8,
    pub a: u8,
    pub b: u8,
    pub c: u8,
}

impl Step {
    /// Steps from raw bytes (4 per step), for the fuzzer.
    pub fn from_bytes(bytes: &[u8]) -> Vec<Step> {
        bytes
            .chunks_exact(4)
            .map(|c| Step {
                kind: c[0],
                a: c[1],
                b: c[2],
                c: c[3],
            })
            .collect()
    }
}

struct ModelHandle {
    storage: usize,
    map: Vec<usize>,
    shape: Vec<usize>,
    writable: bool,
}

struct ModelStorage {
    values: Vec<i64>,
    observer: Weak<Storage>,
}

/// The state: live core handles beside their models.
#[derive(Default)]
pub struct World {
    handles: Vec<(Tensor, ModelHandle)>,
    storages: Vec<ModelStorage>,
}

fn size(shape: &[usize]) -> usize {
    shape.iter().product()
}

/// C-order multi-indices of `shape`.
fn indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![];
    let n = size(shape);
    for flat in 0..n {
        let mut rest = flat;
        let mut idx = vec![0; shape.len()];
        for axis in (0..shape.len()).rev() {
            idx[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        out.push(idx);
    }
    out
}

fn flat_of(idx: &[usize], shape: &[usize]) -> usize {
    idx.iter().zip(shape).fold(0, |acc, (&i, &d)| acc * d + i)
}

/// Python's `range(n)[start:stop:step]`, computed by walking the range.
fn python_slice(n: usize, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<usize> {
    let all: Vec<i64> = (0..n as i64).collect();
    let norm = |v: i64| if v < 0 { v + n as i64 } else { v };
    let mut picked = vec![];
    if step > 0 {
        let lo = start.map(norm).unwrap_or(0).clamp(0, n as i64);
        let hi = stop.map(norm).unwrap_or(n as i64).clamp(0, n as i64);
        let mut i = lo;
        while i < hi {
            picked.push(all[i as usize] as usize);
            i += step;
        }
    } else {
        let lo = start
            .map(norm)
            .unwrap_or(n as i64 - 1)
            .clamp(-1, n as i64 - 1);
        let hi = stop.map(norm).unwrap_or(-1).clamp(-1, n as i64 - 1);
        let mut i = lo;
        while i > hi {
            picked.push(all[i as usize] as usize);
            i += step;
        }
    }
    picked
}

impl World {
    fn values(&self, h: &ModelHandle) -> Vec<i64> {
        h.map
            .iter()
            .map(|&p| self.storages[h.storage].values[p])
            .collect()
    }

    fn new_storage(&mut self, values: Vec<i64>, t: &Tensor) -> usize {
        self.storages.push(ModelStorage {
            values,
            observer: t.storage_observer(),
        });
        self.storages.len() - 1
    }

    fn pick(&self, byte: u8) -> Option<usize> {
        (!self.handles.is_empty()).then(|| byte as usize % self.handles.len())
    }

    /// Adds the core's result of a view op with the model's expectation. When the core
    /// copied (a reshape or contiguous that could not be a view), the model copies too.
    fn adopt(
        &mut self,
        t: Tensor,
        src: usize,
        shape: Vec<usize>,
        src_positions: Vec<usize>,
        writable: bool,
    ) {
        let source = &self.handles[src].1;
        let map: Vec<usize> = src_positions.iter().map(|&p| source.map[p]).collect();
        let model = if t.shares_memory(&self.handles[src].0) {
            ModelHandle {
                storage: source.storage,
                map,
                shape,
                writable,
            }
        } else {
            let values: Vec<i64> = map
                .iter()
                .map(|&p| self.storages[source.storage].values[p])
                .collect();
            let storage = self.new_storage(values, &t);
            ModelHandle {
                storage,
                map: (0..src_positions.len()).collect(),
                shape,
                writable: true,
            }
        };
        self.handles.push((t, model));
    }

    /// Runs one step; panics when the core and the model disagree.
    pub fn step(&mut self, s: Step) {
        match s.kind % 10 {
            0 | 1 => {
                let shape: Vec<usize> = (0..s.a % 4)
                    .map(|k| ((s.b >> (2 * k)) & 3) as usize + (k == 0) as usize)
                    .collect();
                let n = size(&shape);
                let values: Vec<i64> = (0..n as i64).map(|i| (i * 7 + s.c as i64) % 100).collect();
                let t = Tensor::from_scalars(
                    &shape,
                    DType::Int64,
                    values.iter().map(|&v| Scalar::Int(v)),
                )
                .unwrap();
                let storage = self.new_storage(values, &t);
                self.handles.push((
                    t,
                    ModelHandle {
                        storage,
                        map: (0..n).collect(),
                        shape,
                        writable: true,
                    },
                ));
            }
            2 => {
                let Some(h) = self.pick(s.a) else { return };
                let t = self.handles[h].0.share();
                let m = &self.handles[h].1;
                let copy = ModelHandle {
                    storage: m.storage,
                    map: m.map.clone(),
                    shape: m.shape.clone(),
                    writable: m.writable,
                };
                self.handles.push((t, copy));
            }
            3 => {
                // Free (drop) a handle.
                let Some(h) = self.pick(s.a) else { return };
                let (t, m) = self.handles.swap_remove(h);
                drop(t);
                let observer = &self.storages[m.storage].observer;
                let still_held = self.handles.iter().any(|(_, o)| o.storage == m.storage);
                assert_eq!(
                    observer.upgrade().is_some(),
                    still_held,
                    "storage lives exactly while a handle does"
                );
            }
            4 => self.slice(s),
            5 => {
                let Some(h) = self.pick(s.a) else { return };
                let (shape, ndim) = (
                    self.handles[h].1.shape.clone(),
                    self.handles[h].1.shape.len(),
                );
                let mut perm: Vec<usize> = (0..ndim).collect();
                perm.rotate_left(if ndim > 0 { s.b as usize % ndim } else { 0 });
                if s.c % 2 == 1 {
                    perm.reverse();
                }
                let axes: Vec<i64> = perm.iter().map(|&a| a as i64).collect();
                let t = self.handles[h].0.transpose(Some(&axes)).unwrap();
                let new_shape: Vec<usize> = perm.iter().map(|&a| shape[a]).collect();
                let positions = indices(&new_shape)
                    .iter()
                    .map(|idx| {
                        let mut old = vec![0; ndim];
                        for (k, &a) in perm.iter().enumerate() {
                            old[a] = idx[k];
                        }
                        flat_of(&old, &shape)
                    })
                    .collect();
                let writable = self.handles[h].1.writable;
                self.adopt(t, h, new_shape, positions, writable);
            }
            6 => {
                // Reshape to a shape of the same size: a rotation of the factor list.
                let Some(h) = self.pick(s.a) else { return };
                let shape = self.handles[h].1.shape.clone();
                let n = size(&shape);
                let new_shape: Vec<usize> = if n == 0 {
                    vec![0]
                } else if s.b % 2 == 0 {
                    vec![n]
                } else {
                    let mut v = shape.clone();
                    v.reverse();
                    v
                };
                let spec: Vec<i64> = new_shape.iter().map(|&d| d as i64).collect();
                let t = self.handles[h].0.reshape(&spec).unwrap();
                let writable = self.handles[h].1.writable || !t.shares_memory(&self.handles[h].0);
                self.adopt(t, h, new_shape, (0..n).collect(), writable);
            }
            7 => {
                // Broadcast: a new leading axis of length 1..3.
                let Some(h) = self.pick(s.a) else { return };
                let shape = self.handles[h].1.shape.clone();
                let lead = s.b as usize % 3 + 1;
                let new_shape: Vec<usize> =
                    std::iter::once(lead).chain(shape.iter().copied()).collect();
                let t = self.handles[h].0.broadcast_to(&new_shape).unwrap();
                let n = size(&shape);
                let positions = (0..lead * n)
                    .map(|i| if n == 0 { 0 } else { i % n })
                    .collect();
                self.adopt(t, h, new_shape, positions, false);
            }
            8 => {
                // Write one element (or fill), through whichever handle.
                let Some(h) = self.pick(s.a) else { return };
                let (t, m) = &self.handles[h];
                let n = m.map.len();
                let value = s.c as i64 - 100;
                if s.b % 4 == 0 {
                    let r = t.fill(Scalar::Int(value));
                    assert_eq!(r.is_ok(), m.writable, "fill on writable={}", m.writable);
                    if r.is_ok() {
                        let (storage, map) = (m.storage, m.map.clone());
                        for p in map {
                            self.storages[storage].values[p] = value;
                        }
                    }
                } else if n > 0 {
                    let flat = s.b as usize % n;
                    let idx: Vec<i64> = indices(&m.shape)[flat].iter().map(|&i| i as i64).collect();
                    let r = t.set(Scalar::Int(value), &idx);
                    assert_eq!(r.is_ok(), m.writable, "set on writable={}", m.writable);
                    if r.is_ok() {
                        let (storage, p) = (m.storage, m.map[flat]);
                        self.storages[storage].values[p] = value;
                    }
                }
            }
            _ => {
                // contiguous(): the same storage when already contiguous, else a copy.
                let Some(h) = self.pick(s.a) else { return };
                let t = self.handles[h].0.contiguous().unwrap();
                let (shape, writable) =
                    (self.handles[h].1.shape.clone(), self.handles[h].1.writable);
                let n = size(&shape);
                self.adopt(t, h, shape, (0..n).collect(), writable);
            }
        }
        self.check();
    }

    fn slice(&mut self, s: Step) {
        let Some(h) = self.pick(s.a) else { return };
        let shape = self.handles[h].1.shape.clone();
        if shape.is_empty() {
            return;
        }
        let n = shape[0];
        let step = [1i64, 2, -1, -2][s.b as usize % 4];
        let bound = |b: u8| -> Option<i64> { (b % 5 != 0).then(|| b as i64 % 7 - 3) };
        let (start, stop) = (bound(s.c), bound(s.c / 5 + s.b / 4));
        let item = if s.b % 8 == 7 && n > 0 {
            IndexItem::Index((s.c as usize % n) as i64)
        } else {
            IndexItem::Slice {
                start,
                stop,
                step: Some(step),
            }
        };
        let t = self.handles[h].0.slice(&[item]).unwrap();
        let picked = match item {
            IndexItem::Index(i) => vec![i as usize],
            _ => python_slice(n, start, stop, step),
        };
        let rest = &shape[1..];
        let keep_axis = !matches!(item, IndexItem::Index(_));
        let new_shape: Vec<usize> = if keep_axis {
            std::iter::once(picked.len())
                .chain(rest.iter().copied())
                .collect()
        } else {
            rest.to_vec()
        };
        let inner = size(rest);
        let positions = picked
            .iter()
            .flat_map(|&i| (0..inner).map(move |j| i * inner + j))
            .collect();
        let writable = self.handles[h].1.writable;
        self.adopt(t, h, new_shape, positions, writable);
    }

    /// Every live handle against its model: shape, values, sharing, reference counts.
    pub fn check(&self) {
        for (t, m) in &self.handles {
            assert_eq!(t.shape(), m.shape.as_slice(), "shape");
            assert_eq!(
                t.to_vec::<i64>().unwrap(),
                self.values(m),
                "values of a handle of shape {:?}",
                m.shape
            );
            assert_eq!(t.is_writable(), m.writable, "writability");
            // Layout: the model's index map implies the offset and every stride that matters
            // (axes of length 1 and empty tensors may carry any stride).
            if !m.map.is_empty() {
                assert_eq!(t.offset(), m.map[0], "offset");
                for axis in 0..m.shape.len() {
                    if m.shape[axis] > 1 {
                        let mut unit = vec![0; m.shape.len()];
                        unit[axis] = 1;
                        let step = m.map[flat_of(&unit, &m.shape)] as isize - m.map[0] as isize;
                        assert_eq!(
                            t.strides()[axis],
                            step,
                            "stride of axis {axis} in shape {:?}",
                            m.shape
                        );
                    }
                }
            }
            let holders = self
                .handles
                .iter()
                .filter(|(_, o)| o.storage == m.storage)
                .count();
            assert_eq!(t.ref_count(), holders, "refCount");
        }
        for (i, (a, ma)) in self.handles.iter().enumerate() {
            for (b, mb) in self.handles.iter().skip(i + 1) {
                assert_eq!(a.shares_memory(b), ma.storage == mb.storage, "sharesMemory");
            }
        }
    }

    /// Drops everything; every storage must then be gone.
    pub fn finish(mut self) {
        self.handles.clear();
        for s in &self.storages {
            assert!(
                s.observer.upgrade().is_none(),
                "a storage outlived its last handle"
            );
        }
    }
}

/// Runs a program from its first step to the end, then releases everything.
pub fn run(steps: &[Step]) {
    let mut world = World::default();
    for &s in steps {
        world.step(s);
    }
    world.finish();
}

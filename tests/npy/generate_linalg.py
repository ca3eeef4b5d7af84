"""Writes linalg.json: ex.linalg edge cases with NumPy's own answers, run natively by
tests/linalg_numpy.rs and on wasm by tests/js/linalg.test.mjs. Run by hand when adding cases:
    pip install numpy && python3 tests/npy/generate_linalg.py

Each case names the function, its input tensors (flat C-order values, a shape, a dtype, and
an optional view: `transpose` axes, then a `slice` spec, both applied before the call, so
the input reaches the function non-contiguous), the norm options, and NumPy's result, or
the error code its exception maps to: LinAlgError (singular, not positive-definite,
non-square) and norm's ValueError are INVALID_ARGUMENT, solve's core-dimension ValueError
SHAPE_MISMATCH, the float16 TypeError DTYPE.
"""
import json
import math
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
rng = np.random.default_rng(20240611)


def diag_dominant(*shape):
    """Well-conditioned square matrices: results agree to the conformance tolerances."""
    n = shape[-1]
    a = rng.integers(-4, 5, size=shape).astype(np.float64)
    return a + np.eye(n) * (4 * n)


def spd(*shape):
    n = shape[-1]
    a = rng.integers(-3, 4, size=shape).astype(np.float64)
    return a @ np.swapaxes(a, -1, -2) + np.eye(n) * n


def number(x):
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def tensor_spec(a, transpose=None, slice_=None):
    """The input as the runners build it: `a` is the base; the view is applied to it."""
    spec = {"dtype": str(a.dtype), "shape": list(a.shape), "values": [number(v) for v in a.ravel()]}
    if transpose is not None:
        spec["transpose"] = list(transpose)
    if slice_ is not None:
        spec["slice"] = slice_
    return spec


def view_of(a, transpose=None, slice_=None):
    v = a
    if transpose is not None:
        v = v.transpose(transpose)
    if slice_ is not None:
        v = eval(f"v[{slice_}]")  # the specs below are NumPy slice text, as ex's slice()
    return v


def error_code(fn, e):
    if isinstance(e, TypeError):
        return "DTYPE"
    if isinstance(e, np.linalg.LinAlgError):
        return "INVALID_ARGUMENT"
    if isinstance(e, ValueError):
        return "SHAPE_MISMATCH" if fn == "solve" else "INVALID_ARGUMENT"
    raise e


cases = []


def case(name, fn, inputs, options=None):
    """inputs: (array, transpose, slice) triples or bare arrays."""
    inputs = [i if isinstance(i, tuple) else (i, None, None) for i in inputs]
    arrays = [view_of(*i) for i in inputs]
    numpy_options = {} if options is None else {
        "ord": options.get("ord"), "axis": options.get("axis"), "keepdims": options.get("keepDims", False),
    }
    if numpy_options.get("axis") is not None and isinstance(numpy_options["axis"], list):
        numpy_options["axis"] = tuple(numpy_options["axis"])
    entry = {"name": name, "fn": fn, "inputs": [tensor_spec(*i) for i in inputs]}
    if options is not None:
        entry["options"] = {k: number(v) if isinstance(v, float) else v for k, v in options.items()}
    try:
        out = np.asarray(getattr(np.linalg, fn)(*arrays, **numpy_options))
        entry["expect"] = {"shape": list(out.shape), "dtype": str(out.dtype), "values": [number(v) for v in out.ravel()]}
    except Exception as e:  # noqa: BLE001 - every NumPy error maps to a code, or re-raises
        entry["expect"] = {"error": error_code(fn, e), "numpy": f"{type(e).__name__}: {e}"}
    cases.append(entry)


# ---------------------------------------------------------------- inv
case("inv f64 3x3", "inv", [diag_dominant(3, 3)])
case("inv f32 batched 2x3x3", "inv", [diag_dominant(2, 3, 3).astype(np.float32)])
case("inv int32 promotes to float64", "inv", [diag_dominant(2, 2).astype(np.int32)])
case("inv uint8 promotes to float64", "inv", [np.array([[2, 1], [1, 3]], dtype=np.uint8)])
case("inv bool identity", "inv", [np.eye(2, dtype=bool)])
case("inv 1x1", "inv", [np.array([[4.0]])])
case("inv 0x0", "inv", [np.zeros((0, 0))])
case("inv empty batch of 0x0", "inv", [np.zeros((2, 0, 0), dtype=np.float32)])
case("inv zero batch of 3x3", "inv", [np.zeros((0, 3, 3))])
case("inv of a transposed (column-major) view", "inv", [(diag_dominant(3, 3), (1, 0), None)])
case("inv of a reversed batch view", "inv", [(diag_dominant(3, 2, 2), None, "::-1")])
case("inv of a pivoting matrix", "inv", [np.array([[0.0, 2, 1], [1, 1, 1], [2, 1, 3]])])
case("inv singular", "inv", [np.array([[1.0, 2], [2, 4]])])
case("inv singular in the second of a batch", "inv", [np.array([[[1.0, 0], [0, 1]], [[0.0, 0], [0, 0]]])])
case("inv float16", "inv", [np.eye(2, dtype=np.float16)])
case("inv non-square", "inv", [np.zeros((2, 3))])
case("inv 1-D", "inv", [np.zeros(3)])

# ---------------------------------------------------------------- solve
case("solve f64 with one vector", "solve", [diag_dominant(3, 3), rng.integers(-5, 6, 3).astype(np.float64)])
case("solve f32 batch, b shared [n, k]", "solve", [diag_dominant(2, 3, 3).astype(np.float32), rng.integers(-5, 6, (3, 2)).astype(np.float32)])
case("solve batch broadcast a [1,n,n] b [4,n,1]", "solve", [diag_dominant(1, 3, 3), rng.integers(-5, 6, (4, 3, 1)).astype(np.float64)])
case("solve batch broadcast a [2,1,n,n] b [3,n,2]", "solve", [diag_dominant(2, 1, 2, 2), rng.integers(-5, 6, (3, 2, 2)).astype(np.float64)])
case("solve batched a with one vector for all", "solve", [diag_dominant(2, 2, 2), np.array([1.0, -1.0])])
case("solve int64 a and int8 b give float64", "solve", [diag_dominant(3, 3).astype(np.int64), np.array([1, 2, 3], dtype=np.int8)])
case("solve float32 a and float64 b give float64", "solve", [diag_dominant(2, 2).astype(np.float32), np.array([1.0, 2.0])])
case("solve 1x1", "solve", [np.array([[4.0]]), np.array([[2.0, 8.0]])])
case("solve 0x0 with an empty vector", "solve", [np.zeros((0, 0)), np.zeros(0)])
case("solve with k = 0", "solve", [diag_dominant(3, 3), np.zeros((3, 0))])
case("solve with transposed a and b views", "solve", [(diag_dominant(3, 3), (1, 0), None), (rng.integers(-5, 6, (2, 3)).astype(np.float64), (1, 0), None)])
case("solve with a strided b", "solve", [diag_dominant(3, 3), (np.arange(6.0), None, "::2")])
case("solve singular", "solve", [np.ones((3, 3)), np.ones(3)])
case("solve b rows mismatched", "solve", [diag_dominant(3, 3), np.ones((2, 1))])
case("solve vector mismatched", "solve", [diag_dominant(3, 3), np.ones(2)])
case("solve batches that do not broadcast", "solve", [diag_dominant(2, 2, 2), np.ones((3, 2, 1))])
case("solve float16 b", "solve", [np.eye(2), np.ones(2, dtype=np.float16)])
case("solve non-square a", "solve", [np.ones((2, 3)), np.ones(2)])

# ---------------------------------------------------------------- det
case("det f64 4x4", "det", [diag_dominant(4, 4)])
case("det f32 batched 3x2x2", "det", [diag_dominant(3, 2, 2).astype(np.float32)])
case("det int16 promotes to float64", "det", [np.array([[1, 2], [3, 4]], dtype=np.int16)])
case("det bool", "det", [np.array([[True, True], [False, True]])])
case("det singular is 0", "det", [np.array([[1.0, 2, 3], [4, 5, 6], [1, 2, 3]])])
case("det of a permutation is -1", "det", [np.array([[0.0, 1], [1, 0]])])
case("det 0x0 is 1", "det", [np.zeros((0, 0))])
case("det batch of 0x0", "det", [np.zeros((2, 0, 0), dtype=np.float32)])
case("det zero batch", "det", [np.zeros((0, 2, 2))])
case("det 1x1", "det", [np.array([[-3.5]], dtype=np.float32)])
case("det transposed view", "det", [(diag_dominant(2, 3, 3), (0, 2, 1), None)])
case("det float16", "det", [np.eye(2, dtype=np.float16)])
case("det non-square", "det", [np.zeros((3, 2))])

# ---------------------------------------------------------------- cholesky
case("cholesky f64 4x4", "cholesky", [spd(4, 4)])
case("cholesky f32 batched", "cholesky", [spd(2, 3, 3).astype(np.float32)])
case("cholesky int32 promotes", "cholesky", [np.array([[4, 2], [2, 5]], dtype=np.int32)])
case("cholesky reads only the lower triangle", "cholesky", [np.array([[4.0, 99.0], [2.0, 5.0]])])
case("cholesky 1x1", "cholesky", [np.array([[9.0]])])
case("cholesky 0x0", "cholesky", [np.zeros((0, 0))])
case("cholesky transposed view", "cholesky", [(np.array([[4.0, 2.0], [-7.0, 5.0]]), (1, 0), None)])
case("cholesky not positive-definite", "cholesky", [np.array([[1.0, 2.0], [2.0, 1.0]])])
case("cholesky negative diagonal in a batch", "cholesky", [np.array([[[1.0]], [[-1.0]]])])
case("cholesky float16", "cholesky", [np.eye(2, dtype=np.float16)])
case("cholesky non-square", "cholesky", [np.zeros((1, 2))])

# ---------------------------------------------------------------- norm
v = rng.integers(-6, 7, 7).astype(np.float64)
m = rng.integers(-6, 7, (3, 4)).astype(np.float64)
stack = rng.integers(-6, 7, (2, 3, 4)).astype(np.float64)
for ord_ in [None, 2, 1, math.inf, -math.inf, 0, 3, 0.5, -1, -2]:
    case(f"norm vector ord {ord_}", "norm", [v], {"ord": ord_})
for ord_ in [None, "fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf]:
    case(f"norm matrix ord {ord_}", "norm", [m], {"ord": ord_})
for ord_ in [None, "fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf]:
    case(f"norm stacked matrices axis (2, 0) ord {ord_} keepDims", "norm", [stack], {"ord": ord_, "axis": [2, 0], "keepDims": True})
for ord_ in [None, 1, math.inf, 0, 4]:
    case(f"norm vectors over axis 1 ord {ord_}", "norm", [stack], {"ord": ord_, "axis": 1})
case("norm default of a 3-d array", "norm", [stack])
case("norm default of a 3-d array keepDims", "norm", [stack], {"keepDims": True})
case("norm vectors keepDims axis -1", "norm", [m], {"axis": -1, "keepDims": True})
case("norm of a 0-d array", "norm", [np.array(-3.0)])
case("norm of an empty vector", "norm", [np.zeros(0)])
case("norm float32 keeps float32", "norm", [m.astype(np.float32)], {"ord": 1, "axis": 0})
case("norm float16 keeps float16", "norm", [v.astype(np.float16)])
case("norm float16 matrix ord inf", "norm", [m.astype(np.float16)], {"ord": math.inf})
case("norm int8 gives float64", "norm", [v.astype(np.int8)], {"ord": 3})
case("norm bool gives float64", "norm", [np.array([True, False, True])], {"ord": 0})
case("norm uint32 matrix gives float64", "norm", [np.abs(m).astype(np.uint32)], {"ord": "fro"})
case("norm of a transposed view", "norm", [(m, (1, 0), None)], {"ord": 1})
case("norm of a strided view", "norm", [(stack, None, "::-1, :, 1::2")], {"axis": [0, 2], "ord": "nuc"})
case("norm with NaN", "norm", [np.array([1.0, math.nan, 2.0])], {"ord": 1})
case("norm with infinity", "norm", [np.array([1.0, -math.inf])])
case("norm 'fro' of a vector", "norm", [v], {"ord": "fro"})
case("norm 'nuc' over one axis", "norm", [m], {"ord": "nuc", "axis": 0})
case("norm matrix ord 3", "norm", [m], {"ord": 3})
case("norm matrix ord 0", "norm", [m], {"ord": 0})
case("norm 3-d with an ord and no axis", "norm", [stack], {"ord": 2})
case("norm three axes", "norm", [stack], {"axis": [0, 1, 2]})
case("norm repeated axes", "norm", [m], {"axis": [1, -1]})
case("norm axis out of range", "norm", [m], {"axis": 2})
case("norm float16 nuclear", "norm", [m.astype(np.float16)], {"ord": "nuc"})
case("norm ord inf of an empty vector", "norm", [np.zeros(0)], {"ord": math.inf})
case("norm ord 2 of an empty matrix", "norm", [np.zeros((0, 3))], {"ord": 2})
case("norm ord nuc of an empty matrix", "norm", [np.zeros((0, 3))], {"ord": "nuc"})
case("norm ord 2 of a matrix with NaN", "norm", [np.array([[1.0, math.nan], [0.0, 1.0]])], {"ord": 2})
case("norm ord nuc of a matrix with infinity", "norm", [np.array([[1.0, math.inf], [0.0, 1.0]])], {"ord": "nuc"})
case("norm ord -2 of a batch, one matrix with infinity", "norm", [np.array([[[1.0, 0], [0, 2]], [[math.inf, 0], [0, 1]]])], {"ord": -2, "axis": [1, 2]})

(HERE / "linalg.json").write_text(json.dumps({"generator": f"numpy {np.__version__}", "cases": cases}, indent=1) + "\n")
print(f"{len(cases)} cases")

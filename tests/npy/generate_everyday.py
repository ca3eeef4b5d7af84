"""Edge cases of the Everyday NumPy functions, from NumPy: writes tests/npy/everyday.json.

Cases use the `call` format of the conformance vectors (API.md, "Conformance vectors"), so
both runners run them as they run cases-v2.json: tests/conformance.rs natively and
tests/js/conformance.test.mjs on every wasm build. Expected values come from NumPy 2 (SciPy's
definitions for erf / logsumexp / log_softmax, written out with NumPy); `sort` and `argsort`
with `descending` (NumPy has none) use the contract's order: a stable sort on the mirrored
comparison, NaN first.

Run: python3 tests/npy/generate_everyday.py   (deterministic; commit the JSON)
"""
import json
import math
import warnings
from pathlib import Path

import numpy as np

warnings.simplefilter("ignore")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64"]
INTS = [d for d in DTYPES if d.startswith(("int", "uint"))]
FLOATS = ["float16", "float32", "float64"]
cases = []


def enc(v, dtype):
    if dtype == "bool":
        return bool(v)
    if dtype in FLOATS:
        v = float(v)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    v = int(v)
    return str(v) if abs(v) > 2**53 - 1 else v


def tensor(a):
    a = np.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": [enc(v, str(a.dtype)) for v in a.ravel()]}


def arg(v, inputs):
    if isinstance(v, np.ndarray):
        inputs.append(v)
        return {"input": len(inputs) - 1}
    if isinstance(v, dict):
        return {"options": {k: arg(x, inputs) for k, x in v.items()}}
    if isinstance(v, list):
        return [arg(x, inputs) for x in v]
    if isinstance(v, float) and (math.isinf(v) or math.isnan(v)):
        return {"number": "Infinity" if v > 0 else "-Infinity" if v < 0 else "NaN"}
    return v


def add(name, receiver, args, expect, on_tensor=True):
    inputs = [receiver] if on_tensor else []
    encoded = [arg(a, inputs) for a in args]
    call = {"on": 0 if on_tensor else None, "name": name, "args": encoded}
    cases.append({"id": f"everyday-{len(cases)}", "kind": "call", "inputs": [tensor(i) for i in inputs],
                  "call": call, "expect": expect})


def result(a):
    return tensor(np.asarray(a))


def outcome(fn):
    try:
        return result(fn())
    except (IndexError,) as e:
        return {"error": "INDEX_OUT_OF_BOUNDS"}
    except (ValueError, OverflowError, np.exceptions.AxisError):
        return {"error": "INVALID_ARGUMENT"}
    except TypeError:
        return {"error": "DTYPE"}


def sample(dtype, shape=(2, 3), seed=0):
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(bool)
    if dtype in FLOATS:
        return (rng.integers(-8, 8, size=shape) / 2).astype(dtype)
    lo = 0 if dtype.startswith("u") else -5
    return rng.integers(lo, 6, size=shape).astype(dtype)


def float_of(dtype):
    return {"bool": "float16", "int8": "float16", "uint8": "float16", "int16": "float32",
            "uint16": "float32"}.get(dtype, dtype if dtype in FLOATS else "float64")


# --- sort / argsort / topk: NaN order, ties, every dtype, empty axes, negative axes
def descending_order(lane):
    keyed = [(0 if (isinstance(x, float) and math.isnan(x)) else 1, x) for x in lane]
    return sorted(range(len(lane)), key=lambda i: (keyed[i][0], 0) if keyed[i][0] == 0 else (1, -float(keyed[i][1])))


for d in DTYPES:
    x = sample(d, (3, 4), seed=1)
    if d in FLOATS:
        x[0, 1] = np.nan
        x[2, 3] = np.nan
    for axis in (-1, 0):
        add("sort", x, [axis], result(np.sort(x, axis=axis, kind="stable")))
        add("argsort", x, [axis], result(np.argsort(x, axis=axis, kind="stable").astype(np.int32)))
    # Descending: the mirrored comparison, stable; NaN first.
    lanes = np.moveaxis(x, -1, -1).reshape(-1, x.shape[-1])
    idx = np.array([descending_order([float(v) if d != "bool" else int(v) for v in lane]) for lane in lanes], dtype=np.int32).reshape(x.shape)
    add("argsort", x, [-1, {"descending": True}], result(idx))
    add("sort", x, [-1, {"descending": True}], result(np.take_along_axis(x, idx, axis=-1)))
    # topk: the first k of that order; ties to the lowest index.
    k = 2
    add("topk", x, [k], {"tuple": {"values": result(np.take_along_axis(x, idx[:, :k], axis=-1)),
                                   "indices": result(idx[:, :k])}})
    asc = np.argsort(x, axis=0, kind="stable").astype(np.int32)
    add("topk", x, [k, {"axis": 0, "largest": False}], {"tuple": {"values": result(np.take_along_axis(x, asc[:k], axis=0)),
                                                                  "indices": result(asc[:k])}})
ties = np.array([1, 3, 3, 1, 3], dtype=np.int16)
add("topk", ties, [2], {"tuple": {"values": result(np.array([3, 3], np.int16)), "indices": result(np.array([1, 2], np.int32))}})
empty = np.zeros((0, 3), np.float32)
add("sort", empty, [0], result(np.sort(empty, axis=0)))
add("argsort", empty, [-1], result(np.argsort(empty, axis=-1).astype(np.int32)))
add("sort", np.float64(1.5).reshape(()), [], {"error": "INVALID_ARGUMENT"})
# axis None (a JS null): the flattened tensor, flat indices; a 0-d tensor becomes one element.
for d in ("float32", "int16", "bool", "uint64"):
    x = sample(d, (3, 4), seed=4)
    if d == "float32":
        x[1, 2] = np.nan
    add("sort", x, [None], result(np.sort(x, axis=None, kind="stable")))
    add("argsort", x, [None], result(np.argsort(x, axis=None, kind="stable").astype(np.int32)))
add("sort", np.float64(1.5).reshape(()), [None], result(np.sort(np.float64(1.5).reshape(()), axis=None)))
add("argsort", np.zeros((2, 0, 3), np.int8), [None], result(np.argsort(np.zeros((2, 0, 3), np.int8), axis=None).astype(np.int32)))

# --- cumsum / cumprod: default dtypes, overflow wraps, dtype=, flattened, empty
for d in DTYPES:
    x = sample(d, (2, 3), seed=2)
    add("cumsum", x, [], outcome(lambda: np.cumsum(x)))
    add("cumprod", x, [1], outcome(lambda: np.cumprod(x, axis=1)))
    add("cumsum", x, [-2], outcome(lambda: np.cumsum(x, axis=-2)))
big = np.array([100, 100, 100, -128], np.int8)
add("cumsum", big, [0, {"dtype": "int8"}], result(np.cumsum(big, dtype=np.int8)))
add("cumprod", np.array([2**40, 2**40, 3], np.int64), [], result(np.cumprod(np.array([2**40, 2**40, 3], np.int64))))
add("cumsum", np.array([True, True, False]), [None, {"dtype": "bool"}], result(np.cumsum(np.array([True, True, False]), dtype=bool)))
add("cumsum", np.zeros((0,), np.uint8), [], result(np.cumsum(np.zeros((0,), np.uint8))))
add("cumsum", np.int32(7).reshape(()), [], result(np.cumsum(np.int32(7).reshape(()))))
# A 0-d input along axis 0 or -1 is one element, as with no axis; axis 1 is out of range.
for axis in (0, -1):
    add("cumprod", np.float32(3).reshape(()), [axis], result(np.cumprod(np.float32(3).reshape(()), axis=axis)))
add("cumprod", np.float32(3).reshape(()), [1], {"error": "INVALID_ARGUMENT"})  # NumPy's AxisError

# --- std / var / any / all / logSumExp / logSoftmax
for d in DTYPES:
    x = sample(d, (3, 4), seed=3)
    if d != "bool":
        add("var", x, [None, False, {"ddof": 1}], outcome(lambda: np.var(x, ddof=1)))
        add("std", x, [0, True], outcome(lambda: np.std(x, axis=0, keepdims=True)))
    add("any", x, [1], result(np.any(x, axis=1)))
    add("all", x, [-2, True], result(np.all(x, axis=-2, keepdims=True)))
add("any", np.zeros((2, 0), np.float32), [1], result(np.any(np.zeros((2, 0)), axis=1)))
add("all", np.zeros((2, 0), np.float32), [1], result(np.all(np.zeros((2, 0)), axis=1)))
add("any", np.array([0.0, np.nan]), [], result(np.any(np.array([0.0, np.nan]))))
add("var", np.array([1.0, 3.0]), [None, False, {"ddof": 2}], result(np.var(np.array([1.0, 3.0]), ddof=2)))


def logsumexp(x, axis=None, keepdims=False):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    s = np.sum(np.exp(x - m), axis=axis, keepdims=True)
    out = np.log(s) + m
    return out if keepdims else np.squeeze(out, axis=axis) if axis is not None else out.reshape(())


for d in ["float32", "float64", "int16"]:
    x = sample(d, (2, 3), seed=4).astype(d) * (100 if d != "int16" else 1)
    xf = x.astype(float_of(d))
    add("logSumExp", x, [-1], result(logsumexp(xf, axis=-1).astype(float_of(d))))
    add("logSoftmax", x, [0], result((xf - logsumexp(xf, axis=0, keepdims=True)).astype(float_of(d))))
inf_row = np.array([[-np.inf, -np.inf], [1000.0, 1000.0]])
add("logSumExp", inf_row, [1], result(logsumexp(inf_row, axis=1)))

# --- clip: NEP 50 dtypes, bounds beyond the dtype dropped, NaN, lo > hi
for d in DTYPES:
    x = sample(d, (2, 3), seed=5)
    add("clip", x, [0, 2], outcome(lambda: np.clip(x, 0, 2)))
    add("clip", x, [-1.5, None], outcome(lambda: np.clip(x, -1.5, None)))
    if d in INTS:
        add("clip", x, [-1000, 1], outcome(lambda: np.clip(x, -1000, 1)))
add("clip", np.array([1.0, np.nan, 5.0]), [4, 2], result(np.clip(np.array([1.0, np.nan, 5.0]), 4, 2)))

# --- mod / floorDiv / atan2: zero divisors, signs, every dtype
for d in DTYPES:
    if d == "bool":
        continue
    x = sample(d, (2, 3), seed=6)
    y = sample(d, (2, 3), seed=7)
    add("mod", x, [y], outcome(lambda: np.remainder(x, y)))
    add("floorDiv", x, [y], outcome(lambda: np.floor_divide(x, y)))
    add("atan2", x, [y], outcome(lambda: np.arctan2(x, y)))
    add("mod", x, [-3], outcome(lambda: np.remainder(x, -3)))
add("floorDiv", np.array([-128, 127], np.int8), [np.array([-1, 0], np.int8)], result(np.floor_divide(np.array([-128, 127], np.int8), np.array([-1, 0], np.int8))))

# --- the new unary ops on every dtype, with NaN and infinities for floats
UNARY = {"log1p": np.log1p, "expm1": np.expm1, "log2": np.log2, "log10": np.log10, "exp2": np.exp2,
         "tan": np.tan, "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "sinh": np.sinh,
         "cosh": np.cosh, "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
         "sign": np.sign, "reciprocal": np.reciprocal, "trunc": np.trunc, "logicalNot": np.logical_not,
         "isNaN": np.isnan, "isFinite": np.isfinite, "isInf": np.isinf}
for d in DTYPES:
    x = sample(d, (2, 3), seed=8)
    if d in FLOATS:
        x[0, 0], x[0, 1], x[1, 2] = np.nan, np.inf, -0.5
    if d not in FLOATS and d != "bool":
        x = np.where(x == 0, 1, x).astype(d)  # reciprocal of an integer 0 is unspecified
    for name, f in UNARY.items():
        add(name, x, [], outcome(lambda: f(x)))

# --- isclose: infinities, NaN with and without equalNaN, broadcasting
a = np.array([1.0, np.inf, -np.inf, np.nan, 1e-9, 100.0])
b = np.array([1.0 + 1e-6, np.inf, np.inf, np.nan, 0.0, 100.1])
add("isclose", a, [b], result(np.isclose(a, b)), on_tensor=False) if False else None
cases.append({"id": f"everyday-{len(cases)}", "kind": "call", "inputs": [tensor(a), tensor(b)],
              "call": {"on": None, "name": "isclose", "args": [{"input": 0}, {"input": 1}, {"options": {"equalNaN": True}}]},
              "expect": result(np.isclose(a, b, equal_nan=True))})
cases.append({"id": f"everyday-{len(cases)}", "kind": "call", "inputs": [tensor(a.astype(np.float32)), tensor(np.array(1.0, np.float32))],
              "call": {"on": None, "name": "isclose", "args": [{"input": 0}, {"input": 1}]},
              "expect": result(np.isclose(a.astype(np.float32), np.float32(1.0)))})

# --- index / indexSet: separated and adjacent arrays, masks, negative, repeated writes
m = np.arange(24, dtype=np.int16).reshape(2, 3, 4)
SPECS = [
    [[1, 0]], [":", [2, 0, 2]], [0, ":", [3, -1]], [[0, 1], ":", [1, 2]], ["...", [0, -1]],
    [[[0], [1]], [1, 2]], [None, [1], "::-1"], ["1:", [True, False, True]],
]


def np_item(v):
    if isinstance(v, str):
        if v == "...":
            return Ellipsis
        parts = [int(p) if p else None for p in v.split(":")]
        return slice(*parts)
    if isinstance(v, list):
        return np.array(v)
    return v


for spec in SPECS:
    key = tuple(np_item(v) for v in spec)
    add("index", m, [spec], result(m[key]))
mask = m > 15
add("index", m, [mask], result(m[mask]))
for spec, value in [([[1, 1, 0]], 7), ([":", [2, 2]], np.array([[1, 2, 3, 4]] * 2, np.int16)), (["...", [0, -1]], -1)]:
    key = tuple(np_item(v) for v in spec)
    after = m.copy()
    after[key] = value
    cases.append({"id": f"everyday-{len(cases)}", "kind": "call",
                  "inputs": [tensor(m)] + ([tensor(value)] if isinstance(value, np.ndarray) else []),
                  "call": {"on": 0, "name": "indexSet", "args": [spec, {"input": 1} if isinstance(value, np.ndarray) else value]},
                  "expect": {"after": dict(result(after), input=0)}})
add("index", m, [[[2]]], {"error": "INDEX_OUT_OF_BOUNDS"})
add("index", m, [[[0, 1], [0, 1, 2]]], {"error": "SHAPE_MISMATCH"})

out = {"generator": f"numpy {np.__version__}", "count": len(cases), "cases": cases}
Path(__file__).with_name("everyday.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")
print(f"{len(cases)} cases")

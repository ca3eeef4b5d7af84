"""Writes tests/gather/cases.json: NumPy-computed edge cases of take, takeAlongAxis, oneHot,
nonzero, split, tile, repeat and pad, in the `call` case format of the conformance vectors
(API.md, "Conformance vectors"), plus one extension: an input may carry `view`, a list of
view ops applied after it is built (`{"op": "transpose"}`, `{"op": "slice", "spec": ...}`,
`{"op": "broadcastTo", "shape": [...]}`), for non-contiguous and broadcast inputs.
Every dtype, empty and 0-d inputs, negative axes and indices. Errors are cases where NumPy
raises, with the code the contract maps the error to. Run by hand when adding cases:
    python3 tests/gather/generate.py
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
DTYPES = ["float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16",
          "uint32", "uint64", "bool", "float16", "bfloat16"]
cases = []


def np_dtype(d):
    # bfloat16 has no NumPy dtype: its values here are small integers, exact in float32 too.
    return np.float32 if d == "bfloat16" else np.dtype(d)


def encode(a, dtype):
    out = []
    for v in a.ravel(order="C").tolist():
        if isinstance(v, float) and v != v:
            out.append("NaN")
        elif isinstance(v, float) and v in (float("inf"), float("-inf")):
            out.append("Infinity" if v > 0 else "-Infinity")
        elif dtype in ("int64", "uint64") and abs(int(v)) > 2**53 - 1:
            out.append(str(int(v)))
        else:
            out.append(v)
    return out


def base(dtype, shape, pattern="scrambled"):
    n = int(np.prod(shape))
    i = np.arange(n)
    raw = {"scrambled": i * 7919 % 13 - 4, "arange": i, "sparse": np.where(i % 3 == 0, 0, i % 5 - 2)}[pattern]
    return raw.astype(np_dtype(dtype)).reshape(shape)


def spec(a, dtype, view=None):
    s = {"dtype": dtype, "shape": list(a.shape), "values": encode(a, dtype)}
    if view:
        s["view"] = view
    return s


def apply_view(a, view):
    for op in view or []:
        if op["op"] == "transpose":
            a = a.T
        elif op["op"] == "slice":
            a = eval(f"a[{op['spec']}]", {"a": a})
        elif op["op"] == "broadcastTo":
            a = np.broadcast_to(a, op["shape"])
    return a


def tensor_expect(r, dtype, shares=None):
    e = {"shape": list(r.shape), "dtype": dtype, "values": encode(r, dtype)}
    if shares is not None:
        e["sharesMemory"] = shares
    return e


def add(name, inputs, args, fn, dtype, on=0, error=None, result="tensor"):
    """inputs: [(array, dtype, view)]; fn(numpy views) -> result or raises."""
    arrays = [apply_view(a, v) for a, _, v in inputs]
    case = {"id": f"gather-{len(cases)}", "kind": "call",
            "inputs": [spec(a, d, v) for a, d, v in inputs],
            "call": {"on": on, "name": name, "args": args}}
    if error is not None:
        try:
            fn(*arrays)
        except Exception:
            case["expect"] = {"error": error}
            cases.append(case)
            return
        raise AssertionError(f"NumPy did not raise for {name} {args}")
    r = fn(*arrays)
    if result == "list":
        case["expect"] = {"list": [tensor_expect(x, dtype, True if name == "split" and x.size > 0 else None) for x in r]}
    else:
        case["expect"] = tensor_expect(r, dtype)
    cases.append(case)


inp = {"input": 1}
# ---------------------------------------------------------------- take
for d in DTYPES:
    a = base(d, [3, 4])
    idx = np.array([[-1, 0], [2, 1]])
    add("take", [(a, d, None), (idx.astype(np.int16), "int16", None)], [inp, 0], lambda x, i: np.take(x, i, axis=0), d)
    add("take", [(a, d, None)], [[3, -4, 0], -1], lambda x: np.take(x, [3, -4, 0], axis=-1), d)
    add("take", [(a, d, [{"op": "transpose"}])], [[[5, -12]]], lambda x: np.take(x, [[5, -12]]), d)
for d, idxd in [("float32", "uint8"), ("int64", "uint64"), ("uint16", "int8"), ("float64", "bool"), ("bool", "uint32")]:
    a = base(d, [2, 3])
    idx = np.array([1, 0, 1]).astype(idxd)
    add("take", [(a, d, None), (idx, idxd, None)], [inp, 1], lambda x, i: np.take(x, i, axis=1), d)
a = base("int32", [3])
add("take", [(a, "int32", [{"op": "broadcastTo", "shape": [4, 3]}])], [[3, 0], 0], lambda x: np.take(x, [3, 0], axis=0), "int32")
add("take", [(a, "int32", [{"op": "slice", "spec": "::-2"}])], [[1, -1, 0]], lambda x: np.take(x, [1, -1, 0]), "int32")
add("take", [(np.zeros((0, 3), np.float32), "float32", None)], [[], 0], lambda x: np.take(x, np.array([], np.int64), axis=0), "float32")
add("take", [(np.zeros((2, 0), np.int8), "int8", None)], [[1, 0, -2], 0], lambda x: np.take(x, [1, 0, -2], axis=0), "int8")
add("take", [(np.array(7, np.uint8), "uint8", None)], [[0, -1, 0]], lambda x: np.take(x, [0, -1, 0]), "uint8")
add("take", [(np.array(7, np.uint8), "uint8", None)], [[[0]], 0], lambda x: np.take(x, [[0]], axis=0), "uint8")
add("take", [(np.array(-3, np.int16), "int16", None), (np.array(0, np.int64), "int64", None)], [inp], lambda x, i: np.take(x, i), "int16")
add("take", [(np.zeros((0, 3), np.float32), "float32", None)], [[5], 1], lambda x: np.take(x, [5], axis=1), "float32")
add("take", [(np.zeros((0, 0), np.int8), "int8", None)], [[0], 1], lambda x: np.take(x, [0], axis=1), "int8")
add("take", [(base("float32", [2, 3]), "float32", None)], [[0, 3], 1], lambda x: np.take(x, [0, 3], axis=1), None, error="INDEX_OUT_OF_BOUNDS")
add("take", [(base("float32", [2, 3]), "float32", None)], [[-7]], lambda x: np.take(x, [-7]), None, error="INDEX_OUT_OF_BOUNDS")
add("take", [(np.zeros((0, 3), np.float32), "float32", None)], [[0], 0], lambda x: np.take(x, [0], axis=0), None, error="INDEX_OUT_OF_BOUNDS")
add("take", [(base("float32", [2, 3]), "float32", None)], [[0], 2], lambda x: np.take(x, [0], axis=2), None, error="INVALID_ARGUMENT")
add("take", [(base("float32", [2, 3]), "float32", None), (np.array([0.0]), "float64", None)], [inp, 0], lambda x, i: np.take(x, i, axis=0), None, error="DTYPE")

# ---------------------------------------------------------------- takeAlongAxis
for d in DTYPES:
    a = base(d, [3, 4])
    idx = np.array([[3, -1, 0], [0, 1, -4], [2, 2, 2]])
    add("takeAlongAxis", [(a, d, None), (idx.astype(np.int32), "int32", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), d)
    add("takeAlongAxis", [(a, d, None), (np.array([[2, -1, 0, 1]], np.int64), "int64", None)], [inp, -2], lambda x, i: np.take_along_axis(x, i, axis=-2), d)
a = base("float32", [1, 4])
add("takeAlongAxis", [(a, "float32", None), (np.array([[0], [3], [-1]], np.int8), "int8", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), "float32")
add("takeAlongAxis", [(base("int16", [2, 3]), "int16", [{"op": "transpose"}]), (np.array([[1, 0], [0, 1], [1, 1]], np.uint8), "uint8", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), "int16")
add("takeAlongAxis", [(base("int16", [2, 3]), "int16", None), (np.array([[2, 0], [1, 1]], np.int32), "int32", [{"op": "transpose"}])], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), "int16")
add("takeAlongAxis", [(base("uint32", [2, 3]), "uint32", None), (np.array([5, -6, 0], np.int64), "int64", None)], [inp, None], lambda x, i: np.take_along_axis(x, i, axis=None), "uint32")
add("takeAlongAxis", [(base("float64", [2, 3]), "float64", None), (np.array([[0, 2]], np.int64), "int64", None)], [inp], lambda x, i: np.take_along_axis(x, i), "float64")
add("takeAlongAxis", [(np.zeros((2, 0), np.float32), "float32", None), (np.zeros((2, 0), np.int64), "int64", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), "float32")
add("takeAlongAxis", [(np.zeros((0, 3), np.float32), "float32", None), (np.full((1, 1), 7), "int64", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), "float32")
add("takeAlongAxis", [(np.zeros((2, 0), np.float32), "float32", None), (np.zeros((2, 1), np.int64), "int64", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), None, error="INDEX_OUT_OF_BOUNDS")
add("takeAlongAxis", [(base("float32", [3, 3]), "float32", None), (np.zeros((2, 2), np.int64), "int64", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), None, error="SHAPE_MISMATCH")
add("takeAlongAxis", [(base("float32", [3, 3]), "float32", None), (np.zeros((3,), np.int64), "int64", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), None, error="SHAPE_MISMATCH")
add("takeAlongAxis", [(base("float32", [3, 3]), "float32", None), (np.zeros((3, 1), bool), "bool", None)], [inp, 1], lambda x, i: np.take_along_axis(x, i, axis=1), None, error="DTYPE")
add("takeAlongAxis", [(base("float32", [3, 3]), "float32", None), (np.zeros((3, 1), np.int64), "int64", None)], [inp, None], lambda x, i: np.take_along_axis(x, i, axis=None), None, error="INVALID_ARGUMENT")
add("takeAlongAxis", [(base("float32", [3, 3]), "float32", None), (np.full((3, 1), 3), "int64", None)], [inp, -1], lambda x, i: np.take_along_axis(x, i, axis=-1), None, error="INDEX_OUT_OF_BOUNDS")

# ---------------------------------------------------------------- oneHot
for d in DTYPES:
    idx = np.array([[0, -1], [2, -3]])
    eye = np.eye(3, dtype=np_dtype(d))
    add("oneHot", [(idx.astype(np.int64), "int64", None)], [{"input": 0}, 3, d], lambda i, e=eye: e[i], d, on=None)
add("oneHot", [], [[1, -2, 3], 4], lambda: np.eye(4, dtype=np.float32)[[1, -2, 3]], "float32", on=None)
add("oneHot", [(np.array(2, np.uint8), "uint8", None)], [{"input": 0}, 3, "int32"], lambda i: np.eye(3, dtype=np.int32)[i], "int32", on=None)
add("oneHot", [(np.zeros((2, 0), np.int16), "int16", None)], [{"input": 0}, 0], lambda i: np.eye(0, dtype=np.float32)[i], "float32", on=None)
add("oneHot", [(np.array([[1, 0], [2, 1]], np.int32), "int32", [{"op": "transpose"}])], [{"input": 0}, 3, "uint8"], lambda i: np.eye(3, dtype=np.uint8)[i], "uint8", on=None)
add("oneHot", [], [[0], 0], lambda: np.eye(0)[[0]], None, on=None, error="INDEX_OUT_OF_BOUNDS")
add("oneHot", [(np.array([0.0]), "float64", None)], [{"input": 0}, 2], lambda i: np.eye(2)[i], None, on=None, error="DTYPE")

# ---------------------------------------------------------------- nonzero
for d in DTYPES:
    a = base(d, [3, 4], "sparse")
    add("nonzero", [(a, d, None)], [{"input": 0}], np.nonzero, "int32", on=None, result="list")
    add("nonzero", [(a, d, [{"op": "slice", "spec": "::-1, 1::2"}])], [{"input": 0}], np.nonzero, "int32", on=None, result="list")
add("nonzero", [(np.array([0.0, np.nan, -0.0, np.inf]), "float64", None)], [{"input": 0}], np.nonzero, "int32", on=None, result="list")
add("nonzero", [(np.zeros((2, 0, 3), np.int8), "int8", None)], [{"input": 0}], np.nonzero, "int32", on=None, result="list")
add("nonzero", [(np.array([1, 0, 2], np.int32), "int32", [{"op": "broadcastTo", "shape": [2, 3]}])], [{"input": 0}], np.nonzero, "int32", on=None, result="list")
add("nonzero", [(np.array(3, np.int32), "int32", None)], [{"input": 0}], np.nonzero, None, on=None, error="INVALID_ARGUMENT")

# ---------------------------------------------------------------- split
for d in ["float32", "int64", "bool", "float16", "bfloat16", "uint8"]:
    a = base(d, [7, 2])
    add("split", [(a, d, None)], [{"input": 0}, 3], lambda x: np.array_split(x, 3), d, on=None, result="list")
    add("split", [(a, d, None)], [{"input": 0}, [5, -4, 9], 0], lambda x: np.split(x, [5, -4, 9]), d, on=None, result="list")
add("split", [(base("int32", [3, 4]), "int32", [{"op": "transpose"}])], [{"input": 0}, 2, -1], lambda x: np.array_split(x, 2, axis=-1), "int32", on=None, result="list")
add("split", [(base("int32", [3, 4]), "int32", None)], [{"input": 0}, [], 1], lambda x: np.split(x, [], axis=1), "int32", on=None, result="list")
add("split", [(np.zeros((0, 2), np.float64), "float64", None)], [{"input": 0}, 3], lambda x: np.array_split(x, 3), "float64", on=None, result="list")
add("split", [(base("int8", [2, 5]), "int8", None)], [{"input": 0}, 7, 1], lambda x: np.array_split(x, 7, axis=1), "int8", on=None, result="list")
add("split", [(np.array(3.0), "float64", None)], [{"input": 0}, 1], lambda x: np.array_split(x, 1), None, on=None, error="INVALID_ARGUMENT")
add("split", [(base("int8", [4]), "int8", None)], [{"input": 0}, -2], lambda x: np.array_split(x, -2), None, on=None, error="INVALID_ARGUMENT")
add("split", [(base("int8", [4]), "int8", None)], [{"input": 0}, 2, 1], lambda x: np.array_split(x, 2, axis=1), None, on=None, error="INVALID_ARGUMENT")

# ---------------------------------------------------------------- tile
for d in DTYPES:
    a = base(d, [2, 3])
    add("tile", [(a, d, None)], [[2, 1, 2]], lambda x: np.tile(x, [2, 1, 2]), d)
    add("tile", [(a, d, [{"op": "transpose"}])], [[2]], lambda x: np.tile(x, [2]), d)
add("tile", [(np.array(4, np.int16), "int16", None)], [[]], lambda x: np.tile(x, []), "int16")
add("tile", [(np.array(4, np.int16), "int16", None)], [[2, 3]], lambda x: np.tile(x, [2, 3]), "int16")
add("tile", [(base("uint8", [2, 3]), "uint8", None)], [[0, 2]], lambda x: np.tile(x, [0, 2]), "uint8")
add("tile", [(np.zeros((0, 2), np.float32), "float32", None)], [[3, 1]], lambda x: np.tile(x, [3, 1]), "float32")
add("tile", [(base("int32", [3]), "int32", [{"op": "broadcastTo", "shape": [2, 3]}])], [[1, 2]], lambda x: np.tile(x, [1, 2]), "int32")
add("tile", [(base("int32", [3]), "int32", None)], [[-1]], lambda x: np.tile(x, [-1]), None, error="INVALID_ARGUMENT")

# ---------------------------------------------------------------- repeat
for d in DTYPES:
    a = base(d, [2, 3])
    add("repeat", [(a, d, None)], [[2, 0, 1], -1], lambda x: np.repeat(x, [2, 0, 1], axis=-1), d)
    add("repeat", [(a, d, [{"op": "transpose"}])], [2], lambda x: np.repeat(x, 2), d)
add("repeat", [(np.array(5, np.uint32), "uint32", None)], [3], lambda x: np.repeat(x, 3), "uint32")
add("repeat", [(np.array(5, np.uint32), "uint32", None)], [[2], 0], lambda x: np.repeat(x, [2], axis=0), "uint32")
add("repeat", [(base("int16", [2, 2]), "int16", None)], [[3], 0], lambda x: np.repeat(x, [3], axis=0), "int16")
add("repeat", [(np.zeros((0, 3), np.float64), "float64", None)], [2, 1], lambda x: np.repeat(x, 2, axis=1), "float64")
add("repeat", [(base("int8", [3]), "int8", [{"op": "broadcastTo", "shape": [2, 3]}])], [[1, 2], 0], lambda x: np.repeat(x, [1, 2], axis=0), "int8")
add("repeat", [(base("int8", [3]), "int8", None)], [[1, 2]], lambda x: np.repeat(x, [1, 2]), None, error="SHAPE_MISMATCH")
add("repeat", [(base("int8", [3]), "int8", None)], [-1], lambda x: np.repeat(x, -1), None, error="INVALID_ARGUMENT")
add("repeat", [(base("int8", [3]), "int8", None)], [1, 1], lambda x: np.repeat(x, 1, axis=1), None, error="INVALID_ARGUMENT")

# ---------------------------------------------------------------- pad
opts = lambda **kw: {"options": kw}
for d in DTYPES:
    a = base(d, [2, 3])
    add("pad", [(a, d, None)], [[[1, 0], [2, 1]], opts(value=3)], lambda x: np.pad(x, [[1, 0], [2, 1]], constant_values=3), d)
    add("pad", [(a, d, [{"op": "transpose"}])], [2, opts(mode="edge")], lambda x: np.pad(x, 2, mode="edge"), d)
    add("pad", [(a, d, None)], [[[0, 0], [5, 7]], opts(mode="reflect")], lambda x: np.pad(x, [[0, 0], [5, 7]], mode="reflect"), d)
for n in [1, 2, 4]:
    a = base("int32", [n], "arange")
    add("pad", [(a, "int32", None)], [[9, 4], opts(mode="reflect")], lambda x: np.pad(x, [9, 4], mode="reflect"), "int32")
add("pad", [(base("uint8", [2, 2]), "uint8", None)], [[[1], [2]], opts(value=-1)], lambda x: np.pad(x, [[1], [2]], constant_values=-1), "uint8")
add("pad", [(base("int32", [2, 2]), "int32", None)], [1, opts(value=2.7)], lambda x: np.pad(x, 1, constant_values=2.7), "int32")
add("pad", [(np.array(5, np.int64), "int64", None)], [[2, 3]], lambda x: np.pad(x, [2, 3]), "int64")
add("pad", [(np.zeros((0, 2), np.float32), "float32", None)], [1, opts(value=4)], lambda x: np.pad(x, 1, constant_values=4), "float32")
add("pad", [(np.zeros((0, 2), np.float32), "float32", None)], [[[0, 0], [1, 1]], opts(mode="edge")], lambda x: np.pad(x, [[0, 0], [1, 1]], mode="edge"), "float32")
add("pad", [(base("int8", [3]), "int8", [{"op": "broadcastTo", "shape": [2, 3]}])], [[[1, 1], [0, 2]], opts(mode="reflect")], lambda x: np.pad(x, [[1, 1], [0, 2]], mode="reflect"), "int8")
add("pad", [(np.zeros((0, 2), np.float32), "float32", None)], [1, opts(mode="edge")], lambda x: np.pad(x, 1, mode="edge"), None, error="INVALID_ARGUMENT")
add("pad", [(base("int8", [3]), "int8", None)], [-1], lambda x: np.pad(x, -1), None, error="INVALID_ARGUMENT")
add("pad", [(base("int8", [2, 2]), "int8", None)], [[[1, 2], [3, 4], [5, 6]]], lambda x: np.pad(x, [[1, 2], [3, 4], [5, 6]]), None, error="INVALID_ARGUMENT")
add("pad", [(base("int8", [3]), "int8", None)], [1, opts(mode="edge", value=1)], lambda x: np.pad(x, 1, mode="edge", constant_values=1), None, error="INVALID_ARGUMENT")

doc = {"generator": f"tests/gather/generate.py, numpy {np.__version__}", "count": len(cases), "cases": cases}
(HERE / "cases.json").write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
print(len(cases), "cases")

"""Writes tests/einsum/cases.json: einsum edge cases with NumPy's results, run natively by
tests/einsum.rs and on wasm by tests/js/einsum.test.mjs. Run by hand when adding cases:
    python3 tests/einsum/generate.py
Operands hold small seeded integers (in their dtype), so float sums are exact up to order.
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
rng = np.random.default_rng(20240611)


def operand(shape, dtype="float64", values=None):
    if values is not None:
        return np.array(values, dtype=dtype).reshape(shape)
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(bool)
    return rng.integers(-3, 4, size=shape).astype(dtype)


# (subscripts, operands, expected error or None)
CASES = [
    ("ii", [operand((3, 3))], None),
    ("ii", [operand((4, 4), "int32")], None),
    ("ii->i", [operand((3, 3))], None),
    ("ij->ji", [operand((2, 3), "int16")], None),
    ("ji", [operand((2, 3))], None),
    ("ba", [operand((2, 3))], None),
    ("i,j->ij", [operand((3,)), operand((2,))], None),
    ("i,j", [operand((3,), "float32"), operand((2,), "float32")], None),
    ("ij,jk", [operand((2, 3)), operand((3, 4))], None),
    ("ij,jk->ki", [operand((2, 3), "int32"), operand((3, 4), "int32")], None),
    ("bij,bjk->bik", [operand((3, 2, 4)), operand((3, 4, 2))], None),
    ("bij,bkj->bik", [operand((3, 2, 4), "float32"), operand((3, 5, 4), "float32")], None),
    ("...ij,...jk", [operand((2, 1, 2, 3)), operand((4, 3, 2))], None),
    ("...ij,...jk->...ik", [operand((3, 2)), operand((2, 2))], None),
    ("ij,jk,kl->il", [operand((2, 3)), operand((3, 4)), operand((4, 2))], None),
    ("ij,jk,kl", [operand((2, 3), "int64"), operand((3, 4), "int64"), operand((4, 2), "int64")], None),
    ("i,i,i->i", [operand((4,)), operand((4,)), operand((4,))], None),
    ("i,i,i", [operand((4,), "int32"), operand((4,), "int32"), operand((4,), "int32")], None),
    ("ij,ij,ij->", [operand((2, 3)), operand((2, 3)), operand((2, 3))], None),
    ("ij,jk,ij->ik", [operand((2, 3)), operand((3, 2)), operand((2, 3))], None),
    ("ab,bc,ca->", [operand((2, 3)), operand((3, 4)), operand((4, 2))], None),
    ("ij,jk", [operand((2, 3), "int8"), operand((3, 2), "uint8")], None),
    ("Ba,aB", [operand((2, 3)), operand((3, 2))], None),
    ("bA", [operand((2, 3))], None),
    ("ij->", [operand((2, 3))], None),
    ("ij->i", [operand((2, 3), "int32")], None),
    ("i->", [operand((300,), "uint8", [200] * 300)], None),
    ("i,i->", [operand((3,), "int32", [2**30] * 3), operand((3,), "int32", [4] * 3)], None),
    ("", [operand((), "float64", 3.5)], None),
    ("->", [operand((), "int64", 3)], None),
    (",", [operand((), "float64", 3.0), operand((), "int32", 2)], None),
    ("i,->i", [operand((3,)), operand((), "float64", 2.0)], None),
    ("ij,->", [operand((2, 3), "int64"), operand((), "int64", 2)], None),
    ("ij,jk", [operand((2, 0)), operand((0, 3))], None),
    ("ij->j", [operand((0, 3), "int32")], None),
    ("ij->i", [operand((2, 0))], None),
    ("ii", [operand((0, 0))], None),
    ("i,j->ij", [operand((0,)), operand((2,))], None),
    ("i,i", [operand((5,), "bool"), operand((5,), "bool")], None),
    ("ij->i", [operand((2, 3), "bool")], None),
    ("ij,jk", [operand((2, 3), "bool"), operand((3, 2), "bool")], None),
    ("ij,jk->ik", [operand((2, 3), "float32"), operand((3, 2), "int64")], None),
    ("i->", [operand((5,), "float16")], None),
    ("ij,jk", [operand((2, 3), "float16"), operand((3, 2), "float16")], None),
    ("...ii->...i", [operand((2, 3, 3))], None),
    ("i...i", [operand((3, 2, 3))], None),
    ("iij->ji", [operand((2, 2, 3))], None),
    ("ij...,jk...", [operand((2, 3, 5)), operand((3, 4))], None),
    ("i...,i...", [operand((2, 3)), operand((2,))], None),
    ("...i,...i->...", [operand((2, 3)), operand((5, 1, 3))], None),
    ("i...->...", [operand((2, 2, 2), "int64")], None),
    ("i...", [operand((2, 3, 4))], None),
    ("...", [operand((2, 3))], None),
    ("i->...i", [operand((3,))], None),
    ("ij,jk", [operand((2, 1)), operand((3, 4))], None),
    ("ij,ij->ij", [operand((2, 1)), operand((2, 3))], None),
    ("ii,i->i", [operand((1, 1)), operand((3,))], None),
    ("bi,bi->b", [operand((4, 3)), operand((4, 3))], None),
    ("bi,bi->b", [operand((4, 3), "float16"), operand((4, 3), "float16")], None),
    ("ijk,jil->kl", [operand((2, 3, 4)), operand((3, 2, 5))], None),
    ("ijk,jil->lk", [operand((2, 3, 4), "int32"), operand((3, 2, 5), "int32")], None),
    (" i , i ", [operand((3,)), operand((3,))], None),
    ("ij,jk->ik", [operand((2, 3)), operand((4, 2))], "SHAPE_MISMATCH"),
    ("ii", [operand((2, 1))], "SHAPE_MISMATCH"),
    ("ii->i", [operand((1, 3))], "SHAPE_MISMATCH"),
    ("...i,...i", [operand((2, 3)), operand((4, 3))], "SHAPE_MISMATCH"),
    ("i2", [operand((2,))], "INVALID_ARGUMENT"),
    ("ij", [operand((2,))], "INVALID_ARGUMENT"),
    ("ij", [operand((2, 3, 4))], "INVALID_ARGUMENT"),
    ("ij,j", [operand((2, 3))], "INVALID_ARGUMENT"),
    ("ij->k", [operand((2, 3))], "INVALID_ARGUMENT"),
    ("i->ii", [operand((2,))], "INVALID_ARGUMENT"),
    ("i..", [operand((2,))], "INVALID_ARGUMENT"),
    ("i-", [operand((2,))], "INVALID_ARGUMENT"),
    ("i...->i", [operand((2, 3))], "INVALID_ARGUMENT"),
    ("......", [operand((2,))], "INVALID_ARGUMENT"),
]


def encode(a):
    values = a.ravel().tolist()
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": values}


cases = []
for subscripts, operands, error in CASES:
    case = {"subscripts": subscripts, "operands": [encode(a) for a in operands]}
    try:
        r = np.asarray(np.einsum(subscripts, *operands))
    except ValueError:
        assert error is not None, f"{subscripts!r}: NumPy refused it"
        case["expect"] = {"error": error}
    else:
        assert error is None, f"{subscripts!r}: NumPy accepted it"
        case["expect"] = encode(r)
    cases.append(case)
(HERE / "cases.json").write_text(
    json.dumps({"generator": f"numpy {np.__version__}", "cases": cases}, indent=None).replace('{"subscripts"', '\n{"subscripts"') + "\n"
)
print("wrote", len(cases), "einsum cases with numpy", np.__version__)

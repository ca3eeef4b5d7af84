"""Writes the .npy fixtures of tests/js/npy.test.mjs with NumPy itself, plus cases.json
(each file's shape, dtype and C-order values). Run by hand when adding cases:
    pip install numpy && python3 tests/npy/generate.py
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
cases = {
    "f32_2x3": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "f64_0d": np.array(3.25),
    "i64_3": np.array([-(2**62), 0, 2**62], dtype=np.int64),
    "u64_2": np.array([2**64 - 1, 7], dtype=np.uint64),
    "bool_4": np.array([True, False, False, True]),
    "f16_2x2": np.array([[0.5, -1.5], [65504, 1e-3]], dtype=np.float16),
    "i8_fortran_2x3": np.asfortranarray(np.arange(6, dtype=np.int8).reshape(2, 3)),
    "be_i4_3": np.array([1, -2, 70000], dtype=">i4"),
    "u16_empty_0x3": np.zeros((0, 3), dtype=np.uint16),
    "u8_3x1x2": np.arange(6, dtype=np.uint8).reshape(3, 1, 2),
    "i16_2x2": np.array([[-32768, -1], [1, 32767]], dtype=np.int16),
    "i32_4": np.array([-(2**31), -1, 0, 2**31 - 1], dtype="<i4"),
    "u32_3": np.array([0, 1, 2**32 - 1], dtype=np.uint32),
    "be_f8_2": np.array([0.1, -1e300], dtype=">f8"),
    "f64_fortran_2x2x2": np.asfortranarray(np.arange(8, dtype=np.float64).reshape(2, 2, 2) / 8),
}
manifest = {}
for name, a in cases.items():
    np.save(HERE / f"{name}.npy", a)
    manifest[name] = {
        "shape": list(a.shape),
        "dtype": {"f": "float", "i": "int", "u": "uint", "b": "bool"}[a.dtype.kind] + ("" if a.dtype.kind == "b" else str(a.dtype.itemsize * 8)),
        "values": [str(v) if a.dtype.kind in "iu" and a.dtype.itemsize == 8 else v for v in a.ravel(order="C").tolist()],
        "cOrder": bool(a.flags.c_contiguous and a.dtype.byteorder in "=<|"),
    }
with open(HERE / "v2_f32_2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([1.5, -2.5], dtype=np.float32), version=(2, 0))
manifest["v2_f32_2"] = {"shape": [2], "dtype": "float32", "values": [1.5, -2.5], "cOrder": False}
(HERE / "cases.json").write_text(json.dumps({"generator": f"numpy {np.__version__}", "cases": manifest}, indent=1) + "\n")
print("wrote", len(manifest), "fixtures with numpy", np.__version__)

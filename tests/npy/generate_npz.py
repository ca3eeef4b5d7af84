"""Writes the .npz fixtures of tests/js/npz.test.mjs and tests/npz_fixtures.rs (native)
with NumPy itself (numpy.savez and numpy.savez_compressed), plus
npz_cases.json: for each file, its members in archive order with shape, dtype and C-order
values. Run by hand when adding cases:
    pip install numpy && python3 tests/npy/generate_npz.py
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent

# One member of every dtype ExTensor reads, and the layouts NumPy writes: 0-d, empty,
# Fortran order, big-endian.
MIXED = {
    "f32_2x3": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "f64_0d": np.array(3.25),
    "i64_3": np.array([-(2**62), 0, 2**62], dtype=np.int64),
    "u64_2": np.array([2**64 - 1, 7], dtype=np.uint64),
    "bool_4": np.array([True, False, False, True]),
    "f16_2x2": np.array([[0.5, -1.5], [65504, 1e-3]], dtype=np.float16),
    "i8_fortran_2x3": np.asfortranarray(np.arange(6, dtype=np.int8).reshape(2, 3)),
    "f64_fortran_2x2x2": np.asfortranarray(np.arange(8, dtype=np.float64).reshape(2, 2, 2) / 8),
    "be_i4_3": np.array([1, -2, 70000], dtype=">i4"),
    "be_f8_2": np.array([0.1, -1e300], dtype=">f8"),
    "u16_empty_0x3": np.zeros((0, 3), dtype=np.uint16),
    "u8_3x1x2": np.arange(6, dtype=np.uint8).reshape(3, 1, 2),
    "i16_2x2": np.array([[-32768, -1], [1, 32767]], dtype=np.int16),
    "i32_4": np.array([-(2**31), -1, 0, 2**31 - 1], dtype="<i4"),
    "u32_3": np.array([0, 1, 2**32 - 1], dtype=np.uint32),
}
# Long enough that deflate writes several blocks with back-references across them.
LARGE = {
    "ramp_i32": np.arange(30000, dtype=np.int32),
    "zeros_f64_300x300": np.zeros((300, 300)),
    "noise_u8": (np.arange(20000, dtype=np.uint64) * 2654435761 % 251).astype(np.uint8),
}


def dtype_name(a):
    kind = {"f": "float", "i": "int", "u": "uint", "b": "bool"}[a.dtype.kind]
    return kind + ("" if a.dtype.kind == "b" else str(a.dtype.itemsize * 8))


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def describe(a, values=True):
    out = {"shape": list(a.shape), "dtype": dtype_name(a)}
    flat = a.ravel(order="C")
    if values:
        out["values"] = [str(v) if a.dtype.kind in "iu" and a.dtype.itemsize == 8 else v for v in flat.tolist()]
    else:
        # Large members: the 64-bit FNV-1a hash of their C-order little-endian bytes, which
        # the Rust and JS tests compute in a few lines.
        out["fnv1a64"] = fnv1a64(flat.astype(flat.dtype.newbyteorder("<")).tobytes())
    return out


files = {}


def write(name, save, members, positional=None, values=True):
    path = HERE / name
    if positional is not None:
        save(path, *positional)
        members = {f"arr_{i}": a for i, a in enumerate(positional)}
    else:
        save(path, **members)
    files[name] = {"members": [{"key": k, **describe(a, values)} for k, a in members.items()]}


write("savez_mixed.npz", np.savez, MIXED)
write("savez_compressed_mixed.npz", np.savez_compressed, MIXED)
write("savez_positional.npz", np.savez, None, positional=[np.array([1, 2], dtype=np.int16), np.eye(2, dtype=np.float32)])
write("savez_unicode_key.npz", np.savez_compressed, {"größe": np.array([1.5], dtype=np.float32), "a/b": np.array([True])})
write("savez_empty.npz", np.savez, {})
write("savez_compressed_large.npz", np.savez_compressed, LARGE, values=False)

(HERE / "npz_cases.json").write_text(json.dumps({"generator": f"numpy {np.__version__}", "files": files}, indent=1) + "\n")
print("wrote", len(files), "npz fixtures with numpy", np.__version__)

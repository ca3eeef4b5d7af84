//! The `.npz` fixtures NumPy wrote (tests/npy/generate_npz.py: `numpy.savez` and
//! `numpy.savez_compressed`) read back exactly: keys in archive order, shapes, dtypes and
//! every value (the large members by the FNV-1a hash of their bytes).
#![cfg(not(target_arch = "wasm32"))]

use extensor::core::{from_npz, to_npz, Scalar, Tensor};
use serde_json::Value;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/npy")
}

fn cases() -> Value {
    let text = std::fs::read_to_string(fixtures().join("npz_cases.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn fnv1a64(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn same(got: Scalar, want: &Value) -> bool {
    match (got, want) {
        (Scalar::Bool(b), Value::Bool(w)) => b == *w,
        (Scalar::Int(i), Value::String(w)) => w.parse::<i64>() == Ok(i),
        (Scalar::UInt(u), Value::String(w)) => w.parse::<u64>() == Ok(u),
        (Scalar::Int(i), Value::Number(w)) => w.as_f64() == Some(i as f64),
        (Scalar::UInt(u), Value::Number(w)) => w.as_f64() == Some(u as f64),
        (Scalar::Float(x), Value::Number(w)) => w.as_f64() == Some(x),
        _ => false,
    }
}

fn check_member(file: &str, key: &str, t: &Tensor, want: &Value) {
    let shape: Vec<usize> = want["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(t.shape(), &shape[..], "{file} {key}");
    assert_eq!(
        t.dtype().to_string(),
        want["dtype"].as_str().unwrap(),
        "{file} {key}"
    );
    if let Some(hash) = want["fnv1a64"].as_str() {
        assert_eq!(fnv1a64(&t.to_bytes().unwrap()), hash, "{file} {key}");
        return;
    }
    let values = want["values"].as_array().unwrap();
    let got = t.to_scalars().unwrap();
    assert_eq!(got.len(), values.len(), "{file} {key}");
    for (i, (g, w)) in got.into_iter().zip(values).enumerate() {
        assert!(same(g, w), "{file} {key}[{i}]: {g:?} vs {w}");
    }
}

#[test]
fn every_numpy_written_archive_reads_back_exactly() {
    let cases = cases();
    let files = cases["files"].as_object().unwrap();
    assert!(files.len() >= 6);
    for (file, want) in files {
        let bytes = std::fs::read(fixtures().join(file)).unwrap();
        let members = from_npz(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let want = want["members"].as_array().unwrap();
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        let want_keys: Vec<&str> = want.iter().map(|m| m["key"].as_str().unwrap()).collect();
        assert_eq!(keys, want_keys, "{file}");
        for ((key, t), w) in members.iter().zip(want) {
            check_member(file, key, t, w);
        }
    }
}

#[test]
fn a_stored_archive_of_numpy_arrays_is_byte_for_byte_what_numpy_savez_writes() {
    // savez_positional.npz is np.savez(f, int16 [1, 2], float32 eye(2)): rewritten from the
    // arrays read back, it must be the very same bytes (NumPy 2.4 dates members 1980-01-01).
    let bytes = std::fs::read(fixtures().join("savez_positional.npz")).unwrap();
    let members = from_npz(&bytes).unwrap();
    let refs: Vec<(&str, &Tensor)> = members.iter().map(|(k, t)| (k.as_str(), t)).collect();
    assert_eq!(to_npz(&refs, false).unwrap(), bytes);
}

//! The process-wide counters behind `ex.memory()`. One test in its own binary, so no other
//! test allocates concurrently while it asserts absolute values.

use extensor::core::{memory_stats, DType, Tensor};

#[test]
fn counters_track_handles_and_storages_and_return_to_zero() {
    let start = memory_stats();
    assert_eq!(
        (start.live_handles, start.live_storages, start.storage_bytes),
        (0, 0, 0)
    );

    let a = Tensor::zeros(&[4, 4], DType::Float64).unwrap();
    let v = a.transpose(None).unwrap();
    let s = v.share();
    let m = memory_stats();
    assert_eq!(
        (m.live_handles, m.live_storages, m.storage_bytes),
        (3, 1, 128)
    );

    // An error path allocates nothing that survives.
    assert!(a.reshape(&[3, 3]).is_err());
    assert!(Tensor::zeros(&[usize::MAX / 4, 8], DType::Float32).is_err());
    let m = memory_stats();
    assert_eq!((m.live_handles, m.live_storages), (3, 1));

    let copy = v.reshape(&[16]).unwrap(); // transposed: a copy
    assert_eq!(memory_stats().live_storages, 2);
    drop((a, v, s, copy));
    let end = memory_stats();
    assert_eq!(
        (end.live_handles, end.live_storages, end.storage_bytes),
        (0, 0, 0)
    );
    assert!(end.peak_storage_bytes >= 256);
}

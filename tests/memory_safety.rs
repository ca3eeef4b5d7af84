//! The memory-safety design's tests (../shared/memory-safety-design.md), ported to Rust.
//! Each storage's lifetime is observed through a `Weak`: it upgrades while any handle
//! lives and fails once the storage has been freed. Miri and Valgrind run this file too,
//! so a double free, a use-after-free or a leak here fails the build.

use extensor::core::{DType, IndexItem, Scalar, Tensor};

fn arange(n: usize, dtype: DType) -> Tensor {
    Tensor::arange(0.0, n as f64, 1.0, dtype).unwrap()
}

#[test]
fn copy_increments_refcount() {
    let a = Tensor::zeros(&[10], DType::Float32).unwrap();
    let b = a.share();
    assert_eq!(a.ref_count(), 2);
    assert!(a.shares_memory(&b));
    let observer = a.storage_observer();
    drop(a);
    assert_eq!(b.ref_count(), 1);
    assert!(
        observer.upgrade().is_some(),
        "storage must live while b does"
    );
    drop(b);
    assert!(
        observer.upgrade().is_none(),
        "the last handle frees the storage"
    );
}

#[test]
fn view_outlives_parent() {
    let view = {
        let parent = arange(100, DType::Float32);
        parent.reshape(&[10, 10]).unwrap()
    };
    assert_eq!(view.ref_count(), 1);
    assert_eq!(view.get(&[0, 0]).unwrap(), Scalar::Float(0.0));
    assert_eq!(view.get(&[9, 9]).unwrap(), Scalar::Float(99.0));
}

#[test]
fn slice_outliving_its_parent_frees_through_the_base_pointer() {
    // The Mojo original freed through the view's interior pointer; here the storage is
    // released by its own base pointer whatever the view's offset (Miri checks the free).
    let tail = {
        let parent = arange(16, DType::Float64);
        parent.slice_str("8:").unwrap()
    };
    assert_eq!(tail.offset(), 8);
    assert_eq!(tail.to_vec::<f64>().unwrap()[0], 8.0);
    let observer = tail.storage_observer();
    drop(tail);
    assert!(observer.upgrade().is_none());
}

#[test]
fn no_double_free_when_parent_and_views_all_drop() {
    let parent = arange(24, DType::Int32);
    let observer = parent.storage_observer();
    let views = vec![
        parent.reshape(&[2, 3, 4]).unwrap(),
        parent.slice_str("::-1").unwrap(),
        parent.reshape(&[4, 6]).unwrap().transpose(None).unwrap(),
        parent.broadcast_to(&[2, 24]).unwrap(),
        parent.share(),
    ];
    assert_eq!(parent.ref_count(), 6);
    drop(parent);
    for (k, v) in views.into_iter().enumerate() {
        assert_eq!(v.ref_count(), 5 - k);
        drop(v);
    }
    assert!(observer.upgrade().is_none());
}

#[test]
fn no_leak_on_error_path() {
    let t = Tensor::zeros(&[10], DType::Float32).unwrap();
    let observer = t.storage_observer();
    assert_eq!(t.reshape(&[3, 4]).unwrap_err().code(), "SHAPE_MISMATCH");
    assert_eq!(t.slice_str("20").unwrap_err().code(), "INDEX_OUT_OF_BOUNDS");
    assert_eq!(
        t.broadcast_to(&[3, 4]).unwrap_err().code(),
        "SHAPE_MISMATCH"
    );
    // Failed operations left no extra handle behind.
    assert_eq!(t.ref_count(), 1);
    let reshaped = t.reshape(&[5, 2]).unwrap();
    drop((t, reshaped));
    assert!(observer.upgrade().is_none());
}

#[test]
fn views_of_views_of_slices_read_the_right_values() {
    let base = arange(60, DType::Int64).reshape(&[3, 4, 5]).unwrap();
    let s1 = base.slice_str("1:, ::-1, 1::2").unwrap(); // (2, 4, 2)
    let s2 = s1.transpose(Some(&[2, 0, 1])).unwrap(); // (2, 2, 4)
    let s3 = s2.slice_str("-1, :, 1:3").unwrap(); // (2, 2)
    let s4 = s3.unsqueeze(0).unwrap().reshape(&[4]).unwrap();
    drop((base, s1, s2));
    // s3[i, j] = base[1 + i, 3 - (1 + j), 3]
    let expected: Vec<i64> = vec![20 + 10 + 3, 20 + 5 + 3, 40 + 10 + 3, 40 + 5 + 3];
    assert_eq!(s4.to_vec::<i64>().unwrap(), expected);
    assert_eq!(s3.ref_count(), 1, "only s3 still holds the base storage");
    assert!(
        !s4.shares_memory(&s3),
        "s3's strides forbid a flat view: s4 is a copy"
    );
}

#[test]
fn writes_through_a_view_are_seen_by_every_handle() {
    let a = Tensor::zeros(&[2, 3], DType::Float32).unwrap();
    let col = a.slice(&[IndexItem::FULL, IndexItem::Index(1)]).unwrap();
    col.fill(Scalar::Float(7.0)).unwrap();
    assert_eq!(
        a.to_vec::<f32>().unwrap(),
        vec![0.0, 7.0, 0.0, 0.0, 7.0, 0.0]
    );
}

#[test]
fn overlapping_assign_gives_numpys_result() {
    let a = arange(5, DType::Int32);
    a.assign(&a.slice_str("::-1").unwrap()).unwrap();
    assert_eq!(a.to_vec::<i32>().unwrap(), vec![4, 3, 2, 1, 0]);
    let b = arange(6, DType::Int32);
    b.slice_str("1:")
        .unwrap()
        .assign(&b.slice_str(":-1").unwrap())
        .unwrap();
    assert_eq!(b.to_vec::<i32>().unwrap(), vec![0, 0, 1, 2, 3, 4]);
}

#[test]
fn broadcast_views_are_read_only_and_so_are_their_views() {
    let a = arange(3, DType::Float32);
    let b = a.broadcast_to(&[2, 3]).unwrap();
    assert_eq!(b.fill(Scalar::Float(1.0)).unwrap_err().code(), "READ_ONLY");
    let row = b.slice_str("0").unwrap();
    assert_eq!(
        row.set(Scalar::Float(1.0), &[0]).unwrap_err().code(),
        "READ_ONLY"
    );
    let copy = b.contiguous().unwrap();
    copy.fill(Scalar::Float(1.0)).unwrap();
    assert!(!copy.shares_memory(&a));
}

#[test]
fn reshape_copies_when_strides_forbid_a_view() {
    let t = arange(6, DType::Int32)
        .reshape(&[2, 3])
        .unwrap()
        .transpose(None)
        .unwrap();
    let flat = t.reshape(&[6]).unwrap();
    assert!(!flat.shares_memory(&t));
    assert!(!flat.is_view());
    assert_eq!(flat.to_vec::<i32>().unwrap(), vec![0, 3, 1, 4, 2, 5]);
}

#[test]
fn contiguous_returns_the_same_storage_when_already_contiguous() {
    let t = arange(6, DType::Int32);
    let c = t.contiguous().unwrap();
    assert!(c.shares_memory(&t));
    assert_eq!(t.ref_count(), 2);
}

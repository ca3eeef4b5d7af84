//! Four-lane loads and stores at any element index (wasm's v128 loads accept unaligned
//! addresses); every caller keeps `i + 4` within the slice.

use core::arch::wasm32::*;
use std::mem::MaybeUninit;

#[inline(always)]
pub fn load(s: &[f32], i: usize) -> v128 {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: every caller passes i + 4 <= s.len(); v128_load accepts unaligned addresses.
    unsafe { v128_load(s.as_ptr().add(i).cast::<v128>()) }
}

#[inline(always)]
pub fn store(s: &mut [f32], i: usize, v: v128) {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: every caller passes i + 4 <= s.len(); v128_store accepts unaligned addresses.
    unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), v) }
}

#[inline(always)]
pub fn store_uninit(s: &mut [MaybeUninit<f32>], i: usize, v: v128) {
    debug_assert!(i + 4 <= s.len());
    // SAFETY: every caller passes i + 4 <= s.len(); MaybeUninit<f32> has f32's layout;
    // v128_store accepts unaligned addresses and initialises the four elements.
    unsafe { v128_store(s.as_mut_ptr().add(i).cast::<v128>(), v) }
}

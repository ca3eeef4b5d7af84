//! The blocked, packed f32 GEMM with a 4×8 micro-kernel.

use super::lanes::{load, store};
use core::arch::wasm32::*;

/// Rows of A per micro-tile.
const MR: usize = 4;
/// Columns of B per micro-tile (two f32x4).
const NR: usize = 8;
/// Depth of one packed block (keeps an A panel and a B panel in L1/L2).
const KC: usize = 256;
/// Rows of A per packed block.
const MC: usize = 64;

/// Packs `rows` rows × `kc` columns of row-major `a` (row stride `lda`) into MR-row panels:
/// for each panel, for each p, the MR values of column p (zero-padded past `rows`).
fn pack_a(a: &[f32], lda: usize, rows: usize, kc: usize, dst: &mut Vec<f32>) {
    dst.clear();
    dst.resize(rows.div_ceil(MR) * kc * MR, 0.0);
    for (panel, block) in dst.chunks_exact_mut(kc * MR).enumerate() {
        for r in 0..MR.min(rows - panel * MR) {
            let row = &a[(panel * MR + r) * lda..][..kc];
            for (slot, &v) in block.iter_mut().skip(r).step_by(MR).zip(row) {
                *slot = v;
            }
        }
    }
}

/// Packs `kc` rows × `cols` columns of row-major `b` (row stride `ldb`) into NR-column
/// panels: for each panel, for each p, the NR values of row p (zero-padded past `cols`).
fn pack_b(b: &[f32], ldb: usize, kc: usize, cols: usize, dst: &mut Vec<f32>) {
    dst.clear();
    dst.resize(cols.div_ceil(NR) * kc * NR, 0.0);
    for (panel, block) in dst.chunks_exact_mut(kc * NR).enumerate() {
        let (first, width) = (panel * NR, NR.min(cols - panel * NR));
        for (p, line) in block.chunks_exact_mut(NR).enumerate() {
            line[..width].copy_from_slice(&b[p * ldb + first..][..width]);
        }
    }
}

/// `a·b + c`: one fused multiply-add in the relaxed-SIMD build (the engine may fuse or
/// not, so results can differ from the SIMD build in the last bit), else a multiply and
/// an add.
#[inline(always)]
fn madd(a: v128, b: v128, c: v128) -> v128 {
    #[cfg(target_feature = "relaxed-simd")]
    {
        f32x4_relaxed_madd(a, b, c)
    }
    #[cfg(not(target_feature = "relaxed-simd"))]
    {
        f32x4_add(c, f32x4_mul(a, b))
    }
}

/// Where a micro-kernel reads its operands: element (r, p) of the A panel at
/// `r·a_row + p·a_depth` and element (p, c) of the B panel at `p·b_depth + c`. Packed
/// panels have `a_row = 1, a_depth = MR, b_depth = NR`; unpacked row-major operands
/// `a_row = lda, a_depth = 1, b_depth = ldb`.
#[derive(Clone, Copy)]
struct Strides {
    a_row: usize,
    a_depth: usize,
    b_depth: usize,
}

const PACKED: Strides = Strides {
    a_row: 1,
    a_depth: MR,
    b_depth: NR,
};

/// The 4×8 micro-kernel: eight f32x4 accumulators; per step two loads of B, four splats
/// of A, eight multiplies and adds. Returns the tile row-major in `tile`. `a` and `b`
/// start at the panels' first elements and hold every element `at` names for `kc` steps.
#[inline(always)]
fn micro_4x8(kc: usize, a: &[f32], b: &[f32], at: Strides, tile: &mut [v128; 8]) {
    if kc == 0 {
        *tile = [f32x4_splat(0.0); 8];
        return;
    }
    // The last elements read: A (MR-1, kc-1) and B (kc-1, NR-1); slicing checks them once.
    let (a, b) = (
        &a[..(MR - 1) * at.a_row + (kc - 1) * at.a_depth + 1],
        &b[..(kc - 1) * at.b_depth + NR],
    );
    let mut acc = [f32x4_splat(0.0); 8];
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    for p in 0..kc {
        // SAFETY: after the re-slicing above every offset read here, at most
        // (MR-1)·a_row + p·a_depth in A and p·b_depth + NR-1 in B for p < kc, is in
        // bounds; v128_load and v128_load32_splat accept unaligned addresses.
        unsafe {
            let b0 = v128_load(pb.add(p * at.b_depth).cast::<v128>());
            let b1 = v128_load(pb.add(p * at.b_depth + 4).cast::<v128>());
            let ap = pa.add(p * at.a_depth);
            let a0 = v128_load32_splat(ap.cast::<u32>());
            let a1 = v128_load32_splat(ap.add(at.a_row).cast::<u32>());
            let a2 = v128_load32_splat(ap.add(2 * at.a_row).cast::<u32>());
            let a3 = v128_load32_splat(ap.add(3 * at.a_row).cast::<u32>());
            acc[0] = madd(a0, b0, acc[0]);
            acc[1] = madd(a0, b1, acc[1]);
            acc[2] = madd(a1, b0, acc[2]);
            acc[3] = madd(a1, b1, acc[3]);
            acc[4] = madd(a2, b0, acc[4]);
            acc[5] = madd(a2, b1, acc[5]);
            acc[6] = madd(a3, b0, acc[6]);
            acc[7] = madd(a3, b1, acc[7]);
        }
    }
    *tile = acc;
}

/// Operands up to this many multiply-adds, in whole micro-tiles and one depth block, are
/// read in place: packing them costs more than it saves.
const UNPACKED_MAX: usize = 128 * 128 * 128;

/// The small-GEMM path: `m` a multiple of MR, `n` of NR, `k` at most KC; the micro-kernel
/// reads the row-major operands where they are, no packing.
fn gemm_unpacked(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], out: &mut [f32]) {
    let at = Strides {
        a_row: k,
        a_depth: 1,
        b_depth: n,
    };
    let mut tile = [f32x4_splat(0.0); 8];
    for ir in (0..m).step_by(MR) {
        for jr in (0..n).step_by(NR) {
            micro_4x8(k, &a[ir * k..], &b[jr..], at, &mut tile);
            for r in 0..MR {
                let row = (ir + r) * n + jr;
                store(out, row, tile[2 * r]);
                store(out, row + 4, tile[2 * r + 1]);
            }
        }
    }
}

/// Blocked, packed f32 GEMM: `out[m×n] = a[m×k] · b[k×n]`, all row-major and contiguous.
pub fn gemm_f32(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], out: &mut [f32]) -> bool {
    if k == 0 || a.len() < m * k || b.len() < k * n || out.len() < m * n {
        return false;
    }
    if m % MR == 0 && n % NR == 0 && k <= KC && m * n * k <= UNPACKED_MAX {
        gemm_unpacked(m, n, k, a, b, out);
        return true;
    }
    let (mut pa, mut pb) = (Vec::new(), Vec::new());
    let mut tile = [f32x4_splat(0.0); 8];
    for pc in (0..k).step_by(KC) {
        let kc = KC.min(k - pc);
        pack_b(&b[pc * n..], n, kc, n, &mut pb);
        for ic in (0..m).step_by(MC) {
            let mc = MC.min(m - ic);
            pack_a(&a[ic * k + pc..], k, mc, kc, &mut pa);
            for (jp, jr) in (0..n).step_by(NR).enumerate() {
                let bp = &pb[jp * kc * NR..];
                let cols = NR.min(n - jr);
                for (ip, ir) in (0..mc).step_by(MR).enumerate() {
                    micro_4x8(kc, &pa[ip * kc * MR..], bp, PACKED, &mut tile);
                    let rows = MR.min(mc - ir);
                    // The first depth block writes the tile; later ones add to it.
                    let first = pc == 0;
                    for r in 0..rows {
                        let at = (ic + ir + r) * n + jr;
                        if cols == NR {
                            let (mut c0, mut c1) = (tile[2 * r], tile[2 * r + 1]);
                            if !first {
                                c0 = f32x4_add(load(out, at), c0);
                                c1 = f32x4_add(load(out, at + 4), c1);
                            }
                            store(out, at, c0);
                            store(out, at + 4, c1);
                        } else {
                            let mut lanes = [0f32; NR];
                            store(&mut lanes, 0, tile[2 * r]);
                            store(&mut lanes, 4, tile[2 * r + 1]);
                            for (c, v) in lanes.iter().take(cols).enumerate() {
                                out[at + c] = if first { *v } else { out[at + c] + v };
                            }
                        }
                    }
                }
            }
        }
    }
    true
}

// Copy bandwidth references for the add row: 1M float32 (4 MiB) copied = 8 MiB moved
// (one read, one write). Three copies:
//   - Float32Array.prototype.set between two arrays on the JS heap;
//   - TypedArray.set between two windows onto ExTensor's wasm memory;
//   - wasm's own memory.copy inside ExTensor's memory, from a hand-assembled 57-byte module
//     that imports that memory: (func (param dst src n) memory.copy).
import { measure } from './timing.mjs';
import { N } from './data.mjs';
import { state } from '../../js/runtime.js';

const MEMORY_COPY_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  0x01, 0x07, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00, // type: (i32 i32 i32) -> ()
  0x02, 0x08, 0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, 0x00, 0x01, // import "e" "m" (memory 1)
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x08, 0x01, 0x04, 0x63, 0x6f, 0x70, 0x79, 0x00, 0x00, // export "copy"
  0x0a, 0x0e, 0x01, 0x0c, 0x00, // code: one body, no locals
  0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfc, 0x0a, 0x00, 0x00, 0x0b, // local.get 0 1 2; memory.copy; end
]);

/** @returns {{ label, short, bytes, ms?, error? }[]} */
export function measureMemcpy(ex) {
  const bytes = 2 * N * 4;
  const entry = (label, short, fn) => {
    try {
      return { label, short, bytes, ...measure(fn()) };
    } catch (e) {
      return { label, short, bytes, error: e.message };
    }
  };
  const src = new Float32Array(N).fill(1.5);
  const dst = new Float32Array(N);
  const results = [entry('Float32Array.prototype.set, JS heap', 'JS-heap set', () => () => dst.set(src))];

  const a = ex.ones([N]);
  const b = ex.zeros([N]);
  try {
    // Nothing allocates in wasm memory while these windows are in use, so they stay live.
    const wa = a.data;
    const wb = b.data;
    results.push(entry('TypedArray.set on wasm memory', 'wasm-memory set', () => () => wb.set(wa)));
    results.push(entry('wasm memory.copy in ExTensor memory', 'memory.copy', () => {
      // The public API hands out windows, not the Memory object: take it from the loader's
      // state (the same module instance that 'extensor' resolved to).
      const memory = state.exports?.memory;
      if (!(memory instanceof WebAssembly.Memory) || memory.buffer !== wa.buffer) {
        throw new Error("cannot reach ExTensor's WebAssembly.Memory");
      }
      const module = new WebAssembly.Module(MEMORY_COPY_MODULE);
      const { copy } = new WebAssembly.Instance(module, { e: { m: memory } }).exports;
      wb.fill(0);
      copy(wb.byteOffset, wa.byteOffset, N * 4);
      if (wb[N - 1] !== 1) throw new Error('memory.copy did not copy');
      return () => copy(wb.byteOffset, wa.byteOffset, N * 4);
    }));
  } finally {
    a.free();
    b.free();
  }
  return results;
}

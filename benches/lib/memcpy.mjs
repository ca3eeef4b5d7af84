// Copy references. The bound the targets use is copyCase() in cases/js.mjs: TypedArray.set
// between two arrays on the JS heap, at every byte count the rows need. For information,
// this file also times 4 MiB copies inside ExTensor's wasm memory:
//   - TypedArray.set between two windows onto ExTensor's wasm memory;
//   - wasm's own memory.copy, from a hand-assembled 57-byte module that imports that
//     memory: (func (param dst src n) memory.copy).
import { measure } from './timing.mjs';

export const MEMCPY_BYTES = 4 << 20;

const MEMORY_COPY_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
  0x01, 0x07, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00, // type: (i32 i32 i32) -> ()
  0x02, 0x08, 0x01, 0x01, 0x65, 0x01, 0x6d, 0x02, 0x00, 0x01, // import "e" "m" (memory 1)
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x08, 0x01, 0x04, 0x63, 0x6f, 0x70, 0x79, 0x00, 0x00, // export "copy"
  0x0a, 0x0e, 0x01, 0x0c, 0x00, // code: one body, no locals
  0x20, 0x00, 0x20, 0x01, 0x20, 0x02, 0xfc, 0x0a, 0x00, 0x00, 0x0b, // local.get 0 1 2; memory.copy; end
]);

/**
 * ExTensor's WebAssembly.Memory, from the package's runtime module (internal; optional). The
 * URL relative to this file is the module the package entry loaded, in Node and in a page.
 */
export async function extensorMemory() {
  try {
    const { state } = await import(new URL('../../js/runtime.js', import.meta.url).href);
    return state.exports?.memory;
  } catch {
    return undefined;
  }
}

/**
 * 4 MiB copies in ExTensor's wasm memory. `memory` is its WebAssembly.Memory when the
 * runner can reach it (the public API hands out windows, not the Memory object).
 * @returns {{ label, bytes, ms?, error? }[]}
 */
export function measureWasmMemcpy(ex, memory) {
  const n = MEMCPY_BYTES / 4;
  const entry = (label, fn) => {
    try {
      return { label, bytes: MEMCPY_BYTES, ...measure(fn()) };
    } catch (e) {
      return { label, bytes: MEMCPY_BYTES, error: e.message };
    }
  };
  const a = ex.ones([n]);
  const b = ex.zeros([n]);
  const results = [];
  try {
    // Nothing allocates in wasm memory while these windows are in use, so they stay live.
    const wa = a.data;
    const wb = b.data;
    results.push(entry('TypedArray.set on wasm memory', () => () => wb.set(wa)));
    results.push(entry('wasm memory.copy in ExTensor memory', () => {
      if (!(memory instanceof WebAssembly.Memory) || memory.buffer !== wa.buffer) {
        throw new Error("cannot reach ExTensor's WebAssembly.Memory");
      }
      const module = new WebAssembly.Module(MEMORY_COPY_MODULE);
      const { copy } = new WebAssembly.Instance(module, { e: { m: memory } }).exports;
      wb.fill(0);
      copy(wb.byteOffset, wa.byteOffset, MEMCPY_BYTES);
      if (wb[n - 1] !== 1) throw new Error('memory.copy did not copy');
      return () => copy(wb.byteOffset, wa.byteOffset, MEMCPY_BYTES);
    }));
  } finally {
    a.free();
    b.free();
  }
  return results;
}

// The instance's state and the error boundary: every binding call goes through call(),
// which turns the binding's `CODE message` errors into ExTensorError and a trap into a
// stopped instance.
import * as singleThreadedGlue from '../pkg/extensor.js';
import { ERROR_CODES, ExTensorError } from './errors.js';
import type { ErrorCode } from './errors.js';

export { singleThreadedGlue };

/**
 * The bindings of a wasm-bindgen glue: every build's name the same functions
 * (src/js/threads.rs); only loading (`default`, `initSync`) differs, the threaded one
 * taking the shared memory.
 */
export type Glue = Omit<typeof singleThreadedGlue, 'default' | 'initSync'>;

/** The threaded build's glue module (pkg/extensor_threads.js). */
export type ThreadedGlue = typeof import('../pkg/extensor_threads.js');

/** What a build's instance exports (the threaded build's memory is imported, not exported). */
export type InitOutput = singleThreadedGlue.InitOutput;

/**
 * The glue every call goes through: a live binding, so the loader can swap in the threaded
 * build's glue (its own module, since its memory is imported) without touching a call site.
 */
export let glue: Glue = singleThreadedGlue;

/** Makes `next` the glue of every later call (the loader, before the instance is used). */
export function useGlue(next: Glue): void {
  glue = next;
}

/** Op name -> the binding's code, per op family. */
export interface OpCodes {
  binary: Map<string, number>;
  compare: Map<string, number>;
  unary: Map<string, number>;
  reduce: Map<string, number>;
  predicate: Map<string, number>;
  logical: Map<string, number>;
  truth: Map<string, number>;
}

/** What the rest of the package knows about the running instance. */
export interface State {
  /** the wasm instance's exports once initialised (holds `memory`) */
  exports: InitOutput | null;
  /** the build that was loaded: 'relaxed' | 'simd' | 'baseline' | 'threads' */
  variant: string | null;
  /** the wasm memory (the threaded build's is a shared one, imported) */
  memory: WebAssembly.Memory | null;
  /** the threads the instance's pool runs on (1 for the single-threaded builds) */
  threads: number;
  /** the memory is a shared one (the threaded build): growth never detaches a window */
  sharedMemory: boolean;
  /** dtype names in the order the binding numbers them (src/js/handle.rs `meta`) */
  dtypeNames: readonly string[] | null;
  /** op name -> code per family, read from the core's op lists at init (src/js/math.rs) */
  opCodes: OpCodes | null;
  /** the ExTensorError every call throws once the instance trapped (see stop()), else null */
  stopped: ExTensorError | null;
  /** handles reclaimed by the FinalizationRegistry backstop */
  reclaimedByFinalizer: number;
  trackLeaks: boolean;
  nextSerial: number;
}

export const state: State = {
  exports: null,
  variant: null,
  memory: null,
  threads: 1,
  sharedMemory: false,
  dtypeNames: null,
  opCodes: null,
  stopped: null,
  reclaimedByFinalizer: 0,
  trackLeaks: false,
  nextSerial: 1,
};

/** The instance's exports; only called after ensureReady() or a live handle proved one is loaded. */
export function instance(): InitOutput {
  if (state.exports === null) throw new ExTensorError('INVALID_ARGUMENT', 'ExTensor is not initialised; await ex.init() (or call ex.initSync()) first');
  return state.exports;
}

/** The instance's wasm memory; only called after ensureReady() or a live handle proved one is loaded. */
export function wasmMemory(): WebAssembly.Memory {
  if (state.memory === null) throw new ExTensorError('INVALID_ARGUMENT', 'ExTensor is not initialised; await ex.init() (or call ex.initSync()) first');
  return state.memory;
}

/** The op codes read at init (see instance()). */
export function opCodes(): OpCodes {
  if (state.opCodes === null) throw new ExTensorError('INVALID_ARGUMENT', 'ExTensor is not initialised; await ex.init() (or call ex.initSync()) first');
  return state.opCodes;
}

/** INVALID_ARGUMENT unless an instance is loaded. */
export function ensureReady(op: string): void {
  if (state.exports === null) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ExTensor is not initialised; await ex.init() (or call ex.initSync()) first`);
  }
}

/**
 * Runs a binding call. The binding reports an error as the text `CODE message` (see
 * src/js/convert.rs `js_result`), thrown by the glue after Rust returned; it becomes an
 * ExTensorError here.
 */
export function call<T>(fn: () => T): T {
  if (state.stopped !== null) throw state.stopped;
  try {
    return fn();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw stop(e);
    if (typeof e !== 'string') throw e;
    const space = e.indexOf(' ');
    const code = e.slice(0, space);
    if (space === -1 || !isErrorCode(code)) throw new ExTensorError('INVALID_ARGUMENT', `internal: ${e}`);
    throw new ExTensorError(code, e.slice(space + 1));
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * A wasm trap ends the instance: Rust aborts only when an allocation it cannot refuse fails
 * (the instance is out of memory), and its state may then be half-updated. Every later
 * call throws this same error instead of running on it; free() and the backstop do nothing.
 */
function stop(trap: WebAssembly.RuntimeError): ExTensorError {
  state.stopped = new ExTensorError('OUT_OF_MEMORY', `the ExTensor wasm instance stopped and cannot be used any more (it most likely ran out of memory): ${trap.message}`);
  return state.stopped;
}

/** Arguments at least this large are checked for room before the glue copies them. */
const ROOM_CHECK_BYTES = 1024;

/**
 * OUT_OF_MEMORY unless an argument of `nbytes` fits in wasm memory now. The glue copies
 * arguments in with an allocator that aborts the instance on failure, where the core's
 * reports OUT_OF_MEMORY; small arguments come out of the core's reserve.
 */
export function ensureRoom(nbytes: number): void {
  if (nbytes >= ROOM_CHECK_BYTES) call(() => glue.ensureRoom(nbytes));
}

/** Releases a handle id; never throws. Returns the bytes now quarantined, -1 if none was live. */
export function freeHandleQuietly(id: number): number {
  if (state.stopped !== null) return -1;
  try {
    return glue.freeHandle(id);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) stop(e);
    return -1;
  }
}

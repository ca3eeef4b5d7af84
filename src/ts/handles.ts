// Handle bookkeeping: the finalizer backstop, the open scope, and leak tracking, for every
// ExTensor from its creation to its free().
import { freeHandleQuietly, state } from './runtime.js';
import { adoptIntoScope, disown } from './scopes.js';
import type { ExTensor } from './tensor.js';
import type { DType } from './types.js';

/** What debug.leaks() reports of a live handle (shape and dtype filled in at creation). */
export interface LeakEntry {
  id: number;
  shape: number[];
  dtype: DType;
  stack: string;
}

/** Live tracked handles: handle id -> { id (a serial number), shape, dtype, stack } (only while tracking). */
export const leakTable = new Map<number, LeakEntry>();

// The backstop: a handle the user forgot to free is released when it is garbage
// collected. The held value, the handle id (a number: nothing to allocate per handle), must
// not reference the ExTensor itself. freeHandle never throws: it returns -1 for an id that
// is already free.
const finalizer = new FinalizationRegistry<number>((id) => {
  if (freeHandleQuietly(id) >= 0) state.reclaimedByFinalizer += 1;
  leakTable.delete(id);
});

/** Registers a new handle with the backstop, the open scope, and the leak table. */
export function adopt(tensor: ExTensor, id: number, describeHandle: () => { shape: number[]; dtype: DType }): void {
  finalizer.register(tensor, id, tensor);
  adoptIntoScope(tensor);
  if (state.trackLeaks) {
    leakTable.set(id, {
      id: state.nextSerial++,
      ...describeHandle(),
      stack: callerStack(new Error('created here').stack),
    });
  }
}

// This package's own modules, so a creation stack can start at the user's code. (Bundled,
// the files are gone and no frame matches: the stack is then kept whole.) Plain string
// work, not `new URL(…, import.meta.url)`, which bundlers read as an asset to copy.
const OWN_DIRECTORY = import.meta.url.slice(0, import.meta.url.lastIndexOf('/') + 1);
const OWN_FILES = ['runtime.js', 'handles.js', 'tensor.js', 'api.js', 'loader.js', 'creation.js', 'scopes.js', 'boundary.js', 'windows.js', 'node.js', 'browser.js']
  .map((file) => OWN_DIRECTORY + file);

/** The frames of `stack` below this package's own: where the user created the handle. */
function callerStack(stack: string | undefined): string {
  const frames = String(stack).split('\n').slice(1);
  const firstOutside = frames.findIndex((frame) => !OWN_FILES.some((file) => frame.includes(`${file}:`)));
  return frames.slice(firstOutside === -1 ? 0 : firstOutside).join('\n');
}

/** Forgets a handle that is being freed explicitly. */
export function release(tensor: ExTensor, id: number): void {
  finalizer.unregister(tensor);
  leakTable.delete(id);
  disown(tensor);
}

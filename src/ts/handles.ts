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

// The folder of this package's own modules, so a creation stack can start at the user's
// code. Found from a stack trace of this module, not import.meta.url, which some bundles
// lack and others replace with the build machine's path. (Bundled, the files are gone and
// no frame matches: the stack is then kept whole.)
let ownFrame: RegExp | null | undefined;

/** A pattern matching a stack frame in this package's js/ folder, found once from this module's own frame. */
function ownFramePattern(): RegExp | null {
  if (ownFrame === undefined) {
    // V8 writes `at f (URL:line:col)`, Firefox and Safari `f@URL:line:col`.
    const here = /(?:^|[\s(@])([^\s(@]*\/)handles\.js:\d+/m.exec(String(new Error().stack));
    ownFrame = here === null ? null : new RegExp(`${here[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\w-]+\\.js:`);
  }
  return ownFrame;
}

/** The frames of `stack` below this package's own: where the user created the handle. */
function callerStack(stack: string | undefined): string {
  const own = ownFramePattern();
  const frames = String(stack).split('\n').slice(1);
  const firstOutside = own === null ? 0 : frames.findIndex((frame) => !own.test(frame));
  return frames.slice(firstOutside === -1 ? 0 : firstOutside).join('\n');
}

/** Forgets a handle that is being freed explicitly. */
export function release(tensor: ExTensor, id: number): void {
  finalizer.unregister(tensor);
  leakTable.delete(id);
  disown(tensor);
}

// Typed-array windows onto tensor storage, and the guarantee that a window kept past
// `free()` never sees another tensor's elements.
//
// Every window pins the bytes it spans (Rust `BytesPin`): when their storage is freed while
// a window onto them may still be alive, they are quarantined — kept allocated and given
// to no other tensor — instead of returned to the allocator. All pins are dropped together
// once every window is detached, which happens when wasm memory grows (growth detaches
// every ArrayBuffer over the old memory: each earlier window then has length 0 and reaches
// nothing). Growth comes by itself when an allocation needs room; when the quarantine
// passes QUARANTINE_LIMIT (or many windows were opened), the next allocating call also
// releases them: the binding's releaseWindows grows memory by 0 pages first, which
// detaches every window just as a real growth does (verified in Node and Chromium), so the
// pins can never be dropped while a window can still reach their bytes. Quarantine is thus
// bounded without waiting for the garbage collector, and windows still detach only inside
// calls that allocate, as the README has always said they may.
//
// The threaded build's memory is shared, and no growth ever detaches a SharedArrayBuffer: a
// window there keeps reaching its bytes for as long as it lives. So each of its windows
// holds its own pin, dropped only when a FinalizationRegistry reports that window
// collected; until then its storage's bytes stay quarantined (never given to another
// tensor). Where the engine has no FinalizationRegistry the pins are simply never dropped.
import { glue, state, call, wasmMemory } from './runtime.js';
import type { TypedArrayConstructor } from './boundary.js';

/** Quarantined bytes past which the next allocating call detaches every window. */
const QUARANTINE_LIMIT = 4 * 1024 * 1024;
/** Windows opened since the last detachment past which it also does (each holds a pin). */
const WINDOW_LIMIT = 65536;

/** The ArrayBuffer every pinned window was made over; null when none is pinned. */
let pinnedBuffer: ArrayBufferLike | null = null;
let windowsOpened = 0;
let detachPending = false;

function releasePins(): void {
  if (state.stopped !== null) return;
  try {
    glue.releaseWindows(); // grows memory by 0 pages (detaching every window), then drops the pins
  } catch {
    // Only a trap can land here; the next call reports it (runtime.ts call()).
  }
  pinnedBuffer = null;
  windowsOpened = 0;
  detachPending = false;
}

/** Drops the pins once memory grew since they were taken (their windows are detached). */
export function releaseDetachedWindows(): void {
  if (pinnedBuffer !== null && pinnedBuffer !== wasmMemory().buffer) releasePins();
}

/** After an allocating call: detach every window if the quarantine asked for it. */
export function afterAllocation(): void {
  if (detachPending) releasePins();
}

/** After free(): `quarantined` is the bytes now held back for windows. */
export function afterFree(quarantined: number): void {
  releaseDetachedWindows();
  if (pinnedBuffer !== null && (quarantined > QUARANTINE_LIMIT || windowsOpened > WINDOW_LIMIT)) detachPending = true;
}

/** Drops a collected shared-memory window's pin; never throws. */
function releaseWindowPin(key: number): void {
  if (state.stopped !== null) return;
  try {
    glue.releaseWindowPin(key);
  } catch {
    // Only a trap can land here; the next call reports it (runtime.ts call()).
  }
}

const sharedWindowPins = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<number>(releaseWindowPin) : null;

/** A zero-copy window of `Type` onto the `length` elements of handle `id`, its bytes pinned. */
export function openWindow<A>(id: number, Type: TypedArrayConstructor<A>, length: number): A {
  if (state.sharedMemory) {
    const [byteOffset, key] = call(() => glue.openSharedWindow(id));
    const window = new Type(wasmMemory().buffer, byteOffset!, length);
    sharedWindowPins?.register(window as object, key!);
    return window;
  }
  releaseDetachedWindows();
  const byteOffset = call(() => glue.openWindow(id));
  const buffer = wasmMemory().buffer;
  pinnedBuffer = buffer;
  windowsOpened += 1;
  return new Type(buffer, byteOffset, length);
}

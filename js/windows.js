// Typed-array windows onto tensor storage, and the guarantee that a window kept past
// `free()` never sees another tensor's elements.
//
// Each window holds a pin on the bytes it spans (Rust `BytesPin`): when the storage is
// freed while a window may still be alive, its bytes are quarantined — kept allocated and
// given to no other tensor — instead of returned to the allocator. A pin is dropped when
// its window is garbage collected (a FinalizationRegistry), or earlier, when wasm memory
// grows: growth detaches every ArrayBuffer over the old memory, so every window made before
// it has length 0 from then on and can reach nothing. The check for growth runs at every
// window, free() and memory() call, which bounds quarantine in a synchronous loop that
// never lets the registry run: the bytes come back at the next growth at the latest.
import { glue, state, call } from './runtime.js';

/** pin id -> unregister token, for the windows made since the last memory growth. */
const livePins = new Map();
/** The ArrayBuffer the live pins' windows were made over. */
let pinnedBuffer = null;

const collected = new FinalizationRegistry((pin) => {
  livePins.delete(pin);
  glue.unpinWindow(pin);
});

/** Drops every pin whose window was detached by a memory growth. */
export function releaseDetachedWindows() {
  if (pinnedBuffer === null || pinnedBuffer === state.exports.memory.buffer) return;
  for (const [pin, token] of livePins) {
    collected.unregister(token);
    glue.unpinWindow(pin);
  }
  livePins.clear();
  pinnedBuffer = null;
}

/** A zero-copy window of `Type` onto the elements of handle `id`, its bytes pinned. */
export function openWindow(id, Type) {
  releaseDetachedWindows();
  const [byteOffset, length, pin] = call(() => glue.openWindow(id));
  const buffer = state.exports.memory.buffer;
  const window = new Type(buffer, byteOffset, length);
  const token = {};
  collected.register(window, pin, token);
  livePins.set(pin, token);
  pinnedBuffer = buffer;
  return window;
}

// How the .wasm bytes are found: set once by the entry point (node.js or browser.js).
export const platform = {
  /** async (variant) => BufferSource | URL | Response */
  locate: null,
  /** (variant) => BufferSource, or null where synchronous loading is impossible */
  locateSync: null,
};

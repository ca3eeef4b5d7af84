// What differs between Node and browsers (how the .wasm bytes are found, whether there is
// an async context): set once by the entry point (node.js or browser.js).
export const platform = {
  /** async (variant) => BufferSource | URL | Response */
  locate: null,
  /** (variant) => BufferSource, or null where synchronous loading is impossible */
  locateSync: null,
  /** Node's AsyncLocalStorage class, so that scopes follow `await`; null elsewhere */
  AsyncLocalStorage: null,
};

/** `Symbol.dispose` for `using`; engines without it get the registry symbol TypeScript's helpers use. */
export const DISPOSE = Symbol.dispose ?? Symbol.for('Symbol.dispose');

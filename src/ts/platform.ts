// What differs between Node and browsers (how the .wasm bytes are found, whether there is
// an async context): set once by the entry point (node.js or browser.js).
export interface Platform {
  /** The `.wasm` of a build: its bytes, or a URL or Response to fetch. */
  locate: ((variant: string) => Promise<BufferSource> | URL | Response) | null;
  /** The bytes of a build, or null where synchronous loading is impossible. */
  locateSync: ((variant: string) => BufferSource) | null;
  /** Node's AsyncLocalStorage class, so that scopes follow `await`; null elsewhere. */
  AsyncLocalStorage: AsyncContextClass | null;
}

/** The part of Node's `AsyncLocalStorage` that scopes use. */
export interface AsyncContextClass {
  new <T>(): AsyncContext<T>;
}

/** One async-context slot: `run` makes `store` current for `fn` and what it awaits. */
export interface AsyncContext<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
  enterWith(store: T): void;
}

export const platform: Platform = {
  locate: null,
  locateSync: null,
  AsyncLocalStorage: null,
};

/** `Symbol.dispose` for `using`; engines without it get the registry symbol TypeScript's helpers use. */
export const DISPOSE: typeof Symbol.dispose = Symbol.dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);

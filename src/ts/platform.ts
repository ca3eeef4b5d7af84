// What differs between Node and browsers (where the package's .wasm files are, how a file
// is read, what a relative URL is relative to, whether there is an async context): set once
// by the entry point (node.js or browser.js).
export interface Platform {
  /**
   * The URL of a build's `.wasm` as the package ships it (next to the glue). Throws where
   * the module has no URL of its own (a bundle whose format drops `import.meta`).
   */
  packagedWasm: ((variant: string) => URL) | null;
  /** Reads a `file:` URL (Node); null where files cannot be read. */
  readFile: ((url: URL) => Promise<Uint8Array<ArrayBuffer>>) | null;
  /** Reads a `file:` URL synchronously (Node); null where files cannot be read. */
  readFileSync: ((url: URL) => Uint8Array<ArrayBuffer>) | null;
  /** The URL a `wasmPaths` text names: relative to the page in browsers, to the working directory in Node. */
  resolveUrl: ((text: string) => URL) | null;
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
  packagedWasm: null,
  readFile: null,
  readFileSync: null,
  resolveUrl: null,
  AsyncLocalStorage: null,
};

/** `Symbol.dispose` for `using`; engines without it get the registry symbol TypeScript's helpers use. */
export const DISPOSE: typeof Symbol.dispose = Symbol.dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);

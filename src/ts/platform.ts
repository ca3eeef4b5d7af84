// What differs between Node and browsers (where the package's .wasm files are, how a file
// is read, what a relative URL is relative to, whether there is an async context): set once
// by the entry point (node.js or browser.js).
import type { ThreadedGlue } from './runtime.js';

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
  /** What `threads: 'auto'` means: `os.availableParallelism()`, `navigator.hardwareConcurrency`. */
  hardwareConcurrency: (() => number) | null;
  /** A WebAssembly.Memory can be shared with workers here (Node; a cross-origin isolated page). */
  canShareMemory: (() => boolean) | null;
  /** Loads the threaded build's glue (its own module: its memory is imported). */
  loadThreadedGlue: (() => Promise<ThreadedGlue>) | null;
  /**
   * Starts `count` workers (worker_threads, Web Workers) on the threaded build's module and
   * shared memory; resolves once each has instantiated it and waits for its rayon thread.
   */
  startWorkers: ((count: number, module: WebAssembly.Module, memory: WebAssembly.Memory) => Promise<void>) | null;
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
  hardwareConcurrency: null,
  canShareMemory: null,
  loadThreadedGlue: null,
  startWorkers: null,
};

/** `Symbol.dispose` for `using`; engines without it get the registry symbol TypeScript's helpers use. */
export const DISPOSE: typeof Symbol.dispose = Symbol.dispose ?? (Symbol.for('Symbol.dispose') as typeof Symbol.dispose);

// Loading: which build the engine can run, instantiating it (once), and what was loaded.
import { ExTensorError } from './errors.js';
import { ensureReady, glue, singleThreadedGlue, useGlue, wasmMemory, state } from './runtime.js';
import type { ThreadedGlue } from './runtime.js';
import { scopesFollowAsyncContext } from './scopes.js';
import {
  NORM_ORDER_DEFAULT, NORM_ORDER_NUMBER, NORM_ORDER_TEXT, OPERAND_NONE, OPERAND_TENSOR, SCALAR_BOOL, SCALAR_INT, SCALAR_NUMBER, SCALAR_UINT, describe, readOptions,
} from './boundary.js';
import { platform } from './platform.js';
import { fetchBuild, fetchIfUrl, offeredBuilds, readWasmPaths, wasmUrl } from './wasm-paths.js';
import type { WasmLocations } from './wasm-paths.js';
import type {
  InitInput as GlueInitInput, InitOutput, SyncInitInput as GlueSyncInitInput,
} from '../pkg/extensor.js';

/**
 * The package version (the one in `package.json`).
 *
 * @example
 * ```ts
 * console.log(ex.VERSION); // '0.1.0'
 * ```
 */
export const VERSION: string = '0.1.0';

/**
 * Which wasm build is running: `'relaxed'` (SIMD128 + relaxed SIMD), `'simd'` (SIMD128),
 * `'baseline'` (no SIMD) or `'threads'` (SIMD128 on a shared memory, with a pool of worker
 * threads: {@link BackendInfo.threads}).
 *
 * @example
 * ```ts
 * const build: ex.Build = ex.backend().build;
 * ```
 */
export type Build = 'relaxed' | 'simd' | 'baseline' | 'threads';

/**
 * What {@link backend}, {@link init} and {@link initSync} report about the running build.
 *
 * @example
 * ```ts
 * const info: ex.BackendInfo = await ex.init();
 * console.log(info.build, info.wasmMemoryBytes);
 * ```
 */
export interface BackendInfo {
  /**
   * The build uses SIMD128.
   *
   * @example
   * ```ts
   * if (!ex.backend().simd) console.warn('no SIMD128: slower kernels');
   * ```
   */
  simd: boolean;
  /**
   * The build uses relaxed SIMD (`f32x4.relaxed_madd` in matmul).
   *
   * @example
   * ```ts
   * console.log(ex.backend().relaxed);
   * ```
   */
  relaxed: boolean;
  /**
   * The build's name.
   *
   * @example
   * ```ts
   * console.log(ex.backend().build); // 'simd'
   * ```
   */
  build: Build;
  /**
   * The package version ({@link VERSION}).
   *
   * @example
   * ```ts
   * console.log(ex.backend().version);
   * ```
   */
  version: string;
  /**
   * The size of the wasm memory now, in bytes (it only grows).
   *
   * @example
   * ```ts
   * console.log(ex.backend().wasmMemoryBytes);
   * ```
   */
  wasmMemoryBytes: number;
  /**
   * `true` where {@link scope} follows the async context (Node, through
   * `AsyncLocalStorage`): a scope stays current across its function's `await`s, and
   * concurrent tasks that each open their own scope never free each other's handles (the
   * scope is also current in the caller until the caller's next `await`; README: "Scopes
   * across await"). `false` where there is one realm-wide scope stack (browsers): a scope
   * then also collects handles other tasks create while it is the innermost one.
   *
   * @example
   * ```ts
   * if (!ex.backend().asyncScopes) console.warn('scopes are realm-wide here');
   * ```
   */
  asyncScopes: boolean;
  /**
   * The threads that run parallel work: the calling thread and its workers in the
   * `'threads'` build, 1 in the others (and where the engine cannot share memory: browsers
   * need a cross-origin isolated page, README "Threads"). Results are the same, bit for
   * bit, whatever the count.
   *
   * @example
   * ```ts
   * const { threads } = await ex.init({ threads: 'auto' });
   * console.log(`${threads} threads`);
   * ```
   */
  threads: number;
}

/**
 * What this JavaScript engine can run, from `WebAssembly.validate` probes.
 *
 * @example
 * ```ts
 * const { simd, relaxed } = ex.engineSupport();
 * ```
 */
export interface EngineSupport {
  /**
   * The engine validates SIMD128.
   *
   * @example
   * ```ts
   * console.log(ex.engineSupport().simd);
   * ```
   */
  simd: boolean;
  /**
   * The engine validates relaxed SIMD (Chromium does; Node 20 only with
   * `--experimental-wasm-relaxed-simd`).
   *
   * @example
   * ```ts
   * console.log(ex.engineSupport().relaxed);
   * ```
   */
  relaxed: boolean;
}

/**
 * `WebAssembly.Module` where the program's libraries declare it (DOM, WebWorker,
 * `@types/node`); otherwise no value has this type.
 *
 * @example
 * ```ts
 * const module: ex.WasmModule = await WebAssembly.compile(bytes);
 * ex.initSync(module);
 * ```
 */
export type WasmModule = WasmModuleIn<typeof globalThis>;

/** `WebAssembly.Module` of a global scope type, if it declares one. @internal */
type WasmModuleIn<G> = G extends { WebAssembly: { Module: abstract new (...args: never) => infer M } } ? M : never;

/** An instance type of a global constructor `K`, where the program's libraries declare it. @internal */
type GlobalInstance<K extends string> =
  typeof globalThis extends { [P in K]: abstract new (...args: never) => infer T } ? T : never;

/**
 * The bytes of a `.wasm` build, or the compiled module: what {@link initSync} takes.
 *
 * @example
 * ```ts
 * const source: ex.SyncInitInput = readFileSync('node_modules/extensor/pkg/extensor_baseline_bg.wasm');
 * ```
 */
export type SyncInitInput = ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * What {@link init}'s `module` option takes: a {@link SyncInitInput}, a URL (string or
 * `URL`) or `Request` to fetch, or a fetched `Response`.
 *
 * @example
 * ```ts
 * const input: ex.InitInput = new URL('./extensor_simd_bg.wasm', import.meta.url);
 * ```
 */
export type InitInput = SyncInitInput | string | GlobalInstance<'URL'> | GlobalInstance<'Request'> | GlobalInstance<'Response'>;

/**
 * A URL per build: where each `.wasm` file is when it is not where the package ships it.
 * With a map, {@link init}'s automatic choice considers only the builds it names.
 *
 * @example
 * ```ts
 * // esbuild --loader:.wasm=file: `import simd from 'extensor/pkg/extensor_simd_bg.wasm'`
 * // gives the URL of the emitted file
 * const paths: ex.WasmPathMap = { simd: '/assets/extensor_simd_bg-5TJZ2QYB.wasm', baseline: '/assets/extensor_baseline_bg-KX3PHW7A.wasm' };
 * await ex.init({ wasmPaths: paths });
 * ```
 */
export interface WasmPathMap {
  /**
   * The URL of `extensor_relaxed_bg.wasm` (SIMD128 + relaxed SIMD).
   *
   * @example
   * ```ts
   * await ex.init({ wasmPaths: { relaxed: '/wasm/extensor_relaxed_bg.wasm', simd: '/wasm/extensor_simd_bg.wasm' } });
   * ```
   */
  relaxed?: string | GlobalInstance<'URL'> | undefined;
  /**
   * The URL of `extensor_simd_bg.wasm` (SIMD128).
   *
   * @example
   * ```ts
   * await ex.init({ wasmPaths: { simd: '/wasm/extensor_simd_bg.wasm', baseline: '/wasm/extensor_baseline_bg.wasm' } });
   * ```
   */
  simd?: string | GlobalInstance<'URL'> | undefined;
  /**
   * The URL of `extensor_baseline_bg.wasm` (no SIMD: every engine).
   *
   * @example
   * ```ts
   * await ex.init({ wasmPaths: { baseline: 'https://example.com/extensor_baseline_bg.wasm' } });
   * ```
   */
  baseline?: string | GlobalInstance<'URL'> | undefined;
  /**
   * The URL of `extensor_threads_bg.wasm` (SIMD128 on a shared memory, with worker
   * threads; see {@link InitOptions.threads}). Without it, a map keeps {@link init} to the
   * single-threaded builds it names.
   *
   * @example
   * ```ts
   * await ex.init({ wasmPaths: { simd: '/wasm/extensor_simd_bg.wasm', threads: '/wasm/extensor_threads_bg.wasm' } });
   * ```
   */
  threads?: string | GlobalInstance<'URL'> | undefined;
}

/**
 * Where {@link init} finds the `.wasm` files: the URL of the folder that holds them under
 * their published names (`extensor_relaxed_bg.wasm`, `extensor_simd_bg.wasm`,
 * `extensor_baseline_bg.wasm`, `extensor_threads_bg.wasm`; a missing final `/` is added), or a {@link WasmPathMap}.
 * A relative URL is relative to the page (in Node: a file path from the working directory).
 *
 * @example
 * ```ts
 * // after `cp node_modules/extensor/pkg/*.wasm public/wasm/`
 * await ex.init({ wasmPaths: '/wasm/' });
 * ```
 */
export type WasmPaths = string | GlobalInstance<'URL'> | WasmPathMap;

/**
 * Which build {@link init} and {@link initSync} load. By default the fastest the engine
 * validates: relaxed, else simd, else baseline.
 *
 * @example
 * ```ts
 * await ex.init({ simd: false }); // force the baseline build
 * ```
 */
export interface InitSyncOptions {
  /**
   * `false` forces the baseline build; `true` requires SIMD128 (`INVALID_ARGUMENT` where the
   * engine lacks it).
   *
   * @example
   * ```ts
   * ex.initSync(undefined, { simd: false });
   * ```
   */
  simd?: boolean | undefined;
  /**
   * `false` stops at the SIMD128 build; `true` requires relaxed SIMD (`INVALID_ARGUMENT`
   * where the engine lacks it).
   *
   * @example
   * ```ts
   * await ex.init({ relaxed: false });
   * ```
   */
  relaxed?: boolean | undefined;
}

/**
 * Options of {@link init}: the build choice, and optionally where the `.wasm` comes from.
 *
 * @example
 * ```ts
 * await ex.init({ module: fetch('/assets/extensor_simd_bg.wasm'), relaxed: false });
 * ```
 */
export interface InitOptions extends InitSyncOptions {
  /**
   * The `.wasm` to load instead of the one next to the package's glue (bytes, a compiled
   * module, a URL, a `Request`, a `Response`, or a promise of one). It must be the build the
   * other options select; {@link BackendInfo.build} reports what was loaded.
   *
   * @example
   * ```ts
   * await ex.init({ module: new URL('/wasm/extensor_baseline_bg.wasm', location.href), simd: false });
   * ```
   */
  module?: InitInput | Promise<InitInput> | undefined;
  /**
   * Where the `.wasm` files are when a bundler did not emit them (or the page serves them
   * elsewhere): the URL of the folder holding them under their published names, or a URL
   * per build ({@link WasmPathMap}). The automatic build choice still applies (with a map,
   * among the builds it names). Not together with `module`.
   *
   * @example
   * ```ts
   * await ex.init({ wasmPaths: 'https://cdn.jsdelivr.net/npm/extensor@0.1.0/pkg/' });
   * ```
   */
  wasmPaths?: WasmPaths | undefined;
  /**
   * How many threads run parallel work: a whole number ≥ 1, or `'auto'` (the default: one
   * per core, `os.availableParallelism()` in Node, `navigator.hardwareConcurrency` in
   * browsers). Above 1, where memory can be shared with workers (Node; a cross-origin
   * isolated page) and the engine has SIMD128, the `'threads'` build is loaded and starts
   * that many threads less one as workers (`worker_threads`, Web Workers); the calling
   * thread is the other, and takes part in every parallel call, so synchronous calls keep
   * working on a browser's main thread. Elsewhere, and with `threads: 1`, `{ simd: false }`,
   * `{ relaxed: true }`, a `module` or a `wasmPaths` map without `threads`, a
   * single-threaded build as before. {@link BackendInfo.threads} reports the count.
   *
   * @example
   * ```ts
   * const { build, threads } = await ex.init({ threads: 4 });
   * console.log(build, threads); // 'threads' 4 in Node; 'simd' 1 on a page without COOP/COEP
   * ```
   */
  threads?: number | 'auto' | undefined;
}

// A module whose one function returns i8x16.popcnt(i8x16.splat(0)): valid only where the
// engine implements SIMD128 (the same probe wasm-feature-detect uses).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

// A module whose one function returns f32x4.relaxed_madd of three v128.const zeros: valid
// only where the engine implements relaxed SIMD (Chromium does; Node 20 only with
// --experimental-wasm-relaxed-simd).
const RELAXED_PROBE = (() => {
  const zeros: number[] = [253, 12, ...new Array<number>(16).fill(0)];
  const body = [0, ...zeros, ...zeros, ...zeros, 253, 133, 2, 11];
  return new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, body.length + 2, 1, body.length, ...body]);
})();

/**
 * What this engine can run (`WebAssembly.validate` of a SIMD128 and a relaxed-SIMD probe).
 * Works before {@link init}.
 *
 * @example
 * ```ts
 * if (!ex.engineSupport().simd) console.warn('this engine runs the baseline build');
 * ```
 */
export function engineSupport(): EngineSupport {
  const simd = WebAssembly.validate(SIMD_PROBE);
  return { simd, relaxed: simd && WebAssembly.validate(RELAXED_PROBE) };
}

/** The most threads `init` starts (rayon's thread indices and the test probe's bit set). */
const MAX_THREADS = 64;

/** `init`'s `threads` read into a count ≥ 1 ('auto' and omitted: one per core, at most MAX_THREADS). */
function readThreads(op: string, threads: unknown): number {
  if (threads === undefined || threads === 'auto') {
    const cores = platform.hardwareConcurrency?.() ?? 1;
    return Math.max(1, Math.min(MAX_THREADS, Number.isSafeInteger(cores) ? cores : 1));
  }
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: threads must be 'auto' or a whole number from 1 to ${MAX_THREADS}, got ${describe(threads)}`);
  }
  return threads;
}

/**
 * Why `init` does not load the threaded build, or null when it does: it needs more than one
 * thread, memory that can be shared with workers here, the engine's SIMD128, and no option
 * asking for another build.
 */
function whyNotThreaded(options: InitOptions, threads: number, offered: readonly string[] | null): string | null {
  if (state.variant !== null) return state.variant === 'threads' ? null : `the ${state.variant} build is already loaded`;
  if (threads <= 1) return 'one thread';
  if (options.module !== undefined) return 'module gives a single-threaded .wasm';
  if (options.simd === false) return 'simd: false asks for the baseline build';
  if (options.relaxed === true) return 'relaxed: true asks for the relaxed build';
  if (offered !== null && !offered.includes('threads')) return 'wasmPaths names no threaded build';
  if (platform.canShareMemory === null || !platform.canShareMemory()) {
    return 'memory cannot be shared with workers here: a page must be cross-origin isolated (COOP and COEP headers)';
  }
  if (platform.loadThreadedGlue === null || platform.startWorkers === null) return 'this platform starts no workers';
  if (!engineSupport().simd) return 'the engine has no SIMD128';
  return null;
}

/**
 * Loads the threaded build: its glue, the module (compiled here, to share with the
 * workers), an instance on a new shared memory, `threads - 1` workers on the same module
 * and memory, then rayon's pool (this thread and the workers). The glue is swapped in only
 * once all of that worked, so a failure leaves the single-threaded glue in place.
 */
async function loadThreaded(threads: number, url: URL): Promise<BackendInfo> {
  const threadedGlue: ThreadedGlue = await platform.loadThreadedGlue!();
  const source = await fetchBuild('init', 'threads', url);
  const module = source instanceof Response
    ? await WebAssembly.compile(await source.arrayBuffer())
    : await WebAssembly.compile(source);
  if (state.exports !== null) return backend();
  const exports = await threadedGlue.default({ module_or_path: module });
  const memory = (exports as unknown as { memory?: unknown }).memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new ExTensorError('INVALID_ARGUMENT', 'init: the threaded build exposes no shared memory');
  await platform.startWorkers!(threads - 1, module, memory);
  const running = threadedGlue.threadPoolBuild(threads - 1);
  useGlue(threadedGlue);
  state.sharedMemory = true;
  state.threads = running;
  return finish(exports as unknown as InitOutput, memory);
}

/**
 * The build to load: relaxed (SIMD128 + relaxed SIMD) where the engine validates it, else
 * simd, else baseline. `{ simd: false }` forces baseline; `{ relaxed: false }` stops at simd.
 * With `threaded`, 'threads' when the options and `wasmPaths` offer no single-threaded build.
 */
function pickVariant(op: string, options: InitSyncOptions, offered: readonly string[] | null = null, threaded = false): Build {
  for (const key of ['simd', 'relaxed'] as const) {
    if (options?.[key] !== undefined && typeof options[key] !== 'boolean') {
      throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${key} must be a boolean, got ${describe(options[key])}`);
    }
  }
  if (state.variant === 'threads' && (options?.simd === false || options?.relaxed === true)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: already initialised with the threads build`);
  }
  if (threaded && offered !== null && offered.every((build) => build === 'threads')) return 'threads';
  const support = engineSupport();
  const isOffered = (build: Build) => offered === null || offered.includes(build);
  const wantSimd = options?.simd ?? (support.simd && (isOffered('relaxed') || isOffered('simd')));
  const wantRelaxed = wantSimd && (options?.relaxed ?? (support.relaxed && isOffered('relaxed')));
  if (wantSimd && !support.simd) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: { simd: true } was asked for, but this engine does not support SIMD128`);
  }
  if (wantRelaxed && !support.relaxed) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: { relaxed: true } was asked for, but this engine does not support relaxed SIMD`);
  }
  const variant = wantRelaxed ? 'relaxed' : wantSimd ? 'simd' : 'baseline';
  if (!isOffered(variant)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: wasmPaths has no URL for the ${variant} build, the one ${options?.simd !== undefined || options?.relaxed !== undefined ? 'the options select' : 'this engine runs'}; it names ${offered!.join(', ')}`);
  }
  const explicit = options?.simd !== undefined || options?.relaxed !== undefined;
  if (state.variant !== null && state.variant !== 'threads' && state.variant !== variant && explicit) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: already initialised with the ${state.variant} build`);
  }
  return variant;
}

function finish(exports: InitOutput, memory: WebAssembly.Memory = exports.memory): BackendInfo {
  if (state.exports !== null) return backend(); // another init won the race: one instance only
  state.exports = exports;
  state.memory = memory;
  // What was loaded, not what was asked for: a caller may pass any build's bytes.
  state.variant = state.sharedMemory ? 'threads' : glue.buildHasRelaxedSimd() ? 'relaxed' : glue.buildHasSimd() ? 'simd' : 'baseline';
  state.dtypeNames = glue.dtypeNames();
  const codes = (names: string[]) => new Map(names.map((op, code) => [op, code]));
  state.opCodes = {
    binary: codes(glue.binaryOpNames()),
    compare: codes(glue.compareOpNames()),
    unary: codes(glue.unaryOpNames()),
    reduce: codes(glue.reduceOpNames()),
    predicate: codes(glue.predicateOpNames()),
    logical: codes(glue.logicalOpNames()),
    truth: codes(glue.truthOpNames()),
  };
  // The plain-data encodings are numbered on both sides: refuse a glue that disagrees.
  const expected = [SCALAR_NUMBER, SCALAR_BOOL, SCALAR_INT, SCALAR_UINT, OPERAND_TENSOR, OPERAND_NONE].join();
  if (Array.from(glue.encodingCodes()).join() !== expected) {
    throw new ExTensorError('INVALID_ARGUMENT', 'init: the wasm glue and the loader disagree on the argument encoding (mixed package versions?)');
  }
  if (Array.from(glue.normOrderCodes()).join() !== [NORM_ORDER_DEFAULT, NORM_ORDER_NUMBER, NORM_ORDER_TEXT].join()) {
    throw new ExTensorError('INVALID_ARGUMENT', 'init: the wasm glue and the loader disagree on the norm order encoding (mixed package versions?)');
  }
  return backend();
}

/** Loading failures (bad bytes, a non-module, a failed fetch) as INVALID_ARGUMENT. */
function loadError(op: string, e: unknown): ExTensorError {
  if (e instanceof ExTensorError) return e;
  const error = new ExTensorError('INVALID_ARGUMENT', `${op}: cannot load the wasm module: ${errorText(e)}`);
  error.cause = e;
  return error;
}

/** An engine error's message, else describe(): a caller's rejection value is never coerced. */
function errorText(e: unknown): string {
  const engineError = e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError
    || e instanceof TypeError || e instanceof RangeError;
  if (engineError) {
    try {
      const { message } = e as { message: unknown };
      if (typeof message === 'string') return message.length > 200 ? `${message.slice(0, 199)}…` : message;
    } catch {
      // a getter on a caller's error subclass: fall through
    }
  }
  return describe(e);
}

let pending: Promise<BackendInfo> | null = null;

/**
 * Loads the threaded build where memory can be shared with workers (Node; a cross-origin
 * isolated page) and more than one thread is asked for (`threads`, default one per core);
 * else the fastest single-threaded build the engine validates (relaxed SIMD, else SIMD128,
 * else baseline). Resolves to what was loaded. Idempotent: later calls resolve to the same
 * build. Every other function needs it (or {@link initSync}) first.
 *
 * @param options - `{ simd: false }` forces the baseline build, `{ relaxed: false }` stops
 *   at SIMD128; `threads` is the thread count (`1`: single-threaded); `wasmPaths` says where
 *   the `.wasm` files are (README, "Bundlers"); `module` supplies the `.wasm` yourself (a
 *   single-threaded build).
 * @returns the running build's {@link BackendInfo}.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `options` is not an object, a build
 *   is required that the engine cannot run, another build was already loaded, or the
 *   `.wasm` cannot be fetched or compiled (the message names the URL tried).
 *
 * @example
 * ```ts
 * import * as ex from 'extensor';
 * const { build } = await ex.init();
 * console.log(build); // 'threads' in Node; 'relaxed', 'simd' or 'baseline' elsewhere
 * ```
 */
export async function init(options?: InitOptions): Promise<BackendInfo> {
  options = readOptions('init', options, ['simd', 'relaxed', 'module', 'wasmPaths', 'threads']) as InitOptions;
  if (options.module !== undefined && options.wasmPaths !== undefined) {
    throw new ExTensorError('INVALID_ARGUMENT', 'init: give either module (the .wasm itself) or wasmPaths (where the .wasm files are), not both');
  }
  const threads = readThreads('init', options.threads);
  const locations: WasmLocations | null = options.wasmPaths === undefined ? null : readWasmPaths('init', options.wasmPaths);
  const offered = offeredBuilds(locations);
  const notThreaded = whyNotThreaded(options, threads, offered);
  const threaded = notThreaded === null;
  if (!threaded && offered !== null && offered.length > 0 && offered.every((build) => build === 'threads')) {
    throw new ExTensorError('INVALID_ARGUMENT', `init: wasmPaths names only the threaded build, which init() does not load here (${notThreaded}); name a single-threaded build too (README, "Threads")`);
  }
  const variant = pickVariant('init', options, offered, threaded);
  if (state.exports !== null) return backend();
  if (pending === null) {
    const { module } = options;
    pending = (async () => {
      try {
        if (threaded) {
          const info = await loadThreaded(threads, wasmUrl('init', 'threads', locations)).catch((e: unknown) => {
            // An explicit count, or a wasmPaths map with no other build, reports why not. 'auto' falls back to a single-threaded build
            // and says why once: memory could be shared, so threads were meant to run, and a
            // silent fallback would hide (say) a bundle that left the worker script out.
            if ((options.threads !== undefined && options.threads !== 'auto') || variant === 'threads') throw e;
            const why = e instanceof Error ? e.message : String(e);
            console.warn(`extensor: the threaded build did not start, so init() loaded a single-threaded one (${why}). See the README, "Threads"; threads: 1 skips the attempt.`);
            return null;
          });
          if (info !== null) return info;
        }
        const source = module !== undefined
          ? await fetchIfUrl('init', variant, await module)
          : await fetchBuild('init', variant, wasmUrl('init', variant, locations));
        if (state.exports !== null) return backend();
        return finish(await singleThreadedGlue.default({ module_or_path: source as GlueInitInput }));
      } catch (e) {
        throw loadError('init', e);
      }
    })();
    pending.catch(() => { pending = null; });
  }
  return pending;
}

/**
 * Synchronous {@link init} for Node and workers, always single-threaded (starting worker
 * threads needs an event loop turn). In Node `source` may be omitted (the package's
 * `.wasm` is read from disk); in browsers pass the bytes or a compiled
 * `WebAssembly.Module` of the chosen build. Idempotent.
 *
 * @param source - the `.wasm` bytes or compiled module.
 * @param options - the build choice, as for {@link init}.
 * @returns the running build's {@link BackendInfo}.
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` when `source` is omitted where files
 *   cannot be read synchronously, the bytes are not a valid module, or as for {@link init}.
 *
 * @example
 * ```ts
 * import * as ex from 'extensor';
 * ex.initSync();                         // Node
 * ex.initSync(wasmBytes, { simd: false }); // a worker with the baseline build's bytes
 * ```
 */
export function initSync(source?: SyncInitInput, options?: InitSyncOptions): BackendInfo {
  options = readOptions('initSync', options, ['simd', 'relaxed']) as InitSyncOptions;
  const variant = pickVariant('initSync', options);
  if (state.exports !== null) return backend();
  if (pending !== null) {
    // A second instance would split the tensors between two memories.
    throw new ExTensorError('INVALID_ARGUMENT', 'initSync: init() is still loading; await it instead');
  }
  let module = source;
  if (module === undefined) {
    if (platform.readFileSync === null) {
      throw new ExTensorError('INVALID_ARGUMENT', 'initSync: pass the .wasm bytes or a WebAssembly.Module here (browsers cannot read files synchronously)');
    }
    module = platform.readFileSync(platform.packagedWasm!(variant));
  }
  try {
    return finish(singleThreadedGlue.initSync({ module: module as GlueSyncInitInput }));
  } catch (e) {
    throw loadError('initSync', e);
  }
}

/**
 * Which build is running, and the size of wasm memory now.
 *
 * @throws {@link ExTensorError} `INVALID_ARGUMENT` before {@link init}.
 *
 * @example
 * ```ts
 * const { simd, relaxed, build, version, wasmMemoryBytes } = ex.backend();
 * ```
 */
export function backend(): BackendInfo {
  ensureReady('backend');
  return {
    simd: glue.buildHasSimd(),
    relaxed: glue.buildHasRelaxedSimd(),
    build: state.variant as Build,
    version: VERSION,
    wasmMemoryBytes: wasmMemory().buffer.byteLength,
    // true where ex.scope() follows the async context (Node), false for one realm-wide stack
    asyncScopes: scopesFollowAsyncContext(),
    threads: state.threads,
  };
}

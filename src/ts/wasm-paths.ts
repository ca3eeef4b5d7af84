// Where the `.wasm` builds are: the package's own files (next to the glue, as the bundler
// emitted them), or the URLs a caller gave in init({ wasmPaths }); and fetching one, with
// an error that names the URL and says how to fix it.
import { ExTensorError } from './errors.js';
import { describe, isArrayArg, readGuarded } from './boundary.js';
import { platform } from './platform.js';

/** Every `.wasm` the package may load, by the name `init({ wasmPaths })` gives it. */
export const WASM_BUILDS = ['relaxed', 'simd', 'baseline', 'threads'] as const;

/** One build's name in `wasmPaths`. */
type WasmBuildName = (typeof WASM_BUILDS)[number];

/** What a `wasmPaths` argument said, as plain data: a folder, or a URL per build. */
export type WasmLocations = { folder: URL } | { urls: Partial<Record<WasmBuildName, URL>> };

const urlHref = typeof URL === 'function' ? Object.getOwnPropertyDescriptor(URL.prototype, 'href')!.get! : null;

/** The text of a URL object (its internal slots, through the realm's own getter), else null. */
function hrefOf(v: unknown): string | null {
  if (urlHref === null || typeof v !== 'object' || v === null) return null;
  try {
    return Reflect.apply(urlHref, v, []) as string;
  } catch {
    return null; // not a URL: a look-alike object or a Proxy
  }
}

/** A URL from a caller's string or URL object; INVALID_ARGUMENT for anything else. */
function readUrl(op: string, what: string, v: unknown): URL {
  const text = typeof v === 'string' ? v : hrefOf(v);
  if (text === null || text === '') {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} must be a URL (a string or a URL object), got ${describe(v)}`);
  }
  try {
    return platform.resolveUrl!(text);
  } catch {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: ${what} is not a URL this environment can resolve: ${describe(text)}`);
  }
}

/**
 * Reads `init`'s `wasmPaths` once into plain data: a folder URL (a string or URL object) or
 * a URL per build (an object naming at least one of relaxed, simd, baseline, threads).
 */
export function readWasmPaths(op: string, v: unknown): WasmLocations {
  if (typeof v === 'string' || hrefOf(v) !== null) {
    const folder = readUrl(op, 'wasmPaths', v);
    if (!folder.pathname.endsWith('/')) folder.pathname += '/';
    return { folder };
  }
  const expected = `{ ${WASM_BUILDS.join(', ')} }`;
  if (typeof v !== 'object' || v === null || isArrayArg(op, 'wasmPaths', v)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: wasmPaths must be a folder URL or an object such as ${expected}, got ${describe(v)}`);
  }
  const given = readGuarded(op, 'wasmPaths', v, 'INVALID_ARGUMENT', () => {
    for (const key of Object.keys(v)) {
      if (!(WASM_BUILDS as readonly string[]).includes(key)) {
        throw new ExTensorError('INVALID_ARGUMENT', `${op}: wasmPaths names an unknown build ${JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key)}; expected ${expected}`);
      }
    }
    const values: Partial<Record<WasmBuildName, unknown>> = {};
    for (const build of WASM_BUILDS) {
      const value = (v as Record<string, unknown>)[build];
      if (value !== undefined) values[build] = value;
    }
    return values;
  });
  const urls: Partial<Record<WasmBuildName, URL>> = {};
  for (const build of WASM_BUILDS) {
    if (given[build] !== undefined) urls[build] = readUrl(op, `wasmPaths.${build}`, given[build]);
  }
  if (Object.keys(urls).length === 0) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: wasmPaths names no build; give at least one of ${expected}`);
  }
  return { urls };
}

/** The builds a `wasmPaths` map offers, or null when every build is on offer. */
export function offeredBuilds(locations: WasmLocations | null): readonly string[] | null {
  return locations !== null && 'urls' in locations ? Object.keys(locations.urls) : null;
}

const HOW_TO_FIX = 'copy node_modules/extensor/pkg/*.wasm to where your app serves files and pass '
  + "init({ wasmPaths: '<their folder URL>' }), or let your bundler emit them (README, \"Bundlers\")";

/** The URL of a build: from `wasmPaths`, else where the package ships it. */
export function wasmUrl(op: string, variant: string, locations: WasmLocations | null): URL {
  if (locations !== null) {
    return 'folder' in locations
      ? new URL(`extensor_${variant}_bg.wasm`, locations.folder)
      : locations.urls[variant as WasmBuildName]!;
  }
  try {
    return platform.packagedWasm!(variant);
  } catch {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: this bundle gives extensor no module URL (import.meta.url), so it cannot find its .wasm files: ${HOW_TO_FIX}`);
  }
}

/**
 * The `.wasm` at `url`: a file's bytes (Node, `file:` URLs) or a fetched Response whose
 * status is OK. A failure names the URL and the fix.
 */
export async function fetchBuild(op: string, variant: string, url: URL): Promise<BufferSource | Response> {
  // A URL is the caller's text: quoted at most 200 characters long, as describe() quotes values.
  const href = url.href.length > 200 ? `${url.href.slice(0, 199)}…` : url.href;
  const failed = (why: string) => new ExTensorError('INVALID_ARGUMENT', `${op}: cannot load the ${variant} build from ${href} (${why}): ${HOW_TO_FIX}`);
  if (url.protocol === 'file:' && platform.readFile !== null) {
    try {
      return await platform.readFile(url);
    } catch (e) {
      throw failed(errorCode(e) ?? 'cannot read the file');
    }
  }
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw failed(e instanceof TypeError ? `fetch failed: ${e.message}` : 'fetch failed');
  }
  if (!response.ok) throw failed(`HTTP ${response.status}`);
  return response;
}

/** `init`'s `module` as given, except that a URL (string or URL object) is fetched as {@link fetchBuild} does. */
export async function fetchIfUrl(op: string, variant: string, given: unknown): Promise<unknown> {
  return typeof given === 'string' || hrefOf(given) !== null ? fetchBuild(op, variant, readUrl(op, 'module', given)) : given;
}

/** A Node file error's code (ENOENT, …), else null. */
function errorCode(e: unknown): string | null {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

// node:fs for the page: the suites read fixtures (JSON, .npy, .npz, the .wasm files, README,
// package.json). The page fetches those before it imports a suite (the list is FIXTURES in
// tests/page/js-suites-browser.test.mjs) into a map on the top window, which iframes of
// helpers.isolated() read too. A path is resolved as Node resolves it from the repository
// root (the page's server root). Reading a file that was not fetched throws, naming it.
import { Buffer } from './globals-shim.mjs';
const files = () => (globalThis.top ?? globalThis).__EXTENSOR_FILES ?? new Map();

const href = (path) => new URL(path instanceof URL ? path.href : String(path), `${globalThis.location.origin}/`).href;

const unavailable = (name) => () => {
  throw new Error(`node:fs ${name} is not available in a page`);
};

/** True only for a fetched file (a page cannot see others, such as ../shared outside the repository). */
export function existsSync(path) {
  return files().has(href(path));
}

export function readFileSync(path, options) {
  const url = href(path);
  const bytes = files().get(url);
  if (bytes === undefined) {
    throw Object.assign(new Error(`ENOENT: ${url} was not fetched for the page (add it to FIXTURES)`), { code: 'ENOENT' });
  }
  const encoding = typeof options === 'string' ? options : options?.encoding;
  if (encoding) return new TextDecoder().decode(bytes);
  return Buffer.from(bytes); // a new Buffer of this realm, as in Node
}

export const appendFileSync = unavailable('appendFileSync');
export const writeFileSync = unavailable('writeFileSync');
export const mkdtempSync = unavailable('mkdtempSync');
export const rmSync = unavailable('rmSync');
export const createReadStream = unavailable('createReadStream');

export default { existsSync, readFileSync, appendFileSync, writeFileSync, mkdtempSync, rmSync, createReadStream };

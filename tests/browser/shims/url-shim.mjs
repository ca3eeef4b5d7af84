// node:url for the page: a URL's path stands for its file path (the page's server serves the
// repository root, as Node's working directory is the repository root).
export const fileURLToPath = (url) => decodeURIComponent(new URL(url).pathname);
export const pathToFileURL = (path) => new URL(String(path), `${globalThis.location.origin}/`);
export const { URL: URLClass, URLSearchParams } = globalThis;
export { URLClass as URL };
export default { fileURLToPath, pathToFileURL, URL: URLClass, URLSearchParams };

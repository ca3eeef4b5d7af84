// node:http for the page: a page cannot listen. createServer gives a server that accepts
// listen() and close() but never receives a request (its port is 9, the discard port, so a
// fetch to it fails); the tests that fetch from such a server are in the exclusion list of
// tests/page/js-suites-browser.test.mjs, so a hook that starts one does no harm.
export function createServer() {
  return {
    listen(_port, _host, callback) {
      globalThis.setTimeout(() => callback?.(), 0);
      return this;
    },
    address: () => ({ port: 9, address: '127.0.0.1', family: 'IPv4' }),
    close(callback) {
      globalThis.setTimeout(() => callback?.(), 0);
    },
    closeAllConnections() {},
  };
}
export default { createServer };

// node:async_hooks for the page: a page has no AsyncLocalStorage (scopes there use the
// package's stack; scope-stack.test.mjs runs). The class exists so that a suite extending it
// loads; making one throws. Tests that need one are in the exclusion list.
export class AsyncLocalStorage {
  constructor() {
    throw new Error('node:async_hooks AsyncLocalStorage does not exist in a page');
  }
}
export default { AsyncLocalStorage };

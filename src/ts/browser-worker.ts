// A Web Worker of the threaded build: instantiates the module the page compiled on its
// shared memory, says so, and becomes one of rayon's threads.
import { initSync, threadPoolWorker } from '../pkg/extensor_threads.js';

/** The part of a worker's global scope used here (no WebWorker lib: the package builds with DOM). */
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: { data: { module: WebAssembly.Module; memory: WebAssembly.Memory } }) => void, options: { once: boolean }): void;
  postMessage(message: string): void;
};

scope.addEventListener('message', ({ data }) => {
  initSync({ module: data.module, memory: data.memory });
  scope.postMessage('ready');
  threadPoolWorker(); // runs rayon's thread: never returns
}, { once: true });

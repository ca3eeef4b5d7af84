/// <reference types="node" />
// A worker of the threaded build in Node (worker_threads): instantiates the module the main
// thread compiled on its shared memory, says so, and becomes one of rayon's threads.
import { parentPort, workerData } from 'node:worker_threads';
import { initSync, threadPoolWorker } from '../pkg/extensor_threads.js';

const { module, memory } = workerData as { module: WebAssembly.Module; memory: WebAssembly.Memory };
initSync({ module, memory });
parentPort!.postMessage('ready');
threadPoolWorker(); // runs rayon's thread: never returns

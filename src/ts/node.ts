/// <reference types="node" />
// Node entry: reads the .wasm next to the glue from disk; scopes follow the async context.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { platform } from './platform.js';
import { startWorkerPool } from './worker-start.js';
import type { ThreadedGlue } from './runtime.js';

platform.packagedWasm = (variant) => new URL(`../pkg/extensor_${variant}_bg.wasm`, import.meta.url);
platform.readFile = (url) => readFile(url) as Promise<Uint8Array<ArrayBuffer>>;
platform.readFileSync = (url) => readFileSync(url) as Uint8Array<ArrayBuffer>;
// A URL when the text has a scheme (http:, file:, data:), else a file path from the
// working directory; a trailing separator (a folder) is kept.
platform.resolveUrl = (text) => {
  if (/^[a-z][a-z0-9+.-]+:/i.test(text)) return new URL(text);
  const url = pathToFileURL(resolve(text));
  if ((text.endsWith('/') || text.endsWith(sep)) && !url.pathname.endsWith('/')) url.pathname += '/';
  return url;
};
platform.AsyncLocalStorage = AsyncLocalStorage;
platform.hardwareConcurrency = availableParallelism;
platform.canShareMemory = () => typeof SharedArrayBuffer === 'function';
platform.loadThreadedGlue = (): Promise<ThreadedGlue> => import('../pkg/extensor_threads.js');
// Each worker gets the module and the shared memory through workerData; unref()ed, so the
// pool never keeps the process alive. No execArgv: the parent's (`--input-type`, `--eval`,
// loaders) may not apply to a worker file; V8's flags are the process's anyway.
platform.startWorkers = (count, module, memory) => startWorkerPool(count, (ready, failed) => {
  const worker = new Worker(new URL('./node-worker.js', import.meta.url), { workerData: { module, memory }, execArgv: [] });
  worker.unref();
  worker.on('error', (e: unknown) => failed(e instanceof Error ? e.message : 'no message'));
  worker.on('exit', (code: number) => failed(`it exited (code ${code})`));
  worker.once('message', ready);
  return { terminate: () => void worker.terminate() };
});

export * from './api.js';

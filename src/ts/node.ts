/// <reference types="node" />
// Node entry: reads the .wasm next to the glue from disk; scopes follow the async context.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { platform } from './platform.js';

const wasmUrl = (variant: string): URL => new URL(`../pkg/extensor_${variant}_bg.wasm`, import.meta.url);
platform.locate = (variant) => readFile(wasmUrl(variant)) as Promise<Uint8Array<ArrayBuffer>>;
platform.locateSync = (variant) => readFileSync(wasmUrl(variant)) as Uint8Array<ArrayBuffer>;
platform.AsyncLocalStorage = AsyncLocalStorage;

export * from './api.js';

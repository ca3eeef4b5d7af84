// Node entry: reads the .wasm next to the glue from disk.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { platform } from './platform.js';

const wasmUrl = (variant) => new URL(`../pkg/extensor_${variant}_bg.wasm`, import.meta.url);
platform.locate = (variant) => readFile(wasmUrl(variant));
platform.locateSync = (variant) => readFileSync(wasmUrl(variant));

export * from './api.js';

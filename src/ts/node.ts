/// <reference types="node" />
// Node entry: reads the .wasm next to the glue from disk; scopes follow the async context.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { platform } from './platform.js';

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

export * from './api.js';

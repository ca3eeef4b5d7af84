// Browser entry: fetches the .wasm. The URLs are literal `new URL('…', import.meta.url)`
// so bundlers (Vite, webpack, Parcel, Rollup's import-meta-assets) see and emit the three
// files; they are built only when init() asks, so a bundle format without `import.meta`
// (esbuild's iife) loads, and init({ wasmPaths }) never touches them.
import { platform } from './platform.js';

platform.packagedWasm = (variant) => {
  switch (variant) {
    case 'relaxed': return new URL('../pkg/extensor_relaxed_bg.wasm', import.meta.url);
    case 'simd': return new URL('../pkg/extensor_simd_bg.wasm', import.meta.url);
    default: return new URL('../pkg/extensor_baseline_bg.wasm', import.meta.url);
  }
};
platform.resolveUrl = (text) => {
  const page = (globalThis as { document?: { baseURI?: unknown }; location?: { href?: unknown } });
  const base = page.document?.baseURI ?? page.location?.href;
  return typeof base === 'string' ? new URL(text, base) : new URL(text);
};

export * from './api.js';

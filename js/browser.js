// Browser entry: fetches the .wasm. The URLs are literal so bundlers (Vite, webpack) see
// and copy both files.
import { platform } from './platform.js';

platform.locate = (variant) =>
  variant === 'simd'
    ? new URL('../pkg/extensor_simd_bg.wasm', import.meta.url)
    : new URL('../pkg/extensor_baseline_bg.wasm', import.meta.url);
platform.locateSync = null;

export * from './api.js';

// Browser entry: fetches the .wasm. The URLs are literal so bundlers (Vite, webpack) see
// and copy both files.
import { platform } from './platform.js';

platform.locate = (variant) => {
  switch (variant) {
    case 'relaxed': return new URL('../pkg/extensor_relaxed_bg.wasm', import.meta.url);
    case 'simd': return new URL('../pkg/extensor_simd_bg.wasm', import.meta.url);
    default: return new URL('../pkg/extensor_baseline_bg.wasm', import.meta.url);
  }
};
platform.locateSync = null;

export * from './api.js';

// First demo page: loads ExTensor, builds a tensor and a transposed view, and shows how
// freeing the view changes the reference count and the memory counters.
import * as ex from '../js/browser.js';

const $ = (id) => document.getElementById(id);

function showError(error) {
  const message = error?.code ? `${error.name} [${error.code}]: ${error.message}` : (error?.stack || error?.message || String(error));
  if (typeof window.__showError === 'function') {
    window.__showError(message);
  } else {
    $('error-text').textContent = message;
    $('error').hidden = false;
    document.body.dataset.state = 'error';
  }
}

const MEMORY_KEYS = ['liveHandles', 'liveStorages', 'storageBytes', 'peakStorageBytes', 'wasmMemoryBytes', 'reclaimedByFinalizer'];

function renderMemory() {
  const stats = ex.memory();
  const list = $('memory');
  list.replaceChildren();
  for (const key of MEMORY_KEYS) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.id = `memory-${key}`;
    dd.dataset.value = String(stats[key]);
    dd.textContent = key.endsWith('Bytes') ? `${stats[key].toLocaleString('en-US')} B` : String(stats[key]);
    list.append(dt, dd);
  }
}

function describeLayout(t) {
  return `shape [${t.shape.join(', ')}] · strides [${t.strides.join(', ')}] · ` +
    `${t.isContiguous ? 'contiguous' : 'not contiguous'}${t.isView ? ' · view' : ''}`;
}

function render(t, v) {
  $('tensor').textContent = t.toString();
  $('tensor-info').textContent = describeLayout(t);
  $('view').textContent = v.toString();
  $('view-info').textContent = v.isFreed ? 'freed: its handle is released' : `${describeLayout(v)} · shares memory with t: ${v.sharesMemory(t)}`;
  $('refcount-tensor').textContent = String(t.refCount);
  $('refcount-view').textContent = v.isFreed ? 'freed' : String(v.refCount);
  renderMemory();
}

/** `?build=baseline|simd|relaxed` picks a build; default: the fastest the engine validates. */
function initOptions() {
  const build = new URLSearchParams(location.search).get('build');
  if (build === 'baseline') return { simd: false };
  if (build === 'simd') return { simd: true, relaxed: false };
  if (build === 'relaxed') return { relaxed: true };
  return undefined;
}

async function main() {
  const info = await ex.init(initOptions());
  const badge = $('backend');
  badge.textContent = info.build;
  badge.dataset.build = info.build;
  badge.className = `badge badge-${info.build}`;
  badge.title = { relaxed: 'SIMD128 + relaxed SIMD build', simd: 'SIMD128 build' }[info.build] ?? 'Baseline build (no SIMD128 in this engine)';
  $('version').textContent = `v${info.version}`;

  // tidy() frees the arange() temporary and keeps only the reshaped tensor.
  const t = ex.tidy(() => ex.arange(0, 12, 1, 'int32').reshape([3, 4]));
  const v = t.transpose();
  render(t, v);

  const button = $('free-view');
  button.disabled = false;
  button.addEventListener('click', () => {
    try {
      v.free();
      button.disabled = true;
      render(t, v);
    } catch (error) {
      showError(error);
    }
  });

  $('status').textContent = `Ready: ExTensor ${info.version}, ${info.build} build.`;
  document.body.dataset.state = 'ready';
}

main().catch(showError);

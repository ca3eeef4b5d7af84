// The demo page: build tensors, take zero-copy views of them, see which storage cells each
// view maps to, free handles one by one and watch refCount and ex.memory() follow.
import * as ex from '../js/browser.js';
import { BENCH_ROWS, SAMPLES, drawChart, formatMs, formatSpeedup, runBenchmark } from './bench.js';
import {
  flatValues, formatBytes, formatBytesShort, formatList, formatValue, mappedIndices, parseNumberList, unravel,
} from './layout.js';

// Drawing limits, so a 1000×1000 tensor does not turn into a million DOM nodes.
const STORAGE_CELL_LIMIT = 256;
const GRID_LIMIT = 256;
const MAP_LIMIT = 2_000_000;
const MAPPED_LIST_LIMIT = 48;

const MEMORY_KEYS = ['liveHandles', 'liveStorages', 'storageBytes', 'peakStorageBytes', 'wasmMemoryBytes', 'reclaimedByFinalizer'];
const FLOAT_DTYPES = new Set(['float32', 'float64', 'float16', 'bfloat16']);
const AXIS_NAMES = 'ijklmn';
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact' });

const $ = (id) => document.getElementById(id);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, String(value));
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

// ------------------------------------------------------------------ state

/**
 * Every handle the user made stays listed (freed ones too, so using one shows FREED).
 * handle: { name, tensor, storage, expr, kind: 'base' | 'view' | 'copy' } (copy: a reshape
 * that could not be a view)
 * storage: { name, size, dtype, nbytes, creator, windows } — creator: the name of the handle
 * that made it; windows maps a first cell index to the values of up to STORAGE_CELL_LIMIT
 * cells from there. Window 0 is read from the creator; others are read when a view first
 * needs them. The demo never writes, so a window read once stays exact for as long as the
 * storage lives.
 */
const app = { handles: [], storages: [], selected: null, handleCount: 0, storageCount: 0 };

const isLive = (handle) => !handle.tensor.isFreed;
const handlesOn = (storage) => app.handles.filter((h) => h.storage === storage);
const liveHandleOn = (storage) => handlesOn(storage).find(isLive) ?? null;

/** The storage record of an existing handle that shares memory with `tensor`, if any. */
function findStorage(tensor) {
  return app.storages.find((storage) => liveHandleOn(storage)?.tensor.sharesMemory(tensor)) ?? null;
}

/**
 * Cells [start, end) of a tensor that is C-contiguous from offset 0 over its whole storage,
 * so its flat C order is the storage order (flatten() of any other view would read the
 * view's elements, not the storage's cells).
 */
function readCells(tensor, start, end) {
  return ex.tidy(() => flatValues(tensor.flatten().slice(`${start}:${end}`).toArray()));
}

/** A live handle whose flat order is the storage order: C-contiguous, offset 0, every cell. */
function fullSpanHandle(storage) {
  return handlesOn(storage).find((h) => isLive(h) && h.tensor.offset === 0 && h.tensor.size === storage.size && h.tensor.isContiguous) ?? null;
}

/** A record for a storage that `tensor` just created (C-contiguous from offset 0: it is fresh). */
function newStorage(tensor) {
  const values = readCells(tensor, 0, Math.min(tensor.size, STORAGE_CELL_LIMIT));
  const storage = {
    name: `S${app.storageCount++}`, size: tensor.size, dtype: tensor.dtype, nbytes: tensor.nbytes,
    windows: new Map([[0, values]]),
  };
  app.storages.push(storage);
  return storage;
}

/**
 * The values of the window of `storage` starting at cell `start`: from the cache, else read
 * through a full-span handle. Null when no such handle is alive: then the page cannot tell
 * what those cells hold without copying, and says so instead of drawing guesses.
 */
function windowValues(storage, start) {
  if (storage.windows.has(start)) return storage.windows.get(start);
  const holder = fullSpanHandle(storage);
  if (!holder) return null;
  const values = readCells(holder.tensor, start, Math.min(storage.size, start + STORAGE_CELL_LIMIT));
  storage.windows.set(start, values);
  return values;
}

/**
 * Which cells to draw: the first ones, unless the view maps cells beyond them; then a window
 * starting at (a multiple of 16 just before) the view's smallest mapped index.
 */
function windowStart(storage, mapped) {
  if (!mapped || mapped.length === 0) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const index of mapped) {
    if (index < lo) lo = index;
    if (index > hi) hi = index;
  }
  if (hi < Math.min(storage.size, STORAGE_CELL_LIMIT)) return 0;
  return lo - (lo % 16);
}

/** Lists a new handle and selects it; `fromView` tells a copying reshape from a new base tensor. */
function addHandle(tensor, expr, fromView) {
  try {
    const existing = findStorage(tensor);
    const storage = existing ?? newStorage(tensor);
    const kind = existing ? 'view' : fromView ? 'copy' : 'base';
    const handle = { name: `t${app.handleCount++}`, tensor, storage, expr, kind };
    storage.creator ??= handle.name;
    app.handles.push(handle);
    app.selected = handle;
    return handle;
  } catch (error) {
    tensor.free();
    throw error;
  }
}

// ------------------------------------------------------------------ actions

function randomSource(size, dtype, seed) {
  const uniform = ex.rand([size], { seed, dtype: 'float64' });
  if (FLOAT_DTYPES.has(dtype)) return uniform.mul(100).round().div(100); // two decimals read well in cells
  if (dtype === 'bool') return uniform.less(0.5);
  return uniform.mul(10).floor();
}

/** zeros() first, so ExTensor itself validates the shape and dtype; then the values. */
function buildTensor(dtype, shapeText, init) {
  const shape = parseNumberList(shapeText);
  const base = ex.zeros(shape, dtype);
  const seed = Math.floor(Math.random() * 1e6);
  try {
    if (init === 'ones') {
      base.fill(1);
    } else {
      ex.tidy(() => {
        const source = init === 'arange' ? ex.arange(0, base.size, 1, 'float64') : randomSource(base.size, dtype, seed);
        base.assign(source.reshape(base.shape));
      });
    }
  } catch (error) {
    base.free();
    throw error;
  }
  const what = init === 'random' ? `random (seed ${seed})` : init;
  return addHandle(base, `${what} · ${formatList(base.shape)} · ${dtype}`, false);
}

/** The view ops of form 2: each takes the selected handle and the text box's contents. */
const VIEW_OPS = {
  reshape: {
    input: 'reshape-shape',
    expr: (text) => `reshape(${formatList(parseNumberList(text))})`,
    apply: (t, text) => t.reshape(parseNumberList(text)),
  },
  slice: {
    input: 'slice-spec',
    expr: (text) => `slice('${text}')`,
    apply: (t, text) => t.slice(text),
  },
  transpose: {
    input: 'transpose-axes',
    expr: (text) => (text.trim() === '' ? 'transpose()' : `transpose(${formatList(parseNumberList(text))})`),
    apply: (t, text) => t.transpose(text.trim() === '' ? undefined : parseNumberList(text)),
  },
  broadcast: {
    input: 'broadcast-shape',
    expr: (text) => `broadcastTo(${formatList(parseNumberList(text))})`,
    apply: (t, text) => t.broadcastTo(parseNumberList(text)),
  },
};

function applyView(opName) {
  const op = VIEW_OPS[opName];
  const source = app.selected;
  if (!source) throw new ex.ExTensorError('INVALID_ARGUMENT', 'no handle is selected: build a tensor first');
  const text = $(op.input).value;
  const view = op.apply(source.tensor, text);
  return addHandle(view, `${source.name}.${op.expr(text)}`, true);
}

/** The math panel's ops: name -> an example argument text (JSON, without brackets). */
const MATH_OPS = {
  exp: '', log1p: '', sign: '', isNaN: '', clip: '0, 5', mod: '3', sum: '-1', mean: '0, true',
  std: 'null, false, { "ddof": 1 }', any: '', cumsum: '-1', cumprod: 'null', sort: '-1, { "descending": true }',
  argsort: '', topk: '2', logSoftmax: '-1', logSumExp: '', flip: '0', moveaxis: '0, -1', T: '',
  index: '[[1, 0]]', take: '[0, 2]', softmax: '',
};

function applyMath() {
  const source = app.selected;
  if (!source) throw new ex.ExTensorError('INVALID_ARGUMENT', 'no handle is selected: build a tensor first');
  const op = $('math-op').value;
  const text = $('math-args').value.trim();
  const args = text === '' ? [] : JSON.parse(`[${text}]`);
  const out = op === 'T' ? source.tensor.T : source.tensor[op](...args);
  const expr = op === 'T' ? `${source.name}.T` : `${source.name}.${op}(${text})`;
  if (out instanceof ex.ExTensor) return addHandle(out, expr, true);
  // topk: { values, indices }
  let last = null;
  for (const [field, t] of Object.entries(out)) last = addHandle(t, `${expr}.${field}`, true);
  return last;
}

function freeHandle(handle) {
  handle.tensor.free();
}

function freeAll() {
  for (const handle of app.handles) handle.tensor.free();
}

function forgetFreed() {
  app.handles = app.handles.filter(isLive);
  app.storages = app.storages.filter((s) => handlesOn(s).length > 0);
  if (app.selected && !isLive(app.selected)) app.selected = app.handles[app.handles.length - 1] ?? null;
}

// ------------------------------------------------------------------ errors

function showActionError(error, action) {
  $('error-code').textContent = error?.code ?? error?.name ?? 'Error';
  $('error-action').textContent = action ?? '';
  $('error-text').textContent = error?.message ?? String(error);
  $('error').dataset.code = error?.code ?? '';
  $('error').hidden = false;
}

/**
 * A problem that is not an ExTensorError (no code shown): the error area says it, the page
 * works on. A startup error already shown is kept: the notice goes under it.
 */
function showNotice(kind, action, message) {
  if (!$('error').hidden) {
    $('error-text').textContent += `\n${message}`;
    return;
  }
  $('error-code').textContent = '';
  $('error-action').textContent = action;
  $('error-text').textContent = message;
  $('error').dataset.code = kind;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').dataset.code = '';
  for (const id of ['error-code', 'error-action', 'error-text']) $(id).textContent = '';
}

/** Runs a user action: any error lands in the error area, and the page is redrawn either way. */
function act(action, fn) {
  clearError();
  try {
    fn();
  } catch (error) {
    showActionError(error, typeof action === 'function' ? action() : action);
  }
  try {
    render();
  } catch (error) {
    showActionError(error, 'redrawing the page');
  }
}

// ------------------------------------------------------------------ rendering

function render() {
  renderHandles();
  renderSelected();
  renderStorage();
  renderMemory();
  $('op-target').textContent = app.selected?.name ?? '–';
}

function renderMemory() {
  const stats = ex.memory();
  const tiles = MEMORY_KEYS.map((key) => {
    const bytes = key.endsWith('Bytes');
    return element('div', { class: 'stat' },
      element('dt', {}, key),
      element('dd', { id: `memory-${key}`, 'data-value': stats[key], title: bytes ? formatBytesShort(stats[key]) : '' },
        bytes ? formatBytes(stats[key]) : String(stats[key])));
  });
  $('memory').replaceChildren(...tiles);
}

function renderHandles() {
  const items = app.handles.map((handle) => {
    const live = isLive(handle);
    const meta = live ? `${formatList(handle.tensor.shape)} · ${handle.storage.name} · ${handle.kind}` : `${handle.storage.name} · freed`;
    const selected = handle === app.selected;
    return element('li', {
      class: `handle${selected ? ' selected' : ''}${live ? '' : ' freed'}`,
      'data-testid': `handle-${handle.name}`,
      'data-name': handle.name,
      'data-state': live ? 'live' : 'freed',
    },
    element('button', {
      type: 'button', class: 'handle-select', 'data-action': 'select', 'data-name': handle.name,
      'data-testid': `select-${handle.name}`, 'aria-pressed': selected,
    },
    element('span', { class: 'handle-name' }, handle.name),
    element('code', { class: 'handle-expr', title: handle.expr }, handle.expr),
    element('span', { class: 'handle-meta' }, meta)),
    element('button', {
      type: 'button', class: 'danger small', 'data-action': 'free', 'data-name': handle.name,
      'data-testid': `free-${handle.name}`, 'aria-label': `Free ${handle.name}`, disabled: !live,
    }, live ? 'Free' : 'freed'));
  });
  $('handles').replaceChildren(...items);
  $('handles-empty').hidden = items.length > 0;
  const live = app.handles.filter(isLive).length;
  $('handles-count').textContent = items.length ? `${live} live · ${items.length - live} freed` : '';
  $('free-all').disabled = !app.handles.some(isLive);
  $('clear-freed').disabled = !app.handles.some((h) => !isLive(h));
}

function layoutFlags(t) {
  return [
    t.isView ? 'view' : 'owns its storage',
    t.isContiguous ? 'C-contiguous' : 'not contiguous',
    t.isWritable ? 'writable' : 'read-only (broadcast)',
  ].join(' · ');
}

/** "t1[i, j] → storage[4 + 4·i + 2·j]": the offset/strides arithmetic spelled out. */
function formulaText(name, t) {
  const axes = t.shape.map((_, k) => AXIS_NAMES[k] ?? `a${k}`);
  const terms = axes.map((axis, k) => `${t.strides[k] < 0 ? '−' : '+'} ${Math.abs(t.strides[k])}·${axis}`);
  return `${name}[${axes.join(', ')}] → storage[${[t.offset, ...terms].join(' ')}]`;
}

function renderSelected() {
  const handle = app.selected;
  const live = handle && isLive(handle);
  const t = live ? handle.tensor : null;
  $('selected-name').textContent = handle?.name ?? '–';
  $('selected-expr').textContent = handle ? `${handle.name} = ${handle.expr}` : 'Build a tensor to start.';
  $('layout-shape').textContent = t ? formatList(t.shape) : '–';
  $('layout-strides').textContent = t ? formatList(t.strides) : '–';
  $('layout-offset').textContent = t ? String(t.offset) : '–';
  $('layout-dtype').textContent = t ? t.dtype : '–';
  $('layout-flags').textContent = t ? layoutFlags(t) : handle ? 'freed' : '–';
  $('layout-formula').textContent = t ? formulaText(handle.name, t) : '';
  const holder = handle ? liveHandleOn(handle.storage) : null;
  const refCount = holder ? holder.tensor.refCount : 0;
  $('refcount').textContent = handle ? String(refCount) : '–';
  $('refcount-note').textContent = !handle ? '' : holder
    ? `live ${refCount === 1 ? 'handle' : 'handles'} on storage ${handle.storage.name}`
    : `storage ${handle.storage.name} is freed`;
  $('free-view').disabled = !live;
  $('free-view').textContent = handle ? `Free ${handle.name}` : 'Free';
  $('view-text').textContent = handle ? handle.tensor.toString() : '';
  renderValues(handle, t);
}

function renderValues(handle, t) {
  const box = $('view');
  if (!handle) {
    box.replaceChildren();
  } else if (!t) {
    box.replaceChildren(element('p', { class: 'freed-note' }, `${handle.name} was freed: any use of it now throws FREED.`));
  } else if (t.size === 0) {
    box.replaceChildren(element('p', { class: 'muted' }, `empty: shape ${formatList(t.shape)}`));
  } else if (t.size > GRID_LIMIT) {
    box.replaceChildren(element('p', { class: 'muted' }, `${t.size.toLocaleString('en-US')} elements: too many for a grid; see toString() below.`));
  } else {
    box.replaceChildren(...valueGrids(t.shape, flatValues(t.toArray())));
  }
}

/** An n-d tensor as 2-D tables: one per index of the leading axes, captioned [i, j, :, :]. */
function valueGrids(shape, values) {
  const cols = shape.length >= 1 ? shape[shape.length - 1] : 1;
  const rows = shape.length >= 2 ? shape[shape.length - 2] : 1;
  const lead = shape.slice(0, -2);
  const blocks = values.length / (rows * cols);
  const tables = [];
  for (let b = 0; b < blocks; b++) {
    const table = element('table', { class: 'grid' });
    if (lead.length > 0) {
      table.append(element('caption', {}, `[${[...unravel(b, lead), ':', ':'].join(', ')}]`));
    }
    for (let r = 0; r < rows; r++) {
      const cells = [];
      for (let c = 0; c < cols; c++) cells.push(element('td', {}, formatValue(values[(b * rows + r) * cols + c])));
      table.append(element('tr', {}, ...cells));
    }
    tables.push(table);
  }
  return tables;
}

function renderStorage() {
  const handle = app.selected;
  const storage = handle?.storage;
  const panel = $('storage');
  $('storage-name').textContent = storage?.name ?? '–';
  $('storage-window').hidden = true;
  $('storage-mapping').hidden = true;
  if (!storage) {
    panel.dataset.state = 'none';
    $('storage-status').textContent = 'No handle selected.';
    $('storage-cells').replaceChildren();
    return;
  }
  const holders = handlesOn(storage).filter(isLive);
  if (holders.length === 0) {
    panel.dataset.state = 'freed';
    $('storage-status').textContent = `storage freed: its last handle was released, and its ${formatBytes(storage.nbytes)} went back to the allocator.`;
    $('storage-cells').replaceChildren();
    return;
  }
  panel.dataset.state = 'live';
  const refCount = holders[0].tensor.refCount;
  $('storage-status').textContent = `${storage.size.toLocaleString('en-US')} × ${storage.dtype} · ${formatBytes(storage.nbytes)} · ` +
    `refCount ${refCount} · held by ${holders.map((h) => h.name).join(', ')}`;
  const live = isLive(handle);
  const mapped = live ? selectedMapping(handle.tensor) : null;
  const start = windowStart(storage, mapped);
  const values = windowValues(storage, start);
  const end = start + (values?.length ?? Math.min(storage.size - start, STORAGE_CELL_LIMIT));
  const cells = values ? storageCells(values, start, mapped, live ? handle.tensor.shape : []) : { nodes: [], shown: 0, repeated: false };
  $('storage-cells').replaceChildren(...cells.nodes);
  panel.dataset.windowStart = start;
  panel.dataset.windowEnd = end;
  if (!values) {
    $('storage-window').hidden = false;
    $('storage-window').dataset.state = 'unreadable';
    $('storage-window').textContent = `${cellRange(start, end, storage.size)} not drawn: no live handle on ${storage.name} is ` +
      `C-contiguous from offset 0 over all its cells (${storage.creator} was freed), so the page cannot read them in storage order.`;
  } else if (end - start < storage.size) {
    $('storage-window').hidden = false;
    $('storage-window').dataset.state = 'window';
    $('storage-window').textContent = `Drawn: ${cellRange(start, end, storage.size)}.`;
  }
  $('storage-mapping').hidden = false;
  $('storage-legend').textContent = live ? legendText(handle, mapped, cells, start, end, values !== null) : '';
  renderMappedList(handle, mapped);
}

/** "cells 976–999 of 1,000". */
function cellRange(start, end, size) {
  return `cells ${start.toLocaleString('en-US')}–${(end - 1).toLocaleString('en-US')} of ${size.toLocaleString('en-US')}`;
}

/** What the highlights mean; never claims a highlight that is not drawn. */
function legendText(handle, mapped, cells, start, end, drawn) {
  const name = handle.name;
  if (mapped === null) {
    return `${name} has ${handle.tensor.size.toLocaleString('en-US')} elements: too many to map, so no cells are highlighted.`;
  }
  if (mapped.length === 0) return `${name} is empty: it reads no cells, so none is highlighted.`;
  if (!drawn) return `No cells drawn, so none of the cells ${name} reads is highlighted.`;
  const outside = new Set();
  for (const index of mapped) if (index < start || index >= end) outside.add(index);
  const repeated = cells.repeated ? ' (×k: read k times, by a stride of 0)' : '';
  if (outside.size === 0) return `Highlighted: the cells ${name} reads${repeated}.`;
  const total = cells.shown + outside.size;
  return `Highlighted: ${cells.shown.toLocaleString('en-US')} of the ${total.toLocaleString('en-US')} cells ${name} reads${repeated}; ` +
    `${outside.size.toLocaleString('en-US')} more ${outside.size === 1 ? 'lies' : 'lie'} outside the drawn window.`;
}

/** The flat storage indices of the selected view, or null when it is too big to enumerate. */
function selectedMapping(t) {
  return mappedIndices(t.shape, t.strides, t.offset, MAP_LIMIT);
}

/**
 * The cells of one window (values of cells start, start + 1, …), those the view reads
 * highlighted; also how many are highlighted and whether any is read more than once.
 */
function storageCells(values, start, mapped, shape) {
  // storage index → the view elements (C-order positions) that read it; a broadcast
  // view maps several elements to one cell.
  const readers = new Map();
  const end = start + values.length;
  mapped?.forEach((index, k) => {
    if (index < start || index >= end) return;
    if (!readers.has(index)) readers.set(index, []);
    readers.get(index).push(k);
  });
  let repeated = false;
  const nodes = values.map((value, i) => {
    const index = start + i;
    const positions = readers.get(index);
    const title = positions
      ? `storage[${index}] = ${formatValue(value)}, read as ${positions.slice(0, 4).map((k) => `[${unravel(k, shape).join(', ')}]`).join(', ')}${positions.length > 4 ? ', …' : ''}`
      : `storage[${index}] = ${formatValue(value)}`;
    const cell = element('div', { class: `cell${positions ? ' mapped' : ''}`, 'data-index': index, title },
      element('span', { class: 'cell-index' }, String(index)),
      element('span', { class: 'cell-value' }, formatValue(value)));
    if (positions?.length > 1) {
      repeated = true;
      cell.append(element('span', { class: 'cell-count' }, `×${COMPACT.format(positions.length)}`));
    }
    return cell;
  });
  return { nodes, shown: readers.size, repeated };
}

function renderMappedList(handle, mapped) {
  const box = $('mapped-indices');
  if (!isLive(handle)) {
    box.textContent = `${handle.name} is freed: it maps nothing.`;
  } else if (mapped === null) {
    box.textContent = `${handle.tensor.size.toLocaleString('en-US')} elements: too many to list.`;
  } else {
    const shown = mapped.slice(0, MAPPED_LIST_LIMIT).join(', ');
    box.textContent = mapped.length > MAPPED_LIST_LIMIT ? `${shown}, … (${mapped.length} in all)` : shown || '(none: empty view)';
  }
}

// ------------------------------------------------------------------ benchmark

function benchRow(result) {
  return element('tr', { 'data-row': result.name },
    element('th', { scope: 'row' }, result.name),
    element('td', {}, formatMs(result.extensorMs)),
    element('td', {}, formatMs(result.jsMs)),
    element('td', {}, formatSpeedup(result.speedup)));
}

async function runBench() {
  const panel = $('bench');
  const button = $('bench-run');
  const body = $('bench-table').tBodies[0];
  button.disabled = true;
  panel.dataset.state = 'running';
  clearError();
  const results = [];
  try {
    $('bench-status').textContent = `Running 1/${BENCH_ROWS.length}…`;
    body.replaceChildren();
    $('bench-table').hidden = false;
    await runBenchmark((result, index) => {
      results.push(result);
      body.append(benchRow(result));
      drawChart($('bench-chart'), results);
      $('bench-status').textContent = index + 1 < BENCH_ROWS.length ? `Running ${index + 2}/${BENCH_ROWS.length}…` : 'Done.';
      renderMemory();
    });
    $('bench-status').textContent = `Done: median time per call over ${SAMPLES} timed runs each, ${ex.backend().build} build. Every benchmark tensor is freed.`;
    panel.dataset.state = 'done';
  } catch (error) {
    panel.dataset.state = 'error';
    $('bench-status').textContent = 'The benchmark stopped with an error.';
    showActionError(error, 'benchmark');
  } finally {
    button.disabled = false;
    renderMemory();
  }
}

// ------------------------------------------------------------------ wiring

function handleFromEvent(event) {
  const target = event.target.closest('[data-action]');
  if (!target) return null;
  return { action: target.dataset.action, handle: app.handles.find((h) => h.name === target.dataset.name) };
}

function wireEvents() {
  $('build-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => `build ${$('init').value} · shape "${$('shape').value}" · ${$('dtype').value}`,
      () => buildTensor($('dtype').value, $('shape').value, $('init').value));
  });
  for (const [name, op] of Object.entries(VIEW_OPS)) {
    $(`form-${name}`).addEventListener('submit', (event) => {
      event.preventDefault();
      act(() => `${app.selected?.name ?? '?'}.${op.expr($(op.input).value)}`, () => applyView(name));
    });
  }
  $('form-math').addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => `${app.selected?.name ?? '?'}.${$('math-op').value}(${$('math-args').value})`, applyMath);
  });
  $('math-op').addEventListener('change', () => { $('math-args').value = MATH_OPS[$('math-op').value] ?? ''; });
  $('handles').addEventListener('click', (event) => {
    const hit = handleFromEvent(event);
    if (!hit?.handle) return;
    if (hit.action === 'select') act('select', () => { app.selected = hit.handle; });
    if (hit.action === 'free') act(`${hit.handle.name}.free()`, () => freeHandle(hit.handle));
  });
  $('free-view').addEventListener('click', () => act(`${app.selected?.name}.free()`, () => freeHandle(app.selected)));
  $('free-all').addEventListener('click', () => act('free all', freeAll));
  $('clear-freed').addEventListener('click', () => act('forget freed', forgetFreed));
  $('error-dismiss').addEventListener('click', clearError);
  $('bench-run').addEventListener('click', () => {
    runBench().catch((error) => showActionError(error, 'benchmark'));
  });
}

function fillMathOps() {
  // Only the ops this build of the package has (the list runs ahead of some builds).
  for (const op of Object.keys(MATH_OPS)) {
    if (op !== 'T' && typeof ex.ExTensor.prototype[op] !== 'function') continue;
    $('math-op').append(element('option', { value: op }, op));
  }
  $('math-args').value = MATH_OPS[$('math-op').value] ?? '';
}

function fillDtypes() {
  const select = $('dtype');
  select.replaceChildren(...ex.DTYPES.map((dtype) => element('option', { value: dtype }, dtype)));
  select.value = 'int32';
}

const BUILDS = {
  relaxed: { relaxed: true },
  simd: { simd: true, relaxed: false, threads: 1 },
  baseline: { simd: false },
  threads: { threads: 'auto' },
};

/**
 * `?build=relaxed|simd|baseline|threads` picks a build; no value (or `auto`): the automatic
 * choice (the threaded build where the page is cross-origin isolated, else the fastest
 * single-threaded build the engine validates). An unknown value loads the automatic choice
 * and says so (`warning`).
 */
function buildChoice() {
  const build = new URLSearchParams(location.search).get('build');
  if (build === null || build === '' || build === 'auto') return { options: undefined, warning: null };
  if (Object.hasOwn(BUILDS, build)) return { options: BUILDS[build], warning: null };
  const shown = build.length > 40 ? `${build.slice(0, 40)}…` : build;
  return {
    options: undefined,
    build: shown,
    warning: `unknown build '${shown}' in ?build=; expected ${Object.keys(BUILDS).join(', ').replace(/, (?=[^,]*$)/, ' or ')} — loaded the automatic choice`,
  };
}

function showBackend(info) {
  const badge = $('backend');
  badge.textContent = info.threads > 1 ? `${info.build} · ${info.threads}` : info.build;
  badge.dataset.build = info.build;
  badge.dataset.threads = String(info.threads);
  badge.className = `badge badge-${info.build}`;
  badge.title = {
    relaxed: 'SIMD128 + relaxed SIMD build',
    simd: 'SIMD128 build',
    threads: `Threaded build (SIMD128, shared memory): ${info.threads} threads`,
  }[info.build] ?? 'Baseline build (no SIMD128 in this engine)';
  $('version').textContent = `v${info.version}`;
}

/** Startup failures go through the inline fallback, which also marks the page as failed. */
function showStartupError(error) {
  const message = error?.code ? `${error.name} [${error.code}]: ${error.message}` : (error?.stack || error?.message || String(error));
  if (typeof window.__showError === 'function') {
    window.__showError(message);
  } else {
    $('error-text').textContent = message;
    $('error').hidden = false;
    document.body.dataset.state = 'error';
  }
}

async function main() {
  const choice = buildChoice();
  const info = await ex.init(choice.options);
  showBackend(info);
  fillDtypes();
  fillMathOps();
  wireEvents();
  // A starting point: a 3×4 arange and a strided slice of it.
  act('startup', () => {
    buildTensor('int32', '3,4', 'arange');
    applyView('slice');
  });
  if (choice.warning) showNotice('UNKNOWN_BUILD', `?build=${choice.build}`, `${choice.warning} (${info.build}).`);
  const chosen = choice.warning ? ` (automatic: '${choice.build}' is not a build)` : '';
  const threads = `${info.threads} thread${info.threads === 1 ? '' : 's'}`;
  $('status').textContent = `Ready: ExTensor ${info.version}, ${info.build} build, ${threads}${chosen}. Pick a handle, apply view ops, free handles.`;
  document.body.dataset.state = 'ready';
}

main().catch(showStartupError);

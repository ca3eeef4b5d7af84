// Pure helpers of the demo: parsing the text boxes, mapping a view onto its storage,
// formatting values. No DOM and no ExTensor calls here.

/**
 * "3,4", "[3, 4]", "(2, -1)" or "3," → numbers; "" → [] (a 0-d shape).
 * Tokens that are not numbers become NaN on purpose: ExTensor then rejects the shape with
 * its own INVALID_SHAPE error, which names the bad dimension.
 */
export function parseNumberList(text) {
  const inner = text.trim().replace(/^[[(]\s*|\s*[\])]$/g, '');
  if (inner === '') return [];
  const tokens = inner.split(',');
  if (tokens.length > 1 && tokens[tokens.length - 1].trim() === '') tokens.pop(); // Python's "3,"
  return tokens.map((token) => (token.trim() === '' ? NaN : Number(token)));
}

export function sizeOf(shape) {
  return shape.reduce((product, dim) => product * dim, 1);
}

/**
 * The flat storage index of every element of a view, in the view's C order:
 * offset + Σ index[k] · strides[k]. Null when the view has more than `limit` elements.
 */
export function mappedIndices(shape, strides, offset, limit = Infinity) {
  const size = sizeOf(shape);
  if (size > limit) return null;
  const out = new Array(size);
  const index = new Array(shape.length).fill(0);
  let flat = offset;
  for (let k = 0; k < size; k++) {
    out[k] = flat;
    // Odometer step: bump the last axis, carrying into the ones before it.
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] += 1;
      flat += strides[axis];
      if (index[axis] < shape[axis]) break;
      flat -= strides[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return out;
}

/** The multi-index of the k-th element (C order) of a tensor of this shape. */
export function unravel(k, shape) {
  const index = new Array(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = k % shape[axis];
    k = Math.floor(k / shape[axis]);
  }
  return index;
}

/** Nested toArray() output (or a 0-d scalar) → a flat list in C order. */
export function flatValues(nested) {
  return Array.isArray(nested) ? nested.flat(Infinity) : [nested];
}

/** Short text for one element: integers as they are, other floats to 4 significant digits. */
export function formatValue(value) {
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

export function formatList(list) {
  return `[${list.join(', ')}]`;
}

export function formatBytes(bytes) {
  return `${bytes.toLocaleString('en-US')} B`;
}

/** The same amount in KiB/MiB, for tooltips. */
export function formatBytesShort(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

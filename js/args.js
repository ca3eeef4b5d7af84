// Type checks on arguments before they reach the binding: the glue would otherwise coerce
// ('2' -> 2, {} -> NaN) or throw plain TypeErrors (bigint into a Float64Array).
import { ExTensorError } from './errors.js';

/** Text for any value, even a symbol or a null-prototype object (String() throws on those). */
function text(v) {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'symbol') return v.toString();
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
}

function show(list) {
  return `[${list.map(text).join(', ')}]`;
}

/** An array of JS numbers (integrality and range are checked in Rust). */
export function numberList(op, what, list, code = 'INVALID_ARGUMENT') {
  const numericView = ArrayBuffer.isView(list) && !(list instanceof DataView)
    && !(list instanceof BigInt64Array) && !(list instanceof BigUint64Array);
  if (!Array.isArray(list) && !numericView) {
    throw new ExTensorError(code, `${op}: ${what} must be an array of numbers, got ${typeof list}`);
  }
  for (const v of list) {
    if (typeof v !== 'number') {
      throw new ExTensorError(code, `${op}: ${what} ${show(Array.from(list))} must hold only numbers`);
    }
  }
  return list;
}

/** A shape: an array of numbers, or one number for a 1-D shape. */
export function shapeArg(op, shape) {
  if (typeof shape === 'number') return [shape];
  return numberList(op, 'shape', shape, 'INVALID_SHAPE');
}

/**
 * An options object (undefined means none) holding only `keys`: an array — TF.js's
 * `tensor(values, shape)` habit — or a misspelt key is an error, not silently ignored.
 */
export function optionsArg(op, options, keys) {
  if (options === undefined) return {};
  const expected = `{ ${keys.join(', ')} }`;
  if (Array.isArray(options)) {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: options must be an object such as ${expected}, got an array${keys.includes('shape') ? ` (write ${op}(values, { shape: [...] }))` : ''}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new ExTensorError('INVALID_ARGUMENT', `${op}: options must be an object such as ${expected}, got ${text(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) throw new ExTensorError('INVALID_ARGUMENT', `${op}: unknown option ${text(key)}; expected ${expected}`);
  }
  return options;
}

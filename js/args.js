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

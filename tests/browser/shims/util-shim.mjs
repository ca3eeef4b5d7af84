// node:util for the page: isDeepStrictEqual (Node's strict comparison, which the assert shim
// uses too) and inspect (a custom inspect function, Symbol.for('nodejs.util.inspect.custom'),
// is called as Node calls it; other values get a short readable form).
const tag = (v) => Object.prototype.toString.call(v);
const BOXES = { '[object Number]': Number, '[object String]': String, '[object Boolean]': Boolean, '[object BigInt]': BigInt, '[object Symbol]': Symbol };
const ownKeys = (o) => Reflect.ownKeys(o).filter((k) => Object.prototype.propertyIsEnumerable.call(o, k));

/** Node's isDeepStrictEqual, for the values tests compare. */
export function isDeepStrictEqual(a, b, memo = new Map()) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || tag(a) !== tag(b)) return false;
  const seen = memo.get(a);
  if (seen?.has(b)) return true;
  if (seen) seen.add(b); else memo.set(a, new Set([b]));
  if (Array.isArray(a) && a.length !== b.length) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    if (!(a instanceof DataView)) {
      // Own keys past the elements, as Node.
      const extra = (o) => ownKeys(o).filter((k) => typeof k !== 'string' || !/^\d+$/.test(k));
      return keysEqual(a, b, extra(a), extra(b), memo);
    }
    return true;
  }
  if (a instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && a instanceof SharedArrayBuffer)) {
    return isDeepStrictEqual(new Uint8Array(a), new Uint8Array(b), memo);
  }
  if (a instanceof Date && !Object.is(a.getTime(), b.getTime())) return false;
  if (a instanceof RegExp && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex)) return false;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  const Box = BOXES[tag(a)];
  if (Box !== undefined) {
    let x;
    let y;
    try {
      x = Box.prototype.valueOf.call(a);
      y = Box.prototype.valueOf.call(b);
    } catch {
      // not a boxed primitive: an object with that Symbol.toStringTag
    }
    if (!Object.is(x, y)) return false;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    const rest = [...b].filter((y) => !a.has(y) || (typeof y === 'object' && y !== null));
    for (const x of a) {
      if ((typeof x !== 'object' || x === null) && b.has(x)) continue;
      const i = rest.findIndex((y) => isDeepStrictEqual(x, y, memo));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
  }
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    const rest = [...b];
    for (const [k, v] of a) {
      const i = b.has(k)
        ? rest.findIndex(([k2, v2]) => Object.is(k, k2) && isDeepStrictEqual(v, v2, memo))
        : rest.findIndex(([k2, v2]) => isDeepStrictEqual(k, k2, memo) && isDeepStrictEqual(v, v2, memo));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
  }
  if (a instanceof WeakMap || a instanceof WeakSet || a instanceof Promise) return false;
  return keysEqual(a, b, ownKeys(a), ownKeys(b), memo);
}

function keysEqual(a, b, ka, kb, memo) {
  if (ka.length !== kb.length) return false;
  const set = new Set(kb);
  for (const k of ka) {
    if (!set.has(k)) return false;
    if (!isDeepStrictEqual(a[k], b[k], memo)) return false;
  }
  return true;
}

const CUSTOM = Symbol.for('nodejs.util.inspect.custom');

/** A readable one-line form of `value`; objects with a custom inspect function format themselves. */
export function inspect(value, options = {}) {
  const depth = options.depth ?? 2;
  const seen = new Set();
  const format = (v, level) => {
    if (typeof v === 'string') return level === 0 && options.top === 'raw' ? v : JSON.stringify(v);
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol') return v.toString();
    if (typeof v === 'function') return `[Function: ${v.name || '(anonymous)'}]`;
    if (v === null || typeof v !== 'object') return Object.is(v, -0) ? '-0' : String(v);
    if (typeof v[CUSTOM] === 'function') {
      const out = v[CUSTOM](depth - level, { ...options, depth: depth - level }, inspect);
      return typeof out === 'string' ? out : format(out, level);
    }
    if (seen.has(v)) return '[Circular]';
    if (level > depth) return Array.isArray(v) ? '[Array]' : '[Object]';
    seen.add(v);
    try {
      if (v instanceof Error) return `${v.name}: ${v.message}`;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return `${v.constructor?.name ?? 'TypedArray'}(${v.length}) [${Array.from(v.slice(0, 20), (x) => format(x, level + 1)).join(', ')}${v.length > 20 ? ', ...' : ''}]`;
      if (Array.isArray(v)) return `[${v.slice(0, 50).map((x) => format(x, level + 1)).join(', ')}${v.length > 50 ? ', ...' : ''}]`;
      if (v instanceof Map) return `Map(${v.size}) {${[...v].map(([k, x]) => `${format(k, level + 1)} => ${format(x, level + 1)}`).join(', ')}}`;
      if (v instanceof Set) return `Set(${v.size}) {${[...v].map((x) => format(x, level + 1)).join(', ')}}`;
      const name = Object.getPrototypeOf(v) === null ? '[Object: null prototype] ' : v.constructor && v.constructor !== Object ? `${v.constructor.name} ` : '';
      const keys = Reflect.ownKeys(v).filter((k) => Object.prototype.propertyIsEnumerable.call(v, k));
      return `${name}{${keys.map((k) => `${typeof k === 'symbol' ? `[${k.toString()}]` : k}: ${format(v[k], level + 1)}`).join(', ')}}`;
    } finally {
      seen.delete(v);
    }
  };
  return format(value, 0);
}

export default { inspect, isDeepStrictEqual };

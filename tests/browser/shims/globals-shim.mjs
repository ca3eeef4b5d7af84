// Node's globals `process` and `Buffer` for the suites in the page. esbuild injects them into
// each bundle (the page's global scope has neither, and the package must not see them).
// process: an empty environment, no argv, and process.on for the two fault events
// hostile.test.mjs listens to, mapped to the page's error and unhandledrejection events.
// Buffer: the part the suites use to compare and search bytes (from, indexOf, equals,
// toString); node:fs's readFileSync returns one, as in Node.
const EVENTS = {
  uncaughtException: ['error', (e) => e.error ?? e.message],
  unhandledRejection: ['unhandledrejection', (e) => e.reason],
};

export const process = {
  env: {},
  argv: [],
  execArgv: [],
  platform: 'browser',
  on(name, listener) {
    const event = EVENTS[name];
    if (event === undefined) throw new Error(`process.on("${name}") is not available in a page`);
    globalThis.addEventListener(event[0], (e) => listener(event[1](e)));
    return process;
  },
};

export class Buffer extends Uint8Array {
  /** A copy of `value`'s bytes (a string as UTF-8), as Node's Buffer.from. */
  static from(value, encoding) {
    if (typeof value === 'string') {
      if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) throw new Error(`Buffer.from: only utf8 in the page, not ${encoding}`);
      const bytes = new TextEncoder().encode(value);
      return new Buffer(bytes.buffer, 0, bytes.length);
    }
    if (value instanceof ArrayBuffer) return new Buffer(value.slice(0));
    if (ArrayBuffer.isView(value)) return new Buffer(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    return new Buffer(Uint8Array.from(value));
  }

  static isBuffer(value) {
    return value instanceof Buffer;
  }

  /** The first index of `value` (a byte, a string as UTF-8, or bytes), as Node's buf.indexOf. */
  indexOf(value, from = 0) {
    if (typeof value === 'number') return super.indexOf(value, from);
    const needle = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    const start = from < 0 ? Math.max(0, this.length + from) : from;
    outer: for (let i = start; i + needle.length <= this.length; i++) {
      for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
      return i;
    }
    return needle.length === 0 && start <= this.length ? start : -1;
  }

  includes(value, from = 0) {
    return this.indexOf(value, from) !== -1;
  }

  equals(other) {
    return this.length === other.length && this.every((x, i) => x === other[i]);
  }

  toString(encoding = 'utf8') {
    if (!/^utf-?8$/i.test(encoding)) throw new Error(`buf.toString: only utf8 in the page, not ${encoding}`);
    return new TextDecoder().decode(this);
  }
}

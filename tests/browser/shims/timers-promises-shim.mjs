// node:timers/promises for the page.
export const setTimeout = (ms, value) => new Promise((resolve) => globalThis.setTimeout(() => resolve(value), ms));
export const setImmediate = (value) => setTimeout(0, value);
export default { setTimeout, setImmediate };

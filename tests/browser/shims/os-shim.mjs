// node:os for the page: the core count is navigator.hardwareConcurrency.
export const availableParallelism = () => globalThis.navigator?.hardwareConcurrency ?? 1;
export const cpus = () => Array.from({ length: availableParallelism() }, () => ({ model: 'page' }));
export const tmpdir = () => {
  throw new Error('node:os tmpdir is not available in a page');
};
export default { availableParallelism, cpus, tmpdir };

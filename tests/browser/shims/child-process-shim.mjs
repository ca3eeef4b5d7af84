// node:child_process for the page: there are no processes to start, so every call throws.
// The tests that need a child process are in the exclusion list of
// tests/page/js-suites-browser.test.mjs.
const noProcess = () => {
  throw Object.assign(new Error('node:child_process: a page cannot start a process'), { code: 'ENOSYS' });
};
export const spawn = noProcess;
export const spawnSync = noProcess;
export default { spawn, spawnSync };

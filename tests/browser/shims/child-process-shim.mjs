// node:child_process for the page: there are no processes to spawn. spawnSync answers as
// Node does when the program cannot start (an `error`); the tests that need a child
// process are in the exclusion list of tests/page/js-suites-browser.test.mjs.
const noProcess = () => Object.assign(new Error('a page cannot start a process'), { code: 'ENOSYS' });
export const spawnSync = () => ({ error: noProcess(), status: null, stdout: '', stderr: '' });
export const spawn = () => {
  throw noProcess();
};
export default { spawn, spawnSync };

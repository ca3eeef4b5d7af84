// The README's "Ten lines" example runs as written and leaves nothing alive.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { ex, checkMemoryReturnsToZero } from './helpers.mjs';

checkMemoryReturnsToZero();

test('the README example runs and prints what its comments say', async () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.split('## Ten lines')[1].split('```js')[1].split('```')[0];
  const body = block
    .split('\n')
    .filter((line) => !line.startsWith('import '))
    .join('\n')
    .replace(/await ex\.init\(\);/, '');
  const printed = [];
  const console = { log: (...args) => printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')) };
  const AsyncFunction = (async () => {}).constructor;
  await new AsyncFunction('ex', 'console', body)(ex, console);
  const promised = [...block.matchAll(/console\.log\(.*\);\s*\/\/ (.*)/g)].map((m) => m[1].trim());
  assert.equal(promised.length, 2, 'the example promises two printed lines');
  const squeeze = (text) => text.replace(/,\s+/g, ','); // JSON.stringify prints [0,0,0]
  assert.deepEqual(printed.map(squeeze), promised.map(squeeze));
});

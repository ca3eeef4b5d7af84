// How every test starts a browser: Debian's Chromium (or CHROMIUM_PATH) through
// playwright-core. Nothing here downloads a browser.
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Launches headless Chromium (with `extraArgs` too, e.g. --js-flags=--expose-gc); fails at
 * once, naming the path, if it is not installed.
 */
export function launchChromium(extraArgs = []) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH; scripts/setup.sh installs Debian's); tests never download a browser`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 60_000 });
}

/**
 * Called inside a `describe`: serves the repository (scripts/serve.mjs) and launches
 * Chromium before the suite's tests, and closes both after them. `evaluate(path, script)`
 * opens `path` (e.g. the demo page), runs `script` there and returns `{ out, problems }`:
 * its result and every console error or uncaught page error. `headers` go with every
 * response (e.g. CROSS_ORIGIN_ISOLATION from scripts/serve.mjs).
 */
export function servedChromiumSuite({ headers = {} } = {}) {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ port: 0, quiet: true, headers });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
  });
  return {
    async evaluate(path, script) {
      const page = await browser.newPage();
      const problems = [];
      page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
      page.on('pageerror', (err) => problems.push(err.message));
      try {
        await page.goto(new URL(path, server.url).href);
        return { out: await page.evaluate(script), problems };
      } finally {
        await page.close();
      }
    },
  };
}

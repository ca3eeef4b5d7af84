// The Chromium runners' Node side (bench.mjs --browser, threads.mjs): serves the repository
// root cross-origin isolated (scripts/serve.mjs), opens benches/chromium.html in headless
// Chromium the way the page tests do (tests/chromium.mjs: Debian's Chromium, never a download),
// and hands back the page's bench session (page.mjs) as an object whose methods run in the page.
// Cross-origin isolation gives the page's performance.now() its fine (5 µs) resolution, as
// an application that wants SharedArrayBuffer would have it.
import { CROSS_ORIGIN_ISOLATION, startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, launchChromium } from '../../tests/chromium.mjs';

/** session.mjs's methods; their arguments and results cross as plain data. */
const SESSION_METHODS = ['copyTimes', 'warmUp', 'runRow', 'retime', 'wasmCopies'];

/**
 * The static server (cross-origin isolated) and Chromium.
 * @param log progress lines; each page's console errors and warnings go there too
 * @returns {Promise<{ openPage(search, name): Promise<Page>, browser: string, executable: string, close() }>}
 *   openPage: benches/chromium.html + `search`, once its window.bench.start is there
 */
export async function openIsolatedChromium({ log }) {
  const server = await startServer({ port: 0, quiet: true, headers: CROSS_ORIGIN_ISOLATION });
  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server.close().catch(() => {});
  };
  try {
    browser = await launchChromium();
  } catch (e) {
    await close();
    throw e;
  }
  const openPage = async (search = '', name = 'page') => {
    const page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') log(`${name} ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => log(`${name} error: ${err.message}`));
    await page.goto(new URL(`/benches/chromium.html${search}`, server.url).href);
    await page.waitForFunction(() => window.bench?.start);
    return page;
  };
  return { openPage, browser: `Chromium ${browser.version()}`, executable: CHROMIUM, close };
}

/**
 * @param need the peers the rows name (page.mjs loads only these)
 * @param log progress lines
 * @returns {Promise<{ session, info, close() }>} info: page.mjs start()'s, plus the browser
 */
export async function openChromiumSession({ need, log }) {
  const chromium = await openIsolatedChromium({ log });
  try {
    const page = await chromium.openPage();
    const info = await page.evaluate((peers) => window.bench.start(peers), need);
    const call = (name, args) => page.evaluate(([method, params]) => window.bench.session[method](...params), [name, args]);
    const session = Object.fromEntries(SESSION_METHODS.map((name) => [name, (...args) => call(name, args)]));
    return { session, info: { ...info, browser: chromium.browser, executable: chromium.executable }, close: chromium.close };
  } catch (e) {
    await chromium.close();
    throw e;
  }
}

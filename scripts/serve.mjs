#!/usr/bin/env node
// A tiny, dependency-free static file server for the demo page. It serves the repository
// root (so /www/index.html can import ../js/browser.js and fetch ../pkg/*.wasm) and
// redirects / to /www/. Usage: `node scripts/serve.mjs` (PORT env, default 8080; if the
// port is taken the next ones are tried). Run as a program it sends the cross-origin
// isolation headers (COOP/COEP), so the demo shares memory with workers and runs the threaded
// build. Tests import startServer({ port: 0 }) (no extra headers) and pass
// `headers: CROSS_ORIGIN_ISOLATION` for an isolated page.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let REAL_ROOT = ROOT;
try {
  REAL_ROOT = await realpath(ROOT);
} catch {
  // keep ROOT
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const MAX_PORT_TRIES = 20;

/** The headers that make a page cross-origin isolated: SharedArrayBuffer, the threaded build. */
export const CROSS_ORIGIN_ISOLATION = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

/** Maps a URL path to a file under ROOT, or null if it would escape ROOT. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // No '..' segments (URL parsing already resolves literal ones; this catches %2F-encoded
  // ones) and no dot-files or dot-directories such as .git.
  if (decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  const file = path.resolve(ROOT, '.' + path.posix.normalize('/' + decoded));
  if (file !== ROOT && !file.startsWith(ROOT + path.sep)) return null;
  return file;
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  let url;
  try {
    url = new URL(req.url, 'http://localhost');
  } catch {
    send(res, 400, 'Bad Request\n');
    return;
  }
  if (url.pathname === '/') {
    send(res, 302, 'Found: /www/\n', { Location: '/www/' + url.search });
    return;
  }
  let file = resolvePath(url.pathname);
  if (file === null) {
    send(res, 403, 'Forbidden\n');
    return;
  }
  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        send(res, 301, 'Moved\n', { Location: url.pathname + '/' + url.search });
        return;
      }
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    // A symlink inside the repository must not lead outside it either.
    const real = await realpath(file);
    if (real !== REAL_ROOT && !real.startsWith(REAL_ROOT + path.sep)) {
      send(res, 403, 'Forbidden\n');
      return;
    }
  } catch {
    send(res, 404, `Not Found: ${url.pathname}\n`);
    return;
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server. `port` 0 picks a free port; a taken port makes it try the next ones.
 * Binds to loopback (127.0.0.1) unless `host` (or the HOST env) says otherwise. `headers`
 * are sent with every response.
 * Resolves to { url, port, server, close } where url is http://localhost:PORT/www/.
 */
export async function startServer({
  port = Number(process.env.PORT || 8080),
  quiet = false,
  host = process.env.HOST || '127.0.0.1',
  headers = {},
} = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`serve: invalid port ${port}`);
  }
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, `Internal Server Error: ${err.message}\n`);
      else res.destroy();
    });
  });
  let lastError;
  const tries = port === 0 ? 1 : MAX_PORT_TRIES;
  for (let i = 0; i < tries && port + i <= 65535; i++) {
    try {
      await listen(server, port === 0 ? 0 : port + i, host);
      lastError = undefined;
      break;
    } catch (err) {
      lastError = err;
      if (err.code !== 'EADDRINUSE') break;
    }
  }
  if (lastError) throw lastError;
  const actual = server.address().port;
  const url = `http://localhost:${actual}/www/`;
  if (!quiet) console.log(`ExTensor demo: ${url}`);
  const close = () =>
    new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections?.();
    });
  return { url, port: actual, server, close };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  try {
    const { close } = await startServer({ headers: CROSS_ORIGIN_ISOLATION });
    const stop = () => close().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
}

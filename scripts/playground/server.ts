/**
 * The playground's static file server, on `node:http` alone: it serves the
 * files of the project (the page, the built ES modules under dist/, and the
 * sources the page links to) and nothing else.
 *
 *   GET /                       → 302 to /scripts/playground/index.html
 *   GET /<path>                 → the file root/<path>, if it is a regular file
 *                                 inside root (after following links), with no
 *                                 segment starting with '.' and no node_modules
 *   anything else               → 400, 403, 404 or 405 with a one-line reason
 *
 * The path is percent-decoded once, then resolved against root: a '..' that
 * leaves root, an encoded separator or NUL, a dot-file (.git, .ci) or a link
 * pointing outside root is refused.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

/** The page's address below the server's root. */
export const PAGE_PATH = '/scripts/playground/index.html';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The file a request path names inside root, or the status and reason to refuse it with. */
export function resolveRequest(root: string, rawPath: string): { file: string } | { status: number; reason: string } {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith('/')) return { status: 400, reason: 'bad path' };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return { status: 403, reason: 'dot segments and dot-files are not served' };
  if (segments.includes('node_modules')) return { status: 403, reason: 'node_modules is not served' };
  const realRoot = realpathSync(root);
  const candidate = resolve(realRoot, ...segments);
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { status: 404, reason: 'no such file' };
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return { status: 403, reason: 'outside the project' };
  if (!statSync(real).isFile()) return { status: 404, reason: 'not a file' };
  return { file: real };
}

function refuse(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${status} ${reason}\n`);
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    refuse(res, 405, 'only GET and HEAD');
    return;
  }
  const url = req.url ?? '/';
  const rawPath = url.split('?')[0]!.split('#')[0]!;
  if (rawPath === '/') {
    res.writeHead(302, { location: PAGE_PATH + url.slice(1) });
    res.end();
    return;
  }
  const found = resolveRequest(root, rawPath);
  if (!('file' in found)) {
    refuse(res, found.status, found.reason);
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** The project root, three folders above the built dist/scripts/playground/server.js. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** A server (not yet listening) of the files under `root` (default: the project). */
export function playgroundServer(root = PROJECT_ROOT): Server {
  return createServer((req, res) => handle(root, req, res));
}

/** The address of the page on a listening server. */
export function pageAddress(server: Server, query = ''): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('pageAddress: the server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}${PAGE_PATH}${query === '' ? '' : `?${query}`}`;
}

/**
 * The playground's static server serves the project's files and nothing
 * else: the page and the built modules with their types, a redirect from
 * '/', and a refusal for every way out of the project (.., encoded
 * separators and dots, dot-files, node_modules, a link pointing outside),
 * for folders and for methods other than GET and HEAD. Raw request paths
 * are sent as written (node:http's client does not normalise them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_PATH, pageAddress, playgroundServer, resolveRequest } from '../../scripts/playground/server.js';

interface Reply {
  status: number;
  type: string;
  location: string;
  body: string;
}

function get(server: Server, path: string, method = 'GET'): Promise<Reply> {
  const address = server.address();
  assert.ok(address !== null && typeof address !== 'string');
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: address.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), location: String(res.headers.location ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function listening(root?: string): Promise<Server> {
  const server = playgroundServer(root);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

test('the server serves the page, the built modules and the sources, with their types; / redirects to the page', async () => {
  const server = await listening();
  try {
    assert.match(pageAddress(server, 'data=xor'), /^http:\/\/127\.0\.0\.1:\d+\/scripts\/playground\/index\.html\?data=xor$/);
    const page = await get(server, PAGE_PATH);
    assert.equal(page.status, 200);
    assert.match(page.type, /^text\/html/);
    assert.match(page.body, /<script type="module" src="\.\.\/\.\.\/dist\/scripts\/playground\/page\.js">/);
    const module = await get(server, '/dist/scripts/playground/page.js');
    assert.equal(module.status, 200);
    assert.match(module.type, /^text\/javascript/);
    assert.match((await get(server, '/src/layers/dense.ts')).type, /^text\/plain/);
    const head = await get(server, '/dist/src/index.js', 'HEAD');
    assert.deepEqual([head.status, head.body], [200, '']);
    const root = await get(server, '/?data=xor');
    assert.deepEqual([root.status, root.location], [302, `${PAGE_PATH}?data=xor`]);
  } finally {
    await close(server);
  }
});

test('the server refuses paths out of the project, dot-files, node_modules, folders, missing files and other methods', async () => {
  const server = await listening();
  try {
    const refused: [string, number][] = [
      ['/../package.json', 403], ['/scripts/../../etc/passwd', 403], ['/%2e%2e/%2e%2e/etc/passwd', 403], ['/..%2f..%2fetc%2fpasswd', 403],
      ['/scripts/%2e%2e%5c%2e%2e%5cetc', 400], ['/a%00b', 400], ['/%E0%A4%A', 400], ['/.git/config', 403], ['/.ci/run', 403],
      ['/node_modules/typescript/package.json', 403], ['/src', 404], ['/src/', 404], ['/no/such/file.js', 404],
    ];
    for (const [path, status] of refused) {
      const reply = await get(server, path);
      assert.equal(reply.status, status, `${path}: ${reply.body}`);
      assert.doesNotMatch(reply.body, /root:|"name"/, `${path} leaks nothing`);
    }
    assert.equal((await get(server, PAGE_PATH, 'POST')).status, 405);
    assert.equal((await get(server, PAGE_PATH, 'DELETE')).status, 405);
  } finally {
    await close(server);
  }
});

test('a link inside the served folder that points outside it is refused; one that stays inside is served', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'playground-outside-')), root = mkdtempSync(join(tmpdir(), 'playground-root-'));
  try {
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    mkdirSync(join(root, 'pub'));
    writeFileSync(join(root, 'pub', 'open.txt'), 'open');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'pub', 'leak.txt'));
    symlinkSync(join(root, 'pub', 'open.txt'), join(root, 'pub', 'alias.txt'));
    assert.deepEqual(resolveRequest(root, '/pub/leak.txt'), { status: 403, reason: 'outside the project' });
    const server = await listening(root);
    try {
      assert.equal((await get(server, '/pub/leak.txt')).status, 403);
      assert.deepEqual([(await get(server, '/pub/alias.txt')).body, (await get(server, '/pub/open.txt')).body], ['open', 'open']);
    } finally {
      await close(server);
    }
  } finally {
    rmSync(outside, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
});

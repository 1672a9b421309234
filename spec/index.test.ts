/**
 * The root entry point exposes one namespace per module, and each namespace
 * is the module's own index (the same functions, not copies). The modules
 * are those of package.json's subpath exports, less the Node-only pool,
 * which the root never imports (it would load `worker_threads`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as root from '../src/index.js';

const repository = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
const modules = Object.keys(manifest.exports)
  .filter((subpath) => subpath !== '.' && subpath !== './package.json' && subpath !== './linalg/parallel')
  .map((subpath) => subpath.slice(2));

test('every subpath export but the pool is a namespace of the root, holding the same values as its index', async () => {
  assert.ok(modules.includes('errors') && modules.includes('linalg'), `modules read from package.json: ${modules.join(', ')}`);
  assert.deepEqual(Object.keys(root).sort(), [...modules].sort(), 'the root namespaces are the subpath exports');
  for (const name of modules) {
    const index = await import(`../src/${name}/index.js`) as Record<string, unknown>;
    const namespace = (root as Record<string, unknown>)[name] as Record<string, unknown>;
    assert.deepEqual(Object.keys(namespace).sort(), Object.keys(index).sort(), `root.${name} lists ${name}'s exports`);
    for (const key of Object.keys(index)) assert.equal(namespace[key], index[key], `root.${name}.${key} is ${name}/index's own`);
  }
});

/**
 * The root entry point exposes one namespace per module, and each namespace
 * is the module's own index (the same functions, not copies).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as root from '../src/index.js';
import * as random from '../src/random/index.js';
import * as linalg from '../src/linalg/index.js';
import * as autodiff from '../src/autodiff/index.js';

test('the root exports each module as a namespace', () => {
  assert.equal(root.random.Rng, random.Rng);
  assert.equal(root.linalg.matmul, linalg.matmul);
  assert.equal(root.autodiff.backward, autodiff.backward);
});

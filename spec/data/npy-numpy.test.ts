/**
 * .npy against numpy itself, when `python3 -c "import numpy"` works on the
 * machine (the tests are skipped, saying so, where it does not; the byte
 * fixtures of npy.test.ts stand in for them there):
 *   - files written by writeNpy load in numpy with the dtype and shape
 *     written, and numpy saving the loaded array again writes the very same
 *     bytes (so header, padding and data are numpy's own);
 *   - files numpy writes (float64, float32, big-endian, every integer width,
 *     0-d and empty arrays) read back through readNpy bit for bit equal to
 *     the values numpy converts to float64 itself; a Fortran-ordered array
 *     and a complex one are ValueErrors naming the header field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNpy, writeNpy } from '../../src/data/index.js';
import type { NpyWriteDtype } from '../../src/data/index.js';
import { ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { assertSameBits } from '../harness/index.js';

const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
const numpy = probe.status === 0 ? probe.stdout.trim() : undefined;
const skip = numpy === undefined ? 'numpy is not importable by python3 here' : false;

/** Runs a Python program with the folder as its argument; returns its stdout. */
function python(program: string, folder: string): string {
  const run = spawnSync('python3', ['-c', program, folder], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

const SPECIAL = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, -2.2250738585072014e-308, Number.MAX_VALUE, Math.PI, 1e-300];
const RANGES: Record<NpyWriteDtype, [number, number]> = {
  '<f8': [0, 0], '<i8': [-(2 ** 53), 2 ** 53], '<i4': [-(2 ** 31), 2 ** 31], '<i2': [-32768, 32768], '|i1': [-128, 128],
  '<u8': [0, 2 ** 53], '<u4': [0, 2 ** 32], '<u2': [0, 65536], '|u1': [0, 256],
};

test(`writeNpy's files load in numpy ${numpy ?? ''} with their dtype and shape, and numpy saves them again byte for byte`, { skip }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'npy-'));
  try {
    const rng = new Rng(20260), written = new Map<string, { bytes: Uint8Array; dtype: NpyWriteDtype; shape: number[] }>();
    let n = 0;
    for (const dtype of Object.keys(RANGES) as NpyWriteDtype[]) {
      for (const shape of [[], [0], [5], [3, 4], [2, 0, 3], [2, 3, 2, 2], [1, 70]]) {
        const size = shape.reduce((a, b) => a * b, 1), [low, high] = RANGES[dtype];
        const data = Array.from({ length: size }, () => dtype === '<f8'
          ? (rng.uniform() < 0.3 ? SPECIAL[rng.int(0, SPECIAL.length)]! : rng.normal() * 10 ** rng.int(-300, 300))
          : low + Math.floor(rng.uniform() * (high - low)));
        const bytes = writeNpy(linalg.tensor(data, shape), { dtype });
        const name = `a${n++}`;
        writeFileSync(join(folder, `${name}.npy`), bytes);
        written.set(name, { bytes, dtype, shape });
      }
    }
    const report = JSON.parse(python(`
import sys, os, json, numpy as np
folder = sys.argv[1]; out = {}
for f in sorted(os.listdir(folder)):
    a = np.load(os.path.join(folder, f), allow_pickle=False)
    np.save(os.path.join(folder, f[:-4] + '.again.npy'), a)
    out[f[:-4]] = {'dtype': a.dtype.str, 'shape': list(a.shape)}
print(json.dumps(out))`, folder)) as Record<string, { dtype: string; shape: number[] }>;
    assert.equal(Object.keys(report).length, written.size);
    for (const [name, { bytes, dtype, shape }] of written) {
      assert.deepEqual(report[name], { dtype, shape }, name);
      assert.deepEqual(new Uint8Array(readFileSync(join(folder, `${name}.again.npy`))), bytes, `${name} (${dtype}, shape ${shape.join('×')}): numpy writes the same bytes`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test(`readNpy reads what numpy ${numpy ?? ''} writes: every supported dtype bit for bit, Fortran order and complex refused by name`, { skip }, () => {
  const folder = mkdtempSync(join(tmpdir(), 'npy-'));
  try {
    python(`
import sys, os, numpy as np
folder = sys.argv[1]; rng = np.random.default_rng(7)
x = np.concatenate([rng.normal(size=40) * 10.0 ** rng.integers(-300, 300, size=40), [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324]])
arrays = {
  'f8': x.reshape(2, 23), 'f8big': x.astype('>f8').reshape(46), 'f4': (rng.normal(size=20) * 1e5).astype('<f4').reshape(4, 5), 'f4big': np.array([1.5, -0.0, np.inf, np.nan, 1e-40, 3e38], dtype='>f4'),
  'i8': rng.integers(-2**53, 2**53, size=(3, 3)), 'i4': rng.integers(-2**31, 2**31, size=9, dtype='<i4'), 'i2big': rng.integers(-2**15, 2**15, size=9).astype('>i2'),
  'i1': rng.integers(-128, 128, size=9, dtype='i1'), 'u8': rng.integers(0, 2**53, size=(1, 9), dtype='<u8'), 'u4': rng.integers(0, 2**32, size=9, dtype='<u4'),
  'u2': rng.integers(0, 2**16, size=9, dtype='<u2'), 'u1': rng.integers(0, 256, size=(3, 1, 3), dtype='u1'),
  'scalar': np.float64(-2.5), 'empty': np.zeros((0, 3)),
}
for name, a in arrays.items():
    np.save(os.path.join(folder, name + '.npy'), a)
    np.asarray(a, dtype='<f8').tofile(os.path.join(folder, name + '.f8'))
    with open(os.path.join(folder, name + '.shape'), 'w') as f: f.write(','.join(map(str, np.shape(a))))
np.save(os.path.join(folder, 'bad-fortran'), np.asfortranarray(x.reshape(2, 23)))
np.save(os.path.join(folder, 'bad-complex'), x[:4].astype(complex))`, folder);
    const names = readdirSync(folder).filter((f) => f.endsWith('.npy') && !f.startsWith('bad-')).map((f) => f.slice(0, -4));
    assert.equal(names.length, 14);
    for (const name of names) {
      const t: Tensor = readNpy(new Uint8Array(readFileSync(join(folder, `${name}.npy`))));
      const shapeText = readFileSync(join(folder, `${name}.shape`), 'utf8');
      assert.deepEqual(t.shape, shapeText === '' ? [] : shapeText.split(',').map(Number), name);
      assertSameBits(t.data, new Float64Array(Uint8Array.from(readFileSync(join(folder, `${name}.f8`))).buffer), name);
    }
    const fortran = new Uint8Array(readFileSync(join(folder, 'bad-fortran.npy')));
    assert.throws(() => readNpy(fortran), (e: unknown) => e instanceof ValueError && /header field 'fortran_order' is True/.test(e.message));
    const complex = new Uint8Array(readFileSync(join(folder, 'bad-complex.npy')));
    assert.throws(() => readNpy(complex), (e: unknown) => e instanceof ValueError && /header field 'descr' is '<c16', an unsupported dtype/.test(e.message));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

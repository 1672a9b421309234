/**
 * Agreement with the engine: on seeded samples over each domain, every
 * function of math/ is within 1 ulp of its `Math.*` counterpart, and the
 * special values are the same bit for bit — except where the BigInt
 * reference shows that the engine itself is more than 1 ulp off (Node 20's
 * Math.tanh(−0.5418183546928539) is 1.87 ulp off, for one). This checks
 * math/ against a second, independent implementation; accuracy itself is
 * measured against the reference in accuracy.test.ts.
 */
import * as M from '../../src/math/index.js';
import { property } from '../harness/index.js';
import type { Rng } from '../../src/random/index.js';
import type { Big } from './reference.js';
import { refCos, refExp, refExpm1, refHypot, refLog, refLog1p, refLog2, refPowAbs, refSin, refTanh, ulpError } from './reference.js';
import { logUniform, randomBits, ulpDistance, wide } from './support.js';

/** Do a (math/) and b (the engine) agree: same special value, within 1 ulp, or b more than 1 ulp from the exact value? */
function agree(a: number, b: number, exact: () => Big): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
  return ulpDistance(a, b) <= 1 || Math.abs(ulpError(b, exact())) > 1;
}

/** Within 1 ulp of the engine's value for drawn x (and the same NaN, ±0, ±∞). */
function agrees(name: string, ours: (x: number) => number, engine: (x: number) => number, ref: (x: number) => Big, draw: (rng: Rng) => number): void {
  property(`math.${name}: within 1 ulp of Math.${name}`, (rng) => {
    const xs = new Float64Array(50);
    for (let i = 0; i < xs.length; i++) xs[i] = draw(rng);
    return xs;
  }, (xs) => {
    for (const x of xs) {
      const a = ours(x), b = engine(x);
      if (!agree(a, b, () => ref(x))) throw new Error(`${name}(${x}): math/ gives ${a}, Math.${name} gives ${b}`);
    }
  }, { runs: 100 });
}

/** Mostly the useful range, sometimes any double (NaN and ±∞ included). */
const mixed = (lo: number, hi: number) => (rng: Rng): number => (rng.next() < 0.9 ? wide(rng, lo, hi) : randomBits(rng));

agrees('exp', M.exp, Math.exp, refExp, mixed(-745.2, 709.8));
agrees('expm1', M.expm1, Math.expm1, refExpm1, mixed(-40, 50));
agrees('log', M.log, Math.log, refLog, mixed(Number.MIN_VALUE, Number.MAX_VALUE));
agrees('log1p', M.log1p, Math.log1p, refLog1p, mixed(-1, Number.MAX_VALUE));
agrees('log2', M.log2, Math.log2, refLog2, mixed(Number.MIN_VALUE, Number.MAX_VALUE));
agrees('sin', M.sin, Math.sin, refSin, (rng) => (rng.next() < 0.5 ? wide(rng, -10, 10) : randomBits(rng)));
agrees('cos', M.cos, Math.cos, refCos, (rng) => (rng.next() < 0.5 ? wide(rng, -10, 10) : randomBits(rng)));
agrees('tanh', M.tanh, Math.tanh, refTanh, mixed(-25, 25));

property('math.pow: within 1 ulp of Math.pow', (rng) => {
  const x = rng.next() < 0.8 ? wide(rng, 0, 1e6) : randomBits(rng);
  const y = rng.next() < 0.8 ? wide(rng, -50, 50) : rng.next() < 0.5 ? Math.round(wide(rng, -60, 60)) : randomBits(rng);
  return [x, y] as const;
}, ([x, y]) => {
  const a = M.pow(x, y), b = Math.pow(x, y);
  const exact = (): Big => {
    const m = refPowAbs(x, y);
    return x < 0 && Math.abs(y % 2) === 1 ? { m: -m.m, e: m.e } : m;
  };
  if (!agree(a, b, exact)) throw new Error(`pow(${x}, ${y}): math/ gives ${a}, Math.pow gives ${b}`);
}, { runs: 3000 });

property('math.hypot: within 1 ulp of Math.hypot', (rng) => [logUniform(rng, -1074, 1023), rng.next() < 0.9 ? logUniform(rng, -1074, 1023) : randomBits(rng)] as const, ([x, y]) => {
  const a = M.hypot(x, y), b = Math.hypot(x, y);
  if (!agree(a, b, () => refHypot(x, y))) throw new Error(`hypot(${x}, ${y}): math/ gives ${a}, Math.hypot gives ${b}`);
}, { runs: 3000 });

/**
 * Accuracy of every function of math/ against the BigInt reference of
 * reference.ts, on seeded samples spread over each whole domain (support.ts):
 *
 *   |f(x) − f_exact(x)| ≤ bound · ulp(f_exact(x))
 *
 * where `bound` is the error bound stated in the function's file header
 * (every one below 1 ulp). PROPERTY_RUNS raises the sample for a longer
 * measurement; scripts in the report used 20 000 per function.
 */
import * as M from '../../src/math/index.js';
import { property } from '../harness/index.js';
import type { Big } from './reference.js';
import { refCos, refExp, refExpm1, refHypot, refLog, refLog1p, refLog2, refPowAbs, refSin, refTanh, ulpError } from './reference.js';
import { logUniform, wide } from './support.js';
import type { Rng } from '../../src/random/index.js';

const RUNS = 400;

/** Register one accuracy property: f(x) within `bound` ulp of ref(x) for x drawn by `draw`. */
function accuracy(name: string, bound: number, f: (x: number) => number, ref: (x: number) => Big, draw: (rng: Rng) => number, runs = RUNS): void {
  property(`math.${name}: within ${bound} ulp of the BigInt reference`, draw, (x) => {
    const y = f(x);
    const error = ulpError(y, ref(x));
    if (!(Math.abs(error) <= bound)) throw new Error(`${name}(${x}) = ${y}, ${error} ulp from the reference`);
  }, { runs });
}

// exp: normal results, x ∈ [ln 2^−1022, ln 2^1024), plus values near 0; then subnormal results
accuracy('exp', 0.52, M.exp, refExp, (rng) => (rng.next() < 0.8 ? wide(rng, -708.39, 709.78) : logUniform(rng, -60, 0)));
accuracy('exp (subnormal results)', 0.77, M.exp, refExp, (rng) => rng.uniform(-745.13, -708.4), 100);
accuracy('expm1', 0.65, M.expm1, refExpm1, (rng) => (rng.next() < 0.5 ? wide(rng, -50, 709.78) : logUniform(rng, -60, 3)));
accuracy('log', 0.65, M.log, refLog, (rng) => (rng.next() < 0.7 ? wide(rng, Number.MIN_VALUE, Number.MAX_VALUE) : 1 + logUniform(rng, -60, -1)));
accuracy('log1p', 0.65, M.log1p, refLog1p, (rng) => (rng.next() < 0.6 ? wide(rng, -1 + 2 ** -53, Number.MAX_VALUE) : logUniform(rng, -60, -1)));
accuracy('log2', 0.7, M.log2, refLog2, (rng) => (rng.next() < 0.7 ? wide(rng, Number.MIN_VALUE, Number.MAX_VALUE) : 1 + logUniform(rng, -60, -1)));
accuracy('sin', 0.65, M.sin, refSin, (rng) => (rng.next() < 0.5 ? wide(rng, -1e6, 1e6) : wide(rng, -Number.MAX_VALUE, Number.MAX_VALUE)));
accuracy('cos', 0.65, M.cos, refCos, (rng) => (rng.next() < 0.5 ? wide(rng, -1e6, 1e6) : wide(rng, -Number.MAX_VALUE, Number.MAX_VALUE)));
accuracy('tanh', 0.9, M.tanh, refTanh, (rng) => (rng.next() < 0.5 ? wide(rng, -25, 25) : logUniform(rng, -40, 5)));

property('math.pow: within 0.53 ulp of the BigInt reference, over x > 0 and integer y with x < 0', (rng) => {
  const x = rng.next() < 0.5 ? wide(rng, Number.MIN_VALUE, Number.MAX_VALUE) : 1 + logUniform(rng, -40, -1);
  const negative = rng.next() < 0.2;
  let y = rng.next() < 0.5 ? wide(rng, -2000, 2000) : logUniform(rng, -60, 62);
  if (negative) y = Math.round(y);
  // keep |y·ln x| < 700 (normal results), so that the comparison is in ulps of a normal double
  const lx = Math.abs(Math.log(x));
  if (lx * Math.abs(y) > 700) y = (Math.sign(y) * 700 * rng.next()) / lx;
  if (negative) y = Math.trunc(y);
  return [negative ? -x : x, y] as const;
}, ([x, y]) => {
  const p = M.pow(x, y);
  const magnitude = refPowAbs(x, y);
  const odd = x < 0 && Math.abs(y % 2) === 1;
  const error = ulpError(odd ? -p : p, magnitude);
  if (!(Math.abs(error) <= 0.53)) throw new Error(`pow(${x}, ${y}) = ${p}, ${error} ulp from the reference`);
}, { runs: RUNS });

property('math.hypot: within 0.51 ulp of the BigInt reference (0.77 for subnormal results), over all magnitudes', (rng) => {
  const x = rng.next() < 0.5 ? wide(rng, -Number.MAX_VALUE, Number.MAX_VALUE) : logUniform(rng, -1074, 1023);
  const r = rng.next();
  const y = r < 0.3 ? x * logUniform(rng, -60, -1) : r < 0.4 ? logUniform(rng, -1074, -1022) : logUniform(rng, -1074, 1023);
  return [x, y] as const;
}, ([x, y]) => {
  const h = M.hypot(x, y);
  const error = ulpError(h, refHypot(x, y));
  const bound = h < 2 ** -1022 ? 0.77 : 0.51; // a subnormal result is rounded twice (hypot.ts)
  if (!(Math.abs(error) <= bound)) throw new Error(`hypot(${x}, ${y}) = ${h}, ${error} ulp from the reference`);
}, { runs: RUNS });

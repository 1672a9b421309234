/**
 * The contract table of math/: its exports are scalar kernels with the
 * semantics of `Math.*` (a number in, a number out, NaN outside the domain,
 * nothing thrown), so each is exempt from bad-input errors with that reason;
 * the table still fails when a new export appears without an entry.
 */
import * as math from '../../src/math/index.js';
import { contractSpec } from '../harness/contracts.js';

const SCALAR = 'a scalar kernel with Math.* semantics: NaN outside its domain, never throws (callers validate)';

contractSpec('math', math, {}, {
  exempt: { exp: SCALAR, expm1: SCALAR, log: SCALAR, log1p: SCALAR, log2: SCALAR, sin: SCALAR, cos: SCALAR, tanh: SCALAR, pow: SCALAR, hypot: SCALAR },
});

/**
 * All parameters as one vector (EQ-OPTIMIZERS-03): the lecture writes the
 * weights of a network as one W = (W⁽¹⁾, W⁽²⁾, …, W⁽ᴸ⁾) and learning as
 * Ŵ = argmin_W 𝓛_W(X, y). `flattenParameters` lays the tensors end to end
 * in order, row-major each; `unflattenParameters` writes such a vector back
 * into the same tensors, in place, bit for bit.
 */
import { ShapeError, assertInstance } from '../errors/index.js';
import { assertParameters } from './optimizer.js';
import type { Parameter } from './optimizer.js';

/** (θ⁽¹⁾, …, θ⁽ᴸ⁾) as one Float64Array of length Σ sizes (a copy). */
export function flattenParameters(parameters: readonly Parameter[]): Float64Array {
  const list = assertParameters(parameters, 'flattenParameters');
  const out = new Float64Array(list.reduce((n, p) => n + p.value.data.length, 0));
  let offset = 0;
  for (const p of list) {
    out.set(p.value.data, offset);
    offset += p.value.data.length;
  }
  return out;
}

/** Write `flat` (as flattenParameters lays it out) back into the parameters' values, in place. */
export function unflattenParameters(parameters: readonly Parameter[], flat: Float64Array): void {
  const where = 'unflattenParameters';
  const list = assertParameters(parameters, where);
  assertInstance(flat, Float64Array, 'flat', where);
  const size = list.reduce((n, p) => n + p.value.data.length, 0);
  if (flat.length !== size) throw new ShapeError(`${where}: flat has length ${flat.length}, but the parameters have ${size} entries`);
  let offset = 0;
  for (const p of list) {
    p.value.data.set(flat.subarray(offset, offset + p.value.data.length));
    offset += p.value.data.length;
  }
}

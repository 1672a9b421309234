/**
 * Tensors in shared memory, for products that the pool shares without
 * copying their operands.
 *
 * A product on the pool normally copies what the workers read (their rows
 * of op(A), all of op(B)) into the pool's shared buffer first, every time.
 * An operand whose Float64Array already views a SharedArrayBuffer is read
 * by the workers in place instead (product.ts): its buffer is sent to each
 * worker once, the first time a product reads it, and the workers keep it
 * until stop() (at most MAX_OPERAND_BUFFERS buffers; further ones are
 * copied as before). The result is the same bits either way.
 */
import type { Tensor } from '../tensor.js';
import { assertTensor } from '../validate.js';

/**
 * A copy of t (same shape, the same values bit for bit) whose data views a
 * new SharedArrayBuffer, so that products on the pool read it without
 * copying it: a model's parameters, made once and updated in place, are
 * the natural use. Works whether or not the pool runs (the memory is
 * ordinary until a product shares it).
 */
export function shared(t: Tensor): Tensor {
  assertTensor(t, 't', 'parallel.shared');
  const data = new Float64Array(new SharedArrayBuffer(t.data.length * Float64Array.BYTES_PER_ELEMENT));
  data.set(t.data);
  return { shape: [...t.shape], data };
}

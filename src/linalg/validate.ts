/**
 * The tensor check that every public function taking a Tensor runs first.
 *
 *   a Tensor is an object { shape, data } with
 *     data   a Float64Array
 *     shape  an array of safe integers dᵢ ≥ 0 with Π dᵢ = data.length
 *
 * A nested JavaScript array, a number or a typed array where a Tensor
 * belongs gets an ArgumentTypeError that says how to make a Tensor of it;
 * a shape that does not describe `data` gets a ShapeError with both.
 * Other modules import it through linalg's index, as they do the number and
 * option checks of `errors/`.
 */
import { ArgumentTypeError, ShapeError, describeValue, formatShape } from '../errors/index.js';
import type { Tensor } from './tensor.js';

/** How to turn what came into a Tensor, for the message; '' when there is no obvious way. */
function hint(x: unknown): string {
  if (Array.isArray(x)) return '; make one with fromArray(…) (or tensor(values, shape))';
  if (typeof x === 'number') return '; make one with scalar(x)';
  if (ArrayBuffer.isView(x)) return '; make one with tensor(Float64Array.from(values), shape)';
  return '';
}

const isFloat64Array = (x: unknown): x is Float64Array =>
  x instanceof Float64Array || Object.prototype.toString.call(x) === '[object Float64Array]';

/**
 * Throw unless `x` is a well-formed Tensor (see the file comment): an
 * ArgumentTypeError for the wrong kind of value, a ShapeError for a shape
 * that is not a list of safe integers ≥ 0 whose product is data.length.
 * `name` is the argument's name, `where` the public function called.
 */
export function assertTensor(x: unknown, name: string, where: string): asserts x is Tensor {
  const expected = `${where}: ${name} must be a Tensor { shape, data: Float64Array }`;
  if (typeof x !== 'object' || x === null || Array.isArray(x) || ArrayBuffer.isView(x)) {
    throw new ArgumentTypeError(`${expected}, got ${describeValue(x)}${hint(x)}`);
  }
  const { shape, data } = x as { shape?: unknown; data?: unknown };
  if (!isFloat64Array(data)) {
    throw new ArgumentTypeError(`${expected}, but its data is ${describeValue(data)}${hint(data)}`);
  }
  if (!Array.isArray(shape)) {
    throw new ArgumentTypeError(`${expected}, but its shape is ${describeValue(shape)}`);
  }
  let size = 1;
  for (const d of shape as unknown[]) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new ShapeError(`${where}: ${name} has shape [${shape.map(String).join(', ')}]; dimensions must be safe integers ≥ 0`);
    }
    size *= d;
  }
  if (size !== data.length) {
    throw new ShapeError(
      `${where}: ${name} has shape ${formatShape(shape as number[])}, which needs ${size} entries, but data has ${data.length}`,
    );
  }
}

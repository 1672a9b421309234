/**
 * Saving float64 values and tensors as JSON, bit for bit: the one
 * convention of every `toJSON` / `fromJSON` and `stateDict` in the library.
 *
 *   JSON.stringify writes a finite double as the shortest decimal that reads
 *   back as the same double (ECMA-262, Number::toString), so finite values
 *   survive as plain JSON numbers. Four values would not: NaN, +∞ and −∞
 *   become `null`, and −0 becomes `0`. They are written as the strings
 *
 *     "NaN"   "Infinity"   "-Infinity"   "-0"
 *
 *   TensorJSON = { shape: [d₀, d₁, …], data: [x₀, x₁, …] }   (row-major, as in memory)
 *
 * Every NaN reads back as the canonical NaN (JavaScript cannot tell NaN
 * payloads apart in JSON); every other double comes back with its own bits.
 */
import { ArgumentTypeError, ShapeError, ValueError, describeValue, formatShape, isPlainObject } from '../errors/index.js';
import type { Tensor } from './tensor.js';
import { assertTensor } from './validate.js';

/** A float64 written for JSON: a finite number, or one of the four strings above. */
export type Float64JSONValue = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/** A tensor written for JSON (see the file comment). */
export interface TensorJSON {
  shape: number[];
  data: Float64JSONValue[];
}

/** One double as JSON: itself when finite and not −0, else its string. */
function encode(x: number): Float64JSONValue {
  if (Number.isFinite(x)) return Object.is(x, -0) ? '-0' : x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

const SPECIAL: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/**
 * The values as a JSON-safe array that `float64FromJSON` reads back bit for
 * bit (NaN payloads aside). `values`: an array or a typed array of numbers
 * (ArgumentTypeError otherwise).
 */
export function float64ToJSON(values: ArrayLike<number>): Float64JSONValue[] {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new ArgumentTypeError(`float64ToJSON: values must be an array or a typed array of numbers, got ${describeValue(values)}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v: unknown = values[i];
    if (typeof v !== 'number') throw new ArgumentTypeError(`float64ToJSON: values[${i}] must be a number, got ${describeValue(v)}`);
  }
  const out: Float64JSONValue[] = new Array<Float64JSONValue>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encode(values[i]!);
  return out;
}

/**
 * Read back what `float64ToJSON` wrote. ArgumentTypeError unless `json` is an
 * array; ValueError naming the first entry that is neither a finite number
 * nor one of "NaN", "Infinity", "-Infinity", "-0". `name` and `where` are
 * for the message (the field and the public function being loaded).
 */
export function float64FromJSON(json: unknown, name: string, where: string): Float64Array {
  if (!Array.isArray(json)) throw new ArgumentTypeError(`${where}: ${name} must be an array of numbers, got ${describeValue(json)}`);
  const out = new Float64Array(json.length);
  for (let i = 0; i < json.length; i++) {
    const v: unknown = json[i];
    if (typeof v === 'number' && Number.isFinite(v)) out[i] = v;
    else if (typeof v === 'string' && v in SPECIAL) out[i] = SPECIAL[v]!;
    else {
      throw new ValueError(
        `${where}: ${name}[${i}] must be a finite number or one of "NaN", "Infinity", "-Infinity", "-0", got ${describeValue(v)}`,
      );
    }
  }
  return out;
}

/** `t` as `{ shape, data }` with JSON-safe data (a copy; see the file comment). */
export function tensorToJSON(t: Tensor): TensorJSON {
  assertTensor(t, 't', 'tensorToJSON');
  return { shape: [...t.shape], data: float64ToJSON(t.data) };
}

/**
 * Read back what `tensorToJSON` wrote, checking it first: a plain object
 * with `shape` (safe integers ≥ 0) and `data` (entries as float64FromJSON
 * reads them) whose length is the product of the shape. ArgumentTypeError,
 * ShapeError or ValueError naming `where` and `name` otherwise.
 */
export function tensorFromJSON(json: unknown, name: string, where: string): Tensor {
  if (!isPlainObject(json)) {
    throw new ArgumentTypeError(`${where}: ${name} must be a saved tensor { shape, data }, got ${describeValue(json)}`);
  }
  const { shape } = json;
  if (!Array.isArray(shape) || !shape.every((d: unknown) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError(`${where}: ${name}.shape must be a list of safe integers ≥ 0, got ${describeValue(shape)}`);
  }
  const data = float64FromJSON(json['data'], `${name}.data`, where);
  const size = (shape as number[]).reduce((p, d) => p * d, 1);
  if (size !== data.length) {
    throw new ShapeError(`${where}: ${name} has shape ${formatShape(shape as number[])}, which needs ${size} entries, but data has ${data.length}`);
  }
  return { shape: [...(shape as number[])], data };
}

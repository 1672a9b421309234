/**
 * NumPy's `.npy` format (numpy.lib.format, versions 1.0, 2.0 and 3.0), so
 * that arrays pass between this library and numpy (`np.save`/`np.load`).
 *
 *   bytes 0–5   the magic string \x93NUMPY
 *   bytes 6, 7  the version, major and minor (1.0, 2.0 or 3.0)
 *   then        the header length HLEN: uint16 little-endian (1.0), uint32 (2.0, 3.0)
 *   then        HLEN bytes of header: a Python dict literal, latin-1 (1.0,
 *               2.0) or UTF-8 (3.0), padded with spaces and ending in '\n':
 *               {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }
 *   then        the data: Π shape items of the dtype, in C (row-major) order
 *
 * Reading takes float64 and float32 ('<f8', '<f4', and big-endian '>'),
 * and signed and unsigned integers of 1, 2, 4 and 8 bytes ('|i1', '<i2',
 * '<i4', '<i8', '|u1', … '<u8', either byte order), and returns a float64
 * Tensor; a 64-bit integer beyond ±2⁵³ (not exact in float64) is an error.
 * Any other dtype (complex, bool, strings, objects, structured arrays) and
 * `fortran_order: True` are errors naming the header field.
 *
 * Writing makes the bytes numpy writes for the same array: the dict's keys
 * sorted, Python's repr of each value, then (as numpy does, so that a file
 * can grow in place) 21 − len(repr(shape[0])) spaces for an array of rank
 * ≥ 1, then spaces and '\n' up to a multiple of 64 bytes for the whole
 * preamble (magic, version, length, header), always at least one space:
 *
 *   padding = 64 − ((10 + len(header) + 1) mod 64)
 *
 * Version 1.0 when that fits in 65,535 bytes, else 2.0.
 */
import { ArgumentTypeError, ValueError, assertOneOf, assertOptions, describeValue } from '../errors/index.js';
import { MAX_TENSOR_SIZE, assertTensor } from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';

/** The dtypes `writeNpy` writes: float64 (default) and little-endian integers. */
export type NpyWriteDtype = '<f8' | '<i8' | '<i4' | '<i2' | '|i1' | '<u8' | '<u4' | '<u2' | '|u1';

/** What the header of a `.npy` file says. */
export interface NpyHeader {
  /** [major, minor]: [1, 0], [2, 0] or [3, 0]. */
  readonly version: readonly [number, number];
  /** The header's 'descr', e.g. '<f8'. */
  readonly dtype: string;
  /** The header's 'fortran_order'. */
  readonly fortranOrder: boolean;
  /** The header's 'shape'. */
  readonly shape: readonly number[];
  /** Where the data starts, in bytes. */
  readonly dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
const GROWTH_DIGITS = 21;
const WRITE_DTYPES: readonly NpyWriteDtype[] = ['<f8', '<i8', '<i4', '<i2', '|i1', '<u8', '<u4', '<u2', '|u1'];
const READ_DTYPES = 'f4, f8, i1, i2, i4, i8, u1, u2, u4, u8, with byte order <, > or |';

// ---- The Python literal of the header: strings, True/False/None, integers, tuples, lists, one dict.

type PyValue = string | boolean | null | number | PyValue[] | { tuple: PyValue[] };

class Literal {
  i = 0;
  constructor(readonly text: string, readonly where: string) {}

  fail(what: string): never {
    throw new ValueError(`${this.where}: the header is not a valid dict literal (${what} at character ${this.i}): ${JSON.stringify(this.text.trim())}`);
  }

  skip(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  peek(): string {
    this.skip();
    return this.text[this.i] ?? '';
  }

  expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected '${c}'`);
    this.i++;
  }

  /** The items of a tuple or list up to `close`, the opening bracket read (a trailing comma allowed). */
  items(close: string): PyValue[] {
    const out: PyValue[] = [];
    while (this.peek() !== close) {
      out.push(this.value());
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== close) this.fail(`expected ',' or '${close}'`);
    }
    this.i++;
    return out;
  }

  value(): PyValue {
    const c = this.peek();
    if (c === "'" || c === '"') {
      let s = '';
      for (this.i++; this.text[this.i] !== c; this.i++) {
        if (this.i >= this.text.length) this.fail('an unterminated string');
        if (this.text[this.i] === '\\') this.i++;
        s += this.text[this.i] ?? '';
      }
      this.i++;
      return s;
    }
    if (c === '(') { this.i++; return { tuple: this.items(')') }; }
    if (c === '[') { this.i++; return this.items(']'); }
    const word = /^(True|False|None|[+-]?\d+L?)/.exec(this.text.slice(this.i))?.[0];
    if (word === undefined) this.fail('an unexpected character');
    this.i += word.length;
    return word === 'True' ? true : word === 'False' ? false : word === 'None' ? null : Number(word.replace('L', ''));
  }

  dict(): Map<string, PyValue> {
    const out = new Map<string, PyValue>();
    this.expect('{');
    while (this.peek() !== '}') {
      const key = this.value();
      if (typeof key !== 'string') this.fail('a key that is not a string');
      this.expect(':');
      out.set(key, this.value());
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== '}') this.fail("expected ',' or '}'");
    }
    this.i++;
    if (this.peek() !== '') this.fail('text after the dict');
    return out;
  }
}

const show = (v: PyValue): string =>
  typeof v === 'string' ? `'${v}'` : v === true ? 'True' : v === false ? 'False' : v === null ? 'None'
    : Array.isArray(v) ? `[${v.map(show).join(', ')}]` : typeof v === 'number' ? String(v) : `(${v.tuple.map(show).join(', ')})`;

/** The parsed dtype: kind f/i/u, size in bytes, little-endian or not (internal). */
interface Dtype { kind: string; size: number; little: boolean }

function parseDtype(descr: PyValue, where: string): Dtype {
  const match = typeof descr === 'string' ? /^([<>|])([fiu])(\d+)$/.exec(descr) : null;
  const kind = match?.[2] ?? '', size = Number(match?.[3]);
  const ok = match !== null && (kind === 'f' ? size === 4 || size === 8 : [1, 2, 4, 8].includes(size)) && (match[1] !== '|' || size === 1);
  if (!ok) throw new ValueError(`${where}: header field 'descr' is ${show(descr)}, an unsupported dtype; supported: ${READ_DTYPES}`);
  return { kind, size, little: match[1] !== '>' };
}

/** Checks the bytes argument (internal). */
function assertBytes(bytes: unknown, where: string): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    const hint = bytes instanceof ArrayBuffer ? ' (wrap it: new Uint8Array(buffer))' : '';
    throw new ArgumentTypeError(`${where}: bytes must be a Uint8Array (a Node Buffer is one), got ${describeValue(bytes)}${hint}`);
  }
}

function parseHeader(bytes: Uint8Array, where: string): { header: NpyHeader; descr: PyValue } {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new ValueError(`${where}: not a .npy file: the first 6 bytes are not \\x93NUMPY`);
  const major = bytes[6]!, minor = bytes[7]!;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw new ValueError(`${where}: .npy version ${major}.${minor} is not supported (1.0, 2.0 or 3.0)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw new ValueError(`${where}: the file ends inside its header length`);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes, dataOffset = start + hlen;
  if (bytes.length < dataOffset) throw new ValueError(`${where}: the header says ${hlen} bytes but the file ends after ${bytes.length - start}`);
  const raw = bytes.subarray(start, dataOffset);
  let text = '';
  if (major === 3) text = new TextDecoder('utf-8').decode(raw);
  else for (const b of raw) text += String.fromCharCode(b); // latin-1: each byte is its code point
  const dict = new Literal(text, where).dict();
  for (const key of dict.keys()) {
    if (!['descr', 'fortran_order', 'shape'].includes(key)) throw new ValueError(`${where}: the header has an unknown field '${key}'`);
  }
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!dict.has(key)) throw new ValueError(`${where}: the header has no field '${key}'`);
  }
  const descr = dict.get('descr')!, fortran = dict.get('fortran_order')!, shape = dict.get('shape')!;
  if (typeof fortran !== 'boolean') throw new ValueError(`${where}: header field 'fortran_order' must be True or False, got ${show(fortran)}`);
  const dims = typeof shape === 'object' && shape !== null && !Array.isArray(shape) ? shape.tuple : null;
  if (dims === null || !dims.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) {
    throw new ValueError(`${where}: header field 'shape' must be a tuple of integers ≥ 0, got ${show(shape)}`);
  }
  const header = { version: [major, minor] as const, dtype: typeof descr === 'string' ? descr : show(descr), fortranOrder: fortran, shape: dims as number[], dataOffset };
  return { header, descr };
}

/**
 * The header of a `.npy` file: version, dtype, fortran_order, shape and
 * where the data starts. Any dtype is reported; only `readNpy` rejects.
 */
export function npyHeader(bytes: Uint8Array): NpyHeader {
  const where = 'npyHeader';
  assertBytes(bytes, where);
  return parseHeader(bytes, where).header;
}

/**
 * The array of a `.npy` file as a float64 Tensor of its shape (C order;
 * dtypes in the file comment). `fortran_order: True` and unsupported
 * dtypes are ValueErrors naming the field.
 */
export function readNpy(bytes: Uint8Array): Tensor {
  const where = 'readNpy';
  assertBytes(bytes, where);
  const { header, descr } = parseHeader(bytes, where);
  const dtype = parseDtype(descr, where);
  if (header.fortranOrder) {
    throw new ValueError(`${where}: header field 'fortran_order' is True; only C order is read (save np.ascontiguousarray(a) instead)`);
  }
  const size = header.shape.reduce((a, b) => a * b, 1);
  if (size > MAX_TENSOR_SIZE) throw new ValueError(`${where}: shape (${header.shape.join(', ')}) has more than 2³¹ − 1 entries`);
  const expected = size * dtype.size, got = bytes.length - header.dataOffset;
  if (got !== expected) {
    throw new ValueError(`${where}: shape (${header.shape.join(', ')}) of '${header.dtype}' needs ${expected} bytes of data, the file has ${got}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + header.dataOffset, expected);
  const data = new Float64Array(size), { kind, little } = dtype;
  for (let i = 0; i < size; i++) {
    const at = i * dtype.size;
    switch (`${kind}${dtype.size}`) {
      case 'f8': data[i] = view.getFloat64(at, little); break;
      case 'f4': data[i] = view.getFloat32(at, little); break;
      case 'i1': data[i] = view.getInt8(at); break;
      case 'u1': data[i] = view.getUint8(at); break;
      case 'i2': data[i] = view.getInt16(at, little); break;
      case 'u2': data[i] = view.getUint16(at, little); break;
      case 'i4': data[i] = view.getInt32(at, little); break;
      case 'u4': data[i] = view.getUint32(at, little); break;
      default: {
        const v = kind === 'i' ? view.getBigInt64(at, little) : view.getBigUint64(at, little);
        if (v > 9007199254740992n || v < -9007199254740992n) {
          throw new ValueError(`${where}: item ${i} is ${v}, beyond ±2⁵³, which float64 cannot hold exactly`);
        }
        data[i] = Number(v);
      }
    }
  }
  return { shape: [...header.shape], data };
}

/** Python's repr of a tuple of integers: (), (3,), (2, 3). */
const tupleRepr = (shape: readonly number[]): string => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`);

/** The integers each integer dtype holds, [low, high): low ≤ x < high (internal). */
const INT_RANGE: Record<string, [number, number]> = {
  '<i8': [-(2 ** 63), 2 ** 63], '<i4': [-(2 ** 31), 2 ** 31], '<i2': [-(2 ** 15), 2 ** 15], '|i1': [-128, 128],
  '<u8': [0, 2 ** 64], '<u4': [0, 2 ** 32], '<u2': [0, 2 ** 16], '|u1': [0, 256],
};

/**
 * The bytes of a `.npy` file holding `t` in C order, as numpy writes them
 * (see the file comment). Options: dtype ('<f8' by default; an integer
 * dtype needs integer entries within its range, checked before writing).
 *
 *   writeFileSync('X.npy', writeNpy(X));   // np.load('X.npy') in Python
 */
export function writeNpy(t: Tensor, options?: { dtype?: NpyWriteDtype }): Uint8Array {
  const where = 'writeNpy';
  assertTensor(t, 't', where);
  const o = assertOptions(options, ['dtype'], where);
  const descr = o.dtype === undefined ? '<f8' : assertOneOf(o.dtype, WRITE_DTYPES, 'options.dtype', where);
  const range = INT_RANGE[descr];
  if (range !== undefined) {
    t.data.forEach((x, i) => {
      if (!(Number.isInteger(x) && x >= range[0] && x < range[1])) {
        throw new ValueError(`${where}: entry ${i} is ${describeValue(x)}, not an integer in the range of ${descr}`);
      }
    });
  }
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tupleRepr(t.shape)}, }`;
  if (t.shape.length > 0) header += ' '.repeat(GROWTH_DIGITS - String(t.shape[0]).length);
  const padded = (prefix: number): number => header.length + 1 + ALIGN - ((prefix + header.length + 1) % ALIGN);
  const v1 = padded(10) <= 65535;
  const prefix = v1 ? 10 : 12, hlen = padded(prefix);
  const size = Number(descr.slice(2));
  const bytes = new Uint8Array(prefix + hlen + t.data.length * size);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  bytes[6] = v1 ? 1 : 2;
  if (v1) view.setUint16(8, hlen, true);
  else view.setUint32(8, hlen, true);
  for (let i = 0; i < header.length; i++) bytes[prefix + i] = header.charCodeAt(i);
  bytes.fill(0x20, prefix + header.length, prefix + hlen - 1);
  bytes[prefix + hlen - 1] = 0x0a;
  const start = prefix + hlen;
  t.data.forEach((x, i) => {
    const at = start + i * size;
    switch (descr) {
      case '<f8': view.setFloat64(at, x, true); break;
      case '<i8': view.setBigInt64(at, BigInt(x), true); break;
      case '<u8': view.setBigUint64(at, BigInt(x), true); break;
      case '<i4': view.setInt32(at, x, true); break;
      case '<u4': view.setUint32(at, x, true); break;
      case '<i2': view.setInt16(at, x, true); break;
      case '<u2': view.setUint16(at, x, true); break;
      case '|i1': view.setInt8(at, x); break;
      default: view.setUint8(at, x);
    }
  });
  return bytes;
}

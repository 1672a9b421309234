/**
 * NumPy's .npy format: the bytes written for known arrays equal the bytes
 * numpy writes for them, arrays round-trip bit for bit, other byte orders
 * and widths read, and unsupported headers are errors naming the field.
 *
 * How the fixtures were made. The bytes below come from the format's
 * specification (numpy/lib/format.py, `_write_array_header` and
 * `_wrap_header`), applied with Python's struct module alone:
 *
 *   header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"   # sorted keys, repr of each value
 *   header += ' ' * (21 - len(repr(shape[0])))        # spare room to grow the array in place (rank ≥ 1)
 *   hlen = len(header) + 1                            # + the final '\n'
 *   pad = 64 - ((10 + hlen) % 64)                     # magic 6 + version 2 + uint16 length 2
 *   file = b'\x93NUMPY\x01\x00' + struct.pack('<H', hlen + pad) + header + b' ' * pad + b'\n'
 *   file += b''.join(struct.pack('<d', x) for x in values)
 *
 * For (2, 3): a 59-character dict, 20 spare spaces, the newline: hlen = 80;
 * pad = 64 − 90 mod 64 = 38; the length field 80 + 38 = 118 = 0x0076, and
 * the data starts at byte 128. The same arrays saved by numpy 1.24 or later
 * (`np.save(f, np.array([[1., -2., .5], [1e-300, -0., 6.]]))`,
 * `np.save(f, np.array([0, -1, 2**53, 7]))`, `np.save(f, np.uint8(200))`)
 * print the same lines under `xxd -g 2` (checked with numpy 2.4.6;
 * spec/data/npy-numpy.test.ts repeats such checks against the numpy of the
 * machine when there is one). (The spare spaces came with numpy
 * pull request 20321, released in 1.24; older numpy writes a shorter
 * header, which readNpy reads as well.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueError } from '../../src/errors/index.js';
import { npyHeader, readNpy, writeNpy } from '../../src/data/index.js';
import type { NpyWriteDtype } from '../../src/data/index.js';
import * as linalg from '../../src/linalg/index.js';
import { assertSameBits, property } from '../harness/index.js';

/** Bytes from `xxd -g 2`-style groups of hex digits. */
const hex = (lines: readonly string[]): Uint8Array => {
  const digits = lines.join('').replaceAll(' ', '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
};

const F8_2x3 = hex([
  '934e 554d 5059 0100 7600 7b27 6465 7363', // \x93NUMPY, version 1.0, HLEN 118, "{'desc"
  '7227 3a20 273c 6638 272c 2027 666f 7274', // "r': '<f8', 'fort"
  '7261 6e5f 6f72 6465 7227 3a20 4661 6c73', // "ran_order': Fals"
  '652c 2027 7368 6170 6527 3a20 2832 2c20', // "e, 'shape': (2, "
  '3329 2c20 7d20 2020 2020 2020 2020 2020', // "3), }" and spaces
  '2020 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 200a', // … '\n' ends byte 127
  '0000 0000 0000 f03f 0000 0000 0000 00c0', // 1.0, −2.0 (little-endian IEEE 754)
  '0000 0000 0000 e03f 59f3 f8c2 1f6e a501', // 0.5, 1e−300
  '0000 0000 0000 0080 0000 0000 0000 1840', // −0.0, 6.0
]);

const I8_4 = hex([
  '934e 554d 5059 0100 7600 7b27 6465 7363',
  '7227 3a20 273c 6938 272c 2027 666f 7274', // "r': '<i8', 'fort"
  '7261 6e5f 6f72 6465 7227 3a20 4661 6c73',
  '652c 2027 7368 6170 6527 3a20 2834 2c29', // "e, 'shape': (4,)"
  '2c20 7d20 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 200a',
  '0000 0000 0000 0000 ffff ffff ffff ffff', // 0, −1
  '0000 0000 0000 2000 0700 0000 0000 0000', // 2⁵³, 7
]);

const U1_SCALAR = hex([
  '934e 554d 5059 0100 7600 7b27 6465 7363',
  '7227 3a20 277c 7531 272c 2027 666f 7274', // "r': '|u1', 'fort"
  '7261 6e5f 6f72 6465 7227 3a20 4661 6c73',
  '652c 2027 7368 6170 6527 3a20 2829 2c20', // "e, 'shape': (), " — rank 0: no spare spaces
  '7d20 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 2020',
  '2020 2020 2020 2020 2020 2020 2020 200a',
  'c8', // 200
]);

/**
 * An empty float64 array of shape (0, 100, …, 100), rank 22: its header
 * (181 characters with the 20 spare spaces, + '\n') makes the preamble
 * 10 + 182 = 192 bytes, already a multiple of 64, and numpy then pads a
 * whole 64 more (padding = 64 − 0): HLEN = 182 + 64 = 246 = 0x00f6.
 */
const EMPTY_RANK_22 = Uint8Array.from([
  0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0xf6, 0x00,
  ...Array.from(`{'descr': '<f8', 'fortran_order': False, 'shape': (0${', 100'.repeat(21)}), }${' '.repeat(20 + 64)}\n`, (c) => c.charCodeAt(0)),
]);

test('writeNpy writes the bytes numpy writes: float64 2×3, int64 of length 4, a uint8 scalar, an aligned header', () => {
  assert.equal(EMPTY_RANK_22.length, 256);
  assert.deepEqual(writeNpy(linalg.zeros([0, ...new Array<number>(21).fill(100)])), EMPTY_RANK_22);
  assert.deepEqual(writeNpy(linalg.fromArray([[1, -2, 0.5], [1e-300, -0, 6]])), F8_2x3);
  assert.deepEqual(writeNpy(linalg.tensor([0, -1, 2 ** 53, 7], [4]), { dtype: '<i8' }), I8_4);
  assert.deepEqual(writeNpy(linalg.scalar(200), { dtype: '|u1' }), U1_SCALAR);
});

test('readNpy reads numpy\'s bytes: the fixtures give their arrays back, −0 included', () => {
  const a = readNpy(F8_2x3);
  assert.deepEqual(a.shape, [2, 3]);
  assertSameBits(a.data, [1, -2, 0.5, 1e-300, -0, 6], 'float64 2×3');
  assert.deepEqual(readNpy(I8_4), linalg.tensor([0, -1, 2 ** 53, 7], [4]));
  assert.deepEqual(readNpy(U1_SCALAR), linalg.scalar(200));
  assert.deepEqual(npyHeader(F8_2x3), { version: [1, 0], dtype: '<f8', fortranOrder: false, shape: [2, 3], dataOffset: 128 });
});

const SPECIAL = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, -2.2250738585072014e-308, Number.MAX_VALUE, Math.PI];

property('a float64 tensor of any rank round-trips through writeNpy and readNpy bit for bit', (rng) => {
  const shape = Array.from({ length: rng.int(0, 4) }, () => rng.int(0, 5));
  const size = shape.reduce((a, b) => a * b, 1);
  const data = Float64Array.from({ length: size }, () => (rng.uniform() < 0.3 ? SPECIAL[rng.int(0, SPECIAL.length)]! : rng.normal() * 10 ** rng.int(-300, 300)));
  return { shape, data };
}, (t) => {
  const bytes = writeNpy(t), back = readNpy(bytes);
  assert.deepEqual(back.shape, t.shape);
  assertSameBits(back.data, t.data, 'round trip');
  assert.equal(npyHeader(bytes).dataOffset % 64, 0, 'the data starts on a 64-byte boundary');
});

property('integer tensors round-trip through every integer dtype', (rng) => {
  const [dtype, low, high] = ([['<i8', -(2 ** 53), 2 ** 53], ['<i4', -(2 ** 31), 2 ** 31], ['<i2', -32768, 32768], ['|i1', -128, 128],
    ['<u8', 0, 2 ** 53], ['<u4', 0, 2 ** 32], ['<u2', 0, 65536], ['|u1', 0, 256]] as const)[rng.int(0, 8)]!;
  const n = rng.int(0, 20);
  const draw = (): number => low + Math.floor(rng.uniform() * (high - low));
  return { dtype: dtype as NpyWriteDtype, t: linalg.tensor(Array.from({ length: n }, (_, i) => (i === 0 ? low : i === 1 ? high - 1 : draw())), [n]) };
}, ({ dtype, t }) => {
  const bytes = writeNpy(t, { dtype });
  assert.equal(npyHeader(bytes).dtype, dtype);
  assert.deepEqual(readNpy(bytes), t);
});

/** A .npy file with the given header dict text and data bytes, version 1.0, padded as numpy pads. */
function file(dict: string, data: readonly number[], version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12;
  const pad = 64 - ((prefix + dict.length + 1) % 64);
  const header = dict + ' '.repeat(pad) + '\n';
  const bytes = new Uint8Array(prefix + header.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(bytes.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[prefix + i] = header.charCodeAt(i);
  bytes.set(data, prefix + header.length);
  return bytes;
}

test('readNpy reads big-endian, float32, 2-byte integers, versions 2.0 and 3.0, and headers without spare spaces', () => {
  // 1.0 big-endian is 3f f0 00 … 00; −2 as '>i2' is ff fe; 1.5 as '<f4' is 00 00 c0 3f
  assert.deepEqual(readNpy(file("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", [0x3f, 0xf0, 0, 0, 0, 0, 0, 0])), linalg.tensor([1], [1]));
  assert.deepEqual(readNpy(file("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", [0xff, 0xfe, 0x01, 0x00])), linalg.tensor([-2, 256], [2]));
  assert.deepEqual(readNpy(file("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", [0, 0, 0xc0, 0x3f])), linalg.tensor([1.5], [1, 1]));
  assert.deepEqual(readNpy(file("{'descr': '<u2', 'fortran_order': False, 'shape': (1,), }", [0xff, 0xff], 2)), linalg.tensor([65535], [1]));
  assert.deepEqual(readNpy(file("{'shape': (1,), \"fortran_order\": False, 'descr': '|i1'}", [0x80], 3)), linalg.tensor([-128], [1]));
});

test('readNpy: Fortran order and unsupported dtypes are ValueErrors naming the header field', () => {
  const fortran = file("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", new Array<number>(32).fill(0));
  assert.throws(() => readNpy(fortran), (e: unknown) => e instanceof ValueError && /readNpy: header field 'fortran_order' is True/.test(e.message));
  assert.equal(npyHeader(fortran).fortranOrder, true);
  for (const descr of ['<c16', '|b1', '<U3', '|O', '<f2', '|i8']) {
    const bad = file(`{'descr': '${descr}', 'fortran_order': False, 'shape': (0,), }`, []);
    assert.throws(() => readNpy(bad), (e: unknown) => e instanceof ValueError && e.message.startsWith(`readNpy: header field 'descr' is '${descr}', an unsupported dtype`), descr);
  }
  const structured = file("{'descr': [('x', '<i4'), ('y', '<f8')], 'fortran_order': False, 'shape': (0,), }", []);
  assert.throws(() => readNpy(structured), /header field 'descr' is \[\('x', '<i4'\), \('y', '<f8'\)\], an unsupported dtype/);
});

test('readNpy: a bad magic, version, header or data length is a ValueError', () => {
  assert.throws(() => readNpy(new Uint8Array([1, 2, 3])), /readNpy: not a .npy file/);
  const v4 = Uint8Array.from(F8_2x3);
  v4[6] = 4;
  assert.throws(() => readNpy(v4), /readNpy: .npy version 4.0 is not supported/);
  assert.throws(() => readNpy(F8_2x3.subarray(0, 170)), /needs 48 bytes of data, the file has 42/);
  assert.throws(() => readNpy(F8_2x3.subarray(0, 100)), /the header says 118 bytes/);
  assert.throws(() => readNpy(file("{'descr': '<f8', 'shape': (1,), }", [])), /the header has no field 'fortran_order'/);
  assert.throws(() => readNpy(file("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", [])), /unknown field 'x'/);
  assert.throws(() => readNpy(file("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", [])), /header field 'shape' must be a tuple of integers ≥ 0/);
  assert.throws(() => readNpy(file("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", [])), /'fortran_order' must be True or False/);
  assert.throws(() => readNpy(file("{'descr': '<f8' 'fortran_order': False}", [])), /not a valid dict literal/);
  const huge = file("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0, 0, 0, 0x40, 0]);
  assert.throws(() => readNpy(huge), /item 0 is 18014398509481984, beyond ±2⁵³/);
});

test('writeNpy: an integer dtype needs integers in its range', () => {
  assert.throws(() => writeNpy(linalg.tensor([1, 2.5], [2]), { dtype: '<i4' }), /writeNpy: entry 1 is 2.5, not an integer in the range of <i4/);
  assert.throws(() => writeNpy(linalg.tensor([256], [1]), { dtype: '|u1' }), /entry 0 is 256/);
  assert.throws(() => writeNpy(linalg.tensor([-1], [1]), { dtype: '<u8' }), /entry 0 is -1/);
});

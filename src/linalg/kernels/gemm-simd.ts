/**
 * The blocked GEMM's macro-kernel in WebAssembly SIMD: the 4×4 register
 * tile of `microKernel` (gemm-micro.ts), with each instruction working on
 * two doubles at once (f64x2), run over every tile of one packed block.
 *
 *   Ĉ[4×4] ← α·Ã[4×kc]·B̃[kc×4] + β·Ĉ[4×4]   for every slab of Ã and of B̃ in the block
 *
 * Ĉ is a scratch block in the module's memory: gemm-micro's `macroKernel`
 * copies the block of C into it (when β ≠ 0) and back afterwards, whole
 * rows at a time, so the module never needs the caller's arrays.
 *
 * The loop over one tile, in the notation of the WebAssembly text format
 * (the eight accumulators c_r,01 and c_r,23 hold row r of the tile, two
 * columns each; the slabs are laid out as in gemm-micro's `packSlabs`,
 * step p of a slab holding 4 values of Ã and 4 of B̃):
 *
 *   c ← 0
 *   for p = 0 … kc−1:
 *     b01 ← v128.load(B̃ + 4p),  b23 ← v128.load(B̃ + 4p + 2)
 *     for r = 0 … 3:
 *       a ← v128.load64_splat(Ã + 4p + r)                     (Ã_rp in both lanes)
 *       c_r,01 ← f64x2.add(c_r,01, f64x2.mul(a, b01))
 *       c_r,23 ← f64x2.add(c_r,23, f64x2.mul(a, b23))
 *   Ĉ[r, 0…3] ← α·(c_r,01, c_r,23) + β·Ĉ[r, 0…3]  for r = 0 … 3   (α·c when β = 0)
 *
 * Why WebAssembly? V8 compiles JavaScript to scalar code only, and each
 * typed-array load carries an index and bounds check; that is what holds
 * the JavaScript micro-kernel at about 95 instructions per step (see
 * gemm.ts). Here one step is 6 loads, 8 multiplies and 8 adds on pairs of
 * doubles, plus the loop: about 25 instructions for the same 32 flops, and
 * on 64-bit hosts V8 guards WebAssembly memory with unmapped pages instead
 * of a compare per load. Measured on this project's shared 2-core machine
 * (Node 20), n = 1024, in the same runs: 6.9–8.5 GFLOP/s against 2.5–3.0
 * for the JavaScript kernel (`npm run bench -- matmul` prints both). In a
 * prototype, unrolling the p loop by 2 or 4 was slower (5.6–7.6 against
 * 8.3–10.2 for the plain loop), and tiles of 6×4, 4×6, 8×4 and 4×8 were
 * no faster than 4×4, which also keeps the packing shared with the
 * JavaScript kernel. Applying α and β here rather than in a JavaScript
 * loop over C saves about 3 ns per entry of C and block of the sum.
 *
 * Same bits as the JavaScript kernel: f64x2.mul and f64x2.add round each
 * lane exactly as the scalar * and + do (IEEE 754 binary64, round to
 * nearest even; there is no fused multiply-add in WebAssembly's SIMD), each
 * lane adds its products in the order p = 0, 1, …, kc−1 from 0, and α·s,
 * β·c and their sum are rounded once each, as in `alpha * s + beta * c`.
 * (NaN payloads are not part of the contract: a NaN stays a NaN.)
 *
 * Memory: the module defines one linear memory of `memoryPages` pages of
 * 64 KiB and never grows it, holding Ã (MC·KC doubles) at byte 0, B̃
 * (KC·NC) after it and Ĉ (MC·NC, rows of NC) after that; `packA` and
 * `packB` write Ã and B̃ through Float64Array views of it.
 *
 * The module is assembled below from that listing, byte by byte, when this
 * file loads (under 1 KiB; no binary file, no build step, no dependency).
 * Where WebAssembly or its SIMD is missing (an old engine, a page whose
 * content security policy forbids compiling), or the host is big-endian
 * (typed-array views would misread the little-endian memory),
 * `instantiateSimdKernel` returns null and gemm keeps to the JavaScript
 * micro-kernel, which gives the same bits. Each thread (each worker of the
 * pool) has its own instance.
 */

/** Pages of 64 KiB that hold Ã, B̃ and Ĉ for blocks of MC × KC × NC. */
export function memoryPages(MC: number, KC: number, NC: number): number {
  return Math.ceil(((MC * KC + KC * NC + MC * NC) * 8) / 65536);
}

// ---------------------------------------------------------------------------
// A minimal WebAssembly assembler: the binary format's encodings, by name.

/** Unsigned LEB128: 7 bits per byte, low bits first, high bit set on all but the last. */
function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128 (for i32.const): stop once the rest is the sign extension of bit 6. */
function signed(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

/** A vector: its length, then its items. */
function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

/** A section: its id, its size in bytes, its content. */
function section(id: number, content: number[]): number[] {
  return [id, ...unsigned(content.length), ...content];
}

/** A name: its UTF-8 bytes as a vector (the names here are ASCII). */
function name(text: string): number[] {
  return vector([...text].map((ch) => [ch.charCodeAt(0)]));
}

const I32 = 0x7f, F64 = 0x7c, V128 = 0x7b; // value types
const EMPTY = 0x40;            // block type: no result

const localGet = (i: number) => [0x20, ...unsigned(i)];
const localSet = (i: number) => [0x21, ...unsigned(i)];
const localTee = (i: number) => [0x22, ...unsigned(i)];
const i32Const = (v: number) => [0x41, ...signed(v)];
const I32_ADD = 0x6a, I32_MUL = 0x6c, I32_NE = 0x47, I32_LT_U = 0x49;
const F64_EQ = 0x61;
const f64Const = (v: number) => { // f64.const: the IEEE 754 bytes, little-endian
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, v, true);
  return [0x44, ...bytes];
};
const LOOP = [0x03, EMPTY], IF = [0x04, EMPTY], ELSE = 0x05, END = 0x0b;
const brIf = (depth: number) => [0x0d, ...unsigned(depth)];

// SIMD instructions: the prefix 0xfd, then the opcode as unsigned LEB128;
// a memory access then names its alignment (log₂ bytes) and a constant byte offset.
const simd = (opcode: number) => [0xfd, ...unsigned(opcode)];
const v128Load = (offset: number) => [...simd(0x00), 4, ...unsigned(offset)];
const v128Load64Splat = (offset: number) => [...simd(0x0a), 3, ...unsigned(offset)];
const v128Store = (offset: number) => [...simd(0x0b), 4, ...unsigned(offset)];
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)]; // v128.const 0
const F64X2_SPLAT = simd(0x14), F64X2_ADD = simd(0xf0), F64X2_MUL = simd(0xf2);

/**
 * The module: memory "memory" and function "block"(mcPad, ncPad, kc, α, β),
 * which, for packed blocks of mcPad rows of Ã and ncPad columns of B̃
 * (multiples of 4, at least 4, at most MC and NC; 1 ≤ kc ≤ KC: each loop
 * tests its condition at its end, so kc = 0 would run past Ã), overwrites
 * Ĉ[0…mcPad−1, 0…ncPad−1] with
 *
 *   Ĉ_ij ← α·s_ij + β·Ĉ_ij     (α·s_ij when β = 0: Ĉ is then not read)
 *
 * (the caller has copied the block of C into Ĉ when β ≠ 0), walking the
 * tiles as the JavaScript macro-loop does: slab jr of B̃ outside, slab ir
 * of Ã inside. α·s, β·Ĉ and their sum are each rounded once, lane by lane,
 * exactly as the JavaScript expression alpha * s + beta * c.
 */
export function simdKernelModule(MC: number, KC: number, NC: number): Uint8Array {
  const baseA = 0, baseB = MC * KC * 8, baseC = (MC * KC + KC * NC) * 8; // byte addresses
  // Locals: the five parameters, seven i32 counters and pointers, then v128 registers.
  const MC_PAD = 0, NC_PAD = 1, KC_ = 2, ALPHA = 3, BETA = 4;
  const JR = 5, IR = 6, IA = 7, IB = 8, END_A = 9, IC = 10, BETA_ZERO = 11;
  const B01 = 12, B23 = 13, A = 14, ALPHA2 = 15, BETA2 = 16, ACC = 17; // ACC + 2r: c_r,01; ACC + 2r + 1: c_r,23
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => { for (const part of parts) code.push(...[part].flat()); };

  emit(localGet(ALPHA), F64X2_SPLAT, localSet(ALPHA2)); // (α, α)
  emit(localGet(BETA), F64X2_SPLAT, localSet(BETA2));   // (β, β)
  emit(localGet(BETA), f64Const(0), F64_EQ, localSet(BETA_ZERO));
  emit(i32Const(0), localSet(JR));
  emit(LOOP); // for jr = 0, 4, … < ncPad
  emit(i32Const(0), localSet(IR));
  emit(LOOP); //   for ir = 0, 4, … < mcPad
  for (let r = 0; r < 8; r++) emit(V128_ZERO, localSet(ACC + r));
  // ia = Ã + ir·kc doubles, endA = ia + 4·kc doubles, ib = B̃ + jr·kc doubles
  emit(localGet(IR), localGet(KC_), I32_MUL, i32Const(8), I32_MUL, i32Const(baseA), I32_ADD, localTee(IA));
  emit(localGet(KC_), i32Const(32), I32_MUL, I32_ADD, localSet(END_A));
  emit(localGet(JR), localGet(KC_), I32_MUL, i32Const(8), I32_MUL, i32Const(baseB), I32_ADD, localSet(IB));
  emit(LOOP); //     for p = 0 … kc−1 (ia steps by 4 doubles until endA)
  emit(localGet(IB), v128Load(0), localSet(B01));
  emit(localGet(IB), v128Load(16), localSet(B23));
  for (let r = 0; r < 4; r++) {
    emit(localGet(IA), v128Load64Splat(8 * r), localSet(A));
    emit(localGet(A), localGet(B01), F64X2_MUL, localGet(ACC + 2 * r), F64X2_ADD, localSet(ACC + 2 * r));
    emit(localGet(A), localGet(B23), F64X2_MUL, localGet(ACC + 2 * r + 1), F64X2_ADD, localSet(ACC + 2 * r + 1));
  }
  emit(localGet(IB), i32Const(32), I32_ADD, localSet(IB));
  emit(localGet(IA), i32Const(32), I32_ADD, localTee(IA), localGet(END_A), I32_NE, brIf(0));
  emit(END);
  // ic = Ĉ + (ir·NC + jr) doubles; row r of the tile at ic + r·NC doubles, two columns per v128
  emit(localGet(IR), i32Const(NC), I32_MUL, localGet(JR), I32_ADD, i32Const(8), I32_MUL, i32Const(baseC), I32_ADD, localSet(IC));
  emit(localGet(BETA_ZERO), IF); // β = 0: Ĉ ← α·s
  for (let v = 0; v < 8; v++) {
    const offset = (v >> 1) * NC * 8 + (v & 1) * 16;
    emit(localGet(IC), localGet(ALPHA2), localGet(ACC + v), F64X2_MUL, v128Store(offset));
  }
  emit(ELSE); //                   else: Ĉ ← α·s + β·Ĉ
  for (let v = 0; v < 8; v++) {
    const offset = (v >> 1) * NC * 8 + (v & 1) * 16;
    emit(localGet(IC), localGet(ALPHA2), localGet(ACC + v), F64X2_MUL);
    emit(localGet(BETA2), localGet(IC), v128Load(offset), F64X2_MUL, F64X2_ADD, v128Store(offset));
  }
  emit(END);
  emit(localGet(IR), i32Const(4), I32_ADD, localTee(IR), localGet(MC_PAD), I32_LT_U, brIf(0));
  emit(END);
  emit(localGet(JR), i32Const(4), I32_ADD, localTee(JR), localGet(NC_PAD), I32_LT_U, brIf(0));
  emit(END);
  emit(END); // end of the function body

  const locals = vector([[...unsigned(7), I32], [...unsigned(5 + 8), V128]]);
  const body = [...locals, ...code];
  const params = vector([[I32], [I32], [I32], [F64], [F64]]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,                    // "\0asm", version 1
    ...section(1, vector([[0x60, ...params, ...vector([])]])),          // type 0: (i32 i32 i32 f64 f64) → ()
    ...section(3, vector([unsigned(0)])),                               // function 0 has type 0
    ...section(5, vector([[0x00, ...unsigned(memoryPages(MC, KC, NC))]])), // one memory, fixed minimum
    ...section(7, vector([[...name('block'), 0x00, 0], [...name('memory'), 0x02, 0]])), // exports
    ...section(10, vector([[...unsigned(body.length), ...body]])),     // code
  ]);
}

// ---------------------------------------------------------------------------
// Instantiation, or null where WebAssembly SIMD is not available.

/** The part of the WebAssembly API used here (typed locally: linalg compiles without DOM or Node types). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** A ready kernel: the function and views of its memory. */
export interface SimdKernel {
  /**
   * Ĉ ← α·ÃB̃ + β·Ĉ (α·ÃB̃ when β = 0) for packed blocks of mcPad × kc (Ã)
   * and kc × ncPad (B̃); mcPad, ncPad multiples of 4 in [4, MC] and [4, NC], 1 ≤ kc ≤ KC.
   */
  block: (mcPad: number, ncPad: number, kc: number, alpha: number, beta: number) => void;
  packedA: Float64Array;
  packedB: Float64Array;
  /** Ĉ, MC rows of NC. */
  blockC: Float64Array;
}

/** Does this host store a double's low byte first (as WebAssembly memory does)? */
function hostIsLittleEndian(): boolean {
  return new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f; // 1.0 = 0x3ff0000000000000
}

/** The global WebAssembly object, or null where this engine has none. */
export function globalWasm(): WasmApi | null {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly ?? null;
}

/**
 * Assemble, validate and instantiate the kernel for blocks of MC × KC × NC
 * (MC and NC multiples of 4) with `api` (normally `globalWasm()`); null
 * when `api` is null, rejects the module (an engine without SIMD), or
 * throws (compiling forbidden), and for sizes the loops cannot tile.
 */
export function instantiateSimdKernel(MC: number, KC: number, NC: number, api: WasmApi | null): SimdKernel | null {
  // WebAssembly memory is little-endian and the Float64Array views use the
  // host's byte order, so on a big-endian host the views would misread it.
  if (api === null || !hostIsLittleEndian()) return null;
  if (MC % 4 !== 0 || NC % 4 !== 0 || KC < 1) return null; // the loops step by whole tiles
  try {
    const bytes = simdKernelModule(MC, KC, NC);
    if (!api.validate(bytes)) return null;
    const exports = new api.Instance(new api.Module(bytes), {}).exports;
    const buffer = (exports.memory as { buffer: ArrayBuffer }).buffer;
    return {
      block: exports.block as SimdKernel['block'],
      packedA: new Float64Array(buffer, 0, MC * KC),
      packedB: new Float64Array(buffer, MC * KC * 8, KC * NC),
      blockC: new Float64Array(buffer, (MC * KC + KC * NC) * 8, MC * NC),
    };
  } catch {
    return null;
  }
}

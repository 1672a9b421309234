/**
 * The DNA alphabet and the one rule by which every function of data/ reads
 * a sequence (EQ-DATA-01, EQ-DATA-02, EQ-DATA-04):
 *
 *   A, C, G, T   the four bases, in either case: 'acgt' reads as 'ACGT'
 *                (the lecture's FASTA example is lower case);
 *   N            an unknown base (either case): a k-mer window that holds
 *                one is skipped, and its one-hot row is all zeros;
 *   anything else (IUPAC codes such as R or Y, U, digits, spaces, '-'):
 *                an error naming the character and its position, unless
 *                `invalid: 'N'` is given, which reads it as N.
 *
 * Internally a sequence is a Uint8Array of codes A = 0, C = 1, G = 2,
 * T = 3, N = 4, so that the complement of a base b is 3 − b and the
 * lexicographic order of k-mers is the order of their base-4 numbers.
 *
 *   reverse complement:  rc(s)ᵢ = complement(s_{L−1−i}),  A ↔ T, C ↔ G, N ↔ N
 */
import { ArgumentTypeError, ValueError, assertOneOf, assertOptions, describeValue } from '../errors/index.js';

/** The four bases in the library's canonical (lexicographic) order. */
export const BASES = 'ACGT';

/** The code of N in an encoded sequence. */
export const N_CODE = 4;

/** How a character outside ACGTN is read: an error (default) or an unknown base N. */
export type InvalidBase = 'error' | 'N';

/** Options shared by the functions that read a sequence. */
export interface SequenceOptions {
  /** A character outside A, C, G, T, N (either case): 'error' (default) or 'N'. */
  invalid?: InvalidBase;
}

/** code of each char code 0 … 127: 0–3 for ACGT, 4 for N, 255 for anything else. */
const CODE = new Uint8Array(128).fill(255);
for (const [i, base] of [...'ACGTN'].entries()) {
  CODE[base.charCodeAt(0)] = i;
  CODE[base.toLowerCase().charCodeAt(0)] = i;
}

/** The options' `invalid`, checked (internal: `o` is a checked options object). */
export function invalidOption(o: SequenceOptions, where: string): InvalidBase {
  return o.invalid === undefined ? 'error' : assertOneOf(o.invalid, ['error', 'N'], 'options.invalid', where);
}

/** A string argument, or an ArgumentTypeError naming it. */
export function assertString(x: unknown, name: string, where: string): asserts x is string {
  if (typeof x !== 'string') throw new ArgumentTypeError(`${where}: ${name} must be a string, got ${describeValue(x)}`);
}

/** Describes a character for a message: 'x', or its code point when it does not print. */
export function showChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code > 32 && code < 127 ? `'${c}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Encodes `s` into codes 0–4 (internal: `s` is a string). A character
 * outside ACGTN throws a ValueError whose message is `${where}: ${context}`
 * plus the character and its 1-based position, or becomes N under 'N'.
 */
export function encodeBases(s: string, invalid: InvalidBase, where: string, context = 'sequence'): Uint8Array {
  const codes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const code = c < 128 ? CODE[c]! : 255;
    if (code === 255) {
      if (invalid === 'error') {
        throw new ValueError(`${where}: ${context} has ${showChar(s[i]!)} at position ${i + 1}, which is not a DNA base (A, C, G, T or N, either case); pass { invalid: 'N' } to read it as N`);
      }
      codes[i] = N_CODE;
    } else {
      codes[i] = code;
    }
  }
  return codes;
}

/** The string of codes 0–4 (internal). */
export function decodeBases(codes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < codes.length; i++) s += 'ACGTN'[codes[i]!]!;
  return s;
}

/**
 * The sequence in the library's normal form: upper case, with any
 * character outside ACGTN an error (default) or N (`invalid: 'N'`).
 *
 *   normalizeDNA('acgTn') === 'ACGTN'
 */
export function normalizeDNA(sequence: string, options?: SequenceOptions): string {
  const where = 'normalizeDNA';
  assertString(sequence, 'sequence', where);
  const o = assertOptions(options, ['invalid'], where);
  return decodeBases(encodeBases(sequence, invalidOption(o, where), where));
}

/**
 * The reverse complement rc(s)ᵢ = complement(s_{L−1−i}) with A ↔ T, C ↔ G
 * and N ↔ N, in upper case (the strand read 5′→3′ on the other side).
 * rc(rc(s)) is the normal form of s.
 *
 *   reverseComplement('AACGn') === 'NCGTT'
 */
export function reverseComplement(sequence: string, options?: SequenceOptions): string {
  const where = 'reverseComplement';
  assertString(sequence, 'sequence', where);
  const o = assertOptions(options, ['invalid'], where);
  const codes = encodeBases(sequence, invalidOption(o, where), where);
  const L = codes.length, rc = new Uint8Array(L);
  for (let i = 0; i < L; i++) {
    const b = codes[L - 1 - i]!;
    rc[i] = b === N_CODE ? N_CODE : 3 - b;
  }
  return decodeBases(rc);
}

/**
 * Reference routes for the data specs, written as plainly as possible and
 * independently of src/data/: random DNA, the reverse complement by a
 * lookup of letters, and k-mer counts by slicing every window.
 */
import type { Rng } from '../../src/random/index.js';

/** A random DNA string of length L over ACGT, with N at rate `nRate` and lower case at rate `lowerRate`. */
export function randomDNA(rng: Rng, L: number, nRate = 0, lowerRate = 0): string {
  let s = '';
  for (let i = 0; i < L; i++) {
    const c = rng.uniform() < nRate ? 'N' : 'ACGT'[rng.int(0, 4)]!;
    s += rng.uniform() < lowerRate ? c.toLowerCase() : c;
  }
  return s;
}

const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', N: 'N' };

/** The reverse complement, letter by letter (upper case). */
export function naiveReverseComplement(s: string): string {
  return [...s.toUpperCase()].reverse().map((c) => COMPLEMENT[c]!).join('');
}

/** Every k-mer of ACGT in lexicographic order, by nested loops over the letters. */
export function allKmers(k: number): string[] {
  let words = [''];
  for (let i = 0; i < k; i++) words = words.flatMap((w) => [...'ACGT'].map((b) => w + b));
  return words;
}

/** Counts of each window s[i .. i+k−1] without N (upper-cased), keyed by the window, or by min(w, rc(w)) when canonical. */
export function naiveKmerCounts(s: string, k: number, canonical = false): Map<string, number> {
  const counts = new Map<string, number>();
  const upper = s.toUpperCase();
  for (let i = 0; i + k <= upper.length; i++) {
    let w = upper.slice(i, i + k);
    if (w.includes('N')) continue;
    if (canonical) {
      const rc = naiveReverseComplement(w);
      if (rc < w) w = rc;
    }
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

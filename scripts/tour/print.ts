/**
 * How the tour prints a result: the equation's ID, what was computed, and
 * beneath it the source file to read and the spec that proves it.
 *
 *   EQ-LINALG-05       SVD of a centred 200×4 data matrix: σ = […]
 *                      read src/linalg/svd.ts · proven in spec/linalg/svd.test.ts
 *
 * spec/tour.test.ts runs the tour and checks that each file exists and that
 * the spec's test names carry the ID. The IDs printed are kept for the
 * tour's summary table (`takePrinted`).
 */

/** Where to read and where the proof is, as repository paths. */
export interface Pointer {
  readonly read: string;
  readonly spec: string;
}

/** Where the text after an ID starts: the longest ID (EQ-UNSUPERVISED-08, 18 characters) and a space. */
export const INDENT = 19;

const printed: string[] = [];

/** The equation IDs printed since the last call, in order (the tour's summary counts them per chapter). */
export function takePrinted(): string[] {
  return printed.splice(0);
}

/** Prints `text` (one line, or several indented beneath the first) after `id`, then the pointer line. */
export function result(id: string, text: string | readonly string[], pointer: Pointer): void {
  const [first = '', ...rest] = typeof text === 'string' ? [text] : text;
  printed.push(id);
  console.log(`${id.padEnd(INDENT - 1)} ${first}`); // at least one space after a long ID
  for (const line of rest) console.log(`${' '.repeat(INDENT + 2)}${line}`);
  console.log(`${' '.repeat(INDENT)}read ${pointer.read} · proven in ${pointer.spec}`);
}

/**
 * random — the seeded generator (`Rng`, xoshiro128**) through which every
 * random draw of the library passes. Imports only the ground floor:
 * `errors/` (the typed errors it throws) and `math/` (ln and cos for normal).
 */
export { Rng } from './rng.js';
export type { Weights } from './rng.js';

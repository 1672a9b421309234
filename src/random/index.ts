/**
 * random — the seeded generator (`Rng`, xoshiro128**) through which every
 * random draw of the library passes. Imports only the ground floor
 * (`errors/`), whose typed errors it throws.
 */
export { Rng } from './rng.js';
export type { Weights } from './rng.js';

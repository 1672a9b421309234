/**
 * random — the seeded generator (`Rng`, xoshiro128**) through which every
 * random draw of the library passes. Imports nothing.
 */
export { Rng } from './rng.js';

/**
 * The tour of the lectures (`npm start`): each section runs one lecture's
 * equations on small seeded examples and prints what they show. Sections
 * live in scripts/tour/, one per library module, in the order the lectures
 * teach them.
 */
import { tour as linalgTour } from './tour/linalg.js';
import { tour as autodiffTour } from './tour/autodiff.js';

const sections: [string, () => void][] = [
  ['Linear algebra: products, norms, decompositions', linalgTour],
  ['Automatic differentiation: gradients, backpropagation, vanishing gradients', autodiffTour],
];

const started = Date.now();
for (const [title, run] of sections) {
  console.log(`\n=== ${title} ===`);
  run();
}
console.log(`\nTour finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

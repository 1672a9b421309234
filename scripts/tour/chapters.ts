/**
 * The tour's chapters: one line per chapter file of this folder. A new
 * chapter is a file that exports `chapter = defineChapter({ … })`
 * (chapter.ts) and one line here; its `order` places it in the tour, so
 * the lines may come in any order. spec/tour.test.ts fails when a file of
 * this folder declares a chapter that is not listed here.
 */
export { chapter as linalg } from './linalg.js';
export { chapter as dna } from './dna.js';
export { chapter as curse } from './curse.js';
export { chapter as autodiff } from './autodiff.js';
export { chapter as neural } from './neural.js';
export { chapter as datasets } from './datasets.js';
export { chapter as optimizers } from './optimizers.js';
export { chapter as optimizerRace } from './optimizer-race.js';
export { chapter as regularizers } from './regularizers.js';
export { chapter as linear } from './linear.js';
export { chapter as trees } from './trees.js';
export { chapter as bayes } from './bayes.js';
export { chapter as sequences } from './sequences.js';
export { chapter as metrics } from './metrics.js';
export { chapter as unsupervised } from './unsupervised.js';
export { chapter as genotypes } from './genotypes.js';
export { chapter as cnn } from './cnn.js';
export { chapter as sequenceModels } from './sequence-models.js';

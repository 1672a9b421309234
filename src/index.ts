/**
 * The library's root: one namespace per module. Each module is also its own
 * subpath export (`<package>/linalg`, …) and can be vendored as a folder.
 */
export * as errors from './errors/index.js';
export * as math from './math/index.js';
export * as random from './random/index.js';
export * as linalg from './linalg/index.js';
export * as autodiff from './autodiff/index.js';
export * as layers from './layers/index.js';
export * as losses from './losses/index.js';
export * as optimizers from './optimizers/index.js';
export * as regularizers from './regularizers/index.js';
export * as trees from './trees/index.js';
export * as bayes from './bayes/index.js';
export * as metrics from './metrics/index.js';
export * as unsupervised from './unsupervised/index.js';
export * as train from './train/index.js';
export * as linear from './linear/index.js';
export * as data from './data/index.js';

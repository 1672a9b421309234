/**
 * train — fitting models to data. The training loop (this part):
 *
 *   fit(model, loss, optimizer, { X, y }, options)   batch / stochastic / mini-batch   EQ-OPTIMIZERS-28, 29
 *   trainStep(model, loss, optimizer, X, y)          one iteration (streaming)         EQ-OPTIMIZERS-08
 *   MiniBatchSampler                                 shuffled batches per epoch        EQ-DATA-08
 *
 *   const history = fit(net, crossEntropyWithLogits, new Adam(net.parameters()), { X, y },
 *     { epochs: 10, batchSize: 64, rng: 1, validation: { X: Xv, y: yv } });
 *
 * Model selection (this part):
 *
 *   trainValTestSplit, trainTestSplit   shuffled, optionally stratified     EQ-DATA-05
 *   kFold, stratifiedKFold, crossValidate   k folds, CV score = mean        EQ-DATA-06
 *   gridSearch, randomSearch            hyperparameters by CV score
 *   takeRows                            the rows of a split or fold
 *
 * Model selection works with any estimator that has fit(X, y) and a
 * score(X, y) (or with a scoring function). Imports `random`, `linalg`,
 * `autodiff` and `optimizers`.
 *
 *   const { train, test } = trainTestSplit(n, 0.2, { rng, stratify: y });
 *   const cv = crossValidate(() => new Ridge({ alpha: 1 }), takeRows(X, train), takeRows(y, train), { folds: 5, rng });
 */
export { trainValTestSplit, trainTestSplit, takeRows } from './split.js';
export type { SplitOptions, ThreeWaySplit } from './split.js';
export { kFold, stratifiedKFold, crossValidate } from './cross-validate.js';
export type { Fold, FoldOptions, Estimator, Scoring, CrossValidateOptions, CrossValidation } from './cross-validate.js';
export { gridSearch, randomSearch } from './search.js';
export type { Grid, Space, SearchOptions, RandomSearchOptions, SearchResult } from './search.js';
export { fit, trainStep } from './fit.js';
export type { Callback, Dataset, EpochLog, FitMode, FitOptions, History, LossFunction, Metric, Model, StepLog } from './fit.js';
export { MiniBatchSampler } from './batches.js';
export type { MiniBatchOptions } from './batches.js';

/**
 * train — fitting models to data. Model selection (this part):
 *
 *   trainValTestSplit, trainTestSplit   shuffled, optionally stratified     EQ-DATA-05
 *   kFold, stratifiedKFold, crossValidate   k folds, CV score = mean        EQ-DATA-06
 *   gridSearch, randomSearch            hyperparameters by CV score
 *   takeRows                            the rows of a split or fold
 *
 * Model selection works with any estimator that has fit(X, y) and a
 * score(X, y) (or with a scoring function). Imports `random` and `linalg`.
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

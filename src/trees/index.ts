/**
 * trees — decision trees and random forests (EQ-TREES-01 … 10), CART as the
 * lecture teaches it: a hierarchy of axis-aligned questions x_f ≥ t, grown
 * greedily top-down by a splitter that scores every midpoint threshold with
 * an impurity decrease (information gain in bits, Gini gain, or variance
 * reduction), stopped by depth and size limits, pruned by cost complexity.
 *
 *   new DecisionTreeClassifier({ criterion: 'entropy', maxDepth: 3 }).fit(X, y).predict(Xtest)
 *
 * X is n×d, row-major; y holds class indices 0 … K−1 (classifiers) or reals
 * (regressors). Imports errors, random and linalg.
 */
export { entropy, gini, informationGain, giniGain, varianceReduction } from './impurity.js';
export { DecisionTreeClassifier, DecisionTreeRegressor } from './decision-tree.js';
export type {
  CostComplexityPath, DecisionTreeClassifierOptions, DecisionTreeJSON, DecisionTreeOptions, DecisionTreeRegressorOptions, MaxFeatures,
  TreeSettings,
} from './decision-tree.js';
export { RandomForestClassifier, RandomForestRegressor } from './forest.js';
export type {
  ForestSettings, RandomForestClassifierOptions, RandomForestJSON, RandomForestOptions, RandomForestRegressorOptions,
} from './forest.js';
export type { TreeArrays, TreeJSON } from './tree-arrays.js';
export type { RenderOptions } from './render.js';
export type { Criterion } from './splitter.js';

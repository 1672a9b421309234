/**
 * The contract table of trees: every runtime export of src/trees/index.ts,
 * and every method of the estimators, with bad calls and the typed error
 * each must get (spec/harness/contracts.ts checks the class, that the
 * message names the function called, and that every argument — the model
 * included — is unchanged afterwards, so a refused fit leaves the model as
 * it was). Edge cases of the issue: empty data, labels that are not class
 * indices, NaN, shapes that do not match, saved states that are not trees.
 */
import * as trees from '../../src/trees/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor, RandomForestClassifier, RandomForestRegressor } from '../../src/trees/index.js';
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError } from '../../src/errors/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall, ContractTable } from '../harness/contracts.js';
import { mat, vec } from './support.js';

type ErrorClass = BadCall['error'];
const call = (label: string, args: () => unknown[], error: ErrorClass, names?: string): BadCall =>
  names === undefined ? { label, args, error } : { label, args, error, names };

const X = () => mat([[0, 1], [1, 0], [2, 1], [3, 0]]);
const y = () => vec([0, 1, 1, 0]);
const yReal = () => vec([0.5, 1, 2, -1]);

/** The bad X of a fit (first argument after the model). */
const badFitX = (make: () => unknown, target: () => Tensor): BadCall[] => [
  call('X is a nested array', () => [make(), [[0, 1], [1, 0]], target()], ArgumentTypeError),
  call('X is a vector', () => [make(), vec([0, 1, 2, 3]), target()], ShapeError),
  call('X is empty (0 rows)', () => [make(), { shape: [0, 2], data: new Float64Array(0) }, vec([])], ValueError),
  call('X has 0 features', () => [make(), { shape: [4, 0], data: new Float64Array(0) }, target()], ValueError),
  call('X has NaN', () => [make(), mat([[0, NaN], [1, 0], [2, 1], [3, 0]]), target()], ValueError),
  call('X has ∞', () => [make(), mat([[0, Infinity], [1, 0], [2, 1], [3, 0]]), target()], ValueError),
  call('y has another length', () => [make(), X(), vec([0, 1, 1])], ShapeError),
  call('y is a column n×1', () => [make(), X(), mat([[0], [1], [1], [0]])], ShapeError),
  call('y is a nested array', () => [make(), X(), [0, 1, 1, 0]], ArgumentTypeError),
];

const badLabels = (make: () => unknown): BadCall[] => [
  call('a label 1.5', () => [make(), X(), vec([0, 1.5, 1, 0])], ValueError),
  call('a label −1', () => [make(), X(), vec([0, -1, 1, 0])], ValueError),
  call('a label NaN', () => [make(), X(), vec([0, NaN, 1, 0])], ValueError),
];

/** The bad X of predict/apply on a model fitted on 2 features. */
const badPredictX = (fitted: () => unknown, unfitted: () => unknown): BadCall[] => [
  call('not fitted', () => [unfitted(), X()], NotFittedError),
  call('X has 3 columns', () => [fitted(), mat([[0, 1, 2]])], ShapeError),
  call('X is a vector', () => [fitted(), vec([0, 1])], ShapeError),
  call('X has NaN', () => [fitted(), mat([[NaN, 1]])], ValueError),
  call('X is a nested array', () => [fitted(), [[0, 1]]], ArgumentTypeError),
];

const withCall = (calls: BadCall[], fn: (...args: any[]) => unknown): BadCall[] => calls.map((c) => ({ ...c, call: fn }));

const clf = () => new DecisionTreeClassifier();
const fittedClf = () => new DecisionTreeClassifier().fit(X(), y());
const reg = () => new DecisionTreeRegressor();
const fittedReg = () => new DecisionTreeRegressor().fit(X(), yReal());
const forest = () => new RandomForestClassifier({ nEstimators: 3 });
const fittedForest = () => new RandomForestClassifier({ nEstimators: 3 }).fit(X(), y());
const forestReg = () => new RandomForestRegressor({ nEstimators: 3 });
const fittedForestReg = () => new RandomForestRegressor({ nEstimators: 3 }).fit(X(), yReal());

/** Bad constructor options shared by trees and forests. */
const badOptions = (extra: BadCall[] = []): BadCall[] => [
  call('options is a number', () => [3], ArgumentTypeError),
  call('an unknown option', () => [{ maxDepht: 3 }], ValueError),
  call('maxDepth −1', () => [{ maxDepth: -1 }], ValueError),
  call('maxDepth 2.5', () => [{ maxDepth: 2.5 }], ValueError),
  call('maxDepth "3"', () => [{ maxDepth: '3' }], ArgumentTypeError),
  call('minSamplesSplit 1', () => [{ minSamplesSplit: 1 }], ValueError),
  call('minSamplesLeaf 0', () => [{ minSamplesLeaf: 0 }], ValueError),
  call('minImpurityDecrease −0.1', () => [{ minImpurityDecrease: -0.1 }], ValueError),
  call('maxFeatures 0', () => [{ maxFeatures: 0 }], ValueError),
  call('maxFeatures "half"', () => [{ maxFeatures: 'half' }], ValueError),
  call('rng a seed number', () => [{ rng: 7 }], ArgumentTypeError),
  ...extra,
];

/** A saved tree to corrupt: fitted on X, y. */
const savedTree = () => JSON.parse(JSON.stringify(fittedClf().toJSON())) as Record<string, any>;
const corrupt = (edit: (json: Record<string, any>) => void) => () => {
  const json = savedTree();
  edit(json);
  return [json];
};

const badSavedTrees: BadCall[] = [
  call('not an object', () => [42], ArgumentTypeError),
  call('another type', corrupt((j) => { j['type'] = 'DecisionTreeRegressor'; }), ValueError),
  call('bad options', corrupt((j) => { j['options']['maxDepth'] = -3; }), ValueError),
  call('bad rngState', corrupt((j) => { j['rngState'] = [1, 2, 3]; }), ValueError),
  call('a child before its parent (a cycle)', corrupt((j) => { j['fitted']['tree']['left'][0] = 0; }), ValueError),
  call('a feature out of range', corrupt((j) => { j['fitted']['tree']['feature'][0] = 5; }), ValueError),
  call('arrays of different lengths', corrupt((j) => { j['fitted']['tree']['threshold'].pop(); }), ShapeError),
  call('an internal node with threshold NaN', corrupt((j) => { j['fitted']['tree']['threshold'][0] = 'NaN'; }), ValueError),
  call('value of the wrong shape', corrupt((j) => { j['fitted']['tree']['value']['shape'] = [1, 2]; }), ShapeError),
  call('a node with two parents', corrupt((j) => {
    const t = j['fitted']['tree'];
    t['right'][0] = t['left'][0];
  }), ValueError),
  call('a leaf with a child', corrupt((j) => {
    const t = j['fitted']['tree'];
    const leaf = (t['feature'] as number[]).indexOf(-1);
    t['left'][leaf] = leaf + 1;
  }), ValueError),
  call('nOutputs not an integer', corrupt((j) => { j['fitted']['nOutputs'] = 'two'; }), ArgumentTypeError),
  call('a child pointing back to the root (a walk would never end)', corrupt((j) => {
    j['fitted']['tree'] = {
      feature: [0, -1, 1, -1], threshold: [1, 'NaN', 0.5, 'NaN'], left: [1, -1, 0, -1], right: [2, -1, 3, -1],
      value: { shape: [4, 2], data: [0.5, 0.5, 1, 0, 0, 1, 0, 1] }, nSamples: [4, 2, 2, 2], impurity: [0.5, 0, 0, 0],
    };
  }), ValueError),
];

const savedForest = () => JSON.parse(JSON.stringify(fittedForest().toJSON())) as Record<string, any>;
const corruptForest = (edit: (json: Record<string, any>) => void) => () => {
  const json = savedForest();
  edit(json);
  return [json];
};

const table: ContractTable = {
  entropy: [
    call('a nested array', () => [[1, 2]], ArgumentTypeError),
    call('a matrix', () => [mat([[1, 2]])], ShapeError),
    call('a negative count', () => [vec([3, -1])], ValueError),
    call('all zeros', () => [vec([0, 0])], ValueError),
    call('NaN', () => [vec([1, NaN])], ValueError),
  ],
  gini: [
    call('a number', () => [3], ArgumentTypeError),
    call('a matrix', () => [mat([[1, 2]])], ShapeError),
    call('∞', () => [vec([1, Infinity])], ValueError),
  ],
  informationGain: [
    call('a vector', () => [vec([1, 2])], ShapeError),
    call('a negative count', () => [mat([[1, 2], [-1, 0]])], ValueError),
    call('an empty table', () => [mat([[0, 0], [0, 0]])], ValueError),
  ],
  giniGain: [
    call('a nested array', () => [[[1, 2]]], ArgumentTypeError),
    call('NaN', () => [mat([[1, NaN]])], ValueError),
  ],
  varianceReduction: [
    call('y a matrix', () => [mat([[1, 2]]), vec([0, 1])], ShapeError),
    call('y empty', () => [vec([]), vec([])], ValueError),
    call('child of another length', () => [vec([1, 2]), vec([0])], ShapeError),
    call('a child index 0.5', () => [vec([1, 2]), vec([0, 0.5])], ValueError),
    call('y NaN', () => [vec([1, NaN]), vec([0, 1])], ValueError),
  ],
  DecisionTreeClassifier: badOptions([
    call('criterion mse', () => [{ criterion: 'mse' }], ValueError),
    call('nClasses 0', () => [{ nClasses: 0 }], ValueError),
  ]),
  'DecisionTreeClassifier#fit': withCall([
    ...badFitX(clf, y), ...badLabels(clf),
    call('a label ≥ nClasses', () => [new DecisionTreeClassifier({ nClasses: 2 }), X(), vec([0, 2, 1, 0])], ValueError),
    call('maxFeatures 3 of 2 features', () => [new DecisionTreeClassifier({ maxFeatures: 3 }), X(), y()], ValueError),
    call('a fitted model refits on NaN', () => [fittedClf(), mat([[NaN, 1], [1, 0], [2, 1], [3, 0]]), y()], ValueError),
  ], (m: DecisionTreeClassifier, a: Tensor, b: Tensor) => m.fit(a, b)),
  'DecisionTreeClassifier#predict': withCall(badPredictX(fittedClf, clf), (m: DecisionTreeClassifier, a: Tensor) => m.predict(a)),
  'DecisionTreeClassifier#predictProba': withCall(badPredictX(fittedClf, clf), (m: DecisionTreeClassifier, a: Tensor) => m.predictProba(a)),
  'DecisionTreeClassifier#apply': withCall(badPredictX(fittedClf, clf), (m: DecisionTreeClassifier, a: Tensor) => m.apply(a)),
  'DecisionTreeClassifier#costComplexityPruningPath': withCall([...badFitX(clf, y), ...badLabels(clf)],
    (m: DecisionTreeClassifier, a: Tensor, b: Tensor) => m.costComplexityPruningPath(a, b)),
  'DecisionTreeClassifier#toText': withCall([
    call('not fitted', () => [clf(), undefined], NotFittedError),
    call('an unknown option', () => [fittedClf(), { names: [] }], ValueError),
    call('featureNames of the wrong length', () => [fittedClf(), { featureNames: ['a'] }], ArgumentTypeError),
    call('classNames not strings', () => [fittedClf(), { classNames: [0, 1] }], ArgumentTypeError),
    call('digits 0', () => [fittedClf(), { digits: 0 }], ValueError),
  ], (m: DecisionTreeClassifier, o: never) => m.toText(o)),
  'DecisionTreeClassifier#fromJSON': withCall(badSavedTrees, (json: unknown) => DecisionTreeClassifier.fromJSON(json)),
  'DecisionTreeClassifier#tree': [call('not fitted', () => [clf()], NotFittedError)].map((c) => ({ ...c, call: (m: DecisionTreeClassifier) => m.tree })),
  'DecisionTreeClassifier#featureImportances': [{ ...call('not fitted', () => [clf()], NotFittedError), call: (m: DecisionTreeClassifier) => m.featureImportances }],
  'DecisionTreeClassifier#nFeatures': [{ ...call('not fitted', () => [clf()], NotFittedError), call: (m: DecisionTreeClassifier) => m.nFeatures }],
  'DecisionTreeClassifier#nClasses': [{ ...call('not fitted', () => [clf()], NotFittedError), call: (m: DecisionTreeClassifier) => m.nClasses }],
  'DecisionTreeClassifier#depth': [{ ...call('not fitted', () => [clf()], NotFittedError), call: (m: DecisionTreeClassifier) => m.depth }],
  'DecisionTreeClassifier#nLeaves': [{ ...call('not fitted', () => [clf()], NotFittedError), call: (m: DecisionTreeClassifier) => m.nLeaves }],
  DecisionTreeRegressor: badOptions([
    call('criterion gini', () => [{ criterion: 'gini' }], ValueError),
    call('nClasses (a classifier option)', () => [{ nClasses: 2 }], ValueError),
  ]),
  'DecisionTreeRegressor#fit': withCall([
    ...badFitX(reg, yReal),
    call('y has NaN', () => [reg(), X(), vec([0, NaN, 1, 0])], ValueError),
    call('y has ∞', () => [fittedReg(), X(), vec([0, Infinity, 1, 0])], ValueError),
  ], (m: DecisionTreeRegressor, a: Tensor, b: Tensor) => m.fit(a, b)),
  'DecisionTreeRegressor#predict': withCall(badPredictX(fittedReg, reg), (m: DecisionTreeRegressor, a: Tensor) => m.predict(a)),
  'DecisionTreeRegressor#toText': withCall([
    call('classNames on a regressor', () => [fittedReg(), { classNames: ['a'] }], ValueError),
  ], (m: DecisionTreeRegressor, o: never) => m.toText(o)),
  'DecisionTreeRegressor#fromJSON': withCall([
    call('a saved classifier', () => [savedTree()], ValueError),
    call('nOutputs 2', () => {
      const json = JSON.parse(JSON.stringify(fittedReg().toJSON()));
      json.fitted.nOutputs = 2;
      return [json];
    }, ValueError),
  ], (json: unknown) => DecisionTreeRegressor.fromJSON(json)),
  RandomForestClassifier: badOptions([
    call('nEstimators 0', () => [{ nEstimators: 0 }], ValueError),
    call('bootstrap "yes"', () => [{ bootstrap: 'yes' }], ArgumentTypeError),
    call('oob without bootstrap', () => [{ oob: true, bootstrap: false }], ValueError),
    call('ccpAlpha (a tree option)', () => [{ ccpAlpha: 0.1 }], ValueError),
  ]),
  'RandomForestClassifier#fit': withCall([...badFitX(forest, y), ...badLabels(forest)],
    (m: RandomForestClassifier, a: Tensor, b: Tensor) => m.fit(a, b)),
  'RandomForestClassifier#predict': withCall(badPredictX(fittedForest, forest), (m: RandomForestClassifier, a: Tensor) => m.predict(a)),
  'RandomForestClassifier#predictProba': withCall(badPredictX(fittedForest, forest), (m: RandomForestClassifier, a: Tensor) => m.predictProba(a)),
  'RandomForestClassifier#oobScore': [
    { ...call('not fitted', () => [forest()], NotFittedError), call: (m: RandomForestClassifier) => m.oobScore },
    { ...call('fitted without oob', () => [fittedForest()], ValueError), call: (m: RandomForestClassifier) => m.oobScore },
  ],
  'RandomForestClassifier#oobDecisionFunction': [
    { ...call('fitted without oob', () => [fittedForest()], ValueError), call: (m: RandomForestClassifier) => m.oobDecisionFunction },
  ],
  'RandomForestClassifier#estimators': [{ ...call('not fitted', () => [forest()], NotFittedError), call: (m: RandomForestClassifier) => m.estimators }],
  'RandomForestClassifier#featureImportances': [{ ...call('not fitted', () => [forest()], NotFittedError), call: (m: RandomForestClassifier) => m.featureImportances }],
  'RandomForestClassifier#fromJSON': withCall([
    call('not an object', () => ['forest'], ArgumentTypeError),
    call('another type', corruptForest((j) => { j['type'] = 'RandomForestRegressor'; }), ValueError),
    call('fewer trees than nEstimators', corruptForest((j) => { j['fitted']['trees'].pop(); }), ValueError),
    call('a tree that is not a tree', corruptForest((j) => { j['fitted']['trees'][1]['fitted']['tree']['left'][0] = 0; }), ValueError),
    call('a regression tree inside', corruptForest((j) => { j['fitted']['trees'][0] = JSON.parse(JSON.stringify(fittedReg().toJSON())); }), ValueError),
    call('a tree with other features', corruptForest((j) => { j['fitted']['nFeatures'] = 3; }), ValueError),
    call('bad options', corruptForest((j) => { j['options']['nEstimators'] = 0; }), ValueError),
  ], (json: unknown) => RandomForestClassifier.fromJSON(json)),
  RandomForestRegressor: badOptions([call('criterion entropy', () => [{ criterion: 'entropy' }], ValueError)]),
  'RandomForestRegressor#fit': withCall([...badFitX(forestReg, yReal), call('y NaN', () => [forestReg(), X(), vec([NaN, 0, 0, 0])], ValueError)],
    (m: RandomForestRegressor, a: Tensor, b: Tensor) => m.fit(a, b)),
  'RandomForestRegressor#predict': withCall(badPredictX(fittedForestReg, forestReg), (m: RandomForestRegressor, a: Tensor) => m.predict(a)),
  'RandomForestRegressor#oobPrediction': [
    { ...call('fitted without oob', () => [fittedForestReg()], ValueError), call: (m: RandomForestRegressor) => m.oobPrediction },
  ],
  'RandomForestRegressor#fromJSON': withCall([
    call('a saved classifier forest', () => [savedForest()], ValueError),
  ], (json: unknown) => RandomForestRegressor.fromJSON(json)),
};

contractSpec('trees', trees, table);

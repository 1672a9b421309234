/**
 * The contract table of linear: every export and public method with bad
 * inputs and the typed error each must get — labels or targets whose length
 * does not match the rows, NaN in the data, a single class where two are
 * needed, data of the wrong width, predict or any fitted attribute before
 * fit, bad hyperparameters, saved states that do not fit together — and
 * the arguments (a fitted model included, through its saved form) unchanged after.
 */
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import * as linear from '../../src/linear/index.js';
import { Lasso, LinearRegression, LogisticRegression, PolynomialRegression, Ridge } from '../../src/linear/index.js';
import { Rng } from '../../src/random/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall, ContractTable } from '../harness/contracts.js';

const X = (): Tensor => linalg.randn([8, 3], new Rng(4));
const y = (): Tensor => linalg.randn([8], new Rng(5));
const labels = (): Tensor => linalg.tensor([0, 1, 0, 1, 1, 0, 1, 0], [8]);
const withNaN = (): Tensor => { const t = X(); t.data[5] = NaN; return t; };

interface Model { fit(X: Tensor, y: Tensor): unknown; predict(X: Tensor): Tensor; score(X: Tensor, y: Tensor): number; toJSON(): unknown }

/** The rows every estimator shares: fit, predict, score, the fitted attributes, fromJSON. */
function estimatorRows<M extends Model>(name: string, make: () => M, target: () => Tensor, attributes: string[], fromJSON: (json: unknown) => unknown, extra: ContractTable = {}): ContractTable {
  const fitted = () => { const m = make(); m.fit(X(), target()); return m; };
  const fit = (m: M, a: Tensor, b: Tensor) => m.fit(a, b);
  const predict = (m: M, a: Tensor) => m.predict(a);
  const score = (m: M, a: Tensor, b: Tensor) => m.score(a, b);
  const table: ContractTable = {
    [`${name}#fit`]: [
      { label: 'a nested-array X', args: () => [fitted(), [[1, 2, 3]], target()], call: fit, error: ArgumentTypeError },
      { label: 'X a vector', args: () => [fitted(), linalg.ones([8]), target()], call: fit, error: ShapeError },
      { label: 'targets whose length does not match the rows', args: () => [fitted(), X(), linalg.zeros([7])], call: fit, error: ShapeError },
      { label: 'NaN in X', args: () => [fitted(), withNaN(), target()], call: fit, error: ValueError },
      { label: 'no rows', args: () => [fitted(), linalg.zeros([0, 3]), linalg.zeros([0])], call: fit, error: ValueError },
    ],
    [`${name}#predict`]: [
      { label: 'before fit', args: () => [make(), X()], call: predict, error: NotFittedError },
      { label: 'X of another width', args: () => [fitted(), linalg.ones([2, 4])], call: predict, error: ShapeError },
      { label: 'NaN in X', args: () => [fitted(), withNaN()], call: predict, error: ValueError },
    ],
    [`${name}#score`]: [
      { label: 'before fit', args: () => [make(), X(), target()], call: score, error: NotFittedError },
      { label: 'targets whose length does not match the rows', args: () => [fitted(), X(), linalg.zeros([3])], call: score, error: ShapeError },
    ],
    [`${name}#fromJSON`]: [
      { label: 'a string', args: ['{}'], call: fromJSON, error: ArgumentTypeError },
      { label: 'another type', args: () => [{ ...(fitted().toJSON() as object), type: 'KMeans' }], call: fromJSON, error: ValueError },
      { label: 'a fit whose shapes do not agree', args: () => [{ ...(fitted().toJSON() as object), fitted: { W: { shape: [3, 2], data: [0, 0, 0, 0, 0, 0] }, b: [0], vector: true, theta: { shape: [1, 1], data: [0] }, binary: true, nClasses: 2, nIter: 0, converged: true, rankDeficient: false, nFeatures: 3 } }], call: fromJSON, error: ShapeError },
    ],
    ...extra,
  };
  for (const attribute of attributes) {
    table[`${name}#${attribute}`] = [{ label: 'before fit', args: () => [make()], call: (m: M) => (m as unknown as Record<string, unknown>)[attribute], error: NotFittedError }];
  }
  return table;
}

const options = (name: string, bad: [string, unknown, typeof ValueError | typeof ArgumentTypeError][]): BadCall[] =>
  bad.map(([label, o, error]) => ({ label, args: [o], names: name, error }));

contractSpec('linear', linear as unknown as Record<string, unknown>, {
  LinearRegression: options('LinearRegression', [
    ['an unknown solver', { solver: 'sgd' }, ValueError], ['learningRate 0', { learningRate: 0 }, ValueError],
    ['maxIter 0', { maxIter: 0 }, ValueError], ['fitIntercept "yes"', { fitIntercept: 'yes' }, ArgumentTypeError], ['an unknown option', { normalize: true }, ValueError],
  ]),
  ...estimatorRows('LinearRegression', () => new LinearRegression(), y, ['coef', 'intercept', 'nIter', 'converged', 'rankDeficient'], (j) => LinearRegression.fromJSON(j)),
  Ridge: options('Ridge', [['alpha −1', { alpha: -1 }, ValueError], ['alpha NaN', { alpha: NaN }, ValueError], ['an unknown option', { lambda: 1 }, ValueError]]),
  ...estimatorRows('Ridge', () => new Ridge(), y, ['coef', 'intercept'], (j) => Ridge.fromJSON(j)),
  Lasso: options('Lasso', [['alpha −1', { alpha: -1 }, ValueError], ['tol −1', { tol: -1 }, ValueError], ['maxIter 1.5', { maxIter: 1.5 }, ValueError]]),
  ...estimatorRows('Lasso', () => new Lasso({ alpha: 0.1 }), y, ['coef', 'intercept', 'nIter', 'converged'], (j) => Lasso.fromJSON(j), {
    'Lasso#fit': [
      { label: 'a matrix target', args: () => [new Lasso(), X(), linalg.zeros([8, 2])], call: (m: Lasso, a: Tensor, b: Tensor) => m.fit(a, b), error: ShapeError },
      { label: 'NaN in y', args: () => [new Lasso(), X(), linalg.tensor([0, 0, 0, NaN, 0, 0, 0, 0], [8])], call: (m: Lasso, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
    ],
  }),
  PolynomialRegression: options('PolynomialRegression', [['degree −1', { degree: -1 }, ValueError], ['an unknown basis', { basis: 'chebyshev' }, ValueError], ['alpha −1', { alpha: -1 }, ValueError]]),
  ...estimatorRows('PolynomialRegression', () => new PolynomialRegression({ degree: 2 }), y, ['coef', 'intercept'], (j) => PolynomialRegression.fromJSON(j), {
    'PolynomialRegression#fit': [
      { label: 'too many features', args: () => [new PolynomialRegression({ degree: 40 }), linalg.ones([2, 30]), linalg.ones([2])], call: (m: PolynomialRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
      { label: 'NaN in X', args: () => [new PolynomialRegression(), withNaN(), y()], call: (m: PolynomialRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
    ],
  }),
  LogisticRegression: options('LogisticRegression', [
    ['an unknown solver', { solver: 'lbfgs' }, ValueError], ['alpha −1', { alpha: -1 }, ValueError], ['nClasses 1', { nClasses: 1 }, ValueError],
    ['multiClass "ovr"', { multiClass: 'ovr' }, ValueError], ['an unknown option', { C: 1 }, ValueError],
  ]),
  ...estimatorRows('LogisticRegression', () => new LogisticRegression(), labels, ['coef', 'intercept', 'nClasses', 'nIter', 'converged'], (j) => LogisticRegression.fromJSON(j), {
    'LogisticRegression#fit': [
      { label: 'a single class', args: () => [new LogisticRegression(), X(), linalg.zeros([8])], call: (m: LogisticRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
      { label: 'a fractional label', args: () => [new LogisticRegression(), X(), linalg.tensor([0, 1, 0.5, 1, 1, 0, 1, 0], [8])], call: (m: LogisticRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
      { label: 'a label ≥ nClasses', args: () => [new LogisticRegression({ nClasses: 2 }), X(), linalg.tensor([0, 1, 2, 1, 1, 0, 1, 0], [8])], call: (m: LogisticRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
      { label: 'labels whose length does not match the rows', args: () => [new LogisticRegression(), X(), linalg.zeros([3])], call: (m: LogisticRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ShapeError },
      { label: 'NaN in X', args: () => [new LogisticRegression(), withNaN(), labels()], call: (m: LogisticRegression, a: Tensor, b: Tensor) => m.fit(a, b), error: ValueError },
    ],
    'LogisticRegression#predictProba': [{ label: 'before fit', args: () => [new LogisticRegression(), X()], call: (m: LogisticRegression, a: Tensor) => m.predictProba(a), error: NotFittedError }],
    'LogisticRegression#decisionFunction': [{ label: 'before fit', args: () => [new LogisticRegression(), X()], call: (m: LogisticRegression, a: Tensor) => m.decisionFunction(a), error: NotFittedError }],
  }),
  polynomialFeatures: [
    { label: 'a vector', args: () => [linalg.ones([3])], error: ShapeError },
    { label: 'degree 1.5', args: () => [X(), { degree: 1.5 }], error: ValueError },
    { label: 'NaN in X', args: () => [withNaN()], error: ValueError },
    { label: 'too many features', args: () => [linalg.ones([1, 50]), { degree: 30 }], error: ValueError },
  ],
}, {
  everyMethod: true,
  exempt: {
    softThreshold: 'a scalar formula S(ρ, α) on numbers; NaN in, NaN out',
    ...Object.fromEntries(['LinearRegression', 'Ridge', 'Lasso', 'PolynomialRegression', 'LogisticRegression'].flatMap((name) => [
      [`${name}#toJSON`, 'takes no arguments and never throws'], [`${name}#fitted`, 'true or false; never throws'],
    ])),
    'LinearRegression#fitIntercept': 'an option, read back', 'LinearRegression#solver': 'an option, read back',
    'Lasso#alpha': 'an option, read back', 'Lasso#fitIntercept': 'an option, read back',
    'LogisticRegression#solver': 'an option, read back', 'LogisticRegression#alpha': 'an option, read back',
  },
});

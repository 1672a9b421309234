/**
 * The contract table of unsupervised: every export and every public method
 * with bad inputs and the typed error each must get — k larger than the
 * number of samples, more components than features, NaN in the data, data
 * of the wrong width, predict or any fitted attribute before fit, unknown
 * options, saved states that do not fit together — and the arguments (a
 * fitted model included, through its saved form) unchanged after.
 */
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import * as unsupervised from '../../src/unsupervised/index.js';
import { KMeans, PCA, StandardScaler } from '../../src/unsupervised/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';

const X = (): Tensor => linalg.randn([6, 3], new Rng(4));
const withNaN = (): Tensor => { const t = X(); t.data[4] = NaN; return t; };
const wide = (): Tensor => linalg.randn([6, 4], new Rng(5));

type Made = KMeans | PCA | StandardScaler;
/** Bad data for a method that takes X, on a fresh or a fitted model. */
const badData = <M extends Made>(make: () => M, method: (m: M, X: unknown) => unknown, fitted: boolean): BadCall[] => [
  { label: 'a nested array', args: () => [make(), [[1, 2, 3]]], call: method, error: ArgumentTypeError },
  { label: 'a vector', args: () => [make(), linalg.ones([3])], call: method, error: ShapeError },
  { label: 'NaN in X', args: () => [make(), withNaN()], call: method, error: ValueError },
  { label: 'no rows', args: () => [make(), linalg.zeros([0, 3])], call: method, error: ValueError },
  ...(fitted ? [{ label: 'X of another width', args: () => [make(), wide()], call: method, error: ShapeError }] : []),
];

const notFitted = <M>(make: () => M, read: (m: M) => unknown): BadCall[] => [
  { label: 'before fit', args: () => [make()], call: read, error: NotFittedError },
];

const kmeans = () => new KMeans({ k: 2, rng: 1 });
const kmeansFitted = () => kmeans().fit(X());
const pca = () => new PCA({ nComponents: 2 });
const pcaFitted = () => pca().fit(X());
const scaler = () => new StandardScaler();
const scalerFitted = () => scaler().fit(X());

/** A saved model with one field replaced. */
const savedWith = (saved: object, path: string[], value: unknown): unknown => {
  const copy = JSON.parse(JSON.stringify(saved)) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
};

const readOnlyOption = 'an option given to the constructor, read back; never throws';

contractSpec('unsupervised', unsupervised as unknown as Record<string, unknown>, {
  StandardScaler: [
    { label: 'an unknown option', args: [{ center: true }], error: ValueError },
    { label: 'ddof 2', args: [{ ddof: 2 }], error: ValueError },
    { label: 'withMean "yes"', args: [{ withMean: 'yes' }], error: ArgumentTypeError },
  ],
  'StandardScaler#fit': [
    ...badData(scalerFitted, (m, x) => m.fit(x as Tensor), false),
    { label: 'one sample with ddof 1', args: () => [new StandardScaler({ ddof: 1 }), linalg.ones([1, 3])], call: (m: StandardScaler, x: Tensor) => m.fit(x), error: ValueError },
  ],
  'StandardScaler#transform': [...badData(scalerFitted, (m, x) => m.transform(x as Tensor), true), ...notFitted(scaler, (m) => m.transform(X()))],
  'StandardScaler#fitTransform': badData(scalerFitted, (m, x) => m.fitTransform(x as Tensor), false),
  'StandardScaler#inverseTransform': [...badData(scalerFitted, (m, x) => m.inverseTransform(x as Tensor), true), ...notFitted(scaler, (m) => m.inverseTransform(X()))],
  'StandardScaler#mean': notFitted(scaler, (m) => m.mean),
  'StandardScaler#scale': notFitted(scaler, (m) => m.scale),
  'StandardScaler#variance': notFitted(scaler, (m) => m.variance),
  'StandardScaler#nSamples': notFitted(scaler, (m) => m.nSamples),
  'StandardScaler#fromJSON': [
    { label: 'a string', args: ['{}'], error: ArgumentTypeError },
    { label: 'another type', args: () => [{ ...scalerFitted().toJSON(), type: 'PCA' }], error: ValueError },
    { label: 'means and scales of different lengths', args: () => [savedWith(scalerFitted().toJSON(), ['fitted', 'scale'], [1])], error: ValueError },
    { label: 'a zero scale', args: () => [savedWith(scalerFitted().toJSON(), ['fitted', 'scale'], [1, 0, 1])], error: ValueError },
    { label: 'an unknown option', args: () => [savedWith(scaler().toJSON(), ['options', 'center'], true)], error: ValueError },
  ],
  KMeans: [
    { label: 'no options', args: [], error: ArgumentTypeError },
    { label: 'k 0', args: [{ k: 0 }], error: ValueError },
    { label: 'k 1.5', args: [{ k: 1.5 }], error: ValueError },
    { label: 'an unknown init', args: [{ k: 2, init: 'kmeans++' }], error: ValueError },
    { label: 'initial centroids of the wrong count', args: () => [{ k: 3, init: linalg.zeros([2, 3]) }], error: ShapeError },
    { label: 'NaN initial centroids', args: () => [{ k: 1, init: linalg.tensor([NaN], [1, 1]) }], error: ValueError },
    { label: 'nInit 3 with given centroids', args: () => [{ k: 1, init: linalg.zeros([1, 3]), nInit: 3 }], error: ValueError },
    { label: 'tol −1', args: [{ k: 2, tol: -1 }], error: ValueError },
    { label: 'maxIter 0', args: [{ k: 2, maxIter: 0 }], error: ValueError },
    { label: 'rng a string', args: [{ k: 2, rng: 'seed' }], error: ArgumentTypeError },
    { label: 'rng a fraction', args: [{ k: 2, rng: 0.5 }], error: ValueError },
    { label: 'an unknown option', args: [{ k: 2, nClusters: 2 }], error: ValueError },
  ],
  'KMeans#fit': [
    ...badData(kmeansFitted, (m, x) => m.fit(x as Tensor), false),
    { label: 'k larger than the number of samples', args: () => [new KMeans({ k: 7 }), X()], call: (m: KMeans, x: Tensor) => m.fit(x), error: ValueError },
    { label: 'fewer distinct rows than k', args: () => [kmeansFitted(), linalg.ones([6, 3])], call: (m: KMeans, x: Tensor) => m.fit(x), error: ValueError },
    { label: 'labels, which clustering does not take', args: () => [kmeansFitted(), X(), linalg.zeros([6])], call: (m: KMeans, x: Tensor, y: Tensor) => (m.fit as (a: Tensor, b: Tensor) => unknown)(x, y), error: ArgumentTypeError },
    { label: 'X narrower than the given centroids', args: () => [new KMeans({ k: 1, init: linalg.zeros([1, 4]) }), X()], call: (m: KMeans, x: Tensor) => m.fit(x), error: ShapeError },
  ],
  'KMeans#fitPredict': badData(kmeansFitted, (m, x) => m.fitPredict(x as Tensor), false),
  'KMeans#predict': [...badData(kmeansFitted, (m, x) => m.predict(x as Tensor), true), ...notFitted(kmeans, (m) => m.predict(X()))],
  'KMeans#transform': [...badData(kmeansFitted, (m, x) => m.transform(x as Tensor), true), ...notFitted(kmeans, (m) => m.transform(X()))],
  'KMeans#score': [...badData(kmeansFitted, (m, x) => m.score(x as Tensor), true), ...notFitted(kmeans, (m) => m.score(X()))],
  'KMeans#centroids': notFitted(kmeans, (m) => m.centroids),
  'KMeans#labels': notFitted(kmeans, (m) => m.labels),
  'KMeans#inertia': notFitted(kmeans, (m) => m.inertia),
  'KMeans#nIter': notFitted(kmeans, (m) => m.nIter),
  'KMeans#converged': notFitted(kmeans, (m) => m.converged),
  'KMeans#nFeatures': notFitted(kmeans, (m) => m.nFeatures),
  'KMeans#fromJSON': [
    { label: 'null', args: [null], error: ArgumentTypeError },
    { label: 'another type', args: () => [{ ...kmeansFitted().toJSON(), type: 'PCA' }], error: ValueError },
    { label: 'centroids of the wrong count', args: () => [savedWith(kmeansFitted().toJSON(), ['fitted', 'centroids'], { shape: [1, 3], data: [0, 0, 0] })], error: ShapeError },
    { label: 'a label ≥ k', args: () => [savedWith(kmeansFitted().toJSON(), ['fitted', 'labels'], [0, 1, 2, 0, 1, 0])], error: ValueError },
    { label: 'an all-zero generator state', args: () => [savedWith(kmeans().toJSON(), ['options', 'rngState'], [0, 0, 0, 0])], error: ValueError },
    { label: 'k 0', args: () => [savedWith(kmeans().toJSON(), ['options', 'k'], 0)], error: ValueError },
  ],
  assignClusters: [
    { label: 'a nested array', args: () => [[[0, 0]], linalg.zeros([1, 2])], error: ArgumentTypeError },
    { label: 'centroids of another width', args: () => [X(), linalg.zeros([2, 2])], error: ShapeError },
    { label: 'no centroids', args: () => [X(), linalg.zeros([0, 3])], error: ShapeError },
    { label: 'NaN in the centroids', args: () => [X(), linalg.tensor([NaN, 0, 0], [1, 3])], error: ValueError },
    { label: 'NaN in X', args: () => [withNaN(), linalg.zeros([1, 3])], error: ValueError },
  ],
  updateCentroids: [
    { label: 'labels of the wrong length', args: () => [X(), linalg.zeros([5]), linalg.zeros([2, 3])], error: ShapeError },
    { label: 'a label ≥ k', args: () => [X(), linalg.tensor([0, 1, 2, 0, 0, 0], [6]), linalg.zeros([2, 3])], error: ValueError },
    { label: 'a fractional label', args: () => [X(), linalg.tensor([0, 0.5, 0, 0, 0, 0], [6]), linalg.zeros([2, 3])], error: ValueError },
    { label: 'centroids of another width', args: () => [X(), linalg.zeros([6]), linalg.zeros([2, 2])], error: ShapeError },
  ],
  inertia: [
    { label: 'labels n×1', args: () => [X(), linalg.zeros([2, 3]), linalg.zeros([6, 1])], error: ShapeError },
    { label: 'a negative label', args: () => [X(), linalg.zeros([2, 3]), linalg.tensor([0, -1, 0, 0, 0, 0], [6])], error: ValueError },
    { label: 'NaN in X', args: () => [withNaN(), linalg.zeros([2, 3]), linalg.zeros([6])], error: ValueError },
  ],
  kmeansPlusPlus: [
    { label: 'k larger than n', args: () => [X(), 7, new Rng(1)], error: ValueError },
    { label: 'fewer distinct rows than k', args: () => [linalg.ones([4, 2]), 2, new Rng(1)], error: ValueError },
    { label: 'a seed for the Rng', args: () => [X(), 2, 1], error: ArgumentTypeError },
    { label: 'k 0', args: () => [X(), 0, new Rng(1)], error: ValueError },
    { label: 'NaN in X', args: () => [withNaN(), 2, new Rng(1)], error: ValueError },
  ],
  randomCentroids: [
    { label: 'k larger than n', args: () => [X(), 7, new Rng(1)], error: ValueError },
    { label: 'fewer distinct rows than k', args: () => [linalg.ones([4, 2]), 2, new Rng(1)], error: ValueError },
    { label: 'no Rng', args: () => [X(), 2], error: ArgumentTypeError },
  ],
  PCA: [
    { label: 'nComponents 0', args: [{ nComponents: 0 }], error: ValueError },
    { label: 'an unknown solver', args: [{ solver: 'arpack' }], error: ValueError },
    { label: 'whiten 1', args: [{ whiten: 1 }], error: ArgumentTypeError },
    { label: 'an unknown option', args: [{ n_components: 2 }], error: ValueError },
  ],
  'PCA#fit': [
    ...badData(pcaFitted, (m, x) => m.fit(x as Tensor), false),
    { label: 'more components than features', args: () => [new PCA({ nComponents: 4 }), X()], call: (m: PCA, x: Tensor) => m.fit(x), error: ValueError },
    { label: 'more components than samples', args: () => [new PCA({ nComponents: 3 }), linalg.randn([2, 5], new Rng(1))], call: (m: PCA, x: Tensor) => m.fit(x), error: ValueError },
    { label: 'a single sample', args: () => [pcaFitted(), linalg.ones([1, 3])], call: (m: PCA, x: Tensor) => m.fit(x), error: ValueError },
  ],
  'PCA#transform': [...badData(pcaFitted, (m, x) => m.transform(x as Tensor), true), ...notFitted(pca, (m) => m.transform(X()))],
  'PCA#fitTransform': badData(pcaFitted, (m, x) => m.fitTransform(x as Tensor), false),
  'PCA#inverseTransform': [
    { label: 'Z with d columns instead of k', args: () => [pcaFitted(), X()], call: (m: PCA, z: Tensor) => m.inverseTransform(z), error: ShapeError },
    { label: 'NaN in Z', args: () => [pcaFitted(), linalg.tensor([NaN, 0], [1, 2])], call: (m: PCA, z: Tensor) => m.inverseTransform(z), error: ValueError },
    ...notFitted(pca, (m) => m.inverseTransform(linalg.zeros([1, 2]))),
  ],
  'PCA#components': notFitted(pca, (m) => m.components),
  'PCA#explainedVariance': notFitted(pca, (m) => m.explainedVariance),
  'PCA#explainedVarianceRatio': notFitted(pca, (m) => m.explainedVarianceRatio),
  'PCA#singularValues': notFitted(pca, (m) => m.singularValues),
  'PCA#mean': notFitted(pca, (m) => m.mean),
  'PCA#scale': notFitted(pca, (m) => m.scale),
  'PCA#nComponents': notFitted(pca, (m) => m.nComponents),
  'PCA#nFeatures': notFitted(pca, (m) => m.nFeatures),
  'PCA#nSamples': notFitted(pca, (m) => m.nSamples),
  'PCA#fromJSON': [
    { label: 'an array', args: [[]], error: ArgumentTypeError },
    { label: 'components of the wrong shape', args: () => [savedWith(pcaFitted().toJSON(), ['fitted', 'components'], { shape: [3, 3], data: new Array(9).fill(0) })], error: ShapeError },
    { label: 'a NaN mean', args: () => [savedWith(pcaFitted().toJSON(), ['fitted', 'mean'], ['NaN', 0, 0])], error: ValueError },
    { label: 'an unknown solver', args: () => [savedWith(pca().toJSON(), ['options', 'solver'], 'lanczos')], error: ValueError },
  ],
}, {
  everyMethod: true,
  exempt: {
    'StandardScaler#toJSON': 'takes no arguments and never throws', 'StandardScaler#fitted': 'true or false; never throws',
    'KMeans#toJSON': 'takes no arguments and never throws', 'KMeans#fitted': 'true or false; never throws',
    'PCA#toJSON': 'takes no arguments and never throws', 'PCA#fitted': 'true or false; never throws',
    'KMeans#k': readOnlyOption, 'KMeans#init': readOnlyOption, 'KMeans#nInit': readOnlyOption, 'KMeans#maxIter': readOnlyOption, 'KMeans#tol': readOnlyOption,
  },
});

/**
 * The contract table of bayes: every runtime export of src/bayes/index.ts
 * and every method of the three models, with bad calls and the typed error
 * each must get (spec/harness/contracts.ts checks the class, the message
 * naming the function called, and that every argument — the model included —
 * is unchanged afterwards: a refused fit or partialFit leaves the model as it
 * was). Edge cases of the issue: empty data, negative counts for the
 * multinomial model, labels that are not class indices, batches that do not
 * match the model, saved states that do not add up.
 */
import * as bayes from '../../src/bayes/index.js';
import { BernoulliNB, GaussianNB, MultinomialNB } from '../../src/bayes/index.js';
import { ArgumentTypeError, NotFittedError, ShapeError, ValueError } from '../../src/errors/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { contractSpec } from '../harness/contracts.js';
import type { BadCall } from '../harness/contracts.js';
import { mat, vec } from './support.js';

type ErrorClass = BadCall['error'];
type Model = GaussianNB | MultinomialNB | BernoulliNB;
const call = (label: string, args: () => unknown[], error: ErrorClass): BadCall => ({ label, args, error });
const withCall = (calls: BadCall[], fn: (...args: any[]) => unknown): BadCall[] => calls.map((c) => ({ ...c, call: fn }));

const X = () => mat([[0, 1], [1, 0], [2, 1], [3, 0]]);
const y = () => vec([0, 1, 1, 0]);

const models = {
  GaussianNB: { make: () => new GaussianNB(), fromJSON: (json: unknown) => GaussianNB.fromJSON(json) },
  MultinomialNB: { make: () => new MultinomialNB(), fromJSON: (json: unknown) => MultinomialNB.fromJSON(json) },
  BernoulliNB: { make: () => new BernoulliNB(), fromJSON: (json: unknown) => BernoulliNB.fromJSON(json) },
} as const;

const badOptions: BadCall[] = [
  call('options is a string', () => ['uniform'], ArgumentTypeError),
  call('an unknown option', () => [{ prior: 'uniform' }], ValueError),
  call('priors "map"', () => [{ priors: 'map' }], ValueError),
  call('priors a plain array', () => [{ priors: [0.5, 0.5] }], ArgumentTypeError),
  call('priors a matrix', () => [{ priors: mat([[0.5, 0.5]]) }], ShapeError),
  call('priors with a negative entry', () => [{ priors: vec([1.5, -0.5]) }], ValueError),
  call('priors summing to 0.9', () => [{ priors: vec([0.4, 0.5]) }], ValueError),
  call('priors of 2 classes, nClasses 3', () => [{ priors: vec([0.5, 0.5]), nClasses: 3 }], ShapeError),
  call('nClasses 0', () => [{ nClasses: 0 }], ValueError),
];

/** The bad calls of fit and partialFit of an unfitted model. */
const badFits = (make: () => Model): BadCall[] => [
  call('X is a nested array', () => [make(), [[0, 1]], vec([0])], ArgumentTypeError),
  call('X is a vector', () => [make(), vec([0, 1]), vec([0, 1])], ShapeError),
  call('X is empty (0 rows)', () => [make(), { shape: [0, 2], data: new Float64Array(0) }, vec([])], ValueError),
  call('X has 0 features', () => [make(), { shape: [2, 0], data: new Float64Array(0) }, vec([0, 1])], ValueError),
  call('X has NaN', () => [make(), mat([[NaN, 1], [1, 0]]), vec([0, 1])], ValueError),
  call('y has another length', () => [make(), X(), vec([0, 1])], ShapeError),
  call('a label 0.5', () => [make(), X(), vec([0, 0.5, 1, 0])], ValueError),
  call('a label −1', () => [make(), X(), vec([0, -1, 1, 0])], ValueError),
];

/** The bad calls of partialFit on a model fitted on 2 features and 2 classes. */
const badBatches = (fitted: () => Model): BadCall[] => [
  call('a batch with 3 columns', () => [fitted(), mat([[0, 1, 2]]), vec([0])], ShapeError),
  call('a batch with a new class 2', () => [fitted(), mat([[0, 1]]), vec([2])], ValueError),
  call('a batch with NaN', () => [fitted(), mat([[0, NaN]]), vec([0])], ValueError),
];

const badPredicts = (fitted: () => Model, unfitted: () => Model): BadCall[] => [
  call('not fitted', () => [unfitted(), X()], NotFittedError),
  call('X has 3 columns', () => [fitted(), mat([[0, 1, 2]])], ShapeError),
  call('X has ∞', () => [fitted(), mat([[Infinity, 1]])], ValueError),
  call('X is a number', () => [fitted(), 1], ArgumentTypeError),
];

const table: Record<string, BadCall[]> = {};
for (const [name, { make, fromJSON }] of Object.entries(models)) {
  const fitted = () => make().fit(X(), y());
  table[name] = badOptions;
  table[`${name}#fit`] = withCall(badFits(make), (m: Model, a: Tensor, b: Tensor) => m.fit(a, b));
  table[`${name}#partialFit`] = withCall([...badFits(make), ...badBatches(fitted)], (m: Model, a: Tensor, b: Tensor) => m.partialFit(a, b));
  for (const method of ['predict', 'predictProba', 'predictLogProba', 'predictJointLogProba'] as const) {
    table[`${name}#${method}`] = withCall(badPredicts(fitted, make), (m: Model, a: Tensor) => m[method](a));
  }
  for (const getter of ['classCount', 'classLogPrior', 'nClasses', 'nFeatures'] as const) {
    table[`${name}#${getter}`] = [{ ...call('not fitted', () => [make()], NotFittedError), call: (m: Model) => m[getter] }];
  }
  const saved = () => JSON.parse(JSON.stringify(fitted().toJSON())) as Record<string, any>;
  const corrupt = (edit: (json: Record<string, any>) => void) => () => {
    const json = saved();
    edit(json);
    return [json];
  };
  table[`${name}#fromJSON`] = withCall([
    call('not an object', () => ['model'], ArgumentTypeError),
    call('another type', corrupt((j) => { j['type'] = name === 'GaussianNB' ? 'BernoulliNB' : 'GaussianNB'; }), ValueError),
    call('bad options', corrupt((j) => { j['options']['priors'] = 'sometimes'; }), ValueError),
    call('classCount of the wrong length', corrupt((j) => { j['fitted']['classCount'].pop(); }), ShapeError),
    call('a negative class count', corrupt((j) => { j['fitted']['classCount'][0] = -1; }), ValueError),
    call('nClasses not matching options.nClasses', corrupt((j) => { j['options']['nClasses'] = 3; }), ValueError),
    call('nFeatures 0', corrupt((j) => { j['fitted']['nFeatures'] = 0; }), ValueError),
  ], fromJSON);
}

table['GaussianNB'] = [...badOptions, call('varSmoothing −1', () => [{ varSmoothing: -1 }], ValueError)];
table['GaussianNB#means'] = [{ ...call('not fitted', () => [new GaussianNB()], NotFittedError), call: (m: GaussianNB) => m.means }];
table['GaussianNB#variances'] = [{ ...call('not fitted', () => [new GaussianNB()], NotFittedError), call: (m: GaussianNB) => m.variances }];
table['GaussianNB#epsilon'] = [{ ...call('not fitted', () => [new GaussianNB()], NotFittedError), call: (m: GaussianNB) => m.epsilon }];
table['GaussianNB#fromJSON']!.push({ ...call('means of the wrong length', () => {
  const json = JSON.parse(JSON.stringify(new GaussianNB().fit(X(), y()).toJSON()));
  json.fitted.mean.pop();
  return [json];
}, ShapeError), call: (json: unknown) => GaussianNB.fromJSON(json) });

table['MultinomialNB'] = [...badOptions, call('alpha −1', () => [{ alpha: -1 }], ValueError), call('alpha "1"', () => [{ alpha: '1' }], ArgumentTypeError)];
table['MultinomialNB#fit']!.push({ ...call('a negative count', () => [new MultinomialNB(), mat([[1, -1], [0, 2]]), vec([0, 1])], ValueError), call: (m: Model, a: Tensor, b: Tensor) => m.fit(a, b) });
table['MultinomialNB#partialFit']!.push({ ...call('a negative count in a later batch', () => [new MultinomialNB().fit(X(), y()), mat([[1, -1]]), vec([0])], ValueError), call: (m: Model, a: Tensor, b: Tensor) => m.partialFit(a, b) });
table['MultinomialNB#predictProba']!.push(
  { ...call('a negative count', () => [new MultinomialNB().fit(X(), y()), mat([[-1, 0]])], ValueError), call: (m: Model, a: Tensor) => m.predictProba(a) },
  { ...call('a row impossible under every class (α = 0)', () => [new MultinomialNB({ alpha: 0 }).fit(mat([[1, 0, 0], [0, 1, 0]]), vec([0, 1])), mat([[0, 0, 1]])], ValueError), call: (m: Model, a: Tensor) => m.predictProba(a) },
);
table['MultinomialNB#featureCount'] = [{ ...call('not fitted', () => [new MultinomialNB()], NotFittedError), call: (m: MultinomialNB) => m.featureCount }];
table['MultinomialNB#featureLogProb'] = [{ ...call('not fitted', () => [new MultinomialNB()], NotFittedError), call: (m: MultinomialNB) => m.featureLogProb }];

table['BernoulliNB'] = [...badOptions, call('binarize "0.5"', () => [{ binarize: '0.5' }], ArgumentTypeError), call('binarize NaN', () => [{ binarize: NaN }], ValueError)];
table['BernoulliNB#fit']!.push({ ...call('a 2 without binarising', () => [new BernoulliNB({ binarize: null }), mat([[0, 2], [1, 0]]), vec([0, 1])], ValueError), call: (m: Model, a: Tensor, b: Tensor) => m.fit(a, b) });
table['BernoulliNB#featureCount'] = [{ ...call('not fitted', () => [new BernoulliNB()], NotFittedError), call: (m: BernoulliNB) => m.featureCount }];
table['BernoulliNB#featureLogProb'] = [{ ...call('not fitted', () => [new BernoulliNB()], NotFittedError), call: (m: BernoulliNB) => m.featureLogProb }];
table['BernoulliNB#fromJSON']!.push({ ...call('more presences than examples', () => {
  const json = JSON.parse(JSON.stringify(new BernoulliNB().fit(X(), y()).toJSON()));
  json.fitted.featureCount[0] = 10;
  return [json];
}, ValueError), call: (json: unknown) => BernoulliNB.fromJSON(json) });

contractSpec('bayes', bayes, table);

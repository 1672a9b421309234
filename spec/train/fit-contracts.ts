/**
 * The training loop's rows of train's contract table (spec/train/contracts.test.ts):
 * fit, trainStep and MiniBatchSampler with bad models, losses, optimizers,
 * data and options, each refused with its typed error before any parameter,
 * optimizer state or generator changes.
 */
import * as ad from '../../src/autodiff/index.js';
import { ArgumentTypeError, ShapeError, ValueError } from '../../src/errors/index.js';
import * as linalg from '../../src/linalg/index.js';
import { Rng } from '../../src/random/index.js';
import { Dense } from '../../src/layers/index.js';
import { mse } from '../../src/losses/index.js';
import { Adadelta, SGD } from '../../src/optimizers/index.js';
import * as train from '../../src/train/index.js';
import type { BadCall, ContractTable } from '../harness/contracts.js';

const model = (): Dense => new Dense(2, 1, { rng: new Rng(3) });
const data = (): { X: linalg.Tensor; y: linalg.Tensor } => ({ X: linalg.randn([6, 2], new Rng(1)), y: linalg.randn([6, 1], new Rng(2)) });

/** fit(model, mse, SGD over model, data, options) with one argument replaced. */
const fitWith = (label: string, change: (a: unknown[]) => void, error: BadCall['error']): BadCall => ({
  label,
  args: () => {
    const m = model();
    const a: unknown[] = [m, mse, new SGD(m.parameters()), data(), { progress: false }];
    change(a);
    return a;
  },
  error,
});
const option = (label: string, extra: Record<string, unknown>, error: BadCall['error']): BadCall =>
  fitWith(label, (a) => (a[4] = { progress: false, ...extra }), error);

export const trainingLoopContracts: ContractTable = {
  fit: [
    fitWith('a model without forward', (a) => (a[0] = { parameters: () => [] }), ArgumentTypeError),
    fitWith('a loss that is not a function', (a) => (a[1] = 'mse'), ArgumentTypeError),
    fitWith('an optimizer that is not one', (a) => (a[2] = { step: () => undefined }), ArgumentTypeError),
    fitWith('an optimizer over another model', (a) => (a[2] = new SGD(model().parameters())), ValueError),
    fitWith('data as an array', (a) => (a[3] = [linalg.zeros([2, 2]), linalg.zeros([2, 1])]), ArgumentTypeError),
    fitWith('data with an unknown key', (a) => (a[3] = { ...data(), w: 1 }), ValueError),
    fitWith('targets of another length', (a) => (a[3] = { X: linalg.zeros([6, 2]), y: linalg.zeros([5, 1]) }), ShapeError),
    fitWith('no samples', (a) => (a[3] = { X: linalg.zeros([0, 2]), y: linalg.zeros([0, 1]) }), ValueError),
    fitWith('a NaN target', (a) => (a[3] = { X: linalg.zeros([2, 2]), y: linalg.tensor([0, NaN], [2, 1]) }), ValueError),
    fitWith('X a scalar', (a) => (a[3] = { X: linalg.scalar(1), y: linalg.zeros([1]) }), ShapeError),
    fitWith('a loss that returns a vector', (a) => (a[1] = (p: ad.Var) => p), ShapeError),
    option('epochs 0', { epochs: 0 }, ValueError),
    option('mode "online"', { mode: 'online' }, ValueError),
    option('batchSize 0', { batchSize: 0 }, ValueError),
    option('batchSize above n', { batchSize: 7 }, ValueError),
    option('batchSize with mode batch', { mode: 'batch', batchSize: 2 }, ValueError),
    option('a fractional seed', { rng: 0.5 }, ValueError),
    option('an rng that is not one', { rng: { next: () => 0.5 } }, ArgumentTypeError),
    option('dropLast "yes"', { dropLast: 'yes' }, ArgumentTypeError),
    option('validation with other columns', { validation: { X: linalg.zeros([2, 3]), y: linalg.zeros([2, 1]) } }, ShapeError),
    option('a metric that is a string', { metric: 'accuracy' }, ArgumentTypeError),
    option('callbacks not an array', { callbacks: { onEpochEnd: () => undefined } }, ArgumentTypeError),
    option('a callback hook that is not a function', { callbacks: [{ onStepEnd: 1 }] }, ArgumentTypeError),
    option('an unknown option', { epoch: 3 }, ValueError),
    option('progress "auto"', { progress: 'auto' }, ArgumentTypeError),
    fitWith('a schedule for an optimizer without η', (a) => {
      a[2] = new Adadelta((a[0] as Dense).parameters());
      a[4] = { schedule: () => 0.1, progress: false };
    }, ValueError),
    option('a schedule that returns −1', { schedule: () => -1 }, ValueError),
  ],
  trainStep: [
    { label: 'a batch of mismatched lengths', args: () => { const m = model(); return [m, mse, new SGD(m.parameters()), linalg.zeros([3, 2]), linalg.zeros([2, 1])]; }, error: ShapeError },
    { label: 'a NaN in the batch', args: () => { const m = model(); return [m, mse, new SGD(m.parameters()), linalg.tensor([NaN, 0], [1, 2]), linalg.zeros([1, 1])]; }, error: ValueError },
    { label: 'no optimizer', args: () => [model(), mse, undefined, linalg.zeros([1, 2]), linalg.zeros([1, 1])], error: ArgumentTypeError },
  ],
  MiniBatchSampler: [
    { label: 'n 0', args: () => [0, { batchSize: 1, rng: new Rng(1) }], error: ValueError },
    { label: 'no batchSize', args: () => [4, { rng: new Rng(1) }], error: ArgumentTypeError },
    { label: 'batchSize above n', args: () => [4, { batchSize: 5, rng: new Rng(1) }], error: ValueError },
    { label: 'shuffling without an Rng', args: () => [4, { batchSize: 2, rng: 7 }], error: ValueError },
    { label: 'shuffle "no"', args: () => [4, { batchSize: 2, shuffle: 'no', rng: new Rng(1) }], error: ArgumentTypeError },
  ],
};

/**
 * Weight initialisation (EQ-LAYERS-48): each initialiser draws a tensor of
 * a given shape from an explicit `Rng`, with a variance set by the fans of
 * the layer. For a weight W: in×out (the row-vector convention of Dense),
 * fan_in = in and fan_out = out.
 *
 *   zerosInit      W = 0                                   (biases; never hidden weights:
 *                                                            identical units stay identical)
 *   uniformInit    W ~ U(low, high)                        default U(−0.05, 0.05)
 *   normalInit     W ~ N(mean, std²)                       default N(0, 0.05²)
 *   glorotUniform  W ~ U(−a, a), a = gain·√(6/(fan_in + fan_out))   Var = gain²·2/(fan_in + fan_out)
 *   glorotNormal   W ~ N(0, gain²·2/(fan_in + fan_out))
 *   heUniform      W ~ U(−a, a), a = √(6/fan_in)            Var = 2/fan_in
 *   heNormal       W ~ N(0, 2/fan_in)
 *
 * Why these variances. For y = Σᵢ wᵢxᵢ over fan_in independent terms,
 * Var(y) = fan_in·Var(w)·E[x²]. Glorot and Bengio (2010) keep the variance
 * of activations (forward, fan_in) and of gradients (backward, fan_out)
 * alike for activations that are linear around 0 (tanh, sigmoid's middle,
 * identity) by taking the compromise Var(w) = 2/(fan_in + fan_out). ReLU
 * zeroes half of its inputs, E[relu(z)²] = Var(z)/2, and He et al. (2015)
 * restore the factor with Var(w) = 2/fan_in, so the mean square of the
 * activations neither shrinks nor grows with depth (EQ-LAYERS-48's demo).
 *
 * Defaults of the library: `Dense` uses glorotUniform (the lectures'
 * activations are mostly sigmoid, tanh and identity; it is Keras's default);
 * `mlp` uses heNormal for a Dense followed by ReLU or leaky ReLU and
 * glorotUniform for every other. Biases start at zero. The normal forms are
 * plain (not truncated) normals, so the variance is exactly the target. The
 * small defaults of uniformInit and normalInit (Keras's) are for layers;
 * pass the bounds you want for anything else.
 *
 * Fans for other ranks: a vector [n] has fan_in = fan_out = n; a tensor of
 * rank ≥ 3 has fan_out = its last dimension and fan_in = the product of the
 * others (the last axis holds the output units, as in Dense).
 */
import { ArgumentTypeError, ValueError, assertFunction, assertInstance, assertNumber, assertOneOf, assertOptions, describeValue } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import { Rng } from '../random/index.js';

/** An initialiser: a tensor of `shape` drawn from `rng`. */
export type Initializer = (shape: readonly number[], rng: Rng) => Tensor;

/** The initialisers known by name (`Dense`'s `init` option, `getInitializer`). */
export const INITIALIZER_NAMES = ['zeros', 'uniform', 'normal', 'glorotUniform', 'glorotNormal', 'heUniform', 'heNormal'] as const;
export type InitializerName = (typeof INITIALIZER_NAMES)[number];

export interface GainOptions {
  /** Scale of the standard deviation (default 1; e.g. 5/3 is PyTorch's gain for tanh). */
  gain?: number;
}

/** Internal: shape and rng checked for the public function `where`. */
function checkArguments(shape: unknown, rng: unknown, where: string): asserts shape is readonly number[] {
  linalg.assertShape(shape, 'shape', where);
  assertInstance(rng, Rng, 'rng', where);
}

/** [fan_in, fan_out] of a weight of `shape` (see the file comment; [0, 0] for a scalar). */
export function fans(shape: readonly number[]): [number, number] {
  linalg.assertShape(shape, 'shape', 'fans');
  if (shape.length === 0) return [0, 0];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  const fanOut = shape[shape.length - 1]!;
  return [linalg.sizeOf(shape) / Math.max(fanOut, 1), fanOut];
}

/** The fans that a variance divides by, refusing an empty layer. */
function positiveFans(shape: readonly number[], where: string): [number, number] {
  const [fanIn, fanOut] = fans(shape);
  if (fanIn === 0 || fanOut === 0) throw new ValueError(`${where}: the fans of shape [${shape.join(', ')}] must be positive, got fan_in ${fanIn}, fan_out ${fanOut}`);
  return [fanIn, fanOut];
}

/** All zeros (biases). The rng is accepted so that every initialiser has one signature, and is not used. */
export function zerosInit(shape: readonly number[], _rng?: Rng): Tensor {
  linalg.assertShape(shape, 'shape', 'zerosInit');
  return linalg.zeros(shape);
}

/** W ~ U(low, high) entry-wise; options { low = −0.05, high = 0.05 }, low < high. */
export function uniformInit(shape: readonly number[], rng: Rng, options?: { low?: number; high?: number }): Tensor {
  checkArguments(shape, rng, 'uniformInit');
  const o = assertOptions(options, ['low', 'high'], 'uniformInit');
  const low = assertNumber(o.low ?? -0.05, 'low', 'uniformInit');
  const high = assertNumber(o.high ?? 0.05, 'high', 'uniformInit', { min: low, minExclusive: true });
  return linalg.rand(shape, rng, low, high);
}

/** W ~ N(mean, std²) entry-wise; options { mean = 0, std = 0.05 }, std ≥ 0. */
export function normalInit(shape: readonly number[], rng: Rng, options?: { mean?: number; std?: number }): Tensor {
  checkArguments(shape, rng, 'normalInit');
  const o = assertOptions(options, ['mean', 'std'], 'normalInit');
  const mean = assertNumber(o.mean ?? 0, 'mean', 'normalInit');
  const std = assertNumber(o.std ?? 0.05, 'std', 'normalInit', { min: 0 });
  return linalg.randn(shape, rng, mean, std);
}

/** Glorot/Xavier uniform: U(−a, a), a = gain·√(6/(fan_in + fan_out)). */
export function glorotUniform(shape: readonly number[], rng: Rng, options?: GainOptions): Tensor {
  checkArguments(shape, rng, 'glorotUniform');
  const gain = assertNumber(assertOptions(options, ['gain'], 'glorotUniform').gain ?? 1, 'gain', 'glorotUniform', { min: 0 });
  const [fanIn, fanOut] = positiveFans(shape, 'glorotUniform');
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return linalg.rand(shape, rng, -a, a);
}

/** Glorot/Xavier normal: N(0, gain²·2/(fan_in + fan_out)). */
export function glorotNormal(shape: readonly number[], rng: Rng, options?: GainOptions): Tensor {
  checkArguments(shape, rng, 'glorotNormal');
  const gain = assertNumber(assertOptions(options, ['gain'], 'glorotNormal').gain ?? 1, 'gain', 'glorotNormal', { min: 0 });
  const [fanIn, fanOut] = positiveFans(shape, 'glorotNormal');
  return linalg.randn(shape, rng, 0, gain * Math.sqrt(2 / (fanIn + fanOut)));
}

/** He/Kaiming uniform: U(−a, a), a = √(6/fan_in), so Var = 2/fan_in (for ReLU). */
export function heUniform(shape: readonly number[], rng: Rng): Tensor {
  checkArguments(shape, rng, 'heUniform');
  const a = Math.sqrt(6 / positiveFans(shape, 'heUniform')[0]);
  return linalg.rand(shape, rng, -a, a);
}

/** He/Kaiming normal: N(0, 2/fan_in) (for ReLU). */
export function heNormal(shape: readonly number[], rng: Rng): Tensor {
  checkArguments(shape, rng, 'heNormal');
  return linalg.randn(shape, rng, 0, Math.sqrt(2 / positiveFans(shape, 'heNormal')[0]));
}

const BY_NAME: Record<InitializerName, Initializer> = {
  zeros: zerosInit,
  uniform: (shape, rng) => uniformInit(shape, rng),
  normal: (shape, rng) => normalInit(shape, rng),
  glorotUniform: (shape, rng) => glorotUniform(shape, rng),
  glorotNormal: (shape, rng) => glorotNormal(shape, rng),
  heUniform,
  heNormal,
};

/** The initialiser called `name` (one of INITIALIZER_NAMES, with its defaults); ValueError for an unknown name. */
export function getInitializer(name: InitializerName): Initializer {
  return BY_NAME[assertOneOf(name, INITIALIZER_NAMES, 'init', 'getInitializer')];
}

/**
 * Internal (Dense, mlp): draw a tensor of `shape` with `init` (a name or a
 * function), checking what a function returns. `rng` may be absent only for
 * 'zeros'. `where` is the public function called.
 */
export function initialize(init: unknown, shape: readonly number[], rng: Rng | undefined, where: string): Tensor {
  if (init === 'zeros') return linalg.zeros(shape);
  if (typeof init === 'string') assertOneOf(init, INITIALIZER_NAMES, 'init', where);
  else assertFunction(init, 'init', where);
  if (rng === undefined) {
    throw new ArgumentTypeError(`${where}: init ${describeValue(init)} draws random numbers: pass { rng: new Rng(seed) }`);
  }
  const t = typeof init === 'string' ? BY_NAME[init as InitializerName](shape, rng) : (init as Initializer)(shape, rng);
  if (typeof t !== 'object' || t === null || !(t.data instanceof Float64Array) || !linalg.sameShape(t.shape, shape)) {
    throw new ValueError(`${where}: the init function must return a Tensor of shape [${shape.join(', ')}], got ${describeValue(t)}`);
  }
  return t;
}

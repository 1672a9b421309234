/**
 * The optimiser race: the zoo's update rules θ_{t+1} = θ_t + Δθ_t
 * (EQ-OPTIMIZERS-12) released from the same point on the 2-D loss surfaces
 * the lectures draw when they speak of "a ball rolling down the loss
 * landscape" (000 deck, EQ-OPTIMIZERS-10):
 *
 *   bowl        f = x² + y²                        one round minimum at 0
 *   ravine      f = ½(x² + κy²), κ = 25             a narrow valley: GD zig-zags
 *                                                   across it (EQ-OPTIMIZERS-09, 13)
 *   rosenbrock  f = (1 − x)² + 100(y − x²)²         a curved valley, minimum (1, 1)
 *   saddle      f = x² − y²                         a stationary point that is no
 *                                                   minimum; start just off its axis
 *   two wells   f = x⁴ − 3x² + x + y²               a local minimum at x ≈ 1.13 and the
 *                                                   global one at x ≈ −1.30 (EQ-OPTIMIZERS-25)
 *
 * Each run is the library's own optimizer over one parameter θ ∈ ℝ², with
 * the gradient written in closed form and evaluated where the optimizer
 * holds θ (for Nesterov, the look-ahead point), as `minimize` does.
 */
import { Adadelta, Adagrad, Adam, Momentum, Nesterov, RMSprop, SGD } from '../../src/optimizers/index.js';
import type { Optimizer, Parameter } from '../../src/optimizers/index.js';
import { OPTIMIZERS } from './core.js';
import type { OptimizerName } from './core.js';

/** A 2-D loss surface with where to start and how to look at it. */
export interface Surface {
  name: string;
  formula: string;
  f(x: number, y: number): number;
  /** ∇f(x, y), written into g. */
  gradient(x: number, y: number, g: Float64Array): void;
  start: readonly [number, number];
  /** The plotted square [x0, x0 + size] × [y0, y0 + size]. */
  view: { x0: number; y0: number; size: number };
  steps: number;
  /** η of SGD, momentum and Nesterov (their step scales with the gradient). */
  lr: number;
  /** η of Adagrad, RMSprop and Adam (their step is about η per coordinate). */
  adaptiveLr: number;
}

const KAPPA = 25;

export const SURFACES: readonly Surface[] = [
  {
    name: 'bowl', formula: 'f = x² + y²',
    f: (x, y) => x * x + y * y,
    gradient: (x, y, g) => { g[0] = 2 * x; g[1] = 2 * y; },
    start: [-1.6, 1.2], view: { x0: -2, y0: -2, size: 4 }, steps: 120, lr: 0.05, adaptiveLr: 0.1,
  },
  {
    name: 'ravine', formula: 'f = ½(x² + 25y²)',
    f: (x, y) => 0.5 * (x * x + KAPPA * y * y),
    gradient: (x, y, g) => { g[0] = x; g[1] = KAPPA * y; },
    start: [-1.8, 0.6], view: { x0: -2, y0: -2, size: 4 }, steps: 120, lr: 0.05, adaptiveLr: 0.1,
  },
  {
    name: 'rosenbrock', formula: 'f = (1 − x)² + 100(y − x²)²',
    f: (x, y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x),
    gradient: (x, y, g) => { g[0] = -2 * (1 - x) - 400 * x * (y - x * x); g[1] = 200 * (y - x * x); },
    start: [-1.2, 1], view: { x0: -2, y0: -1, size: 4 }, steps: 400, lr: 0.001, adaptiveLr: 0.05,
  },
  {
    name: 'saddle', formula: 'f = x² − y²',
    f: (x, y) => x * x - y * y,
    gradient: (x, y, g) => { g[0] = 2 * x; g[1] = -2 * y; },
    start: [-1.8, 0.001], view: { x0: -2, y0: -2, size: 4 }, steps: 120, lr: 0.05, adaptiveLr: 0.05,
  },
  {
    name: 'two wells', formula: 'f = x⁴ − 3x² + x + y²',
    f: (x, y) => x * x * x * x - 3 * x * x + x + y * y,
    gradient: (x, y, g) => { g[0] = 4 * x * x * x - 6 * x + 1; g[1] = 2 * y; },
    start: [2, 1.5], view: { x0: -2.2, y0: -2, size: 4.4 }, steps: 200, lr: 0.01, adaptiveLr: 0.05,
  },
];

/** The optimizer `name` over θ, with the surface's η (momentum γ = 0.9; Adadelta ε = 10⁻³ so that it moves within the run). */
export function raceOptimizer(name: OptimizerName, theta: Parameter, surface: Surface): Optimizer {
  const p = [theta], lr = surface.lr, a = surface.adaptiveLr;
  switch (name) {
    case 'sgd': return new SGD(p, { lr });
    case 'momentum': return new Momentum(p, { lr, gamma: 0.9 });
    case 'nesterov': return new Nesterov(p, { lr, gamma: 0.9 });
    case 'adagrad': return new Adagrad(p, { lr: 5 * a });
    case 'adadelta': return new Adadelta(p, { epsilon: 1e-3 });
    case 'rmsprop': return new RMSprop(p, { lr: a / 5 });
    case 'adam': return new Adam(p, { lr: a });
  }
}

/** One optimizer's path: the points θ₀ … θ_T (x, y interleaved); it stops early once θ leaves three times the view or f is no longer finite. */
export function racePath(surface: Surface, name: OptimizerName): Float64Array {
  const theta: Parameter = { value: { shape: [2], data: Float64Array.from(surface.start) }, grad: { shape: [2], data: new Float64Array(2) } };
  const optimizer = raceOptimizer(name, theta, surface);
  const path = new Float64Array(2 * (surface.steps + 1));
  const x = theta.value.data, g = theta.grad.data, { x0, y0, size } = surface.view;
  path[0] = x[0]!;
  path[1] = x[1]!;
  let t = 0;
  while (t < surface.steps) {
    surface.gradient(x[0]!, x[1]!, g);
    optimizer.step();
    t++;
    const a = x[0]!, b = x[1]!;
    path[2 * t] = a;
    path[2 * t + 1] = b;
    const far = a < x0 - size || a > x0 + 2 * size || b < y0 - size || b > y0 + 2 * size;
    if (far || !Number.isFinite(surface.f(a, b))) break;
  }
  return path.subarray(0, 2 * (t + 1));
}

/** Every optimizer of the zoo on one surface: name, path and f at its last point. */
export function race(surface: Surface): { name: OptimizerName; path: Float64Array; final: number }[] {
  return OPTIMIZERS.map((name) => {
    const path = racePath(surface, name), n = path.length;
    return { name, path, final: surface.f(path[n - 2]!, path[n - 1]!) };
  });
}

/**
 * optimizers — the update rules of the lectures' optimiser zoo, the
 * learning-rate schedules, and the second-order steps. Each rule is a
 * class over a list of parameters `{ value, grad }` (autodiff's Var is
 * one), with `step()`, `zeroGrad()`, `delta()`, its state readable by name
 * and saved with `toJSON()` / `loadStateDict()`:
 *
 *   SGD         θ ← θ − η·g; with momentum β: M ← βM + g, θ ← θ − ηM (003)   EQ-OPTIMIZERS-01, 11
 *   Momentum    v ← γv + η·g, θ ← θ − v (000)                                 EQ-OPTIMIZERS-10, 12
 *   Nesterov    v ← γv + η·∇J(θ − γv), θ ← θ − v                              EQ-OPTIMIZERS-13
 *   Adagrad     G ← G + g², θ ← θ − η·g/√(G + ε)                              EQ-OPTIMIZERS-14
 *   Adadelta    θ ← θ − (RMS[Δθ]/RMS[g])·g, no η                              EQ-OPTIMIZERS-15
 *   RMSprop     V ← βV + (1 − β)g², θ ← θ − η·g/√(V + ε)                      EQ-OPTIMIZERS-16, 17
 *   Adam        m, v, bias correction, θ ← θ − η·m̂/(√v̂ + ε)                  EQ-OPTIMIZERS-19 … 21
 *   AdamW       Adam − η·λ·θ: decoupled weight decay, not an L2 penalty       EQ-REGULARIZERS-04
 *   Rprop       iRprop−: per-weight steps from the signs of g                 EQ-OPTIMIZERS-18
 *
 *   stepDecay, exponentialDecay, inverseTimeDecay, cosineDecay   η_t schedules    EQ-OPTIMIZERS-26
 *   scaleLearningRate(η, B_old, B_new)                          η·B_new/B_old    EQ-OPTIMIZERS-27
 *   curvature, secondOrderModel, optimalStepSize, newtonStep    gᵀHg, ε*, x − H⁻¹g  EQ-OPTIMIZERS-22 … 24
 *   minimize(∇f, θ₀, { optimizer })                             GD until ‖∇f‖ ≤ tol  EQ-OPTIMIZERS-02
 *   flattenParameters, unflattenParameters                      W = (W⁽¹⁾, …, W⁽ᴸ⁾)  EQ-OPTIMIZERS-03
 *
 * For RMSprop, Adam and Adagrad, `epsMode` puts ε inside the square root
 * (the decks) or outside (Kingma & Ba, PyTorch; the default). Constructors
 * reject out-of-range hyperparameters with a ValueError naming the value.
 * Imports only `random` and `linalg` (and the ground floor): never autodiff.
 *
 *   const adam = new Adam(net.parameters(), { lr: 1e-3 });
 *   net.zeroGrad(); loss.backward(); adam.step();     // or train's fit(net, loss, adam, data)
 *   adam.m[0], adam.v[0], adam.t                       // state by name
 */
export { Optimizer, LearningRateOptimizer, assertParameters } from './optimizer.js';
export type { EpsMode, Hyperparameter, OptimizerJSON, Parameter } from './optimizer.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { Momentum } from './momentum.js';
export type { MomentumOptions } from './momentum.js';
export { Nesterov } from './nesterov.js';
export type { NesterovOptions } from './nesterov.js';
export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { Adadelta } from './adadelta.js';
export type { AdadeltaOptions } from './adadelta.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropOptions } from './rmsprop.js';
export { Adam } from './adam.js';
export type { AdamOptions } from './adam.js';
export { AdamW } from './adamw.js';
export type { AdamWOptions } from './adamw.js';
export { Rprop } from './rprop.js';
export type { RpropOptions } from './rprop.js';
export { cosineDecay, exponentialDecay, inverseTimeDecay, scaleLearningRate, stepDecay } from './schedules.js';
export type { Schedule } from './schedules.js';
export { curvature, newtonStep, optimalStepSize, secondOrderModel } from './second-order.js';
export { minimize } from './minimize.js';
export type { MinimizeOptions, MinimizeResult } from './minimize.js';
export { flattenParameters, unflattenParameters } from './parameters.js';

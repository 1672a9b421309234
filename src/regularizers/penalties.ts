/**
 * Explicit regularisation: a penalty R(W) on the weights added to the data
 * loss (EQ-REGULARIZERS-01; 001 "Regularization"):
 *
 *   L = (1/M)·Σᵢ (ŷ⁽ⁱ⁾ − y⁽ⁱ⁾)² + λ·R(W)          data loss + λ · regularisation loss
 *
 * with λ ≥ 0 a hyperparameter (`regularized(dataLoss, λ, R)`). The
 * penalties, each a scalar Var summed over the chosen parameter tensors
 * w ∈ θ, with the (sub)gradient its backward pass uses:
 *
 *   l1Penalty          R_L1 = Σ_w Σ_k |w_k|                ∂/∂w_k = sign(w_k), 0 at 0     (001, 000: Σ‖w‖₁)
 *   l2Penalty          R_L2 = Σ_w Σ_k w_k²                 ∂/∂w_k = 2·w_k                 (001: squared)
 *   l2NormPenalty      Σ_w ‖w‖₂ = Σ_w √(Σ_k w_k²)         ∂/∂w = w/‖w‖₂, 0 at w = 0      (000: per tensor, not squared)
 *   lInfPenalty        Σ_w ‖w‖∞ = Σ_w max_k |w_k|          sign(w_k*) at the first arg-max k* of |w|, else 0
 *   elasticNetPenalty  R_EN = α·R_L1 + (1 − α)·R_L2,  α ∈ [0, 1]                            (001)
 *
 * (EQ-REGULARIZERS-02, 03, 04, 05). The 000 deck's Σ‖w‖₂ is the norm of each
 * tensor, not its square: it pulls a whole tensor towards zero together
 * (as the group lasso does), while the 001 deck's squared R_L2 shrinks each
 * weight in proportion to its size. For one tensor Σ‖w‖₂ = √R_L2.
 *
 * What to penalise: `weightsOf(model)` lists a model's weights, the
 * parameters of rank ≥ 2 (weight matrices, kernels, embeddings), and leaves
 * out those of rank ≤ 1 (biases, and normalisation's γ and β). A bias only
 * shifts a unit's output, so penalising it limits no complexity and pulls
 * the fit off the data's mean; the slide's R(W) sums over "all w_k" of W,
 * the weights. `{ biases: true }` takes every parameter.
 *
 * L2 penalty and weight decay are two different things here (STYLE: one
 * word, one meaning). The L2 penalty adds λ·R_L2 to the loss, so its
 * gradient 2λw joins ∇L in whatever the optimizer does with gradients. For
 * plain gradient descent the step is then
 *
 *   w ← w − η(∇L + 2λw) = (1 − 2ηλ)·w − η∇L
 *
 * i.e. the weights "decay" by the factor 1 − 2ηλ each step. Decoupled
 * weight decay (Loshchilov & Hutter; optimizers' `AdamW` and its
 * `weightDecay` λ') leaves the loss alone and shrinks the weights in
 * the update itself, w ← w − η·step(∇L) − ηλ'·w. For SGD the two coincide
 * (λ' = 2λ); for Adam they differ: the penalty's gradient 2λw passes
 * through Adam's division by √v̂, so large-gradient weights are barely
 * decayed, while decoupled decay shrinks every weight by the same factor.
 */
import { ArgumentTypeError, ShapeError, assertBoolean, assertNumber, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import { Var } from '../autodiff/index.js';

/** One parameter tensor or a list of them: the w ∈ θ a penalty sums over. */
export type Weights = Var | readonly Var[];

/** Internal: the Vars of `weights`, each once; ArgumentTypeError for anything else. */
function varsOf(weights: unknown, where: string): Var[] {
  if (weights instanceof Var) return [weights];
  if (!Array.isArray(weights)) {
    throw new ArgumentTypeError(`${where}: weights must be a Var or an array of Vars (e.g. weightsOf(model)), got ${describeValue(weights)}`);
  }
  weights.forEach((w: unknown, i) => {
    if (!(w instanceof Var)) throw new ArgumentTypeError(`${where}: weights[${i}] must be a Var, got ${describeValue(w)}`);
  });
  return [...new Set(weights as Var[])];
}

/**
 * Internal: R = Σ_w r(w) as one scalar node whose inputs are the tensors;
 * `grad(w, out)` writes ∂r/∂w into out (zeros on entry). The list is valid.
 */
function penalty(op: string, ws: readonly Var[], r: (w: Float64Array) => number, grad: (w: Float64Array, out: Float64Array) => void): Var {
  let total = 0;
  for (const w of ws) total += r(w.value.data);
  if (ws.length === 0) return ad.constant(linalg.scalar(0));
  return ad.customOp(op, linalg.scalar(total), ws, (g) => {
    const gs = g.data[0]!;
    return ws.map((w) => {
      const out = new Float64Array(w.value.data.length);
      grad(w.value.data, out);
      for (let k = 0; k < out.length; k++) out[k] = gs * out[k]!;
      return { shape: [...w.value.shape], data: out };
    });
  });
}

const sumAbs = (w: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < w.length; k++) s += Math.abs(w[k]!);
  return s;
};
const sumSquares = (w: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k]!;
    s += wk * wk;
  }
  return s;
};
const signInto = (w: Float64Array, out: Float64Array): void => {
  for (let k = 0; k < w.length; k++) {
    const wk = w[k]!;
    out[k] = wk > 0 ? 1 : wk < 0 ? -1 : 0;
  }
};
const twiceInto = (w: Float64Array, out: Float64Array): void => {
  for (let k = 0; k < w.length; k++) out[k] = 2 * w[k]!;
};

/** R_L1 = Σ_w Σ_k |w_k| (the lasso penalty); subgradient sign(w_k), 0 at w_k = 0. */
export function l1Penalty(weights: Weights): Var {
  return penalty('l1Penalty', varsOf(weights, 'l1Penalty'), sumAbs, signInto);
}

/** R_L2 = Σ_w Σ_k w_k² (the 001 deck's squared L2, ridge); gradient 2w. */
export function l2Penalty(weights: Weights): Var {
  return penalty('l2Penalty', varsOf(weights, 'l2Penalty'), sumSquares, twiceInto);
}

/** ‖w‖₂ = s·√Σ(w_k/s)² with s = max|w_k| (no overflow or underflow of the squares); 0 for w = 0. */
const norm2 = (w: Float64Array): number => {
  let s = 0;
  for (let k = 0; k < w.length; k++) s = Math.max(s, Math.abs(w[k]!));
  if (s === 0 || !Number.isFinite(s)) return s;
  let sum = 0;
  for (let k = 0; k < w.length; k++) {
    const r = w[k]! / s;
    sum += r * r;
  }
  return s * Math.sqrt(sum);
};

/** Σ_w ‖w‖₂, the norm of each tensor, not squared (the 000 deck's L2); gradient w/‖w‖₂, 0 for w = 0. */
export function l2NormPenalty(weights: Weights): Var {
  return penalty('l2NormPenalty', varsOf(weights, 'l2NormPenalty'), norm2, (w, out) => {
    const norm = norm2(w);
    if (norm === 0) return;
    for (let k = 0; k < w.length; k++) out[k] = w[k]! / norm;
  });
}

/** Σ_w ‖w‖∞ = Σ_w max_k |w_k|; subgradient sign(w_k*) at the first k* of largest |w_k|, 0 elsewhere. */
export function lInfPenalty(weights: Weights): Var {
  const argmaxAbs = (w: Float64Array): number => {
    let best = -1, value = -1;
    for (let k = 0; k < w.length; k++) {
      const a = Math.abs(w[k]!);
      if (a > value || Number.isNaN(a)) {
        best = k;
        value = a;
        if (Number.isNaN(a)) break;
      }
    }
    return best;
  };
  return penalty('lInfPenalty', varsOf(weights, 'lInfPenalty'), (w) => {
    const k = argmaxAbs(w);
    return k < 0 ? 0 : Math.abs(w[k]!);
  }, (w, out) => {
    const k = argmaxAbs(w);
    if (k < 0) return;
    const wk = w[k]!;
    out[k] = wk > 0 ? 1 : wk < 0 ? -1 : 0;
  });
}

/**
 * R_EN = α·R_L1 + (1 − α)·R_L2 (001), α ∈ [0, 1] the mixing ratio: α = 1
 * is the L1 penalty, α = 0 the squared L2. (scikit-learn's ElasticNet
 * calls α `l1_ratio`, names the strength `alpha`, and halves its L2 term:
 * its parameters do not carry over.)
 */
export function elasticNetPenalty(weights: Weights, alpha: number): Var {
  const where = 'elasticNetPenalty';
  const ws = varsOf(weights, where);
  const a = assertNumber(alpha, 'alpha', where, { min: 0, max: 1 });
  return penalty(where, ws, (w) => a * sumAbs(w) + (1 - a) * sumSquares(w), (w, out) => {
    for (let k = 0; k < w.length; k++) {
      const wk = w[k]!;
      out[k] = a * (wk > 0 ? 1 : wk < 0 ? -1 : 0) + (1 - a) * 2 * wk;
    }
  });
}

/** Internal: throw unless v is a scalar Var (shape [] or one entry). */
function assertScalarVar(v: unknown, name: string, where: string): Var {
  if (!(v instanceof Var)) throw new ArgumentTypeError(`${where}: ${name} must be a scalar Var (a loss, a penalty), got ${describeValue(v)}`);
  if (v.value.data.length !== 1) throw new ShapeError(`${where}: ${name} must be a scalar, got shape ${formatShape(v.value.shape)}`);
  return v;
}

/**
 * L = dataLoss + λ·R (EQ-REGULARIZERS-01), λ ≥ 0: a scalar Var whose
 * gradient is ∇dataLoss + λ∇R. λ = 0 gives the data loss's value and
 * gradient exactly.
 *
 *   const L = regularized(mse(net.forward(x), y), 1e-3, l2Penalty(weightsOf(net)));
 */
export function regularized(dataLoss: Var, lambda: number, R: Var): Var {
  const where = 'regularized';
  assertScalarVar(dataLoss, 'dataLoss', where);
  const l = assertNumber(lambda, 'lambda', where, { min: 0 });
  assertScalarVar(R, 'R', where);
  return ad.add(dataLoss, ad.mul(R, l));
}

/** What `weightsOf` reads: a model with named parameters (a layers Module). */
export interface HasNamedParameters {
  namedParameters(): readonly (readonly [string, Var])[];
}

/**
 * The parameters to penalise: those of rank ≥ 2 (weight matrices, kernels),
 * without biases and normalisation's γ, β (rank ≤ 1); `{ biases: true }`
 * takes them all. In the model's parameter order.
 */
export function weightsOf(model: HasNamedParameters, options?: { biases?: boolean }): Var[] {
  const where = 'weightsOf';
  if (typeof model !== 'object' || model === null || typeof (model as Partial<HasNamedParameters>).namedParameters !== 'function') {
    throw new ArgumentTypeError(`${where}: model must have namedParameters() (a layers Module), got ${describeValue(model)}`);
  }
  const o = assertOptions(options, ['biases'], where);
  const all = assertBoolean(o.biases ?? false, 'biases', where);
  return model.namedParameters().map(([, v]) => v).filter((v) => all || v.value.shape.length >= 2);
}

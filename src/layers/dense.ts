/**
 * Dense — the fully connected (affine) layer, in the row-vector convention:
 *
 *   Y = X·W + b        X: n×in (rows are samples), W: in×out, b: [out], Y: n×out
 *   Y[i, j] = Σₖ X[i, k]·W[k, j] + b[j]
 *
 * Column j of W holds the incoming weights of unit j (EQ-LAYERS-21: "W =
 * [w₁ w₂]"), and b is added to every row (broadcast). How the decks write
 * the same map:
 *
 *   000  Σᵢ wᵢxᵢ + b, one neuron                      one column w of W, b a scalar
 *   001  ŷ = W₁x + b₁, column vectors, W₁: out×in    W = W₁ᵀ; a sample is a row xᵀ: (W₁x)ᵀ = xᵀW₁ᵀ
 *   002  z = f(b + xᵀW), row vectors, W: in×out      exactly this layer (then f)
 *   003  X⁽ˡ⁺¹⁾ = σ_ℓ(X⁽ˡ⁾W⁽ˡ⁾), W⁽ˡ⁾: k_ℓ×k_{ℓ+1}   this layer with { bias: false }, then σ_ℓ
 *
 * so a column-convention network with weights W₁ equals this one with
 * W = W₁ᵀ (EQ-LAYERS-22). A one-sample input [in] gives [out]. One Dense
 * layer with the identity is linear regression's model ŷ = Xw + b
 * (EQ-LAYERS-20), and Dense layers stacked without an activation between
 * them collapse into one, W = W₁W₂, b = b₁W₂ + b₂ (EQ-LAYERS-16): the
 * non-linearity is what makes depth worth having.
 *
 * forward is one autodiff matmul and one broadcast add (the gradient of b
 * is the column sum of ∂L/∂Y), nothing else: training a network of Dense
 * layers costs what the same ops cost by hand.
 *
 * Options:
 *   rng   the Rng that draws W (required unless init is 'zeros')
 *   init  an initialiser name or function for W; default 'glorotUniform'
 *         (Var = 2/(in + out); see init.ts for the choice and for He)
 *   bias  add b, initialised to zeros (default true)
 */
import { ShapeError, assertBoolean, assertInteger, assertOptions, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Var } from '../autodiff/index.js';
import type { Rng } from '../random/index.js';
import { initialize } from './init.js';
import type { Initializer, InitializerName } from './init.js';
import { Module, assertVar } from './module.js';

export interface DenseOptions {
  /** Draws W (required unless init is 'zeros'). */
  rng?: Rng;
  /** Initialiser of W by name or as a function (default 'glorotUniform'). */
  init?: InitializerName | Initializer;
  /** Add a bias b, starting at zero (default true). */
  bias?: boolean;
}

export class Dense extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** The weights, in×out: column j holds unit j's incoming weights. */
  readonly W: Var;
  /** The bias [out], or null for a layer made with { bias: false }. */
  readonly b: Var | null;

  constructor(inFeatures: number, outFeatures: number, options?: DenseOptions) {
    super();
    const where = 'Dense';
    this.inFeatures = assertInteger(inFeatures, 'inFeatures', where, { min: 1 });
    this.outFeatures = assertInteger(outFeatures, 'outFeatures', where, { min: 1 });
    const o = assertOptions(options, ['rng', 'init', 'bias'], where);
    const bias = assertBoolean(o.bias ?? true, 'bias', where);
    const W = initialize(o.init ?? 'glorotUniform', [inFeatures, outFeatures], o.rng, where);
    this.W = this.registerParameter('W', W);
    this.b = bias ? this.registerParameter('b', linalg.zeros([outFeatures])) : null;
  }

  /** Y = X·W + b for X: n×in (or one sample [in]); ShapeError when the last dimension is not in. */
  forward(x: Var): Var {
    assertVar(x, 'Dense.forward');
    const s = x.value.shape;
    if ((s.length !== 1 && s.length !== 2) || s[s.length - 1] !== this.inFeatures) {
      throw new ShapeError(`Dense.forward: expected an input [n, ${this.inFeatures}] or [${this.inFeatures}], got ${formatShape(s)}`);
    }
    const y = ad.matmul(x, this.W);
    return this.b === null ? y : ad.add(y, this.b);
  }

  /** [n, out] for [n, in], [out] for [in] (ShapeError otherwise). */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'Dense.outputShape');
    const s = inputShape;
    if ((s.length !== 1 && s.length !== 2) || s[s.length - 1] !== this.inFeatures) {
      throw new ShapeError(`Dense.outputShape: expected an input [n, ${this.inFeatures}] or [${this.inFeatures}], got ${formatShape(s)}`);
    }
    return [...s.slice(0, -1), this.outFeatures];
  }

  override toString(): string {
    return `Dense(${this.inFeatures} → ${this.outFeatures}${this.b === null ? ', no bias' : ''})`;
  }
}

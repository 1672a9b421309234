/**
 * Attention (EQ-LAYERS-41, 42, 43, 44, 45, 47; 004 "Looking at everyone around you to
 * determine your update", "Learning the weights: Query, Key, Value",
 * "Multi-head attention", "The Transformer"). Rows are tokens: X is T×d
 * (one sequence) or B×T×d (a batch), and every product over the batch is
 * one autodiff `bmm`.
 *
 * Parameter-free self-attention, as the deck builds it (`basicSelfAttention`):
 *
 *   w′_ij = x_iᵀx_j,   w_ij = exp w′_ij / Σ_j exp w′_ij,   y_i = Σ_j w_ij x_j
 *
 * Queries, keys and values (`attention`, `SelfAttention`): each x_i is used
 * three times, through three learnt maps (row convention, Q = X·W_q with
 * W_q: d×d_k, the deck's W_q transposed):
 *
 *   Q = X·W_q,  K = X·W_k,  V = X·W_v,   W = softmax_rows(s·QKᵀ),   Y = W·V
 *
 * The scale s. The deck has none (s = 1); Vaswani et al. use s = 1/√d_k.
 * The default here is s = 1/√d_k for `attention`, `SelfAttention` and
 * `MultiHeadAttention`, and s = 1 for `basicSelfAttention` (the deck's
 * formula, which has no d_k to speak of). Why: for queries and keys with
 * independent unit-variance entries, q·k is a sum of d_k such products and
 * has variance d_k; without the scale the logits grow like √d_k, the
 * softmax saturates towards one-hot rows, and its gradient y(g − Σgy)
 * vanishes. Dividing by √d_k keeps the logits' variance at 1 whatever d_k.
 * Pass `scale: 1` for the slide form.
 *
 * Masks (each 1 = may attend, 0 = may not; a masked logit becomes −∞, so
 * its weight is exactly 0 and no gradient reaches it):
 *   causal       query i sees keys j ≤ i only (a decoder; the output at i
 *                then does not depend on inputs after i)
 *   paddingMask  B×T_k (or [T_k]): 0 at padded key positions (padSequences
 *                makes it); padded queries still get an output, to ignore
 *   mask         any 0/1 tensor broadcasting to B×T_q×T_k (or T_q×T_k)
 * A query whose every key is masked gets uniform weights (softmax's
 * convention for a row of −∞), not NaN.
 *
 * Multi-head attention as single matrices: the h heads' maps W_q^(j)
 * (d×d_h, d_h = d/h) are the column blocks of one d×d matrix W_q (and so
 * for W_k, W_v). Q = X·W_q is computed once, viewed as B×T×h×d_h, its axes
 * permuted to B×h×T×d_h, and every head attends in one bmm over B·h; the
 * heads' outputs are concatenated back to B×T×d and mapped by W_o (d×d).
 * This equals computing each head separately and concatenating (EQ-LAYERS-45).
 *
 * The Transformer encoder block (EQ-LAYERS-47), post-norm by default, as in
 * the figure of the deck (Vaswani et al.; PyTorch's default):
 *
 *   post-norm   Z = LN(X + MHA(X)),   Y = LN(Z + FFN(Z))
 *   pre-norm    Z = X + MHA(LN(X)),   Y = Z + FFN(LN(Z))
 *
 * with FFN(z) = relu(z·W₁ + b₁)·W₂ + b₂ (d → d_ff → d, d_ff = 4d by
 * default). Pre-norm keeps an identity path from input to output and
 * trains deep stacks more stably; post-norm is the original. No dropout
 * inside the block (add Dropout layers around it for training).
 *
 * Without a positional encoding, attention and the whole block are
 * permutation-equivariant: permuting the tokens permutes the outputs
 * (EQ-LAYERS-44); the causal mask breaks this on purpose.
 */
import { ArgumentTypeError, ShapeError, ValueError, assertBoolean, assertInteger, assertNumber, assertOneOf, assertOptions, describeValue, formatShape } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import type { Operand, Var } from '../autodiff/index.js';
import type { Rng } from '../random/index.js';
import { ReLU } from './activations.js';
import { Dense } from './dense.js';
import { initialize } from './init.js';
import type { Initializer, InitializerName } from './init.js';
import { LayerNorm } from './layer-norm.js';
import { Module, assertVar } from './module.js';
import { Sequential } from './sequential.js';

/** Which keys each query may attend to. */
export interface AttentionMaskOptions {
  /** Query i attends to keys j ≤ i only (default false). */
  causal?: boolean;
  /** B×T_k (or [T_k] for one sequence): 1 at real tokens, 0 at padding (default none). */
  paddingMask?: Tensor;
  /** A 0/1 tensor broadcasting to B×T_q×T_k (or T_q×T_k): 1 where query i may attend to key j (default none). */
  mask?: Tensor;
}

/** Options of `attention` and `basicSelfAttention`. */
export interface AttentionOptions extends AttentionMaskOptions {
  /** s in softmax(s·QKᵀ): default 1/√d_k for attention, 1 for basicSelfAttention. */
  scale?: number;
}

/** An attention output and its weights. */
export interface AttentionResult {
  /** Y = W·V: B×T_q×d_v (T_q×d_v for one sequence). */
  output: Var;
  /** W = softmax_rows(s·QKᵀ) after masking: B×T_q×T_k (T_q×T_k); rows are non-negative and sum to 1. */
  weights: Var;
}

const MASK_KEYS = ['causal', 'paddingMask', 'mask'] as const;

/** An operand as a Var of rank 2 or 3 (named `name` for `where`). Internal. */
function sequenceOperand(x: unknown, name: string, where: string): Var {
  const v = x instanceof ad.Var ? x : ad.constant(checkedTensor(x, name, where));
  const r = v.value.shape.length;
  if (r !== 2 && r !== 3) throw new ShapeError(`${where}: ${name} must be T×d or B×T×d, got shape ${formatShape(v.value.shape)}`);
  return v;
}

/** A Tensor argument, checked. Internal. */
function checkedTensor(x: unknown, name: string, where: string): Tensor {
  if (typeof x === 'number' || x === null || typeof x !== 'object') {
    throw new ArgumentTypeError(`${where}: ${name} must be a Var or a Tensor, got ${describeValue(x)}`);
  }
  linalg.assertTensor(x, name, where);
  return x as Tensor;
}

/**
 * The 0/1 condition B×T_q×T_k of the mask options (null when nothing is
 * masked), checked as `where`'s: shapes of the padding mask and of the
 * general mask (ShapeError when wrong), entries finite.
 */
function maskCondition(o: AttentionMaskOptions, B: number, Tq: number, Tk: number, single: boolean, where: string): Tensor | null {
  const causal = assertBoolean(o.causal ?? false, 'causal', where);
  const parts: Tensor[] = []; // each broadcasts to B×T_q×T_k
  if (o.paddingMask !== undefined) {
    const p = checkedTensor(o.paddingMask, 'paddingMask', where);
    const want = single ? [Tk] : [B, Tk];
    if (!linalg.sameShape(p.shape, want)) {
      throw new ShapeError(`${where}: paddingMask must have shape ${formatShape(want)} (1 at tokens, 0 at padding), got ${formatShape(p.shape)}`);
    }
    parts.push(linalg.reshape(zeroOne(p, 'paddingMask', where), [B, 1, Tk]));
  }
  if (o.mask !== undefined) {
    const m = checkedTensor(o.mask, 'mask', where);
    const target = single ? [Tq, Tk] : [B, Tq, Tk];
    const fits = m.shape.length <= target.length && m.shape.every((n, i) => n === 1 || n === target[target.length - m.shape.length + i]);
    if (!fits) {
      throw new ShapeError(`${where}: mask of shape ${formatShape(m.shape)} does not broadcast to ${formatShape(target)} (queries × keys)`);
    }
    parts.push(linalg.reshape(linalg.mul(zeroOne(m, 'mask', where), linalg.ones(target)), [B, Tq, Tk]));
  }
  if (causal) {
    const c = linalg.zeros([1, Tq, Tk]);
    for (let i = 0; i < Tq; i++) for (let j = 0; j <= i && j < Tk; j++) c.data[i * Tk + j] = 1;
    parts.push(c);
  }
  return parts.length === 0 ? null : parts.reduce((a, b) => linalg.mul(a, b), linalg.ones([B, Tq, Tk]));
}

/** A mask checked to hold only 0 and 1 (ValueError otherwise). Internal. */
function zeroOne(m: Tensor, name: string, where: string): Tensor {
  const bad = m.data.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) throw new ValueError(`${where}: ${name} must hold 0 and 1 only, got ${m.data[bad]} at ${bad}`);
  return m;
}

/** The attention of checked rank-3 operands. Internal: shapes are valid, cond is B×T_q×T_k or null. */
function attend(q: Var, k: Var, v: Var, scale: number, cond: Tensor | null): { output: Var; weights: Var } {
  let scores = ad.bmm(q, k, { transB: true });
  if (scale !== 1) scores = ad.mul(scores, scale);
  if (cond !== null) scores = ad.where(cond, scores, -Infinity);
  const weights = ad.softmax(scores, -1);
  return { output: ad.bmm(weights, v), weights };
}

/**
 * Y = softmax_rows(s·QKᵀ)·V with masks, for q: T_q×d_k, k: T_k×d_k,
 * v: T_k×d_v (one sequence) or the same with a leading batch axis B
 * (Vars, or Tensors taken as constants). Options: `scale` s (default
 * 1/√d_k), `causal`, `paddingMask`, `mask` (see the file comment).
 * Returns the output and the weights.
 */
export function attention(q: Operand, k: Operand, v: Operand, options?: AttentionOptions): AttentionResult {
  return attentionAs(q, k, v, options, 'attention');
}

/** attention, with errors naming `where` (the public function called). Internal. */
function attentionAs(q: unknown, k: unknown, v: unknown, options: AttentionOptions | undefined, where: string): AttentionResult {
  const Q = sequenceOperand(q, 'q', where), K = sequenceOperand(k, 'k', where), V = sequenceOperand(v, 'v', where);
  const qs = Q.value.shape, ks = K.value.shape, vs = V.value.shape, r = qs.length;
  if (ks.length !== r || vs.length !== r) {
    throw new ShapeError(`${where}: q, k and v must have the same rank, got shapes ${formatShape(qs)}, ${formatShape(ks)}, ${formatShape(vs)}`);
  }
  const B = r === 3 ? qs[0]! : 1, dk = qs[r - 1]!, Tq = qs[r - 2]!, Tk = ks[r - 2]!;
  if ((r === 3 && (ks[0] !== B || vs[0] !== B)) || ks[r - 1] !== dk || vs[r - 2] !== Tk) {
    throw new ShapeError(`${where}: expected q [B, T_q, d_k], k [B, T_k, d_k], v [B, T_k, d_v], got ${formatShape(qs)}, ${formatShape(ks)}, ${formatShape(vs)}`);
  }
  const o = assertOptions(options, ['scale', ...MASK_KEYS], where);
  const scale = assertNumber(o.scale ?? 1 / Math.sqrt(dk), 'scale', where);
  const cond = maskCondition(o, B, Tq, Tk, r === 2, where);
  const lift3 = (x: Var): Var => (r === 2 ? ad.reshape(x, [1, ...x.value.shape]) : x);
  const res = attend(lift3(Q), lift3(K), lift3(V), scale, cond);
  return r === 2 ? { output: ad.reshape(res.output, [Tq, vs[1]!]), weights: ad.reshape(res.weights, [Tq, Tk]) } : res;
}

/**
 * The deck's parameter-free self-attention: w′_ij = s·x_iᵀx_j,
 * w_ij = softmax_j(w′_ij), y_i = Σ_j w_ij x_j, for X: T×d or B×T×d.
 * Options: `scale` s (default 1, the deck's form), the masks.
 */
export function basicSelfAttention(x: Operand, options?: AttentionOptions): AttentionResult {
  const where = 'basicSelfAttention';
  const X = sequenceOperand(x, 'x', where);
  const o = assertOptions(options, ['scale', ...MASK_KEYS], where);
  const scale = assertNumber(o.scale ?? 1, 'scale', where);
  return attentionAs(X, X, X, { ...o, scale }, where);
}

/** x·W for x: B×T×d (or T×d) and W: d×m, as one matmul over the B·T rows. Internal. */
function linear(x: Var, W: Var): Var {
  const s = x.value.shape;
  const out = ad.matmul(ad.reshape(x, [-1, s[s.length - 1]!]), W);
  return ad.reshape(out, [...s.slice(0, -1), W.value.shape[1]!]);
}

/** Check a sequence input X: T×d or B×T×d with d = `d`, T ≥ 1. Internal. */
function checkSequence(x: unknown, d: number, where: string): asserts x is Var {
  assertVar(x, where);
  const s = x.value.shape;
  if ((s.length !== 2 && s.length !== 3) || s[s.length - 1] !== d) {
    throw new ShapeError(`${where}: expected an input [T, ${d}] or [B, T, ${d}], got ${formatShape(s)}`);
  }
}

export interface SelfAttentionOptions {
  /** Draws W_q, W_k, W_v (required unless init is 'zeros'). */
  rng?: Rng;
  /** d_k, the width of queries and keys (default d). */
  dK?: number;
  /** d_v, the width of values and outputs (default d). */
  dV?: number;
  /** s in softmax(s·QKᵀ) (default 1/√d_k; 1 for the deck's form). */
  scale?: number;
  /** Initialiser of the weights (default 'glorotUniform'). */
  init?: InitializerName | Initializer;
}

/**
 * Single-head self-attention with learnt queries, keys and values
 * (EQ-LAYERS-42): Q = X·W_q, K = X·W_k, V = X·W_v (W_q, W_k: d×d_k,
 * W_v: d×d_v, no biases), Y = softmax_rows(s·QKᵀ)·V.
 */
export class SelfAttention extends Module {
  readonly d: number;
  readonly dK: number;
  readonly dV: number;
  readonly scale: number;
  readonly W_q: Var;
  readonly W_k: Var;
  readonly W_v: Var;

  constructor(d: number, options?: SelfAttentionOptions) {
    super();
    const where = 'SelfAttention';
    this.d = assertInteger(d, 'd', where, { min: 1 });
    const o = assertOptions(options, ['rng', 'dK', 'dV', 'scale', 'init'], where);
    this.dK = assertInteger(o.dK ?? d, 'dK', where, { min: 1 });
    this.dV = assertInteger(o.dV ?? d, 'dV', where, { min: 1 });
    this.scale = assertNumber(o.scale ?? 1 / Math.sqrt(this.dK), 'scale', where);
    const init = o.init ?? 'glorotUniform';
    this.W_q = this.registerParameter('W_q', initialize(init, [d, this.dK], o.rng, where));
    this.W_k = this.registerParameter('W_k', initialize(init, [d, this.dK], o.rng, where));
    this.W_v = this.registerParameter('W_v', initialize(init, [d, this.dV], o.rng, where));
  }

  /** The output and the weights for X: T×d or B×T×d, with the mask options. */
  attend(x: Var, masks?: AttentionMaskOptions): AttentionResult {
    return this.run(x, masks, 'SelfAttention.attend');
  }

  /** Y = softmax_rows(s·QKᵀ)·V: T×d_v or B×T×d_v. */
  forward(x: Var, masks?: AttentionMaskOptions): Var {
    return this.run(x, masks, 'SelfAttention.forward').output;
  }

  /** attend, with errors naming `where`. Internal. */
  private run(x: unknown, masks: unknown, where: string): AttentionResult {
    checkSequence(x, this.d, where);
    const o = assertOptions(masks as AttentionMaskOptions | undefined, [...MASK_KEYS], where);
    return attentionWithin(linear(x, this.W_q), linear(x, this.W_k), linear(x, this.W_v), this.scale, o, where);
  }

  override toString(): string {
    return `SelfAttention(${this.d} → ${this.dV}, d_k = ${this.dK})`;
  }
}

/** attention over projected Q, K, V of one input (masks checked here, as `where`'s). Internal. */
function attentionWithin(Q: Var, K: Var, V: Var, scale: number, o: AttentionMaskOptions, where: string): AttentionResult {
  const s = Q.value.shape, single = s.length === 2;
  const B = single ? 1 : s[0]!, T = s[s.length - 2]!;
  const cond = maskCondition(o, B, T, T, single, where);
  const lift3 = (v: Var): Var => (single ? ad.reshape(v, [1, ...v.value.shape]) : v);
  const res = attend(lift3(Q), lift3(K), lift3(V), scale, cond);
  return single ? { output: ad.reshape(res.output, res.output.value.shape.slice(1)), weights: ad.reshape(res.weights, [T, T]) } : res;
}

export interface MultiHeadAttentionOptions {
  /** Draws the weights (required unless init is 'zeros'). */
  rng?: Rng;
  /** s in softmax(s·QKᵀ) per head (default 1/√d_h). */
  scale?: number;
  /** Map the concatenated heads by W_o: d×d (default true). */
  outputProjection?: boolean;
  /** Initialiser of the weights (default 'glorotUniform'). */
  init?: InitializerName | Initializer;
}

/** What MultiHeadAttention.attend returns. */
export interface MultiHeadResult extends AttentionResult {
  /** The heads' outputs concatenated, before W_o: T×d or B×T×d (columns j·d_h … (j+1)·d_h − 1 are head j's). */
  heads: Var;
}

/**
 * Multi-head self-attention as single matrices (EQ-LAYERS-45): h heads of
 * width d_h = d/h; W_q, W_k, W_v: d×d hold head j's maps in columns
 * j·d_h … (j+1)·d_h − 1; the concatenated heads are mapped by W_o: d×d.
 * d must be divisible by h (ValueError otherwise). No biases.
 */
export class MultiHeadAttention extends Module {
  readonly d: number;
  readonly numHeads: number;
  /** d_h = d/h, the width of each head. */
  readonly headDim: number;
  readonly scale: number;
  readonly W_q: Var;
  readonly W_k: Var;
  readonly W_v: Var;
  /** The output map d×d, or null without outputProjection. */
  readonly W_o: Var | null;

  constructor(d: number, numHeads: number, options?: MultiHeadAttentionOptions) {
    super();
    const where = 'MultiHeadAttention';
    this.d = assertInteger(d, 'd', where, { min: 1 });
    this.numHeads = assertInteger(numHeads, 'numHeads', where, { min: 1 });
    if (d % numHeads !== 0) throw new ValueError(`${where}: d = ${d} is not divisible by the number of heads ${numHeads} (each head has width d/h)`);
    this.headDim = d / numHeads;
    const o = assertOptions(options, ['rng', 'scale', 'outputProjection', 'init'], where);
    this.scale = assertNumber(o.scale ?? 1 / Math.sqrt(this.headDim), 'scale', where);
    const project = assertBoolean(o.outputProjection ?? true, 'outputProjection', where);
    const init = o.init ?? 'glorotUniform';
    this.W_q = this.registerParameter('W_q', initialize(init, [d, d], o.rng, where));
    this.W_k = this.registerParameter('W_k', initialize(init, [d, d], o.rng, where));
    this.W_v = this.registerParameter('W_v', initialize(init, [d, d], o.rng, where));
    this.W_o = project ? this.registerParameter('W_o', initialize(init, [d, d], o.rng, where)) : null;
  }

  /**
   * The output, the concatenated heads and every head's weights
   * (B×h×T×T, or h×T×T for one sequence) for X: T×d or B×T×d.
   */
  attend(x: Var, masks?: AttentionMaskOptions): MultiHeadResult {
    return this.attendAs(x, masks, 'MultiHeadAttention.attend');
  }

  /** attend, with errors naming `where` (the public function called). Internal (the encoder block calls it). */
  attendAs(x: unknown, masks: unknown, where: string): MultiHeadResult {
    checkSequence(x, this.d, where);
    const o = assertOptions(masks as AttentionMaskOptions | undefined, [...MASK_KEYS], where);
    const s = x.value.shape, single = s.length === 2;
    const B = single ? 1 : s[0]!, T = s[s.length - 2]!, h = this.numHeads, dh = this.headDim, d = this.d;
    const cond = maskCondition(o, B, T, T, single, where);
    const x3 = single ? ad.reshape(x, [1, T, d]) : x;
    // B×T×d → B×T×h×d_h → B×h×T×d_h → (B·h)×T×d_h: every head of every sequence in one batch.
    const split = (W: Var): Var => ad.reshape(ad.permute(ad.reshape(linear(x3, W), [B, T, h, dh]), [0, 2, 1, 3]), [B * h, T, dh]);
    const res = attend(split(this.W_q), split(this.W_k), split(this.W_v), this.scale, cond === null ? null : perHead(cond, h));
    const joined = ad.reshape(ad.permute(ad.reshape(res.output, [B, h, T, dh]), [0, 2, 1, 3]), [B, T, d]);
    const output = this.W_o === null ? joined : linear(joined, this.W_o);
    const back = (v: Var): Var => (single ? ad.reshape(v, [T, d]) : v);
    return { output: back(output), heads: back(joined), weights: ad.reshape(res.weights, single ? [h, T, T] : [B, h, T, T]) };
  }

  /** The output (concatenated heads mapped by W_o): T×d or B×T×d. */
  forward(x: Var, masks?: AttentionMaskOptions): Var {
    return this.attendAs(x, masks, 'MultiHeadAttention.forward').output;
  }

  override toString(): string {
    return `MultiHeadAttention(${this.d}, ${this.numHeads} heads of ${this.headDim})`;
  }
}

/** A B×T_q×T_k condition repeated for h heads: (B·h)×T_q×T_k, entry b·h + j = cond[b]. Internal. */
function perHead(cond: Tensor, h: number): Tensor {
  const [B = 0, Tq = 0, Tk = 0] = cond.shape, size = Tq * Tk;
  const out = linalg.zeros([B * h, Tq, Tk]);
  for (let b = 0; b < B; b++) {
    const block = cond.data.subarray(b * size, (b + 1) * size);
    for (let j = 0; j < h; j++) out.data.set(block, (b * h + j) * size);
  }
  return out;
}

export interface TransformerEncoderOptions {
  /** Draws every weight (required unless init is 'zeros'). */
  rng?: Rng;
  /** Width of the feed-forward layer (default 4d). */
  dFF?: number;
  /** 'post' (default: LN after each residual sum, the original) or 'pre' (LN before each sublayer). */
  norm?: 'post' | 'pre';
  /** ε of both LayerNorms (default 1e-5). */
  epsilon?: number;
  /** s of the attention (default 1/√d_h). */
  scale?: number;
}

/**
 * A Transformer encoder block (EQ-LAYERS-47): multi-head self-attention and
 * a position-wise feed-forward network d → d_ff → d (ReLU), each inside a
 * residual connection with a LayerNorm, post-norm by default (see the file
 * comment). Input and output: T×d or B×T×d.
 */
export class TransformerEncoderBlock extends Module {
  readonly d: number;
  readonly norm: 'post' | 'pre';
  readonly attention: MultiHeadAttention;
  readonly norm1: LayerNorm;
  /** FFN: Dense(d, d_ff), ReLU, Dense(d_ff, d). */
  readonly ffn: Sequential;
  readonly norm2: LayerNorm;

  constructor(d: number, numHeads: number, options?: TransformerEncoderOptions) {
    super();
    const where = 'TransformerEncoderBlock';
    assertInteger(d, 'd', where, { min: 1 });
    assertInteger(numHeads, 'numHeads', where, { min: 1 });
    const o = assertOptions(options, ['rng', 'dFF', 'norm', 'epsilon', 'scale'], where);
    const dFF = assertInteger(o.dFF ?? 4 * d, 'dFF', where, { min: 1 });
    this.norm = assertOneOf(o.norm ?? 'post', ['post', 'pre'] as const, 'norm', where);
    const epsilon = assertNumber(o.epsilon ?? 1e-5, 'epsilon', where, { min: 0 });
    const rng = o.rng === undefined ? {} : { rng: o.rng };
    this.d = d;
    this.attention = this.registerModule('attention', new MultiHeadAttention(d, numHeads, { ...rng, ...(o.scale === undefined ? {} : { scale: o.scale }) }));
    this.norm1 = this.registerModule('norm1', new LayerNorm(d, { epsilon }));
    this.ffn = this.registerModule('ffn', new Sequential([new Dense(d, dFF, { ...rng, init: 'heNormal' }), new ReLU(), new Dense(dFF, d, rng)]));
    this.norm2 = this.registerModule('norm2', new LayerNorm(d, { epsilon }));
  }

  /** FFN on every token: the B·T rows through the Sequential. Internal. */
  private feedForward(z: Var): Var {
    const s = z.value.shape;
    return ad.reshape(this.ffn.forward(ad.reshape(z, [-1, this.d])), s);
  }

  /** Y (same shape as X: T×d or B×T×d), with the attention's mask options. */
  forward(x: Var, masks?: AttentionMaskOptions): Var {
    const where = 'TransformerEncoderBlock.forward';
    checkSequence(x, this.d, where);
    assertOptions(masks, [...MASK_KEYS], where);
    const attend = (v: Var): Var => this.attention.attendAs(v, masks, where).output;
    if (this.norm === 'post') {
      const z = this.norm1.forward(ad.add(x, attend(x)));
      return this.norm2.forward(ad.add(z, this.feedForward(z)));
    }
    const z = ad.add(x, attend(this.norm1.forward(x)));
    return ad.add(z, this.feedForward(this.norm2.forward(z)));
  }

  override toString(): string {
    return `TransformerEncoderBlock(${this.d}, ${this.attention.numHeads} heads, ${this.norm}-norm)`;
  }
}

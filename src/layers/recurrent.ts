/**
 * Recurrent layers (EQ-LAYERS-36, 37, 38; 001 "Architecture types: RNN",
 * 004 "RNN: Recurrent Neural Networks"): one cell, the same weights at
 * every step, unrolled over time through autodiff. Row-vector convention as
 * in Dense: x_t is a row of B×d_in, h_t a row of B×H.
 *
 *   Elman RNN  h_t = tanh(x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh)
 *
 *   LSTM       [i | f | g | o] = x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh   (four blocks of H columns)
 *              i = σ(·), f = σ(·), g = tanh(·), o = σ(·)
 *              c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 *
 *   GRU        [r | z | n] blocks of a = x_t·W_ih + b_ih and of b = h_{t−1}·W_hh + b_hh
 *              r = σ(a_r + b_r),   z = σ(a_z + b_z)
 *              n = tanh(a_n + r ⊙ b_n)          (r multiplies the hidden projection
 *                                               with its bias, as PyTorch defines n)
 *              h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
 *
 * Gate order. The columns of W_ih (d_in × G·H), W_hh (H × G·H), b_ih and
 * b_hh (G·H) hold the gates in blocks of H in the order above: LSTM
 * i, f, g, o (G = 4), GRU r, z, n (G = 3), RNN one block. This is PyTorch's
 * order; its weight_ih_l0 is W_ihᵀ (it multiplies column vectors), its
 * bias_ih_l0 is b_ih. All weights and biases start U(−1/√H, 1/√H), as in
 * PyTorch.
 *
 * A layer takes x: B×T×d_in (batch first) or T×d_in (one sequence) and an
 * optional initial state (zeros by default), and `run` returns every hidden
 * state (outputs: B×T×H) and the last one (hidden: B×H, equal to
 * outputs[:, T−1, :]; the LSTM also returns its last cell c_T). `forward`
 * returns the outputs alone, so that a layer fits in a Sequential; a
 * many-to-one model reads `hidden`. The unroll is causal: h_t depends on
 * x_1 … x_t only, and running a sequence in two chunks, passing the state
 * on, gives the same states (EQ-LAYERS-37). There is no parallelism over
 * time: step t needs h_{t−1}.
 *
 * Gradients through time: ∂h_T/∂h_1 = Π_t diag(tanh′(a_t))·W_hhᵀ for the
 * Elman RNN, whose norm is at most ‖W_hh‖₂^{T−1}: it vanishes when the
 * spectral norm is below 1 (EQ-LAYERS-38). The LSTM's cell path carries
 * ∂c_T/∂c_1 = Π_t diag(f_t), close to 1 when the forget gate is open
 * (large b_f), so its gradients reach further back.
 */
import { ArgumentTypeError, ShapeError, assertOptions, describeValue, formatShape, assertInteger } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Tensor } from '../linalg/index.js';
import * as ad from '../autodiff/index.js';
import { Var } from '../autodiff/index.js';
import type { Rng } from '../random/index.js';
import { initialize, uniformInit } from './init.js';
import type { Initializer, InitializerName } from './init.js';
import { Module, assertVar } from './module.js';

export interface RecurrentOptions {
  /** Draws the weights and biases (required unless init is 'zeros'). */
  rng?: Rng;
  /** Initialiser of W_ih, W_hh, b_ih and b_hh (default U(−1/√H, 1/√H), PyTorch's). */
  init?: InitializerName | Initializer;
}

/** The kinds of cell, with their number of gate blocks G. */
type Kind = 'RNN' | 'LSTM' | 'GRU';
const GATES: Record<Kind, number> = { RNN: 1, LSTM: 4, GRU: 3 };

/** The state of an LSTM: hidden h and cell c (each B×H, or [H] for one sequence). */
export interface LSTMState {
  h: Var;
  c: Var;
}

/**
 * The parameters and the step of one cell kind (the base of RNNCell,
 * LSTMCell and GRUCell): W_ih: d_in × G·H, W_hh: H × G·H, b_ih, b_hh: [G·H].
 */
abstract class CellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** Input-to-hidden weights, d_in × G·H (gate blocks of H columns, see the file comment). */
  readonly W_ih: Var;
  /** Hidden-to-hidden weights, H × G·H. */
  readonly W_hh: Var;
  readonly b_ih: Var;
  readonly b_hh: Var;

  constructor(kind: Kind, inputSize: number, hiddenSize: number, options: RecurrentOptions | undefined, where: string) {
    super();
    this.inputSize = assertInteger(inputSize, 'inputSize', where, { min: 1 });
    this.hiddenSize = assertInteger(hiddenSize, 'hiddenSize', where, { min: 1 });
    const o = assertOptions(options, ['rng', 'init'], where);
    const bound = 1 / Math.sqrt(hiddenSize);
    const init: InitializerName | Initializer = o.init ?? ((shape, rng) => uniformInit(shape, rng, { low: -bound, high: bound }));
    const G = GATES[kind] * hiddenSize;
    this.W_ih = this.registerParameter('W_ih', initialize(init, [inputSize, G], o.rng, where));
    this.W_hh = this.registerParameter('W_hh', initialize(init, [hiddenSize, G], o.rng, where));
    this.b_ih = this.registerParameter('b_ih', initialize(init, [G], o.rng, where));
    this.b_hh = this.registerParameter('b_hh', initialize(init, [G], o.rng, where));
  }

  /** x·W_ih + b_ih for rows x (N×d_in): every step's input projection at once. Internal: shapes are valid. */
  project(x: Var): Var {
    return ad.add(ad.matmul(x, this.W_ih), this.b_ih);
  }

  /** Gate block `g` (H columns) of a B×G·H (or [G·H]) pre-activation. Internal. */
  protected block(a: Var, g: number): Var {
    const H = this.hiddenSize;
    return ad.slice(a, g * H, (g + 1) * H, a.value.shape.length - 1);
  }

  /** Check x (B×d_in or [d_in]) and a state tensor (B×H or [H], matching). Internal for step. */
  protected checkStep(x: unknown, h: unknown, name: string, where: string): void {
    assertVar(x, where);
    if (!(h instanceof Var)) throw new ArgumentTypeError(`${where}: ${name} must be a Var, got ${describeValue(h)}`);
    const s = x.value.shape;
    if ((s.length !== 1 && s.length !== 2) || s[s.length - 1] !== this.inputSize) {
      throw new ShapeError(`${where}: expected an input [B, ${this.inputSize}] or [${this.inputSize}], got ${formatShape(s)}`);
    }
    const want = s.length === 2 ? [s[0]!, this.hiddenSize] : [this.hiddenSize];
    if (!linalg.sameShape(h.value.shape, want)) {
      throw new ShapeError(`${where}: ${name} must have shape ${formatShape(want)} for an input ${formatShape(s)}, got ${formatShape(h.value.shape)}`);
    }
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputSize} → ${this.hiddenSize})`;
  }
}

/** The Elman cell h' = tanh(x·W_ih + b_ih + h·W_hh + b_hh). */
export class RNNCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super('RNN', inputSize, hiddenSize, options, 'RNNCell');
  }

  /** One step h' = tanh(x·W_ih + b_ih + h·W_hh + b_hh); x: B×d_in, h: B×H (or [d_in], [H]). */
  step(x: Var, h: Var): Var {
    this.checkStep(x, h, 'h', 'RNNCell.step');
    return this.transition(this.project(x), h);
  }

  /** The step from a projected input a = x·W_ih + b_ih. Internal. */
  transition(a: Var, h: Var): Var {
    return ad.tanh(ad.add(a, ad.add(ad.matmul(h, this.W_hh), this.b_hh)));
  }

  /** One step from h = 0. */
  forward(x: Var): Var {
    const h = zeroStateOf(x, this.hiddenSize, 'RNNCell.forward');
    this.checkStep(x, h, 'h', 'RNNCell.forward');
    return this.transition(this.project(x), h);
  }
}

/** The LSTM cell (gates i, f, g, o; see the file comment). */
export class LSTMCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super('LSTM', inputSize, hiddenSize, options, 'LSTMCell');
  }

  /** One step (h, c) → (h', c'): c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'). */
  step(x: Var, state: LSTMState): LSTMState {
    const where = 'LSTMCell.step';
    assertVar(x, where);
    if (typeof state !== 'object' || state === null) throw new ArgumentTypeError(`${where}: state must be { h, c }, got ${describeValue(state)}`);
    this.checkStep(x, state.h, 'state.h', where);
    this.checkStep(x, state.c, 'state.c', where);
    return this.transition(this.project(x), state);
  }

  /** The step from a projected input. Internal. */
  transition(a: Var, state: LSTMState): LSTMState {
    const z = ad.add(a, ad.add(ad.matmul(state.h, this.W_hh), this.b_hh));
    const i = ad.sigmoid(this.block(z, 0)), f = ad.sigmoid(this.block(z, 1));
    const g = ad.tanh(this.block(z, 2)), o = ad.sigmoid(this.block(z, 3));
    const c = ad.add(ad.mul(f, state.c), ad.mul(i, g));
    return { h: ad.mul(o, ad.tanh(c)), c };
  }

  /** h' of one step from h = c = 0. */
  forward(x: Var): Var {
    const zero = zeroStateOf(x, this.hiddenSize, 'LSTMCell.forward');
    this.checkStep(x, zero, 'h', 'LSTMCell.forward');
    return this.transition(this.project(x), { h: zero, c: zero }).h;
  }
}

/** The GRU cell (gates r, z, n, with n as PyTorch defines it; see the file comment). */
export class GRUCell extends CellBase {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super('GRU', inputSize, hiddenSize, options, 'GRUCell');
  }

  /** One step h' = (1 − z) ⊙ n + z ⊙ h. */
  step(x: Var, h: Var): Var {
    this.checkStep(x, h, 'h', 'GRUCell.step');
    return this.transition(this.project(x), h);
  }

  /** The step from a projected input. Internal. */
  transition(a: Var, h: Var): Var {
    const b = ad.add(ad.matmul(h, this.W_hh), this.b_hh);
    const r = ad.sigmoid(ad.add(this.block(a, 0), this.block(b, 0)));
    const z = ad.sigmoid(ad.add(this.block(a, 1), this.block(b, 1)));
    const n = ad.tanh(ad.add(this.block(a, 2), ad.mul(r, this.block(b, 2))));
    return ad.add(ad.mul(ad.sub(1, z), n), ad.mul(z, h)); // as written, so that z = 1 copies h exactly
  }

  /** One step from h = 0. */
  forward(x: Var): Var {
    const h = zeroStateOf(x, this.hiddenSize, 'GRUCell.forward');
    this.checkStep(x, h, 'h', 'GRUCell.forward');
    return this.transition(this.project(x), h);
  }
}

/** A zero state for an input x (B×d or [d]): B×H or [H]; x checked to be a Var as `where`'s. Internal. */
function zeroStateOf(x: unknown, H: number, where: string): Var {
  assertVar(x, where);
  const s = x.value.shape;
  return ad.constant(linalg.zeros(s.length === 2 ? [s[0]!, H] : [H]));
}

/** What a recurrent layer's `run` returns. */
export interface RecurrentResult {
  /** Every hidden state h_1 … h_T: B×T×H (T×H for one sequence). */
  outputs: Var;
  /** The last hidden state h_T: B×H ([H] for one sequence), equal to outputs[:, T−1, :]. */
  hidden: Var;
}

/** What LSTM's `run` returns: the hidden states and the last cell state c_T. */
export interface LSTMResult extends RecurrentResult {
  /** The last cell state c_T: B×H ([H] for one sequence). */
  cell: Var;
}

/** The initial state of `run` (zeros where absent): Vars or Tensors of shape B×H ([H] for one sequence). */
export interface InitialState {
  /** h_0 (default zeros). */
  h0?: Var | Tensor;
  /** c_0, the LSTM's initial cell (default zeros; LSTM only). */
  c0?: Var | Tensor;
}

/** A checked sequence input: x as B×T×d_in, and whether it came as one sequence T×d_in. */
interface Sequence {
  x: Var;
  B: number;
  T: number;
  single: boolean;
}

/** The unrolled layer around one cell (the base of RNN, LSTM and GRU). */
abstract class RecurrentBase<C extends CellBase> extends Module {
  /** The cell applied at every step (parameters 'cell.W_ih', 'cell.W_hh', 'cell.b_ih', 'cell.b_hh'). */
  readonly cell: C;

  constructor(cell: C) {
    super();
    this.cell = this.registerModule('cell', cell);
  }

  get inputSize(): number {
    return this.cell.inputSize;
  }

  get hiddenSize(): number {
    return this.cell.hiddenSize;
  }

  /** Check x (B×T×d_in or T×d_in, T ≥ 1) as `where`'s. Internal. */
  protected sequence(x: unknown, where: string): Sequence {
    assertVar(x, where);
    const s = x.value.shape, d = this.inputSize;
    if ((s.length !== 2 && s.length !== 3) || s[s.length - 1] !== d || s[s.length - 2] === 0) {
      throw new ShapeError(`${where}: expected an input [B, T, ${d}] (batch first) or [T, ${d}] with T ≥ 1, got ${formatShape(s)}`);
    }
    const single = s.length === 2;
    const B = single ? 1 : s[0]!, T = s[s.length - 2]!;
    return { x: single ? ad.reshape(x, [1, T, d]) : x, B, T, single };
  }

  /** An initial state: zeros, or `given` checked to be B×H ([H] for one sequence). Internal. */
  protected initial(given: unknown, name: string, seq: Sequence, where: string): Var {
    const H = this.hiddenSize;
    if (given === undefined) return ad.constant(linalg.zeros([seq.B, H]));
    if (!(given instanceof Var)) linalg.assertTensor(given, name, where);
    const v = given instanceof Var ? given : ad.constant(given as Tensor);
    const want = seq.single ? [H] : [seq.B, H];
    if (!linalg.sameShape(v.value.shape, want)) {
      throw new ShapeError(`${where}: ${name} must have shape ${formatShape(want)} for this input, got ${formatShape(v.value.shape)}`);
    }
    return seq.single ? ad.reshape(v, [1, H]) : v;
  }

  /**
   * Every step's projected input x_t·W_ih + b_ih, each B×G·H. Internal.
   * One product per step on x_t rather than one for the whole sequence
   * sliced afterwards: the gradient of each slice is a tensor of the whole
   * input's size, so slicing the G·H-wide projection would cost
   * O(T²·B·G·H) in the backward pass, slicing the d_in-wide input (a
   * constant for data, then nothing at all) O(T²·B·d_in) at most.
   */
  protected projections(seq: Sequence): Var[] {
    const { B, T, x } = seq;
    return Array.from({ length: T }, (_, t) => this.cell.project(ad.reshape(ad.slice(x, t, t + 1, 1), [B, this.inputSize])));
  }

  /** outputs B×T×H from the states h_1 … h_T, and the final state, shaped back for one sequence. Internal. */
  protected finish(states: Var[], seq: Sequence): RecurrentResult {
    const H = this.hiddenSize;
    const outputs = ad.concat(states.map((h) => ad.reshape(h, [seq.B, 1, H])), 1);
    const last = states[states.length - 1]!;
    return seq.single ? { outputs: ad.reshape(outputs, [seq.T, H]), hidden: ad.reshape(last, [H]) } : { outputs, hidden: last };
  }

  /** The hidden states h_1 … h_T: B×T×H (T×H for one sequence), from the zero state. */
  forward(x: Var): Var {
    return this.unroll(x, undefined, `${this.constructor.name}.forward`).outputs;
  }

  /** The unroll behind forward and run. Internal. */
  protected abstract unroll(x: unknown, state: InitialState | undefined, where: string): RecurrentResult;

  /**
   * The unroll of a cell whose state is h alone (RNN, GRU): h_t = cell(x_t, h_{t−1})
   * from h_0 (option, default zeros). Internal.
   */
  protected unrollHidden(cell: { transition(a: Var, h: Var): Var }, x: unknown, state: InitialState | undefined, where: string): RecurrentResult {
    const seq = this.sequence(x, where);
    const o = assertOptions(state, ['h0'], where);
    let h = this.initial(o.h0, 'h0', seq, where);
    const states: Var[] = [];
    for (const a of this.projections(seq)) states.push((h = cell.transition(a, h)));
    return this.finish(states, seq);
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputSize} → ${this.hiddenSize})`;
  }
}

/** The Elman RNN layer, h_t = tanh(x_t·W_ih + b_ih + h_{t−1}·W_hh + b_hh), unrolled over T steps. */
export class RNN extends RecurrentBase<RNNCell> {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super(new RNNCell(inputSize, hiddenSize, options));
  }

  /** Every hidden state and the last, from h_0 (option, default zeros). */
  run(x: Var, state?: { h0?: Var | Tensor }): RecurrentResult {
    return this.unroll(x, state, 'RNN.run');
  }

  protected unroll(x: unknown, state: InitialState | undefined, where: string): RecurrentResult {
    return this.unrollHidden(this.cell, x, state, where);
  }
}

/** The LSTM layer (gates i, f, g, o), unrolled over T steps. */
export class LSTM extends RecurrentBase<LSTMCell> {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super(new LSTMCell(inputSize, hiddenSize, options));
  }

  /** Every hidden state, the last one and the last cell, from h_0 and c_0 (options, default zeros). */
  run(x: Var, state?: InitialState): LSTMResult {
    return this.unroll(x, state, 'LSTM.run');
  }

  protected unroll(x: unknown, state: InitialState | undefined, where: string): LSTMResult {
    const seq = this.sequence(x, where);
    const o = assertOptions(state, ['h0', 'c0'], where);
    let s: LSTMState = { h: this.initial(o.h0, 'h0', seq, where), c: this.initial(o.c0, 'c0', seq, where) };
    const states: Var[] = [];
    for (const a of this.projections(seq)) {
      s = this.cell.transition(a, s);
      states.push(s.h);
    }
    return { ...this.finish(states, seq), cell: seq.single ? ad.reshape(s.c, [this.hiddenSize]) : s.c };
  }
}

/** The GRU layer (gates r, z, n), unrolled over T steps. */
export class GRU extends RecurrentBase<GRUCell> {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentOptions) {
    super(new GRUCell(inputSize, hiddenSize, options));
  }

  /** Every hidden state and the last, from h_0 (option, default zeros). */
  run(x: Var, state?: { h0?: Var | Tensor }): RecurrentResult {
    return this.unroll(x, state, 'GRU.run');
  }

  protected unroll(x: unknown, state: InitialState | undefined, where: string): RecurrentResult {
    return this.unrollHidden(this.cell, x, state, where);
  }
}

/**
 * Recurrent layers (EQ-LAYERS-36 … 38): the Elman RNN, the LSTM (gates
 * i, f, g, o) and the GRU (gates r, z, n) against hand-written scalar loops
 * of their equations, read straight from the weights with the documented
 * gate order; the last hidden state; causality and chunking; gradients
 * against central differences; known behaviours of the gates; and the
 * vanishing gradient through time, bounded by ‖W_hh‖₂^{T−1}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ad from '../../src/autodiff/index.js';
import type { Var } from '../../src/autodiff/index.js';
import * as linalg from '../../src/linalg/index.js';
import type { Tensor } from '../../src/linalg/index.js';
import { Dense, GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, Sequential } from '../../src/layers/index.js';
import type { LSTMResult } from '../../src/layers/index.js';
import { Rng } from '../../src/random/index.js';
import { assertClose, assertSameBits, property } from '../harness/index.js';
import { moduleGradCheck, seeds, withRng } from './support.js';

const sig = (v: number): number => 1 / (1 + Math.exp(-v));

/** The weights of a cell as plain arrays: w_ih[p][c], w_hh[q][c], b_ih[c], b_hh[c] (c = gate·H + unit). */
function weightsOf(cell: RNNCell | LSTMCell | GRUCell): { wih: Tensor; whh: Tensor; bih: Tensor; bhh: Tensor } {
  return { wih: cell.W_ih.value, whh: cell.W_hh.value, bih: cell.b_ih.value, bhh: cell.b_hh.value };
}

/**
 * Gate block `gate` of unit u: Σ_p x_p·W_ih[p, gate·H + u] + b_ih[·] (the input part) and
 * Σ_q h_q·W_hh[q, gate·H + u] + b_hh[·] (the hidden part), by scalar loops.
 */
function parts(w: ReturnType<typeof weightsOf>, x: number[], h: number[], gate: number, u: number, H: number): [number, number] {
  const cols = w.wih.shape[1]!, c = gate * H + u;
  let a = w.bih.data[c]!, b = w.bhh.data[c]!;
  x.forEach((xp, p) => { a += xp * w.wih.data[p * cols + c]!; });
  h.forEach((hq, q) => { b += hq * w.whh.data[q * cols + c]!; });
  return [a, b];
}

type Kind = 'RNN' | 'LSTM' | 'GRU';

/** One sequence (T×d as arrays) through the equations of the file comment, unit by unit: every h_t, and the last c. */
function reference(kind: Kind, cell: RNNCell | LSTMCell | GRUCell, xs: number[][], h0: number[], c0: number[]): { hs: number[][]; c: number[] } {
  const H = cell.hiddenSize, w = weightsOf(cell);
  let h = h0.slice(), c = c0.slice();
  const hs: number[][] = [];
  for (const x of xs) {
    const next: number[] = [], nextC: number[] = [];
    for (let u = 0; u < H; u++) {
      if (kind === 'RNN') {
        const [a, b] = parts(w, x, h, 0, u, H);
        next.push(Math.tanh(a + b));
      } else if (kind === 'LSTM') {
        const gate = (g: number): number => { const [a, b] = parts(w, x, h, g, u, H); return a + b; };
        const i = sig(gate(0)), f = sig(gate(1)), g = Math.tanh(gate(2)), o = sig(gate(3));
        const cu = f * c[u]! + i * g;
        nextC.push(cu);
        next.push(o * Math.tanh(cu));
      } else {
        const [ar, br] = parts(w, x, h, 0, u, H), [az, bz] = parts(w, x, h, 1, u, H), [an, bn] = parts(w, x, h, 2, u, H);
        const r = sig(ar + br), z = sig(az + bz), n = Math.tanh(an + r * bn);
        next.push((1 - z) * n + z * h[u]!);
      }
    }
    h = next;
    if (kind === 'LSTM') c = nextC;
    hs.push(h);
  }
  return { hs, c };
}

const make = (kind: Kind, d: number, H: number, rng: Rng): RNN | LSTM | GRU =>
  kind === 'RNN' ? new RNN(d, H, { rng }) : kind === 'LSTM' ? new LSTM(d, H, { rng }) : new GRU(d, H, { rng });

const rows = (t: Tensor, from: number, count: number, width: number): number[][] =>
  Array.from({ length: count }, (_, i) => Array.from(t.data.subarray((from + i) * width, (from + i + 1) * width)));

for (const kind of ['RNN', 'LSTM', 'GRU'] as const) {
  property(`EQ-LAYERS-36 ${kind}: every hidden state (and the LSTM's last cell) equals the hand-written loop of the equations with the documented gate order (1e-12), from zero or a given initial state`, seeds, withRng((rng) => {
    const B = rng.int(1, 4), T = rng.int(1, 9), d = rng.int(1, 5), H = rng.int(1, 5);
    const layer = make(kind, d, H, rng);
    const X = linalg.randn([B, T, d], rng);
    const given = rng.next() < 0.5;
    const h0 = given ? linalg.randn([B, H], rng) : linalg.zeros([B, H]), c0 = given ? linalg.randn([B, H], rng) : linalg.zeros([B, H]);
    const state = given ? (kind === 'LSTM' ? { h0, c0 } : { h0 }) : undefined;
    const out = layer instanceof LSTM ? layer.run(ad.constant(X), state) : layer.run(ad.constant(X), state as { h0: Tensor } | undefined);
    assert.deepEqual(out.outputs.shape, [B, T, H]);
    for (let b = 0; b < B; b++) {
      const ref = reference(kind, layer.cell, rows(X, b * T, T, d), Array.from(h0.data.subarray(b * H, (b + 1) * H)), Array.from(c0.data.subarray(b * H, (b + 1) * H)));
      assertClose(out.outputs.value.data.subarray(b * T * H, (b + 1) * T * H), ref.hs.flat(), { atol: 1e-12, rtol: 1e-12 }, `sequence ${b}`);
      if ('cell' in out) assertClose((out as LSTMResult).cell.value.data.subarray(b * H, (b + 1) * H), ref.c, { atol: 1e-12, rtol: 1e-12 }, `c_T of sequence ${b}`);
    }
    // The returned final state is outputs[:, T−1, :], bit for bit; row b·T + t of outputs viewed as (B·T)×H is (b, t).
    for (let b = 0; b < B; b++) {
      assertSameBits(out.hidden.value.data.subarray(b * H, (b + 1) * H), out.outputs.value.data.subarray(((b * T) + T - 1) * H, (b * T + T) * H), `h_T of sequence ${b}`);
    }
    assert.deepEqual(layer.forward(ad.constant(X)).shape, [B, T, H]);
  }), { runs: 40 });
}

test('EQ-LAYERS-36 one set of weights for every step: the parameter count does not depend on T, sequences of length 1 … 50 run with the same parameters, and one sequence T×d gives T×H and [H]', () => {
  const rng = new Rng(4);
  for (const kind of ['RNN', 'LSTM', 'GRU'] as const) {
    const layer = make(kind, 3, 5, rng), G = { RNN: 1, LSTM: 4, GRU: 3 }[kind];
    assert.equal(layer.numParameters(), G * 5 * (3 + 5 + 2), kind);
    for (const T of [1, 2, 17, 50]) {
      const X = linalg.randn([T, 3], rng);
      const one = layer.run(ad.constant(X));
      assert.deepEqual([one.outputs.shape, one.hidden.shape], [[T, 5], [5]]);
      assertSameBits(one.outputs.value.data, layer.run(ad.constant(linalg.reshape(X, [1, T, 3]))).outputs.value.data, `${kind}, T = ${T}: one sequence as a batch of one`);
    }
    assert.equal(layer.numParameters(), G * 5 * (3 + 5 + 2));
  }
  // Many-to-many: a Dense on every step of the (B·T)×H view, as the deck's SimpleRNN does with out.view(−1, hidden).
  const rnn = new RNN(2, 4, { rng }), fc = new Dense(4, 3, { rng });
  const out = rnn.forward(ad.constant(linalg.randn([2, 6, 2], rng)));
  assert.deepEqual(fc.forward(ad.reshape(out, [-1, 4])).shape, [12, 3]);
  assert.deepEqual(new Sequential([new RNN(2, 4, { rng })]).forward(ad.constant(linalg.randn([2, 6, 2], rng))).shape, [2, 6, 4]);
});

property('EQ-LAYERS-36 each cell\'s step equals its layer on a sequence of length 1, and RNN, LSTM and GRU steps and unrolls pass gradCheck for inputs, states and every weight', seeds, withRng((rng) => {
  const B = rng.int(1, 3), d = rng.int(1, 4), H = rng.int(1, 4), T = rng.int(1, 4);
  const x = linalg.randn([B, d], rng), h = linalg.randn([B, H], rng), c = linalg.randn([B, H], rng);
  const rnnCell = new RNNCell(d, H, { rng }), lstmCell = new LSTMCell(d, H, { rng }), gruCell = new GRUCell(d, H, { rng });
  const checks: [string, ad.GradCheckResult][] = [
    ['RNNCell.step', ad.gradCheck((xv, hv) => rnnCell.step(xv, hv), [x, h])],
    ['GRUCell.step', ad.gradCheck((xv, hv) => gruCell.step(xv, hv), [x, h])],
    ['LSTMCell.step h', ad.gradCheck((xv, hv, cv) => lstmCell.step(xv, { h: hv, c: cv }).h, [x, h, c])],
    ['LSTMCell.step c', ad.gradCheck((xv, hv, cv) => lstmCell.step(xv, { h: hv, c: cv }).c, [x, h, c])],
    ['RNN.run from h0', ad.gradCheck((hv) => new RNN(d, H, { rng: new Rng(9) }).run(ad.constant(linalg.randn([B, T, d], new Rng(8))), { h0: hv }).outputs, [h])],
  ];
  for (const [name, r] of checks) assert.ok(r.ok, `${name}: ${r.message}`);
  const X = linalg.randn([B, T, d], rng);
  for (const kind of ['RNN', 'LSTM', 'GRU'] as const) {
    const check = moduleGradCheck(make(kind, d, H, rng), X, rng);
    assert.ok(check.ratio <= 1, `${kind}: ${check.where}`);
  }
  const layer = new LSTM(d, H, { rng });
  const stepped = layer.cell.step(ad.constant(x), { h: ad.constant(h), c: ad.constant(c) });
  const ran = layer.run(ad.constant(linalg.reshape(x, [B, 1, d])), { h0: h, c0: c });
  assertClose(ran.hidden.value, stepped.h.value, { atol: 1e-15, rtol: 1e-15 }, 'LSTM step against run');
  assertClose(ran.cell.value, stepped.c.value, { atol: 1e-15, rtol: 1e-15 }, 'LSTM cell against run');
  assertSameBits(rnnCell.forward(ad.constant(x)).value.data, rnnCell.step(ad.constant(x), ad.constant(linalg.zeros([B, H]))).value.data, 'forward = step from 0');
}), { runs: 8 });

test('EQ-LAYERS-36 known behaviours: an LSTM whose forget gate is 1 and input gate 0 keeps its cell exactly; a GRU with z = 1 copies h exactly, with z = 0 it is n; an RNN with W = 0 outputs tanh(b)', () => {
  const rng = new Rng(11), d = 3, H = 4, T = 7;
  const X = ad.constant(linalg.randn([2, T, d], rng));
  const lstm = new LSTM(d, H, { rng });
  const bias = lstm.cell.b_ih.value.data;
  for (let u = 0; u < H; u++) {
    bias[u] = -1e3;    // i = σ(−1000) = 0
    bias[H + u] = 1e3; // f = σ(1000) = 1
  }
  const c0 = linalg.randn([2, H], rng);
  assertSameBits(lstm.run(X, { c0 }).cell.value.data, c0.data, 'c_T = c_0');
  const gru = new GRU(d, H, { rng });
  for (let u = 0; u < H; u++) gru.cell.b_ih.value.data[H + u] = 1e3; // z = 1
  const h0 = linalg.randn([2, H], rng);
  const copied = gru.run(X, { h0 });
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < 2; b++) assertSameBits(copied.outputs.value.data.subarray((b * T + t) * H, (b * T + t + 1) * H), h0.data.subarray(b * H, (b + 1) * H), `h_${t + 1} = h_0`);
  }
  for (let u = 0; u < H; u++) gru.cell.b_ih.value.data[H + u] = -1e3; // z = 0: h_1 = n
  const w = weightsOf(gru.cell), x1 = rows(X.value, 0, 1, d)[0]!, h = Array.from(h0.data.subarray(0, H));
  const n = Array.from({ length: H }, (_, u) => {
    const [ar, br] = parts(w, x1, h, 0, u, H), [an, bn] = parts(w, x1, h, 2, u, H);
    return Math.tanh(an + sig(ar + br) * bn);
  });
  assertClose(gru.run(X, { h0 }).outputs.value.data.subarray(0, H), n, { atol: 1e-12, rtol: 1e-12 }, 'z = 0: h_1 = n');
  const rnn = new RNN(d, H, { init: 'zeros' });
  rnn.cell.b_ih.value.data.set([0.5, -1, 2, 0]);
  assertClose(rnn.forward(X).value.data.subarray(0, H), [0.5, -1, 2, 0].map(Math.tanh), { atol: 1e-15, rtol: 0 }, 'h = tanh(b)');
});

property('EQ-LAYERS-37 causality: h_t is bit-identical when the inputs after t change, and two chunks passing the state on give the states of one call', seeds, withRng((rng) => {
  const B = rng.int(1, 3), T = rng.int(2, 9), d = rng.int(1, 4), H = rng.int(1, 4), t = rng.int(1, T);
  for (const kind of ['RNN', 'LSTM', 'GRU'] as const) {
    const layer = make(kind, d, H, rng);
    const X = linalg.randn([B, T, d], rng), X2 = linalg.clone(X);
    for (let b = 0; b < B; b++) for (let s = t; s < T; s++) for (let p = 0; p < d; p++) X2.data[(b * T + s) * d + p] = rng.normal() * 5;
    const a = layer.forward(ad.constant(X)).value, c = layer.forward(ad.constant(X2)).value;
    for (let b = 0; b < B; b++) assertSameBits(c.data.subarray(b * T * H, (b * T + t) * H), a.data.subarray(b * T * H, (b * T + t) * H), `${kind}: h_1 … h_${t} of sequence ${b}`);
    const first = ad.slice(ad.constant(X), 0, t, 1), rest = ad.slice(ad.constant(X), t, T, 1);
    let joined: Var;
    if (layer instanceof LSTM) {
      const one = layer.run(first);
      joined = ad.concat([one.outputs, layer.run(rest, { h0: one.hidden, c0: one.cell }).outputs], 1);
    } else {
      const one = layer.run(first);
      joined = ad.concat([one.outputs, layer.run(rest, { h0: one.hidden }).outputs], 1);
    }
    assertSameBits(joined.value.data, a.data, `${kind}: chunks of ${t} and ${T - t}`);
  }
}), { runs: 30 });

/** ∂h_T/∂v as an H×size(v) matrix, one backward pass per output unit. */
function jacobian(f: () => Var, v: Var): Tensor {
  const y = f(), H = y.value.data.length, n = v.value.data.length;
  const J = linalg.zeros([H, n]);
  for (let u = 0; u < H; u++) {
    v.zeroGrad();
    const seed = linalg.zeros(y.value.shape);
    seed.data[u] = 1;
    f().backward(seed);
    J.data.set(v.grad.data, u * n);
  }
  return J;
}

property('EQ-LAYERS-38 ‖∂h_T/∂h_1‖₂ ≤ ‖W_hh‖₂^{T−1} for random W_hh rescaled to spectral norm 0.9, T ∈ {5, 20, 50}', seeds, withRng((rng) => {
  const d = 2, H = rng.int(2, 6);
  const rnn = new RNN(d, H, { rng });
  const W = rnn.cell.W_hh.value;
  W.data.set(linalg.scale(W, 0.9 / linalg.spectralNorm(W)).data);
  for (const T of [5, 20, 50]) {
    const xs = ad.constant(linalg.randn([T - 1, d], rng)); // x_2 … x_T
    const h1 = ad.variable(linalg.randn([H], rng));
    const J = jacobian(() => rnn.run(xs, { h0: h1 }).hidden, h1);
    const norm = linalg.spectralNorm(J), bound = 0.9 ** (T - 1);
    assert.ok(norm <= bound * (1 + 1e-9), `T = ${T}: ‖∂h_T/∂h_1‖₂ = ${norm} > 0.9^${T - 1} = ${bound}`);
  }
}), { runs: 10 });

test('EQ-LAYERS-38 vanishing gradients (pinned seed): ‖∂h_T/∂x_1‖ of a tanh RNN falls with T, from 0.86 at T = 1 to 4e-19 at T = 50, and an LSTM with forget-gate bias 5 keeps it more than 10⁶ times higher (1e-2)', () => {
  const rng = new Rng(2024), d = 2, H = 8;
  const rnn = new RNN(d, H, { rng }), lstm = new LSTM(d, H, { rng });
  for (let u = 0; u < H; u++) lstm.cell.b_ih.value.data[H + u] = 5; // f ≈ 0.993
  const sensitivity = (layer: RNN | LSTM, T: number): number => {
    const X = ad.variable(linalg.randn([T, d], new Rng(T)));
    const J = jacobian(() => layer.run(X).hidden, X);
    let s = 0;
    for (let u = 0; u < H; u++) for (let p = 0; p < d; p++) s += J.data[u * T * d + p]! ** 2; // the columns of x_1
    return Math.sqrt(s);
  };
  const rnnNorms = [1, 5, 10, 20, 50].map((T) => sensitivity(rnn, T));
  for (let k = 1; k < rnnNorms.length; k++) assert.ok(rnnNorms[k]! < rnnNorms[k - 1]!, `RNN: ${rnnNorms.join(', ')}`);
  assert.ok(rnnNorms[4]! < 1e-3 * rnnNorms[0]!, `RNN at T = 50: ${rnnNorms[4]} against ${rnnNorms[0]} at T = 1`);
  const lstm50 = sensitivity(lstm, 50);
  assert.ok(lstm50 > 1e6 * rnnNorms[4]!, `LSTM ${lstm50} against RNN ${rnnNorms[4]} at T = 50`);
});

test('EQ-LAYERS-36 a recurrent layer saved with stateDict and loaded into a fresh one (another seed) computes the same states bit for bit; the names are cell.W_ih, cell.W_hh, cell.b_ih, cell.b_hh', () => {
  for (const kind of ['RNN', 'LSTM', 'GRU'] as const) {
    const a = make(kind, 3, 4, new Rng(1)), b = make(kind, 3, 4, new Rng(2));
    assert.deepEqual(Object.keys(a.stateDict()), ['cell.W_ih', 'cell.W_hh', 'cell.b_ih', 'cell.b_hh']);
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    const X = ad.constant(linalg.randn([2, 5, 3], new Rng(3)));
    assertSameBits(b.forward(X).value.data, a.forward(X).value.data, kind);
  }
});

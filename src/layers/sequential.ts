/**
 * Sequential — layers applied one after the other (EQ-LAYERS-22, 23, the
 * "LEGO" composition of the 000 deck):
 *
 *   f = f_L ∘ … ∘ f₂ ∘ f₁,     X⁽ˡ⁺¹⁾ = f_ℓ(X⁽ˡ⁾),   ŷ = X⁽ᴸ⁺¹⁾
 *
 * e.g. Sequential([Dense(2, 2), Tanh, Dense(2, 1)]) is ŷ = tanh(XW₁ + b₁)W₂ + b₂.
 * The layers are children named '0', '1', …, so the parameters are
 * '0.W', '0.b', '2.W', '2.b' (activations have none). Composition is
 * associative: a Sequential inside a Sequential computes what the flat one
 * computes. `slice` cuts a network into a trunk and a head that share the
 * layers (EQ-LAYERS-26: f = head ∘ trunk). No layers at all is the identity.
 */
import { ArgumentTypeError, assertInteger, describeValue } from '../errors/index.js';
import * as linalg from '../linalg/index.js';
import type { Var } from '../autodiff/index.js';
import { Module, assertVar } from './module.js';
import type { SummaryRow } from './module.js';

export class Sequential extends Module {
  /** The layers, in the order they are applied. */
  readonly layers: readonly Module[];

  constructor(layers: readonly Module[]) {
    super();
    const where = new.target.name; // 'Sequential', or the subclass being built
    if (!Array.isArray(layers)) throw new ArgumentTypeError(`${where}: layers must be an array of modules, got ${describeValue(layers)}`);
    layers.forEach((layer: unknown, i) => {
      if (!(layer instanceof Module)) {
        throw new ArgumentTypeError(`${where}: layers[${i}] must be a Module (Dense, ReLU, …; note new ReLU(), not ReLU), got ${describeValue(layer)}`);
      }
    });
    this.layers = Object.freeze([...layers]);
    this.layers.forEach((layer, i) => this.registerModule(String(i), layer));
  }

  /** Each layer's forward in turn. */
  forward(x: Var): Var {
    assertVar(x, 'Sequential.forward');
    let h = x;
    for (const layer of this.layers) h = layer.forward(h);
    return h;
  }

  /** The number of layers. */
  get length(): number {
    return this.layers.length;
  }

  /** Layers start … end − 1 (negative counts from the end, as Array.slice) as a Sequential sharing them. */
  slice(start = 0, end = this.layers.length): Sequential {
    const n = this.layers.length;
    assertInteger(start, 'start', 'Sequential.slice', { min: -n, max: n });
    assertInteger(end, 'end', 'Sequential.slice', { min: -n, max: n });
    return new Sequential(this.layers.slice(start, end));
  }

  /** The output shape, layer after layer. */
  override outputShape(inputShape: readonly number[]): number[] {
    linalg.assertShape(inputShape, 'inputShape', 'Sequential.outputShape');
    let shape = [...inputShape];
    for (const layer of this.layers) shape = layer.outputShape(shape);
    return shape;
  }

  /** One row per layer (nested Sequentials expanded, as '1.0', '1.1'); a repeated layer counts its parameters once. */
  override layerSummary(inputShape: readonly number[]): SummaryRow[] {
    linalg.assertShape(inputShape, 'inputShape', 'Sequential.layerSummary');
    const rows: SummaryRow[] = [];
    const firstName = new Map<Module, string>();
    let shape = [...inputShape];
    this.layers.forEach((layer, i) => {
      const seen = firstName.get(layer);
      if (seen !== undefined) {
        shape = layer.outputShape(shape);
        rows.push({ name: String(i), layer: `${layer.toString()} (shared with ${seen})`, outputShape: shape, parameters: 0 });
        return;
      }
      firstName.set(layer, String(i));
      for (const row of layer.layerSummary(shape)) {
        rows.push({ ...row, name: row.name === '' ? String(i) : `${i}.${row.name}` });
        shape = row.outputShape;
      }
    });
    return rows;
  }

  override toString(): string {
    return `Sequential(${this.layers.length} layers)`;
  }
}

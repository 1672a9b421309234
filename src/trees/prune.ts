/**
 * Minimal cost-complexity pruning (Breiman et al., CART, ch. 3), the
 * "pruning" half of the lecture's "Overfitting & pruning" (EQ-TREES-10).
 *
 *   R(t)     = (n_t/n)·I(t)                 cost of node t made a leaf
 *   R(T_t)   = Σ_{leaves ℓ under t} R(ℓ)     cost of the subtree below t
 *   R_α(T)   = R(T) + α·|leaves(T)|           cost-complexity of a tree
 *
 * Collapsing the subtree below t into a leaf changes R_α by
 * R(t) − R(T_t) − α·(|leaves(T_t)| − 1), so it pays once α reaches
 *
 *   g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1)      (the "weakest link").
 *
 * The path: start from the full tree at α₀ = 0; repeatedly take the least
 * g(t) over the internal nodes left, αᵢ = that g, collapse every node whose
 * g equals it, and record αᵢ and R(Tᵢ), until only the root remains. The
 * αᵢ never decrease and R(Tᵢ) never decreases. Pruning at a given α keeps
 * collapsing weakest links while their g ≤ α; the tree left is the smallest
 * subtree that minimises R_α. α = 0 prunes nothing: the full tree.
 */
import type { TreeArrays } from './tree-arrays.js';
import { TreeBuilder } from './tree-arrays.js';

/** The sequence of effective alphas and the total leaf impurity R(Tᵢ) of each pruned tree. */
export interface PruningPath {
  readonly alphas: Float64Array;
  readonly impurities: Float64Array;
}

/**
 * One weakest-link step on the nodes still in the tree (collapsed[t] marks
 * the new leaves): the least g(t) over internal nodes and R(T). Children
 * have larger indices than parents, so a backward loop sees them first.
 * Internal.
 */
function weakestLink(tree: TreeArrays, collapsed: Uint8Array, g: Float64Array): { alpha: number; cost: number } {
  const n = tree.nSamples[0]!;
  const N = tree.nodeCount;
  const subtreeCost = new Float64Array(N), leaves = new Float64Array(N);
  let alpha = Infinity;
  for (let t = N - 1; t >= 0; t--) {
    const own = (tree.nSamples[t]! / n) * tree.impurity[t]!;
    if (tree.feature[t]! < 0 || collapsed[t] === 1) {
      subtreeCost[t] = own;
      leaves[t] = 1;
      g[t] = Infinity;
      continue;
    }
    const l = tree.left[t]!, r = tree.right[t]!;
    subtreeCost[t] = subtreeCost[l]! + subtreeCost[r]!;
    leaves[t] = leaves[l]! + leaves[r]!;
    g[t] = Math.max(0, (own - subtreeCost[t]!) / (leaves[t]! - 1));
  }
  // Only nodes still reachable count: walk from the root, stopping at collapsed nodes.
  const stack = [0];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (tree.feature[t]! < 0 || collapsed[t] === 1) continue;
    if (g[t]! < alpha) alpha = g[t]!;
    stack.push(tree.left[t]!, tree.right[t]!);
  }
  return { alpha, cost: subtreeCost[0]! };
}

/** Collapse every reachable internal node whose g ≤ alpha. Internal. */
function collapseAtMost(tree: TreeArrays, collapsed: Uint8Array, g: Float64Array, alpha: number): void {
  const stack = [0];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (tree.feature[t]! < 0 || collapsed[t] === 1) continue;
    if (g[t]! <= alpha) collapsed[t] = 1;
    else stack.push(tree.left[t]!, tree.right[t]!);
  }
}

/** The cost-complexity pruning path of a grown tree (file comment). */
export function pruningPath(tree: TreeArrays): PruningPath {
  const collapsed = new Uint8Array(tree.nodeCount);
  const g = new Float64Array(tree.nodeCount);
  const alphas = [0], impurities: number[] = [];
  for (;;) {
    const { alpha, cost } = weakestLink(tree, collapsed, g);
    impurities.push(cost);
    if (alpha === Infinity) break; // the root is a leaf
    alphas.push(alpha);
    collapseAtMost(tree, collapsed, g, alpha);
  }
  return { alphas: Float64Array.from(alphas), impurities: Float64Array.from(impurities) };
}

/** The tree pruned at `alpha` ≥ 0 (file comment), renumbered in pre-order; alpha = 0 returns the tree itself. */
export function pruneTree(tree: TreeArrays, alpha: number): TreeArrays {
  if (alpha === 0) return tree;
  const collapsed = new Uint8Array(tree.nodeCount);
  const g = new Float64Array(tree.nodeCount);
  for (;;) {
    const step = weakestLink(tree, collapsed, g);
    if (!(step.alpha <= alpha)) break;
    collapseAtMost(tree, collapsed, g, step.alpha);
  }
  return compact(tree, collapsed);
}

/** The nodes still in the tree, copied in pre-order; collapsed nodes become leaves. Internal. */
function compact(tree: TreeArrays, collapsed: Uint8Array): TreeArrays {
  const K = tree.value.shape[1]!;
  const builder = new TreeBuilder();
  const stack: { t: number; parent: number; isRight: boolean }[] = [{ t: 0, parent: -1, isRight: false }];
  while (stack.length > 0) {
    const { t, parent, isRight } = stack.pop()!;
    const u = builder.add(tree.value.data.subarray(t * K, t * K + K), tree.nSamples[t]!, tree.impurity[t]!);
    if (parent >= 0) (isRight ? builder.right : builder.left)[parent] = u;
    if (tree.feature[t]! < 0 || collapsed[t] === 1) continue;
    builder.feature[u] = tree.feature[t]!;
    builder.threshold[u] = tree.threshold[t]!;
    stack.push({ t: tree.right[t]!, parent: u, isRight: true }, { t: tree.left[t]!, parent: u, isRight: false });
  }
  return builder.finish(K);
}

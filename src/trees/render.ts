/**
 * The tree as the lecture draws it, a "tree of questions" (EQ-TREES-01):
 * each internal node asks "x_f ≥ t?", its "yes" branch first, and each
 * leaf says what it predicts.
 *
 *   num_legs ≥ 3?                       n = 10, gini = 0.48
 *   ├─ yes: num_eyes ≥ 3?               n = 6, gini = 0.278
 *   │  ├─ yes: class no                 n = 1, p = [1, 0]
 *   │  └─ no: class yes                 n = 5, p = [0, 1]
 *   └─ no: class no                     n = 4, p = [1, 0]
 */
import type { TreeArrays } from './tree-arrays.js';

/** How to print a tree; every field is optional. */
export interface RenderOptions {
  /** Names of the d features (default x[0], x[1], …). */
  featureNames?: readonly string[];
  /** Names of the K classes (default the class index); classifiers only. */
  classNames?: readonly string[];
  /** Significant digits of thresholds and values (default 4). */
  digits?: number;
}

const fmt = (x: number, digits: number): string => String(Number(x.toPrecision(digits)));

/**
 * The lines of the rendering; `impurityName` is 'gini', 'entropy' or 'mse',
 * `classifier` says whether a leaf shows a class or a mean. Internal: options
 * already validated (names of the right lengths).
 */
export function renderTree(tree: TreeArrays, impurityName: string, classifier: boolean, options: RenderOptions): string {
  const digits = options.digits ?? 4;
  const K = tree.value.shape[1]!;
  const feature = (f: number): string => options.featureNames?.[f] ?? `x[${f}]`;
  const className = (c: number): string => options.classNames?.[c] ?? String(c);
  const rows: [string, string][] = [];
  const describe = (t: number): [string, string] => {
    const n = tree.nSamples[t]!;
    const stats = `n = ${fmt(n, 12)}, ${impurityName} = ${fmt(tree.impurity[t]!, digits)}`;
    if (tree.feature[t]! >= 0) return [`${feature(tree.feature[t]!)} ≥ ${fmt(tree.threshold[t]!, digits)}?`, stats];
    const v = tree.value.data.subarray(t * K, t * K + K);
    if (!classifier) return [`predict ${fmt(v[0]!, digits)}`, stats];
    let best = 0;
    for (let c = 1; c < K; c++) if (v[c]! > v[best]!) best = c;
    return [`class ${className(best)}`, `${stats}, p = [${Array.from(v, (p) => fmt(p, digits)).join(', ')}]`];
  };
  // Depth-first, "yes" before "no", with an explicit stack (a deep tree must not overflow the call stack).
  const stack: [number, string, string, string][] = [[0, '', '', '']];
  while (stack.length > 0) {
    const [t, prefix, label, childPrefix] = stack.pop()!;
    const [text, stats] = describe(t);
    rows.push([`${prefix}${label}${text}`, stats]);
    if (tree.feature[t]! < 0) continue;
    stack.push([tree.left[t]!, `${childPrefix}└─ `, 'no: ', `${childPrefix}   `]);
    stack.push([tree.right[t]!, `${childPrefix}├─ `, 'yes: ', `${childPrefix}│  `]);
  }
  let width = 0;
  for (const [text] of rows) width = Math.max(width, text.length + 3);
  return rows.map(([text, stats]) => `${text.padEnd(width)}${stats}`).join('\n');
}

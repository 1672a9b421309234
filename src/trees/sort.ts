/**
 * Sorting a node's feature values together with their sample indices: the
 * splitter's O(n log n) step (EQ-TREES-04 sorts each feature once per node).
 *
 *   sortPairs(v, ix, n)   v[0 … n−1] ascending, ix permuted alongside
 *
 * Introsort: quicksort with a median-of-three pivot and a three-way
 * partition (< pivot | = pivot | > pivot, so runs of equal values, such as
 * k-mer counts, cost one pass), insertion sort below 16 entries, and heapsort
 * when the recursion passes 2·log₂ n levels, which caps the worst case at
 * O(n log n). The order of equal values is unspecified; the splitter only
 * evaluates thresholds between distinct values, so it does not depend on it.
 * `sortPairsNaive` (insertion sort, O(n²)) is the twin to read first.
 */

const SMALL = 16;

/** Insertion sort of v[lo … hi−1] with ix alongside; the reference twin and the small-range finish. */
function insertionSort(v: Float64Array, ix: Int32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = v[i]!, k = ix[i]!;
    let j = i - 1;
    while (j >= lo && v[j]! > x) {
      v[j + 1] = v[j]!;
      ix[j + 1] = ix[j]!;
      j--;
    }
    v[j + 1] = x;
    ix[j + 1] = k;
  }
}

/** Plain O(n²) insertion sort of v[0 … n−1] with ix alongside: the readable twin of sortPairs. */
export function sortPairsNaive(v: Float64Array, ix: Int32Array, n: number): void {
  insertionSort(v, ix, 0, n);
}

function swap(v: Float64Array, ix: Int32Array, i: number, j: number): void {
  const t = v[i]!;
  v[i] = v[j]!;
  v[j] = t;
  const s = ix[i]!;
  ix[i] = ix[j]!;
  ix[j] = s;
}

/** Restore the max-heap below `root` in the heap v[lo … lo+size−1]. */
function siftDown(v: Float64Array, ix: Int32Array, lo: number, root: number, size: number): void {
  for (;;) {
    let child = 2 * root + 1;
    if (child >= size) return;
    if (child + 1 < size && v[lo + child + 1]! > v[lo + child]!) child++;
    if (!(v[lo + child]! > v[lo + root]!)) return;
    swap(v, ix, lo + root, lo + child);
    root = child;
  }
}

/** Heapsort of v[lo … hi−1]: the O(n log n) fallback when quicksort recurses too deep. */
function heapSort(v: Float64Array, ix: Int32Array, lo: number, hi: number): void {
  const size = hi - lo;
  for (let root = (size >> 1) - 1; root >= 0; root--) siftDown(v, ix, lo, root, size);
  for (let end = size - 1; end > 0; end--) {
    swap(v, ix, lo, lo + end);
    siftDown(v, ix, lo, 0, end);
  }
}

/** The median of three values. */
function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

function introSort(v: Float64Array, ix: Int32Array, lo: number, hi: number, depth: number): void {
  while (hi - lo > SMALL) {
    if (depth === 0) {
      heapSort(v, ix, lo, hi);
      return;
    }
    depth--;
    const pivot = median3(v[lo]!, v[(lo + hi) >>> 1]!, v[hi - 1]!);
    // Three-way partition: v[lo … lt−1] < pivot, v[lt … gt−1] = pivot, v[gt … hi−1] > pivot.
    let lt = lo, i = lo, gt = hi;
    while (i < gt) {
      const x = v[i]!;
      if (x < pivot) {
        swap(v, ix, lt, i);
        lt++;
        i++;
      } else if (x > pivot) {
        gt--;
        swap(v, ix, i, gt);
      } else {
        i++;
      }
    }
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (lt - lo < hi - gt) {
      introSort(v, ix, lo, lt, depth);
      lo = gt;
    } else {
      introSort(v, ix, gt, hi, depth);
      hi = lt;
    }
  }
  insertionSort(v, ix, lo, hi);
}

/**
 * Sort v[0 … n−1] ascending and apply the same permutation to ix[0 … n−1]
 * (introsort, O(n log n) in the worst case). `depthLimit` is the number of
 * quicksort levels before heapsort takes over (default 2·⌊log₂ n⌋; the spec
 * passes 0 to check the heapsort). Internal: assumes no NaN and n ≤ both lengths.
 */
export function sortPairs(v: Float64Array, ix: Int32Array, n: number, depthLimit = 2 * (31 - Math.clz32(Math.max(n, 1)))): void {
  introSort(v, ix, 0, n, depthLimit);
}

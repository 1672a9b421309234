/**
 * hypot(x, y) = √(x² + y²) without spurious overflow or underflow.
 *
 * Scaling: with a = max(|x|, |y|), both are multiplied by 2⁻⁶⁰⁰ when
 * a > 2³⁰⁰ and by 2⁶⁰⁰ when a < 2⁻³⁰⁰ (exact, except that the smaller one
 * may lose bits that lie far below ulp(a²) when scaled down), so that the
 * squares below neither overflow nor lose their low parts to underflow.
 *
 * Sum of squares in double-double: x² = p_x + e_x and y² = p_y + e_y
 * exactly (Dekker's product with Veltkamp splits), S = s + σ (TwoSum of
 * p_x and p_y, plus e_x + e_y), exact to ~2⁻¹⁰⁵ relative.
 *
 * Square root with one correction: h = √s (correctly rounded), h² = q + ε
 * exactly (Dekker), and
 *
 *   √S ≈ h + ((s − q − ε) + σ)/(2h)
 *
 * (one Newton step; s − q is exact by Sterbenz). The correction is below
 * ulp(h): |error| < 0.51 ulp. A result below 2⁻¹⁰²² (subnormal), scaled
 * back by 2⁻⁶⁰⁰, is rounded once more: |error| < 0.77 ulp there.
 *
 * Special values (as Math.hypot): ±∞ in either argument gives +∞, even with
 * a NaN in the other; otherwise a NaN gives NaN; hypot(±0, ±0) = +0.
 */
const SPLIT = 134217729; // 2²⁷ + 1
const BIG = 2.037035976334486e90; // 2³⁰⁰
const SMALL = 4.9090934652977266e-91; // 2⁻³⁰⁰
const DOWN = 2.409919865102884e-181; // 2⁻⁶⁰⁰
const UP = 4.149515568880993e180; // 2⁶⁰⁰

/** √(x² + y²), within 0.51 ulp (0.77 ulp for a subnormal result); see the file comment. */
export function hypot(x: number, y: number): number {
  let ax = Math.abs(x), ay = Math.abs(y);
  if (ax === Infinity || ay === Infinity) return Infinity;
  if (ax !== ax || ay !== ay) return NaN;
  if (ax < ay) {
    const t = ax;
    ax = ay;
    ay = t;
  }
  if (ay === 0) return ax;
  let scale = 1;
  if (ax > BIG) {
    ax *= DOWN;
    ay *= DOWN;
    scale = UP;
  } else if (ax < SMALL) {
    ax *= UP;
    ay *= UP;
    scale = DOWN;
  }
  // ax² = px + ex, ay² = py + ey (Dekker)
  const cx = ax * SPLIT, x1 = cx - (cx - ax), x2 = ax - x1;
  const px = ax * ax;
  const ex = x1 * x1 - px + 2 * x1 * x2 + x2 * x2;
  const cy = ay * SPLIT, y1 = cy - (cy - ay), y2 = ay - y1;
  const py = ay * ay;
  const ey = y1 * y1 - py + 2 * y1 * y2 + y2 * y2;
  // S = s + sigma (TwoSum of px and py, then the error terms)
  const s = px + py;
  const bb = s - px;
  const sigma = px - (s - bb) + (py - bb) + (ex + ey);
  // h = √s, h² = q + eps (Dekker), one Newton correction
  const h = Math.sqrt(s);
  const ch = h * SPLIT, h1 = ch - (ch - h), h2 = h - h1;
  const q = h * h;
  const eps = h1 * h1 - q + 2 * h1 * h2 + h2 * h2;
  return (h + (s - q - eps + sigma) / (2 * h)) * scale;
}

// Small numerical helpers for the judge (pure): the normal distribution, Mann-Whitney U with
// tie correction, the Hodges-Lehmann shift estimate, a reservoir-friendly subsample, and
// log-gamma / log-beta for the beta-binomial mixtures of the error test, and the exact binomial
// tail of the end-of-window error-rate rule. Hand-written: a few
// lines each, and no statistics package on npm is both small and dependency-free.

/** erfc with relative error < 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit), so tail p-values stay accurate. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** The z with P(Z > z) = p (0 < p < 1), by Acklam's rational approximation refined once by Newton. */
export function normalUpperQuantile(p: number): number {
  if (p <= 0) return Infinity;
  if (p >= 1) return -Infinity;
  const q = 1 - p; // lower-tail probability
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155211597,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  let x: number;
  if (q < 0.02425) {
    const s = Math.sqrt(-2 * Math.log(q));
    x =
      (((((c0 * s + c1) * s + c2) * s + c3) * s + c4) * s + c5) /
      ((((d0 * s + d1) * s + d2) * s + d3) * s + 1);
  } else if (q <= 1 - 0.02425) {
    const s = q - 0.5;
    const r = s * s;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * s) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  } else {
    const s = Math.sqrt(-2 * Math.log(p));
    x =
      -(((((c0 * s + c1) * s + c2) * s + c3) * s + c4) * s + c5) /
      ((((d0 * s + d1) * s + d2) * s + d3) * s + 1);
  }
  // One Newton step on the upper tail keeps relative accuracy for tiny p.
  const err = normalUpperTail(x) - p;
  const pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  return pdf > 0 ? x + err / pdf : x;
}

export interface MannWhitney {
  /** U of the first sample: pairs (a, b) with a > b, ties counting 1/2. */
  u: number;
  /** Normal approximation with tie and continuity correction; positive when a tends to be larger. */
  z: number;
  /** One-sided p-value for "a is stochastically larger than b". */
  pGreater: number;
  /** One-sided p-value for "a is stochastically smaller than b". */
  pLess: number;
}

/** Mann-Whitney U of a against b (normal approximation, tie-corrected). Needs both samples non-empty. */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  // Sort each sample natively, then walk both in order assigning midranks over tie groups.
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let rankSumA = 0;
  let tieTerm = 0;
  let i = 0;
  let j = 0;
  let rank = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    let ta = 0;
    let tb = 0;
    while (i < n1 && x[i] === v) {
      i++;
      ta++;
    }
    while (j < n2 && y[j] === v) {
      j++;
      tb++;
    }
    const t = ta + tb;
    const midrank = rank + (t + 1) / 2;
    rank += t;
    if (t > 1) tieTerm += t * t * t - t;
    rankSumA += ta * midrank;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pGreater: 0.5, pLess: 0.5 };
  const sd = Math.sqrt(variance);
  const d = u - mean;
  const z = d / sd;
  // Continuity correction toward the null on each side.
  return {
    u,
    z,
    pGreater: normalUpperTail((d - 0.5) / sd),
    pLess: normalUpperTail((-d - 0.5) / sd),
  };
}

/** Evenly spaced subsample (deterministic) of at most max values. */
export function thin(values: readonly number[], max: number): number[] {
  if (values.length <= max) return values.slice();
  const out: number[] = [];
  const step = values.length / max;
  for (let i = 0; i < max; i++) out.push(values[Math.floor(i * step)]!);
  return out;
}

/** Hodges-Lehmann estimate of the shift a - b: the median of all pairwise differences (inputs thinned to 400 each). */
export function hodgesLehmann(a: readonly number[], b: readonly number[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  const x = thin(a, 400);
  const y = thin(b, 400);
  const diffs = new Float64Array(x.length * y.length);
  let k = 0;
  for (const xi of x) for (const yj of y) diffs[k++] = xi - yj;
  diffs.sort();
  const m = diffs.length;
  return m % 2 === 1 ? diffs[(m - 1) / 2]! : (diffs[m / 2 - 1]! + diffs[m / 2]!) / 2;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const m = s.length;
  return m % 2 === 1 ? s[(m - 1) / 2]! : (s[m / 2 - 1]! + s[m / 2]!) / 2;
}

/** x·ln(y) with 0·ln(0) = 0 (the likelihood of zero events). */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.61503916999186,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7: relative error < 1e-13 on the range the judge uses). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln of the probability of one particular sequence of n trials with x events under a Beta(a, b) rate. */
export function lnBetaBernoulli(x: number, n: number, a: number, b: number): number {
  return lnBeta(a + x, b + n - x) - lnBeta(a, b);
}

/** ln k! for k < LN_FACTORIAL_TABLE by summing logs (exact to rounding), beyond by Stirling's series. */
const LN_FACTORIAL_TABLE = 256;
let lnFactorials: Float64Array | null = null;

/**
 * ln k! to ~1e-13 absolute (lnGamma's Lanczos fit is good to ~2e-7 only, too coarse for tails
 * near 1e-3 computed as 1 − sum): a table of summed logs for small k, Stirling's series with
 * four correction terms above (its error at k = 256 is below 1e-19).
 */
export function lnFactorial(k: number): number {
  if (k < LN_FACTORIAL_TABLE) {
    if (lnFactorials === null) {
      lnFactorials = new Float64Array(LN_FACTORIAL_TABLE);
      for (let i = 2; i < LN_FACTORIAL_TABLE; i++) lnFactorials[i] = lnFactorials[i - 1]! + Math.log(i);
    }
    return lnFactorials[k]!;
  }
  const k2 = k * k;
  return (
    k * Math.log(k) -
    k +
    0.5 * Math.log(2 * Math.PI * k) +
    1 / (12 * k) -
    1 / (360 * k * k2) +
    1 / (1260 * k2 * k2 * k) -
    1 / (1680 * k2 * k2 * k2 * k)
  );
}

/** ln of the binomial probability P(X = x) for X ~ Binomial(n, p), 0 < p < 1, 0 ≤ x ≤ n. */
function lnBinomialPmf(x: number, n: number, p: number): number {
  return lnFactorial(n) - lnFactorial(x) - lnFactorial(n - x) + x * Math.log(p) + (n - x) * Math.log1p(-p);
}

/**
 * P(X ≥ x) for X ~ Binomial(n, p), exact (a direct sum, started at x's probability from
 * lnFactorial and continued by the ratio of successive terms). Sums the side of the distribution
 * away from the mode (the other side's complement when x is below the mean), so the terms
 * shrink geometrically and the loop stops once they no longer change the sum.
 */
export function binomialUpperTail(x: number, n: number, p: number): number {
  const k = Math.ceil(x);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (!(p > 0)) return 0;
  if (p >= 1) return 1;
  const odds = p / (1 - p);
  if (k > n * p) {
    // Upward from k: term(j+1) / term(j) = (n − j) / (j + 1) · p / (1 − p) < 1 past the mean.
    let sum = 1;
    let term = 1;
    for (let j = k; j < n; j++) {
      term *= ((n - j) / (j + 1)) * odds;
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, Math.exp(lnBinomialPmf(k, n, p) + Math.log(sum)));
  }
  // 1 − P(X ≤ k − 1), downward from k − 1: term(j−1) / term(j) = j / (n − j + 1) · (1 − p) / p.
  let sum = 1;
  let term = 1;
  for (let j = k - 1; j > 0; j--) {
    term *= j / (n - j + 1) / odds;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.max(0, 1 - Math.exp(lnBinomialPmf(k - 1, n, p) + Math.log(sum)));
}

// HDR-style log-linear latency histogram in integer microseconds.
// Values below 256 µs have their own bucket (exact); above, every power of two is split into
// 128 linear sub-buckets, so a bucket is at most 1/128 of its value wide and the reported
// midpoint is within 1/256 (~0.4%) of any value in it. Fixed size (3328 counters, 26 KiB)
// whatever the number or range of samples; two histograms merge by adding counters.

const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS; // 128 sub-buckets per power of two
const LINEAR_LIMIT = SUB_COUNT * 2; // 256: below this every µs has its own bucket
const MAX_VALUE = 0xffffffff; // ~71 minutes in µs; larger values are clamped
export const BUCKET_COUNT = LINEAR_LIMIT + (32 - 8) * SUB_COUNT;

/** Bucket index of a value in µs (integer, clamped to [0, 2^32-1]). */
export function bucketIndex(valueUs: number): number {
  const v = valueUs <= 0 ? 0 : valueUs >= MAX_VALUE ? MAX_VALUE : Math.floor(valueUs);
  if (v < LINEAR_LIMIT) return v;
  const exp = 31 - Math.clz32(v); // floor(log2 v), >= 8
  const shift = exp - SUB_BITS;
  return LINEAR_LIMIT + (exp - 8) * SUB_COUNT + ((v >>> shift) - SUB_COUNT);
}

/** Lowest value (µs) that falls in a bucket. */
export function bucketLow(index: number): number {
  if (index < LINEAR_LIMIT) return index;
  const k = index - LINEAR_LIMIT;
  const exp = 8 + Math.floor(k / SUB_COUNT);
  const mantissa = SUB_COUNT + (k % SUB_COUNT);
  return mantissa * 2 ** (exp - SUB_BITS);
}

/** Width (µs) of a bucket. */
export function bucketWidth(index: number): number {
  if (index < LINEAR_LIMIT) return 1;
  return 2 ** (8 + Math.floor((index - LINEAR_LIMIT) / SUB_COUNT) - SUB_BITS);
}

/** The value reported for a bucket: exact below 256 µs, else the bucket's midpoint. */
export function bucketValue(index: number): number {
  return index < LINEAR_LIMIT ? index : bucketLow(index) + bucketWidth(index) / 2;
}

export class Histogram {
  readonly counts = new Float64Array(BUCKET_COUNT);
  count = 0;
  sumUs = 0;
  minUs = Infinity;
  maxUs = 0;

  record(valueUs: number): void {
    const i = bucketIndex(valueUs);
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.count++;
    this.sumUs += valueUs;
    if (valueUs < this.minUs) this.minUs = valueUs;
    if (valueUs > this.maxUs) this.maxUs = valueUs;
  }

  /** Adds another histogram's samples into this one. */
  merge(other: Histogram): this {
    const a = this.counts;
    const b = other.counts;
    for (let i = 0; i < BUCKET_COUNT; i++) a[i] = (a[i] ?? 0) + (b[i] ?? 0);
    this.count += other.count;
    this.sumUs += other.sumUs;
    if (other.minUs < this.minUs) this.minUs = other.minUs;
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
    return this;
  }

  clone(): Histogram {
    const h = new Histogram();
    h.counts.set(this.counts);
    h.count = this.count;
    h.sumUs = this.sumUs;
    h.minUs = this.minUs;
    h.maxUs = this.maxUs;
    return h;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sumUs = 0;
    this.minUs = Infinity;
    this.maxUs = 0;
  }

  /**
   * The value at percentile p (0..100): the sample of rank ceil(p/100 * n) (nearest-rank, as
   * an exact sorted array would give), within 0.4% relative; null when empty.
   * The extremes report the exact recorded min and max.
   */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    if (rank >= this.count) return this.maxUs;
    let seen = 0;
    const c = this.counts;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += c[i] ?? 0;
      if (seen >= rank) {
        // Clamp into the exact range so p0/p100-adjacent ranks never leave [min, max].
        return Math.min(this.maxUs, Math.max(this.minUs, bucketValue(i)));
      }
    }
    return this.maxUs;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sumUs / this.count;
  }
}

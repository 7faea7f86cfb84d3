import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUCKET_COUNT, Histogram, bucketIndex, bucketLow, bucketWidth } from '../src/traffic/histogram.js';

function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

const value = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const percentile = fc.oneof(
  fc.constantFrom(0, 50, 90, 99, 99.9, 100),
  fc.double({ min: 0, max: 100, noNaN: true }),
);

describe('histogram', () => {
  it('reports every percentile within 1% of the exact sorted-array percentile', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), percentile, (values, p) => {
        const h = new Histogram();
        for (const v of values) h.record(v);
        const exact = exactPercentile(
          [...values].sort((a, b) => a - b),
          p,
        );
        const got = h.percentile(p)!;
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(Math.max(0.01 * exact, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('merging two histograms equals recording all samples into one', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.array(value, { maxLength: 200 }), (a, b) => {
        const ha = new Histogram();
        const hb = new Histogram();
        const all = new Histogram();
        for (const v of a) {
          ha.record(v);
          all.record(v);
        }
        for (const v of b) {
          hb.record(v);
          all.record(v);
        }
        ha.merge(hb);
        expect(ha.count).toBe(all.count);
        expect(Array.from(ha.counts)).toEqual(Array.from(all.counts));
        for (const p of [50, 90, 99, 100]) expect(ha.percentile(p)).toBe(all.percentile(p));
      }),
      { numRuns: 200 },
    );
  });

  it('buckets tile the µs range without gaps and stay under 1/128 relative width', () => {
    for (let i = 1; i < BUCKET_COUNT; i++) {
      expect(bucketLow(i)).toBe(bucketLow(i - 1) + bucketWidth(i - 1));
      if (bucketLow(i) >= 256) expect(bucketWidth(i) / bucketLow(i)).toBeLessThanOrEqual(1 / 128);
      expect(bucketIndex(bucketLow(i))).toBe(i);
    }
  });

  it('keeps a fixed size however many samples it holds', () => {
    const h = new Histogram();
    for (let i = 0; i < 200_000; i++) h.record((i * 7919) % 10_000_000);
    expect(h.counts.length).toBe(BUCKET_COUNT);
    expect(h.count).toBe(200_000);
    expect(h.percentile(100)).toBe(h.maxUs);
  });

  it('returns null percentiles when empty', () => {
    expect(new Histogram().percentile(50)).toBeNull();
  });
});

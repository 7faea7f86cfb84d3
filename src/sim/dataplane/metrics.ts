// Istio's standard metrics (istio_requests_total, istio_request_duration_milliseconds) kept as
// counters keyed by label set, rendered in the Prometheus text format (version 0.0.4).

/** Istio's default histogram buckets for istio_request_duration_milliseconds. */
export const ISTIO_DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
] as const;

/** The labels Istio's telemetry sets on both metrics, in Istio's order. */
export const ISTIO_LABELS = [
  'reporter',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'source_workload_namespace',
  'source_principal',
  'source_app',
  'source_version',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_principal',
  'destination_app',
  'destination_version',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_cluster',
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
] as const;

export type IstioLabelName = (typeof ISTIO_LABELS)[number];
/** Every label except the two known only when the response is: response_code and response_flags. */
export type BaseLabels = Record<Exclude<IstioLabelName, 'response_code' | 'response_flags'>, string>;

/** Past this many label sets new ones are dropped (and counted), so memory stays bounded. */
const MAX_SERIES = 20_000;

export class Series {
  requests = 0;
  sum = 0;
  /** Non-cumulative counts per bucket; the last slot is (largest bound, +Inf). */
  readonly buckets = new Float64Array(ISTIO_DURATION_BUCKETS_MS.length + 1);
  constructor(readonly labelText: string) {}

  observe(ms: number): void {
    this.requests++;
    this.sum += ms;
    let i = 0;
    while (i < ISTIO_DURATION_BUCKETS_MS.length && ms > (ISTIO_DURATION_BUCKETS_MS[i] ?? Infinity)) i++;
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
  }
}

/** Discards observations beyond the series cap. */
const OVERFLOW = new Series('');

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class IstioMetrics {
  private readonly series = new Map<string, Series>();
  droppedSeries = 0;

  /** A recorder for one (reporter, source, destination) label set; cheap per request. */
  recorder(base: BaseLabels): (code: number, flags: string, ms: number) => void {
    const prefix = ISTIO_LABELS.map((name) =>
      name === 'response_code' || name === 'response_flags' ? name : `${name}="${escapeLabel(base[name])}"`,
    );
    const cache = new Map<string, Series>();
    return (code, flags, ms) => {
      const key = `${code}|${flags}`;
      let s = cache.get(key);
      if (!s) {
        const text = prefix
          .map((p) =>
            p === 'response_code'
              ? `response_code="${code}"`
              : p === 'response_flags'
                ? `response_flags="${escapeLabel(flags)}"`
                : p,
          )
          .join(',');
        s = this.get(text);
        cache.set(key, s);
      }
      s.observe(ms);
    };
  }

  private get(labelText: string): Series {
    let s = this.series.get(labelText);
    if (!s) {
      if (this.series.size >= MAX_SERIES) {
        this.droppedSeries++;
        return OVERFLOW;
      }
      s = new Series(labelText);
      this.series.set(labelText, s);
    }
    return s;
  }

  /** The Prometheus text exposition of every series. */
  render(): string {
    const out: string[] = [
      '# HELP istio_requests_total requests_total',
      '# TYPE istio_requests_total counter',
    ];
    for (const s of this.series.values()) out.push(`istio_requests_total{${s.labelText}} ${s.requests}`);
    out.push(
      '# HELP istio_request_duration_milliseconds request_duration_milliseconds',
      '# TYPE istio_request_duration_milliseconds histogram',
    );
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < ISTIO_DURATION_BUCKETS_MS.length; i++) {
        cumulative += s.buckets[i] ?? 0;
        out.push(
          `istio_request_duration_milliseconds_bucket{${s.labelText},le="${ISTIO_DURATION_BUCKETS_MS[i]}"} ${cumulative}`,
        );
      }
      out.push(`istio_request_duration_milliseconds_bucket{${s.labelText},le="+Inf"} ${s.requests}`);
      out.push(`istio_request_duration_milliseconds_sum{${s.labelText}} ${s.sum}`);
      out.push(`istio_request_duration_milliseconds_count{${s.labelText}} ${s.requests}`);
    }
    out.push(
      '# HELP sim_metrics_dropped_series_total label sets not recorded because the series cap was reached',
      '# TYPE sim_metrics_dropped_series_total counter',
      `sim_metrics_dropped_series_total ${this.droppedSeries}`,
    );
    return out.join('\n') + '\n';
  }
}

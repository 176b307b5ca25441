// data-metric: a Prometheus metric the doc names that the code never registers.
import { nameRule } from './nameRule';

export const dataMetric = nameRule({
  id: 'data-metric',
  description: 'A Prometheus metric named by the doc is not registered by the code.',
  kind: 'metric',
  noun: 'metric',
  word: /metrics?|counters?|gauges?|histograms?|summaries/,
  header: /^(metrics?|metric name|prometheus metric)$/,
  valid: (v) => /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(v) && v.includes('_') && !/^[A-Z0-9_]+$/.test(v),
  nameOf: (written) => written.replace(/\{[^}]*\}$/, ''),
  // Histograms and summaries expose `_bucket`, `_sum` and `_count` series under the base name.
  canonical: (v) => v.replace(/_(bucket|sum|count)$/, ''),
  // Series the client library's default collectors and common middleware register by themselves.
  external: (v) => /^(go|process|promhttp|grpc_server|grpc_client|otel|nats_client)_/.test(v),
});

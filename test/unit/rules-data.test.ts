import { join } from 'node:path';
import { loadTree } from '../helpers/fixtureFiles';
import { runRuleCases } from '../helpers/ruleTester';
import { dataCollection } from '../../server/src/rules/data/dataCollection';
import { dataDatabase } from '../../server/src/rules/data/dataDatabase';
import { dataBucket } from '../../server/src/rules/data/dataBucket';
import { dataMetric } from '../../server/src/rules/data/dataMetric';
import { dataObjectKey } from '../../server/src/rules/data/dataObjectKey';
import { dataEndpoint } from '../../server/src/rules/data/dataEndpoint';
import { dataIndex } from '../../server/src/rules/data/dataIndex';

// Storage, serving and metric facts all come from the Go index.
const files = loadTree(join(__dirname, '../fixtures/rules-data'));
const all = [dataCollection, dataDatabase, dataBucket, dataMetric, dataObjectKey, dataEndpoint, dataIndex];

const trueDoc = [
  '# Lumen runtime',
  '',
  '## Storage',
  '',
  'Database: `lumen` (the default of `LUMEN_MONGO_DB`).',
  '',
  '| Collection | Written by | Indexes |',
  '| --- | --- | --- |',
  '| `meters` | ingest | unique on `serial`; compound on `site_id` + `installed_at` |',
  '| `sites` | operators | — |',
  '| `sessions` | api | TTL on `expires_at`: sessions expire after 12 hours |',
  '',
  'Raw batches go to the `meter-readings` bucket as `readings/<site>/<day>/batch.ndjson`; monthly',
  'summaries go to the `meter-exports` bucket, key `exports/{site}/{month}/summary.csv`.',
  '',
  '## Health and metrics',
  '',
  'Every process serves `/livez`, `/readyz` and `/metrics` on `:9464`.',
  '',
  '| Metric | Type |',
  '| --- | --- |',
  '| `lumen_readings_ingested_total` | counter, by `site` |',
  '| `lumen_batch_flush_seconds_bucket` | histogram |',
  '',
].join('\n');

describe('data rules: a true storage and serving description', () => {
  runRuleCases(all, [
    {
      name: 'every name, key, index, route and port matches the code',
      files,
      doc: trueDoc,
      expect: [],
      claims: 17,
    },
    {
      name: 'names mentioned in passing are not claims',
      files,
      doc: '# Lumen runtime\n\nThe `archive` job reads `lumen_legacy` and writes `/tmp/scratch`; see `notes/readme.txt`. Port `8080` is for local use.\n',
      expect: [],
    },
  ]);
});

describe('data rules: names', () => {
  runRuleCases(all, [
    {
      name: 'an unknown collection in a table and in prose',
      files,
      doc: '# Lumen runtime\n\n| Collection | Notes |\n| --- | --- |\n| `meters` | one per meter |\n| `meter_events` | history |\n\nTariffs live in the `tariffs` collection.\n',
      expect: [
        { code: 'data-collection', line: 6, message: 'Doc names collection `meter_events`; no such collection in the code' },
        { code: 'data-collection', line: 8, message: '`tariffs`' },
      ],
    },
    {
      name: 'a misspelt collection is fixed to the code name',
      files,
      doc: '# Lumen runtime\n\nSessions are kept in the `sesions` collection.\n',
      expect: [{ code: 'data-collection', line: 3, message: 'the code uses `sessions` (internal/store/mongo.go:' }],
      output: '# Lumen runtime\n\nSessions are kept in the `sessions` collection.\n',
    },
    {
      name: 'a database that is neither opened nor a default',
      files,
      doc: '# Lumen runtime\n\nAll processes share the `lumen_prod` database.\n',
      expect: [{ code: 'data-database', line: 3, message: '`LUMEN_MONGO_DB` default' }],
    },
    {
      name: 'a bucket known only from a setting default counts; a near miss is fixed',
      files,
      doc: '# Lumen runtime\n\n| Bucket | Holds |\n| --- | --- |\n| `meter-exports` | summaries |\n| `meter-reading` | raw batches |\n',
      expect: [{ code: 'data-bucket', line: 6, message: 'the code uses `meter-readings`' }],
      output: '# Lumen runtime\n\n| Bucket | Holds |\n| --- | --- |\n| `meter-exports` | summaries |\n| `meter-readings` | raw batches |\n',
    },
    {
      name: 'a metric the code never registers',
      files,
      doc: '# Lumen runtime\n\nWatch the `lumen_readings_rejected_total` counter during a rollout, next to the `go_goroutines` and `process_resident_memory_bytes` metrics.\n',
      expect: [{ code: 'data-metric', line: 3, message: '`lumen_readings_rejected_total`' }],
    },
    {
      name: 'a list of metrics introduced by a sentence, written with their labels',
      files,
      doc: '# Lumen runtime\n\nCounters exported on `/metrics`:\n\n- `lumen_readings_ingested_total{source}`\n- `lumen_readings_rejected_total{reason}`\n',
      expect: [{ code: 'data-metric', line: 6, message: '`lumen_readings_rejected_total`' }],
    },
  ]);
});

describe('data rules: object keys', () => {
  runRuleCases(all, [
    {
      name: 'a key whose file name changed is fixed segment-wise',
      files,
      doc: '# Lumen runtime\n\n## Storage\n\n- Batch object: `readings/<site>/<day>/batch.json`.\n- Export object: `exports/<site>/<month>/summary.csv`.\n',
      expect: [{ code: 'data-object-key', line: 5, message: 'the code builds `readings/*/*/batch.ndjson`' }],
      output: '# Lumen runtime\n\n## Storage\n\n- Batch object: `readings/<site>/<day>/batch.ndjson`.\n- Export object: `exports/<site>/<month>/summary.csv`.\n',
    },
    {
      name: 'a key with a segment too many is reported without a fix',
      files,
      doc: '# Lumen runtime\n\nExports are stored as `exports/<site>/<year>/<month>/summary.csv`.\n',
      expect: [{ code: 'data-object-key', line: 3, message: '`exports/*/*/summary.csv`' }],
    },
  ]);
});

describe('data rules: routes and ports', () => {
  runRuleCases(all, [
    {
      name: 'a probe route the code does not register',
      files,
      doc: '# Lumen runtime\n\n## Health\n\n- `/healthz` answers 200 while the process is up.\n- `/readyz` answers 503 while MongoDB is down.\n',
      expect: [{ code: 'data-endpoint', line: 5, message: 'Doc says `/healthz` is served' }],
    },
    {
      name: 'a method the route is not registered for',
      files,
      doc: '# Lumen runtime\n\nOperators call `POST /readyz` to re-run the checks.\n',
      expect: [{ code: 'data-endpoint', line: 3, message: 'answers POST; the code registers it for GET only' }],
      output: '# Lumen runtime\n\nOperators call `GET /readyz` to re-run the checks.\n',
    },
    {
      name: 'filesystem paths in a health section are not routes',
      files,
      doc: '# Lumen runtime\n\n## Health\n\nThe probe writes to `/tmp/probe` and reads `/etc/lumen/probe.yaml`.\n',
      expect: [],
    },
    {
      name: 'a listen port no setting or listener uses',
      files,
      doc: '# Lumen runtime\n\nProbes and metrics are served on `:9090`.\n',
      expect: [{ code: 'data-endpoint', line: 3, message: 'the code listens on `:9464` (`LUMEN_HEALTH_ADDR` default' }],
    },
  ]);
});

describe('data rules: indexes', () => {
  runRuleCases([dataIndex], [
    {
      name: 'a unique claim on a non-unique index, and an index the code does not create',
      files,
      doc: [
        '# Lumen runtime',
        '',
        '| Collection | Indexes |',
        '| --- | --- |',
        '| `meters` | unique on `serial`; unique on `site_id` + `installed_at` |',
        '| `sessions` | `user_id` |',
        '',
      ].join('\n'),
      expect: [
        { code: 'data-index', line: 5, message: 'is unique; the code\'s index' },
        { code: 'data-index', line: 6, message: 'Doc says `sessions` has an index on `user_id`; the code creates `expires_at` (TTL)' },
      ],
    },
    {
      name: 'fields in another order, and an index a list of indexes leaves out',
      files,
      doc: '# Lumen runtime\n\n| Collection | Indexes |\n| --- | --- |\n| `meters` | compound on `installed_at` + `site_id` |\n',
      expect: [
        { code: 'data-index', line: 5, message: 'in another order: `site_id` + `installed_at`' },
        { code: 'data-index', line: 5, message: 'not `serial` (unique)', severity: 'warning' },
      ],
    },
    {
      name: 'a column of indexes and notes is not a complete list',
      files,
      doc: '# Lumen runtime\n\n| Collection | Indexes and notes |\n| --- | --- |\n| `meters` | compound on `site_id` + `installed_at` |\n',
      expect: [],
    },
    {
      name: 'a TTL that keeps documents longer than the code does',
      files,
      doc: '# Lumen runtime\n\n| Collection | Indexes |\n| --- | --- |\n| `sessions` | TTL on `expires_at`: sessions are deleted after 24 hours |\n',
      expect: [{ code: 'data-index', line: 5, message: 'expire after 24 hours; the code\'s TTL index expires them after 12 hours' }],
    },
    {
      name: 'index claims in prose about a collection',
      files,
      doc: '# Lumen runtime\n\nThe `meters` collection has a unique index on `serial`. Sessions expire through a TTL index on `created_at` in the `sessions` collection.\n',
      expect: [{ code: 'data-index', line: 3, message: 'Doc says `sessions` has an index on `created_at`; the code creates `expires_at` (TTL)' }],
      claims: 2,
    },
    {
      name: 'collections whose indexes the code does not show are not judged; notes are not indexes',
      files,
      doc: '# Lumen runtime\n\n| Collection | Indexes and notes |\n| --- | --- |\n| `sites` | unique on `code` |\n| `sessions` | TTL on `expires_at`; only `active: true` rows are read |\n',
      expect: [],
    },
  ]);
});

// Two services with their own health ports, set by each one's settings.
const portFiles: Record<string, string> = {
  'go.work': 'go 1.23.2\n\nuse (\n\t./services/meter-ingest\n\t./services/tariff-api\n)\n',
  'services/meter-ingest/go.mod': 'module example.com/lumen/services/meter-ingest\n\ngo 1.23.2\n',
  'services/meter-ingest/cmd/meter-ingest/main.go': [
    'package main',
    '',
    'import (',
    '\t"net/http"',
    '\t"os"',
    ')',
    '',
    'func main() {',
    '\taddr := os.Getenv("INGEST_HEALTH_ADDR")',
    '\tif addr == "" {',
    '\t\taddr = ":8081"',
    '\t}',
    '\thttp.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {})',
    '\t_ = http.ListenAndServe(addr, nil)',
    '}',
    '',
  ].join('\n'),
  'services/tariff-api/go.mod': 'module example.com/lumen/services/tariff-api\n\ngo 1.23.2\n',
  'services/tariff-api/cmd/tariff-api/main.go': [
    'package main',
    '',
    'import (',
    '\t"net/http"',
    '\t"os"',
    ')',
    '',
    'func main() {',
    '\taddr := os.Getenv("TARIFF_HEALTH_ADDR")',
    '\tif addr == "" {',
    '\t\taddr = ":8082"',
    '\t}',
    '\thttp.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {})',
    '\thttp.HandleFunc("/tariffs/{id}", func(w http.ResponseWriter, _ *http.Request) {})',
    '\t_ = http.ListenAndServe(addr, nil)',
    '}',
    '',
  ].join('\n'),
};

describe('data rules: ports and routes per service', () => {
  runRuleCases([dataEndpoint], [
    {
      name: 'a table of services and their probe ports, true',
      files: portFiles,
      doc: '# Lumen services\n\n| Service | Probes |\n| --- | --- |\n| meter-ingest | `:8081` |\n| tariff-api | `:8082` |\n\n## tariff-api\n\nServes `/tariffs/:id` and `/healthz`.\n',
      expect: [],
      claims: 4,
    },
    {
      name: "one service's port given to another is a warning; a port nobody uses is an error",
      files: portFiles,
      doc: '# Lumen services\n\n| Service | Probes |\n| --- | --- |\n| meter-ingest | `:8082` |\n| tariff-api | `:8090` |\n',
      expect: [
        { code: 'data-endpoint', line: 5, message: "that port is another service's", severity: 'warning' },
        { code: 'data-endpoint', line: 6, message: 'the code listens on `:8082`', severity: 'error' },
      ],
    },
    {
      name: 'a route only another service serves is a warning',
      files: portFiles,
      doc: '# Lumen services\n\n## meter-ingest\n\nIt serves `/tariffs/{id}` for the billing screens.\n',
      expect: [{ code: 'data-endpoint', line: 5, message: 'only other services register it', severity: 'warning' }],
    },
  ]);
});

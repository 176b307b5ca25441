import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DataFact } from '../../server/src/engine/types';
import { GO_FIXTURES, lineAt, lineOf, loadWorkspace, sliceOf, type LoadedWorkspace } from './go-workspace';

const MONGO = 'services/scheduler/internal/store/mongo.go';
const MINIO = 'services/backtest-runner/internal/storage/minio.go';
const ROUTES = 'services/backtest-runner/internal/api/routes.go';
const BT_MAIN = 'services/backtest-runner/cmd/backtest/main.go';
const BOT_MAIN = 'services/bot-runner/cmd/bot-runner/main.go';

describe('Go index: storage, HTTP and metric names', () => {
  let ws: LoadedWorkspace;
  before(async () => {
    ws = await loadWorkspace(join(GO_FIXTURES, 'quill'));
  });

  const ofKind = (kind: DataFact['kind']) => ws.snapshot.data.filter((d) => d.kind === kind);
  const brief = (d: DataFact) => [d.value, d.detail ?? '', `${d.loc.path}:${lineAt(d.loc)}`];

  describe('MongoDB', () => {
    it('reads collection names from constants, literals and accessor methods', () => {
      const text = ws.text(MONGO);
      assert.deepEqual(ofKind('mongo-collection').map(brief), [
        ['runs', '', `${MINIO}:${lineOf(ws.text(MINIO), 'Collection("runs")')}`],
        ['jobs', '', `${MONGO}:${lineOf(text, 'Collection(collJobs)')}`],
        ['job_runs', '', `${MONGO}:${lineOf(text, 'Collection(collRuns)')}`],
        ['audit_log', '', `${MONGO}:${lineOf(text, 'Collection("audit_log")')}`],
      ]);
    });

    it('reads constant database names and skips ones only known at run time', () => {
      assert.deepEqual(ofKind('mongo-database').map((d) => d.value), ['backtests']);
    });

    it('describes indexes by their fields, uniqueness and TTL, under the collection they are created on', () => {
      const text = ws.text(MONGO);
      assert.deepEqual(ofKind('mongo-index').filter((d) => d.loc.path === MONGO).map(brief), [
        ['jobs', 'name unique', `${MONGO}:${lineOf(text, 'Key: "name"')}`],
        ['job_runs', 'job_id+started_at', `${MONGO}:${lineOf(text, '{"job_id", 1}')}`],
        ['job_runs', 'finished_at ttl=604800s', `${MONGO}:${lineOf(text, '"finished_at": 1')}`],
      ]);
    });

    it('finds the collection of a struct field set where the struct is built', () => {
      const text = ws.text(MINIO);
      assert.deepEqual(ofKind('mongo-index').filter((d) => d.loc.path === MINIO).map(brief), [['runs', 'strategy+finished_at', `${MINIO}:${lineOf(text, 'r.runs.Indexes()')}`]]);
    });
  });

  describe('MinIO', () => {
    it('reads the bucket of every call and object keys as patterns', () => {
      const text = ws.text(MINIO);
      const buckets = ofKind('minio-bucket');
      assert.deepEqual([...new Set(buckets.map((b) => b.value))], ['backtest-results']);
      assert.equal(buckets.length, 4);
      assert.equal(sliceOf(text, buckets[0].loc), 'resultsBucket');
      assert.deepEqual(ofKind('object-key').map(brief), [
        ['reports/*/*/report.json', '', `${MINIO}:${lineOf(text, 'r.mc.PutObject(')}`],
        ['equity/*/*.csv', '', `${MINIO}:${lineOf(text, 'equity/%s/%s.csv')}`],
        ['bars/*.parquet', '', `${MINIO}:${lineOf(text, '"bars/"+symbol')}`],
      ]);
    });
  });

  describe('HTTP', () => {
    it('joins chi Route prefixes and keeps the method', () => {
      const text = ws.text(ROUTES);
      assert.deepEqual(
        ofKind('http-route').filter((d) => d.loc.path === ROUTES).map(brief),
        [
          ['/healthz', 'GET', `${ROUTES}:${lineOf(text, 'r.Get("/healthz"')}`],
          ['/api/v1/runs', 'POST', `${ROUTES}:${lineOf(text, 'r.Post("/runs"')}`],
          ['/api/v1/runs/{id}', 'GET', `${ROUTES}:${lineOf(text, 'r.Get("/runs/{id}"')}`],
          ['/api/v1/strategies/', 'GET', `${ROUTES}:${lineOf(text, 'r.Get("/"')}`],
        ],
      );
    });

    it('reads net/http handlers without a method', () => {
      assert.deepEqual(
        ofKind('http-route').filter((d) => d.loc.path === BOT_MAIN).map((d) => [d.value, d.detail]),
        [
          ['/livez', undefined],
          ['/readyz', undefined],
        ],
      );
    });

    it('leaves Handle of packages that do not serve HTTP alone', () => {
      assert.equal(ofKind('http-route').some((d) => d.loc.path.includes('/events/')), false);
    });

    it('finds a listen address passed to a server helper from the caller', () => {
      const listen = ofKind('listen-addr');
      assert.deepEqual(listen.map((l) => l.value), [':9090']);
      assert.equal(listen[0].loc.path, BT_MAIN);
      assert.equal(sliceOf(ws.text(BT_MAIN), listen[0].loc), 'listenAddr');
    });
  });

  describe('Prometheus', () => {
    it('joins namespace, subsystem and name, with the metric type and labels', () => {
      assert.deepEqual(
        ofKind('metric').map((m) => [m.value, m.detail]),
        [
          ['quill_scheduler_jobs_run_total', 'counter labels=outcome'],
          ['quill_tick_lag_seconds', 'histogram'],
        ],
      );
    });
  });

  describe('a checkout without go.mod', () => {
    it('maps imports to folders by their path suffix; gin groups prefix their routes', async () => {
      const loose = await loadWorkspace(join(GO_FIXTURES, 'loose'));
      const main = loose.text('cmd/api/main.go');
      assert.deepEqual(
        loose.snapshot.data.map((d) => [d.kind, d.value, d.detail ?? '', lineAt(d.loc)]),
        [
          ['http-route', '/v2/uploads/:id', 'GET', lineOf(main, 'api.GET(')],
          ['http-route', '/v2/admin/uploads/:id', 'DELETE', lineOf(main, 'admin.DELETE(')],
          ['minio-bucket', 'loose-uploads', '', lineOf(main, 'mc.MakeBucket(')],
          ['listen-addr', ':7443', '', lineOf(main, 'net.Listen(')],
          ['listen-addr', ':8080', '', lineOf(main, 'r.Run(":8080")')],
        ],
      );
    });
  });
});

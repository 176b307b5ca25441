import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { EnvFact } from '../../server/src/engine/types';
import { GO_FIXTURES, lineAt, lineOf, loadWorkspace, sliceOf, type LoadedWorkspace } from './go-workspace';

const MAIN = 'services/bot-runner/cmd/bot-runner/main.go';
const SCHED_MAIN = 'services/scheduler/cmd/scheduler/main.go';
const SCHED_CONFIG = 'services/scheduler/internal/config/config.go';
const BT_MAIN = 'services/backtest-runner/cmd/backtest/main.go';
const BT_CONFIG = 'services/backtest-runner/internal/config/config.go';

describe('Go index: environment variables', () => {
  let ws: LoadedWorkspace;
  before(async () => {
    ws = await loadWorkspace(join(GO_FIXTURES, 'quill'));
  });

  const all = (name: string): EnvFact[] => ws.snapshot.env.filter((e) => e.name === name);
  const one = (name: string, command?: string): EnvFact => {
    const found = all(name).filter((e) => command === undefined || e.command === command);
    assert.equal(found.length, 1, `${name}: ${JSON.stringify(found.map((f) => f.loc))}`);
    return found[0];
  };

  describe('os.Getenv and os.LookupEnv', () => {
    it('reads a default assigned when the variable is empty, with both locations', () => {
      const e = one('BOT_RUNNER_REGION');
      assert.equal(e.via, 'getenv');
      assert.equal(e.required, false);
      assert.deepEqual({ display: e.default?.display, kind: e.default?.kind, source: e.default?.source }, { display: 'eu-west-1', kind: 'string', source: '"eu-west-1"' });
      assert.equal(e.loc.path, MAIN);
      assert.equal(sliceOf(ws.text(MAIN), e.loc), '"BOT_RUNNER_REGION"');
      assert.equal(lineAt(e.loc), lineOf(ws.text(MAIN), 'os.Getenv("BOT_RUNNER_REGION")'));
      assert.equal(lineAt(e.defaultLoc!), lineOf(ws.text(MAIN), 'region = "eu-west-1"'));
    });

    it('reads LookupEnv with an `if !ok` fallback', () => {
      const e = one('BOT_RUNNER_DATA_DIR');
      assert.equal(e.via, 'lookupenv');
      assert.equal(e.default?.display, '/var/lib/bot-runner');
      assert.equal(sliceOf(ws.text(MAIN), e.defaultLoc!), '"/var/lib/bot-runner"');
    });

    it('reads the fallback of cmp.Or', () => {
      const e = one('BOT_RUNNER_LOG_LEVEL');
      assert.equal(e.default?.display, 'info');
      assert.equal(sliceOf(ws.text(MAIN), e.defaultLoc!), '"info"');
    });

    it('marks a variable required when the program stops without it', () => {
      const e = one('BOT_RUNNER_LEAF_TOKEN');
      assert.equal(e.required, true);
      assert.equal(e.default, undefined);
    });

    it('marks a variable stored in a struct field required when an empty field is an error', () => {
      assert.equal(one('BT_WEBHOOK_TOKEN').required, true);
      assert.equal(one('BT_SLACK_URL').required, false);
    });

    it('resolves a named constant as the default, keeping the Go source', () => {
      const e = one('BOT_RUNNER_HEALTH_ADDR');
      assert.equal(e.default?.display, ':8081');
      assert.equal(e.default?.source, 'defaultHealthAddr');
      assert.equal(lineAt(e.defaultLoc!), lineOf(ws.text(MAIN), 'addr = defaultHealthAddr'));
    });

    it('ignores variables read only by tests', () => {
      assert.deepEqual(all('BOT_RUNNER_INTEGRATION'), []);
    });
  });

  describe('wrapper helpers from another module', () => {
    it('takes the name and the typed fallback from each call site', () => {
      const url = one('BOT_RUNNER_NATS_URL');
      assert.equal(url.via, 'wrapper');
      assert.equal(url.loc.path, MAIN);
      assert.equal(sliceOf(ws.text(MAIN), url.loc), '"BOT_RUNNER_NATS_URL"');
      assert.deepEqual(url.default, { display: 'nats://127.0.0.1:4222', kind: 'string', source: 'nats.DefaultURL' });

      const bots = one('BOT_RUNNER_MAX_BOTS');
      assert.deepEqual(bots.default, { display: '16', kind: 'int', numeric: 16, source: '16' });
      assert.equal(sliceOf(ws.text(MAIN), bots.defaultLoc!), '16');

      const poll = one('BOT_RUNNER_POLL_INTERVAL');
      assert.deepEqual(poll.default, { display: '1m30s', kind: 'duration', numeric: 90e9, source: '90*time.Second' });
      assert.equal(poll.required, false);
    });

    it('treats a helper that panics on empty as required', () => {
      const key = one('BOT_RUNNER_EXCHANGE_KEY');
      assert.equal(key.via, 'wrapper');
      assert.equal(key.required, true);
      assert.equal(key.default, undefined);
    });

    it('records nothing inside the helpers themselves', () => {
      assert.deepEqual(ws.snapshot.env.filter((e) => e.loc.path.startsWith('libs/')), []);
    });
  });

  describe('kelseyhightower/envconfig', () => {
    it('prefixes tagged, defaulted and (with a prefix) untagged fields, nested structs included', () => {
      const names = ws.snapshot.env.filter((e) => e.via === 'envconfig').map((e) => e.name);
      assert.deepEqual(names.sort(), [
        'SCHEDULER_DEBUG',
        'SCHEDULER_HTTP_TIMEOUT',
        'SCHEDULER_LICENSE_KEY',
        'SCHEDULER_MAX_LEASE',
        'SCHEDULER_NATS_URL',
        'SCHEDULER_RETRY_ATTEMPTS',
        'SCHEDULER_RETRY_BACKOFF',
        'SCHEDULER_TZ',
        'SCHEDULER_WORKERS',
      ]);
    });

    it('reads defaults as the field type and required tags', () => {
      const text = ws.text(SCHED_CONFIG);
      const nats = one('SCHEDULER_NATS_URL');
      assert.equal(sliceOf(text, nats.loc), 'NATS_URL');
      assert.equal(sliceOf(text, nats.defaultLoc!), 'nats://nats:4222');
      assert.equal(one('SCHEDULER_MAX_LEASE').default?.display, '45s');
      assert.equal(one('SCHEDULER_MAX_LEASE').default?.numeric, 45e9);
      assert.deepEqual(one('SCHEDULER_RETRY_BACKOFF').default, { display: '1m30s', kind: 'duration', numeric: 90e9, source: 'default:"1m30s"' });
      assert.equal(one('SCHEDULER_WORKERS').default?.kind, 'int');
      assert.equal(one('SCHEDULER_LICENSE_KEY').required, true);
      const debug = one('SCHEDULER_DEBUG');
      assert.equal(debug.default, undefined);
      assert.equal(sliceOf(text, debug.loc), 'Debug');
    });
  });

  describe('caarlos0/env', () => {
    it('applies the Options prefix and envPrefix of nested structs', () => {
      const names = ws.snapshot.env.filter((e) => e.via === 'caarlos0').map((e) => e.name);
      assert.deepEqual(names.sort(), ['BT_API_TOKEN', 'BT_CACHE_DIR', 'BT_FLUSH_EVERY', 'BT_MAX_MEMORY', 'BT_MINIO_ACCESS_KEY', 'BT_MINIO_ENDPOINT', 'BT_MINIO_USE_SSL', 'BT_STRATEGIES']);
    });

    it('reads envDefault as the field type and required/notEmpty options', () => {
      const text = ws.text(BT_CONFIG);
      const endpoint = one('BT_MINIO_ENDPOINT');
      assert.equal(sliceOf(text, endpoint.loc), 'ENDPOINT');
      assert.equal(sliceOf(text, endpoint.defaultLoc!), 'minio:9000');
      assert.equal(lineAt(endpoint.loc), lineOf(text, 'Endpoint  string'));
      assert.deepEqual(one('BT_MINIO_USE_SSL').default, { display: 'false', kind: 'bool', source: 'envDefault:"false"' });
      assert.equal(one('BT_MAX_MEMORY').default?.numeric, 2147483648);
      assert.equal(one('BT_FLUSH_EVERY').default?.display, '1m30s');
      assert.equal(one('BT_MINIO_ACCESS_KEY').required, true);
      assert.equal(one('BT_API_TOKEN').required, true);
      assert.equal(one('BT_CACHE_DIR').required, false);
    });
  });

  describe('spf13/viper and cobra flags', () => {
    it('maps keys through the prefix and key replacer, typed by how they are read', () => {
      const text = ws.text(BT_MAIN);
      const bucket = one('BACKTEST_DATA_BUCKET');
      assert.equal(bucket.via, 'viper');
      assert.equal(bucket.key, 'data.bucket');
      assert.equal(bucket.default?.display, 'market-data');
      assert.equal(sliceOf(text, bucket.loc), '"data.bucket"');
      assert.deepEqual(one('BACKTEST_RUN_TIMEOUT').default, { display: '15m', kind: 'duration', numeric: 15 * 60e9, source: '"15m"' });
      assert.equal(one('BACKTEST_RUN_PARALLEL').default?.kind, 'int');
    });

    it('uses the explicit name of BindEnv', () => {
      const secret = one('MINIO_SECRET_KEY');
      assert.equal(secret.key, 'minio.secret');
      assert.equal(secret.default, undefined);
      assert.deepEqual(all('BACKTEST_MINIO_SECRET'), []);
    });

    it('takes defaults of bound pflags and the cobra command that owns them', () => {
      const bars = one('BACKTEST_RUN_MAX_BARS');
      assert.equal(bars.via, 'cobra');
      assert.equal(bars.command, 'run');
      assert.equal(bars.key, 'run.max-bars');
      assert.deepEqual(bars.default, { display: '500000', kind: 'int', numeric: 500000, source: '500000' });
      assert.equal(lineAt(bars.defaultLoc!), lineOf(ws.text(BT_MAIN), 'Flags().Int("max-bars"'));
      assert.equal(one('BACKTEST_RUN_WARMUP').default?.display, '2m');
    });
  });

  describe('urfave/cli', () => {
    it('ties v2 flags to the command that declares them, even when the command comes from a function', () => {
      const tick = one('SCHEDULER_TICK');
      assert.equal(tick.via, 'urfave-cli');
      assert.equal(tick.command, 'serve');
      assert.equal(tick.key, 'tick');
      assert.deepEqual(tick.default, { display: '250ms', kind: 'duration', numeric: 250e6, source: 'defaultTick' });
      assert.equal(one('SCHEDULER_MAX_INFLIGHT').default?.display, '1024');
      assert.equal(one('SCHEDULER_MONGO_DB').default?.display, 'quill_scheduler');
      const uri = one('SCHEDULER_MONGO_URI');
      assert.equal(uri.required, true);
      assert.equal(uri.default, undefined);
      assert.equal(lineAt(uri.loc), lineOf(ws.text(SCHED_MAIN), '"SCHEDULER_MONGO_URI"'));
    });

    it('finds the command of flags declared in a variable the command uses', () => {
      const window = one('SCHEDULER_REPLAY_WINDOW');
      assert.equal(window.command, 'replay');
      assert.equal(window.default?.display, '6h');
      assert.deepEqual(one('SCHEDULER_REPLAY_DRY_RUN').default, { display: 'true', kind: 'bool', source: 'true' });
    });

    it('gives app-level flags no command and every listed variable', () => {
      for (const name of ['SCHEDULER_LOG_LEVEL', 'LOG_LEVEL']) {
        const e = one(name);
        assert.equal(e.command, undefined);
        assert.equal(e.default?.display, 'info');
      }
    });

    it('reads v3 Sources and inline subcommands', () => {
      const registry = one('QUILLCTL_REGISTRY');
      assert.equal(registry.command, 'deploy');
      assert.equal(registry.default?.display, 'ghcr.io/quill');
      assert.equal(one('DEPLOY_TIMEOUT').default?.display, '5m');
      assert.equal(one('QUILLCTL_DEPLOY_TIMEOUT').command, 'deploy');
    });
  });

  describe('after an edit', () => {
    it('re-reads the changed file and the facts that depend on it', async () => {
      const local = await loadWorkspace(join(GO_FIXTURES, 'quill'));
      const envx = 'libs/platform/envx/envx.go';
      // The helper stops failing loudly: the variable is no longer required.
      local.index.applyChange(envx, local.text(envx).replace('panic(fmt.Sprintf("envx: %s is required", key))', '_ = fmt.Sprint(key)'));
      const key = local.index.snapshot().env.find((e) => e.name === 'BOT_RUNNER_EXCHANGE_KEY');
      assert.equal(key?.required, false);
      local.index.applyChange(MAIN, local.text(MAIN).replace('region = "eu-west-1"', 'region = "us-east-2"'));
      assert.equal(local.index.snapshot().env.find((e) => e.name === 'BOT_RUNNER_REGION')?.default?.display, 'us-east-2');
      local.index.applyChange(MAIN, null);
      assert.equal(local.index.snapshot().env.some((e) => e.loc.path === MAIN), false);
    });
  });
});

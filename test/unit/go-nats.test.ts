import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { NatsFact } from '../../server/src/engine/types';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { GO_FIXTURES, lineAt, lineOf, loadWorkspace, sliceOf, type LoadedWorkspace } from './go-workspace';

const STREAMS = 'libs/platform/natsx/streams.go';
const HEARTBEAT = 'services/bot-runner/internal/heartbeat/heartbeat.go';
const RELAY = 'services/bot-runner/internal/relay/relay.go';

describe('Go index: NATS subjects and JetStream', () => {
  let ws: LoadedWorkspace;
  before(async () => {
    ws = await loadWorkspace(join(GO_FIXTURES, 'quill'));
  });

  const brief = (n: NatsFact) => ({ subject: n.subject, role: n.role, queue: n.queue, durable: n.durable, stream: n.stream, at: `${n.loc.path}:${lineAt(n.loc)}` });
  const inFile = (path: string) => ws.snapshot.nats.filter((n) => n.loc.path === path).map(brief);

  describe('stream definitions', () => {
    it('reads elided StreamConfig literals with constant names and normalised settings', () => {
      const orders = ws.snapshot.streams.find((s) => s.name === 'ORDERS');
      assert.ok(orders);
      const text = ws.text(STREAMS);
      assert.deepEqual(orders.subjects, ['orders.>']);
      assert.equal(sliceOf(text, orders.loc), 'StreamOrders');
      const display = Object.fromEntries(Object.entries(orders.settings).map(([k, v]) => [k, v.display]));
      assert.deepEqual(display, { Retention: 'workqueue', Storage: 'file', MaxAge: '336h', Duplicates: '1m30s', Replicas: '3' });
      assert.equal(orders.settings.MaxAge.kind, 'duration');
      assert.equal(orders.settings.MaxAge.numeric, 14 * 24 * 3600e9);
      assert.equal(orders.settings.MaxAge.source, 'orderRetention');
      assert.equal(sliceOf(text, orders.settingLocs.Retention), 'jetstream.WorkQueuePolicy');
      assert.equal(lineAt(orders.settingLocs.Duplicates), lineOf(text, 'Duplicates: 90 * time.Second'));
    });

    it('resolves subject constants and enum values of the second stream', () => {
      const signals = ws.snapshot.streams.find((s) => s.name === 'SIGNALS');
      assert.ok(signals);
      assert.deepEqual(signals.subjects, ['signals.>', 'alerts.*']);
      assert.equal(signals.settings.Storage.display, 'memory');
      assert.equal(signals.settings.Retention.display, 'interest');
      assert.equal(signals.settings.Discard.display, 'new');
      assert.deepEqual({ display: signals.settings.MaxMsgs.display, numeric: signals.settings.MaxMsgs.numeric }, { display: '65536', numeric: 65536 });
    });

    it('lists every stream subject as a fact of role stream', () => {
      assert.deepEqual(
        ws.snapshot.nats.filter((n) => n.role === 'stream').map((n) => [n.subject, n.stream]),
        [
          ['orders.>', 'ORDERS'],
          ['signals.>', 'SIGNALS'],
          ['alerts.*', 'SIGNALS'],
        ],
      );
    });
  });

  describe('consumers', () => {
    it('reads durable, filter subjects (built by concatenation) and the stream argument', () => {
      const text = ws.text(STREAMS);
      const filters = inFile(STREAMS).filter((n) => n.role === 'consumer-filter');
      assert.deepEqual(filters, [
        { subject: 'orders.fill.*', role: 'consumer-filter', queue: undefined, durable: 'scheduler', stream: 'ORDERS', at: `${STREAMS}:${lineOf(text, 'FilterSubjects')}` },
        { subject: 'orders.cancel.*', role: 'consumer-filter', queue: undefined, durable: 'scheduler', stream: 'ORDERS', at: `${STREAMS}:${lineOf(text, 'FilterSubjects')}` },
        { subject: 'signals.equities.>', role: 'consumer-filter', queue: undefined, durable: 'signal-tap', stream: 'SIGNALS', at: `${STREAMS}:${lineOf(text, 'FilterSubject: "signals')}` },
      ]);
    });
  });

  describe('publish, subscribe and request calls', () => {
    it('resolves helper functions from another module, Sprintf and queue groups', () => {
      const text = ws.text(HEARTBEAT);
      assert.deepEqual(inFile(HEARTBEAT), [
        { subject: 'bot.*.heartbeat', role: 'publish', queue: undefined, durable: undefined, stream: undefined, at: `${HEARTBEAT}:${lineOf(text, 'nc.Publish(natsx.HeartbeatSubject')}` },
        { subject: 'orders.fill.*', role: 'subscribe', queue: 'bot-runners', durable: undefined, stream: undefined, at: `${HEARTBEAT}:${lineOf(text, 'nc.QueueSubscribe(')}` },
        { subject: 'orders.cancel.*', role: 'request', queue: undefined, durable: undefined, stream: undefined, at: `${HEARTBEAT}:${lineOf(text, 'nc.Request(')}` },
        { subject: 'bot.announce', role: 'publish', queue: undefined, durable: undefined, stream: undefined, at: `${HEARTBEAT}:${lineOf(text, 'Subject: "bot.announce"')}` },
        { subject: 'bot.status.started', role: 'publish', queue: undefined, durable: undefined, stream: undefined, at: `${HEARTBEAT}:${lineOf(text, 'func Started(')}` },
        { subject: 'bot.status.stopped', role: 'publish', queue: undefined, durable: undefined, stream: undefined, at: `${HEARTBEAT}:${lineOf(text, 'func Stopped(')}` },
      ]);
    });

    it('points a subject passed through a helper parameter at the argument of the call site', () => {
      const started = ws.snapshot.nats.find((n) => n.subject === 'bot.status.started')!;
      assert.equal(sliceOf(ws.text(HEARTBEAT), started.loc), '"started"');
    });

    it('follows a subject stored in a struct field back to where the struct is built', () => {
      const text = ws.text(RELAY);
      assert.deepEqual(
        inFile(RELAY).filter((n) => n.role === 'publish'),
        [
          { subject: 'orders.fill.*', role: 'publish', queue: undefined, durable: undefined, stream: undefined, at: `${RELAY}:${lineOf(text, 'outbound{natsx.FillSubject')}` },
          { subject: 'orders.audit.*', role: 'publish', queue: undefined, durable: undefined, stream: undefined, at: `${RELAY}:${lineOf(text, 'subject: "orders.audit."')}` },
        ],
      );
    });

    it('reads durable and stream options of the legacy JetStream API', () => {
      const subs = inFile(RELAY).filter((n) => n.role === 'subscribe');
      assert.deepEqual(
        subs.map((s) => [s.subject, s.durable, s.stream]),
        [
          ['orders.fill.>', 'relay-watch', 'ORDERS'],
          ['orders.cancel.*', 'relay-cancels', undefined],
        ],
      );
    });

    it('ignores Publish on types of packages that do not use NATS', () => {
      assert.equal(ws.snapshot.nats.some((n) => n.subject === 'orders.internal' || n.loc.path.includes('/events/')), false);
    });
  });
});

describe('Go index: the legacy nats.go JetStream API', () => {
  it('reads a nats.StreamConfig passed to AddStream, inline or through a local', async () => {
    const index = await WorkspaceIndex.create();
    index.applyChange('go.mod', 'module example.com/greenhouse\n\ngo 1.22\n');
    index.applyChange(
      'internal/bus/streams.go',
      [
        'package bus',
        '',
        'import (',
        '\t"time"',
        '',
        '\t"github.com/nats-io/nats.go"',
        ')',
        '',
        '// Ensure creates the streams the controllers write to.',
        'func Ensure(js nats.JetStreamContext) error {',
        '\tif _, err := js.AddStream(&nats.StreamConfig{Name: "CLIMATE", Subjects: []string{"climate.>"}, MaxAge: 72 * time.Hour}); err != nil {',
        '\t\treturn err',
        '\t}',
        '\tcfg := &nats.StreamConfig{Name: "VALVES", Subjects: []string{"valve.*.state"}, Storage: nats.MemoryStorage}',
        '\t_, err := js.AddStream(cfg)',
        '\treturn err',
        '}',
        '',
      ].join('\n'),
    );
    const streams = index.snapshot().streams.map((s) => ({ name: s.name, subjects: s.subjects, maxAge: s.settings.MaxAge?.display, storage: s.settings.Storage?.display }));
    assert.deepEqual(streams, [
      { name: 'CLIMATE', subjects: ['climate.>'], maxAge: '72h', storage: undefined },
      { name: 'VALVES', subjects: ['valve.*.state'], maxAge: undefined, storage: 'memory' },
    ]);
  });
});

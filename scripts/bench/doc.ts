// The runtime doc of a synthetic platform: an overview, one section per service (settings table,
// messaging prose, container limits, API block, operating notes), shared subject and stream
// tables. About one claim in twenty is drifted from the code on purpose, so checks find work.
import { LIBRARY_VERSIONS, type ServiceModel } from './model';
import type { Rng } from './rng';

const NOTES = [
  'Restarts are safe at any time: work in flight is picked up again by another replica once its lease runs out.',
  'Dashboards for this service live in the team folder; the latency panel is the one to watch during a release.',
  'When the database is slow the service sheds load by refusing new work rather than queueing it without bound.',
  'Logs are structured; every line carries the request ID that the edge proxy assigned, so one request can be followed across services.',
  'Deployments roll one replica at a time and wait for the readiness probe before moving on.',
  'The service holds no state of its own between requests; everything lives in its database and in the streams it reads.',
  'Backfills run as a one-off job with the same image and a different entry point, never from a developer laptop.',
  'Alerts page the owning team during office hours and the platform rotation outside them.',
];

const PURPOSE = [
  'accepts requests from the storefront and turns them into durable records',
  'reconciles what the partners report with what the platform recorded',
  'keeps derived views up to date for the reporting pipeline',
  'runs the periodic jobs of its domain and records their outcome',
  'validates incoming work before anything downstream sees it',
];

/** Picks values that disagree with the code for a seeded share of claims. */
function drift(r: Rng, truth: string, wrong: () => string, rate: number): string {
  return r.chance(rate) ? wrong() : truth;
}

export function runtimeDoc(rng: Rng, services: ServiceModel[], targetLines: number): string {
  const out: string[] = [];
  const r = rng.fork('doc');
  const rate = 0.05;
  out.push('# Runtime services', '');
  out.push(
    'This page describes the long-running services of the shop platform: what each one does, how it is configured,',
    'what it sends and receives over NATS and how untrusted work is isolated. It is the reference for on-call',
    'engineers and for anyone adding a service; change it in the same pull request as the code it describes.',
    '',
  );
  out.push('## Overview', '', '| Service | Purpose |', '| --- | --- |');
  for (const s of services) out.push(`| ${s.name} | ${r.pick(PURPOSE)} |`);
  out.push('', '### Stack', '', '| Component | Module | Version |', '| --- | --- | --- |');
  const names: Record<string, string> = {
    'github.com/nats-io/nats.go': 'NATS client',
    'github.com/docker/docker': 'Docker SDK',
    'google.golang.org/grpc': 'gRPC',
    'google.golang.org/protobuf': 'Protobuf runtime',
    'github.com/prometheus/client_golang': 'Prometheus client',
  };
  for (const [mod, label] of Object.entries(names)) out.push(`| ${label} | \`${mod}\` | ${drift(r, LIBRARY_VERSIONS[mod], () => LIBRARY_VERSIONS[mod].replace(/\.(\d+)\./, (_, n) => `.${Number(n) + 1}.`), rate)} |`);
  out.push('');

  // Sections are padded with operating notes until the doc reaches its target length.
  const perService = Math.max(20, Math.floor((targetLines - 60 - services.length * 2) / Math.max(1, services.length)));
  for (const s of services) {
    const start = out.length;
    const sr = r.fork(s.name);
    out.push(`## ${s.title}`, '');
    out.push(
      `The ${s.title.toLowerCase()} service (\`services/${s.name}\`) ${sr.pick(PURPOSE)}. It is one Go module with its`,
      `entry point in \`services/${s.name}/cmd/${s.name}\` and its settings read once at start-up.`,
      '',
    );
    out.push('### Configuration', '');
    out.push(
      s.envStyle === 'envconfig'
        ? 'Settings are read with `envconfig` at start-up; an unset variable takes the default below.'
        : 'Settings are read from plain environment variables through small helpers; a malformed number falls back to the default below.',
      '',
    );
    out.push('| Variable | Default | Description |', '| --- | --- | --- |');
    for (const v of s.env) {
      const def = v.required ? '— (required)' : `\`${drift(sr, v.def!, () => wrongDefault(v.kind, v.def!), rate)}\``;
      out.push(`| \`${v.name}\` | ${def} | ${v.description} |`);
    }
    out.push('');
    out.push('### Messaging', '');
    const pubs = s.publishes.map((p) => `\`${drift(sr, p, () => p.replace(/\.(\w+)$/, '.done'), rate)}\``);
    out.push(`The service publishes ${pubs.join(' and ')} once the work is stored.`);
    for (const sub of s.subscribes) out.push(`It subscribes to \`${sub.subject}\` in queue group \`${sub.queue}\`, so exactly one replica handles each message.`);
    out.push('');
    if (s.container) {
      const c = s.container;
      out.push('### Container isolation', '', 'Jobs run untrusted code. Every job container is created by `Sandbox.Start` with these settings:', '');
      out.push(`- Runs as user \`${c.user}\`, never root.`);
      out.push('- `CapDrop: ALL`: no Linux capabilities at all.');
      out.push('- Read-only root file system (`ReadonlyRootfs: true`).');
      out.push(`- \`NetworkMode: ${c.network}\`.`);
      out.push(`- Memory limited to ${drift(sr, String(c.memoryMiB), () => String(c.memoryMiB * 2), rate)} MiB.`);
      out.push(`- At most ${drift(sr, String(c.pids), () => String(c.pids + 64), rate)} processes (\`PidsLimit\`).`);
      out.push('');
      // A fragment without a declaration: found by searching the workspace's Go files for it.
      out.push('The host config, as `Sandbox.Start` builds it:', '', '```go', 'host := &container.HostConfig{', '\tCapDrop:        []string{"ALL"},', '\tSecurityOpt:    []string{"no-new-privileges:true"},', `\tReadonlyRootfs: ${c.readonly},`, `\tNetworkMode:    "${c.network}",`, '```', '');
    }
    if (s.api && sr.chance(0.5)) {
      out.push('### API', '', `\`${s.api.service}\` is defined in \`proto/${s.api.pkg.replace(/\.v1$/, '').replace(/\./g, '/')}/v1/api.proto\`:`, '', '```proto', `service ${s.api.service} {`);
      for (const rpc of s.api.rpcs) out.push(`  rpc ${rpc.name}(${rpc.req}) returns (${rpc.serverStream ? 'stream ' : ''}${rpc.res});`);
      out.push('}', '```', '');
    }
    out.push('### Operating notes', '');
    let i = 0;
    while (out.length - start < perService - 1) {
      const note = NOTES[(s.index + i++) % NOTES.length];
      out.push(...wrap(note, 100), '');
    }
  }

  out.push('## NATS subjects', '', '| Subject | Publisher | Subscriber | Queue group |', '| --- | --- | --- | --- |');
  for (const s of services.slice(0, 20)) {
    const subscriber = services.find((o) => o.subscribes.some((x) => x.subject === s.publishes[0]));
    out.push(`| \`${s.publishes[0]}\` | ${s.name} | ${subscriber?.name ?? '—'} | ${subscriber ? `\`${subscriber.name}\`` : '—'} |`);
  }
  out.push('');
  const streams = services.filter((s) => s.stream);
  if (streams.length) {
    out.push('JetStream streams, created by the service that writes to them:', '', '| Stream | Subjects | Storage | Max age |', '| --- | --- | --- | --- |');
    for (const s of streams) out.push(`| \`${s.stream!.name}\` | \`${s.stream!.subjects[0]}\` | ${s.stream!.storage} | ${s.stream!.maxAgeHours}h |`);
    out.push('');
  }
  return out.join('\n');
}

function wrongDefault(kind: string, def: string): string {
  if (kind === 'int') return String(Number(def) * 2);
  if (kind === 'duration') return def.replace(/^\d+/, (n) => String(Number(n) * 3));
  if (kind === 'bool') return def === 'true' ? 'false' : 'true';
  return def.replace(/\d+$/, (n) => String(Number(n) + 1));
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + w.length + 1 > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

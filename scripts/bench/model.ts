// The platform a synthetic corpus describes: services with their settings, subjects, container
// limits and APIs. The Go sources and the runtime doc are both written from this one model, so
// the doc's claims are true unless the generator drifts them on purpose.
import type { Rng } from './rng';

export const DOMAINS = [
  'order', 'payment', 'ledger', 'invoice', 'catalog', 'pricing', 'inventory', 'shipment', 'routing', 'fleet',
  'driver', 'rider', 'notify', 'audit', 'report', 'search', 'session', 'account', 'profile', 'billing',
  'quota', 'rating', 'review', 'coupon', 'loyalty', 'warehouse', 'picking', 'packing', 'returns', 'refund',
  'fraud', 'risk', 'kyc', 'payout', 'tax', 'currency', 'forecast', 'importer', 'exporter', 'media',
];
const SUFFIXES = ['api', 'worker', 'sync', 'gateway', 'scheduler'];
const EVENTS = ['created', 'updated', 'settled', 'cancelled', 'expired', 'failed', 'approved', 'queued'];
const ENTITIES = ['item', 'batch', 'record', 'job', 'task', 'event', 'entry', 'request'];

export interface EnvVar {
  name: string;
  kind: 'string' | 'int' | 'duration' | 'bool';
  /** Go-side default as the program sees it (absent when required). */
  def?: string;
  required: boolean;
  description: string;
}

export interface ContainerLimits {
  user: string;
  memoryMiB: number;
  pids: number;
  network: string;
  readonly: boolean;
}

export interface ProtoApi {
  pkg: string;
  service: string;
  rpcs: { name: string; req: string; res: string; serverStream: boolean }[];
}

export interface ServiceModel {
  index: number;
  name: string;
  title: string;
  domain: string;
  envPrefix: string;
  module: string;
  goVersion: string;
  envStyle: 'getenv' | 'envconfig';
  env: EnvVar[];
  publishes: string[];
  subscribes: { subject: string; queue: string }[];
  /** Subjects this service takes from the shared `pkg/subjects` package instead of declaring them. */
  sharedSubjects: boolean;
  stream?: { name: string; subjects: string[]; maxAgeHours: number; storage: 'file' | 'memory' };
  container?: ContainerLimits;
  api?: ProtoApi;
  /** Internal packages holding ordinary code. */
  packages: string[];
}

export const MODULE_ROOT = 'example.com/shop';

export const LIBRARY_VERSIONS: Record<string, string> = {
  'github.com/nats-io/nats.go': 'v1.37.0',
  'github.com/docker/docker': 'v27.3.1+incompatible',
  'github.com/kelseyhightower/envconfig': 'v1.4.0',
  'google.golang.org/grpc': 'v1.67.1',
  'google.golang.org/protobuf': 'v1.35.1',
  'github.com/prometheus/client_golang': 'v1.20.5',
};

const PACKAGES = ['domain', 'store', 'api', 'jobs', 'pricing', 'rules', 'audit', 'export', 'cache', 'reconcile', 'billing', 'clock'];

export function buildModel(rng: Rng, serviceCount: number): ServiceModel[] {
  const suffixOrder = DOMAINS.map(() => rng.sample(SUFFIXES, SUFFIXES.length));
  const services: ServiceModel[] = [];
  for (let i = 0; i < serviceCount; i++) {
    const d = i % DOMAINS.length;
    const round = Math.floor(i / DOMAINS.length);
    const domain = DOMAINS[d];
    const suffix = suffixOrder[d][round % SUFFIXES.length] + (round >= SUFFIXES.length ? String(round) : '');
    const name = `${domain}-${suffix}`;
    const envPrefix = name.toUpperCase().replace(/-/g, '_');
    const r = rng.fork(name);
    const entity = ENTITIES[(i * 7 + round) % ENTITIES.length];
    const subjectRoot = round === 0 ? `${domain}.${entity}` : `${domain}${round}.${entity}`;
    const publishes = r.sample(EVENTS, r.int(1, 2)).map((e) => `${subjectRoot}.${e}`);
    services.push({
      index: i,
      name,
      title: name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' '),
      domain,
      envPrefix,
      module: `${MODULE_ROOT}/services/${name}`,
      goVersion: r.pick(['1.22.8', '1.23.2', '1.23.4']),
      envStyle: r.chance(0.5) ? 'getenv' : 'envconfig',
      env: envVars(r, envPrefix, 8000 + i),
      publishes,
      subscribes: [],
      sharedSubjects: r.chance(0.3),
      stream: r.chance(0.2) ? { name: `${envPrefix}_EVENTS`, subjects: [`${subjectRoot}.>`], maxAgeHours: r.pick([24, 72, 168]), storage: r.pick(['file', 'memory'] as const) } : undefined,
      container: i % 4 === 1 ? { user: '65532:65532', memoryMiB: r.pick([128, 256, 512, 1024]), pids: r.pick([32, 64, 128, 256]), network: r.pick(['none', 'none', 'sandbox-net']), readonly: true } : undefined,
      packages: r.sample(PACKAGES, r.int(5, 8)),
    });
  }
  // Every service listens to one or two subjects others publish, in its own queue group.
  for (const s of services) {
    const r = rng.fork(`subs:${s.name}`);
    const others = services.filter((o) => o !== s);
    for (const o of r.sample(others, Math.min(others.length, r.int(1, 2)))) s.subscribes.push({ subject: o.publishes[0], queue: s.name });
  }
  return services;
}

function envVars(r: Rng, prefix: string, port: number): EnvVar[] {
  const vars: EnvVar[] = [
    { name: `${prefix}_HTTP_ADDR`, kind: 'string', def: `:${port}`, required: false, description: 'Listen address of the public API.' },
    { name: `${prefix}_WORKERS`, kind: 'int', def: String(r.pick([2, 4, 8, 16])), required: false, description: 'Messages handled at the same time.' },
    { name: `${prefix}_TIMEOUT`, kind: 'duration', def: r.pick(['5s', '10s', '30s', '2m']), required: false, description: 'Deadline of one unit of work.' },
    { name: `${prefix}_DB_URI`, kind: 'string', required: true, description: 'Database connection string.' },
  ];
  if (r.chance(0.5)) vars.push({ name: `${prefix}_BATCH_SIZE`, kind: 'int', def: String(r.pick([50, 100, 250, 500, 1000])), required: false, description: 'Records written per round trip.' });
  if (r.chance(0.5)) vars.push({ name: `${prefix}_RETRY_INTERVAL`, kind: 'duration', def: r.pick(['250ms', '1s', '15s']), required: false, description: 'Pause before a failed message is tried again.' });
  if (r.chance(0.4)) vars.push({ name: `${prefix}_DRY_RUN`, kind: 'bool', def: 'false', required: false, description: 'Log what would be written instead of writing it.' });
  return vars;
}

/** Gives a handful of services an API; the rest of the proto budget goes to shared packages. */
export function assignApis(rng: Rng, services: ServiceModel[], protoCount: number): ProtoApi[] {
  const apis: ProtoApi[] = [];
  for (let i = 0; i < protoCount; i++) {
    const owner = i < services.length ? services[i] : undefined;
    const base = owner ? owner.title.replace(/ /g, '') : `Shared${i}`;
    const pkgName = owner ? `${owner.domain}${owner.index >= DOMAINS.length ? Math.floor(owner.index / DOMAINS.length) : ''}.${owner.name.split('-')[1]}.v1` : `shared.s${i}.v1`;
    const r = rng.fork(`api:${base}`);
    const verbs = r.sample(['Get', 'List', 'Create', 'Update', 'Cancel', 'Watch', 'Approve', 'Export'], r.int(3, 6));
    const noun = base.replace(/(Api|Worker|Sync|Gateway|Scheduler)\d*$/, '') || base;
    const api: ProtoApi = {
      pkg: pkgName,
      service: `${base}Service`,
      rpcs: verbs.map((v) => ({ name: `${v}${noun}`, req: `${v}${noun}Request`, res: v === 'List' ? `List${noun}Response` : `${noun}`, serverStream: v === 'Watch' })),
    };
    if (owner) owner.api = api;
    apis.push(api);
  }
  return apis;
}

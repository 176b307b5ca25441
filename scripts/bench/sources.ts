// The fact-bearing files of a synthetic service, written the way Go services usually are:
// settings from the environment (helpers or envconfig tags), NATS publishers and queue
// subscribers, a JetStream stream, a locked-down Docker sandbox, and the service's go.mod.
import { LIBRARY_VERSIONS, MODULE_ROOT, type ProtoApi, type ServiceModel } from './model';

export function goMod(s: ServiceModel): string {
  const req = ['github.com/nats-io/nats.go', 'google.golang.org/grpc', 'google.golang.org/protobuf', 'github.com/prometheus/client_golang'];
  if (s.envStyle === 'envconfig') req.push('github.com/kelseyhightower/envconfig');
  if (s.container) req.push('github.com/docker/docker');
  req.sort();
  return [
    `module ${s.module}`,
    '',
    `go ${s.goVersion}`,
    '',
    'require (',
    `\t${MODULE_ROOT}/pkg v0.0.0-00010101000000-000000000000`,
    ...req.map((p) => `\t${p} ${LIBRARY_VERSIONS[p]}`),
    ')',
    '',
    'require (',
    '\tgithub.com/klauspost/compress v1.17.11 // indirect',
    '\tgithub.com/nats-io/nkeys v0.4.7 // indirect',
    '\tgithub.com/nats-io/nuid v1.0.1 // indirect',
    '\tgolang.org/x/crypto v0.28.0 // indirect',
    '\tgolang.org/x/sys v0.26.0 // indirect',
    ')',
    '',
    `replace ${MODULE_ROOT}/pkg => ../../pkg`,
    '',
  ].join('\n');
}

export function goWork(services: ServiceModel[]): string {
  return ['go 1.23.4', '', 'use (', '\t./pkg', ...services.map((s) => `\t./services/${s.name}`), ')', ''].join('\n');
}

export function pkgGoMod(): string {
  return [`module ${MODULE_ROOT}/pkg`, '', 'go 1.23.2', '', 'require github.com/nats-io/nats.go v1.37.0', ''].join('\n');
}

const goName = (subject: string) =>
  subject
    .split(/[.\-]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

/** Shared subject names, for the services that take theirs from `pkg/subjects`. */
export function subjectsFile(services: ServiceModel[]): string {
  const lines = services.filter((s) => s.sharedSubjects).flatMap((s) => s.publishes.map((p) => `\t${goName(p)} = "${p}"`));
  return ['// Package subjects names the NATS subjects more than one service uses.', 'package subjects', '', 'const (', ...lines, ')', ''].join('\n');
}

const goDuration = (d: string): string => {
  const m = /^(\d+)(ms|s|m|h)$/.exec(d)!;
  const unit = { ms: 'time.Millisecond', s: 'time.Second', m: 'time.Minute', h: 'time.Hour' }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return m[1] === '1' ? unit : `${m[1]} * ${unit}`;
};

export function configFile(s: ServiceModel): string {
  return s.envStyle === 'envconfig' ? envconfigFile(s) : getenvFile(s);
}

function fieldName(v: { name: string }, prefix: string): string {
  return goName(v.name.slice(prefix.length + 1).toLowerCase().replace(/_/g, '-'));
}

function goType(kind: string): string {
  return kind === 'int' ? 'int' : kind === 'duration' ? 'time.Duration' : kind === 'bool' ? 'bool' : 'string';
}

function envconfigFile(s: ServiceModel): string {
  const fields = s.env.map((v) => {
    const tags = [`envconfig:"${v.name}"`, v.required ? 'required:"true"' : `default:"${v.def}"`].join(' ');
    return { f: fieldName(v, s.envPrefix), t: goType(v.kind), tags };
  });
  const w = Math.max(...fields.map((x) => x.f.length));
  const tw = Math.max(...fields.map((x) => x.t.length));
  return `// Package config reads ${s.name} settings from the environment.
package config

import (
\t"fmt"
\t"time"

\t"github.com/kelseyhightower/envconfig"
)

// Config holds every setting ${s.name} reads at start-up.
type Config struct {
${fields.map((x) => `\t${x.f.padEnd(w)} ${x.t.padEnd(tw)} \`${x.tags}\``).join('\n')}
}

// Load reads the environment and rejects settings that would only fail later.
func Load() (Config, error) {
\tvar c Config
\tif err := envconfig.Process("", &c); err != nil {
\t\treturn Config{}, fmt.Errorf("config: %w", err)
\t}
\tif c.Workers <= 0 {
\t\treturn Config{}, fmt.Errorf("config: ${s.envPrefix}_WORKERS must be positive, got %d", c.Workers)
\t}
\tif c.Timeout < time.Millisecond {
\t\treturn Config{}, fmt.Errorf("config: ${s.envPrefix}_TIMEOUT is too short")
\t}
\treturn c, nil
}
`;
}

function getenvFile(s: ServiceModel): string {
  const fields = s.env.map((v) => ({ v, f: fieldName(v, s.envPrefix), t: goType(v.kind) }));
  const w = Math.max(...fields.map((x) => x.f.length));
  const assign = fields.map(({ v, f }) => {
    if (v.required) return `\tc.${f} = os.Getenv("${v.name}")\n\tif c.${f} == "" {\n\t\treturn Config{}, errors.New("config: ${v.name} is required")\n\t}`;
    if (v.kind === 'int') return `\tc.${f} = getEnvInt("${v.name}", ${v.def})`;
    if (v.kind === 'duration') return `\tc.${f} = getEnvDuration("${v.name}", ${goDuration(v.def!)})`;
    if (v.kind === 'bool') return `\tc.${f} = getEnv("${v.name}", "${v.def}") == "true"`;
    return `\tc.${f} = getEnv("${v.name}", "${v.def}")`;
  });
  return `// Package config reads ${s.name} settings from plain environment variables.
package config

import (
\t"errors"
\t"log/slog"
\t"os"
\t"strconv"
\t"time"
)

// Config holds every setting ${s.name} reads at start-up.
type Config struct {
${fields.map((x) => `\t${x.f.padEnd(w)} ${x.t}`).join('\n')}
}

// Load reads the environment; malformed numbers fall back to their defaults with a warning.
func Load() (Config, error) {
\tvar c Config
${assign.join('\n')}
\treturn c, nil
}

// getEnv returns the variable, or def when it is unset or empty.
func getEnv(key, def string) string {
\tif v := os.Getenv(key); v != "" {
\t\treturn v
\t}
\treturn def
}

func getEnvInt(key string, def int) int {
\tv := os.Getenv(key)
\tif v == "" {
\t\treturn def
\t}
\tn, err := strconv.Atoi(v)
\tif err != nil {
\t\tslog.Warn("ignoring malformed integer", "var", key, "value", v)
\t\treturn def
\t}
\treturn n
}

func getEnvDuration(key string, def time.Duration) time.Duration {
\tv := os.Getenv(key)
\tif v == "" {
\t\treturn def
\t}
\td, err := time.ParseDuration(v)
\tif err != nil {
\t\tslog.Warn("ignoring malformed duration", "var", key, "value", v)
\t\treturn def
\t}
\treturn d
}
`;
}

export function busFile(s: ServiceModel): string {
  const local = !s.sharedSubjects;
  const ref = (subject: string) => (local ? `subject${goName(subject)}` : `subjects.${goName(subject)}`);
  const consts = local ? ['const (', ...s.publishes.map((p) => `\tsubject${goName(p)} = "${p}"`), ')', ''] : [];
  const imports = ['"context"', '"encoding/json"', '"fmt"', ...(s.stream ? ['"time"'] : []), '', ...(local ? [] : [`"${MODULE_ROOT}/pkg/subjects"`]), '"github.com/nats-io/nats.go"', ...(s.stream ? ['"github.com/nats-io/nats.go/jetstream"'] : [])];
  const stream = s.stream
    ? `
// EnsureStream creates ${s.stream.name} or updates it to the settings below.
func (b *Bus) EnsureStream(ctx context.Context) error {
\tjs, err := jetstream.New(b.nc)
\tif err != nil {
\t\treturn fmt.Errorf("jetstream: %w", err)
\t}
\t_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
\t\tName:     "${s.stream.name}",
\t\tSubjects: []string{"${s.stream.subjects[0]}"},
\t\tStorage:  jetstream.${s.stream.storage === 'file' ? 'FileStorage' : 'MemoryStorage'},
\t\tMaxAge:   ${s.stream.maxAgeHours} * time.Hour,
\t})
\treturn err
}
`
    : '';
  const pubs = s.publishes
    .map(
      (p) => `
// Publish${goName(p.split('.').pop()!)} announces one ${p.split('.')[1]} to every interested service.
func (b *Bus) Publish${goName(p.split('.').pop()!)}(v any) error {
\tdata, err := json.Marshal(v)
\tif err != nil {
\t\treturn fmt.Errorf("encode: %w", err)
\t}
\treturn b.nc.Publish(${ref(p)}, data)
}
`,
    )
    .join('');
  const subs = s.subscribes
    .map(
      (sub, i) => `\tif _, err := b.nc.QueueSubscribe("${sub.subject}", queueGroup, func(m *nats.Msg) {
\t\tif err := h.Handle${i}(ctx, m.Data); err != nil {
\t\t\t_ = m.Nak()
\t\t}
\t}); err != nil {
\t\treturn fmt.Errorf("subscribe ${sub.subject}: %w", err)
\t}`,
    )
    .join('\n');
  return `// Package bus connects ${s.name} to NATS.
package bus

import (
${imports.map((i) => (i ? `\t${i}` : '')).join('\n')}
)

// queueGroup spreads incoming messages over all replicas: exactly one handles each.
const queueGroup = "${s.name}"

${consts.join('\n')}
// Handler acts on the messages ${s.name} consumes.
type Handler interface {
${s.subscribes.map((_, i) => `\tHandle${i}(ctx context.Context, data []byte) error`).join('\n')}
}

// Bus wraps the NATS connection.
type Bus struct {
\tnc *nats.Conn
}

// New wraps an open connection.
func New(nc *nats.Conn) *Bus {
\treturn &Bus{nc: nc}
}
${stream}${pubs}
// Listen subscribes to everything ${s.name} consumes.
func (b *Bus) Listen(ctx context.Context, h Handler) error {
${subs}
\treturn nil
}
`;
}

export function sandboxFile(s: ServiceModel): string {
  const c = s.container!;
  return `// Package sandbox runs untrusted jobs in locked-down Docker containers.
package sandbox

import (
\t"context"
\t"fmt"

\t"github.com/docker/docker/api/types/container"
\t"github.com/docker/docker/client"
)

// pidsLimit caps processes per job so a fork bomb cannot starve the host.
var pidsLimit int64 = ${c.pids}

// Sandbox creates job containers on one Docker host.
type Sandbox struct {
\tdocker *client.Client
\timage  string
}

// Start creates and starts a job container and returns its ID.
func (s *Sandbox) Start(ctx context.Context, jobID string, env []string) (string, error) {
\tcfg := &container.Config{
\t\tImage: s.image,
\t\tUser:  "${c.user}",
\t\tEnv:   env,
\t}
\thost := &container.HostConfig{
\t\tCapDrop:        []string{"ALL"},
\t\tSecurityOpt:    []string{"no-new-privileges:true"},
\t\tReadonlyRootfs: ${c.readonly},
\t\tNetworkMode:    "${c.network}",
\t\tResources: container.Resources{
\t\t\tMemory:    ${c.memoryMiB} * 1024 * 1024,
\t\t\tPidsLimit: &pidsLimit,
\t\t},
\t}
\tcreated, err := s.docker.ContainerCreate(ctx, cfg, host, nil, nil, "job-"+jobID)
\tif err != nil {
\t\treturn "", fmt.Errorf("create container for job %s: %w", jobID, err)
\t}
\tif err := s.docker.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
\t\treturn "", fmt.Errorf("start container for job %s: %w", jobID, err)
\t}
\treturn created.ID, nil
}
`;
}

export function mainFile(s: ServiceModel): string {
  return `// Command ${s.name} runs the ${s.title} service.
package main

import (
\t"context"
\t"log/slog"
\t"os"
\t"os/signal"
\t"syscall"

\t"${s.module}/internal/bus"
\t"${s.module}/internal/config"
\t"github.com/nats-io/nats.go"
)

func main() {
\tcfg, err := config.Load()
\tif err != nil {
\t\tslog.Error("configuration", "err", err)
\t\tos.Exit(2)
\t}
\tctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
\tdefer stop()
\tnc, err := nats.Connect(nats.DefaultURL)
\tif err != nil {
\t\tslog.Error("nats", "err", err)
\t\tos.Exit(1)
\t}
\tdefer nc.Drain()
\t_ = bus.New(nc)
\tslog.Info("${s.name} started", "addr", cfg.HttpAddr)
\t<-ctx.Done()
}
`;
}

export function protoFile(api: ProtoApi, goPackage: string): string {
  const messages = new Map<string, string[]>();
  for (const r of api.rpcs) {
    messages.set(r.req, ['string id = 1;', 'int32 page_size = 2;', 'string page_token = 3;']);
    if (r.res.startsWith('List')) messages.set(r.res, [`repeated ${r.res.replace(/^List|Response$/g, '')} items = 1;`, 'string next_page_token = 2;']);
    else messages.set(r.res, ['string id = 1;', 'string owner_id = 2;', 'int64 amount = 3;', 'State state = 4;', 'google.protobuf.Timestamp created_at = 5;']);
  }
  const body = [...messages].map(([name, fields]) => `message ${name} {\n${fields.map((f) => `  ${f}`).join('\n')}\n}`);
  return `syntax = "proto3";

package ${api.pkg};

import "google/protobuf/timestamp.proto";

option go_package = "${goPackage}";

service ${api.service} {
${api.rpcs.map((r) => `  rpc ${r.name}(${r.req}) returns (${r.serverStream ? 'stream ' : ''}${r.res});`).join('\n')}
}

enum State {
  STATE_UNSPECIFIED = 0;
  STATE_ACTIVE = 1;
  STATE_CLOSED = 2;
}

${body.join('\n\n')}
`;
}

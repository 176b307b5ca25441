// Small realistic inputs the fuzzers start from: Markdown fragments of the kind runtime docs are
// made of, and proto, go.mod and Go sources of the kind the index reads. Mutations of these reach
// the parsers' odd corners far faster than random bytes do.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
/** A small parcel-dispatch workspace whose doc copies only true claims from its code. */
export const WORKSPACE = join(REPO, 'test', 'fixtures', 'robustness', 'workspace');
export const WORKSPACE_DOC = 'docs/runtime-services.md';
export const EXAMPLE = join(REPO, 'examples', 'platform');

export function workspaceFile(rel: string): string {
  return readFileSync(join(WORKSPACE, rel), 'utf8');
}

/** Words and code spans a runtime doc is made of, so generated docs look like claims to the rules. */
export const TOKENS = [
  'DISPATCH_NATS_URL',
  'DISPATCH_MAX_BATCH',
  'DISPATCH_POLL_INTERVAL',
  'DISPATCH_REGION',
  'DISPATCH_MAX_BACTH',
  'LOG_LEVEL',
  'parcel.assigned',
  'parcel.assign.requests',
  'parcel.*',
  'parcel.>',
  'courier.location.updated',
  'dispatcher',
  'PARCEL_EVENTS',
  'github.com/nats-io/nats.go',
  'google.golang.org/grpc',
  'github.com/docker/docker',
  'go.temporal.io/sdk',
  'v1.36.0',
  'v1.30.2',
  'v26.1.4',
  'v1.65.0-rc.1',
  '1.22.5',
  '1.21',
  'go1.22.6',
  '15s',
  '1m30s',
  '250',
  '300',
  '64 << 10',
  'nats://127.0.0.1:4222',
  'nats://nats:4222',
  'CapDrop: ALL',
  'NetworkMode: none',
  'ReadonlyRootfs: true',
  'Privileged: true',
  'PidsLimit',
  'no-new-privileges:true',
  '256 MiB',
  '1 GiB',
  'DispatchService',
  'Assign',
  'Track',
  'TrackEvent',
  'stream TrackEvent',
  'dispatch.v1.DispatchService',
  'api/dispatch/v1/dispatch.proto',
  'internal/sandbox/label.go',
  'cmd/dispatcher',
  '../../../etc/passwd',
  '/etc/passwd',
  'SubjectAssigned',
  'HostConfig',
  'Bus.Announce',
  '—',
  '(required)',
  '',
  ' ',
  '`',
  '|',
  '\\|',
];

export const WORDS = [
  'The',
  'dispatcher',
  'reads',
  'defaults',
  'to',
  'publishes',
  'subscribes',
  'on',
  'in',
  'queue',
  'group',
  'stream',
  'requires',
  'uses',
  'version',
  'Go',
  'NATS',
  'gRPC',
  'container',
  'runs',
  'with',
  'memory',
  'limited',
  'every',
  'replica',
  'is',
  'not',
  'must',
  'set',
  'server-streaming',
  'Dispatcher',
  'Courier',
  'Stack',
  'Configuration',
  'Messaging',
  'API',
  'Label sandbox',
];

export const GO_SNIPPETS = [
  '// SubjectAssigned is published once per parcel handed to a courier.\nconst SubjectAssigned = "parcel.assigned"',
  'func NewBus(nc *nats.Conn) *Bus {\n\treturn &Bus{nc: nc}\n}',
  'func (b *Bus) Announce(a Assignment) error {\n\tbody, err := json.Marshal(a)\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn b.nc.Publish(SubjectAssigned, body)\n}',
  'type Assignment struct {\n\tParcelID  string `json:"parcel_id"`\n\tCourierID string `json:"courier_id"`\n}',
  '// source: internal/courier/bus.go\nfunc NewBus(nc *nats.Conn) *Bus {\n\treturn &Bus{nc}\n}',
  'natsURL := getEnv("DISPATCH_NATS_URL", "nats://127.0.0.1:4222")',
];

export const PROTO_SNIPPETS = [
  'service DispatchService {\n  rpc Assign(AssignRequest) returns (AssignResponse);\n  rpc Track(TrackRequest) returns (stream TrackEvent);\n}',
  'message TrackEvent {\n  string status = 1;\n  int64 at_unix = 2;\n}',
  'service DispatchService {\n  rpc Assign(AssignRequest) returns (stream AssignResponse);\n  rpc Cancel(CancelRequest) returns (CancelResponse);\n}',
];

export const GOMOD_SNIPPETS = [
  'module example.com/parcel\n\ngo 1.22.5\n\nrequire (\n\tgithub.com/nats-io/nats.go v1.36.0\n\tgoogle.golang.org/grpc v1.65.0\n)',
  'require github.com/docker/docker v26.1.4+incompatible',
];

export const OTHER_SNIPPETS = [
  'services:\n  labels:\n    image: registry.example.com/parcel/labels:2.1.0\n    read_only: true\n    network_mode: none\n    cap_drop: [ALL]\n    mem_limit: 256m\n    pids_limit: 32',
  'DISPATCH_NATS_URL=nats://127.0.0.1:4222\nDISPATCH_MAX_BATCH=250',
  '.\n├── api/dispatch/v1/dispatch.proto\n├── cmd/dispatcher/\n└── internal/\n    ├── courier/\n    └── sandbox/',
  '{"subject": "parcel.assigned", "parcel_id": "p-1"}',
];

/** Source files the index reads, each a seed for mutation. */
export const SOURCE_SEEDS: { path: string; text: string }[] = [
  { path: 'go.mod', text: workspaceFile('go.mod') },
  { path: 'cmd/dispatcher/main.go', text: workspaceFile('cmd/dispatcher/main.go') },
  { path: 'internal/courier/bus.go', text: workspaceFile('internal/courier/bus.go') },
  { path: 'internal/sandbox/label.go', text: workspaceFile('internal/sandbox/label.go') },
  { path: 'api/dispatch/v1/dispatch.proto', text: workspaceFile('api/dispatch/v1/dispatch.proto') },
  {
    path: 'deploy/.env.example',
    text: '# Copy to .env for local runs.\nDISPATCH_NATS_URL=nats://127.0.0.1:4222\nDISPATCH_MAX_BATCH=250\nexport DISPATCH_REGION="eu-west"\n',
  },
  {
    path: 'tools/go.mod',
    text: 'module example.com/parcel/tools\n\ngo 1.23\n\ntoolchain go1.23.2\n\nrequire golang.org/x/tools v0.24.0\n\nreplace example.com/parcel => ../\n',
  },
  {
    path: 'api/courier/v1/courier.proto',
    text:
      'syntax = "proto3";\n\npackage courier.v1;\n\nimport "google/protobuf/timestamp.proto";\n\nenum Vehicle {\n  VEHICLE_UNSPECIFIED = 0;\n  VEHICLE_BIKE = 1;\n  VEHICLE_VAN = 2;\n}\n\nmessage Location {\n  double lat = 1;\n  double lng = 2;\n  google.protobuf.Timestamp at = 3;\n  map<string, string> tags = 4;\n  oneof source {\n    string device_id = 5;\n    string manual_by = 6;\n  }\n  message Accuracy {\n    float meters = 1;\n  }\n  repeated Accuracy samples = 7;\n}\n\nservice CourierService {\n  rpc Report(stream Location) returns (ReportAck) {\n    option deprecated = true;\n  }\n  rpc Follow(FollowRequest) returns (stream Location);\n}\n\nmessage ReportAck {}\nmessage FollowRequest { string courier_id = 1; }\n',
  },
];

/** The true doc's lines are the best Markdown seed there is: every one of them is a claim. */
export function trueDocText(): string {
  return workspaceFile(WORKSPACE_DOC);
}

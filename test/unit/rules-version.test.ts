import { runRuleCases } from '../helpers/ruleTester';
import { versionGo, versionModule, versionToolchain } from '../../server/src/rules/version/versionMismatch';

const RULES = [versionGo, versionToolchain, versionModule];

const ORDERS_GOMOD = `module example.com/shop/services/order-router

go 1.22.5

toolchain go1.22.7

require (
	github.com/nats-io/nats.go v1.37.0
	google.golang.org/grpc v1.64.1
	github.com/docker/docker v26.1.4+incompatible
	github.com/robfig/cron/v3 v3.0.1
)

require github.com/klauspost/compress v1.17.9 // indirect
`;

const LEDGER_GOMOD = `module example.com/shop/services/ledger-writer

go 1.23.2

require (
	github.com/nats-io/nats.go v1.36.0
	google.golang.org/grpc v1.64.1
	go.mongodb.org/mongo-driver v1.16.0
)
`;

const MAIN = `package main

func main() {}
`;

const files = {
  'services/order-router/go.mod': ORDERS_GOMOD,
  'services/order-router/cmd/order-router/main.go': MAIN,
  'services/ledger-writer/go.mod': LEDGER_GOMOD,
  'services/ledger-writer/cmd/ledger-writer/main.go': MAIN,
};

describe('version rules', () => {
  runRuleCases(RULES, [
    {
      name: 'a true stack table is silent',
      files,
      doc: `# Runtime

## Order Router

| Component | Version |
|---|---|
| Go | 1.22.5 |
| gRPC | v1.64.1 |
| \`github.com/nats-io/nats.go\` | v1.37 |
| Docker SDK | 26.x |
| cron | v3.0.1 |
`,
      expect: [],
      claims: 5,
    },
    {
      name: 'a wrong module version in a service section is an error with a fix in the doc style',
      files,
      doc: `# Runtime

## Order Router

| Component | Version |
|---|---|
| NATS | v1.36.0 |
| gRPC | 1.63.0 |
`,
      expect: [
        { code: 'version-module', line: 7, message: 'v1.37.0', severity: 'error' },
        { code: 'version-module', line: 8, message: 'v1.64.1', severity: 'error' },
      ],
      output: `# Runtime

## Order Router

| Component | Version |
|---|---|
| NATS | v1.37.0 |
| gRPC | 1.64.1 |
`,
    },
    {
      name: 'services that disagree: a platform-wide claim true for one is a warning naming both',
      files,
      doc: `# Runtime

All services use NATS v1.37.0 for messaging.
`,
      expect: [{ code: 'version-module', line: 3, message: 'ledger-writer uses v1.36.0', severity: 'warning' }],
    },
    {
      name: 'Go version: "1.22+" is a minimum, a wrong toolchain is an error',
      files: { 'services/order-router/go.mod': ORDERS_GOMOD, 'services/order-router/cmd/order-router/main.go': MAIN },
      doc: `# Order Router

Built with Go 1.22+ and pinned with the \`toolchain go1.22.3\` directive.
`,
      expect: [{ code: 'version-toolchain', line: 3, message: 'go1.22.7' }],
      output: `# Order Router

Built with Go 1.22+ and pinned with the \`toolchain go1.22.7\` directive.
`,
    },
    {
      name: 'a go.mod excerpt is checked line by line',
      files,
      doc: `# Ledger Writer

\`\`\`go.mod
module example.com/shop/services/ledger-writer

go 1.23.2

require (
	github.com/nats-io/nats.go v1.36.0
	go.mongodb.org/mongo-driver v1.15.0
)
\`\`\`
`,
      expect: [{ code: 'version-module', line: 10, message: 'v1.16.0' }],
      output: `# Ledger Writer

\`\`\`go.mod
module example.com/shop/services/ledger-writer

go 1.23.2

require (
	github.com/nats-io/nats.go v1.36.0
	go.mongodb.org/mongo-driver v1.16.0
)
\`\`\`
`,
    },
    {
      name: 'a go.mod excerpt indented inside a list item, with a tab-indented require block',
      files,
      doc: '# Ledger Writer\n\n- The module file:\n\n  ```go.mod\n  module example.com/shop/services/ledger-writer\n\n  require (\n\tgo.mongodb.org/mongo-driver v1.15.0\n  )\n  ```\n',
      expect: [{ code: 'version-module', line: 9, message: 'v1.16.0' }],
      output: '# Ledger Writer\n\n- The module file:\n\n  ```go.mod\n  module example.com/shop/services/ledger-writer\n\n  require (\n\tgo.mongodb.org/mongo-driver v1.16.0\n  )\n  ```\n',
    },
    {
      name: '"Latest" is not a conflict, only a hint',
      files,
      doc: `# Order Router

| Library | Version |
|---|---|
| gRPC | Latest |
`,
      expect: [{ code: 'version-module', line: 5, severity: 'hint' }],
    },
    {
      name: 'a server version with a different major is not judged as the client module',
      files,
      doc: `# Order Router

We run NATS 2.10 in production; the cluster is managed by the platform team.
`,
      expect: [{ code: 'version-module', line: 3, severity: 'hint' }],
    },
    {
      name: 'a literal module path nobody requires is a warning',
      files,
      doc: `# Order Router

| Library | Version |
|---|---|
| \`github.com/segmentio/kafka-go\` | v0.4.47 |
`,
      expect: [{ code: 'version-module', line: 5, severity: 'warning', message: 'no go.mod' }],
    },
    {
      name: 'a "Used by" column limits the claim to the services it lists; a go-directive column reads one service per row',
      files,
      doc: `# Runtime

| Library | Version | Used by |
|---|---|---|
| \`github.com/nats-io/nats.go\` | v1.37.0 | order-router |
| \`github.com/nats-io/nats.go\` | v1.37.0 | ledger-writer |

| Service | \`go\` directive |
|---|---|
| order-router | 1.22.5 |
| ledger-writer | 1.22.5 |
`,
      expect: [
        { code: 'version-module', line: 6, message: 'v1.36.0' },
        { code: 'version-go', line: 11, message: '1.23.2' },
      ],
    },
    {
      name: 'per-service columns compare each service with its own go.mod',
      files,
      doc: `# Runtime

| Dependency | order-router | ledger-writer |
|---|---|---|
| nats.go | v1.37.0 | v1.37.0 |
`,
      expect: [{ code: 'version-module', line: 5, message: 'v1.36.0' }],
    },
  ]);
});

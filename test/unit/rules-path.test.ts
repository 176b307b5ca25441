import { join } from 'node:path';
import { loadTree } from '../helpers/fixtureFiles';
import { runRuleCases } from '../helpers/ruleTester';
import { pathMissing } from '../../server/src/rules/path/pathMissing';
import { pathOutsideWorkspace } from '../../server/src/rules/path/pathOutsideWorkspace';

// The document under test sits at docs/runtime-services.md (see the rule tester).
const files = loadTree(join(__dirname, '../fixtures/rules-path'));
const rules = [pathMissing, pathOutsideWorkspace];
const fence = '```';

describe('path rules: inline code', () => {
  runRuleCases(rules, [
    {
      name: 'object keys in a bucket look like paths but are not repository paths',
      files,
      doc: '# Harbor runtime\n\nNightly exports are written as objects under `exports/2024/report.csv` by the reporting job.\n\n| Object key | Holds |\n|---|---|\n| `manifests/latest.json` | the current manifest |\n',
      expect: [],
    },
    {
      name: 'paths that exist, written from the root, with a line number, or with ./',
      files,
      doc: [
        '# Harbor runtime',
        '',
        'The binary is built from `cmd/harbor/main.go`; berth planning lives in `internal/berth/` and the',
        'parser sandbox in `internal/berth/sandbox`. The contract is `api/harbor/v1/harbor.proto`, and the',
        'constants are in `internal/store/mongo_store.go:3`. Compose: `./deploy/compose/docker-compose.yaml`.',
        'Copy `.env.sample` first; the entry point is `main.go`.',
        '',
      ].join('\n'),
      expect: [],
      claims: 6,
    },
    {
      name: 'text that is not a repository path is not judged',
      files,
      doc: [
        '# Harbor runtime',
        '',
        'Imports `github.com/nats-io/nats.go` and `google/protobuf/timestamp.proto`; serves `/healthz`;',
        'keeps scratch files in `/var/lib/harbor/scratch` and reads `~/.harbor/config`. Answers with',
        '`application/json` at 300 `req/s`. Subjects: `berth.assigned.*`. Keys: `manifests/<vessel>/raw.json`.',
        'The image is `ghcr.io/harbor/harbor:1.0.0`; roll it out with `deployment/harbor` and `kubectl rollout`.',
        'See `https://example.invalid/docs/a.md` and `e.g./i.e.`.',
        '',
      ].join('\n'),
      expect: [],
    },
    {
      name: 'a path written from the service folder its section is about',
      files,
      doc: '# Harbor runtime\n\n## billing\n\nThe ledger is opened in `internal/ledger/ledger.go` and `cmd/billing/`.\n',
      expect: [],
      claims: 2,
    },
    {
      name: 'a package-qualified symbol names its package folder',
      files,
      doc: '# Harbor runtime\n\nThe planner is built by `internal/berth.NewPlanner`; the old `internal/berths.NewPlanner` is gone.\n',
      expect: [{ code: 'path-missing', line: 3, message: '`internal/berths/`; the workspace has no such folder (nearest: `internal/berth/`)' }],
      output: '# Harbor runtime\n\nThe planner is built by `internal/berth.NewPlanner`; the old `internal/berth.NewPlanner` is gone.\n',
    },
    {
      name: 'a misspelt file is an error with the near miss as the fix',
      files,
      doc: '# Harbor runtime\n\nThe parser image is pinned in `internal/berth/sandbox/runer.go`.\n',
      expect: [{ code: 'path-missing', line: 3, message: 'no such file (nearest: `internal/berth/sandbox/runner.go`)' }],
      output: '# Harbor runtime\n\nThe parser image is pinned in `internal/berth/sandbox/runner.go`.\n',
    },
    {
      name: 'a renamed file: the near miss is named and fixed; a far miss is only reported',
      files,
      doc: '# Harbor runtime\n\nCollections are constants in `internal/store/mongo.go`.\nNotifications are sent from `internal/notify/`.\n',
      expect: [
        { code: 'path-missing', line: 3, message: 'nearest: `internal/store/mongo_store.go`' },
        { code: 'path-missing', line: 4, message: '`internal/notify/`; the workspace has no such folder' },
      ],
      output: '# Harbor runtime\n\nCollections are constants in `internal/store/mongo_store.go`.\nNotifications are sent from `internal/notify/`.\n',
    },
    {
      name: 'a file under a folder the workspace lacks is still judged by its extension',
      files,
      doc: '# Harbor runtime\n\nA ready-made manifest is kept in `deploy/k8s/harbor.yaml`.\n',
      expect: [{ code: 'path-missing', line: 3, message: '`deploy/k8s/harbor.yaml`' }],
    },
    {
      name: 'a bare Go file name that exists nowhere',
      files,
      doc: '# Harbor runtime\n\nThe retry loop is in `worker.go`.\n',
      expect: [{ code: 'path-missing', line: 3, message: '`worker.go`' }],
    },
    {
      name: 'a missing proto file next to a real one',
      files,
      doc: '# Harbor runtime\n\nIts schema is in `api/harbour/v1/harbor.proto`.\n',
      expect: [{ code: 'path-missing', line: 3, message: 'nearest: `api/harbor/v1/harbor.proto`' }],
      output: '# Harbor runtime\n\nIts schema is in `api/harbor/v1/harbor.proto`.\n',
    },
  ]);
});

describe('path rules: links', () => {
  runRuleCases(rules, [
    {
      name: 'links relative to the document, from the root, anchors and web links',
      files,
      doc: '# Harbor runtime\n\nSee the [runbook](ops/runbook.md#restart), the [planner](../internal/berth/planner.go), [compose](/deploy/compose/docker-compose.yaml),\n[storage](#storage), [NATS](https://docs.nats.io/) and [mail](mailto:ops@example.invalid).\n\n[ref]: ../cmd/harbor/main.go\n',
      expect: [],
      claims: 4,
    },
    {
      name: 'a broken link gets the near miss, written relative to the document',
      files,
      doc: '# Harbor runtime\n\nSee the [planner](../internal/berth/planer.go).\n',
      expect: [{ code: 'path-missing', line: 3, message: 'Link target `../internal/berth/planer.go`' }],
      output: '# Harbor runtime\n\nSee the [planner](../internal/berth/planner.go).\n',
    },
    {
      name: 'a link climbing out of the workspace is a warning and never followed',
      files,
      doc: '# Harbor runtime\n\nHost accounts: [passwd](../../../etc/passwd).\n',
      expect: [{ code: 'path-outside-workspace', line: 3, message: 'points outside the workspace' }],
    },
  ]);
});

describe('path rules: folder trees', () => {
  runRuleCases(rules, [
    {
      name: 'a true tree under the repository name',
      files,
      doc: [
        '# Harbor runtime',
        '',
        `${fence}text`,
        'harbor/',
        '├── api/harbor/v1/harbor.proto   # BerthAPI',
        '├── cmd/harbor/                  # main.go',
        '├── internal/',
        '│   ├── berth/',
        '│   │   ├── planner.go',
        '│   │   └── sandbox/             # parser container',
        '│   └── store/',
        '├── bin/                         # build output, not committed',
        '│   └── harbor',
        '├── .env.sample',
        '└── go.mod',
        fence,
        '',
      ].join('\n'),
      expect: [],
      claims: 9,
    },
    {
      name: 'missing entries are reported on their lines; a near miss is renamed, children of a missing folder are not reported',
      files,
      doc: [
        '# Harbor runtime',
        '',
        `${fence}`,
        'harbor/',
        '├── cmd/harbor/',
        '├── internal/',
        '│   ├── berth/',
        '│   ├── notify/                  # webhook notifier',
        '│   │   └── webhook.go',
        '│   └── stor/',
        '└── go.mod',
        fence,
        '',
      ].join('\n'),
      expect: [
        { code: 'path-missing', line: 8, message: 'Tree lists `internal/notify/`' },
        { code: 'path-missing', line: 10, message: 'Tree lists `internal/stor/`' },
      ],
      output: [
        '# Harbor runtime',
        '',
        `${fence}`,
        'harbor/',
        '├── cmd/harbor/',
        '├── internal/',
        '│   ├── berth/',
        '│   ├── notify/                  # webhook notifier',
        '│   │   └── webhook.go',
        '│   └── store/',
        '└── go.mod',
        fence,
        '',
      ].join('\n'),
    },
    {
      name: 'a tree rooted at a sub-folder, in ASCII',
      files,
      doc: ['# Harbor runtime', '', `${fence}text`, 'internal/berth/', '|-- planner.go', '|-- assign.go', '`-- sandbox/', '    `-- runner.go', fence, ''].join('\n'),
      expect: [{ code: 'path-missing', line: 6, message: '`internal/berth/assign.go`' }],
    },
    {
      name: 'an indented tree in a service section resolves from the service folder',
      files,
      doc: ['# Harbor runtime', '', '## billing', '', `${fence}`, 'cmd/', '  billing/', '    main.go', 'internal/', '  ledger/', '    ledger.go', '    invoice.go', fence, ''].join('\n'),
      expect: [{ code: 'path-missing', line: 12, message: '`services/billing/internal/ledger/invoice.go`' }],
    },
    {
      name: 'a call tree drawn with box characters is not a folder tree',
      files,
      doc: ['# Harbor runtime', '', `${fence}`, 'Assign', '├── loadVessel', '│   └── decode manifest', '├── pickBerth       picks the nearest free berth', '└── publish', fence, ''].join('\n'),
      expect: [],
    },
    {
      name: 'labels with prose after them inside a file tree are skipped, files are judged',
      files,
      doc: ['# Harbor runtime', '', `${fence}text`, 'harbor/', '├── cmd/harbor/main.go', '├── internal/berth/planner.go', '├── scripts         helper scripts for operators', '└── internal/berth/queue.go', fence, ''].join('\n'),
      expect: [{ code: 'path-missing', line: 8, message: '`internal/berth/queue.go`' }],
    },
    {
      name: 'text blocks that are not trees are not judged',
      files,
      doc: ['# Harbor runtime', '', `${fence}text`, 'harbor plan --resume', 'harbor: resumed 3 plans', fence, '', `${fence}`, 'vessels/   berths/   assignments/', fence, ''].join('\n'),
      expect: [],
    },
  ]);
});

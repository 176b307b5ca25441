import { join } from 'node:path';
import { loadTree } from '../helpers/fixtureFiles';
import { runRuleCases } from '../helpers/ruleTester';
import { serviceUnknown } from '../../server/src/rules/service/serviceUnknown';
import { serviceUndocumented } from '../../server/src/rules/service/serviceUndocumented';

const multi = loadTree(join(__dirname, '../fixtures/rules-service/multi'));
const single = loadTree(join(__dirname, '../fixtures/rules-service/single'));
const rules = [serviceUnknown, serviceUndocumented];

const multiDoc = (extra = '') =>
  [
    '# Tidewater services',
    '',
    '| Service | Purpose |',
    '| --- | --- |',
    '| route-planner | Plans berth-to-berth routes |',
    '| fleet-tracker | Polls vessel positions |',
    '| billing-export | Exports invoices nightly |',
    '',
    '## Route Planner',
    '',
    'The route planner (`services/route-planner`) answers route requests.',
    '',
    '## Fleet Tracker',
    '',
    'The fleet tracker polls positions every `TRACKER_POLL_INTERVAL`.',
    '',
    '## Billing Export',
    '',
    'The billing export job runs once a night from `services/billing-export/`.',
    '',
    '## Operating notes',
    '',
    'The operating notes below apply to every service.',
    extra,
  ].join('\n');

describe('service rules: services by folder, table and heading', () => {
  runRuleCases(rules, [
    {
      name: 'a doc naming only real services is silent',
      files: multi,
      doc: multiDoc(),
      expect: [],
      claims: 5,
    },
    {
      name: 'a section among service sections describing a component that does not exist',
      files: multi,
      doc: multiDoc('\n## Tariff Engine\n\nThe tariff engine prices every berth hour before an invoice is written.\n'),
      expect: [{ code: 'service-unknown', line: 25, message: 'a service `Tariff Engine`' }],
    },
    {
      name: 'sections are held against their own siblings, not every section at the same depth',
      files: multi,
      doc: [
        '# Tidewater',
        '',
        '## Runtime',
        '',
        '### Route Planner',
        '',
        'The route planner (`services/route-planner`) answers route requests.',
        '',
        '### Fleet Tracker',
        '',
        'The fleet tracker polls positions.',
        '',
        '### Billing Export',
        '',
        'The billing export job runs once a night from `services/billing-export/`.',
        '',
        '### Tariff Engine',
        '',
        'The tariff engine prices every berth hour before an invoice is written.',
        '',
        '## Tooling',
        '',
        '### Lint Runner',
        '',
        'The lint runner checks every doc before a merge.',
        '',
      ].join('\n'),
      expect: [{ code: 'service-unknown', line: 17, message: 'a service `Tariff Engine`' }],
    },
    {
      name: 'topic sections beside service sections are not services',
      files: multi,
      doc: multiDoc('\n## Message flow\n\nThe message flow starts at the tracker.\n\n## Glossary\n\nThe glossary lists terms.\n\n## Cluster\n\nThe cluster runs three nodes.\n'),
      expect: [],
    },
    {
      name: 'a service folder that does not exist',
      files: multi,
      doc: multiDoc('\nDock scheduling moves to `services/dock-scheduler` next quarter.\n'),
      expect: [{ code: 'service-unknown', line: 25, message: 'service folder `services/dock-scheduler`' }],
    },
    {
      name: '"the `x` service" names a service; compose services in the doc do not',
      files: multi,
      doc: [
        '# Tidewater services',
        '',
        'Routes are cached by the `geo-index` service.',
        '',
        'Locally the `route-planner` service runs next to the `tiles` service from this compose file:',
        '',
        '```yaml',
        'services:',
        '  tiles:',
        '    image: ghcr.io/tidewater/tiles:3',
        '```',
        '',
      ].join('\n'),
      expect: [{ code: 'service-unknown', line: 3, message: 'service `geo-index`' }],
    },
  ]);
});

describe('service rules: fixes', () => {
  runRuleCases([serviceUnknown], [
    {
      name: 'a misspelt name in the Service column is fixed to the near miss',
      files: multi,
      doc: '# Tidewater services\n\n| Service | Purpose |\n| --- | --- |\n| route-planner | Plans routes |\n| fleet-traker | Polls positions |\n| billing-export | Exports invoices |\n| nats | Messaging |\n',
      expect: [{ code: 'service-unknown', line: 6, message: 'Did you mean `fleet-tracker`?' }],
      output: '# Tidewater services\n\n| Service | Purpose |\n| --- | --- |\n| route-planner | Plans routes |\n| fleet-tracker | Polls positions |\n| billing-export | Exports invoices |\n| nats | Messaging |\n',
    },
  ]);
});

// Runnable services and subcommands come from the Go index (main packages, urfave/cli commands).
describe('service rules: runnable services and subcommands', () => {
  runRuleCases(rules, [
    {
      name: 'a runnable service the doc never mentions: one warning on the title',
      files: multi,
      doc: '# Tidewater services\n\n## Route Planner\n\nThe route planner answers route requests.\n\n## Fleet Tracker\n\nThe fleet tracker polls positions.\n',
      expect: [{ code: 'service-undocumented', line: 1, message: '`billing-export`', severity: 'warning' }],
    },
    {
      name: 'a spaced, capitalised name counts as a mention',
      files: multi,
      doc: '# Tidewater services\n\nRoute Planner, Fleet Tracker and the Billing Export job make up the platform.\n',
      expect: [],
      claims: 3,
    },
    {
      name: 'true subcommands in a list, a command line and a single mention',
      files: single,
      doc: '# portd\n\n`portd` ships as one binary with three subcommands: `serve`, `sweep` and `replay`.\nRun `portd serve --addr :9400` in production; the `sweep` subcommand runs hourly.\n',
      expect: [],
      claims: 5,
    },
    {
      name: 'a command line with a subcommand the binary does not have',
      files: single,
      doc: '# portd\n\nThe subcommands are `serve`, `sweep` and `replay`. Schema changes go through `portd migrate`, once per environment.\n',
      expect: [{ code: 'service-unknown', line: 3, message: 'subcommand `migrate` of `portd`; its subcommands are `serve`, `sweep`, `replay`' }],
    },
    {
      name: 'a listed subcommand that does not exist, with a near miss fixed',
      files: single,
      doc: '# portd\n\nportd has four subcommands: `serve`, `sweep`, `replay` and `swep`. The `archive` subcommand keeps old captures.\n',
      expect: [
        { code: 'service-unknown', line: 3, message: 'subcommand `swep`' },
        { code: 'service-unknown', line: 3, message: 'subcommand `archive`' },
      ],
      output: '# portd\n\nportd has four subcommands: `serve`, `sweep`, `replay` and `sweep`. The `archive` subcommand keeps old captures.\n',
    },
    {
      name: 'a subcommand the doc leaves out is undocumented',
      files: single,
      doc: '# portd\n\n`portd serve` answers the berth API and `portd sweep` expires reservations.\n',
      expect: [{ code: 'service-undocumented', line: 1, message: '`replay` (subcommand, cmd/portd/main.go' }],
    },
    {
      name: 'words like "every subcommand" before unrelated code are not a list',
      files: single,
      doc: '# portd\n\nEvery subcommand connects to NATS on start-up (see `open` in `cmd/portd/main.go`). `serve`, `sweep` and `replay` share it.\n',
      expect: [],
    },
  ]);
});

describe('service rules: documents about one service', () => {
  const pair: Record<string, string> = {
    'go.mod': 'module example.com/greenhouse\n\ngo 1.22\n',
    'services/climate-controller/main.go': 'package main\n\nfunc main() {}\n',
    'services/irrigation-scheduler/main.go': 'package main\n\nfunc main() {}\n',
    'pkg/sensors/sensors.go': 'package sensors\n\n// Read returns the current reading.\nfunc Read() float64 { return 0 }\n',
  };
  runRuleCases(rules, [
    {
      name: 'a doc about one service owes no word to its neighbour, even in a two-service workspace',
      files: pair,
      doc: '# climate-controller\n\nThe `climate-controller` reads `pkg/sensors` every minute.\n',
      expect: [],
    },
    {
      name: 'a library module is not listed as a service in an unknown-service message',
      files: pair,
      doc: '# Greenhouse\n\n## climate-controller\n\nRuns the fans.\n\n## irrigation-scheduler\n\nRuns the valves.\n\nThe `weather-fetcher` service pulls forecasts.\n',
      expect: [{ code: 'service-unknown', line: 11, message: 'services: `climate-controller`, `irrigation-scheduler`)' }],
    },
  ]);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRuleCases } from '../helpers/ruleTester';
import { rpcEnumValue, rpcMessageField, rpcMissingMethod, rpcSignature, rpcStreamingKind, rpcUnknownMethod, rpcUnknownService } from '../../server/src/rules/rpc/index';

const fixture = (p: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'proto', p), 'utf8');

const SHIPPING = { 'api/shipping/v1/shipping.proto': fixture('shipping/v1/shipping.proto') };
const DEPOT = { 'api/depot/v1/depot.proto': fixture('depot/v1/depot.proto') };
const BOTH_VERSIONS = { ...SHIPPING, 'api/shipping/v2/shipping.proto': fixture('shipping/v2/shipping.proto') };
const ALL = { ...SHIPPING, ...DEPOT };
const GO_SERVER = {
  'go.mod': 'module example.com/parcel\n\ngo 1.22\n',
  'internal/dispatch/server.go': [
    'package dispatch',
    '',
    '// NewDispatcher wires the gRPC server to the route planner.',
    'func NewDispatcher(planner RoutePlanner) *Dispatcher {',
    '\treturn &Dispatcher{planner: planner}',
    '}',
    '',
    'type RoutePlanner interface {',
    '\tPlanRoute(stops []string) ([]string, error)',
    '}',
    '',
    'type Dispatcher struct {',
    '\tplanner RoutePlanner',
    '}',
    '',
  ].join('\n'),
};

/** A document from its lines, so expected line numbers can be read off the array. */
const md = (...lines: string[]): string => lines.join('\n') + '\n';

describe('rpc-signature', () => {
  runRuleCases(rpcSignature, [
    {
      name: 'a block copying rpcs exactly, with an elision, is valid',
      files: SHIPPING,
      doc: md(
        '# Dispatch',
        '',
        '```proto',
        'service Dispatch {',
        '  rpc ReportPosition(stream PositionFix) returns (RouteSummary);',
        '  rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);',
        '  // ...',
        '  rpc CancelShipment(CancelShipmentRequest) returns (google.protobuf.Empty) {}',
        '}',
        '```',
      ),
      expect: [],
      claims: 3,
    },
    {
      name: 'an unqualified well-known type matches its qualified spelling',
      files: SHIPPING,
      doc: md('```protobuf', 'rpc CancelShipment(CancelShipmentRequest) returns (Empty);', '```'),
      expect: [],
      claims: 1,
    },
    {
      name: 'a wrong response type is reported on its line and fixed with the source line',
      files: SHIPPING,
      doc: md(
        '## Contract',
        '',
        '```proto',
        'service Dispatch {',
        '  rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);',
        '  rpc CancelShipment(CancelShipmentRequest) returns (Shipment);',
        '  ...',
        '}',
        '```',
      ),
      expect: [{ code: 'rpc-signature', line: 6, message: 'Doc says `CancelShipment` returns `Shipment`; api/shipping/v1/shipping.proto:30 returns `google.protobuf.Empty`' }],
      output: md(
        '## Contract',
        '',
        '```proto',
        'service Dispatch {',
        '  rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);',
        '  rpc CancelShipment(CancelShipmentRequest) returns (google.protobuf.Empty) {}',
        '  ...',
        '}',
        '```',
      ),
    },
    {
      name: 'a missing `stream` on the request side is a signature difference',
      files: SHIPPING,
      doc: md('```proto', 'service Dispatch {', '  // ...', '  rpc ReportPosition(PositionFix) returns (RouteSummary);', '}', '```'),
      expect: [{ code: 'rpc-signature', line: 4, message: 'takes `PositionFix`; api/shipping/v1/shipping.proto:27 takes `stream PositionFix`' }],
      output: md('```proto', 'service Dispatch {', '  // ...', '  rpc ReportPosition(stream PositionFix) returns (RouteSummary);', '}', '```'),
    },
    {
      name: 'a fix brings an rpc with an option body in whole, indented like the block, inside a list item',
      files: SHIPPING,
      doc: md(
        '- The create call:',
        '',
        '  ```proto',
        '  service Dispatch {',
        '    rpc CreateShipment(CreateShipmentRequest) returns (ShipmentView);',
        '    ...',
        '  }',
        '  ```',
      ),
      expect: [{ code: 'rpc-signature', line: 5, message: 'returns `ShipmentView`' }],
      output: md(
        '- The create call:',
        '',
        '  ```proto',
        '  service Dispatch {',
        '    rpc CreateShipment(CreateShipmentRequest) returns (Shipment) {',
        '      option (google.api.http) = {',
        '        post: "/v1/shipments"',
        '        body: "*"',
        '      };',
        '    }',
        '    ...',
        '  }',
        '  ```',
      ),
    },
    {
      name: 'an inline signature is compared with the rpc and rewritten in the same style',
      files: SHIPPING,
      doc: md('Tracking uses `rpc TrackShipment(TrackShipmentRequest) returns (TrackingEvent);` per parcel.', '', 'Creation is `CreateShipment(CreateShipmentRequest) returns (Shipment)`.'),
      expect: [{ code: 'rpc-signature', line: 1, message: 'Doc says `TrackShipment` returns `TrackingEvent`; api/shipping/v1/shipping.proto:28 returns `stream TrackingEvent`' }],
      output: md('Tracking uses `rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);` per parcel.', '', 'Creation is `CreateShipment(CreateShipmentRequest) returns (Shipment)`.'),
    },
    {
      name: 'the block package picks the service among versions',
      files: BOTH_VERSIONS,
      doc: md('```proto', 'package shipping.v2;', '', 'service Dispatch {', '  rpc CreateShipment(CreateShipmentRequest) returns (Shipment);', '  rpc TrackDepot(TrackDepotRequest) returns (Shipment);', '}', '```'),
      expect: [{ code: 'rpc-signature', line: 6, message: 'api/shipping/v2/shipping.proto:10 returns `stream Shipment`' }],
      output: md('```proto', 'package shipping.v2;', '', 'service Dispatch {', '  rpc CreateShipment(CreateShipmentRequest) returns (Shipment);', '  rpc TrackDepot(TrackDepotRequest) returns (stream Shipment);', '}', '```'),
    },
  ]);
});

describe('rpc-missing-method', () => {
  runRuleCases(rpcMissingMethod, [
    {
      name: 'a complete service is valid',
      files: DEPOT,
      doc: md(
        '```proto',
        'service DepotOps {',
        '  rpc DrainDepot(DrainDepotRequest) returns (Depot);',
        '  rpc ReopenDepot(ReopenDepotRequest) returns (Depot);',
        '  rpc WatchDepots(WatchDepotsRequest) returns (stream Depot);',
        '}',
        '```',
      ),
      expect: [],
      claims: 1,
    },
    {
      name: 'a service shown whole but short of rpcs gets them inserted in file order',
      files: DEPOT,
      doc: md('Control room API:', '', '```proto', 'service DepotOps {', '  rpc ReopenDepot(ReopenDepotRequest) returns (Depot);', '}', '```'),
      expect: [{ code: 'rpc-missing-method', line: 4, message: 'Doc shows `DepotOps` without `DrainDepot`, `WatchDepots`; api/depot/v1/depot.proto:10 also declares them', severity: 'warning' }],
      output: md(
        'Control room API:',
        '',
        '```proto',
        'service DepotOps {',
        '  rpc DrainDepot(DrainDepotRequest) returns (Depot);',
        '  rpc ReopenDepot(ReopenDepotRequest) returns (Depot);',
        '  rpc WatchDepots(WatchDepotsRequest) returns (stream Depot);',
        '}',
        '```',
      ),
    },
    {
      name: 'an elided service (`...` or `// ...`) omits rpcs on purpose',
      files: DEPOT,
      doc: md(
        '```proto',
        'service DepotOps {',
        '  rpc DrainDepot(DrainDepotRequest) returns (Depot);',
        '  ...',
        '}',
        '```',
        '',
        '```proto',
        'service DepotOps {',
        '  // ... the watch call',
        '  rpc ReopenDepot(ReopenDepotRequest) returns (Depot);',
        '}',
        '```',
      ),
      expect: [],
    },
  ]);
});

describe('rpc-unknown-method', () => {
  runRuleCases(rpcUnknownMethod, [
    {
      name: 'a block rpc the service lacks is an error; only removal is offered',
      files: DEPOT,
      doc: md('```proto', 'service DepotOps {', '  rpc DrainDepot(DrainDepotRequest) returns (Depot);', '  rpc MergeDepots(MergeDepotsRequest) returns (Depot);', '  ...', '}', '```'),
      expect: [{ code: 'rpc-unknown-method', line: 4, message: 'Doc shows `rpc MergeDepots` in `DepotOps`; api/depot/v1/depot.proto:10 declares no such method' }],
      output: md('```proto', 'service DepotOps {', '  rpc DrainDepot(DrainDepotRequest) returns (Depot);', '  rpc MergeDepots(MergeDepotsRequest) returns (Depot);', '  ...', '}', '```'),
    },
    {
      name: 'a misspelt rpc with the right signature is replaced by the real line',
      files: DEPOT,
      doc: md('```proto', 'service DepotOps {', '  rpc DrainDepots(DrainDepotRequest) returns (Depot);', '  ...', '}', '```'),
      expect: [{ code: 'rpc-unknown-method', line: 3, message: '(nearest: `DrainDepot`)' }],
      output: md('```proto', 'service DepotOps {', '  rpc DrainDepot(DrainDepotRequest) returns (Depot);', '  ...', '}', '```'),
    },
    {
      name: 'a method-like name in a section about a service, that nothing declares, is an unknown rpc',
      files: { ...DEPOT, ...GO_SERVER },
      doc: md(
        '## DepotOps',
        '',
        'Operators drain a depot with `DrainDepot` and retire it for good with `RetireDepot`.',
        '',
        'The handler is built by `NewDispatcher`; its `RoutePlanner` plans stops. `DepotState` tracks it.',
        '',
        '```go',
        'func CloseDock(code string) error',
        '```',
        '',
        'Docks are shut by `CloseDock`, and `WarehouseZone` groups them.',
      ),
      expect: [{ code: 'rpc-unknown-method', line: 3, message: 'Doc names `RetireDepot` as a method of `DepotOps`; api/depot/v1/depot.proto:10 declares no such rpc' }],
      output: md(
        '## DepotOps',
        '',
        'Operators drain a depot with `DrainDepot` and retire it for good with `RetireDepot`.',
        '',
        'The handler is built by `NewDispatcher`; its `RoutePlanner` plans stops. `DepotState` tracks it.',
        '',
        '```go',
        'func CloseDock(code string) error',
        '```',
        '',
        'Docks are shut by `CloseDock`, and `WarehouseZone` groups them.',
      ),
    },
    {
      name: 'method-like names with no service in sight are left alone',
      files: DEPOT,
      doc: md('## Runbook', '', 'Run `RetireDepot` from the admin shell, then `ArchiveLogs`.'),
      expect: [],
    },
    {
      name: '`Service.Method` and fully qualified methods must exist; a near miss is fixed',
      files: DEPOT,
      doc: md('Dashboards call `DepotOps.WatchDepot` and `depot.v1.DepotOps.ReopenDepot`; `/depot.v1.DepotOps/Purge` is gone.'),
      expect: [
        { code: 'rpc-unknown-method', line: 1, message: 'Doc names `DepotOps.WatchDepot`; api/depot/v1/depot.proto:10 declares no rpc `WatchDepot` in `depot.v1.DepotOps` (nearest: `WatchDepots`)' },
        { code: 'rpc-unknown-method', line: 1, message: 'no rpc `Purge`' },
      ],
      output: md('Dashboards call `DepotOps.WatchDepots` and `depot.v1.DepotOps.ReopenDepot`; `/depot.v1.DepotOps/Purge` is gone.'),
      claims: 3,
    },
    {
      name: 'nested types written `Outer.Inner` are not methods',
      files: SHIPPING,
      doc: md('Each `Shipment.Parcel` carries `Shipment.Parcel.Dimensions`; `Shipment.Status` moves forward only.'),
      expect: [],
    },
  ]);
});

describe('rpc-unknown-service', () => {
  runRuleCases(rpcUnknownService, [
    {
      name: 'real services, fully qualified or in blocks, are valid; foreign ones are not judged',
      files: SHIPPING,
      doc: md(
        '`shipping.v1.Dispatch` and `shipping.v1.DepotHealth` are served on one port; health also answers `grpc.health.v1.Health`.',
        '',
        'Types such as `shipping.v1.Shipment` come from the same file.',
        '',
        '```proto',
        'service Greeter {',
        '  rpc SayHello(HelloRequest) returns (HelloReply);',
        '}',
        '```',
      ),
      expect: [],
      claims: 2,
    },
    {
      name: 'a wrong package on a real service name is reported with the real one',
      files: SHIPPING,
      doc: md('The depot workers call `shipping.v2.Dispatch` over mTLS.'),
      expect: [{ code: 'rpc-unknown-service', line: 1, message: 'Doc names service `shipping.v2.Dispatch`; no .proto file declares it (nearest: `shipping.v1.Dispatch` in api/shipping/v1/shipping.proto:14)' }],
      output: md('The depot workers call `shipping.v1.Dispatch` over mTLS.'),
    },
    {
      name: 'a block service with a near name is renamed; its rpcs are then judged against the real one',
      files: SHIPPING,
      doc: md('```proto', 'service Dispatcher {', '  rpc GetShipment(GetShipmentRequest) returns (Shipment);', '  ...', '}', '```'),
      expect: [{ code: 'rpc-unknown-service', line: 2, message: 'Doc shows service `Dispatcher`; no .proto file declares a service of that name (nearest: `shipping.v1.Dispatch`' }],
      output: md('```proto', 'service Dispatch {', '  rpc GetShipment(GetShipmentRequest) returns (Shipment);', '  ...', '}', '```'),
    },
  ]);
});

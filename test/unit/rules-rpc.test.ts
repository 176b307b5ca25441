import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkWith, DOC_URI, indexOf, runRuleCases, TEST_ROOT } from '../helpers/ruleTester';
import { checkText } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/applyFixes';
import type { DiagnosticData } from '../../server/src/engine/types';
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
      name: 'prose naming what an rpc returns or takes is checked on the type',
      files: SHIPPING,
      doc: md(
        '`CancelShipment` returns `Shipment` once the courier confirms.',
        '',
        '`ReportPosition` takes a stream of `PositionFix`; `TrackShipment` returns `TrackingEvent` updates.',
        '',
        '`GetShipment` returns the current state.',
      ),
      expect: [{ code: 'rpc-signature', line: 1, message: 'Doc says `CancelShipment` returns `Shipment`; api/shipping/v1/shipping.proto:30 returns `google.protobuf.Empty`' }],
      output: md(
        '`CancelShipment` returns `google.protobuf.Empty` once the courier confirms.',
        '',
        '`ReportPosition` takes a stream of `PositionFix`; `TrackShipment` returns `TrackingEvent` updates.',
        '',
        '`GetShipment` returns the current state.',
      ),
      claims: 3,
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
      name: 'a section that names the service elsewhere ties a called name to it; library calls stay unjudged',
      files: DEPOT,
      doc: md(
        '## Control room',
        '',
        'The control room talks to `DepotOps` over mTLS.',
        '',
        '`DrainDepot` and `ReopenDepot` are idempotent. To hold a depot for inspection, call `FreezeDepot`.',
        '',
        'Each drain calls `ContainerCreate` on the local engine and then `WarehouseZone` lookups.',
      ),
      expect: [{ code: 'rpc-unknown-method', line: 5, message: 'Doc names `FreezeDepot` as a method of `DepotOps`' }],
      output: md(
        '## Control room',
        '',
        'The control room talks to `DepotOps` over mTLS.',
        '',
        '`DrainDepot` and `ReopenDepot` are idempotent. To hold a depot for inspection, call `FreezeDepot`.',
        '',
        'Each drain calls `ContainerCreate` on the local engine and then `WarehouseZone` lookups.',
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

describe('rpc-streaming-kind', () => {
  runRuleCases(rpcStreamingKind, [
    {
      name: 'true kind claims in their usual phrasings are valid',
      files: SHIPPING,
      doc: md(
        '## Dispatch calls',
        '',
        '- `ReportPosition` is client-streaming: couriers push fixes and get one `RouteSummary` back.',
        '- `Negotiate` is a bidirectional stream.',
        '- `CreateShipment` and `GetShipment` are unary.',
        '- Depots follow parcels with `TrackShipment`, a server-streaming call.',
        '- `Dispatch.TrackShipment` is server-streaming and `shipping.v1.Dispatch.CancelShipment` is unary.',
        '- The client-streaming `ReportPosition` rpc ends when the courier logs off.',
      ),
      expect: [],
      claims: 8,
    },
    {
      name: 'a wrong kind is reported on the rpc name and the kind words are fixed',
      files: SHIPPING,
      doc: md(
        'Operators poll `TrackShipment`, a unary call that returns the latest event.',
        '',
        '`GetShipment` is a bidirectional stream.',
        '',
        'The server-streaming `CancelShipment` rpc returns nothing.',
      ),
      expect: [
        { code: 'rpc-streaming-kind', line: 1, message: 'Doc says `TrackShipment` is unary; api/shipping/v1/shipping.proto:28 declares it server-streaming: `rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);`' },
        { code: 'rpc-streaming-kind', line: 3, message: 'Doc says `GetShipment` is bidirectional-streaming' },
        { code: 'rpc-streaming-kind', line: 5, message: 'Doc says `CancelShipment` is server-streaming' },
      ],
      output: md(
        'Operators poll `TrackShipment`, a server-streaming call that returns the latest event.',
        '',
        '`GetShipment` is a unary call.',
        '',
        'The unary `CancelShipment` rpc returns nothing.',
      ),
    },
    {
      name: 'one phrase for several rpcs reports the wrong one without rewriting the shared words',
      files: SHIPPING,
      doc: md('`GetShipment` and `TrackShipment` are unary.'),
      expect: [{ code: 'rpc-streaming-kind', line: 1, message: '`TrackShipment` is unary' }],
      output: md('`GetShipment` and `TrackShipment` are unary.'),
    },
    {
      name: 'a table with a kind column is checked row by row',
      files: SHIPPING,
      doc: md(
        '| RPC | Streaming | Purpose |',
        '| --- | --- | --- |',
        '| `GetShipment` | none | read one shipment |',
        '| `TrackShipment` | client | follow a parcel |',
        '| `Negotiate` | both | price haggling |',
        '',
        '| Call | Kind |',
        '| --- | --- |',
        '| `ReportPosition` | server-streaming |',
        '| `CancelShipment` | unary |',
      ),
      expect: [
        { code: 'rpc-streaming-kind', line: 4, message: 'Doc says `TrackShipment` is client-streaming' },
        { code: 'rpc-streaming-kind', line: 9, message: 'Doc says `ReportPosition` is server-streaming; api/shipping/v1/shipping.proto:27 declares it client-streaming' },
      ],
      output: md(
        '| RPC | Streaming | Purpose |',
        '| --- | --- | --- |',
        '| `GetShipment` | none | read one shipment |',
        '| `TrackShipment` | server | follow a parcel |',
        '| `Negotiate` | both | price haggling |',
        '',
        '| Call | Kind |',
        '| --- | --- |',
        '| `ReportPosition` | client-streaming |',
        '| `CancelShipment` | unary |',
      ),
      claims: 5,
    },
    {
      name: 'negations, loose mentions and non-rpcs are not kind claims',
      files: SHIPPING,
      doc: md(
        '`TrackShipment` is not unary.',
        '',
        '`GetShipment` is used by the client-streaming uploader.',
        '',
        '`Shipment` is a unary thing.',
      ),
      expect: [],
      claims: 0,
    },
  ]);
});

describe('rpc-message-field', () => {
  runRuleCases(rpcMessageField, [
    {
      name: 'a nested message with an elision and exact fields is valid',
      files: SHIPPING,
      doc: md(
        '```proto',
        'message Shipment {',
        '  message Parcel {',
        '    string barcode = 1;',
        '    Dimensions dimensions = 2;',
        '    uint32 weight_g = 3;',
        '  }',
        '  string id = 1;',
        '  // ... more fields',
        '  map<string, string> attributes = 4;',
        '}',
        '```',
      ),
      expect: [],
      claims: 6,
    },
    {
      name: 'type, number and map differences are reported on the field line and fixed from the source',
      files: SHIPPING,
      doc: md(
        '```proto',
        'message Shipment {',
        '  message Parcel {',
        '    string code = 1;',
        '    Dimensions dimensions = 2;',
        '    uint64 weight_g = 3;',
        '  }',
        '  string id = 1;',
        '  ...',
        '  map<string, bytes> attributes = 4;',
        '  string customer_ref = 6;',
        '}',
        '```',
      ),
      expect: [
        { code: 'rpc-message-field', line: 4, message: 'Doc shows `string code = 1` in `Parcel`; api/shipping/v1/shipping.proto:59 declares `string barcode = 1`' },
        { code: 'rpc-message-field', line: 6, message: 'declares `uint32 weight_g = 3`' },
        { code: 'rpc-message-field', line: 10, message: 'Doc shows `map<string, bytes> attributes = 4` in `Shipment`' },
        { code: 'rpc-message-field', line: 11, message: 'declares `optional string customer_ref = 6`' },
      ],
      output: md(
        '```proto',
        'message Shipment {',
        '  message Parcel {',
        '    string barcode = 1;',
        '    Dimensions dimensions = 2;',
        '    uint32 weight_g = 3;',
        '  }',
        '  string id = 1;',
        '  ...',
        '  map<string, string> attributes = 4;',
        '  optional string customer_ref = 6;',
        '}',
        '```',
      ),
    },
    {
      name: 'fields a whole message leaves out are a warning, inserted in file order',
      files: SHIPPING,
      doc: md('```proto', 'message PositionFix {', '  string courier_id = 1;', '  google.protobuf.Timestamp at = 4;', '}', '```'),
      expect: [{ code: 'rpc-message-field', line: 2, message: 'Doc shows `PositionFix` without fields `lat`, `lon`', severity: 'warning' }],
      output: md('```proto', 'message PositionFix {', '  string courier_id = 1;', '  double lat = 2;', '  double lon = 3;', '  google.protobuf.Timestamp at = 4;', '}', '```'),
    },
    {
      name: 'an unknown field is an error without an automatic fix; a oneof member shown outside its oneof is reported',
      files: SHIPPING,
      doc: md(
        '```proto',
        'message Shipment {',
        '  string id = 1;',
        '  string colour = 15;',
        '  string locker_id = 8;',
        '  ...',
        '}',
        '```',
      ),
      expect: [
        { code: 'rpc-message-field', line: 4, message: 'Doc shows field `colour` in `Shipment`; api/shipping/v1/shipping.proto:44 declares no field of that name or number' },
        { code: 'rpc-message-field', line: 5, message: 'the code has it in oneof `destination`' },
      ],
      output: md('```proto', 'message Shipment {', '  string id = 1;', '  string colour = 15;', '  string locker_id = 8;', '  ...', '}', '```'),
    },
    {
      name: 'a message no .proto declares, in a block about real ones, is reported',
      files: SHIPPING,
      doc: md('```proto', 'message Address {', '  repeated string lines = 1;', '  string postcode = 2;', '  string country_code = 3;', '}', '', 'message Courier {', '  string id = 1;', '}', '```'),
      expect: [{ code: 'rpc-message-field', line: 8, message: 'Doc shows message `Courier`; no .proto file declares a message of that name' }],
      output: md('```proto', 'message Address {', '  repeated string lines = 1;', '  string postcode = 2;', '  string country_code = 3;', '}', '', 'message Courier {', '  string id = 1;', '}', '```'),
    },
    {
      name: 'a message shown nested where the code declares it elsewhere is reported with its real place',
      files: SHIPPING,
      doc: md('```proto', 'message Shipment {', '  message Address {', '    string postcode = 2;', '    ...', '  }', '  ...', '}', '```'),
      expect: [{ code: 'rpc-message-field', line: 3, message: 'declares no such nested message (`shipping.v1.Address` is declared at api/shipping/v1/shipping.proto:81)' }],
    },
    {
      name: 'prose field and type claims: `Msg.field` must exist and carry the claimed type',
      files: SHIPPING,
      doc: md(
        '- `Shipment.attributes` is a `map<string, int64>` of free-form tags.',
        '- `Shipment.parcels` is a `repeated Parcel`; `Shipment.Parcel.weight_g` is `uint32`.',
        '- `Shipment.colour` is printed on the label.',
        '- `CreateShipmentRequest.idempotency_key` is `string`, and `Address.lines` holds the street lines.',
      ),
      expect: [
        { code: 'rpc-message-field', line: 1, message: 'Doc says `Shipment.attributes` is `map<string, int64>`; api/shipping/v1/shipping.proto:67 declares `map<string, string> attributes = 4;`' },
        { code: 'rpc-message-field', line: 3, message: 'declares no field `colour` in `Shipment`' },
      ],
      output: md(
        '- `Shipment.attributes` is a `map<string, string>` of free-form tags.',
        '- `Shipment.parcels` is a `repeated Parcel`; `Shipment.Parcel.weight_g` is `uint32`.',
        '- `Shipment.colour` is printed on the label.',
        '- `CreateShipmentRequest.idempotency_key` is `string`, and `Address.lines` holds the street lines.',
      ),
      claims: 8,
    },
  ]);
});

describe('rpc-enum-value', () => {
  runRuleCases(rpcEnumValue, [
    {
      name: 'true value claims are valid',
      files: ALL,
      doc: md(
        '`DepotState` runs from `DEPOT_STATE_UNSPECIFIED` to `DEPOT_STATE_CLOSED`; new depots start as `DEPOT_STATE_OPEN`.',
        '',
        '`Shipment.Status` is a nested enum: labelled, in_transit, delivered, returned.',
        '',
        '```proto',
        'enum Priority {',
        '  PRIORITY_UNSPECIFIED = 0;',
        '  PRIORITY_ECONOMY = 1;',
        '  ...',
        '}',
        '```',
      ),
      expect: [],
      claims: 10,
    },
    {
      name: 'wrong values, numbers, ranges and lists are reported',
      files: ALL,
      doc: md(
        '`DepotState` runs from `DEPOT_STATE_OPEN` to `DEPOT_STATE_CLOSED`; a drained depot becomes `DEPOT_STATE_DRAINED`.',
        '',
        '`Shipment.Status` is a nested enum: labelled, shipped, delivered.',
        '',
        'Depots in `DEPOT_STATE_CLOSNG` refuse new parcels.',
        '',
        '```proto',
        'enum Priority {',
        '  PRIORITY_UNSPECIFIED = 0;',
        '  PRIORITY_ECONOMY = 1;',
        '  PRIORITY_STANDARD = 3;',
        '  PRIORITY_URGENT = 4;',
        '  ...',
        '}',
        '```',
      ),
      expect: [
        { code: 'rpc-enum-value', line: 1, message: 'Doc says `DepotState` runs from `DEPOT_STATE_OPEN` to `DEPOT_STATE_CLOSED`; api/depot/v1/depot.proto:16 runs from `DEPOT_STATE_UNSPECIFIED` to `DEPOT_STATE_CLOSED`' },
        { code: 'rpc-enum-value', line: 1, message: 'Doc names `DEPOT_STATE_DRAINED` as a value of `DepotState`; api/depot/v1/depot.proto:16 has no such value (nearest: `DEPOT_STATE_DRAINING`)' },
        { code: 'rpc-enum-value', line: 3, message: 'Doc lists `shipped` as a value of `Status`' },
        { code: 'rpc-enum-value', line: 3, message: 'also declares `STATUS_IN_TRANSIT`, `STATUS_RETURNED`', severity: 'warning' },
        { code: 'rpc-enum-value', line: 5, message: 'Doc names `DEPOT_STATE_CLOSNG` as a value of `DepotState`' },
        { code: 'rpc-enum-value', line: 11, message: 'Doc shows `PRIORITY_STANDARD = 3` in `Priority`; api/shipping/v1/shipping.proto:40 declares `PRIORITY_STANDARD = 2`' },
        { code: 'rpc-enum-value', line: 12, message: 'declares no value of that name or number' },
      ],
      // DRAINED is three edits from DRAINING: suggested, not applied.
      output: md(
        '`DepotState` runs from `DEPOT_STATE_OPEN` to `DEPOT_STATE_CLOSED`; a drained depot becomes `DEPOT_STATE_DRAINED`.',
        '',
        '`Shipment.Status` is a nested enum: labelled, shipped, delivered.',
        '',
        'Depots in `DEPOT_STATE_CLOSED` refuse new parcels.',
        '',
        '```proto',
        'enum Priority {',
        '  PRIORITY_UNSPECIFIED = 0;',
        '  PRIORITY_ECONOMY = 1;',
        '  PRIORITY_STANDARD = 2;',
        '  PRIORITY_URGENT = 4;',
        '  ...',
        '}',
        '```',
      ),
    },
    {
      name: 'an enum shown whole without some values gets them inserted',
      files: DEPOT,
      doc: md('```proto', 'enum DepotState {', '  DEPOT_STATE_UNSPECIFIED = 0;', '  DEPOT_STATE_CLOSED = 3;', '}', '```'),
      expect: [{ code: 'rpc-enum-value', line: 2, message: 'without `DEPOT_STATE_OPEN`, `DEPOT_STATE_DRAINING`', severity: 'warning' }],
      output: md('```proto', 'enum DepotState {', '  DEPOT_STATE_UNSPECIFIED = 0;', '  DEPOT_STATE_OPEN = 1;', '  DEPOT_STATE_DRAINING = 2;', '  DEPOT_STATE_CLOSED = 3;', '}', '```'),
    },
    {
      name: 'environment variables and Go names in UPPER_SNAKE are not enum values',
      files: {
        ...DEPOT,
        'go.mod': 'module example.com/parcel\n\ngo 1.22\n',
        'cmd/depotd/main.go': 'package main\n\nimport "os"\n\nfunc main() {\n\t_ = os.Getenv("DEPOT_STATE_DIR")\n}\n',
      },
      doc: md('`DepotState` is persisted under `DEPOT_STATE_DIR`, which defaults to the working directory.'),
      expect: [],
    },
  ]);
});

const ALL_RPC_RULES = [rpcUnknownService, rpcUnknownMethod, rpcMissingMethod, rpcSignature, rpcStreamingKind, rpcMessageField, rpcEnumValue];

describe('rpc rules together', () => {
  runRuleCases(ALL_RPC_RULES, [
    {
      name: 'a contract section with several drifts reports each once, under its own rule',
      files: { ...SHIPPING, ...GO_SERVER },
      doc: md(
        '# Parcel platform',
        '',
        '### Dispatch contract',
        '',
        'The service lives in `api/shipping/v1/shipping.proto` (package `shipping.v1`).',
        '',
        '```proto',
        'service Dispatch {',
        '  rpc CreateShipment(CreateShipmentRequest) returns (Shipment);',
        '  rpc GetShipment(GetShipmentRequest) returns (Shipment);',
        '  rpc ReportPosition(stream PositionFix) returns (RouteSummary);',
        '  rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);',
        '  rpc Negotiate(stream Offer) returns (stream Offer);',
        '  rpc CancelShipment(CancelShipmentRequest) returns (Shipment);',
        '}',
        '',
        'message RouteSummary {',
        '  uint32 fixes = 1;',
        '  google.protobuf.Duration driving_time = 2;',
        '}',
        '```',
        '',
        '- `ReportPosition` is client-streaming.',
        '- Depots follow a parcel with `TrackShipment`, a unary call.',
        '- Lost parcels are written off with `WriteOffShipment`.',
        '- `Shipment.Status` is a nested enum: labelled, in_transit, delivered, returned.',
      ),
      expect: [
        { code: 'rpc-signature', line: 14, message: '`CancelShipment` returns `Shipment`' },
        { code: 'rpc-streaming-kind', line: 24, message: '`TrackShipment` is unary' },
        { code: 'rpc-unknown-method', line: 25, message: '`WriteOffShipment` as a method of `Dispatch`' },
      ],
      output: md(
        '# Parcel platform',
        '',
        '### Dispatch contract',
        '',
        'The service lives in `api/shipping/v1/shipping.proto` (package `shipping.v1`).',
        '',
        '```proto',
        'service Dispatch {',
        '  rpc CreateShipment(CreateShipmentRequest) returns (Shipment);',
        '  rpc GetShipment(GetShipmentRequest) returns (Shipment);',
        '  rpc ReportPosition(stream PositionFix) returns (RouteSummary);',
        '  rpc TrackShipment(TrackShipmentRequest) returns (stream TrackingEvent);',
        '  rpc Negotiate(stream Offer) returns (stream Offer);',
        '  rpc CancelShipment(CancelShipmentRequest) returns (google.protobuf.Empty) {}',
        '}',
        '',
        'message RouteSummary {',
        '  uint32 fixes = 1;',
        '  google.protobuf.Duration driving_time = 2;',
        '}',
        '```',
        '',
        '- `ReportPosition` is client-streaming.',
        '- Depots follow a parcel with `TrackShipment`, a server-streaming call.',
        '- Lost parcels are written off with `WriteOffShipment`.',
        '- `Shipment.Status` is a nested enum: labelled, in_transit, delivered, returned.',
      ),
      claims: 20,
    },
    {
      name: 'Go names, env names, foreign services and true mentions around a service stay silent',
      files: { ...ALL, ...GO_SERVER },
      doc: md(
        '## DepotOps',
        '',
        'The server registers with `depotv1.RegisterDepotOpsServer`; clients use `depotv1.NewDepotOpsClient`.',
        '`DepotState` defaults to `DEPOT_STATE_UNSPECIFIED`; the store path comes from `DEPOT_STORE_DIR`, which defaults to `/var/lib/depot`.',
        'Health is served as `grpc.health.v1.Health`; the gateway calls `http.ListenAndServe`.',
        'The `Depot.docks` list is ordered and `Depot.code` is the short code.',
        'Retries wrap each call to `WatchDepots` in `backoff.Retry`; `NewDispatcher` wires the handlers.',
        '`WatchDepots` streams every change; a reconnect resumes from `changed_at`.',
      ),
      expect: [],
    },
    {
      name: 'with only a malformed .proto in the workspace nothing can be verified and nothing is said',
      files: { 'api/broken/unfinished.proto': fixture('broken/unfinished.proto') },
      doc: md('```proto', 'service Lost {', '  rpc Find(Half) returns (Stream);', '}', '```', '', '`Find` is server-streaming.'),
      expect: [],
      claims: 0,
    },
    {
      name: 'a malformed .proto beside good ones does not stop the good ones being checked',
      files: { ...DEPOT, 'api/broken/unfinished.proto': fixture('broken/unfinished.proto') },
      doc: md('`WatchDepots` is unary.'),
      expect: [{ code: 'rpc-streaming-kind', line: 1, message: 'api/depot/v1/depot.proto:13 declares it server-streaming' }],
      output: md('`WatchDepots` is server-streaming.'),
    },
    {
      name: 'a workspace without .proto files gets no rpc findings',
      files: GO_SERVER,
      doc: md('```proto', 'service Dispatch {', '  rpc Ship(A) returns (B);', '}', '```', '', '`Ship` is unary.'),
      expect: [],
      claims: 0,
    },
  ]);
});

describe('rpc findings in detail', () => {
  it('point at the exact proto location and offer the whole-block replacement beside the line fix', async () => {
    const doc = md('```proto', 'message RouteSummary {', '  uint64 fixes = 1;', '  google.protobuf.Duration driving_time = 2;', '}', '```');
    const result = await checkWith([rpcMessageField], SHIPPING, doc);
    assert.equal(result.diagnostics.length, 1);
    const d = result.diagnostics[0];
    assert.deepEqual(d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line + 1]), [['file:///workspace/api/shipping/v1/shipping.proto', 109]]);
    const fixes = (d.data as { fixes: { title: string; isPreferred: boolean; edits: never[] }[] }).fixes;
    assert.deepEqual(
      fixes.map((f) => [f.title, f.isPreferred]),
      [
        ['Replace with `uint32 fixes = 1;`', true],
        ["Replace the block's definitions with their source in api/shipping/v1/shipping.proto", false],
      ],
    );
    const whole = applyEdits(doc, fixes[1].edits);
    assert.equal(whole, md('```proto', 'message RouteSummary {', '  uint32 fixes = 1;', '  google.protobuf.Duration driving_time = 2;', '}', '```'));
    assert.deepEqual((await checkWith([rpcMessageField], SHIPPING, whole)).diagnostics, []);
  });

  it('every fix offered, preferred or not, settles the finding it belongs to', async () => {
    const doc = md(
      '## Dispatch',
      '',
      '```proto',
      'service Dispatcher {',
      '  rpc GetShipment(GetShipmentRequest) returns (Shipment);',
      '  ...',
      '}',
      '',
      'service Dispatch {',
      '  rpc GetShipmnt(GetShipmentRequest) returns (Shipment);',
      '  rpc TrackShipment(TrackShipmentRequest) returns (TrackingEvent);',
      '  rpc Teleport(TeleportRequest) returns (Shipment);',
      '}',
      '',
      'message Offer {',
      '  string route_id = 1;',
      '  int32 price_cents = 2;',
      '  bool accepted = 3;',
      '  string currency = 4;',
      '}',
      '',
      'enum Priority {',
      '  PRIORITY_UNSPECIFIED = 0;',
      '  PRIORITY_ECONOMY = 2;',
      '  PRIORITY_FAST = 5;',
      '  ...',
      '}',
      '```',
      '',
      '- `Negotiate` is server-streaming; `Dispatch.Track` follows a parcel.',
      '- `Shipment.attributes` is a `map<string, bytes>`; `Shipment.colour` is printed.',
      '- `shipping.v3.Dispatch` is served on :8443. New shipments start as `STATUS_CREATD` of `Shipment.Status`.',
    );
    const first = await checkWith(ALL_RPC_RULES, SHIPPING, doc);
    assert.ok(first.diagnostics.length >= 12, `expected a dozen findings, got ${first.diagnostics.length}`);
    let tried = 0;
    for (const d of first.diagnostics) {
      for (const fix of (d.data as DiagnosticData).fixes) {
        const fixed = applyEdits(doc, fix.edits);
        const again = await checkWith(ALL_RPC_RULES, SHIPPING, fixed);
        const still = again.diagnostics.filter((x) => x.code === d.code && x.message === d.message);
        assert.deepEqual(still.map((x) => x.message), [], `fix "${fix.title}" left its finding behind`);
        tried++;
      }
    }
    assert.ok(tried >= 12, `only ${tried} fixes tried`);
  });
});

describe('rpc rules on arbitrary documents', () => {
  it('never throw, and every range and fix edit stays inside the document', async () => {
    const snapshot = (await indexOf(ALL)).snapshot();
    const pieces = [
      '# Dispatch\n',
      '## DepotOps\n',
      '```proto\n',
      '```\n',
      'service Dispatch {\n',
      'service DepotOps {\n',
      '  rpc DrainDepot(DrainDepotRequest) returns (Depot);\n',
      '  rpc TrackShipment(X) returns (stream Y);\n',
      '  ...\n',
      '}\n',
      'message Shipment {\n',
      '  string id = 1;\n',
      '  map<string, int64> attributes = 4;\n',
      'enum DepotState {\n',
      '  DEPOT_STATE_OPEN = 7;\n',
      '- `TrackShipment` is unary.\n',
      '`Shipment.attributes` is a `map<string, bool>`.\n',
      '`DepotState` runs from `DEPOT_STATE_OPEN` to `DEPOT_STATE_GONE`.\n',
      '`Shipment.Status` is a nested enum: a, b, c.\n',
      'call `RetireDepot`\n',
      '`shipping.v3.Dispatch`\n',
      '  - item\n',
      '> quote `Negotiate` is a bidirectional stream\n',
      '\n',
      '| a | b |\n|---|---|\n| `GetShipment` | unary |\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }), (parts) => {
        const doc = parts.join('');
        const result = checkText(DOC_URI, doc, snapshot, defaultConfig(), { root: TEST_ROOT, rules: ALL_RPC_RULES });
        if (result.ruleErrors.length) throw new Error(result.ruleErrors[0].message);
        const lines = doc.split('\n').length;
        for (const d of result.diagnostics) {
          const ranges = [d.range, ...((d.data as { fixes: { edits: { range: typeof d.range }[] }[] }).fixes.flatMap((f) => f.edits.map((e) => e.range)))];
          for (const r of ranges) if (r.start.line < 0 || r.end.line > lines || r.start.line > r.end.line) return false;
        }
        return true;
      }),
      { numRuns: 80 },
    );
  });
});

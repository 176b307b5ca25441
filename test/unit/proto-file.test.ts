import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { parseProtoFile } from '../../server/src/index/proto/protoFile';
import { LineIndex } from '../../server/src/engine/lineIndex';
import type { ProtoFile, SourceLocation } from '../../server/src/engine/types';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';

const FIXTURES = join(__dirname, '..', 'fixtures', 'proto');
const read = (p: string): string => readFileSync(join(FIXTURES, p), 'utf8');

function sliceOf(text: string, loc: SourceLocation): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(loc.range.start), lines.offsetAt(loc.range.end));
}

/** 1-based line of a location, as a person reads the file. */
const lineOf = (loc: SourceLocation): number => loc.range.start.line + 1;

describe('parseProtoFile', () => {
  describe('proto3 with options, nesting, oneof and maps (shipping.proto)', () => {
    const text = read('shipping/v1/shipping.proto');
    const file = parseProtoFile('api/shipping/v1/shipping.proto', text);

    it('reads package, go_package and imports of well-known and annotation types', () => {
      assert.equal(file.parseError, undefined);
      assert.equal(file.package, 'shipping.v1');
      assert.equal(file.goPackage, 'example.com/parcel/gen/shipping/v1;shippingv1');
      assert.deepEqual(file.imports, ['google/api/annotations.proto', 'google/protobuf/duration.proto', 'google/protobuf/empty.proto', 'google/protobuf/timestamp.proto']);
    });

    it('lists services and rpcs with stream flags, lines and exact source text', () => {
      assert.deepEqual(
        file.services.map((s) => s.fullName),
        ['shipping.v1.Dispatch', 'shipping.v1.DepotHealth'],
      );
      const dispatch = file.services[0];
      assert.equal(lineOf(dispatch.loc), 14);
      assert.ok(dispatch.text.startsWith('service Dispatch {') && dispatch.text.endsWith('}'));
      const rows = dispatch.rpcs.map((r) => [r.name, r.requestType, r.requestStream, r.responseType, r.responseStream, lineOf(r.loc)]);
      assert.deepEqual(rows, [
        ['CreateShipment', 'CreateShipmentRequest', false, 'Shipment', false, 17],
        ['GetShipment', 'GetShipmentRequest', false, 'Shipment', false, 23],
        ['ReportPosition', 'PositionFix', true, 'RouteSummary', false, 27],
        ['TrackShipment', 'TrackShipmentRequest', false, 'TrackingEvent', true, 28],
        ['Negotiate', 'Offer', true, 'Offer', true, 29],
        ['CancelShipment', 'CancelShipmentRequest', false, 'google.protobuf.Empty', false, 30],
      ]);
      assert.equal(dispatch.rpcs[2].text, 'rpc ReportPosition(stream PositionFix) returns (RouteSummary);');
      // An rpc with an http option body keeps the body in its text and its range.
      assert.match(dispatch.rpcs[0].text, /^rpc CreateShipment\(CreateShipmentRequest\) returns \(Shipment\) \{\n[\s\S]*body: "\*"\n    \};\n  \}$/);
      assert.equal(dispatch.rpcs[0].loc.range.end.line + 1, 22);
      for (const s of file.services) {
        assert.equal(sliceOf(text, s.loc), s.text);
        for (const r of s.rpcs) assert.equal(sliceOf(text, r.loc), r.text);
      }
    });

    it('names nested messages and enums by their full path', () => {
      assert.deepEqual(
        file.messages.map((m) => m.fullName).filter((n) => n.startsWith('shipping.v1.Shipment')),
        ['shipping.v1.Shipment', 'shipping.v1.Shipment.Parcel', 'shipping.v1.Shipment.Parcel.Dimensions'],
      );
      assert.deepEqual(
        file.enums.map((e) => e.fullName),
        ['shipping.v1.Priority', 'shipping.v1.Shipment.Status'],
      );
      const dims = file.messages.find((m) => m.fullName === 'shipping.v1.Shipment.Parcel.Dimensions')!;
      assert.equal(dims.name, 'Dimensions');
      assert.equal(lineOf(dims.loc), 54);
    });

    it('reads field labels, map key and value types, oneof membership and field options', () => {
      const shipment = file.messages.find((m) => m.fullName === 'shipping.v1.Shipment')!;
      const byName = new Map(shipment.fields.map((f) => [f.name, f]));
      assert.deepEqual([...byName.keys()], ['id', 'status', 'parcels', 'attributes', 'priority', 'customer_ref', 'created_at', 'locker_id', 'address']);
      assert.equal(byName.get('parcels')!.rule, 'repeated');
      assert.equal(byName.get('customer_ref')!.rule, 'optional');
      assert.equal(byName.get('id')!.rule, undefined);
      assert.deepEqual([byName.get('attributes')!.keyType, byName.get('attributes')!.type], ['string', 'string']);
      assert.equal(byName.get('address')!.oneof, 'destination');
      assert.equal(byName.get('locker_id')!.oneof, 'destination');
      assert.equal(byName.get('status')!.oneof, undefined);
      assert.equal(byName.get('created_at')!.text, 'google.protobuf.Timestamp created_at = 7 [json_name = "createdAt"];');
      assert.equal(lineOf(byName.get('created_at')!.loc), 70);
      for (const m of file.messages) for (const f of m.fields) assert.equal(sliceOf(text, f.loc), f.text);
    });

    it('reads enum values with their numbers and lines', () => {
      const priority = file.enums[0];
      assert.deepEqual(
        priority.values.map((v) => [v.name, v.number, lineOf(v.loc)]),
        [
          ['PRIORITY_UNSPECIFIED', 0, 38],
          ['PRIORITY_ECONOMY', 1, 39],
          ['PRIORITY_STANDARD', 2, 40],
          ['PRIORITY_EXPRESS', 3, 41],
        ],
      );
    });
  });

  it('reads proto2 labels, groups, extensions and negative, aliased enum values', () => {
    const file = parseProtoFile('legacy/stock.proto', read('legacy/stock.proto'));
    assert.equal(file.parseError, undefined);
    assert.equal(file.package, 'legacy.stock');
    assert.equal(file.goPackage, 'example.com/parcel/gen/legacy/stock');
    const level = file.messages.find((m) => m.name === 'StockLevel')!;
    assert.deepEqual(
      level.fields.map((f) => [f.rule, f.type, f.name, f.id]),
      [
        ['required', 'string', 'sku', 1],
        ['optional', 'int32', 'on_hand', 2],
        ['repeated', 'string', 'bins', 3],
        ['optional', 'Reservation', 'reservation', 4],
      ],
    );
    // Fields of an `extend` block belong to no message of this file.
    assert.ok(!file.messages.some((m) => m.fields.some((f) => f.name === 'supplier_note')));
    assert.ok(file.messages.some((m) => m.fullName === 'legacy.stock.StockLevel.Reservation'));
    assert.deepEqual(file.enums[0].values.map((v) => [v.name, v.number]), [
      ['UNIT_EACH', 1],
      ['UNIT_PIECE', 1],
      ['UNIT_CASE', 2],
      ['UNIT_PALLET', -3],
    ]);
  });

  it('reads editions files with feature options', () => {
    const file = parseProtoFile('catalog.proto', read('editions/catalog.proto'));
    assert.equal(file.parseError, undefined);
    assert.equal(file.package, 'catalog.v2');
    assert.deepEqual(file.services[0].rpcs.map((r) => `${r.name}:${r.responseStream}`), ['GetProduct:false', 'WatchCatalog:true']);
    const product = file.messages.find((m) => m.name === 'Product')!;
    assert.equal(product.fields.find((f) => f.name === 'prices_by_currency')!.keyType, 'string');
    assert.equal(product.fields.find((f) => f.name === 'title')!.text, 'string title = 2 [features.field_presence = EXPLICIT];');
  });

  it('reports a file that does not parse with its line, and lists nothing from it', () => {
    const file = parseProtoFile('broken/unfinished.proto', read('broken/unfinished.proto'));
    assert.ok(file.parseError, 'expected a parse error');
    assert.equal(file.parseError.line, 7);
    assert.match(file.parseError.message, /illegal/);
    assert.deepEqual([file.services, file.messages, file.enums], [[], [], []]);
  });

  it('turns any malformed text into a parse error instead of throwing', () => {
    for (const text of ['}}}', 'service', 'message A { message', 'syntax = "proto3"; service S { rpc A(', 'enum E { A = ; }']) {
      const file = parseProtoFile('x.proto', text);
      assert.ok(file.parseError, `expected a parse error for ${JSON.stringify(text)}`);
      assert.ok(file.parseError.line >= 1);
    }
    assert.deepEqual(parseProtoFile('empty.proto', ''), { path: 'empty.proto', package: '', goPackage: undefined, imports: [], services: [], messages: [], enums: [] });
  });

  it('agrees with protobufjs on every message, field and rpc of the fixtures', () => {
    for (const p of ['shipping/v1/shipping.proto', 'legacy/stock.proto', 'editions/catalog.proto']) {
      const text = read(p);
      const file: ProtoFile = parseProtoFile(p, text);
      const root = protobuf.parse(text, { keepCase: true }).root;
      for (const m of file.messages) {
        const t = root.lookupType(m.fullName);
        assert.deepEqual(
          m.fields.map((f) => [f.name, f.id, f.keyType ?? null]).sort(),
          Object.values(t.fields)
            // Extension fields land on the extended type in protobufjs; the index keeps them apart.
            .filter((f) => !f.name.startsWith('.'))
            .map((f) => [f.name, f.id, (f as unknown as { keyType?: string }).keyType ?? null])
            .sort(),
          m.fullName,
        );
      }
      for (const s of file.services) {
        const svc = root.lookupService(s.fullName);
        for (const r of s.rpcs) {
          const m = svc.methods[r.name];
          assert.ok(m, `${s.fullName}.${r.name}`);
          assert.equal(r.requestType, m.requestType);
          assert.equal(r.responseStream, !!m.responseStream);
          assert.equal(r.requestStream, !!m.requestStream);
        }
      }
      for (const e of file.enums) {
        const en = root.lookupEnum(e.fullName);
        assert.deepEqual(Object.fromEntries(e.values.map((v) => [v.name, v.number])), { ...en.values });
      }
    }
  });

  it('feeds the workspace index, which lists a broken file as a problem', async () => {
    const index = await WorkspaceIndex.create();
    index.applyChange('api/shipping/v1/shipping.proto', read('shipping/v1/shipping.proto'));
    index.applyChange('api/broken/unfinished.proto', read('broken/unfinished.proto'));
    const snap = index.snapshot();
    assert.equal(snap.protoFiles.length, 2);
    assert.deepEqual(snap.problems.map((p) => [p.path, p.line]), [['api/broken/unfinished.proto', 7]]);
  });
});

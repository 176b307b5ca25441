import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanProto } from '../../server/src/index/proto/protoScanner';
import { parseProtoFile } from '../../server/src/index/proto/protoFile';

describe('scanProto (tolerant reading of .proto text and doc fragments)', () => {
  it('reads a service shown alone, with an elision that marks it partial', () => {
    const text = ['service Billing {', '  rpc Charge(ChargeRequest) returns (Receipt);', '  ...', '  rpc Refund(stream RefundItem) returns (stream Receipt);', '}'].join('\n');
    const s = scanProto(text);
    assert.equal(s.services.length, 1);
    const svc = s.services[0];
    assert.equal(svc.elided, true);
    assert.deepEqual(
      svc.rpcs.map((r) => [r.name, r.requestStream, r.responseStream, text.slice(r.start, r.end)]),
      [
        ['Charge', false, false, 'rpc Charge(ChargeRequest) returns (Receipt);'],
        ['Refund', true, true, 'rpc Refund(stream RefundItem) returns (stream Receipt);'],
      ],
    );
    assert.equal(text.slice(svc.nameSpan.start, svc.nameSpan.end), 'Billing');
  });

  it('tells an elision comment from an ordinary one', () => {
    const plain = scanProto('service A {\n  // Charges the card.\n  rpc Charge(Req) returns (Resp);\n}');
    assert.equal(plain.services[0].elided, false);
    for (const comment of ['// ...', '// … and the refund calls', '/* other rpcs omitted */', '// etc.']) {
      const s = scanProto(`service A {\n  rpc Charge(Req) returns (Resp);\n  ${comment}\n}`);
      assert.equal(s.services[0].elided, true, comment);
    }
  });

  it('marks only the definition the elision sits in', () => {
    const s = scanProto(['message Outer {', '  message Inner {', '    string a = 1;', '    ...', '  }', '  Inner inner = 1;', '}'].join('\n'));
    assert.deepEqual(
      s.messages.map((m) => [m.path, m.depth, m.elided]),
      [
        ['Outer', 0, false],
        ['Outer.Inner', 1, true],
      ],
    );
  });

  it('reads fields of every shape: labels, maps, oneofs, options, negative enum values', () => {
    const text = [
      'message Order {',
      '  reserved 4, 9 to 11;',
      '  option deprecated = true;',
      '  repeated string skus = 1 [packed = false];',
      '  map<string, Money> totals = 2;',
      '  oneof payment {',
      '    string card_token = 3;',
      '    Voucher voucher = 5;',
      '  }',
      '  optional .shop.v1.Customer customer = 6;',
      '}',
      'enum Sign { SIGN_NEGATIVE = -1; SIGN_ZERO = 0; SIGN_POSITIVE = 0x1; }',
    ].join('\n');
    const s = scanProto(text);
    const order = s.messages[0];
    assert.deepEqual(
      order.fields.map((f) => [f.rule ?? '', f.keyType ?? '', f.type, f.name, f.id, f.oneof ?? '']),
      [
        ['repeated', '', 'string', 'skus', 1, ''],
        ['', 'string', 'Money', 'totals', 2, ''],
        ['', '', 'string', 'card_token', 3, 'payment'],
        ['', '', 'Voucher', 'voucher', 5, 'payment'],
        ['optional', '', '.shop.v1.Customer', 'customer', 6, ''],
      ],
    );
    assert.equal(text.slice(order.fields[0].start, order.fields[0].end), 'repeated string skus = 1 [packed = false];');
    assert.deepEqual(order.oneofs.map((o) => o.name), ['payment']);
    assert.deepEqual(s.enums[0].values.map((v) => [v.name, v.number]), [
      ['SIGN_NEGATIVE', -1],
      ['SIGN_ZERO', 0],
      ['SIGN_POSITIVE', 1],
    ]);
  });

  it('is not thrown off by braces and semicolons in strings, comments and option values', () => {
    const text = [
      'syntax = "proto3";',
      'package shop.v1;',
      'option go_package = "example.com/shop/gen/v1;shopv1";',
      '// A comment with { braces } and; semicolons',
      'service Checkout {',
      '  option (policy) = { note: "};{" };',
      '  rpc Pay(PayRequest) returns (PayReply) {',
      '    option (google.api.http) = { post: "/v1/pay/{id}" body: "*" };',
      '  }',
      '  /* rpc Ghost(A) returns (B); */',
      '  rpc Void(PayRequest) returns (PayReply);',
      '}',
    ].join('\n');
    const s = scanProto(text);
    assert.equal(s.package, 'shop.v1');
    assert.equal(s.syntax, 'proto3');
    assert.equal(s.goPackage, 'example.com/shop/gen/v1;shopv1');
    assert.deepEqual(s.services[0].rpcs.map((r) => r.name), ['Pay', 'Void']);
    assert.ok(text.slice(s.services[0].rpcs[0].start, s.services[0].rpcs[0].end).endsWith('}'));
    assert.deepEqual(s.topLevel.map((t) => t.kind), ['syntax', 'package', 'option', 'service']);
  });

  it('reads rpc lines shown outside any service, and survives cut-off fragments', () => {
    const s = scanProto('rpc Pay(PayRequest) returns (PayReply);\nrpc Watch(WatchRequest) returns (stream Event);\n');
    assert.deepEqual(s.orphanRpcs.map((r) => `${r.name}:${r.responseStream}`), ['Pay:false', 'Watch:true']);
    const cut = scanProto('service Checkout {\n  rpc Pay(PayRequest) returns (PayReply);\n  rpc Watch(');
    assert.deepEqual(cut.services[0].rpcs.map((r) => r.name), ['Pay']);
    const open = scanProto('message Cart {\n  string id = 1;\n');
    assert.deepEqual(open.messages[0].fields.map((f) => f.name), ['id']);
    assert.equal(open.messages[0].closeStart, 'message Cart {\n  string id = 1;\n'.length);
  });

  it('skips what it cannot read and keeps going', () => {
    const s = scanProto(['message A { string a = ; int32 b = 2; }', 'this is prose, not proto;', 'enum E { X = 0; Y = oops; Z = 2; }'].join('\n'));
    assert.deepEqual(s.messages[0].fields.map((f) => f.name), ['b']);
    assert.deepEqual(s.enums[0].values.map((v) => v.name), ['X', 'Z']);
    assert.ok(s.skipped.length >= 3);
    assert.deepEqual(s.topLevel.map((t) => t.kind), ['message', 'other', 'enum']);
  });
});

describe('scanProto on arbitrary text', () => {
  const pieces = ['service ', 'message ', 'enum ', 'rpc ', 'oneof ', 'map<', '>', 'stream ', 'returns ', 'option ', '(', ')', '{', '}', '[', ']', ';', '=', ',', '-', '...', '…', '// ...\n', '/*', '*/', '"', "'", ' ', '\n', 'A', 'b_c', '.x.Y', '1', '0x1F', 'repeated ', 'group ', 'syntax = "proto3";'];
  it('never throws and keeps every span inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const s = scanProto(text);
        const spans = [
          ...s.services.flatMap((x) => [x, ...x.rpcs]),
          ...s.messages.flatMap((x) => [x, ...x.fields]),
          ...s.enums.flatMap((x) => [x, ...x.values]),
          ...s.orphanRpcs,
          ...s.skipped,
        ];
        for (const sp of spans) if (!(0 <= sp.start && sp.start <= sp.end && sp.end <= text.length)) return false;
        parseProtoFile('fuzz.proto', text);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

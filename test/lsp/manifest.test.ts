// The extension manifest, the config schema and the grammars agree with the code that uses them:
// a contributed setting the server ignores, or a command nobody registers, is a silent bug.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../server/src/engine/config';
import { SERVER_COMMANDS } from '../../server/src/lsp/protocol';
import { defaultSettings } from '../../server/src/lsp/settings';
import { REPO } from './lspClient';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const readJson = (rel: string) => JSON.parse(readFileSync(join(REPO, rel), 'utf8'));

describe('extension manifest', () => {
  it('contributes every command the client or the server registers, and only those', () => {
    const clientSource = ['extension.ts', 'statusItem.ts'].map((f) => readFileSync(join(REPO, 'client', 'src', f), 'utf8')).join('\n');
    const clientCommands = [...clientSource.matchAll(/'(docTruth\.[A-Za-z]+)'/g)].map((m) => m[1]).filter((c) => !c.startsWith('docTruth.status'));
    const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, [...new Set([...SERVER_COMMANDS, ...clientCommands])].sort());
  });

  it('contributes the settings the server reads, with its defaults', () => {
    const props = pkg.contributes.configuration.properties;
    const defaults = defaultSettings();
    for (const [key, value] of Object.entries(defaults)) {
      assert.ok(props[`docTruth.${key}`], `docTruth.${key} is not contributed`);
      assert.deepEqual(props[`docTruth.${key}`].default, value, `default of docTruth.${key}`);
      assert.ok(props[`docTruth.${key}`].description || props[`docTruth.${key}`].markdownDescription);
    }
    assert.deepEqual(Object.keys(props).sort(), [...Object.keys(defaults).map((k) => `docTruth.${k}`), 'docTruth.trace.server'].sort());
  });

  it('activates on Markdown and Go workspaces, and points at files that exist', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'workspaceContains:**/go.mod']);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    for (const g of pkg.contributes.grammars) assert.ok(existsSync(join(REPO, g.path)), g.path);
    for (const l of pkg.contributes.languages) assert.ok(existsSync(join(REPO, l.configuration)), l.configuration);
    for (const v of pkg.contributes.jsonValidation) assert.ok(existsSync(join(REPO, v.url)), v.url);
  });
});

describe('.doc-truth.json schema', () => {
  const schema = readJson('schemas/doc-truth.schema.json');

  it('describes exactly the fields the config parser knows', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'documents', 'exclude', 'moduleAliases', 'rules']);
    for (const field of ['documents', 'exclude', 'moduleAliases', 'rules']) {
      assert.throws(() => parseConfig(JSON.stringify({ [field]: 42 })), new RegExp(field), `${field} is validated by the parser too`);
    }
    assert.throws(() => parseConfig('{ "document": [] }'), /unknown field/);
    assert.equal(schema.additionalProperties, false);
  });

  it('has examples the parser accepts, and the same severities', () => {
    const example = Object.fromEntries(Object.entries(schema.properties as Record<string, { examples?: unknown[] }>).filter(([, p]) => p.examples).map(([k, p]) => [k, p.examples![0]]));
    const parsed = parseConfig(JSON.stringify(example));
    assert.deepEqual(parsed.documents, example.documents);
    assert.deepEqual(schema.properties.rules.additionalProperties.enum, pkg.contributes.configuration.properties['docTruth.severity'].additionalProperties.enum);
    for (const sev of schema.properties.rules.additionalProperties.enum) parseConfig(JSON.stringify({ rules: { 'version-go': sev } }));
  });
});

describe('proto grammars', () => {
  const proto = readJson('syntaxes/proto.tmLanguage.json');
  const injection = readJson('syntaxes/markdown-proto.tmLanguage.json');

  type Node = Record<string, unknown>;
  function walk(node: unknown, visit: (n: Node) => void): void {
    if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
    else if (node && typeof node === 'object') {
      visit(node as Node);
      Object.values(node).forEach((v) => walk(v, visit));
    }
  }

  it('resolves every include and compiles every pattern', () => {
    for (const grammar of [proto, injection]) {
      walk(grammar, (n) => {
        if (typeof n.include === 'string' && n.include.startsWith('#')) assert.ok(grammar.repository[n.include.slice(1)], `unresolved ${n.include}`);
        for (const key of ['match', 'begin', 'end', 'while']) if (typeof n[key] === 'string') assert.doesNotThrow(() => new RegExp(n[key] as string), `${key}: ${n[key]}`);
      });
    }
    assert.equal(proto.scopeName, 'source.proto');
    assert.equal(injection.injectionSelector, 'L:text.html.markdown');
  });

  it('injects proto highlighting into ```proto and ```protobuf fences only', () => {
    const begin = new RegExp(injection.repository['fenced-code-block-proto'].begin);
    for (const fence of ['```proto', '```protobuf', '~~~proto3', '  ```proto title="ledger.proto"']) assert.match(fence, begin);
    for (const fence of ['```go', '```protocol', '```', 'proto']) assert.doesNotMatch(fence, begin);
  });

  it('recognises fields, map fields and streaming rpcs', () => {
    const rx = (name: string) => new RegExp(proto.repository[name].begin ?? proto.repository[name].match);
    assert.deepEqual(rx('field').exec('  repeated string tags = 4;')?.slice(1, 6), ['repeated', 'string', 'tags', '=', '4']);
    assert.deepEqual(rx('field').exec('  .ledger.v1.Posting posting = 2 [deprecated = true];')?.slice(2, 6), ['.ledger.v1.Posting', 'posting', '=', '2']);
    assert.deepEqual(rx('map-field').exec('  map<string, int64> balances = 3;')?.slice(3, 10), ['string', ',', 'int64', '>', 'balances', '=', '3']);
    const rpc = proto.repository.rpc;
    assert.deepEqual(new RegExp(rpc.begin).exec('  rpc Watch(WatchRequest) returns (stream Event);')?.slice(1, 3), ['rpc', 'Watch']);
    const param = new RegExp(rpc.patterns[1].match);
    assert.deepEqual(param.exec('(stream Event)')?.slice(2, 4), ['stream', 'Event']);
  });
});

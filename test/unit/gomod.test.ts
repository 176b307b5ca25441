import assert from 'node:assert/strict';
import { parseGoMod, parseGoWork } from '../../server/src/index/gomod';
import { parseDotenv } from '../../server/src/index/dotenv';

const GOMOD = `module example.com/ferry/services/ticketing

go 1.23.1

toolchain go1.23.4

require (
	github.com/nats-io/nats.go v1.37.0
	google.golang.org/grpc v1.66.2 // pinned until the keepalive fix
)

require golang.org/x/net v0.29.0 // indirect

replace example.com/ferry/pkg => ../../pkg
`;

describe('go.mod, go.work and .env reading', () => {
  it('reads directives, direct and indirect requires and replaces, with the range of each version', () => {
    const mod = parseGoMod('services/ticketing/go.mod', GOMOD);
    assert.equal(mod.dir, 'services/ticketing');
    assert.equal(mod.modulePath, 'example.com/ferry/services/ticketing');
    assert.equal(mod.go?.version, '1.23.1');
    assert.equal(mod.toolchain?.version, 'go1.23.4');
    assert.deepEqual(mod.requires.map((r) => [r.path, r.version, r.indirect, r.loc.range.start.line, r.loc.range.start.character]), [
      ['github.com/nats-io/nats.go', 'v1.37.0', false, 7, 28],
      ['google.golang.org/grpc', 'v1.66.2', false, 8, 24],
      ['golang.org/x/net', 'v0.29.0', true, 11, 25],
    ]);
    assert.deepEqual(mod.replaces.map((r) => [r.from, r.to]), [['example.com/ferry/pkg', '../../pkg']]);
  });

  it('counts lines as LSP does: CRLF and a lone CR both end a line', () => {
    const crlf = parseGoMod('go.mod', GOMOD.replace(/\n/g, '\r\n'));
    assert.equal(crlf.requires[0].loc.range.start.line, 7);
    const loneCr = parseGoMod('go.mod', '\r\r\ngo 1.22\n');
    assert.deepEqual(loneCr.go?.loc.range.start, { line: 2, character: 3 });
  });

  it('reads go.work use lines and .env example entries', () => {
    assert.deepEqual(parseGoWork('go 1.23\n\nuse (\n\t./services/ticketing\n\t./pkg\n)\nuse ./tools\n'), ['services/ticketing', 'pkg', 'tools']);
    const env = parseDotenv('.env.example', 'export TICKET_TTL=15m\r\n# comment\nTICKET_DB="ferry" # quoted\n');
    assert.deepEqual(env.map((e) => [e.name, e.value, e.loc.range.start.line, e.loc.range.start.character]), [
      ['TICKET_TTL', '15m', 0, 7],
      ['TICKET_DB', 'ferry', 2, 0],
    ]);
  });
});

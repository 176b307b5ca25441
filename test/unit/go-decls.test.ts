import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GoFactIndex, initGoParser } from '../../server/src/index/go/goIndex';
import { GO_FIXTURES, lineAt, lineOf, loadWorkspace, sliceOf, type LoadedWorkspace } from './go-workspace';

const LEDGER = 'ledger/ledger.go';

describe('Go index: declarations, commands and malformed files', () => {
  let ws: LoadedWorkspace;
  before(async () => {
    ws = await loadWorkspace(join(GO_FIXTURES, 'decls'));
  });

  const declsOf = (path: string) => ws.snapshot.decls.filter((d) => d.loc.path === path);

  describe('declarations', () => {
    it('lists every top-level func, method, type, const and var with receiver names', () => {
      assert.deepEqual(
        declsOf(LEDGER).map((d) => `${d.kind} ${d.receiver ? `${d.receiver}.` : ''}${d.name}`),
        [
          'type State',
          'const StateOpen',
          'const StatePosted',
          'const StateVoided',
          'const MaxAccounts',
          'const defaultCurrency',
          'const greeting',
          'const scale',
          'const precision',
          'var ErrClosed',
          'var registry',
          'var zeroBalance',
          'type Balance',
          'type Entry',
          'type Poster',
          'type Set',
          'type Currency',
          'method Set.Add',
          'method Balance.Major',
          'type Ledger',
          'method Ledger.Post',
          'func New',
          'func Map',
        ],
      );
    });

    it('keeps the exact text of each declaration, one spec of a group at a time', () => {
      const text = ws.text(LEDGER);
      for (const d of declsOf(LEDGER)) assert.equal(sliceOf(text, d.loc), d.text, d.name);
      const byName = (name: string) => declsOf(LEDGER).find((d) => d.name === name)!;
      assert.equal(byName('StatePosted').text, 'StatePosted');
      assert.equal(byName('Poster').text, 'Poster interface {\n\t\tPost(e Entry) error\n\t}');
      assert.equal(byName('New').text, 'func New() *Ledger { return &Ledger{} }');
      assert.ok(byName('Add').text.startsWith('func (s *Set[T]) Add(v T) {') && byName('Add').text.endsWith('}'));
      assert.equal(lineAt(byName('Map').loc), lineOf(text, 'func Map[T, U any]'));
    });

    it('measures columns in UTF-16 code units, like the editor', () => {
      const text = ws.text(LEDGER);
      const greeting = declsOf(LEDGER).find((d) => d.name === 'greeting')!;
      assert.equal(greeting.text, 'greeting         = "Grüße 🙂"');
      assert.equal(greeting.loc.range.end.character - greeting.loc.range.start.character, greeting.text.length);
      assert.equal(sliceOf(text, greeting.loc), greeting.text);
    });

    it('reads files with Windows line endings', () => {
      const crlf = ws.snapshot.decls.find((d) => d.name === 'crlfPort')!;
      assert.equal(lineAt(crlf.loc), 6);
      assert.ok(crlf.text.startsWith('func crlfPort() string {\r\n'));
      assert.equal(ws.snapshot.env.find((e) => e.name === 'LEDGERD_PORT')?.loc.range.start.line, 6);
    });

    it('folds iota, repeated const specs and conversions across packages', () => {
      const env = (name: string) => ws.snapshot.env.find((e) => e.name === name)?.default?.display;
      assert.equal(env('LEDGERD_MAX_ACCOUNTS'), '65536');
      assert.equal(env('LEDGERD_DEFAULT_STATE'), '2');
    });
  });

  describe('packages and commands', () => {
    it('marks main packages', () => {
      const main = ws.snapshot.goFiles.filter((f) => f.isMain).map((f) => f.path);
      assert.deepEqual(main, ['cmd/ledgerd/crlf.go', 'cmd/ledgerd/main.go']);
      assert.equal(ws.snapshot.goFiles.find((f) => f.path === LEDGER)?.packageName, 'ledger');
    });

    it('lists CLI subcommands, leaving out the root command', async () => {
      const quill = await loadWorkspace(join(GO_FIXTURES, 'quill'));
      const commands = quill.snapshot.goFiles.flatMap((f) => f.commands.map((c) => `${f.path}: ${c.name}`));
      assert.deepEqual(commands, [
        'services/backtest-runner/cmd/backtest/main.go: run',
        'services/backtest-runner/cmd/backtest/main.go: serve',
        'services/scheduler/cmd/scheduler/main.go: serve',
        'services/scheduler/cmd/scheduler/main.go: replay',
        'tools/quillctl/main.go: deploy',
        'tools/quillctl/main.go: status',
      ]);
      const run = quill.snapshot.goFiles.flatMap((f) => f.commands).find((c) => c.name === 'run')!;
      assert.equal(sliceOf(quill.text('services/backtest-runner/cmd/backtest/main.go'), run.loc), '"run [strategy]"');
      assert.ok(quill.snapshot.services.some((s) => s.kind === 'command' && s.name === 'replay'));
    });
  });

  describe('malformed Go', () => {
    it('still reads what it can from a file with syntax errors, and says where they are', () => {
      const broken = ws.snapshot.goFiles.find((f) => f.path === 'ledger/broken.go')!;
      assert.ok(broken.syntaxErrors.length > 0);
      assert.equal(broken.syntaxErrors[0].range.start.line + 1, lineOf(ws.text('ledger/broken.go'), 'func (l *Ledger) Void(id string {'));
      assert.ok(ws.snapshot.env.some((e) => e.name === 'LEDGER_REOPEN_MODE' && e.loc.path === 'ledger/broken.go'));
      assert.ok(declsOf('ledger/broken.go').some((d) => d.name === 'Void' && d.receiver === 'Ledger'));
    });

    it('survives binary garbage without losing the other files', () => {
      const garbage = ws.snapshot.goFiles.find((f) => f.path === 'ledger/garbage.go');
      assert.ok(garbage && garbage.syntaxErrors.length > 0);
      assert.deepEqual(ws.snapshot.problems, []);
      assert.equal(declsOf(LEDGER).length, 23);
    });

    it('never throws from facts() whatever prefix of a file is fed, and keeps the rest', async () => {
      await initGoParser();
      const index = new GoFactIndex();
      index.set('ledger/ledger.go', ws.text(LEDGER));
      const main = ws.text('cmd/ledgerd/main.go');
      for (let cut = 0; cut <= main.length; cut += Math.ceil(main.length / 23)) {
        index.set('cmd/ledgerd/main.go', main.slice(0, cut) + '\n}}) "');
        const files = index.facts([{ dir: '', modulePath: 'example.com/ledger', requires: [], replaces: [], text: '', path: 'go.mod' }]);
        assert.equal(files.find((f) => f.path === LEDGER)?.decls.length, 23, `cut at ${cut}`);
      }
    });

    it('ends on self-referential constants, locals and helpers', async () => {
      await initGoParser();
      const index = new GoFactIndex();
      index.set(
        'loop/loop.go',
        [
          'package loop',
          '',
          'import "os"',
          '',
          'const A = B + B',
          'const B = A + A',
          '',
          'func grow(s string) string { return grow(s+s) + grow(s) }',
          '',
          'func read() string {',
          '\tx := "KEY"',
          '\tif true {',
          '\t\tx := x + x + x + x',
          '\t\treturn os.Getenv(x + A + grow(x))',
          '\t}',
          '\treturn os.Getenv(grow("LOOP_") + x)',
          '}',
        ].join('\n'),
      );
      const [file] = index.facts([]);
      assert.deepEqual(file.env, []);
      assert.deepEqual(
        file.decls.map((d) => d.name),
        ['A', 'B', 'grow', 'read'],
      );
    });

    it('skips files over 2 MB', async () => {
      await initGoParser();
      const index = new GoFactIndex();
      const huge = `package gen\n\nimport "os"\n\nvar Table = os.Getenv("GEN_TABLE")\n\n${'// generated padding line for a very large file\n'.repeat(45_000)}`;
      assert.ok(huge.length > 2 * 1024 * 1024);
      index.set('gen/table.go', huge);
      index.set('ledger/ledger.go', ws.text(LEDGER));
      const files = index.facts([]);
      assert.deepEqual(files.map((f) => f.path), ['ledger/ledger.go']);
    });
  });
});

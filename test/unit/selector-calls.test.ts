// Builder-method calls are asked per file content and name: a source change scans the changed
// file again, not the workspace, and contents known from an earlier run are not read at all.
import assert from 'node:assert/strict';
import { FileText } from '../../server/src/index/fileText';
import { ContentQueryIndex } from '../../server/src/index/go/contentQueries';
import { scanSelectorCalls } from '../../server/src/index/go/selectorCalls';

const callIndex = (stored?: (name: string, key: string) => string[][] | undefined) => new ContentQueryIndex(scanSelectorCalls, stored);
const calls = (index: ContentQueryIndex<string[][]>, files: FileText[], name: string) => index.answersIn(files, name).flat();

const RUN_GO = `package sandbox

func start(b *HostConfigBuilder) {
	b.Memory(512 * MiB).
		PidsLimit(int64(limits.Pids), "soft").
		Tmpfs(map[string]string{"/tmp": "size=64m"})
	b.Memory(
		defaultMemory,
	)
}
`;

describe('builder-method calls', () => {
  it('reads the arguments of each call, across lines and brackets', () => {
    assert.deepEqual(scanSelectorCalls(RUN_GO, 'Memory'), [['512 * MiB'], ['defaultMemory']]);
    assert.deepEqual(scanSelectorCalls(RUN_GO, 'PidsLimit'), [['int64(limits.Pids)', '"soft"']]);
    assert.deepEqual(scanSelectorCalls(RUN_GO, 'Tmpfs'), [['map[string]string{"/tmp": "size=64m"}']]);
    assert.deepEqual(scanSelectorCalls(RUN_GO, 'CPUs'), []);
  });

  it('scans a content once per name, and what an earlier run found is not read again', () => {
    const reads: string[] = [];
    const later = (path: string, text: string) => {
      const known = FileText.of(path, text);
      return FileText.later(path, known.hash, () => (reads.push(path), text));
    };
    const other = 'package main\n\nfunc main() { run().Memory(64) }\n';
    const stored = FileText.of('cmd/main.go', other);
    const index = callIndex((name, key) => (name === 'Memory' && key === stored.key ? [['64']] : undefined));
    const files = [later('cmd/main.go', other), later('sandbox/run.go', RUN_GO)];
    assert.deepEqual(calls(index, files, 'Memory'), [['64'], ['512 * MiB'], ['defaultMemory']]);
    assert.deepEqual(reads, ['sandbox/run.go'], 'the stored content was not read');

    const edited = later('sandbox/run.go', RUN_GO.replace('512 * MiB', '1 * GiB'));
    assert.deepEqual(calls(index, [later('cmd/main.go', other), edited], 'Memory'), [['64'], ['1 * GiB'], ['defaultMemory']]);
    assert.deepEqual(reads, ['sandbox/run.go', 'sandbox/run.go'], 'only the edited content was read');
    assert.deepEqual([...index.known().get('Memory')!.keys()], [files[0].key, edited.key], 'the old content is forgotten');
  });

  it('answers with the very same list after a change that calls nothing new', () => {
    const index = callIndex();
    const run = FileText.of('sandbox/run.go', RUN_GO);
    const main = FileText.of('cmd/main.go', 'package main\n\nfunc main() { run().Memory(64) }\n');
    const first = index.answersIn([main, run], 'Memory');
    const commented = FileText.of('sandbox/run.go', RUN_GO.replace('func start', '// start applies the limits.\nfunc start'));
    assert.equal(index.answersIn([main, commented], 'Memory'), first);
    assert.deepEqual([...index.known().get('Memory')!.keys()], [main.key, commented.key]);
    const changed = FileText.of('sandbox/run.go', RUN_GO.replace('defaultMemory', 'smallMemory'));
    const second = index.answersIn([main, changed], 'Memory');
    assert.notEqual(second, first);
    assert.deepEqual(second.flat(), [['64'], ['512 * MiB'], ['smallMemory']]);
  });

  it('keeps the answers of the most recently asked questions only', () => {
    const index = callIndex();
    const run = FileText.of('sandbox/run.go', RUN_GO);
    index.answersIn([run], 'Memory');
    for (let i = 0; i < 100; i++) index.answersIn([run], `Step${i}`);
    index.answersIn([run], 'Memory');
    const kept = [...index.known().keys()];
    assert.ok(kept.length < 100 && kept.length > 1, `${kept.length} kept`);
    assert.equal(kept.at(-1), 'Memory', 'asked again, kept');
    assert.ok(!kept.includes('Step0'), 'the oldest went');
  });
});

// Fragments of Go in a doc are searched for in the files that could hold a copy: those containing
// one of the fragment's words. Lexing every file of a large workspace is what this spares.
import assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { goSourcesContaining } from '../../server/src/rules/snippet/goSources';

describe('Go sources for fragment search', () => {
  it('lexes only the files that contain one of the anchors, in path order', async () => {
    const index = await WorkspaceIndex.create();
    index.applyChange('go.mod', 'module example.com/shop\n\ngo 1.22\n');
    index.applyChange('sandbox/start.go', 'package sandbox\n\nfunc start() {\n\thost := &container.HostConfig{ReadonlyRootfs: true}\n\t_ = host\n}\n');
    index.applyChange('api/server.go', 'package api\n\nfunc serve() {\n\tmux.HandleFunc("/healthz", health)\n}\n');
    index.applyChange('cmd/shop/main.go', 'package main\n\nfunc main() { run(HostConfig{}) }\n');
    const snap = index.snapshot();
    assert.deepEqual(goSourcesContaining(snap, ['HostConfig']).map((s) => s.path), ['cmd/shop/main.go', 'sandbox/start.go']);
    assert.deepEqual(goSourcesContaining(snap, ['"/healthz"', 'ReadonlyRootfs']).map((s) => s.path), ['api/server.go', 'sandbox/start.go']);
    assert.deepEqual(goSourcesContaining(snap, ['HostConfig'], 'api/server.go'), []);
    const [start] = goSourcesContaining(snap, ['ReadonlyRootfs']);
    assert.deepEqual(start.lines.find((l) => l.tokens.includes('ReadonlyRootfs'))?.line, 3);

    index.applyChange('api/server.go', 'package api\n\nfunc serve(h HostConfig) {}\n');
    assert.deepEqual(goSourcesContaining(index.snapshot(), ['HostConfig']).map((s) => s.path), ['api/server.go', 'cmd/shop/main.go', 'sandbox/start.go'], 'a changed file is asked again');
  });
});

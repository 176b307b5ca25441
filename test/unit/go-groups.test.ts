// Go modules that no import links are resolved apart: a changed file re-resolves its own group,
// the others keep their facts (the very objects), and what a shared helper yields at its callers
// still follows a change to the helper.
import assert from 'node:assert/strict';
import { GoFactCache } from '../../server/src/index/cache/factCache';
import { resolutionGroups } from '../../server/src/index/go/groups';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { GoModule } from '../../server/src/engine/types';

const GO_WORK = 'go 1.22\n\nuse (\n\t./libs/envx\n\t./services/router\n\t./services/archiver\n)\n';

const FILES: Record<string, string> = {
  'go.work': GO_WORK,
  'libs/envx/go.mod': 'module example.com/relay/libs/envx\n\ngo 1.22\n',
  'libs/envx/envx.go': `package envx

import "os"

// Get reads a variable with a fallback.
func Get(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
`,
  'services/router/go.mod': 'module example.com/relay/services/router\n\ngo 1.22\n\nrequire example.com/relay/libs/envx v0.0.0\n',
  'services/router/main.go': `package main

import (
	"fmt"

	"example.com/relay/libs/envx"
)

func main() {
	fmt.Println(envx.Get("ROUTER_ADDR", ":8080"))
}
`,
  'services/archiver/go.mod': 'module example.com/relay/services/archiver\n\ngo 1.22\n',
  'services/archiver/main.go': `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(os.Getenv("ARCHIVER_BUCKET"))
}
`,
};

async function indexed(cache?: GoFactCache): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create(cache ? { go: { cache } } : {});
  for (const [path, text] of Object.entries(FILES)) index.applyChange(path, text);
  return index;
}

const factsOf = (index: WorkspaceIndex, path: string) => index.snapshot().goFiles.find((f) => f.path === path)!;

describe('Go resolution groups', () => {
  it('links modules through imports both ways, by module path or by folder', () => {
    const modules = [
      { dir: 'libs/envx', modulePath: 'example.com/relay/libs/envx' },
      { dir: 'services/router', modulePath: 'example.com/relay/services/router' },
      { dir: 'services/archiver', modulePath: 'example.com/relay/services/archiver' },
      { dir: 'tools', modulePath: 'example.com/relay/tools' },
    ] as GoModule[];
    const groups = resolutionGroups(
      [
        { path: 'libs/envx/envx.go', dir: 'libs/envx', imports: { os: 'os' } },
        { path: 'services/archiver/main.go', dir: 'services/archiver', imports: { os: 'os' } },
        { path: 'services/router/main.go', dir: 'services/router', imports: { envx: 'example.com/relay/libs/envx' } },
        // No module claims this import path; the folder it ends with is the archiver's.
        { path: 'tools/gen.go', dir: 'tools', imports: { archiver: 'github.com/elsewhere/services/archiver' } },
      ],
      modules,
    );
    assert.deepEqual(groups, [[0, 2], [1, 3]]);
  });

  it('re-resolves only the changed group and keeps the facts of the others', async () => {
    const index = await indexed();
    const router = factsOf(index, 'services/router/main.go');
    const archiver = factsOf(index, 'services/archiver/main.go');
    assert.deepEqual(router.env.map((e) => [e.name, e.default?.display]), [['ROUTER_ADDR', ':8080']]);
    assert.deepEqual(archiver.env.map((e) => e.name), ['ARCHIVER_BUCKET']);

    index.applyChange('services/archiver/main.go', FILES['services/archiver/main.go'].replace('ARCHIVER_BUCKET', 'ARCHIVER_PREFIX'));
    assert.equal(factsOf(index, 'services/router/main.go'), router, 'the router facts changed identity');
    assert.equal(index.goStats().resolved, 1, 'only the archiver file was resolved again');
    assert.deepEqual(factsOf(index, 'services/archiver/main.go').env.map((e) => e.name), ['ARCHIVER_PREFIX']);
  });

  it('a change to a shared helper reaches the facts read at its callers', async () => {
    const index = await indexed();
    const archiver = factsOf(index, 'services/archiver/main.go');
    // The helper now reads a prefixed name: the router's claim is read through it.
    index.applyChange('libs/envx/envx.go', FILES['libs/envx/envx.go'].replace('os.Getenv(name)', 'os.Getenv("RELAY_" + name)'));
    assert.deepEqual(factsOf(index, 'services/router/main.go').env.map((e) => e.name), ['RELAY_ROUTER_ADDR']);
    assert.equal(index.goStats().resolved, 2, 'the helper and its caller were resolved again');
    assert.equal(factsOf(index, 'services/archiver/main.go'), archiver);
  });

  it('after a warm start from the fact cache, a change re-resolves only its own group', async () => {
    const first = await indexed(GoFactCache.empty('test'));
    const written = first.refreshFactCache()!;
    const warm = await indexed(GoFactCache.decode(written.encode(), 'test'));
    const router = factsOf(warm, 'services/router/main.go');
    assert.equal(warm.goStats().fromCache, warm.goStats().files, 'served from the cache');
    warm.applyChange('services/archiver/main.go', FILES['services/archiver/main.go'].replace('ARCHIVER_BUCKET', 'ARCHIVER_PREFIX'));
    assert.equal(factsOf(warm, 'services/router/main.go'), router, 'the router facts changed identity');
    assert.equal(warm.goStats().resolved, 1, 'only the archiver file was resolved again');
    assert.deepEqual(factsOf(warm, 'services/archiver/main.go').env.map((e) => e.name), ['ARCHIVER_PREFIX']);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { extractFile } from '../../server/src/index/go/extract';
import { goParser, initParser } from '../../server/src/index/go/parser';
import { scanGoSkeleton } from '../../server/src/index/go/skeleton';
import { loadWorkspace as loadFromDisk } from '../../server/src/host/workspaceLoader';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { filesUnder } from '../helpers/fixtureFiles';

// Files without facts are read as outlines and parsed only when resolution needs them. Outlines
// must give exactly the declarations a parse gives, and the facts of a workspace must not depend
// on which files were parsed: these tests hold both to the parse-everything reference.

const REPO = join(__dirname, '..', '..');

function goFiles(dir: string): string[] {
  return filesUnder(dir).filter((p) => p.endsWith('.go'));
}

/** Go that is legal but awkward to outline: generics, struct results, braces in literals and comments. */
const TRICKY = `// Package tricky is full of corners.
package tricky

import (
	"fmt"
	str "strings"
	_ "embed"
	. "math"
	raw \`net/http\`
)

import "os"

const (
	A = iota // trailing comment
	B
	C, D = 1 << 2, "}{"
	E   = '}'
	F   = 1.5e-3
	G   = 0x1p-2
)

const single = \`raw
{ string with braces
\`

var (
	x, y int
	z    = map[string]struct{ a int }{
		"k": {a: 1},
	}
	fn = func() int { return 1 }()
	_  = fmt.Sprintf
)

var ch chan struct{}

type (
	Set[T comparable] map[T]struct{}
	Alias             = str.Builder
	Shape             interface {
		Area() float64 /* { */
	}
)

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Arr [4]int

func (s Set[T]) Add(v T) { s[v] = struct{}{} }

func (p *Pair[K, V]) Swap() (V, K) {
	// } in a comment
	return p.Val, p.Key
}

func (Arr) Len() int { return 4 }

func Anon() struct{ n int } { return struct{ n int }{n: 1} }

func Iface() interface{ M() } { return nil }

func Returns() func() string {
	return func() string { return "}" }
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Multi(
	a int,
	b string,
) (n int, err error) {
	_ = os.Args
	_ = Pi
	_ = raw.MethodGet
	return
}

//go:noinline
func declared(n int) int

var after = 1
`;

describe('Go outlines', () => {
  before(async () => {
    await initParser();
  });

  function compare(path: string, text: string): 'same' | 'gave up' {
    const parsed = extractFile(goParser()!, path, text);
    const outline = scanGoSkeleton(path, text);
    if (!outline) return 'gave up';
    assert.equal(outline.pkg, parsed.pkg, path);
    assert.deepEqual(outline.imports, parsed.imports, path);
    assert.deepEqual(outline.decls, parsed.decls, path);
    assert.deepEqual([...outline.names].sort(), [...new Set(parsed.decls.map((d) => d.name))].sort(), path);
    return 'same';
  }

  it('gives the declarations, package and imports a parse gives, for awkward but legal Go', () => {
    assert.equal(compare('tricky/tricky.go', TRICKY), 'same');
    assert.equal(compare('tricky/crlf.go', TRICKY.replace(/\n/g, '\r\n')), 'same');
  });

  it('gives the same for every well-formed Go file in the repository, and gives up on the broken ones', () => {
    const files = [...goFiles(join(REPO, 'test', 'fixtures')), ...goFiles(join(REPO, 'examples'))];
    assert.ok(files.length > 50);
    let gaveUp = 0;
    for (const full of files) {
      const text = readFileSync(full, 'utf8').replace(/^\uFEFF/, '');
      const path = relative(REPO, full);
      const broken = extractFile(goParser()!, path, text).syntaxErrors.length > 0;
      const result = compare(path, text);
      if (!broken) assert.equal(result, 'same', `${path} is well formed`);
      if (result === 'gave up') gaveUp++;
    }
    assert.ok(gaveUp > 0, 'the fixtures include malformed files the outline reader refuses');
  });

  it('gives up rather than guess on unbalanced or foreign input', () => {
    for (const text of ['package p\n\nfunc f( {\n}\n', 'package p\n\nvar s = "unclosed\n', 'package p\n\nfunc f() {\n', 'no package here\n', 'package p\n\nif x {}\n', 'package p\n/* open comment\n']) {
      assert.equal(scanGoSkeleton('p/p.go', text), undefined, text);
    }
  });
});

describe('Go index: facts do not depend on which files were parsed', () => {
  async function snapshots(root: string): Promise<{ lazy: IndexSnapshot; full: IndexSnapshot; stats: { files: number; parsed: number } }> {
    const lazy = await WorkspaceIndex.create();
    await loadFromDisk(root, lazy);
    const full = await WorkspaceIndex.create({ go: { parseAll: true } });
    await loadFromDisk(root, full);
    const lazySnap = lazy.snapshot();
    return { lazy: lazySnap, full: full.snapshot(), stats: lazy.goStats() };
  }

  function assertSameFacts(a: IndexSnapshot, b: IndexSnapshot, what: string): void {
    for (const k of ['env', 'nats', 'streams', 'container', 'data', 'decls', 'services', 'problems'] as const) assert.deepEqual(a[k], b[k], `${what}: ${k}`);
    assert.deepEqual(a.goFiles, b.goFiles, `${what}: per-file facts`);
  }

  it('finds the same facts, declarations and services in every fixture workspace as parsing every file', async () => {
    const roots = [
      join(REPO, 'examples', 'platform'),
      ...readdirSync(join(REPO, 'test', 'fixtures')).map((d) => join(REPO, 'test', 'fixtures', d)).filter((d) => statSync(d).isDirectory()),
    ];
    for (const root of roots) {
      const { lazy, full } = await snapshots(root);
      assertSameFacts(lazy, full, relative(REPO, root));
    }
  });

  describe('a workspace whose facts reach into files without any', () => {
    let root: string;
    const write = (rel: string, text: string) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'doc-truth-outline-'));
      write('go.mod', 'module example.com/shop\n\ngo 1.22\n');
      // The helper reads the environment; its callers and their constants say nothing about it.
      write('internal/conf/env.go', 'package conf\n\nimport "os"\n\n// Str returns the variable or def.\nfunc Str(key, def string) string {\n\tif v := os.Getenv(key); v != "" {\n\t\treturn v\n\t}\n\treturn def\n}\n');
      write('internal/keys/keys.go', 'package keys\n\n// DefaultPort is where the API listens unless told otherwise.\nconst DefaultPort = "8080"\n\nconst unused = "x"\n');
      write('internal/app/app.go', 'package app\n\nimport (\n\t"example.com/shop/internal/conf"\n\t"example.com/shop/internal/keys"\n)\n\n// Port is the API port.\nfunc Port() string { return conf.Str("APP_PORT", keys.DefaultPort) }\n\n// Workers is the worker count.\nfunc Workers() string { return conf.Str("APP_WORKERS", defaultWorkers) }\n');
      // Build-tagged variants declare the same constant; the first file in path order decides.
      write('internal/app/defaults_linux.go', '//go:build linux\n\npackage app\n\nconst defaultWorkers = "4"\n');
      write('internal/app/defaults_other.go', '//go:build !linux\n\npackage app\n\nconst defaultWorkers = "8"\n');
      for (let i = 0; i < 6; i++) {
        write(`internal/orders/orders_${i}.go`, `package orders\n\nimport "errors"\n\n// Order${i} is one order.\ntype Order${i} struct {\n\tID    string\n\tTotal int64\n}\n\nvar errEmpty${i} = errors.New("empty order")\n\nfunc (o Order${i}) Validate() error {\n\tif o.ID == "" {\n\t\treturn errEmpty${i}\n\t}\n\treturn nil\n}\n`);
      }
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('follows helpers to callers and constants in files it did not parse up front, and parses only what it needs', async () => {
      const { lazy, full, stats } = await snapshots(root);
      assertSameFacts(lazy, full, 'shop');
      const env = Object.fromEntries(lazy.env.map((e) => [e.name, e.default?.display]));
      assert.deepEqual(env, { APP_PORT: '8080', APP_WORKERS: '4' });
      assert.equal(stats.files, 11);
      // The helper, its caller, the constants it reads (both tagged variants): not the orders.
      assert.equal(stats.parsed, 5);
      assert.equal(lazy.decls.filter((d) => d.loc.path.startsWith('internal/orders/')).length, 6 * 3);
    });
  });
});

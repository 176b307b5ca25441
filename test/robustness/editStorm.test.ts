// An edit storm against the built language server: 1,000 incremental changes sent as fast as the
// pipe takes them. Afterwards the last publish must be for the last version and equal a fresh
// check of the final text, versions must never go backwards, memory must settle, and fixes
// computed for an old text must never be offered.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';
import { loadWorkspace } from '../../server/src/host/workspaceLoader';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { fileUri, requireServerBuild, TestClient } from '../lsp/lspClient';
import { trueDocText, WORKSPACE_DOC } from './support/seeds';
import { fixtureCopy } from './support/tempWorkspace';

const EDITS = 1_000;

function rssKb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, `no VmRSS for ${pid}`);
  return Number(m[1]);
}

function rangeOf(doc: TextDocument, needle: string): Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `no ${needle} in the doc`);
  return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
}

/**
 * The edits a person makes in a burst: typing a notes paragraph at the end, with corrections, and
 * in the middle of it deleting the drifted versions and typing the true ones key by key.
 */
function* keystrokes(doc: () => TextDocument): Generator<TextDocumentContentChangeEvent> {
  const words = 'the dispatcher hands parcels to couriers and retries when a courier does not answer in time '.split(' ');
  let i = 0;
  function* notes(count: number): Generator<TextDocumentContentChangeEvent> {
    for (const stop = i + count; i < stop; i++) {
      const end = doc().positionAt(doc().getText().length);
      yield { range: { start: end, end }, text: i % 17 === 16 ? '\n' : `${words[i % words.length]} ` };
      if (i % 23 === 22) {
        const text = doc().getText();
        yield { range: { start: doc().positionAt(text.length - 2), end: doc().positionAt(text.length) }, text: '' };
      }
    }
  }
  yield* notes(400);
  for (const [wrong, right, anchor] of [
    ['v1.30.0', 'v1.36.0', '`github.com/nats-io/nats.go` | '],
    ['1.21.0', '1.22.5', '| Go | `go` directive | '],
  ]) {
    yield { range: rangeOf(doc(), anchor + wrong), text: anchor };
    for (let typed = 0; typed < right.length; typed++) {
      const pos = doc().positionAt(doc().getText().indexOf(anchor) + anchor.length + typed);
      yield { range: { start: pos, end: pos }, text: right[typed] };
    }
  }
  yield* notes(Number.MAX_SAFE_INTEGER);
}

describe('language server: an edit storm', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof fixtureCopy>;
  let client: TestClient;

  before(() => requireServerBuild());
  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it(`settles on the last of ${EDITS} rapid edits, in version order, with memory back near its baseline and no stale fixes`, async () => {
    ws = fixtureCopy();
    const drifted = trueDocText().replace('`github.com/nats-io/nats.go` | v1.36.0', '`github.com/nats-io/nats.go` | v1.30.0').replace('| Go | `go` directive | 1.22.5 |', '| Go | `go` directive | 1.21.0 |');
    writeFileSync(join(ws.root, WORKSPACE_DOC), drifted);
    const uri = fileUri(join(ws.root, WORKSPACE_DOC));
    client = await TestClient.start({ folders: [{ uri: fileUri(ws.root), name: 'parcel' }] });
    const pid = (client as unknown as { child: ChildProcess }).child.pid!;

    let doc = TextDocument.create(uri, 'markdown', 1, drifted);
    await client.open(uri, drifted);
    const first = await client.nextPublish(uri, (p) => p.version === 1);
    const stale = first.diagnostics.find((d) => d.code === 'version-module');
    assert.ok(stale, `no drift found at version 1: ${JSON.stringify(first.diagnostics.map((d) => d.message))}`);

    const send = (change: TextDocumentContentChangeEvent) => {
      doc = TextDocument.update(doc, [change], doc.version + 1);
      return client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
    };

    // Warm up (JIT, caches, first allocations) before measuring the baseline.
    const warm = keystrokes(() => doc);
    for (let i = 0; i < 50; i++) await send(warm.next().value as TextDocumentContentChangeEvent);
    await client.nextPublish(uri, (p) => p.version === doc.version);
    const baseline = rssKb(pid);

    // The storm: every edit sent without waiting, with stale code-action requests in between.
    const stream = warm;
    const pending: Promise<void>[] = [];
    const staleAnswers: Promise<{ sentAt: number; actions: CodeAction[] }>[] = [];
    const startVersion = doc.version;
    for (let i = 0; i < EDITS; i++) {
      pending.push(send(stream.next().value as TextDocumentContentChangeEvent));
      if (i % 100 === 99) {
        const sentAt = doc.version;
        staleAnswers.push(
          client.connection
            .sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale], only: ['quickfix'] } })
            .then((actions) => ({ sentAt, actions: actions ?? [] })),
        );
      }
    }
    await Promise.all(pending);
    const finalVersion = doc.version;
    assert.equal(finalVersion, startVersion + EDITS);
    const peak = rssKb(pid);

    const last = await client.nextPublish(uri, (p) => p.version === finalVersion);
    // Flush: a recheck answers only once every scheduled check has run.
    await client.connection.sendRequest('workspace/executeCommand', { command: 'docTruth.recheck', arguments: [] });
    const versions = client.publishesFor(uri).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);
    assert.equal(versions[versions.length - 1], finalVersion);

    // The published result is exactly what a fresh check of the final text gives.
    const index = await WorkspaceIndex.create();
    await loadWorkspace(ws.root, index);
    const fresh = checkText(uri, doc.getText(), index.snapshot(), defaultConfig(), { root: ws.root });
    assert.deepEqual(fresh.ruleErrors, []);
    assert.deepEqual(last.diagnostics, JSON.parse(JSON.stringify(fresh.diagnostics)) as Diagnostic[]);
    assert.deepEqual(client.publishesFor(uri).at(-1)!.diagnostics, last.diagnostics);
    assert.ok(!fresh.diagnostics.some((d) => d.code === 'version-module' || d.code === 'version-go'), 'the storm typed the true versions back in');

    // Fixes offered during the storm were for the text the client had when asking, or newer.
    const answered = await Promise.all(staleAnswers);
    for (const { sentAt, actions } of answered) {
      for (const a of actions) {
        for (const c of a.edit?.documentChanges ?? []) {
          if ('textDocument' in c) assert.ok((c.textDocument.version ?? 0) >= sentAt, `a fix for version ${c.textDocument.version} offered when the client was at ${sentAt}`);
        }
      }
    }
    // After it: the old diagnostic's fix is gone with the drift it fixed.
    const after = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: stale.range, context: { diagnostics: [stale], only: ['quickfix'] } });
    assert.deepEqual(after.filter((a) => a.title.includes('v1.36.0') || (a.edit?.documentChanges ?? []).some((c) => 'textDocument' in c && c.textDocument.version !== finalVersion)), []);

    // Memory settles back near the baseline once the burst is over.
    let settled = rssKb(pid);
    for (let i = 0; i < 20 && settled > baseline * 1.5; i++) {
      await new Promise((r) => setTimeout(r, 250));
      settled = rssKb(pid);
    }
    const offered = answered.reduce((n, a) => n + a.actions.length, 0);
    console.log(`    edit storm: ${EDITS} edits, ${versions.length} publishes, ${answered.length} code-action requests with a version-1 diagnostic answered with ${offered} action(s); server RSS baseline ${(baseline / 1024).toFixed(1)} MB, after the burst ${(peak / 1024).toFixed(1)} MB, settled ${(settled / 1024).toFixed(1)} MB (+${(((settled - baseline) / baseline) * 100).toFixed(0)}%)`);
    assert.ok(settled <= baseline * 1.5, `RSS grew from ${baseline} kB to ${settled} kB`);
  });
});

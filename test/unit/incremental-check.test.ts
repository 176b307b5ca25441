// What the checker re-runs. A keystroke re-checks the one section it touched; a source change
// re-checks the sections of the rule families that read what changed, and nothing else. The
// findings themselves are held to a fresh check by the robustness properties and every rule table.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentChecker } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';
import { pathToUri } from '../../server/src/engine/uris';
import { loadWorkspace } from '../../server/src/host/workspaceLoader';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';

const ROOT = join(__dirname, '..', '..', 'examples', 'platform');
const DOC = 'docs/platform-development-guide/services/runtime-services.md';
const CONFIG_GO = 'services/bot-runner/internal/config/config.go';

describe('incremental checking', () => {
  let index: WorkspaceIndex;
  let text: string;
  let checker: DocumentChecker;
  const config = defaultConfig();
  const check = (t: string) => checker.check(t, index.snapshot(), config, { root: ROOT });

  beforeEach(async () => {
    index = await WorkspaceIndex.create();
    await loadWorkspace(ROOT, index);
    text = readFileSync(join(ROOT, DOC), 'utf8');
    checker = new DocumentChecker(pathToUri(ROOT, DOC));
    check(text);
  });

  it('checks every section of every family the first time, and nothing when nothing changed', () => {
    checker = new DocumentChecker(pathToUri(ROOT, DOC));
    check(text);
    const sections = Math.max(...Object.values(checker.lastWork).map(Number));
    assert.ok(sections > 10, `the example doc has ${sections} sections`);
    assert.ok(Object.values(checker.lastWork).every((n) => n === sections));
    check(text);
    assert.ok(Object.values(checker.lastWork).every((n) => n === 0), JSON.stringify(checker.lastWork));
  });

  it('re-checks only the section a keystroke touched, in every family', () => {
    const at = text.indexOf('NATS_URL');
    assert.ok(at > 0);
    check(text.slice(0, at) + 'X' + text.slice(at));
    assert.ok(Object.values(checker.lastWork).every((n) => n === 1), JSON.stringify(checker.lastWork));
  });

  it('after a changed env default, re-checks the env family and leaves families that read no env facts alone', () => {
    const source = readFileSync(join(ROOT, CONFIG_GO), 'utf8');
    const changed = source.replace('default:"platform"', 'default:"platform-v2"');
    assert.notEqual(changed, source);
    index.applyChange(CONFIG_GO, changed);
    const result = check(text);
    assert.ok((checker.lastWork.env ?? 0) > 0, JSON.stringify(checker.lastWork));
    for (const family of ['version', 'rpc', 'path', 'service'] as const) assert.equal(checker.lastWork[family], 0, `${family} re-ran: ${JSON.stringify(checker.lastWork)}`);
    assert.ok(result.diagnostics.some((d) => d.code === 'env-default' && /platform-v2/.test(d.message)), 'the new default is judged');
  });
});

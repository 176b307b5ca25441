import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ContainerFact } from '../../server/src/engine/types';
import { GO_FIXTURES, lineAt, lineOf, loadWorkspace, sliceOf, type LoadedWorkspace } from './go-workspace';

const SANDBOX = 'services/bot-runner/internal/sandbox/sandbox.go';
const MAIN = 'services/bot-runner/cmd/bot-runner/main.go';
const LIMITS = 'libs/platform/limits/limits.go';

describe('Go index: Docker container settings', () => {
  let ws: LoadedWorkspace;
  before(async () => {
    ws = await loadWorkspace(join(GO_FIXTURES, 'quill'));
  });

  const facts = (setting: string): ContainerFact[] => ws.snapshot.container.filter((c) => c.setting === setting);
  const valuesOf = (setting: string) => facts(setting).map((c) => c.value);

  it('reads Config and HostConfig literals, nested Resources and conversions', () => {
    assert.deepEqual(valuesOf('User'), ['10001:10001']);
    assert.deepEqual(valuesOf('AutoRemove'), [true]);
    assert.deepEqual(valuesOf('ReadonlyRootfs'), [true]);
    assert.deepEqual(valuesOf('NetworkMode'), ['none']);
    assert.deepEqual(valuesOf('CapDrop'), [['ALL']]);
    assert.deepEqual(valuesOf('Tmpfs'), [['/tmp:rw,noexec,size=64m', '/run']]);
    const cpus = facts('NanoCPUs').filter((f) => f.loc.path === SANDBOX);
    assert.deepEqual(cpus.map((c) => c.value), [500000000]);
    assert.equal(cpus[0].source, 'int64(0.5 * 1e9)');
  });

  it('folds sizes written with constants of another module', () => {
    const memory = facts('Memory');
    assert.deepEqual(memory.map((m) => m.value), [512 * 1024 * 1024]);
    assert.equal(memory[0].source, 'limits.BotMemory');
    assert.equal(sliceOf(ws.text(SANDBOX), memory[0].loc), 'limits.BotMemory');
    assert.deepEqual(facts('MemorySwap').filter((f) => f.loc.path === SANDBOX).map((f) => f.value), [512 * 1024 * 1024]);
  });

  it('records field assignments, appends and pointer helpers', () => {
    const text = ws.text(SANDBOX);
    assert.deepEqual(valuesOf('CPUPeriod'), [100000]);
    assert.deepEqual(valuesOf('CPUQuota'), [50000]);
    assert.deepEqual(valuesOf('CapAdd'), [['NET_BIND_SERVICE']]);
    assert.equal(lineAt(facts('CapAdd')[0].loc), lineOf(text, 'hc.CapAdd = append'));
    assert.deepEqual(valuesOf('PidsLimit').sort(), [128, 64].sort());
  });

  it('reads builder methods at their call sites, with the argument the caller passes', () => {
    const text = ws.text(SANDBOX);
    const seccomp = facts('SecurityOpt').find((f) => String(f.value).startsWith('seccomp='));
    assert.deepEqual(seccomp?.value, ['seccomp=/etc/quill/seccomp-bot.json']);
    assert.equal(seccomp?.loc.path, SANDBOX);
    assert.equal(sliceOf(text, seccomp!.loc), 'seccompProfile');
    const pids = facts('PidsLimit').find((f) => f.value === 64)!;
    assert.equal(sliceOf(text, pids.loc), 'limits.BotPids');
    assert.deepEqual(valuesOf('SecurityOpt'), [['no-new-privileges:true'], ['seccomp=/etc/quill/seccomp-bot.json']]);
  });

  it('folds float and shifted constants assigned inside builder methods', () => {
    const hardening = 'services/bot-runner/internal/sandbox/hardening.go';
    const here = (setting: string) => facts(setting).filter((f) => f.loc.path === hardening);
    assert.deepEqual(here('NanoCPUs').map((f) => [f.value, f.source]), [[500000000, '1e9 / 2']]);
    assert.deepEqual(here('MemorySwap').map((f) => [f.value, f.source]), [[512 * 1024 * 1024, '512 << 20']]);
  });

  it('follows a parameter through two calls to the constant the program starts with', () => {
    const image = facts('Image');
    assert.deepEqual(image.map((i) => i.value), ['ghcr.io/quill/bot:1.8.0']);
    assert.equal(image[0].loc.path, MAIN);
    assert.equal(sliceOf(ws.text(MAIN), image[0].loc), 'botImage');
  });

  it('keeps run-time parts of a bind as wildcards', () => {
    assert.deepEqual(valuesOf('Binds'), [['*:/data:ro']]);
  });

  it('ignores assignments whose value nothing known feeds', () => {
    // NoSwap copies one field into another; neither is a constant.
    const noSwap = lineOf(ws.text('services/bot-runner/internal/sandbox/hardening.go'), 'h.hc.MemorySwap = h.hc.Memory');
    assert.equal(ws.snapshot.container.some((c) => c.loc.path.endsWith('hardening.go') && lineAt(c.loc) === noSwap), false);
  });

  it('recomputes values when a constant in another module changes', async () => {
    const local = await loadWorkspace(join(GO_FIXTURES, 'quill'));
    local.index.applyChange(LIMITS, local.text(LIMITS).replace('BotMemory = 512 * MiB', 'BotMemory = 768 * MiB'));
    const memory = local.index.snapshot().container.filter((c) => c.setting === 'Memory');
    assert.deepEqual(memory.map((m) => m.value), [768 * 1024 * 1024]);
  });
});

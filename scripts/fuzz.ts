// `npm run fuzz -- [--runs 20000] [--seed N] [--only TEXT] [--huge-line CHARS] [--shrink-seconds S] [--out FILE]`
// Runs the robustness properties of test/robustness far longer than the test suite does, in
// chunks with their own seeds, so one crash does not end the run. Prints the cases tried and the
// distinct crashes per property, with the smallest input that reproduces each one.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LIMITS } from '../test/robustness/support/arbitraries';
import { createContext, PROPERTIES, runProperty } from '../test/robustness/support/properties';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    only: { type: 'string' },
    'huge-line': { type: 'string', default: '20000' },
    chunk: { type: 'string', default: '200' },
    'shrink-seconds': { type: 'string', default: '20' },
    out: { type: 'string' },
  },
});

const totalRuns = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const chunk = Math.max(1, Number(values.chunk));
LIMITS.hugeLine = Number(values['huge-line']);

interface Crash {
  property: string;
  signature: string;
  seed: number;
  counterexample: string;
  error: string;
  times: number;
}

/** The first line of an error without quoted text and numbers, so one bug met twice counts once. */
function signature(error: string): string {
  const first = error.split('\n').find((l) => l.trim()) ?? error;
  // A range invariant: which rule, diagnostic or fix, and what is wrong, whatever the doc said.
  const range = /^(?:\w*Error: )?(diagnostic|fix ".*" of) (\S+) .*: (start|end) (line|character) \d+ is outside/.exec(first);
  if (range) return `${range[1] === 'diagnostic' ? 'diagnostic' : 'fix edit'} of ${range[2]}: ${range[3]} ${range[4]} outside the text`;
  return first
    .replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 200);
}

async function main(): Promise<number> {
  const props = PROPERTIES.filter((p) => !values.only || p.name.includes(values.only));
  if (!props.length) throw new Error(`no property matches "${values.only}"`);
  const share = props.reduce((n, p) => n + p.runs, 0);
  console.log(`doc-truth fuzz: seed ${seed}, ${totalRuns} cases over ${props.length} properties, huge lines up to ${LIMITS.hugeLine} characters`);
  const ctx = await createContext();
  const started = Date.now();
  const rows: { name: string; runs: number; crashes: number; known?: string; ms: number }[] = [];
  const crashes: Crash[] = [];

  for (const [pi, prop] of props.entries()) {
    const target = Math.max(1, Math.round((totalRuns * prop.runs) / share));
    const t0 = Date.now();
    const found = new Map<string, Crash>();
    let tried = 0;
    for (let c = 0; tried < target; c++) {
      const chunkSeed = (seed + pi * 1_000_003 + c * 7_919) % 2 ** 31;
      const outcome = await runProperty(prop, ctx, chunkSeed, Math.min(chunk, target - tried), Number(values['shrink-seconds']) * 1000);
      tried += outcome.runs;
      for (const f of outcome.failures) {
        const sig = signature(f.error);
        const seen = found.get(sig);
        if (seen) seen.times++;
        else found.set(sig, { property: prop.name, signature: sig, seed: f.seed, counterexample: f.counterexample, error: f.error, times: 1 });
      }
      if (outcome.runs === 0) break;
    }
    const ms = Date.now() - t0;
    rows.push({ name: prop.name, runs: tried, crashes: found.size, known: prop.knownBug, ms });
    crashes.push(...found.values());
    console.log(`  ${found.size ? 'CRASH' : 'ok   '} ${prop.name}: ${tried} cases, ${found.size} distinct crash(es)${prop.knownBug ? ' [known bug]' : ''} in ${(ms / 1000).toFixed(1)} s`);
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\nproperty${' '.repeat(width - 8)}  cases  crashes`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.runs).padStart(5)}  ${String(r.crashes).padStart(7)}${r.known ? '  (known bug)' : ''}`);
  const unknown = crashes.filter((c) => !props.find((p) => p.name === c.property)?.knownBug);
  console.log(`\ncases tried: ${rows.reduce((n, r) => n + r.runs, 0)} in ${((Date.now() - started) / 1000).toFixed(0)} s, seed ${seed}`);
  console.log(`crashes: ${unknown.length}${crashes.length > unknown.length ? ` (+${crashes.length - unknown.length} from known bugs)` : ''}`);
  for (const c of crashes) {
    console.log(`\n--- ${c.property} (seen ${c.times}x, chunk seed ${c.seed})\n${c.error.split('\n').slice(0, 12).join('\n')}\nsmallest input: ${c.counterexample.slice(0, 1500)}`);
  }
  if (values.out) writeFileSync(values.out, `${JSON.stringify({ seed, rows, crashes }, null, 2)}\n`);
  return unknown.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);

// Property tests over the engine's entry points: the index, the check, fix application and the
// CLI, each fed generated and mutated inputs from a fixed seed, so a failure reproduces exactly.
// `npm run fuzz` runs the same properties far longer, with any seed.
import { createContext, PROPERTIES, runProperty, type FuzzContext, type PropertyOutcome } from './support/properties';

/** Fixed, so every run of the suite tries the same cases; change it to explore, or use `npm run fuzz`. */
const SEED = 20_241_127;
const KNOWN_BUGS = process.env.DOC_TRUTH_KNOWN_BUGS === '1';

describe('robustness properties', function () {
  this.timeout(120_000);
  let ctx: FuzzContext;
  const outcomes: PropertyOutcome[] = [];

  before(async () => {
    ctx = await createContext();
  });

  after(() => {
    if (!outcomes.length) return;
    const width = Math.max(...outcomes.map((o) => o.name.length));
    const lines = outcomes.map((o) => `    ${o.name.padEnd(width)}  ${String(o.runs).padStart(4)} cases  ${o.failures.length ? 'FAILED' : 'ok'}`);
    const crashes = outcomes.reduce((n, o) => n + o.failures.length, 0);
    console.log(`\n  robustness figures (seed ${SEED}):\n${lines.join('\n')}\n    ${outcomes.reduce((n, o) => n + o.runs, 0)} cases, crashes: ${crashes}\n`);
  });

  for (const [i, prop] of PROPERTIES.entries()) {
    const define = prop.knownBug && !KNOWN_BUGS ? it.skip : it;
    define(prop.knownBug ? `KNOWN BUG (set DOC_TRUTH_KNOWN_BUGS=1 to run): ${prop.name}` : prop.name, async () => {
      const outcome = await runProperty(prop, ctx, SEED + i, prop.runs);
      outcomes.push(outcome);
      const f = outcome.failures[0];
      if (f) throw new Error(`${prop.name}: failed after ${outcome.runs} case(s) (seed ${f.seed}).\nSmallest failing input: ${f.counterexample}\n${f.error}`);
    });
  }
});

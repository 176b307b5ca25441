// Reads `.env.example`-style files: KEY=value lines, `export` prefixes, quotes and comments.
import type { DotenvEntry } from '../engine/types';

/** Files whose variables document the environment (real `.env` files hold secrets and are skipped). */
export function isDotenvExample(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /^\.env\.(example|sample|template|dist|defaults)$/i.test(base) || /^(example|sample)\.env$/i.test(base);
}

export function parseDotenv(path: string, text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, line) => {
    const m = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\r?$/.exec(raw);
    if (!m) return;
    const [, lead, name, rest] = m;
    let value = rest.trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.lastIndexOf(q) > 0) value = value.slice(1, value.lastIndexOf(q));
    else value = value.replace(/\s+#.*$/, '');
    out.push({ name, value, loc: { path, range: { start: { line, character: lead.length }, end: { line, character: lead.length + name.length } } } });
  });
  return out;
}

// Reading fixture folders in tests: every file under a folder (node_modules left out), in the
// order the file system lists them, as paths or as a relative path → text map.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : filesUnder(p);
    return [p];
  });
}

/** Every file under `dir` by its `/`-separated path relative to `dir`. */
export function loadTree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(dir).map((p) => [relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8')]));
}

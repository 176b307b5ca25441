// Reads go.mod files: module path, go and toolchain directives, requires (direct and indirect) and
// replaces, each with the exact range of its version so a fix can point at it.
import type { GoModule, GoReplace, GoRequire, SourceLocation } from '../engine/types';

export function parseGoMod(path: string, text: string): GoModule {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const mod: GoModule = { dir, modulePath: '', requires: [], replaces: [], text, path };
  // Lines end where LSP says they do: at \r\n, \n or a lone \r.
  const lines = text.split(/\r\n|\r|\n/);
  let block: string | undefined;
  lines.forEach((rawLine, line) => {
    const withoutCr = rawLine.replace(/\r$/, '');
    const comment = withoutCr.indexOf('//');
    const code = comment >= 0 ? withoutCr.slice(0, comment) : withoutCr;
    const indirect = comment >= 0 && /\bindirect\b/.test(withoutCr.slice(comment));
    const trimmed = code.trim();
    if (!trimmed) return;
    if (block) {
      if (trimmed === ')') {
        block = undefined;
        return;
      }
      directive(block, trimmed, code, line, indirect);
      return;
    }
    const m = /^(\w+)\s*(.*)$/.exec(trimmed);
    if (!m) return;
    const [, verb, rest] = m;
    if (rest.trim() === '(') {
      block = verb;
      return;
    }
    directive(verb, rest.trim(), code, line, indirect);
  });
  return mod;

  function loc(line: number, code: string, token: string, from = 0): SourceLocation {
    const at = code.indexOf(token, from);
    const character = at < 0 ? 0 : at;
    return { path, range: { start: { line, character }, end: { line, character: character + (at < 0 ? code.length : token.length) } } };
  }

  function directive(verb: string, args: string, code: string, line: number, indirect: boolean): void {
    const words = args.split(/\s+/).filter(Boolean).map(unquote);
    switch (verb) {
      case 'module':
        mod.modulePath = words[0] ?? '';
        break;
      case 'go':
        if (words[0]) mod.go = { version: words[0], loc: loc(line, code, words[0], code.indexOf('go') + 2) };
        break;
      case 'toolchain':
        if (words[0]) mod.toolchain = { version: words[0], loc: loc(line, code, words[0], code.indexOf('toolchain') + 9) };
        break;
      case 'require': {
        const [p, v] = words;
        if (p && v) {
          const req: GoRequire = { path: p, version: v, indirect, loc: loc(line, code, v, code.indexOf(p) + p.length) };
          mod.requires.push(req);
        }
        break;
      }
      case 'replace': {
        const arrow = words.indexOf('=>');
        if (arrow < 0) break;
        const left = words.slice(0, arrow);
        const right = words.slice(arrow + 1);
        const rep: GoReplace = { from: left[0], fromVersion: left[1], to: right[0], toVersion: right[1], loc: loc(line, code, right[right.length - 1] ?? '') };
        mod.replaces.push(rep);
        break;
      }
      default:
        break;
    }
  }
}

function unquote(s: string): string {
  return /^".*"$/.test(s) || /^`.*`$/.test(s) ? s.slice(1, -1) : s;
}

/** go.work: the `use` folders, so a workspace of modules is read as one. */
export function parseGoWork(text: string): string[] {
  const uses: string[] = [];
  let inUse = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (inUse) {
      if (line === ')') inUse = false;
      else uses.push(unquote(line));
    } else if (/^use\s*\($/.test(line)) inUse = true;
    else if (/^use\s+/.test(line)) uses.push(unquote(line.slice(3).trim()));
  }
  return uses.map((u) => u.replace(/^\.\/?/, '').replace(/\/$/, ''));
}

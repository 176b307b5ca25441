// Argument lists of `.Name(...)` calls, for settings applied through builder methods (the value is
// the argument at each call site). Scanning forty megabytes of Go for one name costs more than a
// keystroke may, and after a warm start it would read every file: the calls are asked per file
// content and name (a ContentQueryIndex), and the fact cache keeps them between runs.

export function scanSelectorCalls(text: string, name: string): string[][] {
  const calls: string[][] = [];
  const re = new RegExp(String.raw`\.\s*${name}\(`, 'g');
  for (let m; (m = re.exec(text)); ) {
    const args = splitArgs(text, m.index + m[0].length);
    if (args) calls.push(args);
  }
  return calls;
}

function splitArgs(text: string, from: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = from; i < text.length && i < from + 2000; i++) {
    const ch = text[i];
    if (ch === '"' || ch === '`') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return undefined;
      cur += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) {
        if (cur.trim()) args.push(cur.trim());
        return args;
      }
      depth--;
    }
    if (ch === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  return undefined;
}

// fast-check generators for the inputs doc-truth meets in the wild: Markdown made of runtime-doc
// fragments (tables with missing cells, unterminated fences, CRLF, BOM, huge lines, lone
// surrogates) and mutated sources (truncated, characters deleted or inserted, lines duplicated).
import fc from 'fast-check';
import { GO_SNIPPETS, GOMOD_SNIPPETS, OTHER_SNIPPETS, PROTO_SNIPPETS, SOURCE_SEEDS, TOKENS, WORDS, trueDocText } from './seeds';

/** Characters that end, open or confuse tokens in Markdown, Go and proto, plus broken UTF-16. */
const NASTY = [
  '`',
  '``',
  '```',
  '~~~',
  '|',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\uD83D',
  '😀',
  'é',
  '\u200B',
  '\u2028',
  '\0',
  '{',
  '}',
  '(',
  ')',
  ';',
  '"',
  "'",
  '<!--',
  '-->',
  '<!-- doc-truth-disable-next-line -->',
  '\\',
  '#',
  '- ',
  '> ',
  '*',
  '_',
  '[',
  ']',
  '//',
  '/*',
  '*/',
  '=',
  ':',
  '0x',
];

const word = fc.constantFrom(...WORDS);
const token = fc.constantFrom(...TOKENS);
const randomText = fc.string({ maxLength: 24, unit: 'binary' });

const inlineCode = fc.oneof({ weight: 5, arbitrary: token }, { weight: 1, arbitrary: randomText }).map((t) => `\`${t}\``);

const sentence = fc
  .array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 3, arbitrary: inlineCode }, { weight: 1, arbitrary: token }, { weight: 1, arbitrary: fc.constantFrom(...NASTY) }), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.join(' '));

const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), sentence).map(([depth, text]) => `${'#'.repeat(depth)} ${text}`);

const cell = fc.oneof({ weight: 4, arbitrary: inlineCode }, { weight: 3, arbitrary: token }, { weight: 2, arbitrary: sentence }, { weight: 1, arbitrary: fc.constant('') });

/** Tables whose rows may have fewer or more cells than the header, as hand-edited tables do. */
const table = fc
  .record({
    header: fc.array(fc.oneof(word, fc.constantFrom('Variable', 'Default', 'Module', 'Version', 'Subject', 'Service', 'Setting', 'Value')), { minLength: 1, maxLength: 5 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { maxLength: 6 }),
    outerPipes: fc.boolean(),
    align: fc.constantFrom('---', ':--', '--:', ':-:', '-'),
  })
  .map(({ header, rows, outerPipes, align }) => {
    const row = (cells: string[]) => (outerPipes ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    return [row(header), row(header.map(() => align)), ...rows.map(row)].join('\n');
  });

const listItem = fc.tuple(fc.constantFrom('- ', '* ', '1. ', '  - ', '- [ ] '), sentence).map(([bullet, text]) => bullet + text);
const list = fc.array(listItem, { minLength: 1, maxLength: 6 }).map((items) => items.join('\n'));

const fenceBody = fc.oneof(
  fc.constantFrom(...GO_SNIPPETS).map((text) => ({ lang: 'go', text })),
  fc.constantFrom(...PROTO_SNIPPETS).map((text) => ({ lang: 'proto', text })),
  fc.constantFrom(...GOMOD_SNIPPETS).map((text) => ({ lang: 'go.mod', text })),
  fc.tuple(fc.constantFrom(...OTHER_SNIPPETS), fc.constantFrom('yaml', 'text', 'env', 'json', '')).map(([text, lang]) => ({ lang, text })),
);

/** Fenced blocks, sometimes left open to the end of the document, sometimes with mutated bodies. */
const fence = fc
  .record({ body: fenceBody, fenceChars: fc.constantFrom('```', '~~~', '````'), terminated: fc.boolean(), indent: fc.constantFrom('', '  '), mutations: fc.array(mutation(), { maxLength: 3 }) })
  .map(({ body, fenceChars, terminated, indent, mutations }) => {
    const text = applyMutations(body.text, mutations);
    return [`${indent}${fenceChars}${body.lang}`, text, ...(terminated ? [`${indent}${fenceChars}`] : [])].join('\n');
  });

const comment = fc.constantFrom(
  '<!-- doc-truth-disable-next-line -->',
  '<!-- doc-truth-disable-next-line env-default -->',
  '<!-- doc-truth-disable env -->',
  '<!-- doc-truth-enable -->',
  '<!-- doc-truth-disable',
  '<!-- source: internal/courier/bus.go -->',
  '<!-- doc-truth-disable-next-line version-* nats- -->',
);

/** Bounds the fuzzer can raise for longer runs; the test suite keeps them small to stay fast. */
export const LIMITS = { hugeLine: 4_000 };

const quote = sentence.map((s) => `> ${s}`);
const hugeLine = fc
  .tuple(fc.integer({ min: 1, max: 1000 }), fc.constantFrom('x', '`', '|', 'a ', '`DISPATCH_MAX_BATCH` ', 'v1.36.0 ', 'é😀'))
  .map(([k, unit]) => unit.repeat(Math.ceil((LIMITS.hugeLine * k) / 1000 / unit.length)));
const trueDocLine = fc.nat().map((i) => {
  const lines = trueDocText().split('\n');
  return lines[i % lines.length];
});

const fragment = fc.oneof(
  { weight: 3, arbitrary: heading },
  { weight: 4, arbitrary: sentence },
  { weight: 4, arbitrary: table },
  { weight: 3, arbitrary: list },
  { weight: 3, arbitrary: fence },
  { weight: 1, arbitrary: comment },
  { weight: 1, arbitrary: quote },
  { weight: 3, arbitrary: trueDocLine },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: fc.constantFrom(...NASTY) }) },
);

export interface DocShape {
  crlf: boolean;
  bom: boolean;
  trailingNewline: boolean;
}

const shape: fc.Arbitrary<DocShape> = fc.record({ crlf: fc.boolean(), bom: fc.boolean(), trailingNewline: fc.boolean() });

export function withShape(text: string, s: DocShape): string {
  let out = text.replace(/\r\n/g, '\n');
  if (s.crlf) out = out.replace(/\n/g, '\r\n');
  if (s.trailingNewline && !out.endsWith('\n')) out += s.crlf ? '\r\n' : '\n';
  return (s.bom ? '\uFEFF' : '') + out;
}

/** A Markdown document assembled from runtime-doc fragments. */
export const generatedDoc: fc.Arbitrary<string> = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 16 }), fc.constantFrom('\n', '\n\n'), shape, fc.option(hugeLine, { freq: 12 }))
  .map(([parts, sep, s, huge]) => withShape([...parts, ...(huge ? [huge] : [])].join(sep), s));

// ------------------------------------------------------------------ mutations

export type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate-line'; line: number }
  | { op: 'delete-line'; line: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'truncate'; at: number };

export function mutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 24 }) }) },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.oneof(fc.constantFrom(...NASTY), fc.constantFrom(...TOKENS), fc.string({ maxLength: 8, unit: 'binary' })),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate-line' as const), line: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete-line' as const), line: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  );
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const lines = out.split('\n');
    const at = (n: number) => (out.length === 0 ? 0 : n % (out.length + 1));
    switch (m.op) {
      case 'delete': {
        const s = at(m.at);
        out = out.slice(0, s) + out.slice(s + m.len);
        break;
      }
      case 'insert': {
        const s = at(m.at);
        out = out.slice(0, s) + m.text + out.slice(s);
        break;
      }
      case 'duplicate-line': {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]);
        out = lines.join('\n');
        break;
      }
      case 'delete-line':
        lines.splice(m.line % lines.length, 1);
        out = lines.join('\n');
        break;
      case 'swap-lines': {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b], lines[a]];
        out = lines.join('\n');
        break;
      }
      case 'truncate':
        out = out.slice(0, at(m.at));
        break;
    }
  }
  return out;
}

/** A seed text with a handful of mutations applied. */
export function mutated(seed: string | fc.Arbitrary<string>, maxMutations = 6): fc.Arbitrary<string> {
  const base = typeof seed === 'string' ? fc.constant(seed) : seed;
  return fc.tuple(base, fc.array(mutation(), { minLength: 1, maxLength: maxMutations })).map(([text, ms]) => applyMutations(text, ms));
}

/** The true doc, mutated and reshaped: claims stay recognisable, their surroundings break. */
export const mutatedTrueDoc: fc.Arbitrary<string> = fc.tuple(mutated(fc.constant(0).map(() => trueDocText()), 8), shape).map(([t, s]) => withShape(t, s));

/** Any doc: generated from fragments or a mutated true doc. */
export const anyDoc: fc.Arbitrary<string> = fc.oneof(generatedDoc, mutatedTrueDoc);

/** One source file of the workspace, mutated (or, now and then, left alone). */
export const mutatedSource: fc.Arbitrary<{ path: string; text: string }> = fc
  .tuple(fc.nat({ max: SOURCE_SEEDS.length - 1 }), fc.array(mutation(), { maxLength: 8 }), fc.boolean())
  .map(([i, ms, crlf]) => {
    const seed = SOURCE_SEEDS[i];
    const text = applyMutations(seed.text, ms);
    return { path: seed.path, text: crlf ? text.replace(/\n/g, '\r\n') : text };
  });

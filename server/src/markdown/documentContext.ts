// What a claim may depend on beyond its own section: the document's headings (which service a
// section speaks about, whether the title is an umbrella) and the services a compose file in the
// doc declares. Rules read nothing else across sections, so an edit that leaves this context as it
// was re-checks only the sections it touched; one that changes it re-checks them all.
import type { Code, Heading, Nodes, Root } from 'mdast';
import { memoize } from '../engine/memo';
import type { DocModel } from './docModel';
import type { ParsedSection } from './sectionCache';

interface SectionContext {
  /** Each heading's depth and source text, one per line. */
  headings: string;
  composeServices: readonly string[];
}

/** A string that changes whenever the document context does. */
export function documentContextKey(sections: readonly ParsedSection[]): string {
  return sections.map((s) => contextOf(s.tree, s.text)).map((c) => `${c.headings}\u0000${c.composeServices.join(' ')}`).join('\u0001');
}

/** Service names of ```yaml compose files anywhere in the doc: "the `bot` service" may mean one of them. */
export function composeServiceNames(doc: DocModel): ReadonlySet<string> {
  return composeNamesOf(doc);
}

const composeNamesOf = memoize((doc: DocModel): ReadonlySet<string> => new Set(doc.parsedSections.flatMap((s) => contextOf(s.tree, s.text).composeServices)));

// Section trees are cached by their text, so what a tree contributes is worked out once.
const contexts = new WeakMap<Root, SectionContext>();

function contextOf(tree: Root, text: string): SectionContext {
  let c = contexts.get(tree);
  if (!c) contexts.set(tree, (c = readContext(tree, text)));
  return c;
}

function readContext(tree: Root, text: string): SectionContext {
  const headings: string[] = [];
  const composeServices: string[] = [];
  const visit = (n: Nodes): void => {
    if (n.type === 'heading') headings.push(`${(n as Heading).depth} ${text.slice(n.position?.start.offset ?? 0, n.position?.end.offset ?? 0)}`);
    else if (n.type === 'code') composeServices.push(...composeServicesIn(n as Code));
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(tree);
  return { headings: headings.join('\n'), composeServices };
}

function composeServicesIn(code: Code): string[] {
  if (!/^ya?ml$/i.test(code.lang ?? '') || !/^services:\s*$/m.test(code.value)) return [];
  return [...code.value.matchAll(/^ {2}([A-Za-z0-9_.-]+):\s*$/gm)].map((m) => m[1]);
}

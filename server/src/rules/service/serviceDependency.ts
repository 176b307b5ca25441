// service-dependency: a sentence that says a service does not use a backing system ("the alerter
// keeps nothing in MongoDB", "bot-scheduler never talks to Docker") while its code, or a workspace
// package it imports, uses that system's client library.
import type { Rule } from '../rule';
import { BACKENDS, backendsOfService } from '../../index/backends';
import { servicesNamedIn, where } from '../../markdown/claims';

const NEGATION = /\b(keeps nothing in|stores nothing in|writes nothing to|persists nothing (?:to|in)|does ?n[o']t (?:use|need|touch|talk to|connect to|depend on|write to|read from|access)|never (?:uses|needs|touches|talks to|connects to|writes to|reads from)|has no (?:dependency on|connection to|access to))\b/gi;

export const serviceDependency: Rule = {
  id: 'service-dependency',
  family: 'service',
  description: 'A service the doc says does not use a backing system (MongoDB, NATS, MinIO, Docker...) does not use it in its code.',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    for (const block of ctx.doc.blocks) {
      if (block.kind !== 'paragraph' && block.kind !== 'list-item') continue;
      const raw = ctx.doc.text.slice(block.start, block.end);
      for (const sentence of raw.matchAll(/[^.!?]+[.!?]?/g)) {
        const text = sentence[0];
        const services = servicesNamedIn(text, ctx.index);
        if (services.length !== 1) continue;
        for (const neg of text.matchAll(NEGATION)) {
          const after = text.slice(neg.index! + neg[0].length, neg.index! + neg[0].length + 60);
          const backend = BACKENDS.find((b) => b.words.test(after.split(/[,;:]|\band\b|\bbut\b/)[0]));
          if (!backend) continue;
          const used = backendsOfService(ctx.index, services[0]);
          const word = backend.words.exec(after)!;
          const start = block.start + sentence.index! + neg.index!;
          const end = block.start + sentence.index! + neg.index! + neg[0].length + word.index + word[0].length;
          const range = ctx.doc.range(start, end);
          const use = used.get(backend.name);
          ctx.claimChecked({ range, sources: use ? [use.loc] : [] });
          if (!use) continue;
          ctx.report({
            range,
            message: `Doc says ${services[0].name} ${neg[0].toLowerCase()} ${backend.name}; its code uses ${backend.name}${use.via ? ` through \`${use.via}\`` : ''} (${where(use.loc)}).`,
            sources: [{ loc: use.loc, message: `imports ${use.via ?? backend.name}` }],
          });
        }
      }
    }
  },
};

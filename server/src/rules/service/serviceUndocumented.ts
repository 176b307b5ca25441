// service-undocumented: a runnable service (a main package, a module with a main, a subcommand)
// that a document about the platform's services never mentions. A question about the whole
// document: each section's mentions are read once, and kept while the section is unchanged.
import type { DocumentRule } from '../rule';
import { serviceMentionsIn, undocumentedServices, type ServiceMentions } from './serviceAnalysis';

export const serviceUndocumented: DocumentRule<ServiceMentions> = {
  id: 'service-undocumented',
  family: 'service',
  description: 'A runnable service of the workspace is never mentioned by a document that describes the services.',
  defaultSeverity: 'warning',
  fixable: false,
  summarize: (ctx) => serviceMentionsIn(ctx.doc, ctx.index, ctx.span),
  judge(ctx, sections) {
    const { claims, finding } = undocumentedServices(ctx.doc, ctx.index, sections.map((s) => s.summary));
    for (const range of claims) ctx.claimChecked({ range });
    if (finding) ctx.report(finding);
  },
};

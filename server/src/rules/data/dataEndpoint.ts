// data-endpoint: HTTP routes the doc says are served (`/livez`, `/readyz`, `/metrics`) and listen
// ports it gives (`:9091`), against the routes the code registers and the addresses it listens on
// (including the defaults of address settings).
import type { DataFact, Finding, Fix, SourceLocation } from '../../engine/types';
import type { IndexSnapshot, ServiceInfo } from '../../index/snapshot';
import type { BlockRef } from '../../markdown/docModel';
import type { Rule, RuleContext } from '../rule';
import { inServiceScope, serviceForBlock, where } from '../../markdown/claims';
import { headingContext, isNearMiss, listOf, nearest, sentenceAt } from './dataClaims';
import { canonical, patternsMatch } from './patterns';

const ROUTE = /^(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+)?(\/[A-Za-z0-9_\-./{}:<>*~]*)$/;
/** First segments of filesystem paths, which docs also write with a leading slash. */
const FS_ROOTS = new Set(['tmp', 'etc', 'var', 'usr', 'home', 'opt', 'dev', 'proc', 'sys', 'run', 'bin', 'sbin', 'lib', 'lib64', 'mnt', 'srv', 'root', 'data', 'out', 'in', 'workspace', 'app', 'firmware', 'config', 'certs', 'secrets', 'cache', 'scratch', 'media', 'boot', 'nix']);
const ROUTE_WORDS = /\b(serves?|served|serving|expose[sd]?|exposing|endpoints?|routes?|handlers?|probes?|liveness|readiness|answers|responds|scrape[sd]?|GET|POST|PUT|DELETE|HTTP)\b/i;
const ROUTE_HEADINGS = /health|probe|endpoint|route|http|metrics|observability|monitoring|\bapi\b/i;
const ROUTE_HEADER = /^(routes?|paths?|endpoints?|urls?|http routes?)$/;

const PORT = /^(|0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\]|\[::1\]|::):(\d{2,5})$/;
const LISTEN_WORDS = /\b(listen(s|ing)?|serves?|served|serving|binds?|bound|ports?|probes?)\b/i;
const LISTEN_HEADER = /^(ports?|listen|listen addr(ess)?|addr(ess)?|grpc|http|probes?|health|metrics|admin|grpc port|http port|health port)$/;
const ADDR_ENV = /ADDR|PORT|LISTEN|BIND/;

export const dataEndpoint: Rule = {
  id: 'data-endpoint',
  family: 'data',
  description: 'An HTTP route or listen port the doc gives is not one the code serves.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const routes = ctx.index.data.filter((d) => d.kind === 'http-route');
    const ports = ctx.index.derive('data:known-ports', knownPorts);
    for (const block of ctx.doc.blocks) {
      for (const ic of block.inlineCodes) {
        const route = ROUTE.exec(ic.value);
        if (route && routes.length) checkRoute(ctx, block, ic.start, ic.end, route[2], routes, route[1]);
        const port = PORT.exec(ic.value);
        if (port && ports.length) checkPort(ctx, block, ic.start, ic.end, port[2], ports);
      }
    }
  },
};

// ---------------------------------------------------------------- routes

function routeOf(fact: DataFact): string {
  // `example.com/x` patterns carry a host; the doc gives the path.
  const v = fact.value.startsWith('/') ? fact.value : fact.value.slice(fact.value.indexOf('/'));
  return v;
}

function trimSlash(r: string): string {
  return r.length > 1 ? r.replace(/\/+$/, '') : r;
}

function served(claim: string, facts: readonly DataFact[]): DataFact[] {
  const c = trimSlash(claim);
  return facts.filter((f) => {
    const r = routeOf(f);
    if (patternsMatch(c, trimSlash(r))) return true;
    // A ServeMux pattern ending in a slash serves its whole subtree.
    return r.length > 1 && r.endsWith('/') && (c + '/').startsWith(r);
  });
}

function isRouteClaim(ctx: RuleContext, block: BlockRef, start: number, route: string): boolean {
  const first = route.split('/')[1] ?? '';
  if (!first || FS_ROOTS.has(first.toLowerCase())) return false;
  // `/openapi.json` aside, a dotted last segment is a file, not a route.
  if (/\.[a-z0-9]{1,5}$/i.test(route) && !/\/[\w-]+\.(json|yaml)$/.test(route)) return false;
  if (block.kind === 'table-cell' && block.table && block.column !== undefined && ROUTE_HEADER.test(block.table.header[block.column] ?? '')) return true;
  return ROUTE_WORDS.test(sentenceAt(ctx.doc, block, start)) || ROUTE_HEADINGS.test(headingContext(ctx.doc, start));
}

function checkRoute(ctx: RuleContext, block: BlockRef, start: number, end: number, route: string, routes: DataFact[], method?: string): void {
  if (!method && !isRouteClaim(ctx, block, start, route)) return;
  const range = ctx.doc.range(end - route.length, end);
  ctx.claimChecked({ range });
  const service = serviceForBlock(ctx.doc, ctx.index, block);
  const scoped = inServiceScope(routes, ctx.index, service);
  const hits = served(route, scoped);
  if (hits.length) {
    // `POST /x` where the code only answers GET: a route without a method accepts any.
    const methods = hits.map((h) => h.detail);
    if (method && !methods.some((m) => !m || m === method)) {
      ctx.report({
        range: ctx.doc.range(start, start + method.length),
        message: `Doc says \`${route}\` answers ${method}; the code registers it for ${[...new Set(methods)].join(', ')} only (${where(hits[0].loc)}).`,
        sources: hits.slice(0, 3).map((f) => ({ loc: f.loc, message: `${f.detail ?? ''} ${f.value}`.trim() })),
        fixes: methods.length === 1 ? [{ title: `Change to ${methods[0]}`, edits: [{ range: ctx.doc.range(start, start + method.length), newText: methods[0]! }], isPreferred: true }] : undefined,
      });
    }
    return;
  }
  const elsewhere = served(route, routes);
  if (elsewhere.length && service) {
    ctx.report({
      range,
      severity: 'warning',
      message: `Doc says ${service.name} serves \`${route}\`; only other services register it (${where(elsewhere[0].loc)}).`,
      sources: elsewhere.slice(0, 3).map((f) => ({ loc: f.loc, message: `route \`${f.value}\`` })),
    });
    return;
  }
  if (elsewhere.length) return;
  const pool = scoped.length ? scoped : routes;
  const near = nearest(canonical(trimSlash(route)), pool.map((f) => canonical(trimSlash(routeOf(f)))));
  const nearFact = near ? pool.find((f) => canonical(trimSlash(routeOf(f))) === near.value) : undefined;
  const fixes: Fix[] = [];
  if (near && nearFact && isNearMiss(route, near) && !route.includes('{') && !routeOf(nearFact).includes('{')) {
    fixes.push({ title: `Change to \`${routeOf(nearFact)}\``, edits: [{ range, newText: routeOf(nearFact) }], isPreferred: !near.tied });
  }
  const who = service ? `${service.name} registers` : 'the code registers';
  ctx.report({
    range,
    message: `Doc says \`${route}\` is served; ${who} ${listOf(pool.map(routeOf))}, not \`${route}\`${nearFact ? ` (${where(nearFact.loc)})` : ''}.`,
    sources: (nearFact ? [nearFact] : pool.slice(0, 3)).map((f) => ({ loc: f.loc, message: `route \`${f.value}\`` })),
    fixes: fixes.length ? fixes : undefined,
  });
}

// ---------------------------------------------------------------- ports

interface KnownPort {
  port: string;
  loc: SourceLocation;
  origin: string;
  command?: string;
}

function knownPorts(index: IndexSnapshot): KnownPort[] {
  const out: KnownPort[] = [];
  for (const d of index.data) {
    if (d.kind !== 'listen-addr') continue;
    const m = /:(\d{2,5})$/.exec(d.value);
    if (m) out.push({ port: m[1], loc: d.loc, origin: where(d.loc) });
  }
  for (const e of index.env) {
    if (!ADDR_ENV.test(e.name) || !e.default) continue;
    const v = e.default.display;
    const m = /^(?:[\w.-]*|\[[0-9a-fA-F:]*\]):(\d{2,5})$/.exec(v) ?? (/PORT/.test(e.name) ? /^(\d{2,5})$/.exec(v) : null);
    const loc = e.defaultLoc ?? e.loc;
    if (m) out.push({ port: m[1], loc, origin: `\`${e.name}\` default, ${where(loc)}`, command: e.command });
  }
  return out;
}

/** The service a port claim speaks for: the row's first cell in a table, else the section's. */
function serviceOfClaim(ctx: RuleContext, block: BlockRef): ServiceInfo | undefined {
  if (block.kind === 'table-cell' && block.table && block.row !== undefined) {
    const first = block.table.rows[block.row]?.[0];
    const named = first ? ctx.index.serviceByKey(first.text.trim()) : undefined;
    if (named) return named;
  }
  return serviceForBlock(ctx.doc, ctx.index, block);
}

function checkPort(ctx: RuleContext, block: BlockRef, start: number, end: number, port: string, ports: KnownPort[]): void {
  const inColumn = block.kind === 'table-cell' && block.table && block.column !== undefined && LISTEN_HEADER.test(block.table.header[block.column] ?? '');
  if (!inColumn && !LISTEN_WORDS.test(sentenceAt(ctx.doc, block, start))) return;
  const range = ctx.doc.range(start, end);
  ctx.claimChecked({ range });
  const service = serviceOfClaim(ctx, block);
  const scoped = inServiceScope(ports, ctx.index, service);
  if (scoped.some((p) => p.port === port)) return;
  const scopeList = [...new Set(scoped.map((p) => `:${p.port}`))];
  if (ports.some((p) => p.port === port)) {
    if (!service) return;
    const other = ports.find((p) => p.port === port)!;
    ctx.report({
      range,
      severity: 'warning',
      message: `Doc gives ${service.name} port \`:${port}\`; that port is another service's (${other.origin}); ${service.name} listens on ${scopeList.length ? listOf(scopeList) : 'no known port'}.`,
      sources: [{ loc: other.loc, message: `port ${port}` }, ...scoped.slice(0, 2).map((p) => ({ loc: p.loc, message: `port ${p.port}` }))],
    });
    return;
  }
  const pool = scoped.length ? scoped : ports;
  const finding: Finding = {
    range,
    message: `Doc gives listen port \`:${port}\`; the code listens on ${pool.map((p) => `\`:${p.port}\` (${p.origin})`).slice(0, 4).join(', ')}.`,
    sources: pool.slice(0, 4).map((p) => ({ loc: p.loc, message: `port ${p.port}` })),
  };
  ctx.report(finding);
}

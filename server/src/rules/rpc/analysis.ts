// One pass over a document's proto claims per (document, snapshot). Blocks and inline claims are
// read once and every rpc rule reports its own share, so the rules always agree on which real
// definition a claim is about.
import type { DocModel } from '../../markdown/docModel';
import type { IndexSnapshot } from '../../index/snapshot';
import type { Severity } from '../../engine/types';
import { partOfAnalysis, type Rule } from '../rule';
import { protoSymbols } from './symbols';
import { RpcFindings, type RpcCheckContext, type RpcRuleId } from './findings';
import { checkProtoBlocks } from './blockCheck';
import { checkInlineSignatures, checkReturnClaims } from './inlineSignature';
import { checkKindTables, checkStreamingClaims } from './inlineStreaming';
import { checkInlineNames } from './inlineNames';
import { checkEnumClaims } from './inlineEnum';
import { checkFieldClaims } from './inlineField';
import { memoize2 } from '../../engine/memo';
import { checkSignatureTables } from './tableSignature';

/** Every rpc rule reads the findings of one pass over the document, made once per check. */
export const rpcFindings = memoize2((doc: DocModel, index: IndexSnapshot): RpcFindings => {
  const out = new RpcFindings();
  const sym = protoSymbols(index);
  // Without any parsed .proto file nothing can be verified, and saying so on every line helps nobody.
  if (!sym.empty) {
    const ctx: RpcCheckContext = { doc, index, sym, out };
    checkProtoBlocks(ctx);
    checkInlineSignatures(ctx);
    checkReturnClaims(ctx);
    checkSignatureTables(ctx);
    checkKindTables(ctx);
    checkStreamingClaims(ctx);
    checkFieldClaims(ctx);
    checkEnumClaims(ctx);
    checkInlineNames(ctx);
  }
  return out;
});

export function defineRpcRule(meta: { id: RpcRuleId; description: string; defaultSeverity: Severity; fixable: boolean }): Rule {
  return partOfAnalysis({ ...meta, family: 'rpc' }, rpcFindings, (found) => ({
    claims: found.claims.get(meta.id) ?? [],
    findings: found.findings.filter((f) => f.id === meta.id).map((f) => f.finding),
  }));
}

// Facts from one .proto file. protobufjs decides whether the file is valid proto (and reads the
// package, imports and go_package); the offset-keeping scanner supplies every element's exact
// range and source text, which protobufjs does not keep.
import protobuf from 'protobufjs';
import type { ProtoEnum, ProtoField, ProtoFile, ProtoMessage, ProtoRpc, ProtoService, SourceLocation } from '../../engine/types';
import { LineIndex } from '../../engine/lineIndex';
import { scanProto, type ScannedProto, type Span } from './protoScanner';

export function parseProtoFile(path: string, text: string): ProtoFile {
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(text, { keepCase: true, alternateCommentMode: true });
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const m = /\(line (\d+)\)/.exec(message);
    return {
      path,
      package: '',
      imports: [],
      services: [],
      messages: [],
      enums: [],
      parseError: { message: message.replace(/\s*\(line \d+\)/, ''), line: m ? Number(m[1]) : 1 },
    };
  }
  const scanned = scanProto(text);
  const pkg = parsed.package ?? scanned.package ?? '';
  return {
    path,
    package: pkg,
    goPackage: goPackageOf(parsed, pkg) ?? scanned.goPackage,
    imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])],
    ...protoElements(path, text, scanned, pkg),
  };
}

function goPackageOf(parsed: protobuf.IParserResult, pkg: string): string | undefined {
  // protobufjs hangs file options on the package namespace (the root when there is none).
  const ns = pkg ? parsed.root.lookup(pkg) : parsed.root;
  const v = ns?.options?.go_package;
  return typeof v === 'string' ? v : undefined;
}

/** Converts scanned offsets into located facts; shared with doc blocks, which are not files. */
export function protoElements(
  path: string,
  text: string,
  scanned: ScannedProto,
  pkg: string,
  locate: (span: Span) => SourceLocation = spanLocator(path, text),
): Pick<ProtoFile, 'services' | 'messages' | 'enums'> {
  const full = (p: string): string => (pkg ? `${pkg}.${p}` : p);
  const src = (s: Span): string => text.slice(s.start, s.end);
  const services: ProtoService[] = scanned.services.map((s) => ({
    name: s.name,
    fullName: full(s.name),
    loc: locate(s),
    text: src(s),
    rpcs: s.rpcs.map(
      (r): ProtoRpc => ({
        name: r.name,
        requestType: r.requestType,
        requestStream: r.requestStream,
        responseType: r.responseType,
        responseStream: r.responseStream,
        loc: locate(r),
        text: src(r),
      }),
    ),
  }));
  const messages: ProtoMessage[] = scanned.messages.map((m) => ({
    name: m.name,
    fullName: full(m.path),
    loc: locate(m),
    text: src(m),
    fields: m.fields.map(
      (f): ProtoField => ({
        name: f.name,
        type: f.type,
        id: f.id,
        ...(f.rule ? { rule: f.rule } : {}),
        ...(f.keyType ? { keyType: f.keyType } : {}),
        ...(f.oneof ? { oneof: f.oneof } : {}),
        loc: locate(f),
        text: src(f),
      }),
    ),
  }));
  const enums: ProtoEnum[] = scanned.enums.map((e) => ({
    name: e.name,
    fullName: full(e.path),
    loc: locate(e),
    text: src(e),
    values: e.values.map((v) => ({ name: v.name, number: v.number, loc: locate(v) })),
  }));
  return { services, messages, enums };
}

function spanLocator(path: string, text: string): (span: Span) => SourceLocation {
  const lines = new LineIndex(text);
  return (s) => ({ path, range: { start: lines.positionAt(s.start), end: lines.positionAt(s.end) } });
}

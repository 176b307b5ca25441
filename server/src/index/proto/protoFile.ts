// Facts from .proto files. Placeholder contract; the protobufjs implementation replaces the body.
import type { ProtoFile } from '../../engine/types';

export function parseProtoFile(path: string, _text: string): ProtoFile {
  return { path, package: '', imports: [], services: [], messages: [], enums: [] };
}

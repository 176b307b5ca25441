// The shared vocabulary of the engine: facts the index knows about the code, and what rules report.
// Everything here is plain data (LSP types included), so the CLI, the server and tests share it.
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';

export type { Diagnostic, Range, TextEdit };

/** A place in a workspace file. `path` is relative to the workspace root, with `/` separators. */
export interface SourceLocation {
  path: string;
  range: Range;
}

// ---------------------------------------------------------------- go.mod / go.work

export interface GoRequire {
  path: string;
  version: string;
  indirect: boolean;
  loc: SourceLocation;
}

export interface GoReplace {
  from: string;
  fromVersion?: string;
  to: string;
  toVersion?: string;
  loc: SourceLocation;
}

export interface GoModule {
  /** Folder holding go.mod, relative to the root ('' for the root itself). */
  dir: string;
  modulePath: string;
  go?: { version: string; loc: SourceLocation };
  toolchain?: { version: string; loc: SourceLocation };
  requires: GoRequire[];
  replaces: GoReplace[];
  /** The whole go.mod text, for ```go.mod blocks that copy it. */
  text: string;
  path: string;
}

// ---------------------------------------------------------------- values read from Go code

/** A default value as the program would see it, normalised for comparison. */
export interface ConfigValue {
  /** What a doc would write: `2s`, `65536`, `nats://127.0.0.1:4222`, `true`, `` (empty string). */
  display: string;
  kind: 'string' | 'int' | 'float' | 'bool' | 'duration' | 'unknown';
  /** Durations in nanoseconds, numbers as numbers; absent for strings and unknowns. */
  numeric?: number;
  /** The Go expression it came from, e.g. `64 << 10` or `health.DefaultAddr`. */
  source: string;
}

export type EnvVia =
  | 'getenv'
  | 'lookupenv'
  | 'wrapper'
  | 'envconfig'
  | 'caarlos0'
  | 'viper'
  | 'urfave-cli'
  | 'cobra'
  | 'dotenv';

export interface EnvFact {
  name: string;
  /** Absent when the code gives no default (the zero value applies). */
  default?: ConfigValue;
  required: boolean;
  via: EnvVia;
  loc: SourceLocation;
  /** Where the default is decided, when that is not `loc` (a SetDefault call, a Value: field). */
  defaultLoc?: SourceLocation;
  /** The CLI subcommand (urfave/cli, cobra) whose flag reads it, when there is one. */
  command?: string;
  /** The viper key or flag name that maps to it. */
  key?: string;
}

export type NatsRole = 'publish' | 'subscribe' | 'request' | 'stream' | 'consumer-filter';

export interface NatsFact {
  /** Subject pattern; parts computed at run time become `*` (a trailing rest becomes `>`). */
  subject: string;
  role: NatsRole;
  queue?: string;
  durable?: string;
  /** For role 'stream': the stream name; for a consumer, the stream it reads. */
  stream?: string;
  loc: SourceLocation;
}

export interface StreamFact {
  name: string;
  subjects: string[];
  /** Normalised settings: Retention (limits|interest|workqueue), Storage (file|memory), MaxAge, Duplicates, Discard... */
  settings: Record<string, ConfigValue>;
  loc: SourceLocation;
  settingLocs: Record<string, SourceLocation>;
}

export type ContainerSetting =
  | 'Image'
  | 'User'
  | 'CapAdd'
  | 'CapDrop'
  | 'SecurityOpt'
  | 'Privileged'
  | 'ReadonlyRootfs'
  | 'NetworkMode'
  | 'Tmpfs'
  | 'Binds'
  | 'AutoRemove'
  | 'Memory'
  | 'MemorySwap'
  | 'NanoCPUs'
  | 'CPUQuota'
  | 'CPUPeriod'
  | 'CPUShares'
  | 'PidsLimit';

export interface ContainerFact {
  setting: ContainerSetting;
  /** Numbers in base units (bytes, nano-CPUs); lists as string arrays; Tmpfs as `path:options` strings. */
  value: string | number | boolean | string[];
  /** The Go expression that sets it. */
  source: string;
  loc: SourceLocation;
}

export type DataKind =
  | 'mongo-database'
  | 'mongo-collection'
  | 'mongo-index'
  | 'minio-bucket'
  | 'object-key'
  | 'http-route'
  | 'listen-addr'
  | 'metric';

export interface DataFact {
  kind: DataKind;
  /** Name or pattern (`images/*​/*​/firmware.bin` for keys built at run time). */
  value: string;
  loc: SourceLocation;
  /** Extra detail, e.g. the fields of an index (`serial`, `hardware_rev+firmware_version`), `unique`. */
  detail?: string;
}

export interface GoDecl {
  name: string;
  /** Receiver type name for methods (`*Bus` → `Bus`). */
  receiver?: string;
  kind: 'func' | 'method' | 'type' | 'const' | 'var';
  /** Exact source text of the declaration (for a grouped const/var/type: the single spec). */
  text: string;
  loc: SourceLocation;
}

/** Everything one Go file contributes. Values that depend on other files are resolved by the index. */
export interface GoFileFacts {
  path: string;
  packageName: string;
  isMain: boolean;
  env: EnvFact[];
  nats: NatsFact[];
  streams: StreamFact[];
  container: ContainerFact[];
  data: DataFact[];
  decls: GoDecl[];
  /** CLI subcommands declared here (urfave/cli Command{Name}, cobra Command{Use}). */
  commands: { name: string; loc: SourceLocation }[];
  /** A parse that produced error nodes still yields facts; this says where it went wrong. */
  syntaxErrors: SourceLocation[];
}

// ---------------------------------------------------------------- proto

export interface ProtoRpc {
  name: string;
  requestType: string;
  requestStream: boolean;
  responseType: string;
  responseStream: boolean;
  loc: SourceLocation;
  text: string;
}

export interface ProtoService {
  name: string;
  fullName: string;
  rpcs: ProtoRpc[];
  loc: SourceLocation;
  text: string;
}

export interface ProtoField {
  name: string;
  type: string;
  id: number;
  rule?: 'repeated' | 'optional' | 'required';
  /** For map fields, the key type (`type` holds the value type). */
  keyType?: string;
  oneof?: string;
  loc: SourceLocation;
  text: string;
}

export interface ProtoEnumValue {
  name: string;
  number: number;
  loc: SourceLocation;
}

export interface ProtoEnum {
  name: string;
  fullName: string;
  values: ProtoEnumValue[];
  loc: SourceLocation;
  text: string;
}

export interface ProtoMessage {
  name: string;
  fullName: string;
  fields: ProtoField[];
  loc: SourceLocation;
  text: string;
}

export interface ProtoFile {
  path: string;
  package: string;
  goPackage?: string;
  imports: string[];
  services: ProtoService[];
  /** All messages and enums, nested ones included (fullName tells them apart). */
  messages: ProtoMessage[];
  enums: ProtoEnum[];
  /** Set when the file could not be parsed; the other lists are then empty. */
  parseError?: { message: string; line: number };
}

// ---------------------------------------------------------------- .env files

export interface DotenvEntry {
  name: string;
  value: string;
  loc: SourceLocation;
}

// ---------------------------------------------------------------- reporting

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type RuleFamily = 'version' | 'rpc' | 'env' | 'nats' | 'security' | 'snippet' | 'path' | 'service' | 'data';

/** A fix a rule offers: edits to the document only. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are applied by fix-all and `--fix`; ambiguous candidates are never preferred. */
  isPreferred: boolean;
}

/** What a rule reports; the engine turns it into an LSP Diagnostic. */
export interface Finding {
  range: Range;
  message: string;
  /** Overrides the rule's default severity (e.g. warning when only some services disagree). */
  severity?: Severity;
  sources?: { loc: SourceLocation; message: string }[];
  fixes?: Fix[];
}

/** The `data` payload of every doc-truth Diagnostic. */
export interface DiagnosticData {
  ruleId: string;
  fixes: Fix[];
  sources: SourceLocation[];
}

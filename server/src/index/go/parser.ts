// Loads the tree-sitter runtime and the Go grammar from .wasm files on disk. The bundle keeps both
// files beside itself; running from sources (tests) finds them in node_modules.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import baseQuerySource from './queries/base.scm';
import factsQuerySource from './queries/facts.scm';

export interface GoParser {
  parser: Parser;
  language: Language;
  /**
   * Both query files as one query: one pass over a tree costs about what the first file alone does
   * (measured: 250 ms vs 400 ms for two passes over Go's net package), so files are not gated at
   * query time; the captures of facts.scm are only read in files that pass the text gate.
   * Compiled on first use: a warm start served from the fact cache parses nothing.
   */
  readonly query: Query;
}

let loading: Promise<GoParser> | undefined;
let loaded: GoParser | undefined;

/** Finds a .wasm file: beside the running code first (the bundle), then in the installed packages. */
export function locateWasm(name: string): string {
  const candidates = [join(__dirname, name)];
  const fromPackage = (spec: string, file: string) => {
    try {
      candidates.push(join(dirname(require.resolve(spec)), file));
    } catch {
      // Not installed here: the bundle's own copy is the only candidate.
    }
  };
  if (name === 'web-tree-sitter.wasm') {
    try {
      candidates.push(require.resolve('web-tree-sitter/web-tree-sitter.wasm'));
    } catch {
      fromPackage('web-tree-sitter', name);
    }
  } else {
    fromPackage('tree-sitter-go/package.json', name);
  }
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

export function initParser(): Promise<GoParser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (file: string) => locateWasm(file) });
    const language = await Language.load(locateWasm('tree-sitter-go.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    let query: Query | undefined;
    loaded = {
      parser,
      language,
      get query() {
        return (query ??= new Query(language, `${baseQuerySource}\n${factsQuerySource}`));
      },
    };
    return loaded;
  })();
  return loading;
}

/** The parser once `initParser` has finished, or undefined before. */
export function goParser(): GoParser | undefined {
  return loaded;
}

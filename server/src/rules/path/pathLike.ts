// Decides whether a piece of inline code is a repository path. Docs put many slash-bearing things in
// backticks (Go import paths, routes, MIME types, subjects, object keys, runtime paths); only text
// that can be nothing but a path in the repository is judged.

export type PathKind = 'file' | 'dir' | 'either';

export interface PathClaim {
  /** The path as written, without a trailing slash, a leading `./` or a `:line` suffix. */
  path: string;
  kind: PathKind;
  /** Length of the claim text that is the path itself (a `:42` suffix is not part of it). */
  length: number;
}

/** Extensions of files a repository holds; a bare name with one of these is judged. */
const SOURCE_FILE = /\.(go|proto|mod|sum|work|md|sql|sh)$/;
/** Extensions that make slash-bearing text a file path. */
const FILE_EXT = /\.(go|proto|mod|sum|work|md|markdown|ya?ml|json|toml|ini|env|sample|example|sh|bash|sql|txt|cfg|conf|mk|tf|hcl|ts|js|mjs|cjs|py|rs|c|h|cc|cpp|java|rb|html|css|xml|csv|pem|crt|lock|gitignore|dockerignore|tpl|tmpl|gotmpl|graphql|avsc|rego|bin|png|svg|jpg|jpeg|gif)$/i;
const BARE_FILES = new Set(['Makefile', 'Dockerfile', 'Taskfile.yml', 'Justfile', 'Containerfile', 'LICENSE', 'go.mod', 'go.sum', 'go.work', 'buf.yaml', 'buf.gen.yaml', 'README.md']);
const MIME_TOP = new Set(['application', 'text', 'image', 'audio', 'video', 'multipart', 'font', 'message', 'model']);

export function hasFileExtension(name: string): boolean {
  return FILE_EXT.test(name) || BARE_FILES.has(name) || /^(Dockerfile|Makefile)(\.[\w-]+)?$/.test(name);
}

/** The repository path a piece of inline code names, or undefined when it is not clearly one. */
export function pathClaimOf(raw: string): PathClaim | undefined {
  let text = raw.trim();
  if (!text || text !== raw || /\s/.test(text)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:]+:\d/.test(text)) return undefined;
  // `cmd/app/main.go:71` or `main.go:71:5` point at a line of a file.
  const lineSuffix = /:\d+(?:[-:]\d+)?$/.exec(text);
  const length = lineSuffix ? text.length - lineSuffix[0].length : text.length;
  if (lineSuffix) text = text.slice(0, length);
  if (/^[/~$%\\]/.test(text) || text.startsWith('../')) return undefined;
  if (/[<>{}*?[\]()|,;=@'"+#:!&^`\\]/.test(text)) return undefined;
  text = text.replace(/^\.\//, '');
  if (!text || text === '.') return undefined;
  const dir = text.endsWith('/');
  const body = dir ? text.slice(0, -1) : text;
  const segs = body.split('/');
  if (segs.some((s) => !/^[A-Za-z0-9._-]+$/.test(s) || s === '.' || s === '..')) return undefined;
  const last = segs[segs.length - 1];
  if (segs.length === 1) {
    if (dir) return /^[A-Za-z0-9_-]{2,}$/.test(body) ? { path: body, kind: 'dir', length } : undefined;
    if (body.startsWith('.')) return undefined;
    return SOURCE_FILE.test(body) || BARE_FILES.has(body) ? { path: body, kind: 'file', length } : undefined;
  }
  // A domain as the first segment: a Go import path, an image reference, a URL without scheme.
  if (/\./.test(segs[0]) && !segs[0].startsWith('.')) return undefined;
  if (segs.length === 2 && !dir && MIME_TOP.has(segs[0].toLowerCase())) return undefined;
  if (segs.some((s) => s.length === 1 && s !== '_')) return undefined;
  if (segs.every((s) => /^[\d.]+$/.test(s))) return undefined;
  // `internal/health.DefaultAddr` names a symbol of a package: the claim is the package folder.
  const symbol = /^([A-Za-z0-9_-]+)\.([A-Za-z_]\w*)$/.exec(last);
  if (!dir && symbol && !hasFileExtension(last)) {
    const pkg = [...segs.slice(0, -1), symbol[1]].join('/');
    return { path: pkg, kind: 'dir', length: (raw.startsWith('./') ? 2 : 0) + pkg.length };
  }
  const kind: PathKind = dir ? 'dir' : hasFileExtension(last) ? 'file' : 'either';
  return { path: body, kind, length };
}

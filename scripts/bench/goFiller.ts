// Ordinary Go business code: entities, enums, in-memory stores, validation, HTTP handlers. It
// carries no configuration, messaging or container facts, like most files of a real service, and
// exists so the index has realistic bulk to read past.
import type { Rng } from './rng';

const ENTITIES = [
  'Order', 'Invoice', 'Payment', 'Shipment', 'Parcel', 'Customer', 'Account', 'Ledger', 'Entry', 'Quote', 'Coupon', 'Refund',
  'Basket', 'Product', 'Variant', 'Price', 'Stock', 'Slot', 'Route', 'Stop', 'Driver', 'Vehicle', 'Depot', 'Tariff', 'Claim',
  'Review', 'Rating', 'Session', 'Token', 'Batch', 'Report', 'Export', 'Receipt', 'Voucher', 'Transfer', 'Payout', 'Dispute',
];
const FIELDS: [string, string, string][] = [
  ['ID', 'string', 'id'], ['CustomerID', 'string', 'customer_id'], ['Amount', 'int64', 'amount'], ['Currency', 'string', 'currency'],
  ['CreatedAt', 'time.Time', 'created_at'], ['UpdatedAt', 'time.Time', 'updated_at'], ['Note', 'string', 'note,omitempty'],
  ['Tags', 'map[string]string', 'tags,omitempty'], ['Quantity', 'int', 'quantity'], ['Weight', 'float64', 'weight'],
  ['Reference', 'string', 'reference'], ['Attempts', 'int', 'attempts'], ['Deadline', 'time.Time', 'deadline'],
  ['Region', 'string', 'region'], ['Version', 'int64', 'version'], ['Archived', 'bool', 'archived'],
];
const STATES = ['Pending', 'Accepted', 'Rejected', 'Settled', 'Cancelled', 'Expired', 'Failed', 'Queued', 'Active', 'Closed'];
const VERBS = ['apply', 'merge', 'split', 'score', 'rank', 'group', 'reconcile', 'normalise', 'round', 'match', 'collect', 'filter'];

/** One Go file of about `targetBytes`, in package `pkg`. `web` files hold HTTP handlers. */
export function fillerFile(rng: Rng, pkg: string, modulePath: string, siblings: string[], targetBytes: number, web: boolean): string {
  const uses = new Set<string>(['fmt', 'errors']);
  const chunks: string[] = [];
  const [entity, other] = rng.sample(ENTITIES, 2);
  const fields = [FIELDS[0], ...rng.sample(FIELDS.slice(1), rng.int(4, 9))];
  if (fields.some(([, t]) => t === 'time.Time')) uses.add('time');
  chunks.push(structDecl(entity, fields));
  chunks.push(enumDecl(rng, entity));
  chunks.push(sentinels(entity));
  chunks.push(storeDecl(rng, entity, uses));
  if (web) chunks.push(handlers(rng, entity, uses));
  let n = 0;
  while (chunks.join('').length < targetBytes && n < 200) {
    const kind = n++ % 5;
    if (kind === 0) chunks.push(validate(rng, entity, fields, n, uses));
    else if (kind === 1) chunks.push(aggregate(rng, entity, other, n, uses));
    else if (kind === 2) chunks.push(render(rng, entity, fields, n, uses));
    else if (kind === 3) chunks.push(retry(rng, entity, n, uses));
    else chunks.push(structDecl(`${other}${n}View`, rng.sample(FIELDS, rng.int(3, 6))));
  }
  const internal = siblings.length && rng.chance(0.4) ? [`${modulePath}/internal/${rng.pick(siblings)}`] : [];
  const std = [...uses].sort();
  const imports = ['import (', ...std.map((p) => `\t"${p}"`), ...(internal.length ? ['', ...internal.map((p) => `\t"${p}"`)] : []), ')'];
  return [`// Package ${pkg} holds the ${entity.toLowerCase()} logic of the service.`, `package ${pkg}`, '', ...imports, '', ...chunks].join('\n');
}

function structDecl(name: string, fields: [string, string, string][]): string {
  const w = Math.max(...fields.map(([f]) => f.length));
  const tw = Math.max(...fields.map(([, t]) => t.length));
  const lines = fields.map(([f, t, j]) => `\t${f.padEnd(w)} ${t.padEnd(tw)} \`json:"${j}"\``);
  return `// ${name} is one ${name.toLowerCase()} as the service stores it.\ntype ${name} struct {\n${lines.join('\n')}\n}\n\n`;
}

function enumDecl(rng: Rng, entity: string): string {
  const states = rng.sample(STATES, rng.int(3, 6));
  const t = `${entity}State`;
  const consts = states.map((s, i) => (i === 0 ? `\t${t}${s} ${t} = iota` : `\t${t}${s}`));
  const cases = states.map((s) => `\tcase ${t}${s}:\n\t\treturn "${s.toLowerCase()}"`);
  return [
    `// ${t} is where a ${entity.toLowerCase()} is in its life cycle.`,
    `type ${t} int`,
    '',
    'const (',
    ...consts,
    ')',
    '',
    `func (s ${t}) String() string {`,
    '\tswitch s {',
    ...cases,
    '\tdefault:',
    `\t\treturn fmt.Sprintf("${t}(%d)", int(s))`,
    '\t}',
    '}',
    '',
    '',
  ].join('\n');
}

function sentinels(entity: string): string {
  const l = entity.toLowerCase();
  return [
    'var (',
    `\t// Err${entity}NotFound is returned when no ${l} has the given ID.`,
    `\tErr${entity}NotFound = errors.New("${l} not found")`,
    `\tErr${entity}Conflict = errors.New("${l} was changed concurrently")`,
    `\terrInvalid${entity}  = errors.New("invalid ${l}")`,
    ')',
    '',
    '',
  ].join('\n');
}

function storeDecl(rng: Rng, entity: string, uses: Set<string>): string {
  uses.add('sync').add('context').add('sort');
  const l = entity.toLowerCase();
  const s = `${l}Store`;
  return `// ${s} keeps ${l}s in memory; the service swaps it for the database in production.
type ${s} struct {
\tmu   sync.RWMutex
\tbyID map[string]${entity}
\tseq  int64
}

func new${entity}Store() *${s} {
\treturn &${s}{byID: make(map[string]${entity}, ${rng.int(16, 256)})}
}

// Get returns a copy, so callers cannot change the stored value behind the lock's back.
func (s *${s}) Get(ctx context.Context, id string) (${entity}, error) {
\tif err := ctx.Err(); err != nil {
\t\treturn ${entity}{}, err
\t}
\ts.mu.RLock()
\tdefer s.mu.RUnlock()
\tv, ok := s.byID[id]
\tif !ok {
\t\treturn ${entity}{}, fmt.Errorf("get %q: %w", id, Err${entity}NotFound)
\t}
\treturn v, nil
}

// Put stores v unless someone else stored a newer one first.
func (s *${s}) Put(ctx context.Context, v ${entity}) error {
\tif v.ID == "" {
\t\treturn fmt.Errorf("put: %w", errInvalid${entity})
\t}
\ts.mu.Lock()
\tdefer s.mu.Unlock()
\ts.seq++
\ts.byID[v.ID] = v
\treturn nil
}

// List returns every stored ${l} ordered by ID, at most limit of them.
func (s *${s}) List(ctx context.Context, limit int) ([]${entity}, error) {
\ts.mu.RLock()
\tout := make([]${entity}, 0, len(s.byID))
\tfor _, v := range s.byID {
\t\tout = append(out, v)
\t}
\ts.mu.RUnlock()
\tsort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
\tif limit > 0 && len(out) > limit {
\t\tout = out[:limit]
\t}
\treturn out, nil
}

`;
}

function handlers(rng: Rng, entity: string, uses: Set<string>): string {
  uses.add('net/http').add('encoding/json');
  const l = entity.toLowerCase();
  return `// ${entity}Handler serves the ${l} resources of the public API.
type ${entity}Handler struct {
\tstore *${l}Store
\tlimit int
}

func (h *${entity}Handler) get${entity}(w http.ResponseWriter, r *http.Request) {
\tid := r.PathValue("id")
\tv, err := h.store.Get(r.Context(), id)
\tif errors.Is(err, Err${entity}NotFound) {
\t\thttp.Error(w, err.Error(), http.StatusNotFound)
\t\treturn
\t}
\tif err != nil {
\t\thttp.Error(w, "internal error", http.StatusInternalServerError)
\t\treturn
\t}
\tw.Header().Set("Content-Type", "application/json")
\t_ = json.NewEncoder(w).Encode(v)
}

func (h *${entity}Handler) list${entity}s(w http.ResponseWriter, r *http.Request) {
\tvs, err := h.store.List(r.Context(), h.limit)
\tif err != nil {
\t\thttp.Error(w, "internal error", http.StatusInternalServerError)
\t\treturn
\t}
\tw.Header().Set("Content-Type", "application/json")
\t_ = json.NewEncoder(w).Encode(map[string]any{"items": vs, "count": len(vs), "page": ${rng.int(1, 3)}})
}

`;
}

function validate(rng: Rng, entity: string, fields: [string, string, string][], n: number, uses: Set<string>): string {
  uses.add('strings');
  const checks = fields.slice(1).map(([f, t]) => {
    if (t === 'string') return `\tif strings.TrimSpace(v.${f}) == "" {\n\t\tproblems = append(problems, "${f.toLowerCase()} is empty")\n\t}`;
    if (t === 'int64' || t === 'int') return `\tif v.${f} < 0 {\n\t\tproblems = append(problems, fmt.Sprintf("${f.toLowerCase()} %d is negative", v.${f}))\n\t}`;
    if (t === 'float64') return `\tif v.${f} > ${rng.int(100, 5000)}.0 {\n\t\tproblems = append(problems, "${f.toLowerCase()} is too large")\n\t}`;
    if (t === 'time.Time') return `\tif v.${f}.IsZero() {\n\t\tproblems = append(problems, "${f.toLowerCase()} is not set")\n\t}`;
    return `\t_ = v.${f}`;
  });
  const name = `${rng.pick(VERBS)}${entity}Rules${n}`;
  return `// ${name} lists everything wrong with v at once, so a client can fix it in one round trip.
func ${name}(v ${entity}) error {
\tvar problems []string
${checks.join('\n')}
\tif len(problems) == 0 {
\t\treturn nil
\t}
\treturn fmt.Errorf("%w: %s", errInvalid${entity}, strings.Join(problems, "; "))
}

`;
}

function aggregate(rng: Rng, entity: string, other: string, n: number, uses: Set<string>): string {
  uses.add('sort');
  const verb = rng.pick(VERBS);
  const k = rng.int(2, 9);
  return `// ${verb}${other}Totals${n} sums amounts per ${other.toLowerCase()} and returns the ${k} largest.
func ${verb}${other}Totals${n}(items []${entity}, key func(${entity}) string) []struct {
\tKey   string
\tTotal int64
} {
\ttotals := make(map[string]int64, len(items))
\tfor _, it := range items {
\t\tif it.ID == "" {
\t\t\tcontinue
\t\t}
\t\ttotals[key(it)] += int64(len(it.ID)) * ${rng.int(2, 97)}
\t}
\ttype kv = struct {
\t\tKey   string
\t\tTotal int64
\t}
\tout := make([]kv, 0, len(totals))
\tfor k, v := range totals {
\t\tout = append(out, kv{k, v})
\t}
\tsort.Slice(out, func(i, j int) bool {
\t\tif out[i].Total != out[j].Total {
\t\t\treturn out[i].Total > out[j].Total
\t\t}
\t\treturn out[i].Key < out[j].Key
\t})
\tif len(out) > ${k} {
\t\tout = out[:${k}]
\t}
\treturn out
}

`;
}

function render(rng: Rng, entity: string, fields: [string, string, string][], n: number, uses: Set<string>): string {
  uses.add('strings');
  const parts = fields.map(([f]) => `\tb.WriteString("${f.toLowerCase()}=")\n\tb.WriteString(fmt.Sprint(v.${f}))\n\tb.WriteByte(' ')`);
  const name = `describe${entity}${n}`;
  return `// ${name} renders v for logs; IDs first so lines sort usefully.
func ${name}(v ${entity}) string {
\tvar b strings.Builder
\tb.Grow(${rng.int(64, 512)})
${parts.join('\n')}
\treturn strings.TrimSpace(b.String())
}

`;
}

function retry(rng: Rng, entity: string, n: number, uses: Set<string>): string {
  uses.add('time').add('context');
  const attempts = rng.int(3, 8);
  const base = rng.int(10, 500);
  return `// retry${entity}${n} runs op until it succeeds, the context ends or ${attempts} attempts failed,
// doubling the pause each time.
func retry${entity}${n}(ctx context.Context, op func(context.Context) error) error {
\tpause := ${base} * time.Millisecond
\tvar last error
\tfor attempt := 0; attempt < ${attempts}; attempt++ {
\t\tif last = op(ctx); last == nil {
\t\t\treturn nil
\t\t}
\t\tif errors.Is(last, Err${entity}NotFound) {
\t\t\treturn last
\t\t}
\t\tselect {
\t\tcase <-ctx.Done():
\t\t\treturn errors.Join(last, ctx.Err())
\t\tcase <-time.After(pause):
\t\t}
\t\tpause *= 2
\t}
\treturn fmt.Errorf("gave up after ${attempts} attempts: %w", last)
}

`;
}

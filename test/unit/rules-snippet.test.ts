import { join } from 'node:path';
import { loadTree } from '../helpers/fixtureFiles';
import { runRuleCases } from '../helpers/ruleTester';
import { snippetDrift } from '../../server/src/rules/snippet/snippetDrift';
import { snippetUnknown } from '../../server/src/rules/snippet/snippetUnknown';

const files = loadTree(join(__dirname, '../fixtures/rules-snippet'));
const rules = [snippetDrift, snippetUnknown];
const fence = '```';

describe('snippet rules: fragments located by their lines', () => {
  runRuleCases(rules, [
    {
      name: 'a struct literal copied with different indentation is the same code',
      files,
      doc: `# Streams\n\n${fence}go\n{\n    Name:      StreamScans,\n    Subjects:  []string{"scans.>"},\n    Retention: jetstream.LimitsPolicy,\n    Storage:   jetstream.FileStorage,\n    MaxAge:    retention,\n    Discard:   jetstream.DiscardOld,\n},\n${fence}\n`,
      expect: [],
      claims: 1,
    },
    {
      name: 'a struct literal whose storage changed is reported on that line and fixed from the code',
      files,
      doc: `# Streams\n\nThe SCANS stream:\n\n${fence}go\n\t\t{\n\t\t\tName:      StreamScans,\n\t\t\tSubjects:  []string{"scans.>"},\n\t\t\tRetention: jetstream.LimitsPolicy,\n\t\t\tStorage:   jetstream.MemoryStorage,\n\t\t\tMaxAge:    retention,\n\t\t\tDiscard:   jetstream.DiscardOld,\n\t\t},\n${fence}\n`,
      expect: [{ code: 'snippet-drift', line: 10, message: 'code has `Storage:   jetstream.FileStorage,` (internal/bus/streams.go:24)' }],
      output: `# Streams\n\nThe SCANS stream:\n\n${fence}go\n\t\t{\n\t\t\tName:      StreamScans,\n\t\t\tSubjects:  []string{"scans.>"},\n\t\t\tRetention: jetstream.LimitsPolicy,\n\t\t\tStorage:   jetstream.FileStorage,\n\t\t\tMaxAge:    retention,\n\t\t\tDiscard:   jetstream.DiscardOld,\n\t\t},\n${fence}\n`,
    },
    {
      name: 'a builder chain with an extra call reports the line the code does not have',
      files,
      doc: `# Sandbox\n\n${fence}go\n\tb := NewBuilder(image).\n\t\tDropAllCapabilities().\n\t\tReadOnlyRoot().\n\t\tOffline().\n\t\tMemory(renderMemory)\n${fence}\n`,
      expect: [{ code: 'snippet-drift', line: 7, message: 'the code has no such line' }],
    },
    {
      name: 'a usage example that copies nothing is not judged',
      files,
      doc: `# Usage\n\n${fence}go\nif err := bus.EnsureStreams(ctx, js, 72*time.Hour); err != nil {\n\tlog.Fatal(err)\n}\n${fence}\n`,
      expect: [],
    },
    {
      name: 'a usage example sharing only error-handling boilerplate with the code is not a copy',
      files,
      doc: `# Usage\n\n${fence}go\nsub, err := bus.SubscribeScans(ctx, js)\nif err != nil {\n\treturn err\n}\nreturn nil\n${fence}\n`,
      expect: [],
    },
    {
      name: 'blocks marked as examples are skipped even when they differ',
      files,
      doc: `# Streams\n\n${fence}go example\n{\n\tName:      StreamScans,\n\tSubjects:  []string{"scans.>"},\n\tRetention: jetstream.LimitsPolicy,\n\tStorage:   jetstream.MemoryStorage,\n\tMaxAge:    retention,\n},\n${fence}\n\n${fence}go ignore\nfunc Backoff(n int) int { return n }\n${fence}\n`,
      expect: [],
    },
    {
      name: 'a copy inside a list item keeps the list indentation when fixed',
      files,
      doc: `# Streams\n\n- Dispatch stream:\n\n  ${fence}go\n  {\n  \tName:       StreamDispatch,\n  \tSubjects:   []string{"dispatch.>"},\n  \tRetention:  jetstream.InterestPolicy,\n  \tStorage:    jetstream.FileStorage,\n  \tDuplicates: 2 * time.Minute,\n  },\n  ${fence}\n`,
      expect: [{ code: 'snippet-drift', line: 9, message: 'jetstream.WorkQueuePolicy' }],
      output: `# Streams\n\n- Dispatch stream:\n\n  ${fence}go\n  \t\t{\n  \t\t\tName:       StreamDispatch,\n  \t\t\tSubjects:   []string{"dispatch.>"},\n  \t\t\tRetention:  jetstream.WorkQueuePolicy,\n  \t\t\tStorage:    jetstream.FileStorage,\n  \t\t\tDuplicates: 2 * time.Minute,\n  \t\t},\n  ${fence}\n`,
    },
    {
      name: 'a document with CRLF line endings: the line is found and the fix keeps CRLF',
      files,
      doc: `# Streams\r\n\r\n${fence}go\r\n{\r\n\tName:      StreamScans,\r\n\tSubjects:  []string{"scans.>"},\r\n\tRetention: jetstream.LimitsPolicy,\r\n\tStorage:   jetstream.MemoryStorage,\r\n\tMaxAge:    retention,\r\n\tDiscard:   jetstream.DiscardOld,\r\n},\r\n${fence}\r\n`,
      expect: [{ code: 'snippet-drift', line: 8, message: 'jetstream.FileStorage' }],
      output: `# Streams\r\n\r\n${fence}go\r\n\t\t{\r\n\t\t\tName:      StreamScans,\r\n\t\t\tSubjects:  []string{"scans.>"},\r\n\t\t\tRetention: jetstream.LimitsPolicy,\r\n\t\t\tStorage:   jetstream.FileStorage,\r\n\t\t\tMaxAge:    retention,\r\n\t\t\tDiscard:   jetstream.DiscardOld,\r\n\t\t},\r\n${fence}\r\n`,
    },
    {
      name: 'a snippet linked to a file that does not exist is reported at the link',
      files,
      doc: `# Retry\n\n${fence}go title="internal/retry/policy.go"\ntype Policy struct {\n\tAttempts int\n}\n${fence}\n`,
      expect: [{ code: 'snippet-unknown', line: 3, message: '`internal/retry/policy.go`, which is not in the workspace' }],
    },
    {
      name: 'without Go sources nothing is judged',
      files: { 'go.mod': files['go.mod'] },
      doc: `# Retry\n\n${fence}go\nfunc Backoff(attempt int) time.Duration { return 0 }\n${fence}\n`,
      expect: [],
    },
  ]);
});

// These cases compare against declaration facts from the Go index.
describe('snippet rules: declarations matched by name', () => {
  runRuleCases(rules, [
    {
      name: 'an exact copy of a function is identical',
      files,
      doc: `# Retry\n\n${fence}go\n// Backoff doubles the wait.\nfunc Backoff(attempt int) time.Duration {\n\td := 500 * time.Millisecond << attempt\n\tif d > time.Minute {\n\t\treturn time.Minute\n\t}\n\treturn d\n}\n${fence}\n`,
      expect: [],
      claims: 1,
    },
    {
      name: 'formatting alone is not a difference',
      files,
      doc: `# Retry\n\n${fence}go\nfunc Backoff(attempt int) time.Duration {\n    d := 500*time.Millisecond<<attempt\n    if d > time.Minute { return time.Minute }\n    return d\n}\n\ntype Policy struct {\n    Attempts int\n    Base time.Duration\n    Jitter bool\n}\n${fence}\n`,
      expect: [],
      claims: 2,
    },
    {
      name: 'a changed line in a function is reported and the fix copies the declaration',
      files,
      doc: `# Retry\n\n${fence}go\nfunc Backoff(attempt int) time.Duration {\n\td := time.Second << attempt\n\tif d > time.Minute {\n\t\treturn time.Minute\n\t}\n\treturn d\n}\n${fence}\n`,
      expect: [
        { code: 'snippet-drift', line: 4, message: 'Snippet of `Backoff` differs from the code in internal/retry/backoff.go:9: line 2 of the snippet' },
        { code: 'snippet-drift', line: 5, message: 'code has `d := 500 * time.Millisecond << attempt` (internal/retry/backoff.go:10)' },
      ],
      output: `# Retry\n\n${fence}go\nfunc Backoff(attempt int) time.Duration {\n\td := 500 * time.Millisecond << attempt\n\tif d > time.Minute {\n\t\treturn time.Minute\n\t}\n\treturn d\n}\n${fence}\n`,
    },
    {
      name: 'a method is matched by receiver and name',
      files,
      doc: `# Sandbox\n\n${fence}go\nfunc (b *Builder) Memory(bytes int64) *Builder {\n\tb.memory = bytes * 2\n\treturn b\n}\n\nfunc (b *Builder) ReadOnlyRoot() *Builder {\n\tb.readOnly = true\n\treturn b\n}\n${fence}\n`,
      expect: [
        { code: 'snippet-drift', line: 4, message: '`Builder.Memory` differs from the code in internal/sandbox/builder.go:21' },
        { code: 'snippet-drift', line: 5, message: 'doc has `b.memory = bytes * 2`; code has `b.memory = bytes`' },
      ],
      claims: 2,
    },
    {
      name: 'a one-line helper that lost a segment',
      files,
      doc: `# Subjects\n\n${fence}go\nfunc scanSubject(depot, parcel string) string { return "scans." + parcel }\n${fence}\n`,
      expect: [{ code: 'snippet-drift', line: 4, message: 'scanSubject' }],
      output: `# Subjects\n\n${fence}go\nfunc scanSubject(depot, parcel string) string { return "scans." + depot + "." + parcel }\n${fence}\n`,
    },
    {
      name: 'a grouped constant that changed value',
      files,
      doc: `# Streams\n\n${fence}go\nconst (\n\tStreamScans    = "SCANS"\n\tStreamDispatch = "DISPATCHES"\n)\n${fence}\n`,
      expect: [{ code: 'snippet-drift', line: 6, message: 'StreamDispatch = "DISPATCH"' }],
      output: `# Streams\n\n${fence}go\nconst (\n\tStreamScans    = "SCANS"\n\tStreamDispatch = "DISPATCH"\n)\n${fence}\n`,
    },
    {
      name: 'a struct type that gained a field in the doc',
      files,
      doc: `# Retry\n\n${fence}go\ntype Policy struct {\n\tAttempts int\n\tBase     time.Duration\n\tMax      time.Duration\n\tJitter   bool\n}\n${fence}\n`,
      expect: [
        { code: 'snippet-drift', line: 4, message: '`Policy` differs' },
        { code: 'snippet-drift', line: 7, message: 'no such line' },
      ],
    },
    {
      name: 'an elided body only has to match the lines it shows',
      files,
      doc: `# Streams\n\n${fence}go\nfunc EnsureStreams(ctx context.Context, js jetstream.JetStream, retention time.Duration) error {\n\t// ...\n\tfor _, cfg := range configs {\n\t\t// ...\n\t}\n\treturn nil\n}\n${fence}\n`,
      expect: [],
    },
    {
      name: 'a function the workspace does not have is unknown, over the whole block',
      files,
      doc: `# Retry\n\n${fence}go\nfunc Jitter(d time.Duration) time.Duration {\n\treturn d + time.Duration(rand.Int63n(int64(d)))\n}\n${fence}\n`,
      expect: [{ code: 'snippet-unknown', line: 4, message: '`Jitter`, which does not exist in the workspace' }],
    },
    {
      name: 'one unknown declaration beside a known one is reported on its own',
      files,
      doc: `# Retry\n\n${fence}go\nconst MaxAttempts = 6\n\nfunc Retry(fn func() error) error {\n\treturn fn()\n}\n${fence}\n`,
      expect: [{ code: 'snippet-unknown', line: 6, message: '`Retry`' }],
    },
    {
      name: 'a source comment pins the symbol to compare with',
      files,
      doc: `# Sandbox\n\n<!-- doc-truth: source=internal/sandbox/render.go#RenderConfig -->\n${fence}go\nfunc RenderConfig(image string) *Builder {\n\tb := NewBuilder(image).\n\t\tReadOnlyRoot().\n\t\tMemory(renderMemory)\n\treturn b\n}\n${fence}\n`,
      expect: [
        { code: 'snippet-drift', line: 5, message: '`RenderConfig` differs' },
        { code: 'snippet-drift', line: 7, message: 'leaves out code of `RenderConfig` before `ReadOnlyRoot().`: code has `DropAllCapabilities().`' },
      ],
    },
    {
      name: 'a source comment naming a symbol the file lacks is unknown',
      files,
      doc: `# Sandbox\n\n<!-- doc-truth: source=internal/sandbox/render.go#LabelConfig -->\n${fence}go\nb := NewBuilder(image)\n${fence}\n`,
      expect: [{ code: 'snippet-unknown', line: 3, message: '`LabelConfig`' }],
    },
  ]);
});

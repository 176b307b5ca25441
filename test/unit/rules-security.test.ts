import { runRuleCases } from '../helpers/ruleTester';
import { securityContainer } from '../../server/src/rules/security/securityRules';

// A report renderer runs untrusted templates in a container built from a literal HostConfig.
const RENDERER = `package sandbox

import (
	"github.com/docker/docker/api/types/container"
)

const (
	renderMemory = 384 * 1024 * 1024
	renderPids   = 96
)

func hostConfig() *container.HostConfig {
	pids := int64(renderPids)
	return &container.HostConfig{
		CapDrop:        []string{"ALL"},
		SecurityOpt:    []string{"no-new-privileges:true"},
		ReadonlyRootfs: true,
		NetworkMode:    "none",
		Tmpfs:          map[string]string{"/scratch": "rw,noexec,size=32m"},
		Resources: container.Resources{
			Memory:     renderMemory,
			MemorySwap: renderMemory,
			NanoCPUs:   1_500_000_000,
			PidsLimit:  &pids,
		},
	}
}

func config(image string) *container.Config {
	return &container.Config{Image: image, User: "10001:10001"}
}
`;

// A second service assembles its container through a builder; one method is never called.
const BUILDER = `package jail

import "github.com/docker/docker/api/types/container"

type Builder struct{ hc *container.HostConfig }

func New() *Builder { return &Builder{hc: &container.HostConfig{}} }

func (b *Builder) Memory(bytes int64) *Builder {
	b.hc.Resources.Memory = bytes
	return b
}

func (b *Builder) Seccomp(profile string) *Builder {
	b.hc.SecurityOpt = append(b.hc.SecurityOpt, "seccomp="+profile)
	return b
}

func (b *Builder) NoNewPrivileges() *Builder {
	b.hc.SecurityOpt = append(b.hc.SecurityOpt, "no-new-privileges:true")
	return b
}

func (b *Builder) Offline() *Builder {
	b.hc.NetworkMode = "none"
	return b
}

func (b *Builder) Build() *container.HostConfig { return b.hc }
`;

const RUNNER = `package jail

const grabberMemory = 64 << 20

func HostConfig() *container.HostConfig {
	return New().Memory(grabberMemory).NoNewPrivileges().Offline().Build()
}
`;

const MAIN = 'package main\n\nfunc main() {}\n';

const files = {
  'services/report-renderer/go.mod': 'module example.com/reports\n\ngo 1.22\n',
  'services/report-renderer/cmd/report-renderer/main.go': MAIN,
  'services/report-renderer/internal/sandbox/container.go': RENDERER,
  'services/feed-grabber/go.mod': 'module example.com/grabber\n\ngo 1.22\n',
  'services/feed-grabber/cmd/feed-grabber/main.go': MAIN,
  'services/feed-grabber/internal/jail/builder.go': BUILDER,
  'services/feed-grabber/internal/jail/runner.go': RUNNER,
};

describe('security rules', () => {
  runRuleCases(securityContainer, [
    {
      name: 'true isolation bullets and compose excerpt are silent',
      files,
      doc: `# Report Renderer

Templates run in a container with:

- All Linux capabilities are dropped.
- \`no-new-privileges:true\` is set.
- The root filesystem is read-only.
- Networking is disabled: network mode \`none\`.
- Memory is capped at 384 MiB and swap is disabled.
- At most 96 processes.
- 1.5 CPUs.
- It runs as user \`10001:10001\`.

\`\`\`yaml
services:
  renderer:
    mem_limit: 384m
    memswap_limit: 384m
    pids_limit: 96
    cpus: 1.5
    network_mode: none
    read_only: true
    cap_drop:
      - ALL
\`\`\`
`,
      expect: [],
      claims: 10,
    },
    {
      name: 'wrong limits in bullets and yaml are errors with fixes in the doc units',
      files,
      doc: `# Report Renderer

- Memory is capped at 512 MiB.
- At most 64 processes.

\`\`\`yaml
services:
  renderer:
    mem_limit: 256m
    network_mode: bridge
\`\`\`
`,
      expect: [
        { code: 'security-container', line: 3, message: '384 MiB' },
        { code: 'security-container', line: 4, message: '96' },
        { code: 'security-container', line: 9, message: '384 MiB' },
        { code: 'security-container', line: 10, message: 'none' },
      ],
      output: `# Report Renderer

- Memory is capped at 384 MiB.
- At most 96 processes.

\`\`\`yaml
services:
  renderer:
    mem_limit: 384m
    network_mode: none
\`\`\`
`,
    },
    {
      name: 'builder: values come from call sites, and a method nobody calls applies nothing',
      files,
      doc: `# Feed Grabber

- Memory is limited to 64 MiB.
- \`no-new-privileges\` is set and networking is disabled.
- A custom seccomp profile is applied.
`,
      expect: [{ code: 'security-container', line: 5, message: 'seccomp' }],
    },
  ]);
});

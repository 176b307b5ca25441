import { runRuleCases } from '../helpers/ruleTester';
import { envDefault, envRequired, envRequiredDefault, envUndocumented, envUnknown } from '../../server/src/rules/env/envRules';

const RULES = [envUnknown, envDefault, envRequiredDefault, envRequired, envUndocumented];

// A relay service: envconfig settings, a getEnv helper, and one variable read bare.
const RELAY_CONFIG = `package config

import (
	"os"
	"strconv"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// Settings are read once at start-up.
type Settings struct {
	ListenAddr   string        \`envconfig:"RELAY_LISTEN_ADDR" default:":8090"\`
	NatsURL      string        \`envconfig:"RELAY_NATS_URL" required:"true"\`
	BatchSize    int           \`envconfig:"RELAY_BATCH_SIZE" default:"250"\`
	FlushEvery   time.Duration \`envconfig:"RELAY_FLUSH_EVERY" default:"2s"\`
}

func Load() (Settings, error) {
	var s Settings
	err := envconfig.Process("", &s)
	return s, err
}

func getEnv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return fallback
}

func workers() int {
	n, _ := strconv.Atoi(getEnv("RELAY_WORKERS", "4"))
	return n
}

func region() string {
	return os.Getenv("RELAY_REGION")
}
`;

const RELAY_MAIN = `package main

import "example.com/relay/internal/config"

func main() {
	_, _ = config.Load()
}
`;

const files = {
  'services/relay/go.mod': 'module example.com/relay\n\ngo 1.22\n',
  'services/relay/cmd/relay/main.go': RELAY_MAIN,
  'services/relay/internal/config/config.go': RELAY_CONFIG,
};

describe('env rules', () => {
  runRuleCases(RULES, [
    {
      name: 'a true env table is silent',
      files,
      doc: `# Runtime

## Relay

| Variable | Default | Purpose |
|---|---|---|
| \`RELAY_LISTEN_ADDR\` | \`:8090\` | HTTP listen address |
| \`RELAY_NATS_URL\` | required | NATS server |
| \`RELAY_BATCH_SIZE\` | \`250\` | messages per batch |
| \`RELAY_FLUSH_EVERY\` | \`2000ms\` | flush period |
| \`RELAY_WORKERS\` | \`4\` | parallel writers |
| \`RELAY_REGION\` | none | region tag |
`,
      expect: [],
      claims: 6,
    },
    {
      name: 'a wrong default is an error with a fix; a typo gets the near miss',
      files,
      doc: `# Runtime

## Relay

| Variable | Default | Purpose |
|---|---|---|
| \`RELAY_LISTEN_ADDR\` | \`:8080\` | HTTP listen address |
| \`RELAY_NATS_URL\` | required | NATS server |
| \`RELAY_BATCH_SIZ\` | \`250\` | messages per batch |
| \`RELAY_FLUSH_EVERY\` | \`2s\` | flush period |
| \`RELAY_WORKERS\` | \`4\` | parallel writers |
| \`RELAY_REGION\` | none | region tag |
`,
      expect: [
        { code: 'env-default', line: 7, message: '`:8090`' },
        { code: 'env-unknown', line: 9, message: 'RELAY_BATCH_SIZE' },
      ],
      output: `# Runtime

## Relay

| Variable | Default | Purpose |
|---|---|---|
| \`RELAY_LISTEN_ADDR\` | \`:8090\` | HTTP listen address |
| \`RELAY_NATS_URL\` | required | NATS server |
| \`RELAY_BATCH_SIZE\` | \`250\` | messages per batch |
| \`RELAY_FLUSH_EVERY\` | \`2s\` | flush period |
| \`RELAY_WORKERS\` | \`4\` | parallel writers |
| \`RELAY_REGION\` | none | region tag |
`,
    },
    {
      name: 'a Required column and bare (unquoted) names in the variable column',
      files,
      doc: `# Relay

| Name | Env var | Required | Default |
|---|---|---|---|
| listen | RELAY_LISTEN_ADDR | No | \`:8090\` |
| nats | RELAY_NATS_URL | No | |
| batch | RELAY_BATCH_SIZE | Yes | \`250\` |
| workers | RELAY_WORKERS | No | \`4\` |
| flush | RELAY_FLUSH_EVERY | No | \`2s\` |
| region | RELAY_REGION | No | |
`,
      expect: [
        { code: 'env-required', line: 6, message: 'requires it' },
        { code: 'env-required', line: 7, message: 'default `250`' },
      ],
      output: `# Relay

| Name | Env var | Required | Default |
|---|---|---|---|
| listen | RELAY_LISTEN_ADDR | No | \`:8090\` |
| nats | RELAY_NATS_URL | Yes | |
| batch | RELAY_BATCH_SIZE | Yes | \`250\` |
| workers | RELAY_WORKERS | No | \`4\` |
| flush | RELAY_FLUSH_EVERY | No | \`2s\` |
| region | RELAY_REGION | No | |
`,
    },
    {
      name: 'a default claimed for a required variable',
      files,
      doc: `# Relay

- Variable: \`RELAY_NATS_URL\`
- Default: \`nats://localhost:4222\`
- Purpose: where messages go.
`,
      expect: [{ code: 'env-required-default', line: 4 }],
    },
    {
      name: 'definition lists and prose defaults',
      files,
      doc: `# Relay

- Variable: \`RELAY_WORKERS\`
- Default: \`8\`

Batches flush every \`RELAY_FLUSH_EVERY\` (default \`5s\`).
`,
      expect: [
        { code: 'env-default', line: 4, message: '`4`' },
        { code: 'env-default', line: 6, message: '`2s`' },
      ],
    },
    {
      name: 'an env section of definition lists that leaves variables out',
      files,
      doc: `# Relay

## Environment

- Variable: \`RELAY_LISTEN_ADDR\`
- Default: \`:8090\`

- Variable: \`RELAY_NATS_URL\`
- Default: required
`,
      expect: [{ code: 'env-undocumented', line: 3, message: 'RELAY_WORKERS' }],
    },
    {
      name: 'variables the service reads but its table omits: one warning on the section heading',
      files,
      doc: `# Runtime

## Relay environment

| Variable | Default |
|---|---|
| \`RELAY_LISTEN_ADDR\` | \`:8090\` |
| \`RELAY_NATS_URL\` | required |
`,
      expect: [{ code: 'env-undocumented', line: 3, message: 'RELAY_BATCH_SIZE' }],
    },
    {
      name: 'backticked upper-case words in prose are not env claims without context',
      files,
      doc: `# Relay

Responses carry \`HTTP_OK\` or \`NOT_FOUND\` codes, and \`RELAY_WORKERS\` goroutines write them.
`,
      expect: [],
    },
    {
      name: 'shell blocks: an exported name nobody reads',
      files,
      doc: `# Relay

\`\`\`bash
export RELAY_NATS_URL=nats://nats:4222
export RELAY_WORKER=2
\`\`\`
`,
      expect: [{ code: 'env-unknown', line: 5, message: 'RELAY_WORKERS' }],
    },
  ]);
});

import { runRuleCases } from '../helpers/ruleTester';
import { serviceDependency } from '../../server/src/rules/service/serviceDependency';

// A notifier service reaches MongoDB only through the shared `store` package; a mailer uses nothing.
const files = {
  'go.mod': 'module example.com/outpost\n\ngo 1.22\n',
  'internal/store/store.go': `package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

type Store struct{ db *mongo.Database }

func (s *Store) Ping(ctx context.Context) error { return s.db.Client().Ping(ctx, nil) }
`,
  'internal/notifier/notifier.go': `package notifier

import (
	"github.com/nats-io/nats.go"

	"example.com/outpost/internal/store"
)

type Notifier struct {
	nc *nats.Conn
	db *store.Store
}
`,
  'internal/mailer/mailer.go': `package mailer

import "net/smtp"

func Send(addr string) error { return smtp.SendMail(addr, nil, "", nil, nil) }
`,
  'cmd/notifier/main.go': 'package main\n\nfunc main() {}\n',
  'cmd/mailer/main.go': 'package main\n\nfunc main() {}\n',
};

describe('service-dependency', () => {
  runRuleCases(serviceDependency, [
    {
      name: 'true negative claims are silent',
      files,
      doc: `# Outpost

The mailer keeps nothing in MongoDB and never talks to NATS.

The \`notifier\` does not use Docker.
`,
      expect: [],
      claims: 2,
    },
    {
      name: 'a service said to keep nothing in MongoDB that reaches it through a workspace package',
      files,
      doc: `# Outpost

The notifier is stateless: it keeps nothing in MongoDB, so it scales freely.
`,
      expect: [{ code: 'service-dependency', line: 3, message: 'through `internal/store`' }],
    },
    {
      name: 'a direct import contradicts "never connects to"',
      files,
      doc: `# Outpost

- \`notifier\` never connects to NATS; it only reads the store.
`,
      expect: [{ code: 'service-dependency', line: 3, message: 'NATS' }],
    },
    {
      name: 'sentences naming two services or no backend are not judged',
      files,
      doc: `# Outpost

The notifier and the mailer do not use Redis. The notifier does not use much memory.
`,
      expect: [],
    },
  ]);
});

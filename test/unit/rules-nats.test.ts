import { runRuleCases } from '../helpers/ruleTester';
import { natsDirection, natsQueueGroup, natsStream, natsUnknownSubject } from '../../server/src/rules/nats/natsRules';

const RULES = [natsUnknownSubject, natsDirection, natsQueueGroup, natsStream];

const SUBJECTS = `package bus

import "fmt"

// Subjects shared by the courier services.
const (
	SubjectParcelScanned = "parcel.scanned"
	SubjectRouteAssigned = "route.assigned"
	QueueDispatchers     = "dispatchers"
)

// DriverPing is where a driver's app reports in.
func DriverPing(driverID string) string {
	return fmt.Sprintf("driver.%s.ping", driverID)
}
`;

const STREAMS = `package bus

import (
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

var Streams = []jetstream.StreamConfig{
	{
		Name:      "PARCELS",
		Subjects:  []string{"parcel.>"},
		Retention: jetstream.LimitsPolicy,
		Storage:   jetstream.FileStorage,
		MaxAge:    72 * time.Hour,
	},
	{
		Name:      "DRIVERS",
		Subjects:  []string{"driver.*.ping"},
		Retention: jetstream.InterestPolicy,
		Storage:   jetstream.MemoryStorage,
	},
}
`;

const SCANNER = `package scanner

import (
	"github.com/nats-io/nats.go"

	"example.com/courier/internal/bus"
)

func Publish(nc *nats.Conn, payload []byte) error {
	return nc.Publish(bus.SubjectParcelScanned, payload)
}
`;

const DISPATCH = `package dispatch

import (
	"github.com/nats-io/nats.go"

	"example.com/courier/internal/bus"
)

func Listen(nc *nats.Conn, handle nats.MsgHandler) error {
	if _, err := nc.QueueSubscribe(bus.SubjectParcelScanned, bus.QueueDispatchers, handle); err != nil {
		return err
	}
	_, err := nc.Subscribe(bus.DriverPing("*"), handle)
	return err
}

func Assign(nc *nats.Conn, route []byte) error {
	return nc.Publish(bus.SubjectRouteAssigned, route)
}
`;

const MAIN = 'package main\n\nfunc main() {}\n';

const files = {
  'go.mod': 'module example.com/courier\n\ngo 1.22\n',
  'internal/bus/subjects.go': SUBJECTS,
  'internal/bus/streams.go': STREAMS,
  'internal/scanner/publish.go': SCANNER,
  'internal/dispatch/listen.go': DISPATCH,
  'cmd/scanner/main.go': MAIN,
  'cmd/dispatch/main.go': MAIN,
};

describe('nats rules', () => {
  runRuleCases(RULES, [
    {
      name: 'a true subjects table and stream table are silent',
      files,
      doc: `# Messaging

| Subject | Stream | Published by | Consumed by | Queue group |
|---|---|---|---|---|
| \`parcel.scanned\` | PARCELS | scanner | dispatch | \`dispatchers\` |
| \`driver.<driver-id>.ping\` | DRIVERS | driver app | dispatch | |
| \`route.assigned\` | | dispatch | driver app | |

| Stream | Subjects | Retention | Storage | Max age |
|---|---|---|---|---|
| \`PARCELS\` | \`parcel.>\` | limits | file | 3 days |
| \`DRIVERS\` | \`driver.*.ping\` | interest | memory | none |
`,
      expect: [],
      claims: 6,
    },
    {
      name: 'a typo subject, a wrong publisher, a wrong queue group',
      files,
      doc: `# Messaging

| Subject | Published by | Consumed by | Queue group |
|---|---|---|---|
| \`parcel.scaned\` | scanner | dispatch | \`dispatchers\` |
| \`route.assigned\` | scanner | driver app | |
| \`parcel.scanned\` | scanner | dispatch | \`dispatcher\` |
`,
      expect: [
        { code: 'nats-unknown-subject', line: 5, message: 'parcel.scanned' },
        { code: 'nats-direction', line: 6, message: 'dispatch' },
        { code: 'nats-queue-group', line: 7, message: 'dispatchers' },
      ],
      output: `# Messaging

| Subject | Published by | Consumed by | Queue group |
|---|---|---|---|
| \`parcel.scanned\` | scanner | dispatch | \`dispatchers\` |
| \`route.assigned\` | scanner | driver app | |
| \`parcel.scanned\` | scanner | dispatch | \`dispatchers\` |
`,
    },
    {
      name: 'stream subjects with the wrong wildcard and a wrong storage',
      files,
      doc: `# Streams

| Stream | Subjects | Storage |
|---|---|---|
| \`PARCELS\` | \`parcel.*\` | file |
| \`DRIVERS\` | \`driver.*.ping\` | file |
`,
      expect: [
        { code: 'nats-stream', line: 5, message: 'parcel.>' },
        { code: 'nats-stream', line: 6, message: 'memory' },
      ],
    },
    {
      name: 'prose: a subject nobody uses, next to ones that exist',
      files,
      doc: `# Dispatch

The dispatcher consumes \`parcel.scanned\` and publishes \`route.assigned\`; drivers report on \`driver.<id>.ping\` and cancel on \`route.cancelled\`.
`,
      expect: [{ code: 'nats-unknown-subject', line: 3, message: 'route.cancelled' }],
    },
    {
      name: 'stream settings and queue groups written in prose, tables without backticks',
      files,
      doc: `# Messaging

- Stream \`PARCELS\`, subjects \`parcel.>\`, limits retention, file storage.
- Messages are dropped after 7 days (MaxAge).
- Dispatchers share the queue group \`dispatcher\`.

| Subject | Publisher | Subscriber |
|---|---|---|
| parcel.scanned | scanner | dispatch |
| parcel.lost | scanner | dispatch |
`,
      expect: [
        { code: 'nats-stream', line: 4, message: 'MaxAge 7 days; the code sets 72h' },
        { code: 'nats-queue-group', line: 5, message: 'dispatcher' },
        { code: 'nats-unknown-subject', line: 10, message: 'parcel.lost' },
      ],
      output: `# Messaging

- Stream \`PARCELS\`, subjects \`parcel.>\`, limits retention, file storage.
- Messages are dropped after 3 days (MaxAge).
- Dispatchers share the queue group \`dispatchers\`.

| Subject | Publisher | Subscriber |
|---|---|---|
| parcel.scanned | scanner | dispatch |
| parcel.lost | scanner | dispatch |
`,
    },
    {
      name: 'dotted config keys and file names are not subjects',
      files,
      doc: `# Config

Set \`parcel.retention\` in \`config.yaml\`; the \`route.v1\` package holds the proto types.

Subjects are built with \`fmt.Sprintf\` from the constants in \`bus.SubjectParcelScanned\`.
`,
      expect: [],
    },
  ]);
});

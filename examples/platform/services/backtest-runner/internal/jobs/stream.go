// Package jobs moves backtest jobs through the BACKTEST_JOBS work queue: the API enqueues, the
// workers of every replica share one durable consumer.
package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"example.com/platform/pkg/subjects"
	"github.com/nats-io/nats.go/jetstream"
)

const (
	streamName  = "BACKTEST_JOBS"
	durableName = "backtest-runner"
)

// Job is one backtest request as it travels through the queue.
type Job struct {
	ID             string            `json:"id"`
	Strategy       string            `json:"strategy"`
	Symbols        []string          `json:"symbols"`
	From           time.Time         `json:"from"`
	To             time.Time         `json:"to"`
	InitialCapital float64           `json:"initial_capital"`
	Params         map[string]string `json:"params,omitempty"`
}

// EnsureStream creates the work queue. A job is removed once a worker acks it, so MaxAge only
// matters for jobs nobody picks up.
func EnsureStream(ctx context.Context, js jetstream.JetStream) (jetstream.Stream, error) {
	return js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:      streamName,
		Subjects:  []string{subjects.BacktestJobs},
		Retention: jetstream.WorkQueuePolicy,
		Storage:   jetstream.FileStorage,
		MaxAge:    72 * time.Hour,
	})
}

// Enqueue publishes a job; the job ID doubles as the message ID, so a retried submit is stored
// once.
func Enqueue(ctx context.Context, js jetstream.JetStream, job Job) error {
	data, err := json.Marshal(job)
	if err != nil {
		return err
	}
	if _, err := js.Publish(ctx, subjects.BacktestSubmitted, data, jetstream.WithMsgID(job.ID)); err != nil {
		return fmt.Errorf("enqueue backtest %s: %w", job.ID, err)
	}
	return nil
}

// Consumer returns the shared durable consumer of submitted jobs.
func Consumer(ctx context.Context, stream jetstream.Stream, ackWait time.Duration, maxDeliver int) (jetstream.Consumer, error) {
	return stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       durableName,
		FilterSubject: subjects.BacktestSubmitted,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       ackWait,
		MaxDeliver:    maxDeliver,
	})
}

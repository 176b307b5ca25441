package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"example.com/platform/pkg/subjects"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Executor runs one job to completion and returns where its report was stored.
type Executor func(ctx context.Context, job Job) (reportKey string, err error)

// Worker pulls jobs and runs them, at most one per worker goroutine.
type Worker struct {
	nc       *nats.Conn
	consumer jetstream.Consumer
	exec     Executor
	timeout  time.Duration
}

// NewWorker returns a worker over a shared consumer.
func NewWorker(nc *nats.Conn, consumer jetstream.Consumer, exec Executor, timeout time.Duration) *Worker {
	return &Worker{nc: nc, consumer: consumer, exec: exec, timeout: timeout}
}

// Run processes jobs until ctx ends. A job that fails is terminated rather than redelivered:
// strategy errors are deterministic, a retry would fail the same way.
func (w *Worker) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		msgs, err := w.consumer.Fetch(1, jetstream.FetchMaxWait(30*time.Second))
		if err != nil {
			return err
		}
		for msg := range msgs.Messages() {
			w.handle(ctx, msg)
		}
	}
	return ctx.Err()
}

func (w *Worker) handle(ctx context.Context, msg jetstream.Msg) {
	var job Job
	if err := json.Unmarshal(msg.Data(), &job); err != nil {
		_ = msg.Term()
		return
	}
	jobCtx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	key, err := w.exec(jobCtx, job)
	if err != nil {
		slog.Warn("backtest failed", "id", job.ID, "err", err)
		_ = msg.Term()
		w.announce(job.ID, "failed", "")
		return
	}
	_ = msg.Ack()
	w.announce(job.ID, "succeeded", key)
}

// announce tells listeners a job finished; progress watchers use the per-job subject.
func (w *Worker) announce(id, status, reportKey string) {
	data, _ := json.Marshal(map[string]string{"id": id, "status": status, "report_key": reportKey})
	_ = w.nc.Publish(subjects.BacktestCompleted, data)
	_ = w.nc.Publish(fmt.Sprintf("backtest.%s.progress", id), []byte(`{"percent":100}`))
}

// Command backtest-runner serves BacktestService and runs queued backtests in sandboxed
// containers, WORKERS at a time per replica.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	backtestv1 "example.com/platform/pkg/gen/platform/backtest/v1"
	"example.com/platform/pkg/health"
	"example.com/platform/pkg/mongox"
	"example.com/platform/services/backtest-runner/internal/api"
	"example.com/platform/services/backtest-runner/internal/config"
	"example.com/platform/services/backtest-runner/internal/jobs"
	"example.com/platform/services/backtest-runner/internal/results"
	"example.com/platform/services/backtest-runner/internal/sandbox"
	"example.com/platform/services/backtest-runner/internal/store"
	"github.com/docker/docker/client"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/grpc"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		slog.Error("backtest-runner stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	nc, err := nats.Connect(cfg.NATS.URL, nats.Name("backtest-runner"))
	if err != nil {
		return err
	}
	defer nc.Drain()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	stream, err := jobs.EnsureStream(ctx, js)
	if err != nil {
		return err
	}
	consumer, err := jobs.Consumer(ctx, stream, cfg.NATS.AckWait, cfg.NATS.MaxDeliver)
	if err != nil {
		return err
	}

	mc, err := mongox.Connect(ctx, cfg.Mongo.URI, "backtest-runner")
	if err != nil {
		return err
	}
	defer mc.Disconnect(context.Background())
	st := store.New(mc.Database(cfg.Mongo.Database))
	if err := st.EnsureIndexes(ctx); err != nil {
		return err
	}

	mio, err := minio.New(cfg.MinIO.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(cfg.MinIO.AccessKey, cfg.MinIO.SecretKey, ""),
		Secure: cfg.MinIO.UseSSL,
	})
	if err != nil {
		return err
	}
	objects, err := results.New(ctx, mio)
	if err != nil {
		return err
	}

	docker, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return err
	}
	sb := sandbox.NewRunner(docker, cfg.Sandbox)
	exec := func(ctx context.Context, job jobs.Job) (string, error) {
		outDir, err := os.MkdirTemp("", "backtest-"+job.ID)
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(outDir)
		if _, err := sb.Run(ctx, job.ID, outDir, []string{"BACKTEST_STRATEGY=" + job.Strategy}); err != nil {
			_ = st.Finish(ctx, job.ID, "failed", "", time.Now())
			return "", err
		}
		key, err := objects.UploadRun(ctx, job.ID, filepath.Clean(outDir))
		if err == nil {
			err = st.Finish(ctx, job.ID, "succeeded", key, time.Now())
		}
		return key, err
	}
	for i := 0; i < cfg.Workers; i++ {
		w := jobs.NewWorker(nc, consumer, exec, cfg.JobTimeout)
		go func() { _ = w.Run(ctx) }()
	}

	lis, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		return err
	}
	srv := grpc.NewServer()
	backtestv1.RegisterBacktestServiceServer(srv, api.New(js, st))
	go func() { _ = srv.Serve(lis) }()
	defer srv.GracefulStop()

	return health.Serve(ctx, cfg.HealthAddr, func(context.Context) error {
		if !nc.IsConnected() {
			return nats.ErrConnectionClosed
		}
		return nil
	})
}

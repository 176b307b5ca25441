// Command bot-runner starts user bots in sandboxed containers on the Docker host it runs on and
// reports their liveness and state over NATS.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	botv1 "example.com/platform/pkg/gen/platform/bot/v1"
	"example.com/platform/pkg/health"
	"example.com/platform/pkg/mongox"
	"example.com/platform/services/bot-runner/internal/bus"
	"example.com/platform/services/bot-runner/internal/config"
	"example.com/platform/services/bot-runner/internal/grpcserver"
	"example.com/platform/services/bot-runner/internal/sandbox"
	"example.com/platform/services/bot-runner/internal/store"
	"github.com/docker/docker/client"
	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		slog.Error("bot-runner stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	// RUNNER_ID is set by the orchestrator to the node name; the hostname is good enough locally.
	runnerID := os.Getenv("RUNNER_ID")
	if runnerID == "" {
		runnerID, _ = os.Hostname()
	}

	nc, err := nats.Connect(cfg.NATSURL, nats.Name("bot-runner/"+runnerID), nats.MaxReconnects(-1))
	if err != nil {
		return err
	}
	defer nc.Drain()
	b, err := bus.New(nc)
	if err != nil {
		return err
	}
	if err := b.EnsureStream(ctx); err != nil {
		return err
	}

	mc, err := mongox.Connect(ctx, cfg.MongoURI, "bot-runner")
	if err != nil {
		return err
	}
	defer mc.Disconnect(context.Background())
	st := store.New(mc.Database(cfg.MongoDatabase))
	if err := st.EnsureIndexes(ctx); err != nil {
		return err
	}

	docker, err := client.NewClientWithOpts(client.WithHost(cfg.DockerHost), client.WithAPIVersionNegotiation())
	if err != nil {
		return err
	}
	r := newRunner(runnerID, sandbox.New(docker, cfg.BotImage, runnerID), st, b, cfg)
	if err := b.Listen(ctx, r); err != nil {
		return err
	}

	lis, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		return err
	}
	srv := grpc.NewServer()
	botv1.RegisterBotRunnerServiceServer(srv, grpcserver.New(apiRunner{r}))
	go func() { _ = srv.Serve(lis) }()
	defer srv.GracefulStop()

	go r.heartbeats(ctx, cfg.HeartbeatInterval)
	return health.Serve(ctx, cfg.HealthAddr, func(context.Context) error {
		if !nc.IsConnected() {
			return nats.ErrConnectionClosed
		}
		return nil
	})
}

// Command bot-scheduler starts and stops bots on their owners' schedules by sending commands to
// the bot-runners over NATS.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"example.com/platform/pkg/health"
	"example.com/platform/pkg/mongox"
	"example.com/platform/services/bot-scheduler/internal/config"
	"example.com/platform/services/bot-scheduler/internal/dispatch"
	"example.com/platform/services/bot-scheduler/internal/schedule"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		slog.Error("bot-scheduler stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	nc, err := nats.Connect(cfg.NATSURL, nats.Name("bot-scheduler"))
	if err != nil {
		return err
	}
	defer nc.Drain()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}

	mc, err := mongox.Connect(ctx, cfg.MongoURI, "bot-scheduler")
	if err != nil {
		return err
	}
	defer mc.Disconnect(context.Background())
	repo := schedule.NewRepository(mc.Database(cfg.MongoDatabase))
	if err := repo.EnsureIndexes(ctx); err != nil {
		return err
	}

	d := dispatch.New(nc, cfg.StartTimeout)
	if err := d.WatchHeartbeats(); err != nil {
		return err
	}
	cc, err := dispatch.WatchStatus(ctx, js, func(botID, state string) {
		slog.Info("bot state", "bot", botID, "state", state)
	})
	if err != nil {
		return err
	}
	defer cc.Stop()

	go schedule.New(repo, d, cfg.Timezone, cfg.MaxRetries).Run(ctx, cfg.TickInterval)
	return health.Serve(ctx, cfg.HealthAddr, func(context.Context) error {
		if !nc.IsConnected() {
			return nats.ErrConnectionClosed
		}
		return nil
	})
}

// Command market-data connects to the configured exchanges, publishes normalised ticks to NATS,
// serves snapshots and archives daily candles to MinIO.
package main

import (
	"context"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"example.com/platform/pkg/health"
	"example.com/platform/services/market-data/internal/archive"
	"example.com/platform/services/market-data/internal/config"
	"example.com/platform/services/market-data/internal/feed"
	marketdatav1 "example.com/platform/services/market-data/internal/gen/marketdata/v1"
	"example.com/platform/services/market-data/internal/grpcapi"
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
		slog.Error("market-data stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	// Ticks are batched per flush; the server's max_payload must stay above TICK_BATCH_BYTES.
	nc, err := nats.Connect(cfg.NATSURL, nats.Name("market-data"), nats.ReconnectBufSize(cfg.TickBatchBytes*16))
	if err != nil {
		return err
	}
	defer nc.Drain()
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(4096))
	if err != nil {
		return err
	}
	pub, err := feed.NewPublisher(ctx, js)
	if err != nil {
		return err
	}
	snaps := feed.NewSnapshots(cfg.SnapshotTTL)
	if _, err := snaps.Serve(nc); err != nil {
		return err
	}

	mio, err := minio.New(cfg.MinIOEndpoint, &minio.Options{
		Creds: credentials.NewStaticV4(cfg.MinIOAccessKey, cfg.MinIOSecretKey, ""),
	})
	if err != nil {
		return err
	}
	arch := archive.New(mio, cfg.ArchiveMaxBytes)

	fan := feed.NewFanOut()
	go runExchanges(ctx, cfg, pub, snaps, fan, arch)

	lis, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		return err
	}
	srv := grpc.NewServer()
	marketdatav1.RegisterMarketDataServiceServer(srv, grpcapi.New(snaps, fan))
	go func() { _ = srv.Serve(lis) }()
	defer srv.GracefulStop()

	return health.Serve(ctx, cfg.HealthAddr, func(context.Context) error {
		if !nc.IsConnected() {
			return nats.ErrConnectionClosed
		}
		return nil
	})
}

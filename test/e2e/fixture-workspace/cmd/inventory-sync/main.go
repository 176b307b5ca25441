// Command inventory-sync keeps warehouse stock levels in step with order events.
package main

import (
	"context"
	"flag"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/nats-io/nats.go"
	"github.com/rs/zerolog"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"example.com/warehouse/inventory-sync/internal/stock"
)

func main() {
	listen := flag.String("listen", ":9090", "gRPC listen address")
	natsURL := flag.String("nats", nats.DefaultURL, "NATS server URL")
	flag.Parse()

	log := zerolog.New(os.Stderr).With().Timestamp().Str("service", "inventory-sync").Logger()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	nc, err := nats.Connect(*natsURL, nats.Name("inventory-sync"))
	if err != nil {
		log.Fatal().Err(err).Msg("connect to NATS")
	}
	defer nc.Drain()

	ledger := stock.NewLedger()
	if _, err := nc.QueueSubscribe("orders.placed", "inventory-sync", func(m *nats.Msg) {
		if err := ledger.Reserve(m.Data); err != nil {
			log.Warn().Err(err).Msg("reserve stock")
		}
	}); err != nil {
		log.Fatal().Err(err).Msg("subscribe to orders")
	}

	lis, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal().Err(err).Str("addr", *listen).Msg("listen")
	}
	srv := grpc.NewServer()
	healthpb.RegisterHealthServer(srv, health.NewServer())

	go func() {
		<-ctx.Done()
		srv.GracefulStop()
	}()
	log.Info().Str("addr", *listen).Msg("serving")
	if err := srv.Serve(lis); err != nil {
		log.Error().Err(err).Msg("serve")
	}
}

package main

import (
	"bytes"
	"context"
	"log/slog"
	"time"

	"example.com/platform/services/market-data/internal/archive"
	"example.com/platform/services/market-data/internal/config"
	"example.com/platform/services/market-data/internal/exchange"
	"example.com/platform/services/market-data/internal/feed"
	"github.com/parquet-go/parquet-go"
)

// runExchanges streams every configured exchange, reconnecting after a drop, and routes events:
// ticks to NATS and the gRPC streams, books to the snapshot cache, candles to the archive.
func runExchanges(ctx context.Context, cfg config.Config, pub *feed.Publisher, snaps *feed.Snapshots, fan *feed.FanOut, arch *archive.Archiver) {
	events := make(chan exchange.Event, 1024)
	for _, name := range cfg.Exchanges {
		go func(name string) {
			for ctx.Err() == nil {
				if err := exchange.Stream(ctx, name, cfg.Sandbox, events); err != nil {
					slog.Warn("exchange stream ended", "exchange", name, "err", err)
				}
				time.Sleep(cfg.PublishInterval)
			}
		}(name)
	}

	day := map[string][]feed.Candle{}
	flush := time.NewTicker(cfg.ArchiveInterval)
	defer flush.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			switch {
			case ev.Tick != nil:
				_ = pub.Publish(*ev.Tick)
				fan.Broadcast(*ev.Tick)
			case ev.Book != nil:
				snaps.Update(*ev.Book)
			case ev.Candle != nil:
				key := ev.Candle.Exchange + "/" + ev.Candle.Symbol
				day[key] = append(day[key], *ev.Candle)
			}
		case <-flush.C:
			archiveAll(ctx, arch, day)
		}
	}
}

// archiveAll rewrites today's object of every symbol with all candles seen so far; the object
// is replaced whole, so a restart loses at most one interval.
func archiveAll(ctx context.Context, arch *archive.Archiver, day map[string][]feed.Candle) {
	for _, candles := range day {
		if len(candles) == 0 {
			continue
		}
		var buf bytes.Buffer
		if err := parquet.Write(&buf, candles); err != nil {
			slog.Warn("encode candles", "err", err)
			continue
		}
		first := candles[0]
		if err := arch.Put(ctx, first.Exchange, first.Symbol, first.OpenTime, buf.Bytes()); err != nil {
			slog.Warn("archive candles", "exchange", first.Exchange, "symbol", first.Symbol, "err", err)
		}
	}
}

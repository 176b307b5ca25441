// Package feed publishes normalised exchange ticks to NATS and answers snapshot requests.
package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"example.com/platform/pkg/subjects"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// ticksStream keeps a short in-memory window of ticks: late consumers catch up from it, history
// lives in the MinIO archive.
const ticksStream = "MARKET_TICKS"

var ticksPublished = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "platform_market_data_ticks_published_total",
	Help: "Ticks published to NATS, by exchange.",
}, []string{"exchange"})

// Tick is one normalised trade.
type Tick struct {
	Exchange string    `json:"exchange"`
	Symbol   string    `json:"symbol"`
	Price    float64   `json:"price"`
	Size     float64   `json:"size"`
	Side     string    `json:"side"`
	At       time.Time `json:"ts"`
}

// Publisher sends ticks to the MARKET_TICKS stream.
type Publisher struct {
	js jetstream.JetStream
}

// NewPublisher ensures the stream exists and returns a publisher for it.
func NewPublisher(ctx context.Context, js jetstream.JetStream) (*Publisher, error) {
	_, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:      ticksStream,
		Subjects:  []string{subjects.MarketTicks},
		Retention: jetstream.LimitsPolicy,
		Storage:   jetstream.MemoryStorage,
		MaxAge:    15 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", ticksStream, err)
	}
	return &Publisher{js: js}, nil
}

// Publish sends a tick on market.ticks.<exchange>.<symbol>, so consumers can filter by either.
func (p *Publisher) Publish(t Tick) error {
	data, err := json.Marshal(t)
	if err != nil {
		return err
	}
	subject := fmt.Sprintf("market.ticks.%s.%s", t.Exchange, t.Symbol)
	if _, err := p.js.PublishAsync(subject, data); err != nil {
		return err
	}
	ticksPublished.WithLabelValues(t.Exchange).Inc()
	return nil
}

// Candle is one closed one-minute candle.
type Candle struct {
	Exchange string    `parquet:"exchange"`
	Symbol   string    `parquet:"symbol"`
	OpenTime time.Time `parquet:"open_time,timestamp"`
	Open     float64   `parquet:"open"`
	High     float64   `parquet:"high"`
	Low      float64   `parquet:"low"`
	Close    float64   `parquet:"close"`
	Volume   float64   `parquet:"volume"`
}

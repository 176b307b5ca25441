// Package exchange reads the public market streams of the supported exchanges. Each exchange's
// messages are normalised to feed types before they leave this package.
package exchange

import (
	"context"
	"fmt"
	"time"

	"example.com/platform/services/market-data/internal/feed"
	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
)

// Event is what a stream yields: exactly one of its fields is set.
type Event struct {
	Tick   *feed.Tick
	Book   *feed.Book
	Candle *feed.Candle
}

// endpoints maps an exchange to its production and sandbox stream URLs.
var endpoints = map[string][2]string{
	"binance": {"wss://stream.binance.com:9443/stream", "wss://testnet.binance.vision/stream"},
	"kraken":  {"wss://ws.kraken.com/v2", "wss://beta-ws.kraken.com/v2"},
}

// normalizers turn one raw message of an exchange into events.
var normalizers = map[string]func(raw map[string]any) []Event{}

// Stream connects to an exchange and sends its events until ctx ends or the connection drops.
func Stream(ctx context.Context, name string, sandbox bool, out chan<- Event) error {
	urls, ok := endpoints[name]
	if !ok {
		return fmt.Errorf("exchange %q is not supported", name)
	}
	url := urls[0]
	if sandbox {
		url = urls[1]
	}
	dialCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(dialCtx, url, nil)
	if err != nil {
		return fmt.Errorf("dial %s: %w", name, err)
	}
	defer conn.CloseNow()
	normalize := normalizers[name]
	for {
		var raw map[string]any
		if err := wsjson.Read(ctx, conn, &raw); err != nil {
			return err
		}
		if normalize == nil {
			continue
		}
		for _, ev := range normalize(raw) {
			out <- ev
		}
	}
}

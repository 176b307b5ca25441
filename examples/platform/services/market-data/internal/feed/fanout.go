package feed

import (
	"context"
	"strings"
	"sync"
)

// FanOut hands ticks to in-process subscribers (the gRPC streams). A slow subscriber loses ticks
// rather than slowing the feed down.
type FanOut struct {
	mu   sync.Mutex
	subs map[chan Tick]map[string]bool
}

// NewFanOut returns an empty fan-out.
func NewFanOut() *FanOut {
	return &FanOut{subs: map[chan Tick]map[string]bool{}}
}

// Subscribe returns ticks of the given symbols ({"binance": "BTCUSDT,ETHUSDT"}) until ctx ends.
func (f *FanOut) Subscribe(ctx context.Context, symbols map[string]string) <-chan Tick {
	want := map[string]bool{}
	for exchange, list := range symbols {
		for _, sym := range strings.Split(list, ",") {
			want[exchange+"/"+strings.TrimSpace(sym)] = true
		}
	}
	ch := make(chan Tick, 256)
	f.mu.Lock()
	f.subs[ch] = want
	f.mu.Unlock()
	go func() {
		<-ctx.Done()
		f.mu.Lock()
		delete(f.subs, ch)
		f.mu.Unlock()
		close(ch)
	}()
	return ch
}

// Broadcast offers a tick to every interested subscriber.
func (f *FanOut) Broadcast(t Tick) {
	key := t.Exchange + "/" + t.Symbol
	f.mu.Lock()
	defer f.mu.Unlock()
	for ch, want := range f.subs {
		if !want[key] {
			continue
		}
		select {
		case ch <- t:
		default:
		}
	}
}

package feed

import (
	"encoding/json"
	"sync"
	"time"

	"example.com/platform/pkg/subjects"
	"github.com/nats-io/nats.go"
)

// snapshotQueue lets every market-data replica answer snapshot requests; NATS picks one.
const snapshotQueue = "market-data"

// Book is the latest top of book of one symbol.
type Book struct {
	Exchange string    `json:"exchange"`
	Symbol   string    `json:"symbol"`
	BidPrice float64   `json:"bid_price"`
	BidSize  float64   `json:"bid_size"`
	AskPrice float64   `json:"ask_price"`
	AskSize  float64   `json:"ask_size"`
	AsOf     time.Time `json:"as_of"`
}

// Snapshots caches books and serves them over request/reply.
type Snapshots struct {
	ttl   time.Duration
	mu    sync.RWMutex
	books map[string]Book
}

// NewSnapshots returns a cache whose entries expire after ttl.
func NewSnapshots(ttl time.Duration) *Snapshots {
	return &Snapshots{ttl: ttl, books: map[string]Book{}}
}

// Update stores the newest book of a symbol.
func (s *Snapshots) Update(b Book) {
	s.mu.Lock()
	s.books[b.Exchange+"/"+b.Symbol] = b
	s.mu.Unlock()
}

// Get returns the cached book of a symbol, fresh or not.
func (s *Snapshots) Get(exchange, symbol string) (Book, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.books[exchange+"/"+symbol]
	return b, ok
}

// Serve answers `market.snapshot.get` requests whose body is {"exchange","symbol"}. A stale book
// is answered with an error so callers never trade on old prices.
func (s *Snapshots) Serve(nc *nats.Conn) (*nats.Subscription, error) {
	return nc.QueueSubscribe(subjects.MarketSnapshot, snapshotQueue, func(m *nats.Msg) {
		var req struct{ Exchange, Symbol string }
		if err := json.Unmarshal(m.Data, &req); err != nil {
			_ = m.Respond([]byte(`{"error":"malformed request"}`))
			return
		}
		b, ok := s.Get(req.Exchange, req.Symbol)
		if !ok || time.Since(b.AsOf) > s.ttl {
			_ = m.Respond([]byte(`{"error":"no fresh snapshot"}`))
			return
		}
		data, _ := json.Marshal(b)
		_ = m.Respond(data)
	})
}

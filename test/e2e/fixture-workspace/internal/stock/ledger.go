// Package stock holds the in-memory reservation ledger of inventory-sync.
package stock

import (
	"encoding/json"
	"fmt"
	"sync"
)

// Reservation is the part of an orders.placed event that moves stock.
type Reservation struct {
	OrderID  string `json:"order_id"`
	SKU      string `json:"sku"`
	Quantity int    `json:"quantity"`
}

// Ledger counts reserved units per SKU.
type Ledger struct {
	mu       sync.Mutex
	reserved map[string]int
}

func NewLedger() *Ledger {
	return &Ledger{reserved: make(map[string]int)}
}

// Reserve decodes an orders.placed payload and books its quantity against the SKU.
func (l *Ledger) Reserve(payload []byte) error {
	var r Reservation
	if err := json.Unmarshal(payload, &r); err != nil {
		return fmt.Errorf("decode reservation: %w", err)
	}
	if r.Quantity <= 0 {
		return fmt.Errorf("order %s: quantity must be positive, got %d", r.OrderID, r.Quantity)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reserved[r.SKU] += r.Quantity
	return nil
}

// Reserved returns the units currently booked for sku.
func (l *Ledger) Reserved(sku string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reserved[sku]
}

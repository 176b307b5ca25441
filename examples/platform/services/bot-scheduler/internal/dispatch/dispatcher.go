// Package dispatch talks to the bot-runners over NATS: start requests wait for a runner's
// acknowledgement, stops are broadcast, and heartbeats tell which bots are alive.
package dispatch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"example.com/platform/pkg/subjects"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// queueGroup lets scheduler replicas share the heartbeat load.
const queueGroup = "bot-scheduler"

// statusConsumer is the scheduler's durable view of bot state changes in BOT_EVENTS.
const statusConsumer = "bot-scheduler"

// StartCommand is what a runner needs to start a bot.
type StartCommand struct {
	BotID    string            `json:"bot_id"`
	OwnerID  string            `json:"owner_id"`
	Strategy string            `json:"strategy"`
	Params   map[string]string `json:"params,omitempty"`
}

// Dispatcher sends commands and tracks liveness.
type Dispatcher struct {
	nc      *nats.Conn
	timeout time.Duration

	mu       sync.Mutex
	lastSeen map[string]time.Time
}

// New returns a dispatcher whose start requests give up after timeout.
func New(nc *nats.Conn, timeout time.Duration) *Dispatcher {
	return &Dispatcher{nc: nc, timeout: timeout, lastSeen: map[string]time.Time{}}
}

// Start asks one runner to start the bot and returns the runner's refusal, if any.
func (d *Dispatcher) Start(cmd StartCommand) error {
	data, err := json.Marshal(cmd)
	if err != nil {
		return err
	}
	msg, err := d.nc.Request(subjects.BotStart, data, d.timeout)
	if err != nil {
		return fmt.Errorf("start %s: %w", cmd.BotID, err)
	}
	var reply struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(msg.Data, &reply) == nil && reply.Error != "" {
		return errors.New(reply.Error)
	}
	return nil
}

// Stop broadcasts a stop; the owning runner acts on it.
func (d *Dispatcher) Stop(botID, reason string) error {
	data, _ := json.Marshal(map[string]string{"bot_id": botID, "reason": reason})
	return d.nc.Publish(subjects.BotStop, data)
}

// WatchHeartbeats records when each bot was last heard of.
func (d *Dispatcher) WatchHeartbeats() error {
	_, err := d.nc.QueueSubscribe(subjects.BotHeartbeats, queueGroup, func(m *nats.Msg) {
		// bot.<id>.heartbeat
		parts := strings.Split(m.Subject, ".")
		if len(parts) != 3 {
			return
		}
		d.mu.Lock()
		d.lastSeen[parts[1]] = time.Now()
		d.mu.Unlock()
	})
	return err
}

// LastSeen returns when a bot last sent a heartbeat.
func (d *Dispatcher) LastSeen(botID string) (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	t, ok := d.lastSeen[botID]
	return t, ok
}

// WatchStatus consumes state changes so failed bots can be restarted by the scheduler.
func WatchStatus(ctx context.Context, js jetstream.JetStream, onStatus func(botID, state string)) (jetstream.ConsumeContext, error) {
	cons, err := js.CreateOrUpdateConsumer(ctx, "BOT_EVENTS", jetstream.ConsumerConfig{
		Durable:       statusConsumer,
		FilterSubject: subjects.BotStatus,
		AckPolicy:     jetstream.AckExplicitPolicy,
		DeliverPolicy: jetstream.DeliverNewPolicy,
	})
	if err != nil {
		return nil, err
	}
	return cons.Consume(func(msg jetstream.Msg) {
		var ev struct {
			BotID string `json:"bot_id"`
			State string `json:"state"`
		}
		if json.Unmarshal(msg.Data(), &ev) == nil {
			onStatus(ev.BotID, ev.State)
		}
		_ = msg.Ack()
	})
}

// Package bus connects bot-runner to NATS: commands in, heartbeats and state changes out.
package bus

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"example.com/platform/pkg/subjects"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// queueGroup spreads start commands over all runner replicas: exactly one runner takes each bot.
const queueGroup = "bot-runner"

// botEventsStream keeps a week of bot events for the scheduler and for audits.
const botEventsStream = "BOT_EVENTS"

// Command is the payload of start and stop commands.
type Command struct {
	BotID    string            `json:"bot_id"`
	OwnerID  string            `json:"owner_id"`
	Strategy string            `json:"strategy"`
	ImageTag string            `json:"image_tag,omitempty"`
	Params   map[string]string `json:"params,omitempty"`
	Reason   string            `json:"reason,omitempty"`
}

// Handler acts on commands. Start's error is sent back to the requester.
type Handler interface {
	Start(ctx context.Context, cmd Command) error
	Stop(ctx context.Context, cmd Command) error
}

// Bus wraps the core NATS connection and its JetStream context.
type Bus struct {
	nc *nats.Conn
	js jetstream.JetStream
}

// New wraps an open connection.
func New(nc *nats.Conn) (*Bus, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	return &Bus{nc: nc, js: js}, nil
}

// EnsureStream creates BOT_EVENTS or updates it to the settings below.
func (b *Bus) EnsureStream(ctx context.Context) error {
	_, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       botEventsStream,
		Subjects:   []string{subjects.BotEvents},
		Retention:  jetstream.LimitsPolicy,
		Storage:    jetstream.FileStorage,
		MaxAge:     7 * 24 * time.Hour,
		Duplicates: 2 * time.Minute,
	})
	return err
}

// Listen subscribes to start and stop commands. Stop is not queued: every runner sees it and the
// one that owns the bot stops it.
func (b *Bus) Listen(ctx context.Context, h Handler) error {
	if _, err := b.nc.QueueSubscribe(subjects.BotStart, queueGroup, func(m *nats.Msg) {
		var cmd Command
		if err := json.Unmarshal(m.Data, &cmd); err != nil {
			_ = m.Respond([]byte(`{"error":"malformed command"}`))
			return
		}
		reply := []byte(`{"ok":true}`)
		if err := h.Start(ctx, cmd); err != nil {
			reply, _ = json.Marshal(map[string]string{"error": err.Error()})
		}
		_ = m.Respond(reply)
	}); err != nil {
		return fmt.Errorf("subscribe %s: %w", subjects.BotStart, err)
	}
	_, err := b.nc.Subscribe(subjects.BotStop, func(m *nats.Msg) {
		var cmd Command
		if json.Unmarshal(m.Data, &cmd) == nil {
			_ = h.Stop(ctx, cmd)
		}
	})
	return err
}

// Heartbeat tells the scheduler a bot is alive. Core NATS is enough: a lost heartbeat is
// replaced by the next one.
func (b *Bus) Heartbeat(botID string, payload []byte) error {
	return b.nc.Publish(fmt.Sprintf("bot.%s.heartbeat", botID), payload)
}

// PublishStatus records a state change in BOT_EVENTS. The message ID makes retries idempotent
// within the stream's duplicate window.
func (b *Bus) PublishStatus(ctx context.Context, botID, state string, at time.Time) error {
	data, _ := json.Marshal(map[string]any{"bot_id": botID, "state": state, "at": at})
	msgID := fmt.Sprintf("%s-%s-%d", botID, state, at.UnixNano())
	_, err := b.js.Publish(ctx, subjects.BotStatus, data, jetstream.WithMsgID(msgID))
	return err
}

package main

import (
	"context"
	"errors"
	"sync"
	"time"

	botv1 "example.com/platform/pkg/gen/platform/bot/v1"
	"example.com/platform/services/bot-runner/internal/bus"
	"example.com/platform/services/bot-runner/internal/config"
	"example.com/platform/services/bot-runner/internal/grpcserver"
	"example.com/platform/services/bot-runner/internal/metrics"
	"example.com/platform/services/bot-runner/internal/sandbox"
	"example.com/platform/services/bot-runner/internal/store"
)

// errAtCapacity makes the scheduler try another runner instead of queueing here.
var errAtCapacity = errors.New("runner at capacity")

// runner ties the sandbox, the store and the bus together; both the NATS commands and the gRPC
// API drive it.
type runner struct {
	id      string
	sandbox *sandbox.Sandbox
	store   *store.Store
	bus     *bus.Bus
	cfg     config.Config

	mu   sync.Mutex
	bots map[string]string // bot ID → container ID
}

func newRunner(id string, sb *sandbox.Sandbox, st *store.Store, b *bus.Bus, cfg config.Config) *runner {
	return &runner{id: id, sandbox: sb, store: st, bus: b, cfg: cfg, bots: map[string]string{}}
}

func (r *runner) ID() string { return r.id }

// Start is the NATS entry point; it shares startBot with the gRPC path.
func (r *runner) Start(ctx context.Context, cmd bus.Command) error {
	_, err := r.startBot(ctx, sandbox.BotSpec{BotID: cmd.BotID, OwnerID: cmd.OwnerID, Strategy: cmd.Strategy, ImageTag: cmd.ImageTag, Params: cmd.Params})
	return err
}

func (r *runner) startBot(ctx context.Context, spec sandbox.BotSpec) (string, error) {
	r.mu.Lock()
	if len(r.bots) >= r.cfg.MaxConcurrentBots {
		r.mu.Unlock()
		metrics.ContainerStarts.WithLabelValues("capacity").Inc()
		return "", errAtCapacity
	}
	r.mu.Unlock()

	id, err := r.sandbox.Start(ctx, spec)
	if err != nil {
		metrics.ContainerStarts.WithLabelValues("error").Inc()
		return "", err
	}
	metrics.ContainerStarts.WithLabelValues("ok").Inc()
	metrics.ActiveBots.Inc()
	r.mu.Lock()
	r.bots[spec.BotID] = id
	r.mu.Unlock()
	now := time.Now()
	_ = r.store.InsertRun(ctx, store.Run{BotID: spec.BotID, RunnerID: r.id, ContainerID: id, Status: "running", StartedAt: now})
	return id, r.bus.PublishStatus(ctx, spec.BotID, "running", now)
}

// Stop ignores bots this runner does not own: stop commands reach every runner.
func (r *runner) Stop(ctx context.Context, cmd bus.Command) error {
	r.mu.Lock()
	id, ok := r.bots[cmd.BotID]
	delete(r.bots, cmd.BotID)
	r.mu.Unlock()
	if !ok {
		return nil
	}
	if err := r.sandbox.Stop(ctx, id, r.cfg.StopTimeout); err != nil {
		return err
	}
	metrics.ActiveBots.Dec()
	now := time.Now()
	_ = r.store.MarkStopped(ctx, cmd.BotID, "stopped", now)
	return r.bus.PublishStatus(ctx, cmd.BotID, "stopped", now)
}

// heartbeats publishes one heartbeat per running bot every interval until ctx ends.
func (r *runner) heartbeats(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		r.mu.Lock()
		ids := make([]string, 0, len(r.bots))
		for botID := range r.bots {
			ids = append(ids, botID)
		}
		r.mu.Unlock()
		for _, botID := range ids {
			_ = r.bus.Heartbeat(botID, []byte(r.id))
		}
	}
}

var _ grpcserver.Runner = (*apiRunner)(nil)

// apiRunner adapts runner to the gRPC server's interface.
type apiRunner struct{ *runner }

func (a apiRunner) Start(ctx context.Context, req *botv1.StartBotRequest) (string, error) {
	return a.startBot(ctx, sandbox.BotSpec{BotID: req.GetBotId(), OwnerID: req.GetOwnerId(), Strategy: req.GetStrategy(), ImageTag: req.GetImageTag(), Params: req.GetParams(), Symbols: req.GetSymbols()})
}

func (a apiRunner) Stop(ctx context.Context, botID, reason string) error {
	return a.runner.Stop(ctx, bus.Command{BotID: botID, Reason: reason})
}

// Get only knows the bots running here; the console asks every runner.
func (a apiRunner) Get(_ context.Context, botID string) (*botv1.Bot, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.bots[botID]; !ok {
		return nil, grpcserver.ErrNotFound
	}
	return &botv1.Bot{Id: botID, State: botv1.BotState_BOT_STATE_RUNNING, RunnerId: a.id}, nil
}

package schedule

import (
	"context"
	"log/slog"
	"time"

	"example.com/platform/services/bot-scheduler/internal/dispatch"
	"github.com/robfig/cron/v3"
)

// Scheduler starts and stops bots when their cron expressions fire.
type Scheduler struct {
	repo       *Repository
	dispatch   *dispatch.Dispatcher
	loc        *time.Location
	maxRetries int
	parser     cron.Parser
	lastTick   time.Time
}

// New returns a scheduler evaluating cron expressions in loc.
func New(repo *Repository, d *dispatch.Dispatcher, loc *time.Location, maxRetries int) *Scheduler {
	return &Scheduler{
		repo:       repo,
		dispatch:   d,
		loc:        loc,
		maxRetries: maxRetries,
		parser:     cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow),
	}
}

// Run evaluates all schedules every interval. Work is driven by ticks rather than one timer per
// schedule so that edits in Mongo take effect without a restart.
func (s *Scheduler) Run(ctx context.Context, every time.Duration) {
	s.lastTick = time.Now().In(s.loc)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			s.tick(ctx, now.In(s.loc))
		}
	}
}

func (s *Scheduler) tick(ctx context.Context, now time.Time) {
	schedules, err := s.repo.Enabled(ctx)
	if err != nil {
		slog.Warn("load schedules", "err", err)
		return
	}
	for _, sc := range schedules {
		if s.due(sc.StartAt, now) {
			s.start(ctx, sc)
		}
		if s.due(sc.StopAt, now) {
			err := s.dispatch.Stop(sc.BotID, "schedule")
			_ = s.repo.RecordRun(ctx, sc.BotID, "stop", 1, err)
		}
	}
	s.lastTick = now
}

// due reports whether expr fired between the previous tick and now.
func (s *Scheduler) due(expr string, now time.Time) bool {
	if expr == "" {
		return false
	}
	spec, err := s.parser.Parse(expr)
	if err != nil {
		return false
	}
	next := spec.Next(s.lastTick)
	return !next.After(now)
}

// start retries with a doubling pause, since a runner at capacity usually frees up quickly.
func (s *Scheduler) start(ctx context.Context, sc Schedule) {
	cmd := dispatch.StartCommand{BotID: sc.BotID, OwnerID: sc.OwnerID, Strategy: sc.Strategy, Params: sc.Params}
	pause := time.Second
	for attempt := 1; attempt <= s.maxRetries; attempt++ {
		err := s.dispatch.Start(cmd)
		_ = s.repo.RecordRun(ctx, sc.BotID, "start", attempt, err)
		if err == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		pause *= 2
	}
}

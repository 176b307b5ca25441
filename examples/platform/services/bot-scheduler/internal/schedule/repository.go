// Package schedule decides when bots run. Schedules are cron expressions stored per bot; every
// attempt to start or stop a bot is recorded for the console's history view.
package schedule

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

const (
	schedulesCollection = "schedules"
	runsCollection      = "schedule_runs"
)

// Schedule says when one bot should run.
type Schedule struct {
	BotID    string            `bson:"bot_id"`
	OwnerID  string            `bson:"owner_id"`
	Strategy string            `bson:"strategy"`
	StartAt  string            `bson:"start_cron"`
	StopAt   string            `bson:"stop_cron"`
	Params   map[string]string `bson:"params"`
	Enabled  bool              `bson:"enabled"`
}

// Repository reads schedules and appends run records.
type Repository struct {
	schedules *mongo.Collection
	runs      *mongo.Collection
}

// NewRepository binds to a database.
func NewRepository(db *mongo.Database) *Repository {
	return &Repository{
		schedules: db.Collection(schedulesCollection),
		runs:      db.Collection(runsCollection),
	}
}

// EnsureIndexes makes a bot have at most one schedule.
func (r *Repository) EnsureIndexes(ctx context.Context) error {
	_, err := r.schedules.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "bot_id", Value: 1}},
		Options: options.Index().SetUnique(true),
	})
	return err
}

// Enabled returns every schedule that is switched on.
func (r *Repository) Enabled(ctx context.Context) ([]Schedule, error) {
	cur, err := r.schedules.Find(ctx, bson.D{{Key: "enabled", Value: true}})
	if err != nil {
		return nil, err
	}
	var out []Schedule
	err = cur.All(ctx, &out)
	return out, err
}

// RecordRun appends one start or stop attempt.
func (r *Repository) RecordRun(ctx context.Context, botID, action string, attempt int, runErr error) error {
	doc := bson.D{
		{Key: "bot_id", Value: botID},
		{Key: "action", Value: action},
		{Key: "attempt", Value: attempt},
		{Key: "at", Value: time.Now()},
	}
	if runErr != nil {
		doc = append(doc, bson.E{Key: "error", Value: runErr.Error()})
	}
	_, err := r.runs.InsertOne(ctx, doc)
	return err
}

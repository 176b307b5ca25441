// Package store persists bot runs and their captured logs in MongoDB.
package store

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

const (
	runsCollection = "bot_runs"
	logsCollection = "bot_logs"
)

// logRetention bounds the log collection; older lines live only in the bot's artifact bundle.
const logRetention = 14 * 24 * time.Hour

// Run is one start-to-stop life of a bot on a runner.
type Run struct {
	BotID       string    `bson:"bot_id"`
	RunnerID    string    `bson:"runner_id"`
	ContainerID string    `bson:"container_id"`
	Status      string    `bson:"status"`
	StartedAt   time.Time `bson:"started_at"`
	StoppedAt   time.Time `bson:"stopped_at,omitempty"`
}

// Store holds the collections bot-runner owns.
type Store struct {
	runs *mongo.Collection
	logs *mongo.Collection
}

// New binds the store to a database.
func New(db *mongo.Database) *Store {
	return &Store{runs: db.Collection(runsCollection), logs: db.Collection(logsCollection)}
}

// EnsureIndexes creates the indexes queries rely on; creating an existing index is a no-op.
func (s *Store) EnsureIndexes(ctx context.Context) error {
	_, err := s.runs.Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{{Key: "bot_id", Value: 1}, {Key: "started_at", Value: -1}}},
		{Keys: bson.D{{Key: "status", Value: 1}}},
	})
	if err != nil {
		return fmt.Errorf("indexes on %s: %w", runsCollection, err)
	}
	_, err = s.logs.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "created_at", Value: 1}},
		Options: options.Index().SetExpireAfterSeconds(int32(logRetention / time.Second)),
	})
	if err != nil {
		return fmt.Errorf("indexes on %s: %w", logsCollection, err)
	}
	return nil
}

// InsertRun records a bot that has just started.
func (s *Store) InsertRun(ctx context.Context, r Run) error {
	_, err := s.runs.InsertOne(ctx, r)
	return err
}

// MarkStopped closes the latest open run of a bot.
func (s *Store) MarkStopped(ctx context.Context, botID, status string, at time.Time) error {
	filter := bson.D{{Key: "bot_id", Value: botID}, {Key: "stopped_at", Value: bson.D{{Key: "$exists", Value: false}}}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: status}, {Key: "stopped_at", Value: at}}}}
	opts := options.FindOneAndUpdate().SetSort(bson.D{{Key: "started_at", Value: -1}})
	return s.runs.FindOneAndUpdate(ctx, filter, update, opts).Err()
}

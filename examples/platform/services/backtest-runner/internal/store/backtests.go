// Package store keeps the state of every backtest in MongoDB; the queue only holds pending work.
package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

const backtestsCollection = "backtests"

// Backtest is the stored state of one run.
type Backtest struct {
	ID         string    `bson:"_id"`
	OwnerID    string    `bson:"owner_id"`
	Strategy   string    `bson:"strategy"`
	Status     string    `bson:"status"`
	ReportKey  string    `bson:"report_key,omitempty"`
	CreatedAt  time.Time `bson:"created_at"`
	FinishedAt time.Time `bson:"finished_at,omitempty"`
}

// Store reads and writes backtests.
type Store struct {
	coll *mongo.Collection
}

// New binds the store to a database.
func New(db *mongo.Database) *Store {
	return &Store{coll: db.Collection(backtestsCollection)}
}

// EnsureIndexes supports the console's "my recent backtests" listing.
func (s *Store) EnsureIndexes(ctx context.Context) error {
	_, err := s.coll.Indexes().CreateOne(ctx, mongo.IndexModel{
		Keys:    bson.D{{Key: "owner_id", Value: 1}, {Key: "created_at", Value: -1}},
		Options: options.Index().SetName("owner_recent"),
	})
	return err
}

// Create stores a queued backtest.
func (s *Store) Create(ctx context.Context, b Backtest) error {
	_, err := s.coll.InsertOne(ctx, b)
	return err
}

// Get returns one backtest; mongo.ErrNoDocuments when it does not exist.
func (s *Store) Get(ctx context.Context, id string) (Backtest, error) {
	var b Backtest
	err := s.coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&b)
	return b, err
}

// Finish records the outcome of a run.
func (s *Store) Finish(ctx context.Context, id, status, reportKey string, at time.Time) error {
	_, err := s.coll.UpdateByID(ctx, id, bson.D{{Key: "$set", Value: bson.D{
		{Key: "status", Value: status},
		{Key: "report_key", Value: reportKey},
		{Key: "finished_at", Value: at},
	}}})
	return err
}

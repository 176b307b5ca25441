// Package mongox connects services to the platform's MongoDB deployment with the same timeouts
// everywhere.
package mongox

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"go.mongodb.org/mongo-driver/mongo/readpref"
)

// DatabaseName is the database every service uses unless configured otherwise. Services own
// disjoint collections inside it.
const DatabaseName = "platform"

// Connect dials MongoDB and pings the primary, so a wrong URI fails at start-up rather than on
// the first query.
func Connect(ctx context.Context, uri, appName string) (*mongo.Client, error) {
	opts := options.Client().
		ApplyURI(uri).
		SetAppName(appName).
		SetConnectTimeout(10 * time.Second).
		SetServerSelectionTimeout(5 * time.Second)
	client, err := mongo.Connect(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("mongo connect: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx, readpref.Primary()); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("mongo ping: %w", err)
	}
	return client, nil
}

// Package config reads market-data settings from plain environment variables.
package config

import (
	"errors"
	"os"
	"strings"
	"time"

	"example.com/platform/pkg/health"
)

// Config is market-data's runtime configuration.
type Config struct {
	NATSURL         string
	GRPCAddr        string
	HealthAddr      string
	Exchanges       []string
	SnapshotTTL     time.Duration
	PublishInterval time.Duration
	TickBatchBytes  int
	ArchiveMaxBytes int
	ArchiveInterval time.Duration
	MinIOEndpoint   string
	MinIOAccessKey  string
	MinIOSecretKey  string
	// Sandbox switches every exchange adapter to its test endpoint.
	Sandbox bool
}

// Load reads the environment. MinIO credentials have no default: archiving with someone else's
// keys would be worse than not starting.
func Load() (Config, error) {
	c := Config{
		NATSURL:         getEnv("NATS_URL", "nats://nats:4222"),
		GRPCAddr:        getEnv("GRPC_ADDR", ":9092"),
		HealthAddr:      getEnv("HEALTH_ADDR", health.DefaultAddr),
		Exchanges:       strings.Split(getEnv("EXCHANGES", "binance,kraken"), ","),
		SnapshotTTL:     getEnvDuration("SNAPSHOT_TTL", 2*time.Second),
		PublishInterval: getEnvDuration("PUBLISH_INTERVAL", 250*time.Millisecond),
		TickBatchBytes:  getEnvInt("TICK_BATCH_BYTES", 64<<10),
		ArchiveMaxBytes: getEnvInt("ARCHIVE_MAX_BYTES", 256*1024*1024),
		ArchiveInterval: getEnvDuration("ARCHIVE_INTERVAL", time.Hour),
		MinIOEndpoint:   getEnv("MINIO_ENDPOINT", "minio:9000"),
		MinIOAccessKey:  os.Getenv("MINIO_ACCESS_KEY"),
		MinIOSecretKey:  os.Getenv("MINIO_SECRET_KEY"),
	}
	if v, ok := os.LookupEnv("FEED_SANDBOX"); ok {
		c.Sandbox = v == "true" || v == "1"
	}
	if c.MinIOAccessKey == "" || c.MinIOSecretKey == "" {
		return Config{}, errors.New("config: MINIO_ACCESS_KEY and MINIO_SECRET_KEY are required")
	}
	return c, nil
}

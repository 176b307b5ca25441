// Package config reads backtest-runner settings from the environment. Settings of one
// dependency share a prefix (NATS_, MONGO_, MINIO_, SANDBOX_).
package config

import (
	"fmt"
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is the whole runtime configuration.
type Config struct {
	GRPCAddr   string        `env:"GRPC_ADDR" envDefault:":9091"`
	HealthAddr string        `env:"HEALTH_ADDR" envDefault:":8082"`
	Workers    int           `env:"WORKERS" envDefault:"4"`
	JobTimeout time.Duration `env:"JOB_TIMEOUT" envDefault:"45m"`

	NATS    NATS    `envPrefix:"NATS_"`
	Mongo   Mongo   `envPrefix:"MONGO_"`
	MinIO   MinIO   `envPrefix:"MINIO_"`
	Sandbox Sandbox `envPrefix:"SANDBOX_"`
}

// NATS configures the connection and the job consumer.
type NATS struct {
	URL        string        `env:"URL" envDefault:"nats://nats:4222"`
	AckWait    time.Duration `env:"ACK_WAIT" envDefault:"2m"`
	MaxDeliver int           `env:"MAX_DELIVER" envDefault:"3"`
}

// Mongo has no default URI on purpose: a worker writing to the wrong database is worse than
// one that does not start.
type Mongo struct {
	URI      string `env:"URI,required"`
	Database string `env:"DATABASE" envDefault:"platform"`
}

// MinIO holds the object store credentials used for reports and market data.
type MinIO struct {
	Endpoint  string `env:"ENDPOINT" envDefault:"minio:9000"`
	AccessKey string `env:"ACCESS_KEY,required"`
	SecretKey string `env:"SECRET_KEY,required,unset"`
	UseSSL    bool   `env:"USE_SSL" envDefault:"false"`
}

// Sandbox sizes the container each backtest runs in.
type Sandbox struct {
	Image       string  `env:"IMAGE" envDefault:"registry.example.com/platform/backtest-sandbox:1.8.2"`
	MemoryBytes int64   `env:"MEMORY_BYTES" envDefault:"2147483648"`
	CPUs        float64 `env:"CPUS" envDefault:"2"`
	DataDir     string  `env:"DATA_DIR" envDefault:"/var/lib/backtest/data"`
}

// Load parses the environment.
func Load() (Config, error) {
	var c Config
	if err := env.Parse(&c); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if c.Workers < 1 {
		return Config{}, fmt.Errorf("config: WORKERS must be at least 1, got %d", c.Workers)
	}
	return c, nil
}

// Package config reads bot-runner settings from the environment.
package config

import (
	"fmt"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// Config holds every setting bot-runner reads at start-up. Names are unprefixed because each
// service runs in its own container with its own environment.
type Config struct {
	NATSURL           string        `envconfig:"NATS_URL" default:"nats://nats:4222"`
	MongoURI          string        `envconfig:"MONGO_URI" required:"true"`
	MongoDatabase     string        `envconfig:"MONGO_DATABASE" default:"platform"`
	GRPCAddr          string        `envconfig:"GRPC_ADDR" default:":9090"`
	HealthAddr        string        `envconfig:"HEALTH_ADDR" default:":8081"`
	DockerHost        string        `envconfig:"DOCKER_HOST" default:"unix:///var/run/docker.sock"`
	BotImage          string        `envconfig:"BOT_IMAGE" default:"registry.example.com/platform/bot-sandbox:1.8.2"`
	MaxConcurrentBots int           `envconfig:"MAX_CONCURRENT_BOTS" default:"50"`
	HeartbeatInterval time.Duration `envconfig:"HEARTBEAT_INTERVAL" default:"10s"`
	StopTimeout       time.Duration `envconfig:"STOP_TIMEOUT" default:"30s"`
	LogLevel          string        `envconfig:"LOG_LEVEL" default:"info"`
}

// Load reads the environment and rejects settings that would only fail later.
func Load() (Config, error) {
	var c Config
	if err := envconfig.Process("", &c); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	if c.MaxConcurrentBots <= 0 {
		return Config{}, fmt.Errorf("config: MAX_CONCURRENT_BOTS must be positive, got %d", c.MaxConcurrentBots)
	}
	if c.HeartbeatInterval < time.Second {
		return Config{}, fmt.Errorf("config: HEARTBEAT_INTERVAL below 1s would flood NATS")
	}
	return c, nil
}

// Package config reads bot-scheduler settings through viper. Every key can be set as
// SCHEDULER_<KEY> in the environment (SCHEDULER_TICK_INTERVAL=30s) or in an optional
// scheduler.yaml next to the binary.
package config

import (
	"errors"
	"fmt"
	"time"

	"example.com/platform/pkg/health"
	"example.com/platform/pkg/mongox"
	"github.com/spf13/viper"
)

// Config is the scheduler's resolved configuration.
type Config struct {
	NATSURL       string
	MongoURI      string
	MongoDatabase string
	HealthAddr    string
	TickInterval  time.Duration
	StartTimeout  time.Duration
	MaxRetries    int
	Timezone      *time.Location
}

// Load merges defaults, the optional config file and the environment, in that order.
func Load() (Config, error) {
	v := viper.New()
	v.SetEnvPrefix("SCHEDULER")
	v.AutomaticEnv()

	v.SetDefault("nats_url", "nats://nats:4222")
	v.SetDefault("mongo_uri", "mongodb://mongo:27017")
	v.SetDefault("mongo_database", mongox.DatabaseName)
	v.SetDefault("health_addr", health.DefaultAddr)
	v.SetDefault("tick_interval", "15s")
	v.SetDefault("start_timeout", 5*time.Second)
	v.SetDefault("max_retries", 5)
	v.SetDefault("timezone", "UTC")

	v.SetConfigName("scheduler")
	v.AddConfigPath(".")
	if err := v.ReadInConfig(); err != nil {
		var notFound viper.ConfigFileNotFoundError
		if !errors.As(err, &notFound) {
			return Config{}, fmt.Errorf("config file: %w", err)
		}
	}

	loc, err := time.LoadLocation(v.GetString("timezone"))
	if err != nil {
		return Config{}, fmt.Errorf("config: timezone: %w", err)
	}
	return Config{
		NATSURL:       v.GetString("nats_url"),
		MongoURI:      v.GetString("mongo_uri"),
		MongoDatabase: v.GetString("mongo_database"),
		HealthAddr:    v.GetString("health_addr"),
		TickInterval:  v.GetDuration("tick_interval"),
		StartTimeout:  v.GetDuration("start_timeout"),
		MaxRetries:    v.GetInt("max_retries"),
		Timezone:      loc,
	}, nil
}

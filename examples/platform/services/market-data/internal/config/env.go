package config

import (
	"log/slog"
	"os"
	"strconv"
	"time"
)

// getEnv returns the variable, or def when it is unset or empty. Empty counts as unset because
// compose files write `VAR=` for "use the default".
func getEnv(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// getEnvDuration parses a Go duration; a malformed value is logged and ignored rather than fatal,
// so a typo in one tuning knob does not take the feed down.
func getEnvDuration(key string, def time.Duration) time.Duration {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		slog.Warn("ignoring malformed duration", "var", key, "value", v)
		return def
	}
	return d
}

// getEnvInt parses a base-10 integer with the same fallback rules as getEnvDuration.
func getEnvInt(key string, def int) int {
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		slog.Warn("ignoring malformed integer", "var", key, "value", v)
		return def
	}
	return n
}

// Package metrics declares bot-runner's Prometheus metrics, served on /metrics by pkg/health.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var (
	// ActiveBots is what capacity planning watches against MAX_CONCURRENT_BOTS.
	ActiveBots = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "platform_bot_runner_active_bots",
		Help: "Bots whose container is running on this runner.",
	})

	// ContainerStarts counts start attempts by outcome, so image pull failures stand out.
	ContainerStarts = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "platform_bot_runner_container_starts_total",
		Help: "Container start attempts, by result.",
	}, []string{"result"})
)

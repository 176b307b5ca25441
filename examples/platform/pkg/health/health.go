// Package health serves the probe and metrics endpoints every platform service exposes, so the
// orchestrator can treat all services alike.
package health

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultAddr is where probes and metrics are served unless a service is told otherwise.
const DefaultAddr = ":8081"

// Checker reports whether a dependency the service cannot work without is reachable.
type Checker func(ctx context.Context) error

// NewMux returns the probe routes. Liveness never looks at dependencies: a NATS outage must not
// make the orchestrator restart every pod at once.
func NewMux(ready Checker) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ready(ctx); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.Handle("/metrics", promhttp.Handler())
	return mux
}

// Serve runs the probe server until ctx is cancelled.
func Serve(ctx context.Context, addr string, ready Checker) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           NewMux(ready),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdownCtx)
	}()
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

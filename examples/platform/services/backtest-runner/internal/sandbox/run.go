package sandbox

import (
	"context"
	"fmt"

	"example.com/platform/services/backtest-runner/internal/config"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
)

// backtestPids is lower than it looks: strategies are single-threaded Python, the rest is the
// harness.
const backtestPids = 256

// Runner starts backtest containers.
type Runner struct {
	docker *client.Client
	cfg    config.Sandbox
}

// NewRunner returns a Runner for one Docker host.
func NewRunner(docker *client.Client, cfg config.Sandbox) *Runner {
	return &Runner{docker: docker, cfg: cfg}
}

// Run starts the container for one job and waits for it to exit. Without a network the harness
// cannot upload anything; it leaves its report files in outDir for the worker to store.
func (r *Runner) Run(ctx context.Context, jobID, outDir string, env []string) (int64, error) {
	host := NewHostConfig().
		DropAllCapabilities().
		NoNewPrivileges().
		ReadOnlyRoot().
		Memory(r.cfg.MemoryBytes).
		CPUs(r.cfg.CPUs).
		Pids(backtestPids).
		MountData(r.cfg.DataDir).
		MountOutput(outDir).
		Build()
	cfg := &container.Config{
		Image:  r.cfg.Image,
		User:   "65532:65532",
		Env:    append(env, "BACKTEST_ID="+jobID),
		Labels: map[string]string{"platform.backtest.id": jobID},
	}
	created, err := r.docker.ContainerCreate(ctx, cfg, host, nil, nil, "backtest-"+jobID)
	if err != nil {
		return 0, fmt.Errorf("create backtest container: %w", err)
	}
	if err := r.docker.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		return 0, fmt.Errorf("start backtest container: %w", err)
	}
	waitCh, errCh := r.docker.ContainerWait(ctx, created.ID, container.WaitConditionNotRunning)
	select {
	case res := <-waitCh:
		return res.StatusCode, nil
	case err := <-errCh:
		return 0, err
	}
}

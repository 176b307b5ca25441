// Package sandbox runs user bots in locked-down Docker containers. Bots are untrusted code: the
// container gets no network, no capabilities, a read-only root file system and hard limits.
package sandbox

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
)

// pidsLimit caps processes per bot so that a fork bomb in user code cannot starve the host.
var pidsLimit int64 = 128

// Sandbox creates and stops bot containers on one Docker host.
type Sandbox struct {
	docker   *client.Client
	image    string
	runnerID string
}

// New returns a Sandbox that starts bots from image unless a bot pins another tag.
func New(docker *client.Client, image, runnerID string) *Sandbox {
	return &Sandbox{docker: docker, image: image, runnerID: runnerID}
}

// Start creates and starts the bot's container and returns its ID.
func (s *Sandbox) Start(ctx context.Context, spec BotSpec) (string, error) {
	cfg := &container.Config{
		Image:  s.imageFor(spec),
		User:   "65532:65532",
		Env:    spec.env(),
		Labels: spec.labels(s.runnerID),
	}
	host := &container.HostConfig{
		CapDrop:        []string{"ALL"},
		SecurityOpt:    []string{"no-new-privileges:true", "apparmor=docker-default"},
		ReadonlyRootfs: true,
		NetworkMode:    "none",
		Tmpfs:          map[string]string{"/tmp": "rw,noexec,nosuid,size=64m"},
		Resources: container.Resources{
			Memory:     512 * 1024 * 1024,
			MemorySwap: 512 * 1024 * 1024,
			NanoCPUs:   500_000_000,
			PidsLimit:  &pidsLimit,
		},
	}
	created, err := s.docker.ContainerCreate(ctx, cfg, host, nil, nil, "bot-"+spec.BotID)
	if err != nil {
		return "", fmt.Errorf("create container for bot %s: %w", spec.BotID, err)
	}
	if err := s.docker.ContainerStart(ctx, created.ID, container.StartOptions{}); err != nil {
		return "", fmt.Errorf("start container for bot %s: %w", spec.BotID, err)
	}
	return created.ID, nil
}

// Stop gives the bot timeout to exit on SIGTERM, then removes its container.
func (s *Sandbox) Stop(ctx context.Context, containerID string, timeout time.Duration) error {
	secs := int(timeout / time.Second)
	if err := s.docker.ContainerStop(ctx, containerID, container.StopOptions{Timeout: &secs}); err != nil {
		return fmt.Errorf("stop container %s: %w", containerID, err)
	}
	return s.docker.ContainerRemove(ctx, containerID, container.RemoveOptions{RemoveVolumes: true})
}

// imageFor lets a bot pin another tag of the sandbox image; the repository is always the
// configured one, so bots cannot bring images of their own.
func (s *Sandbox) imageFor(spec BotSpec) string {
	if spec.ImageTag == "" {
		return s.image
	}
	repo := s.image
	if i := strings.LastIndex(repo, ":"); i > strings.LastIndex(repo, "/") {
		repo = repo[:i]
	}
	return repo + ":" + spec.ImageTag
}

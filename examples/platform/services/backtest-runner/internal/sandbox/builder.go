// Package sandbox prepares the containers backtests run in. Backtests execute the same untrusted
// strategy code as live bots, but read historical data from a bind mount instead of the network.
package sandbox

import "github.com/docker/docker/api/types/container"

// HostConfigBuilder assembles a HostConfig step by step, so the hardening each backtest gets is
// spelled out at the call site.
type HostConfigBuilder struct {
	hc container.HostConfig
}

// NewHostConfig starts from a container without network that is removed when it exits.
func NewHostConfig() *HostConfigBuilder {
	return &HostConfigBuilder{hc: container.HostConfig{
		NetworkMode: "none",
		AutoRemove:  true,
	}}
}

// DropAllCapabilities removes every Linux capability.
func (b *HostConfigBuilder) DropAllCapabilities() *HostConfigBuilder {
	b.hc.CapDrop = []string{"ALL"}
	return b
}

// NoNewPrivileges stops setuid binaries in the image from gaining privileges.
func (b *HostConfigBuilder) NoNewPrivileges() *HostConfigBuilder {
	b.hc.SecurityOpt = append(b.hc.SecurityOpt, "no-new-privileges:true")
	return b
}

// ReadOnlyRoot makes the image read-only; strategies get a scratch /tmp.
func (b *HostConfigBuilder) ReadOnlyRoot() *HostConfigBuilder {
	b.hc.ReadonlyRootfs = true
	b.hc.Tmpfs = map[string]string{"/tmp": "rw,noexec,nosuid,size=256m"}
	return b
}

// Memory caps memory and disables swap (swap equal to memory means none).
func (b *HostConfigBuilder) Memory(bytes int64) *HostConfigBuilder {
	b.hc.Resources.Memory = bytes
	b.hc.Resources.MemorySwap = bytes
	return b
}

// CPUs limits the container to n CPUs.
func (b *HostConfigBuilder) CPUs(n float64) *HostConfigBuilder {
	b.hc.Resources.NanoCPUs = int64(n * 1e9)
	return b
}

// Pids caps the number of processes.
func (b *HostConfigBuilder) Pids(n int64) *HostConfigBuilder {
	b.hc.Resources.PidsLimit = &n
	return b
}

// MountData binds the historical data read-only at /data.
func (b *HostConfigBuilder) MountData(hostDir string) *HostConfigBuilder {
	b.hc.Binds = append(b.hc.Binds, hostDir+":/data:ro")
	return b
}

// MountOutput binds the job's output folder at /out, the only writable path besides /tmp.
func (b *HostConfigBuilder) MountOutput(hostDir string) *HostConfigBuilder {
	b.hc.Binds = append(b.hc.Binds, hostDir+":/out:rw")
	return b
}

// Build returns the assembled config.
func (b *HostConfigBuilder) Build() *container.HostConfig {
	hc := b.hc
	return &hc
}

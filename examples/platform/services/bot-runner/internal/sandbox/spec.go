package sandbox

import (
	"fmt"
	"sort"
)

// BotSpec is what the runner needs to start one bot.
type BotSpec struct {
	BotID    string
	OwnerID  string
	Strategy string
	ImageTag string
	Params   map[string]string
	Symbols  []string
}

// env turns the spec into the container environment. Params are sorted so that the same spec
// always yields the same container config, which keeps restarts comparable in the logs.
func (s BotSpec) env() []string {
	out := []string{
		"BOT_ID=" + s.BotID,
		"BOT_OWNER_ID=" + s.OwnerID,
		"BOT_STRATEGY=" + s.Strategy,
	}
	keys := make([]string, 0, len(s.Params))
	for k := range s.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, fmt.Sprintf("BOT_PARAM_%s=%s", k, s.Params[k]))
	}
	for i, sym := range s.Symbols {
		out = append(out, fmt.Sprintf("BOT_SYMBOL_%d=%s", i, sym))
	}
	return out
}

// labels mark containers as platform bots so a restarted runner can find and adopt them.
func (s BotSpec) labels(runnerID string) map[string]string {
	return map[string]string{
		"platform.bot.id":    s.BotID,
		"platform.bot.owner": s.OwnerID,
		"platform.runner.id": runnerID,
	}
}

// Package subjects names the NATS subjects that cross service boundaries. Publishers and
// subscribers live in different modules, so the names are defined once here rather than as
// string literals on both sides.
package subjects

const (
	// BotStart asks a bot-runner to start a bot. The scheduler sends it as a request and treats
	// the reply as the runner's acknowledgement.
	BotStart = "bot.commands.start"

	// BotStop tells every runner to stop a bot; only the runner that owns it acts on it.
	BotStop = "bot.commands.stop"

	// BotHeartbeats matches the per-bot heartbeat subjects (`bot.<id>.heartbeat`).
	BotHeartbeats = "bot.*.heartbeat"

	// BotEvents is captured by the BOT_EVENTS stream.
	BotEvents = "bot.events.>"

	// BotStatus carries state transitions of a bot (pending, running, stopped, failed).
	BotStatus = "bot.events.status"

	// BacktestJobs is captured by the BACKTEST_JOBS work queue.
	BacktestJobs = "backtest.jobs.>"

	// BacktestSubmitted carries one backtest job each.
	BacktestSubmitted = "backtest.jobs.submitted"

	// BacktestCompleted announces a finished backtest and where its report is stored.
	BacktestCompleted = "backtest.results.completed"

	// MarketTicks is captured by the MARKET_TICKS stream.
	MarketTicks = "market.ticks.>"

	// MarketSnapshot is a request/reply subject answered with the latest top of book.
	MarketSnapshot = "market.snapshot.get"
)

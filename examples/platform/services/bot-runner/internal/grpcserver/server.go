// Package grpcserver exposes BotRunnerService. It is the synchronous twin of the NATS commands,
// used by the web console; both paths end in the same Runner.
package grpcserver

import (
	"context"
	"errors"

	botv1 "example.com/platform/pkg/gen/platform/bot/v1"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Runner is the part of the runner the API needs.
type Runner interface {
	Start(ctx context.Context, req *botv1.StartBotRequest) (containerID string, err error)
	Stop(ctx context.Context, botID, reason string) error
	Get(ctx context.Context, botID string) (*botv1.Bot, error)
	ID() string
}

// ErrNotFound is returned by Runner.Get for unknown bots.
var ErrNotFound = errors.New("bot not found")

// Server implements botv1.BotRunnerServiceServer. StreamLogs, UploadArtifact and Control are
// not served by the runner yet; the embedded type answers them with codes.Unimplemented.
type Server struct {
	botv1.UnimplementedBotRunnerServiceServer
	runner Runner
}

// New returns a server backed by runner.
func New(runner Runner) *Server {
	return &Server{runner: runner}
}

// StartBot starts the bot and answers once its container runs.
func (s *Server) StartBot(ctx context.Context, req *botv1.StartBotRequest) (*botv1.StartBotResponse, error) {
	if req.GetBotId() == "" {
		return nil, status.Error(codes.InvalidArgument, "bot_id is required")
	}
	id, err := s.runner.Start(ctx, req)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "start bot: %v", err)
	}
	return &botv1.StartBotResponse{BotId: req.GetBotId(), ContainerId: id, RunnerId: s.runner.ID()}, nil
}

// StopBot stops the bot; stopping a stopped bot succeeds.
func (s *Server) StopBot(ctx context.Context, req *botv1.StopBotRequest) (*emptypb.Empty, error) {
	if err := s.runner.Stop(ctx, req.GetBotId(), req.GetReason()); err != nil {
		return nil, status.Errorf(codes.Internal, "stop bot: %v", err)
	}
	return &emptypb.Empty{}, nil
}

// GetBot returns the bot's current state.
func (s *Server) GetBot(ctx context.Context, req *botv1.GetBotRequest) (*botv1.Bot, error) {
	bot, err := s.runner.Get(ctx, req.GetBotId())
	if errors.Is(err, ErrNotFound) {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	return bot, err
}

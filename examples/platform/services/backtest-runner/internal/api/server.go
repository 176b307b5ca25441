// Package api serves BacktestService. Submitting only stores and enqueues the job; the workers
// do the rest.
package api

import (
	"context"
	"errors"
	"strings"
	"time"

	backtestv1 "example.com/platform/pkg/gen/platform/backtest/v1"
	"example.com/platform/services/backtest-runner/internal/jobs"
	"example.com/platform/services/backtest-runner/internal/store"
	"github.com/google/uuid"
	"github.com/nats-io/nats.go/jetstream"
	"go.mongodb.org/mongo-driver/mongo"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Server implements backtestv1.BacktestServiceServer. WatchProgress and CancelBacktest are
// answered by the embedded type until the harness reports progress.
type Server struct {
	backtestv1.UnimplementedBacktestServiceServer
	js    jetstream.JetStream
	store *store.Store
}

// New returns a server.
func New(js jetstream.JetStream, st *store.Store) *Server {
	return &Server{js: js, store: st}
}

// SubmitBacktest validates the request, records it and enqueues it.
func (s *Server) SubmitBacktest(ctx context.Context, req *backtestv1.SubmitBacktestRequest) (*backtestv1.SubmitBacktestResponse, error) {
	if req.GetStrategy() == "" || len(req.GetSymbols()) == 0 {
		return nil, status.Error(codes.InvalidArgument, "strategy and at least one symbol are required")
	}
	if !req.GetFrom().AsTime().Before(req.GetTo().AsTime()) {
		return nil, status.Error(codes.InvalidArgument, "from must be before to")
	}
	id := uuid.NewString()
	if err := s.store.Create(ctx, store.Backtest{ID: id, Strategy: req.GetStrategy(), Status: "queued", CreatedAt: time.Now()}); err != nil {
		return nil, status.Errorf(codes.Internal, "store backtest: %v", err)
	}
	job := jobs.Job{
		ID:             id,
		Strategy:       req.GetStrategy(),
		Symbols:        req.GetSymbols(),
		From:           req.GetFrom().AsTime(),
		To:             req.GetTo().AsTime(),
		InitialCapital: req.GetInitialCapital(),
		Params:         req.GetParams(),
	}
	if err := jobs.Enqueue(ctx, s.js, job); err != nil {
		return nil, status.Errorf(codes.Unavailable, "enqueue: %v", err)
	}
	return &backtestv1.SubmitBacktestResponse{BacktestId: id}, nil
}

// GetBacktest returns the stored state.
func (s *Server) GetBacktest(ctx context.Context, req *backtestv1.GetBacktestRequest) (*backtestv1.Backtest, error) {
	b, err := s.store.Get(ctx, req.GetBacktestId())
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, status.Error(codes.NotFound, "no such backtest")
	}
	if err != nil {
		return nil, status.Errorf(codes.Internal, "load backtest: %v", err)
	}
	out := &backtestv1.Backtest{Id: b.ID, ReportKey: b.ReportKey, CreatedAt: timestamppb.New(b.CreatedAt)}
	if !b.FinishedAt.IsZero() {
		out.FinishedAt = timestamppb.New(b.FinishedAt)
	}
	out.Status = backtestv1.BacktestStatus(backtestv1.BacktestStatus_value["BACKTEST_STATUS_"+strings.ToUpper(b.Status)])
	return out, nil
}

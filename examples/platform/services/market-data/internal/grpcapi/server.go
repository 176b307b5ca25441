// Package grpcapi serves MarketDataService from the in-process snapshot cache and tick fan-out.
package grpcapi

import (
	"context"

	"example.com/platform/services/market-data/internal/feed"
	marketdatav1 "example.com/platform/services/market-data/internal/gen/marketdata/v1"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Books is the read side of the snapshot cache.
type Books interface {
	Get(exchange, symbol string) (feed.Book, bool)
}

// Ticks fans ticks out to in-process subscribers.
type Ticks interface {
	Subscribe(ctx context.Context, symbols map[string]string) <-chan feed.Tick
}

// Server implements marketdatav1.MarketDataServiceServer. ImportCandles and Subscribe are left to
// the embedded type until the backfill tool moves here.
type Server struct {
	marketdatav1.UnimplementedMarketDataServiceServer
	books Books
	ticks Ticks
}

// New returns a server.
func New(books Books, ticks Ticks) *Server {
	return &Server{books: books, ticks: ticks}
}

// GetSnapshot returns the cached book or NotFound.
func (s *Server) GetSnapshot(_ context.Context, req *marketdatav1.GetSnapshotRequest) (*marketdatav1.Snapshot, error) {
	b, ok := s.books.Get(req.GetExchange(), req.GetSymbol())
	if !ok {
		return nil, status.Errorf(codes.NotFound, "no snapshot for %s/%s", req.GetExchange(), req.GetSymbol())
	}
	return &marketdatav1.Snapshot{
		Exchange: b.Exchange,
		Symbol:   b.Symbol,
		BestBid:  &marketdatav1.Snapshot_Level{Price: b.BidPrice, Size: b.BidSize},
		BestAsk:  &marketdatav1.Snapshot_Level{Price: b.AskPrice, Size: b.AskSize},
		AsOf:     timestamppb.New(b.AsOf),
	}, nil
}

// StreamTicks sends ticks for the requested symbols until the client cancels.
func (s *Server) StreamTicks(req *marketdatav1.StreamTicksRequest, stream marketdatav1.MarketDataService_StreamTicksServer) error {
	for t := range s.ticks.Subscribe(stream.Context(), req.GetSymbols()) {
		err := stream.Send(&marketdatav1.Tick{
			Exchange: t.Exchange,
			Symbol:   t.Symbol,
			Price:    t.Price,
			Size:     t.Size,
			Side:     marketdatav1.Tick_Side(marketdatav1.Tick_Side_value["SIDE_"+t.Side]),
			Ts:       timestamppb.New(t.At),
		})
		if err != nil {
			return err
		}
	}
	return stream.Context().Err()
}

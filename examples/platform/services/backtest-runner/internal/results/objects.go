// Package results stores backtest reports in MinIO. Keys are grouped per run so a whole run can
// be listed or deleted with one prefix.
package results

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/minio/minio-go/v7"
)

// bucket holds every artifact a backtest produces.
const bucket = "backtest-results"

// Store uploads run artifacts.
type Store struct {
	client *minio.Client
}

// New returns a store and makes sure the bucket exists.
func New(ctx context.Context, client *minio.Client) (*Store, error) {
	exists, err := client.BucketExists(ctx, bucket)
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", bucket, err)
	}
	if !exists {
		if err := client.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
			return nil, fmt.Errorf("make bucket %s: %w", bucket, err)
		}
	}
	return &Store{client: client}, nil
}

// ReportKey is where the JSON summary of a run lives; the API hands it out as report_key.
func ReportKey(runID string) string {
	return path.Join("runs", runID, "report.json")
}

// UploadRun stores the files the harness left in outDir and returns the report key.
func (s *Store) UploadRun(ctx context.Context, runID, outDir string) (string, error) {
	uploads := map[string]string{
		ReportKey(runID): "report.json",
		fmt.Sprintf("runs/%s/equity.parquet", runID): "equity.parquet",
		path.Join("runs", runID, "trades.csv"):       "trades.csv",
	}
	for key, name := range uploads {
		file := filepath.Join(outDir, name)
		if _, err := os.Stat(file); err != nil {
			continue // a run without trades writes no trades.csv
		}
		if _, err := s.client.FPutObject(ctx, bucket, key, file, minio.PutObjectOptions{}); err != nil {
			return "", fmt.Errorf("upload %s: %w", key, err)
		}
	}
	return ReportKey(runID), nil
}

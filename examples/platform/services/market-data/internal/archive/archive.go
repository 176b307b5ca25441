// Package archive writes closed candles to MinIO, one object per exchange, symbol and day, which
// is the layout backtests read.
package archive

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"time"

	"github.com/minio/minio-go/v7"
)

// candlesBucket is also the source of the historical data folders backtests mount.
const candlesBucket = "market-candles"

// Archiver uploads daily candle files.
type Archiver struct {
	client   *minio.Client
	maxBytes int
}

// New returns an archiver refusing objects larger than maxBytes; a file that large means the
// aggregation is broken, not that the day was busy.
func New(client *minio.Client, maxBytes int) *Archiver {
	return &Archiver{client: client, maxBytes: maxBytes}
}

// ObjectKey names the candles of one exchange, symbol and UTC day.
func ObjectKey(exchange, symbol string, day time.Time) string {
	return path.Join("candles", exchange, symbol, fmt.Sprintf("%s.parquet", day.UTC().Format("2006-01-02")))
}

// Put uploads one day of candles, replacing an earlier upload of the same day.
func (a *Archiver) Put(ctx context.Context, exchange, symbol string, day time.Time, parquet []byte) error {
	if len(parquet) > a.maxBytes {
		return fmt.Errorf("candles %s/%s %s: %d bytes exceeds ARCHIVE_MAX_BYTES", exchange, symbol, day.Format("2006-01-02"), len(parquet))
	}
	_, err := a.client.PutObject(ctx, candlesBucket, ObjectKey(exchange, symbol, day), bytes.NewReader(parquet), int64(len(parquet)),
		minio.PutObjectOptions{ContentType: "application/vnd.apache.parquet"})
	return err
}

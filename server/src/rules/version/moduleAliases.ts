// Names docs use for Go modules. A doc may say "gRPC", "NATS" or "MongoDB driver"; the go.mod says
// a module path. Literal module paths always work; `.doc-truth.json` `moduleAliases` extends this.

export const BUILTIN_MODULE_ALIASES: Record<string, string[]> = {
  grpc: ['google.golang.org/grpc'],
  'grpc-go': ['google.golang.org/grpc'],
  protobuf: ['google.golang.org/protobuf', 'github.com/golang/protobuf'],
  'protobuf runtime': ['google.golang.org/protobuf'],
  'protocol buffers': ['google.golang.org/protobuf'],
  nats: ['github.com/nats-io/nats.go'],
  'nats.go': ['github.com/nats-io/nats.go'],
  'nats client': ['github.com/nats-io/nats.go'],
  'nats go client': ['github.com/nats-io/nats.go'],
  'nats jetstream': ['github.com/nats-io/nats.go'],
  jetstream: ['github.com/nats-io/nats.go'],
  mongodb: ['go.mongodb.org/mongo-driver', 'go.mongodb.org/mongo-driver/v2'],
  'mongodb driver': ['go.mongodb.org/mongo-driver', 'go.mongodb.org/mongo-driver/v2'],
  'mongo driver': ['go.mongodb.org/mongo-driver', 'go.mongodb.org/mongo-driver/v2'],
  'mongo-driver': ['go.mongodb.org/mongo-driver', 'go.mongodb.org/mongo-driver/v2'],
  mongo: ['go.mongodb.org/mongo-driver', 'go.mongodb.org/mongo-driver/v2'],
  minio: ['github.com/minio/minio-go/v7', 'github.com/minio/minio-go/v6'],
  'minio-go': ['github.com/minio/minio-go/v7', 'github.com/minio/minio-go/v6'],
  'minio client': ['github.com/minio/minio-go/v7'],
  docker: ['github.com/docker/docker'],
  'docker sdk': ['github.com/docker/docker'],
  'docker client': ['github.com/docker/docker'],
  'docker engine sdk': ['github.com/docker/docker'],
  cron: ['github.com/robfig/cron/v3', 'github.com/robfig/cron', 'github.com/go-co-op/gocron/v2', 'github.com/go-co-op/gocron'],
  'robfig/cron': ['github.com/robfig/cron/v3'],
  gocron: ['github.com/go-co-op/gocron/v2', 'github.com/go-co-op/gocron'],
  viper: ['github.com/spf13/viper'],
  cobra: ['github.com/spf13/cobra'],
  'urfave/cli': ['github.com/urfave/cli/v2', 'github.com/urfave/cli/v3', 'github.com/urfave/cli'],
  envconfig: ['github.com/kelseyhightower/envconfig'],
  'caarlos0/env': ['github.com/caarlos0/env/v11', 'github.com/caarlos0/env/v10', 'github.com/caarlos0/env/v9', 'github.com/caarlos0/env/v6'],
  prometheus: ['github.com/prometheus/client_golang'],
  'prometheus client': ['github.com/prometheus/client_golang'],
  client_golang: ['github.com/prometheus/client_golang'],
  zap: ['go.uber.org/zap'],
  zerolog: ['github.com/rs/zerolog'],
  logrus: ['github.com/sirupsen/logrus'],
  redis: ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8'],
  'go-redis': ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8'],
  pgx: ['github.com/jackc/pgx/v5', 'github.com/jackc/pgx/v4'],
  gin: ['github.com/gin-gonic/gin'],
  echo: ['github.com/labstack/echo/v4'],
  chi: ['github.com/go-chi/chi/v5'],
  'gorilla/mux': ['github.com/gorilla/mux'],
  opentelemetry: ['go.opentelemetry.io/otel'],
  otel: ['go.opentelemetry.io/otel'],
  testify: ['github.com/stretchr/testify'],
  uuid: ['github.com/google/uuid'],
  'yaml.v3': ['gopkg.in/yaml.v3'],
  errgroup: ['golang.org/x/sync'],
  'x/sync': ['golang.org/x/sync'],
};

/** Words that, after a product name, mean the version is of something else than the Go module. */
export const NON_MODULE_QUALIFIERS = /^\s*(server|cluster|broker|image|container|engine|daemon|cli|binary|version of the server)\b/i;

/** The built-in aliases with a config's own; the same table while the config says the same (patterns are compiled per table). */
export function aliasTable(extra: Record<string, string>): Map<string, string[]> {
  const key = JSON.stringify(extra);
  let table = tables.get(key);
  if (!table) {
    table = new Map<string, string[]>(Object.entries(BUILTIN_MODULE_ALIASES));
    for (const [name, path] of Object.entries(extra)) table.set(name.toLowerCase(), [path]);
    if (tables.size >= 8) tables.clear();
    tables.set(key, table);
  }
  return table;
}

const tables = new Map<string, Map<string, string[]>>();

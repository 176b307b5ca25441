// data-bucket: a MinIO/S3 bucket the doc names that the code never uses and no setting defaults to.
import { nameRule } from './nameRule';

export const dataBucket = nameRule({
  id: 'data-bucket',
  description: 'A MinIO bucket named by the doc is neither used by the code nor a configured default.',
  kind: 'minio-bucket',
  noun: 'bucket',
  word: /buckets?/,
  header: /^buckets?( name)?$/,
  envName: /BUCKET/,
  valid: (v) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v),
});

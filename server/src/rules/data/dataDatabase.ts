// data-database: a MongoDB database the doc names that is neither opened by the code nor the
// default of a database setting.
import { nameRule } from './nameRule';

export const dataDatabase = nameRule({
  id: 'data-database',
  description: 'A MongoDB database named by the doc is neither used by the code nor a configured default.',
  kind: 'mongo-database',
  noun: 'database',
  word: /databases?|db/,
  header: /^(databases?|db)( name)?$/,
  envName: /(^|_)(DB|DATABASE|DB_NAME|DATABASE_NAME)$/,
  valid: (v) => /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(v) && !/^[A-Z0-9_]+$/.test(v),
});
